/**
 * The reporter: turns what a rule reports (`context.report`) into localised findings, checks its
 * fixes and suggestions, and turns a rule that throws into one `ruleError` finding. It imports no
 * reader (lint.ts runs the per-file rules over the tree and the model).
 */
import { t } from './messages.ts';
import type { RuleSetting } from './settings.ts';
import { formatMessage, type At, type Fix, type ReportDescriptor, type Rule, type SuggestionDescriptor } from '../rule.ts';
import type { Diagnostic, Locale, SeverityLevel, Suggestion, TextEdit } from '../types.ts';

/**
 * The exceptions of rules that threw, by the finding that reports them (messageId `ruleError`):
 * the CLI exits with 2 for them, as ESLint does, and prints the stack under DEBUG=xxgk-lint.
 */
const ruleErrors = new WeakMap<Diagnostic, unknown>();

/** The exception behind a `ruleError` finding, if it is one. */
export function ruleErrorOf(diagnostic: Diagnostic): unknown {
  return ruleErrors.get(diagnostic);
}

/**
 * Runs one rule's hook with a `report` that localises its findings into `out`. A rule that throws
 * yields one `ruleError` finding instead of stopping the run.
 */
export function guarded(
  rule: Rule,
  locale: Locale,
  out: Diagnostic[],
  body: (report: (d: ReportDescriptor) => void) => void,
  setting: RuleSetting,
  /** The text fixes apply to; without it (cross-report rules) a rule may not offer fixes. */
  source?: string,
): void {
  const severity = setting.severity as SeverityLevel;
  const report = (d: ReportDescriptor): void => {
    const template = rule.meta.messages[d.messageId];
    if (!template) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${d.messageId}"`);
    const data = d.data ?? {};
    const diagnostic: Diagnostic = {
      ruleId: rule.meta.id,
      messageId: d.messageId,
      severity,
      message: formatMessage(template[locale], data),
      data,
      ...location(d.at, rule.meta.id),
    };
    if (d.fix !== undefined) {
      if (!rule.meta.fixable) throw new Error(`rule ${rule.meta.id} reported a fix but its meta.fixable is not set`);
      if (source === undefined) throw new Error(`rule ${rule.meta.id} reported a fix from checkSet, where fixes are not supported`);
      diagnostic.fix = checkedEdit(d.fix, source, rule.meta.id);
    }
    if (d.suggest !== undefined && d.suggest.length > 0) {
      if (!rule.meta.hasSuggestions) throw new Error(`rule ${rule.meta.id} reported suggestions but its meta.hasSuggestions is not set`);
      if (source === undefined) throw new Error(`rule ${rule.meta.id} reported suggestions from checkSet, where they are not supported`);
      diagnostic.suggestions = d.suggest.map((s) => suggestion(rule, s, { source, locale }));
    }
    out.push(diagnostic);
  };
  try {
    body(report);
  } catch (error) {
    // One faulty rule (a user's own, say) must not hide the others' findings.
    const finding: Diagnostic = {
      ruleId: rule.meta.id,
      messageId: 'ruleError',
      severity: 2,
      message: t('ruleFailed', locale, { rule: rule.meta.id, detail: String(error) }),
      data: {},
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    };
    ruleErrors.set(finding, error);
    out.push(finding);
  }
}

/** A rule's edit, checked: integer offsets within the source, start ≤ end, text a string. */
function checkedEdit(fix: Fix, source: string, ruleId: string): TextEdit {
  const [start, end] = Array.isArray(fix.range) ? fix.range : [NaN, NaN];
  const ok = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= source.length && typeof fix.text === 'string';
  if (!ok) throw new Error(`rule ${ruleId} reported an invalid fix ${JSON.stringify(fix)} (the source has ${source.length} characters)`);
  return { range: [start, end], text: fix.text };
}

function suggestion(rule: Rule, s: SuggestionDescriptor, input: { source: string; locale: Locale }): Suggestion {
  const data = s.data ?? {};
  let desc: string;
  if (s.messageId !== undefined) {
    const template = rule.meta.messages[s.messageId];
    if (!template) throw new Error(`rule ${rule.meta.id} suggested with unknown messageId "${s.messageId}"`);
    desc = formatMessage(template[input.locale], data);
  } else if (s.desc !== undefined) {
    desc = formatMessage(s.desc[input.locale], data);
  } else {
    throw new Error(`rule ${rule.meta.id} made a suggestion with neither messageId nor desc`);
  }
  const fix = checkedEdit(s.fix, input.source, rule.meta.id);
  return { desc, ...(s.messageId !== undefined ? { messageId: s.messageId } : {}), ...(s.data ? { data } : {}), fix };
}

/**
 * A rule's position, checked: lines and columns are whole numbers from 1 (a plugin's `line: -5`,
 * NaN or 1.5 would reach the JSON and SARIF, where GitHub code scanning refuses the whole upload).
 * A bad start is the rule failing (a ruleError finding); an end before the start is the start.
 */
function location(at: At, ruleId: string): { line: number; column: number; endLine: number; endColumn: number } {
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  const start = (typeof at === 'object' && at !== null ? at.start : undefined) as { line?: unknown; column?: unknown } | undefined;
  if (!start || !valid(start.line) || !valid(start.column)) {
    throw new Error(`rule ${ruleId} reported an invalid position ${JSON.stringify(start ?? at)} (line and column are whole numbers from 1)`);
  }
  const end = (at.end ?? at.start) as { line?: unknown; column?: unknown };
  const endValid = valid(end.line) && valid(end.column) && (end.line > start.line || (end.line === start.line && end.column >= start.column));
  return endValid
    ? { line: start.line, column: start.column, endLine: end.line as number, endColumn: end.column as number }
    : { line: start.line, column: start.column, endLine: start.line, endColumn: start.column };
}
