/** A file's result from its findings: sorted and counted, or one fatal message. */
import { t, type MessageId } from './messages.ts';
import type { Diagnostic, LintResult, Locale } from '../types.ts';

/** A result with one fatal message about the file and no findings. */
export function fatalText(filePath: string, messageId: MessageId, locale: Locale, data: Record<string, string | number> = {}): LintResult {
  return { ...summarize(filePath, []), fatal: { messageId, message: t(messageId, locale, data) }, errorCount: 1 };
}

/** V8's "Maximum call stack size exceeded" (a RangeError; other RangeErrors are bugs). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
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
