/**
 * One text through the engine: parse once, build the model once, run the rules (the reporter is
 * report.ts, the settings settings.ts), then the cross-report rules (set.ts) and the directives.
 * Files, workers and the cache are run.ts's.
 */
import type { Root } from 'mdast';
import { builtinRules } from '../../rules/index.ts';
import { checkBudget, type ParseLimits } from './budget.ts';
import { looksLikeReport } from './classify.ts';
import { aliasIndex, buildDigest } from './digest.ts';
import { blankComments, findComments, parseDirectives, type Directive } from './directives.ts';
import { normalizeLineEndings, originalOffsets } from './line-endings.ts';
import { t } from './messages.ts';
import { guarded } from './report.ts';
import { fatalText, isStackOverflow, summarize } from './findings.ts';
import { finishAnalysis } from './finish.ts';
import { runSetRules } from './set.ts';
import { defaultSetting, rulesToRun, type ResolvedConfig } from './settings.ts';
import { buildModel, mustCheckModel } from '../reading/build.ts';
import type { ReportModel } from '../model/schema.ts';
import { parseMarkdown, withRuleTree } from '../reading/parse.ts';
import type { ReportDigest, Rule } from '../rule.ts';
import type { Diagnostic, LintResult, Locale, SeverityLevel } from '../types.ts';

// What lived here before the split, for the modules that import it from here.
export { normalizeLineEndings } from './line-endings.ts';
export { fatalText, isStackOverflow, summarize } from './findings.ts';
export { finishAnalysis } from './finish.ts';
export { defaultSetting, ruleSet, rulesToRun, type ResolvedConfig, type RuleSetting } from './settings.ts';

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
  /** Validate the model against its schema and freeze it (default: only when rules other than the built-in ones run). */
  checkModel?: boolean;
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
  checkLibraryInput(original, options);
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
    model = buildModel(blankComments(source, comments), tree, { check: mustCheckModel(options, builtinRules) });
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
  if (classify === 'notReport' || (classify === 'auto' && !looksLikeReport(model, source))) {
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
      guarded(
        rule,
        locale,
        messages,
        (report) => rule.check?.(withRuleTree({ model, tree, source, options: setting.options, locale, report })),
        setting,
        source,
      );
    }
  }
  return { filePath, messages, directives, digest, ...(options.keepModel ? { model } : {}) };
}

/** The digest of a report text, for `LintTextOptions.related` (tests, editors, the remark plugin). */
export function digestText(source: string, options: Pick<LintTextOptions, 'filePath' | 'config'> = {}): ReportDigest | null {
  return analyzeText(source, { ...options, digestOnly: true }).digest;
}

/**
 * The library's inputs, checked where they cross into it: a caller's mistake is a clear TypeError
 * naming the argument, not a TypeError deep in a rule reported as that rule's bug.
 */
function checkLibraryInput(source: unknown, options: unknown): void {
  if (typeof source !== 'string') throw new TypeError(`xxgk-lint: the text to lint must be a string, not ${source === null ? 'null' : typeof source}`);
  if (options === null || typeof options !== 'object') throw new TypeError('xxgk-lint: the options must be an object');
  const { locale, filePath } = options as { locale?: unknown; filePath?: unknown };
  if (locale !== undefined && locale !== 'zh-CN' && locale !== 'en')
    throw new TypeError(`xxgk-lint: unknown locale ${JSON.stringify(locale)}; use "zh-CN" or "en"`);
  if (filePath !== undefined && typeof filePath !== 'string') throw new TypeError('xxgk-lint: options.filePath must be a string');
}
