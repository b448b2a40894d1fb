/** The library entry (`import { lintText } from 'xxgk-lint'`), for adapters and users' own tools. */
export { lintText, summarize } from './engine/lint.ts';
export type { LintTextOptions, ResolvedConfig, RuleSetting } from './engine/lint.ts';
export { formatMessage, ruleDocsUrl } from './rule.ts';
// Rule and plugin authoring: the same API the built-in rules use (defineRule checking all of the
// metadata at once, as loading a plugin does).
export { defineRule, definePlugin, LOCAL_PLUGIN } from './engine/plugins.ts';
export type { Plugin } from './engine/plugins.ts';
export { RuleTester } from './testing/rule-tester.ts';
export type { ExpectedError, InvalidTestCase, RuleTestCases, RuleTesterOptions, ValidTestCase } from './testing/rule-tester.ts';
export { sampleReport, consistentData } from './testing/sample.ts';
export type { SampleData, SampleOptions, TableForm } from './testing/sample.ts';
export type { ReportModel } from './model/schema.ts';
export { UNUSED_DISABLE_ID } from './engine/directives.ts';
/** zod, for rules' option schemas: the same copy the linter validates them with. */
export { z } from 'zod';
export type {
  At,
  InvalidRuleExample,
  LocalizedText,
  ReportDescriptor,
  Rule,
  RuleContext,
  RuleExample,
  RuleMeta,
} from './rule.ts';
export type { Diagnostic, LintResult, Locale, Location, Point, SeverityLevel, SeverityName } from './types.ts';
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
export { expandPaths } from './engine/files.ts';
export type { ExpandOptions, ExpandResult, Unmatched } from './engine/files.ts';
export { formatters, FORMAT_NAMES } from './adapters/formatters/index.ts';
export type { FormatName, Formatter, FormatterContext } from './adapters/formatters/index.ts';
export { countProblems, fatalResult, totalCounts } from './engine/results.ts';
export { VERSION } from './engine/version.ts';
