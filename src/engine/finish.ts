/**
 * The LintResult of a report's analysis (lint.ts's FileAnalysis): the cross-report findings added,
 * the directives applied. It imports no reader (lint.ts, which reads reports, re-exports it), so
 * that phase two (outcome.ts) runs in a thread that never loaded one.
 */
import { applyDirectives } from './directives.ts';
import { summarize } from './findings.ts';
import type { FileAnalysis, LintTextOptions } from './lint.ts';
import { rulesToRun } from './settings.ts';
import type { Diagnostic, LintResult } from '../types.ts';

/** The LintResult of an analysis, with the cross-report rules' findings: directives applied, agency and year added. */
export function finishAnalysis(
  analysis: FileAnalysis,
  setMessages: readonly Diagnostic[],
  options: Pick<LintTextOptions, 'locale' | 'rules' | 'config' | 'reportUnusedDisable'>,
): LintResult {
  if (analysis.failed) return analysis.failed;
  const { filePath, directives, digest, model } = analysis;
  const messages = setMessages.length > 0 ? [...analysis.messages, ...setMessages] : analysis.messages;
  const identity: Pick<LintResult, 'agency' | 'year' | 'model'> = {};
  if (digest?.agency) identity.agency = digest.agency;
  if (digest?.year != null) identity.year = digest.year;
  if (model) identity.model = model;
  if (directives.length === 0) return { ...summarize(filePath, messages), ...identity };
  const reportUnused = options.reportUnusedDisable === true ? 1 : options.reportUnusedDisable || 0;
  const rules = rulesToRun(options);
  const applied = applyDirectives(messages, directives, {
    knownRuleIds: new Set(rules.map((r) => r.meta.id)),
    reportUnused,
    locale: options.locale ?? 'zh-CN',
  });
  const result = { ...summarize(filePath, [...applied.messages, ...applied.unused]), ...identity };
  return applied.suppressed.length > 0 ? { ...result, suppressedMessages: applied.suppressed } : result;
}
