/**
 * RuleTester: runs a rule on valid and invalid cases, as ESLint's does. Every invalid case must
 * report exactly the listed message ids, with every placeholder filled and a position; every
 * valid case must report nothing. Under jest (or any runner with global describe/it) each case
 * becomes a test; elsewhere `run` throws on the first failure.
 */
import { lintText, defaultSetting } from '../lint.ts';
import type { InvalidRuleExample, Rule, RuleExample } from '../rule.ts';
import type { Diagnostic, Locale } from '../types.ts';

export interface RuleTestCases {
  valid: readonly RuleExample[];
  invalid: readonly InvalidRuleExample[];
}

type TestFn = (name: string, fn: () => void) => void;

/** Lints `code` with this one rule only. */
export function runSingleRule(rule: Rule, code: string, options?: unknown, locale: Locale = 'zh-CN'): Diagnostic[] {
  const base = defaultSetting(rule);
  const setting = { severity: base.severity, options: options === undefined ? base.options : rule.meta.options.parse(options) };
  return lintText(code, { rules: [rule], config: { rules: { [rule.meta.id]: setting } }, locale }).messages;
}

/** The problems of one case, empty when it passes. */
export function verifyCase(rule: Rule, testCase: RuleExample | InvalidRuleExample, expectInvalid: boolean): string[] {
  const problems: string[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    const messages = runSingleRule(rule, testCase.code, testCase.options, locale);
    for (const m of messages) {
      if (m.messageId === 'ruleError') problems.push(`[${locale}] the rule threw: ${m.message}`);
      if (/\{\w+\}/.test(m.message)) problems.push(`[${locale}] unfilled placeholder in "${m.message}"`);
      if (!(m.line >= 1 && m.column >= 1 && m.endLine >= m.line)) problems.push(`[${locale}] bad position ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);
    }
    if (!expectInvalid) {
      if (messages.length > 0) problems.push(`[${locale}] expected no report, got: ${messages.map((m) => `${m.messageId} (${m.message})`).join('; ')}`);
      continue;
    }
    const expected = (testCase as InvalidRuleExample).errors;
    const actual = messages.map((m) => m.messageId);
    if (expected.length === 0) problems.push('an invalid case must list the message ids it expects');
    for (const id of expected) if (!(id in rule.meta.messages)) problems.push(`unknown message id "${id}"`);
    if (actual.join(',') !== expected.join(',')) problems.push(`[${locale}] expected [${expected.join(', ')}], got [${actual.join(', ')}]: ${messages.map((m) => m.message).join('; ')}`);
  }
  return problems;
}

export class RuleTester {
  run(rule: Rule, cases: RuleTestCases): void {
    const g = globalThis as { describe?: (name: string, fn: () => void) => void; it?: TestFn };
    const each = (name: string, check: () => string[]) => {
      const fn = () => {
        const problems = check();
        if (problems.length > 0) throw new Error(`${rule.meta.id} — ${name}:\n  ${problems.join('\n  ')}`);
      };
      if (g.it) g.it(name, fn);
      else fn();
    };
    const body = () => {
      cases.valid.forEach((c, i) => each(`valid #${i + 1}${c.title ? ` ${c.title}` : ''}`, () => verifyCase(rule, c, false)));
      cases.invalid.forEach((c, i) => each(`invalid #${i + 1}${c.title ? ` ${c.title}` : ''}`, () => verifyCase(rule, c, true)));
    };
    if (g.describe && g.it) g.describe(rule.meta.id, body);
    else body();
  }
}
