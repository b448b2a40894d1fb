/**
 * SARIF 2.1.0, the format GitHub code scanning uploads (github/codeql-action/upload-sarif), with
 * what code scanning uses to place, track and explain results:
 * - paths relative to `%SRCROOT%` (`originalUriBaseIds`: the working directory, the repository's
 *   root in the Action); files outside it get absolute file: URIs;
 * - `partialFingerprints` from the rule, the message id and the finding's own data (the cell, the
 *   quoted text, the values), never its line: a finding keeps its alert when lines above it move;
 * - rule `help` and `helpUri` with the rule's page;
 * - unreadable files as results of their own (code scanning shows results, not notifications),
 *   and as tool notifications too.
 * Output is deterministic (no timestamps) so it can be compared between runs.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { isInside, toPosix } from '../../engine/paths.ts';
import { REPOSITORY_URL, ruleDocsUrl } from '../../rule.ts';
import type { LocalizedText, Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import type { Formatter } from './types.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base id of every relative artifact URI: the folder the paths are relative to. */
export const SRCROOT = '%SRCROOT%';
/** The key of our fingerprint in `partialFingerprints` (versioned, as GitHub recommends). */
export const FINGERPRINT_KEY = 'xxgkLintFindingHash/v1';

type Level = 'error' | 'warning';

// The parts of SARIF 2.1.0 we write (the schema test checks them against the OASIS schema). Kept
// here rather than taken from @types/sarif: the package's declarations must not need it.
interface Message {
  text: string;
  markdown?: string;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region?: Region;
}
interface ReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: Message;
  fullDescription?: Message;
  help?: Message;
  helpUri?: string;
  defaultConfiguration?: { level: Level };
}
interface Notification {
  level: 'error';
  message: Message;
  descriptor: { id: string };
  locations: { physicalLocation: PhysicalLocation }[];
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: [{ physicalLocation: PhysicalLocation }];
  partialFingerprints: Record<string, string>;
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: string; version: string; informationUri: string; rules: ReportingDescriptor[] } };
      originalUriBaseIds: Record<string, ArtifactLocation>;
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
      invocations: [{ executionSuccessful: true; toolExecutionNotifications: Notification[] }];
    },
  ];
}

/** Texts of the descriptor for files that could not be read (their results' rule). */
const FILE_RULE_TEXT = {
  short: { 'zh-CN': '文件无法读取', en: 'The file cannot be read' },
  full: {
    'zh-CN': '文件无法读取或解码（不是文本、编码无法识别、过大或无法访问），因此未能检查。',
    en: 'The file could not be read or decoded (not text, an unknown encoding, too large or not accessible), so it was not checked.',
  },
} as const satisfies Record<string, LocalizedText>;

export function toSarif(results: readonly LintResult[], context: { locale: Locale; cwd: string; rules: readonly Rule[] }): SarifLog {
  const descriptors = context.rules.map((rule) => describeRule(rule, context.locale));
  const indexById = new Map(descriptors.map((d, i) => [d.id, i]));
  const ruleIndex = (id: string, describe: () => ReportingDescriptor = () => ({ id })): number => {
    let index = indexById.get(id);
    if (index === undefined) {
      // A finding from a rule not in the list (a user's own rule, a file error) still needs a descriptor.
      index = descriptors.push(describe()) - 1;
      indexById.set(id, index);
    }
    return index;
  };

  const sarifResults: SarifResult[] = [];
  const notifications: Notification[] = [];
  for (const result of results) {
    const artifactLocation = artifactLocationOf(result.filePath, context.cwd);
    const seen = new Map<string, number>();
    const fingerprint = (parts: unknown[]): string => {
      const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
      // Identical findings in one file are told apart by their order, never by their lines.
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      return `${hash}:${n}`;
    };
    if (result.fatal) {
      const { messageId, message } = result.fatal;
      const id = `file/${messageId}`;
      const text = { short: FILE_RULE_TEXT.short[context.locale], full: FILE_RULE_TEXT.full[context.locale] };
      sarifResults.push({
        ruleId: id,
        ruleIndex: ruleIndex(id, () => ({ id, name: messageId, shortDescription: { text: text.short }, fullDescription: { text: text.full } })),
        level: 'error',
        message: { text: message },
        locations: [{ physicalLocation: { artifactLocation, region: { startLine: 1, startColumn: 1 } } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([id]) },
      });
      notifications.push({
        level: 'error',
        message: { text: message },
        descriptor: { id: messageId },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
    }
    for (const d of result.messages) {
      // A message about the file without a rule (a named file that is ignored) is named as file errors are.
      const id = d.ruleId === '' ? `file/${d.messageId}` : d.ruleId;
      sarifResults.push({
        ruleId: id,
        ruleIndex: ruleIndex(id),
        level: d.severity === 2 ? 'error' : 'warning',
        // A .docx or .pdf has no lines of its own: its place in words leads the message.
        message: { text: result.input && d.placeLine === undefined && d.place ? `${d.place}: ${d.message}` : d.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(d, result.input !== undefined) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(findingIdentity(d)) },
      });
    }
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'xxgk-lint', version: VERSION, informationUri: REPOSITORY_URL, rules: descriptors } },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

/**
 * What a finding is, apart from where: its rule, message id and data (the cell's name, the quoted
 * text, the values), keys sorted; the words of a docx place (第 3 段) are left out with the lines.
 */
function findingIdentity(d: Diagnostic): unknown[] {
  const data = Object.keys(d.data)
    .sort()
    .map((key) => [key, d.data[key]]);
  return [d.ruleId, d.messageId, data];
}

/** The link to a rule's page, in its help text. */
const SEE_RULE_PAGE: LocalizedText = { 'zh-CN': '规则说明', en: 'Rule page' };

function describeRule(rule: Rule, locale: Locale): ReportingDescriptor {
  const { meta } = rule;
  // A plugin rule's own page, when it names one; built-in rules' pages are in this repository.
  const url = ruleDocsUrl(rule);
  const see = SEE_RULE_PAGE[locale];
  return {
    id: meta.id,
    shortDescription: { text: meta.description[locale] },
    fullDescription: { text: meta.rationale[locale] },
    ...(url === undefined
      ? { help: { text: meta.rationale[locale] } }
      : { helpUri: url, help: { text: `${meta.rationale[locale]} ${see}: ${url}`, markdown: `${meta.rationale[locale]}\n\n[${see}](${url})` } }),
    defaultConfiguration: { level: meta.defaultSeverity === 'error' ? 'error' : 'warning' },
  };
}

/**
 * Where the finding is in the file the user has: a .html page's own line (`placeLine`), line 1 of a
 * .docx or .pdf (the line and column count in the Markdown text they were read as, not in the file).
 */
function region(d: Diagnostic, document: boolean): Region {
  if (document) return { startLine: d.placeLine ?? 1, startColumn: 1 };
  return { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

/** A folder's file: URI, ending with a slash (SARIF resolves relative URIs against it). */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The artifact location: a relative URI with the `%SRCROOT%` base id, or an absolute file: URI outside cwd. */
export function artifactLocationOf(filePath: string, cwd: string): ArtifactLocation {
  const uri = artifactUri(filePath, cwd);
  return uri.startsWith('file:') ? { uri } : { uri, uriBaseId: SRCROOT };
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
