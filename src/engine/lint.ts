/**
 * The engine: parse once, build the model once, run the rules, localise the findings.
 * Adapters (CLI, Action, remark plugin) call lintText() and translate its diagnostics.
 */
import type { Root } from 'mdast';
import { builtinRules } from '../../rules/index.ts';
import { checkBudget, type ParseLimits } from './budget.ts';
import { applyDirectives, blankComments, findComments, parseDirectives } from './directives.ts';
import { buildModel } from '../reading/build.ts';
import type { ReportModel } from '../model/schema.ts';
import { parseMarkdown } from '../reading/parse.ts';
import { t } from './messages.ts';
import type { MessageId } from './messages.ts';
import { formatMessage, type At, type ReportDescriptor, type Rule } from '../rule.ts';
import type { Diagnostic, LintResult, Locale, SeverityLevel } from '../types.ts';

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
   * Limits checked on the text before it is parsed (src/engine/budget.ts): a file beyond one gets a
   * single fatal message instead of overflowing the stack or parsing for minutes.
   */
  limits?: Partial<ParseLimits>;
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

export function lintText(original: string, options: LintTextOptions = {}): LintResult {
  const filePath = options.filePath ?? '<text>';
  const locale = options.locale ?? 'zh-CN';
  const source = normalizeLineEndings(original);
  let tree: Root;
  // A tree parsed from \r\n text has offsets into that text: parse the normalised text again.
  if (options.tree && source.length === original.length) {
    tree = options.tree;
  } else {
    const exceeded = checkBudget(source, options.limits);
    if (exceeded) return fatalText(filePath, exceeded.messageId, locale, exceeded.data);
    try {
      tree = parseMarkdown(source);
    } catch (error) {
      // What the budget did not foresee: the file's own fatal message, not the run's end.
      if (isStackOverflow(error)) return fatalText(filePath, 'fileStackOverflow', locale);
      throw error;
    }
  }
  try {
    return lintTree(source, tree, filePath, locale, options);
  } catch (error) {
    // A tree deep enough to overflow our own walks (a remark plugin's tree is not checked first).
    if (isStackOverflow(error)) return fatalText(filePath, 'fileStackOverflow', locale);
    throw error;
  }
}

function lintTree(source: string, tree: Root, filePath: string, locale: Locale, options: LintTextOptions): LintResult {
  // HTML comments (control comments among them) are not report content: the model reads the text
  // with them blanked out; offsets, lines and columns are unchanged.
  const comments = findComments(source, tree);
  const directives = parseDirectives(source, comments);
  let model: ReportModel;
  try {
    model = buildModel(blankComments(source, comments), tree);
  } catch (error) {
    // A bug of ours must not pass a file silently: it is reported against the file.
    const message = locale === 'en' ? `xxgk-lint could not read this report (internal error: ${String(error)})` : `xxgk-lint 无法读取此报告（内部错误：${String(error)}）`;
    return { ...summarize(filePath, []), fatal: { messageId: 'internalError', message }, errorCount: 1 };
  }
  const messages: Diagnostic[] = [];
  const rules = rulesToRun(options);
  for (const rule of rules) {
    const setting = options.config?.rules[rule.meta.id] ?? defaultSetting(rule);
    if (setting.severity === 0) continue;
    runRule(rule, setting, { source, tree, model, locale }, messages);
  }
  if (directives.length === 0) return summarize(filePath, messages);
  const reportUnused = options.reportUnusedDisable === true ? 1 : options.reportUnusedDisable || 0;
  const applied = applyDirectives(messages, directives, { knownRuleIds: new Set(rules.map((r) => r.meta.id)), reportUnused, locale });
  const result = summarize(filePath, [...applied.messages, ...applied.unused]);
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

export function runRule(rule: Rule, setting: RuleSetting, input: RunInput, out: Diagnostic[]): void {
  const severity = setting.severity as SeverityLevel;
  const report = (d: ReportDescriptor): void => {
    const template = rule.meta.messages[d.messageId];
    if (!template) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${d.messageId}"`);
    const data = d.data ?? {};
    out.push({
      ruleId: rule.meta.id,
      messageId: d.messageId,
      severity,
      message: formatMessage(template[input.locale], data),
      data,
      ...location(d.at),
    });
  };
  try {
    rule.check({ model: input.model, tree: input.tree, source: input.source, options: setting.options, locale: input.locale, report });
  } catch (error) {
    // One faulty rule (a user's own, say) must not hide the others' findings.
    out.push({
      ruleId: rule.meta.id,
      messageId: 'ruleError',
      severity: 2,
      message: input.locale === 'en' ? `rule ${rule.meta.id} failed: ${String(error)}` : `规则 ${rule.meta.id} 运行出错：${String(error)}`,
      data: {},
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    });
  }
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
