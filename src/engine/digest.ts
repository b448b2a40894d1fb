/**
 * The digest of one report: what cross-report rules (`checkSet`) may see of it. Built per file,
 * right after the model, from the model, the tree and the source; a plain serialisable object, so
 * that it can come back from a worker process (structured clone) while the model and tree stay there.
 *
 * Identity: agency and year from the title (the model's title, which front matter fills when the
 * report has it), else the agency of the signature and the year of the statistical period. File
 * names and folders never count. The agency is normalised (full/half width, spaces) and mapped
 * through the config's `agencies` (renamed agencies: `{ "<current name>": ["<old name>", …] }`).
 */
import type { Root, RootContent } from 'mdast';
import type { ReportModel } from '../model/schema.ts';
import { CJK, LineIndex } from '../reading/text.ts';
import type { DigestTable, ProseSegment, ReportDigest, ReportIdentity } from '../rule.ts';

/** `{ "<canonical name>": ["<other name>", …] }`: names (normalised) that mean the same agency. */
export type AgencyAliases = Readonly<Record<string, readonly string[]>>;

/** The form of an agency name reports of one agency share: NFKC (full → half width), no whitespace or quotes. */
export function normalizeAgency(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff"“”'‘’《》<>]+/g, '')
    .replace(/^[(（]|[)）]$/g, '');
}

/** Maps normalised names to their canonical (normalised) name, from the config's `agencies`. */
export function aliasIndex(aliases: AgencyAliases | undefined): Map<string, string> {
  const index = new Map<string, string>();
  for (const [canonical, others] of Object.entries(aliases ?? {})) {
    const key = normalizeAgency(canonical);
    index.set(key, key);
    for (const other of others) index.set(normalizeAgency(other), key);
  }
  return index;
}

export function identify(model: ReportModel, aliases: ReadonlyMap<string, string> = new Map()): ReportIdentity {
  const titleAgency = model.title?.agency?.trim() || null;
  const agencyText = titleAgency ?? (model.signature?.agency?.trim() || null);
  const agencyFrom = titleAgency ? 'title' : agencyText ? 'signature' : null;
  const year = model.title?.year ?? model.period?.start.year ?? model.year ?? null;
  const yearFrom = model.title?.year != null ? 'title' : year !== null ? 'period' : null;
  let agency = agencyText ? normalizeAgency(agencyText) : null;
  let by: ReportIdentity['identifiedBy']['agency'] = agencyFrom;
  if (agency !== null) {
    const canonical = aliases.get(agency);
    if (canonical !== undefined && canonical !== agency) {
      agency = canonical;
      by = 'config';
    }
  }
  if (agency === '') agency = null;
  return { agencyText, agency, year, identifiedBy: { agency: agency === null ? null : by, year: yearFrom } };
}

function digestTable(table: ReportModel['tables']['t2']): DigestTable {
  return { id: table.id, found: table.found, template: table.template, columns: table.columns, rows: table.rows };
}

/** Node types whose text is not prose. */
const NOT_PROSE = new Set(['heading', 'table', 'html', 'code', 'thematicBreak', 'definition', 'yaml', 'toml']);

/**
 * The prose of the report: the text outside the three tables, headings (Markdown headings, the
 * title and the part headings), HTML blocks and code, cut into pieces of one line each, as
 * written. Lines without a CJK character (numbers, separators) are left out.
 */
export function proseOf(model: ReportModel, tree: Root, source: string): ProseSegment[] {
  const excluded: Array<[number, number]> = [];
  const add = (start: number | undefined, end: number | undefined): void => {
    if (start !== undefined && end !== undefined && end > start) excluded.push([start, end]);
  };
  for (const table of [model.tables.t2, model.tables.t3, model.tables.t4]) add(table.span?.start.offset, table.span?.end.offset);
  if (model.title) add(model.title.span.start.offset, model.title.span.end.offset);
  for (const part of model.parts) add(part.span.start.offset, part.span.end.offset);
  const visit = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (NOT_PROSE.has(node.type)) add(node.position?.start.offset, node.position?.end.offset);
      else if ('children' in node) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  excluded.sort((a, b) => a[0] - b[0]);

  const lines = new LineIndex(source);
  const segments: ProseSegment[] = [];
  const partAt = (offset: number): number | null => {
    let found: number | null = null;
    for (const part of model.parts) if (part.span.start.offset <= offset) found = part.part;
    return found;
  };
  const push = (start: number, end: number): void => {
    // One segment per line, trimmed.
    let from = start;
    while (from < end) {
      const newline = source.indexOf('\n', from);
      const to = newline < 0 || newline >= end ? end : newline;
      const raw = source.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim();
      if (text && CJK.test(text)) {
        const at = lines.point(from + lead);
        segments.push({ text, line: at.line, column: at.column, offset: at.offset, part: partAt(at.offset) });
      }
      from = to + 1;
    }
  };
  let cursor = 0;
  for (const [start, end] of excluded) {
    if (start > cursor) push(cursor, start);
    cursor = Math.max(cursor, end);
  }
  if (cursor < source.length) push(cursor, source.length);
  return segments;
}

/** `withProse: false` leaves `prose` empty (no cross-report rule of the run reads it). */
export function buildDigest(
  filePath: string,
  model: ReportModel,
  tree: Root,
  source: string,
  aliases?: ReadonlyMap<string, string>,
  withProse = true,
): ReportDigest {
  return {
    filePath,
    ...identify(model, aliases),
    tables: { t2: digestTable(model.tables.t2), t3: digestTable(model.tables.t3), t4: digestTable(model.tables.t4) },
    prose: withProse ? proseOf(model, tree, source) : [],
  };
}
