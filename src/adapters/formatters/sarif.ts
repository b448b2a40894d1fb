/**
 * SARIF 2.1.0, the format GitHub code scanning uploads (github/codeql-action/upload-sarif).
 * Output is deterministic (no timestamps, no absolute paths for files inside cwd) so it can be
 * compared between runs.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { isInside, toPosix } from '../../engine/paths.ts';
import { REPOSITORY_URL, ruleDocsUrl } from '../../rule.ts';
import type { Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import type { Formatter } from './types.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning';

interface SarifReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration?: { level: Level };
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string };
  region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
}

interface SarifNotification {
  level: 'error';
  message: { text: string };
  descriptor: { id: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: { name: string; version: string; informationUri: string; rules: SarifReportingDescriptor[] };
      };
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
      invocations: { executionSuccessful: true; toolExecutionNotifications: SarifNotification[] }[];
    },
  ];
}

export function toSarif(results: readonly LintResult[], context: { locale: Locale; cwd: string; rules: readonly Rule[] }): SarifLog {
  const descriptors = context.rules.map((rule) => describeRule(rule, context.locale));
  const indexById = new Map(descriptors.map((d, i) => [d.id, i]));
  const ruleIndex = (id: string): number => {
    let index = indexById.get(id);
    if (index === undefined) {
      // A finding from a rule not in the list (a user's own rule) still needs a descriptor.
      index = descriptors.push({ id }) - 1;
      indexById.set(id, index);
    }
    return index;
  };

  const sarifResults: SarifResult[] = [];
  const notifications: SarifNotification[] = [];
  for (const result of results) {
    const uri = artifactUri(result.filePath, context.cwd);
    // Unreadable files have no rule: SARIF reports such tool-level problems as notifications.
    if (result.fatal) {
      notifications.push({
        level: 'error',
        message: { text: result.fatal.message },
        descriptor: { id: result.fatal.messageId },
        locations: [{ physicalLocation: { artifactLocation: { uri } } }],
      });
    }
    for (const d of result.messages) {
      sarifResults.push({
        ruleId: d.ruleId,
        ruleIndex: ruleIndex(d.ruleId),
        level: d.severity === 2 ? 'error' : 'warning',
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(d) } }],
      });
    }
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'xxgk-lint', version: VERSION, informationUri: REPOSITORY_URL, rules: descriptors } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

function describeRule(rule: Rule, locale: Locale): SarifReportingDescriptor {
  const { meta } = rule;
  return {
    id: meta.id,
    shortDescription: { text: meta.description[locale] },
    fullDescription: { text: meta.rationale[locale] },
    // A plugin rule's own page, when it names one; built-in rules' pages are in this repository.
    ...(ruleDocsUrl(rule) === undefined ? {} : { helpUri: ruleDocsUrl(rule) }),
    defaultConfiguration: { level: meta.defaultSeverity === 'error' ? 'error' : 'warning' },
  };
}

function region(d: Diagnostic): NonNullable<SarifPhysicalLocation['region']> {
  return { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

/**
 * A URI relative to cwd (GitHub resolves it against the repository root), percent-encoded
 * segment by segment; files outside cwd get an absolute file: URI.
 */
export function artifactUri(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return toPosix(filePath).split('/').map(encodeURIComponent).join('/');
  const relative = path.relative(cwd, filePath);
  if (!isInside(relative)) return pathToFileURL(filePath).href;
  return toPosix(relative).split('/').map(encodeURIComponent).join('/');
}

export const sarif: Formatter = (results, context) => JSON.stringify(toSarif(results, context), null, 2);
