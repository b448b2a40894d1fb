/**
 * The engine: parse once, build the model once, run the rules, localise the findings.
 * Adapters (CLI, Action, remark plugin) call lintText() and translate its diagnostics.
 */
import type { Root } from 'mdast';
import { builtinRules } from '../../rules/index.ts';
import { applyDirectives, blankComments, findComments, parseDirectives } from './directives.ts';
import { buildModel } from '../reading/build.ts';
import type { ReportModel } from '../model/schema.ts';
import { parseMarkdown } from '../reading/parse.ts';
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
  const filePath = options.filePath ?? '<text>';
  const locale = options.locale ?? 'zh-CN';
  const tree = options.tree ?? parseMarkdown(source);
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
    const finding: Diagnostic = {
      ruleId: rule.meta.id,
      messageId: 'ruleError',
      severity: 2,
      message: input.locale === 'en' ? `rule ${rule.meta.id} failed: ${String(error)}` : `规则 ${rule.meta.id} 运行出错：${String(error)}`,
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
