/** The library entry (`import { lintText } from 'xxgk-lint'`), for adapters and users' own tools. */
export { lintText, summarize } from './lint.ts';
export type { LintTextOptions, ResolvedConfig, RuleSetting } from './lint.ts';
export { defineRule, formatMessage } from './rule.ts';
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
  ConfigError,
  defaultConfig,
  findConfigFile,
  formatConfigProblems,
  loadConfig,
  resolveConfig,
} from './config.ts';
export type { ConfigProblem, LoadConfigOptions, LoadedConfig, ResolvedConfigFile, ResolveOptions } from './config.ts';
export { decodeBuffer, readReport, MAX_FILE_BYTES } from './decode.ts';
export type { DecodeResult, Encoding, FileError, FileErrorKind, ReadResult } from './decode.ts';
export { expandPaths } from './files.ts';
export type { ExpandOptions, ExpandResult, Unmatched } from './files.ts';
export { formatters, FORMAT_NAMES } from './formatters/index.ts';
export type { FormatName, Formatter, FormatterContext } from './formatters/index.ts';
export { countProblems, fatalResult, totalCounts } from './results.ts';
export { VERSION } from './version.ts';
