/**
 * The library entry (`import { lintText } from 'xxgk-lint'`): what the README documents, nothing
 * more (test/index.test.ts pins the list). Adapters import the engine's modules directly.
 */
// Linting: one text, or files through the same pipeline as the CLI (workers, budgets, cache).
export { lintText, digestText } from './engine/lint.ts';
export type { LintTextOptions, ResolvedConfig } from './engine/lint.ts';
export { lintFiles, lintFilesToArray } from './engine/run.ts';
export type { RunOptions } from './engine/run.ts';
export { loadConfig, resolveConfig } from './engine/config.ts';
export type { LoadedConfig } from './engine/config.ts';
export { builtinRules } from '../rules/index.ts';

// Rule and plugin authoring: the same API the built-in rules use.
export { defineRule } from './define-rule.ts';
export { definePlugin } from './engine/plugins.ts';
export type { Plugin } from './engine/plugins.ts';
export { replaceSpan, insertAt } from './rule.ts';
export type { Rule, RuleContext, SetRuleContext, ReportDigest } from './rule.ts';
export type { ReportModel } from './model/schema.ts';
export { RuleTester } from './testing/rule-tester.ts';
export { sampleReport } from './testing/sample.ts';
/** zod, for rules' option schemas: the same copy the linter validates them with. */
export { z } from 'zod';

// Results.
export type { Diagnostic, LintResult, Locale, Suggestion, TextEdit } from './types.ts';

// The statistics as data (what --format csv and xlsx export), and the year-against-year comparisons.
export { statistics, statisticsOf, findingsOf } from './adapters/formatters/statistics.ts';
export type { FindingRecord, ReadHow, StatisticsRecord } from './adapters/formatters/statistics.ts';
export { compareYears } from './adapters/formatters/archive.ts';
export type { Comparison, ComparisonCell } from './adapters/formatters/archive-compare.ts';
