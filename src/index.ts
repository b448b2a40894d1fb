/** The library entry (`import { lintText } from 'xxgk-lint'`), for adapters and users' own tools. */
export { analyzeText, digestText, finishAnalysis, lintText, summarize } from './engine/lint.ts';
export type { FileAnalysis, LintTextOptions, ResolvedConfig, RuleSetting } from './engine/lint.ts';
export { analyzeFile, finishRun, lintFile } from './engine/lint-file.ts';
export type { FileOutcome } from './engine/lint-file.ts';
export { lintFiles, lintFilesToArray } from './engine/run.ts';
export type { RunInput, RunOptions } from './engine/run.ts';
export { normalizeAgency } from './engine/digest.ts';
export { ReportIndex, runSetRules, sameAgency } from './engine/set.ts';

export { formatMessage, insertAt, replaceSpan, ruleDocsUrl } from './rule.ts';
export { applyFixes, fixUntilStable, MAX_FIX_PASSES } from './engine/fix.ts';
export type { AppliedFixes, FixRun } from './engine/fix.ts';
// Rule and plugin authoring: the same API the built-in rules use (defineRule checking all of the
// metadata at once, as loading a plugin does).
export { defineRule, definePlugin, LOCAL_PLUGIN } from './engine/plugins.ts';
export type { Plugin } from './engine/plugins.ts';
export { RuleTester } from './testing/rule-tester.ts';
export type { ExpectedError, ExpectedSuggestion, InvalidTestCase, RuleTestCases, RuleTesterOptions, ValidTestCase } from './testing/rule-tester.ts';
export { sampleReport, consistentData } from './testing/sample.ts';
export type { SampleData, SampleOptions, TableForm } from './testing/sample.ts';
export type { ReportModel } from './model/schema.ts';
export { UNUSED_DISABLE_ID } from './engine/directives.ts';
/** zod, for rules' option schemas: the same copy the linter validates them with. */
export { z } from 'zod';
export type {
  At,
  DigestTable,
  ExampleOutput,
  Fix,
  InvalidRuleExample,
  ProseSegment,
  RelatedExample,
  ReportDigest,
  ReportIdentity,
  SetRuleContext,
  LocalizedText,
  ReportDescriptor,
  Rule,
  RuleContext,
  RuleExample,
  RuleMeta,
  SuggestionDescriptor,
} from './rule.ts';
export type { Diagnostic, LintResult, Locale, Location, Point, SeverityLevel, SeverityName, Suggestion, TextEdit } from './types.ts';
export { LOCALES } from './types.ts';
export { builtinRules } from '../rules/index.ts';
export {
  CONFIG_FILE_NAME,
  CONFIG_FILE_NAMES,
  ConfigError,
  defaultConfig,
  findConfigFile,
  formatConfigProblems,
  loadConfig,
  resolveConfig,
  resolveConfigFrom,
} from './engine/config.ts';
export type { ConfigProblem, LoadConfigOptions, LoadedConfig, ResolvedConfigFile, ResolveFromOptions, ResolveOptions } from './engine/config.ts';
export { decodeBuffer, readReport, MAX_FILE_BYTES } from './engine/decode.ts';
export type { DecodeResult, Encoding, FileError, FileErrorKind, ReadResult } from './engine/decode.ts';
// Word drafts and saved portal pages, read as the Markdown text the reader understands.
export { decodeDocument, documentKind, placeFindings } from './engine/document.ts';
export type { DocumentInput, DocumentKind, DocumentResult } from './engine/document.ts';
export { expandPaths } from './engine/files.ts';
export type { ExpandOptions, ExpandResult, Unmatched } from './engine/files.ts';
export { formatters, formatResults, FORMAT_NAMES } from './adapters/formatters/index.ts';
export type { FormatName, Formatter, FormatterContext, OutputChunk } from './adapters/formatters/index.ts';
// The statistics as data (what --format csv and xlsx export), and the year-against-year comparisons.
export { statistics, statisticsOf, findingsOf, READ_HOWS, STATISTICS_COLUMNS, FINDING_COLUMNS } from './adapters/formatters/statistics.ts';
export type { FindingRecord, ReadHow, StatisticsRecord } from './adapters/formatters/statistics.ts';
export { compareYears } from './adapters/formatters/archive.ts';
export type { Comparison, ComparisonCell } from './adapters/formatters/archive.ts';
export { countProblems, fatalResult, totalCounts } from './engine/results.ts';
export { VERSION } from './engine/version.ts';
