/**
 * RuleTester: runs a rule on valid and invalid cases, as ESLint's does. Every invalid case must
 * report exactly the listed errors (message ids, and where given their data and position), with
 * every placeholder filled and a position; every valid case must report nothing; the rule's
 * metadata must be complete (both locales, known message ids, option defaults). Each case is run
 * in both locales.
 *
 * Each case becomes a test of the test framework: `RuleTester.describe` and `RuleTester.it` when
 * set (for node:test: `RuleTester.describe = describe; RuleTester.it = it;`), else the global
 * `describe` and `it` (jest, mocha, vitest with globals); without any, `run` throws on the first
 * failing case.
 */
import { applyFixes, fixesOf } from '../engine/fix.ts';
import { lintText, defaultSetting, digestText } from '../engine/lint.ts';
import { ruleProblems } from '../define-rule.ts';
import type { ExampleOutput, InvalidRuleExample, ReportDigest, Rule, RuleExample } from '../rule.ts';
import type { Diagnostic, Locale } from '../types.ts';
import { LOCALES } from '../types.ts';
import { exampleCode, sampleReport } from './sample.ts';

/** An expected finding: its message id, and optionally its data and position. */
export interface ExpectedError {
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /**
   * The suggestions the finding must offer, in order (ESLint's shape): each by its message id or
   * description, and the text after applying it alone (`output`). `[]` asserts none.
   */
  suggestions?: readonly ExpectedSuggestion[];
}

export interface ExpectedSuggestion {
  messageId?: string;
  /** The description in the locale being checked is compared only when given (zh-CN text). */
  desc?: string;
  data?: Readonly<Record<string, string | number>>;
  /** The whole text after applying this suggestion. */
  output: string;
}

export interface ValidTestCase extends RuleExample {
  /** The test's name (default: `valid #n` and the title). */
  name?: string;
}

export interface InvalidTestCase extends ValidTestCase {
  /** The findings the rule must report, in order: message ids, or objects that say more. */
  errors: readonly (string | ExpectedError)[];
  /**
   * As ESLint's: the text after one pass of the rule's fixes, or `null` when the rule must offer
   * no fix. Required when the rule fixes the case.
   */
  output?: ExampleOutput;
}

export interface RuleTestCases {
  /** Code (or cases) the rule must accept. */
  valid: readonly (string | ValidTestCase)[];
  invalid: readonly (InvalidTestCase | InvalidRuleExample)[];
}

type TestFn = (name: string, fn: () => void) => unknown;

/** The digests of an example's `related` reports (default paths `related-<n>.md`). */
export function relatedDigests(example: RuleExample): ReportDigest[] {
  return (example.related ?? []).map((related, i) => {
    const filePath = related.filePath ?? `related-${i + 1}.md`;
    const digest = digestText(exampleCode(related), { filePath });
    if (!digest) throw new Error(`related report #${i + 1} (${filePath}) could not be read`);
    return digest;
  });
}

/** Lints `code` with this one rule only; `related` are the other reports of the run (for `checkSet`). */
export function runSingleRule(
  rule: Rule,
  code: string,
  options?: unknown,
  locale: Locale = 'zh-CN',
  related: readonly ReportDigest[] = [],
  filePath?: string,
): Diagnostic[] {
  const base = defaultSetting(rule);
  const setting = { severity: base.severity, options: options === undefined ? base.options : rule.meta.options.parse(options) };
  // A rule example is a report by definition, however short.
  return lintText(code, {
    rules: [rule],
    config: { rules: { [rule.meta.id]: setting } },
    locale,
    related,
    classify: 'report',
    ...(filePath ? { filePath } : {}),
  }).messages;
}

/** Runs a rule example (or test case): its report, options, path and related reports. */
export function runRuleExample(rule: Rule, example: RuleExample, locale: Locale = 'zh-CN'): Diagnostic[] {
  return runSingleRule(rule, exampleCode(example), example.options, locale, relatedDigests(example), example.filePath);
}

const describeError = (e: string | ExpectedError): string => (typeof e === 'string' ? e : JSON.stringify(e));

/** The problems of one case, empty when it passes. */
export function verifyCase(
  rule: Rule,
  testCase: RuleExample | InvalidRuleExample | InvalidTestCase,
  expectInvalid: boolean,
  locales: readonly Locale[] = LOCALES,
): string[] {
  const problems: string[] = [];
  let code: string;
  try {
    code = exampleCode(testCase);
    relatedDigests(testCase);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  if (testCase.options !== undefined) {
    const parsed = rule.meta.options.safeParse(testCase.options);
    if (!parsed.success)
      return [`the case's options are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`];
  }
  const expected = expectInvalid ? ((testCase as InvalidTestCase).errors ?? []) : [];
  if (expectInvalid) {
    if (expected.length === 0) problems.push('an invalid case must list the errors it expects');
    for (const e of expected) {
      const id = typeof e === 'string' ? e : e.messageId;
      if (!(id in rule.meta.messages)) problems.push(`unknown message id "${id}" (the rule has: ${Object.keys(rule.meta.messages).join(', ')})`);
    }
  }
  for (const locale of locales) {
    const messages = runRuleExample(rule, testCase, locale);
    for (const m of messages) {
      if (m.messageId === 'ruleError') problems.push(`[${locale}] the rule threw: ${m.message}`);
      if (/\{\w+\}/.test(m.message)) problems.push(`[${locale}] unfilled placeholder in "${m.message}"`);
      if (!(m.line >= 1 && m.column >= 1 && (m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column)))) {
        problems.push(`[${locale}] bad position ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);
      }
    }
    if (!expectInvalid) {
      if (messages.length > 0)
        problems.push(`[${locale}] expected no report, got: ${messages.map((m) => `${m.line}:${m.column} ${m.messageId} (${m.message})`).join('; ')}`);
      continue;
    }
    const actual = messages.map((m) => m.messageId);
    const ids = expected.map((e) => (typeof e === 'string' ? e : e.messageId));
    if (actual.join(',') !== ids.join(',')) {
      problems.push(
        `[${locale}] expected [${ids.join(', ')}], got [${actual.join(', ')}]: ${messages.map((m) => `${m.line}:${m.column} ${m.message}`).join('; ')}`,
      );
      continue;
    }
    if (locale === locales[0]) problems.push(...verifyOutput(code, messages, (testCase as InvalidTestCase).output));
    expected.forEach((e, i) => {
      const m = messages[i];
      if (typeof e === 'string' || !m) return;
      if (e.suggestions !== undefined) problems.push(...verifySuggestions(code, m, e, i, locale));
      for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
        if (e[key] !== undefined && e[key] !== m[key]) problems.push(`[${locale}] error #${i + 1} (${e.messageId}): expected ${key} ${e[key]}, got ${m[key]}`);
      }
      for (const [key, value] of Object.entries(e.data ?? {})) {
        if (m.data[key] !== value)
          problems.push(`[${locale}] error #${i + 1} (${e.messageId}): expected data.${key} ${JSON.stringify(value)}, got ${JSON.stringify(m.data[key])}`);
      }
    });
  }
  if (problems.length > 0 && expectInvalid) problems.push(`(expected: ${expected.map(describeError).join(', ')})`);
  return problems;
}

/** The case's `output` against one pass of the fixes (ESLint's RuleTester does one pass too). */
function verifyOutput(code: string, messages: readonly Diagnostic[], stated: ExampleOutput | undefined): string[] {
  const fixes = fixesOf(messages);
  let output: string | null | undefined;
  try {
    output = stated === undefined || stated === null || typeof stated === 'string' ? stated : sampleReport(stated.sample);
  } catch (error) {
    return [`the case's output cannot be built: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (output === undefined)
    return fixes.length > 0
      ? [`the rule fixed the code; state the fixed text as the case's \`output\` (got: ${JSON.stringify(applyFixes(code, fixes).output)})`]
      : [];
  if (output === null) return fixes.length > 0 ? [`expected no fix (output: null), but the rule fixed: ${JSON.stringify(fixes)}`] : [];
  if (output === code) return ['`output` equals the code: use `output: null` to assert that there is no fix'];
  if (fixes.length === 0) return [`expected the fixed text ${JSON.stringify(output)}, but the rule offered no fix`];
  const actual = applyFixes(code, fixes).output;
  return actual === output ? [] : [`the fixed text differs:\n    expected ${JSON.stringify(output)}\n    actual   ${JSON.stringify(actual)}`];
}

function verifySuggestions(code: string, m: Diagnostic, e: ExpectedError, i: number, locale: Locale): string[] {
  const problems: string[] = [];
  const expected = e.suggestions ?? [];
  const actual = m.suggestions ?? [];
  const at = `[${locale}] error #${i + 1} (${e.messageId})`;
  if (actual.length !== expected.length) return [`${at}: expected ${expected.length} suggestion(s), got ${actual.length}`];
  expected.forEach((x, j) => {
    const s = actual[j];
    if (!s) return;
    if (x.messageId !== undefined && x.messageId !== s.messageId)
      problems.push(`${at}: suggestion #${j + 1}: expected messageId ${x.messageId}, got ${s.messageId ?? '(none)'}`);
    if (x.desc !== undefined && locale === 'zh-CN' && x.desc !== s.desc)
      problems.push(`${at}: suggestion #${j + 1}: expected desc ${JSON.stringify(x.desc)}, got ${JSON.stringify(s.desc)}`);
    if (/\{\w+\}/.test(s.desc)) problems.push(`${at}: suggestion #${j + 1}: unfilled placeholder in "${s.desc}"`);
    for (const [key, value] of Object.entries(x.data ?? {})) {
      if (s.data?.[key] !== value)
        problems.push(`${at}: suggestion #${j + 1}: expected data.${key} ${JSON.stringify(value)}, got ${JSON.stringify(s.data?.[key])}`);
    }
    const out = applyFixes(code, [s.fix]).output;
    if (out !== x.output)
      problems.push(`${at}: suggestion #${j + 1}: the text after it differs:\n    expected ${JSON.stringify(x.output)}\n    actual   ${JSON.stringify(out)}`);
  });
  return problems;
}

/** The problems of the rule's metadata: what loading it as a plugin rule would report. */
export function verifyMeta(rule: Rule): string[] {
  return ruleProblems(rule, 'rule', 'en').map((p) => `${p.path}: ${p.message}`);
}

export interface RuleTesterOptions {
  /** The locales every case runs in (default: zh-CN and en). */
  locales?: readonly Locale[];
}

export class RuleTester {
  /** The test framework's `describe`; defaults to the global one. */
  static describe: ((name: string, fn: () => void) => unknown) | undefined;
  /** The test framework's `it` (or `test`); defaults to the global one. */
  static it: TestFn | undefined;

  readonly #locales: readonly Locale[];

  constructor(options: RuleTesterOptions = {}) {
    this.#locales = options.locales ?? LOCALES;
  }

  run(rule: Rule, cases: RuleTestCases): void {
    const g = globalThis as { describe?: (name: string, fn: () => void) => unknown; it?: TestFn };
    const describe = RuleTester.describe ?? g.describe;
    const it = RuleTester.it ?? g.it;
    const id = rule?.meta?.id ?? '(rule without meta.id)';
    const each = (name: string, check: () => string[]) => {
      const fn = () => {
        const problems = check();
        if (problems.length > 0) throw new Error(`${id} — ${name}:\n  ${problems.join('\n  ')}`);
      };
      if (it) it(name, fn);
      else fn();
    };
    const body = () => {
      each('meta', () => verifyMeta(rule));
      cases.valid.forEach((c, i) => {
        const testCase: ValidTestCase = typeof c === 'string' ? { code: c } : c;
        each(testCase.name ?? `valid #${i + 1}${testCase.title ? ` ${testCase.title}` : ''}`, () => verifyCase(rule, testCase, false, this.#locales));
      });
      cases.invalid.forEach((c, i) => {
        const name = ('name' in c && typeof c.name === 'string' ? c.name : undefined) ?? `invalid #${i + 1}${c.title ? ` ${c.title}` : ''}`;
        each(name, () => verifyCase(rule, c, true, this.#locales));
      });
    };
    if (describe && it) describe(id, body);
    else body();
  }
}
