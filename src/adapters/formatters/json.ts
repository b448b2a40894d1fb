/**
 * ESLint's JSON formatter output, key for key, so that tools reading ESLint results (editors,
 * dashboards, reviewdog's `-f=eslint`-style parsers) read ours unchanged.
 */
import { countProblems } from '../../engine/results.ts';
import type { Diagnostic, LintResult } from '../../types.ts';
import type { Formatter } from './types.ts';

/** ESLint's LintMessage for a rule finding. Key order follows ESLint's, which matters to snapshot diffs. */
export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  nodeType: null;
  messageId: string;
  endLine: number;
  endColumn: number;
}

/** ESLint's message for a file it could not parse. */
export interface EslintFatalMessage {
  ruleId: null;
  fatal: true;
  severity: 2;
  message: string;
  line: number;
  column: number;
}

export interface EslintResult {
  filePath: string;
  messages: (EslintMessage | EslintFatalMessage)[];
  suppressedMessages: [];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: 0;
  fixableWarningCount: 0;
  usedDeprecatedRules: [];
  /** The agency and year the report was identified by (not in ESLint's format; absent when unknown). */
  agency?: string;
  year?: number;
}

export function toEslintResult(result: LintResult): EslintResult {
  const counts = countProblems(result);
  const messages: EslintResult['messages'] = result.fatal
    ? [{ ruleId: null, fatal: true, severity: 2, message: result.fatal.message, line: 1, column: 1 }]
    : [];
  messages.push(...result.messages.map(toEslintMessage));
  const identity: Pick<EslintResult, 'agency' | 'year'> = {};
  if (result.agency !== undefined) identity.agency = result.agency;
  if (result.year !== undefined) identity.year = result.year;
  return {
    filePath: result.filePath,
    messages,
    suppressedMessages: [],
    errorCount: counts.errorCount,
    fatalErrorCount: counts.fatalErrorCount,
    warningCount: counts.warningCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
    ...identity,
  };
}

function toEslintMessage(d: Diagnostic): EslintMessage {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    line: d.line,
    column: d.column,
    nodeType: null,
    messageId: d.messageId,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
}

/** Like ESLint's, one line of JSON for all files (including clean ones). */
export const json: Formatter = (results) => JSON.stringify(results.map(toEslintResult));
