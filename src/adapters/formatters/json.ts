/**
 * ESLint's JSON formatter output, key for key, so that tools reading ESLint results (editors,
 * dashboards, reviewdog's `-f=eslint`-style parsers) read ours unchanged.
 */
import { countProblems } from '../../engine/results.ts';
import type { Diagnostic, LintResult } from '../../types.ts';
import { whole, type Formatter, type StreamingFormatter } from './types.ts';

/** ESLint's LintMessage for a rule finding. Key order follows ESLint's, which matters to snapshot diffs. */
export interface EslintMessage {
  /** null for a message about the file rather than a rule's (a named file that is ignored). */
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  nodeType: null;
  messageId: string;
  endLine: number;
  endColumn: number;
  /** Present when the finding has a certain fix (`--fix` applies it). */
  fix?: { range: [number, number]; text: string };
  /** Present when the finding has edits a person must confirm. */
  suggestions?: { desc: string; messageId?: string; fix: { range: [number, number]; text: string } }[];
  /** Where the finding is in a .docx, .html or .pdf file, in words (not in ESLint's format). */
  place?: string;
  /** For a PDF: the page and the rectangle [x0, y0, x1, y1] in points from its top left (not in ESLint's format). */
  pdf?: { page: number; rect: [number, number, number, number] };
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
  /** ESLint's SuppressedLintMessage: what inline comments and the bulk suppressions file hid. */
  suppressedMessages: Array<EslintMessage & { suppressions: Array<{ kind: 'directive' | 'file'; justification: string }> }>;
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, after --fix or --fix-dry-run changed it. */
  output?: string;
  usedDeprecatedRules: [];
  /** The agency and year the report was identified by (not in ESLint's format; absent when unknown). */
  agency?: string;
  year?: number;
  /** The file did not look like an annual report and was not linted (not in ESLint's format). */
  notReport?: true;
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
    suppressedMessages: (result.suppressedMessages ?? []).map((d) => ({
      ...toEslintMessage(d),
      suppressions: (d.suppressions ?? [{ kind: 'directive' as const, justification: '' }]).map((s) => ({ ...s })),
    })),
    errorCount: counts.errorCount,
    fatalErrorCount: counts.fatalErrorCount,
    warningCount: counts.warningCount,
    fixableErrorCount: result.messages.filter((m) => m.fix && m.severity === 2).length,
    fixableWarningCount: result.messages.filter((m) => m.fix && m.severity === 1).length,
    ...(result.output !== undefined ? { output: result.output } : {}),
    usedDeprecatedRules: [],
    ...identity,
    ...(result.notReport ? { notReport: true as const } : {}),
  };
}

function toEslintMessage(d: Diagnostic): EslintMessage {
  return {
    ruleId: d.ruleId === '' ? null : d.ruleId,
    severity: d.severity,
    message: d.message,
    line: d.line,
    column: d.column,
    nodeType: null,
    messageId: d.messageId,
    endLine: d.endLine,
    endColumn: d.endColumn,
    ...(d.fix ? { fix: { range: [d.fix.range[0], d.fix.range[1]], text: d.fix.text } } : {}),
    ...(d.suggestions && d.suggestions.length > 0
      ? {
          suggestions: d.suggestions.map((s) => ({
            desc: s.desc,
            ...(s.messageId !== undefined ? { messageId: s.messageId } : {}),
            fix: { range: [s.fix.range[0], s.fix.range[1]] as [number, number], text: s.fix.text },
          })),
        }
      : {}),
    ...(d.place !== undefined ? { place: d.place } : {}),
    ...(d.pdf ? { pdf: { page: d.pdf.page, rect: [...d.pdf.rect] } } : {}),
  };
}

/** Like ESLint's, one line of JSON for all files (including clean ones). */
export const jsonStream: StreamingFormatter = () => {
  let count = 0;
  return {
    file: (result) => `${count++ === 0 ? '[' : ','}${JSON.stringify(toEslintResult(result))}`,
    end: () => (count === 0 ? '[]' : ']'),
  };
};

export const json: Formatter = whole(jsonStream);
