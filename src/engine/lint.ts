/**
 * The engine: parse once, build the model once, run the rules, localise the findings.
 * Adapters (CLI, Action, remark plugin) call lintText() and translate its diagnostics.
 */
import type { Root } from 'mdast';
import { builtinRules } from '../../rules/index.ts';
import { checkBudget, type ParseLimits } from './budget.ts';
import { aliasIndex, buildDigest, type AgencyAliases } from './digest.ts';
import { applyDirectives, blankComments, findComments, parseDirectives, type Directive } from './directives.ts';
import { t } from './messages.ts';
import type { MessageId } from './messages.ts';
import { runSetRules } from './set.ts';
import { buildModel } from '../reading/build.ts';
import type { ReportModel } from '../model/schema.ts';
import { parseMarkdown } from '../reading/parse.ts';
import { formatMessage, type At, type Fix, type ReportDescriptor, type ReportDigest, type Rule, type SuggestionDescriptor } from '../rule.ts';
import type { Diagnostic, LintResult, Locale, SeverityLevel, Suggestion, TextEdit } from '../types.ts';

/** The effective setting of one rule: 0 = off. `options` has been parsed by the rule's schema. */
export interface RuleSetting {
  severity: SeverityLevel | 0;
  options: unknown;
}

export interface ResolvedConfig {
  /** Settings by rule id; rules not listed run with their defaults. */
  rules: Readonly<Record<string, RuleSetting>>;
  /**
   * Rules from the config's plugins and ruleFiles (ids `<plugin>/<id>`), run after the built-in
   * rules whenever lintText is not given its own `rules`.
   */
  pluginRules?: readonly Rule[];
  /** The config's `agencies`: names of one agency (renamed agencies), for cross-report rules. */
  agencies?: AgencyAliases;
}

export interface LintTextOptions {
  filePath?: string;
  locale?: Locale;
  config?: ResolvedConfig;
  /** The rules to run (default: the built-in rules). */
  rules?: readonly Rule[];
  /** A tree already parsed from `source` (the remark plugin passes its own). */
  tree?: Root;
  /**
   * Report `<!-- xxgk-lint-disable … -->` comments that suppressed nothing (and rule ids they name
   * that do not exist), as `unused-disable` findings: true or 1 = warnings, 2 = errors.
   */
  reportUnusedDisable?: boolean | SeverityLevel;
  /**
   * Other reports of the run (digests, see digestText), for the rules' `checkSet`: the same
   * agency's report for the year before, say. Without them cross-report rules find nothing.
   */
  related?: readonly ReportDigest[];
  /**
   * Whether the file is an annual report: `auto` (default) decides from its content (see
   * `looksLikeReport`); `report` and `notReport` force it (config `reports` / `notReports`).
   */
  classify?: 'auto' | 'report' | 'notReport';
  /**
   * Limits checked on the text before it is parsed (src/engine/budget.ts): a file beyond one gets a
   * single fatal message instead of overflowing the stack or parsing for minutes.
   */
  limits?: Partial<ParseLimits>;
  /**
   * Return the report model with the result (`result.model`), for formatters that draw the tables
   * (--format html, the web page). Off by default: the JSON output never carries it.
   */
  keepModel?: boolean;
}

/**
 * Whether the content shows an annual report: a title line with a year (3 points: it says what
 * the file is), the parts' headings (4 or more: 2, 2–3: 1), table rows read (5 or more: 2, some:
 * 1), a statistical period (1); three points make a report. A damaged report keeps enough of
 * these; a README, a changelog or a writing guide that names the parts and tables has too few.
 */
export function looksLikeReport(evidence: ReportModel['evidence']): boolean {
  const score =
    (evidence.title ? 3 : 0) +
    (evidence.parts >= 4 ? 2 : evidence.parts >= 2 ? 1 : 0) +
    (evidence.tableRows >= 5 ? 2 : evidence.tableRows >= 1 ? 1 : 0) +
    (evidence.period ? 1 : 0);
  return score >= 3;
}

/**
 * One report read and checked by the per-file rules (`check`), before the cross-report rules
 * (`checkSet`) and the inline directives: a plain serialisable object, so that it can be produced
 * in a worker process. `finishAnalysis` turns it into the LintResult.
 */
export interface FileAnalysis {
  filePath: string;
  /** The per-file rules' findings, before directives apply. */
  messages: Diagnostic[];
  directives: Directive[];
  /** What cross-report rules see of this report; null when the report could not be read. */
  digest: ReportDigest | null;
  /** Set when the file is not linted (unreadable, or not a report): the result as it stands. */
  failed?: LintResult;
  /** The report model, when `keepModel` asked for it. */
  model?: ReportModel;
}

const SEVERITY: Record<'warn' | 'error', SeverityLevel> = { warn: 1, error: 2 };

export function defaultSetting(rule: Rule): RuleSetting {
  return { severity: SEVERITY[rule.meta.defaultSeverity], options: rule.meta.options.parse({}) };
}

/** The rule set of a run: the base rules (the built-in ones unless given) and the config's plugin rules. */
export function ruleSet(config: ResolvedConfig | undefined, base: readonly Rule[] = builtinRules): readonly Rule[] {
  const plugin = config?.pluginRules ?? [];
  return plugin.length > 0 ? [...base, ...plugin] : base;
}

/** The rules lintText runs for these options: its own `rules`, else the rule set of its config. */
export function rulesToRun(options: Pick<LintTextOptions, 'rules' | 'config'>): readonly Rule[] {
  return options.rules ?? ruleSet(options.config);
}

export function lintText(source: string, options: LintTextOptions = {}): LintResult {
  const analysis = analyzeText(source, options);
  if (!analysis.digest) return finishAnalysis(analysis, [], options);
  const reports = [analysis.digest, ...(options.related ?? [])];
  const extra = runSetRules([analysis.digest], reports, rulesToRun(options), options.config, options.locale ?? 'zh-CN');
  return finishAnalysis(analysis, extra.get(analysis.digest) ?? [], options);
}

/**
 * Reads the report and runs the per-file rules (`check`). With `digestOnly`, runs no rule: the
 * report is read as context for cross-report rules (the Action's last-year reports).
 */
export function analyzeText(original: string, options: LintTextOptions & { digestOnly?: boolean } = {}): FileAnalysis {
  const filePath = options.filePath ?? '<text>';
  const locale = options.locale ?? 'zh-CN';
  const source = normalizeLineEndings(original);
  const failed = (result: LintResult): FileAnalysis => ({ filePath, messages: [], directives: [], digest: null, failed: result });
  let tree: Root;
  // A tree parsed from \r\n text has offsets into that text: parse the normalised text again.
  if (options.tree && source.length === original.length) {
    tree = options.tree;
  } else {
    const exceeded = checkBudget(source, options.limits);
    if (exceeded) return failed(fatalText(filePath, exceeded.messageId, locale, exceeded.data));
    try {
      tree = parseMarkdown(source);
    } catch (error) {
      // What the budget did not foresee: the file's own fatal message, not the run's end.
      if (isStackOverflow(error)) return failed(fatalText(filePath, 'fileStackOverflow', locale));
      throw error;
    }
  }
  try {
    const analysis = analyzeTree(source, tree, filePath, locale, options);
    return source === original ? analysis : { ...analysis, messages: analysis.messages.map(originalOffsets(original)) };
  } catch (error) {
    // A tree deep enough to overflow our own walks (a remark plugin's tree is not checked first).
    if (isStackOverflow(error)) return failed(fatalText(filePath, 'fileStackOverflow', locale));
    throw error;
  }
}

function analyzeTree(source: string, tree: Root, filePath: string, locale: Locale, options: LintTextOptions & { digestOnly?: boolean }): FileAnalysis {
  // HTML comments (control comments among them) are not report content: the model reads the text
  // with them blanked out; offsets, lines and columns are unchanged.
  const comments = findComments(source, tree);
  const directives = parseDirectives(source, comments);
  let model: ReportModel;
  try {
    model = buildModel(blankComments(source, comments), tree);
  } catch (error) {
    // A bug of ours must not pass a file silently: it is reported against the file.
    const message = t('internalErrorRead', locale, { detail: String(error) });
    return {
      filePath,
      messages: [],
      directives: [],
      digest: null,
      failed: { ...summarize(filePath, []), fatal: { messageId: 'internalError', message }, errorCount: 1 },
    };
  }
  const classify = options.classify ?? 'auto';
  if (classify === 'notReport' || (classify === 'auto' && !looksLikeReport(model.evidence))) {
    return { filePath, messages: [], directives: [], digest: null, failed: { ...summarize(filePath, []), notReport: true } };
  }
  const rules = rulesToRun(options);
  // The prose is only extracted when a cross-report rule will read it.
  const setRuleOn = rules.some((rule) => typeof rule.checkSet === 'function' && (options.config?.rules[rule.meta.id] ?? defaultSetting(rule)).severity !== 0);
  const digest = buildDigest(filePath, model, tree, source, aliasIndex(options.config?.agencies), setRuleOn);
  const messages: Diagnostic[] = [];
  if (!options.digestOnly) {
    for (const rule of rules) {
      if (typeof rule.check !== 'function') continue;
      const setting = options.config?.rules[rule.meta.id] ?? defaultSetting(rule);
      if (setting.severity === 0) continue;
      runRule(rule, setting, { source, tree, model, locale }, messages);
    }
  }
  return { filePath, messages, directives, digest, ...(options.keepModel ? { model } : {}) };
}

/** The digest of a report text, for `LintTextOptions.related` (tests, editors, the remark plugin). */
export function digestText(source: string, options: Pick<LintTextOptions, 'filePath' | 'config'> = {}): ReportDigest | null {
  return analyzeText(source, { ...options, digestOnly: true }).digest;
}

/** The LintResult of an analysis, with the cross-report rules' findings: directives applied, agency and year added. */
export function finishAnalysis(
  analysis: FileAnalysis,
  setMessages: readonly Diagnostic[],
  options: Pick<LintTextOptions, 'locale' | 'rules' | 'config' | 'reportUnusedDisable'>,
): LintResult {
  if (analysis.failed) return analysis.failed;
  const { filePath, directives, digest, model } = analysis;
  const messages = setMessages.length > 0 ? [...analysis.messages, ...setMessages] : analysis.messages;
  const identity: Pick<LintResult, 'agency' | 'year' | 'model'> = {};
  if (digest?.agency) identity.agency = digest.agency;
  if (digest?.year != null) identity.year = digest.year;
  if (model) identity.model = model;
  if (directives.length === 0) return { ...summarize(filePath, messages), ...identity };
  const reportUnused = options.reportUnusedDisable === true ? 1 : options.reportUnusedDisable || 0;
  const rules = rulesToRun(options);
  const applied = applyDirectives(messages, directives, {
    knownRuleIds: new Set(rules.map((r) => r.meta.id)),
    reportUnused,
    locale: options.locale ?? 'zh-CN',
  });
  const result = { ...summarize(filePath, [...applied.messages, ...applied.unused]), ...identity };
  return applied.suppressed.length > 0 ? { ...result, suppressedMessages: applied.suppressed } : result;
}

/**
 * Old Mac exports end lines with a lone \r, Windows with \r\n, some converters mix them. An editor
 * (and micromark) ends a line at each of \r\n, \r and \n; the reading code splits on \n. Every
 * line ending becomes \n: each character keeps its line and column, so the findings' positions are
 * those the editor shows for the original text (only offsets into it differ, by one per \r\n).
 */
export function normalizeLineEndings(source: string): string {
  return source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
}

/**
 * Fixes are offsets into the text the rules read, where \r\n became \n: moved back to offsets into
 * the original, so that they apply to the file as it is (an edit at a line's end stays before its
 * \r\n).
 */
function originalOffsets(original: string): (m: Diagnostic) => Diagnostic {
  // The normalised offsets of the \n of each \r\n (where a \r was taken out), ascending.
  const removed: number[] = [];
  for (let i = original.indexOf('\r\n'); i >= 0; i = original.indexOf('\r\n', i + 2)) removed.push(i - removed.length);
  const map = (n: number): number => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((removed[mid] ?? 0) < n) lo = mid + 1;
      else hi = mid;
    }
    return n + lo;
  };
  const edit = (e: TextEdit): TextEdit => ({ range: [map(e.range[0]), map(e.range[1])], text: e.text });
  return (m) => {
    if (!m.fix && !m.suggestions) return m;
    const out: Diagnostic = { ...m };
    if (m.fix) out.fix = edit(m.fix);
    if (m.suggestions) out.suggestions = m.suggestions.map((s) => ({ ...s, fix: edit(s.fix) }));
    return out;
  };
}

/** A result with one fatal message about the file and no findings. */
export function fatalText(filePath: string, messageId: MessageId, locale: Locale, data: Record<string, string | number> = {}): LintResult {
  return { ...summarize(filePath, []), fatal: { messageId, message: t(messageId, locale, data) }, errorCount: 1 };
}

/** V8's "Maximum call stack size exceeded" (a RangeError; other RangeErrors are bugs). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

interface RunInput {
  source: string;
  tree: Root;
  model: ReportModel;
  locale: Locale;
}

/**
 * The exceptions of rules that threw, by the finding that reports them (messageId `ruleError`):
 * the CLI exits with 2 for them, as ESLint does, and prints the stack under DEBUG=xxgk-lint.
 */
const ruleErrors = new WeakMap<Diagnostic, unknown>();

/** The exception behind a `ruleError` finding, if it is one. */
export function ruleErrorOf(diagnostic: Diagnostic): unknown {
  return ruleErrors.get(diagnostic);
}

export function runRule(rule: Rule, setting: RuleSetting, input: RunInput, out: Diagnostic[]): void {
  guarded(
    rule,
    input.locale,
    out,
    (report) => rule.check?.({ model: input.model, tree: input.tree, source: input.source, options: setting.options, locale: input.locale, report }),
    setting,
    input.source,
  );
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
      ...location(d.at),
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

function location(at: At): { line: number; column: number; endLine: number; endColumn: number } {
  const end = at.end ?? at.start;
  return { line: at.start.line, column: at.start.column, endLine: end.line, endColumn: end.column };
}

export function summarize(filePath: string, messages: Diagnostic[]): LintResult {
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}
