/**
 * Builds the report model from the source and its mdast tree, once per file. The model is ours,
 * built by typed code: checking it against its zod schema and freezing it deeply cost a few per cent
 * of a run for nothing the built-in rules need, so both happen only where data crosses a trust
 * boundary — when rules other than the built-in ones read it (plugins, RuleTester, a caller's own
 * `rules`: a rule that mutated it would change what the next rule reads) or when asked (tests:
 * `{ check: true }`, the engine's `checkModel`).
 */
import type { Root } from 'mdast';
import { findContact, findPeriod, findSignature, findTitle } from './facts.ts';
import { findCitations, findOrderNumbers } from './citations.ts';
import { findFeeStatements } from './fees.ts';
import { findClaims } from './narrative.ts';
import { findHeadingCandidates, type HeadingCandidate } from './parts.ts';
import { OVERVIEW_TOPICS } from '../model/vocabulary.ts';
import { modelSchemas, type ReportModel, type Span } from '../model/schema.ts';
import { readT2, readT3, readT4, type Regions } from './tables/index.ts';
import { findRadicals, unifyRadicals } from '../model/radicals.ts';
import { LineIndex } from './text.ts';
import { readingOrder } from './prose-columns.ts';
import { tokenize, type Token } from './tokens.ts';
import { findFrontMatter, type FrontMatter } from './front-matter.ts';

export interface BuildOptions {
  /** Validate the model against ReportModelSchema (throws when it does not match) and freeze it deeply. */
  check?: boolean;
}

export function buildModel(written: string, tree: Root, options: BuildOptions = {}): ReportModel {
  // Radicals standing for characters (“⼈⺠”, text copied from some PDFs) are read as those
  // characters; the model records that the text has them (radicals.ts). Offsets are unchanged.
  const text = unifyRadicals(written);
  const lines = new LineIndex(text);
  // Front matter is read for its title and date; everything else reads the body, the block blanked
  // out (offsets, lines and columns unchanged).
  const frontMatter = findFrontMatter(text);
  const source = frontMatter ? text.slice(0, frontMatter.end).replace(/[^\r\n]/g, ' ') + text.slice(frontMatter.end) : text;
  const candidates = findHeadingCandidates(source);
  const chosen = chooseParts(candidates);
  const sorted = [...chosen].sort((a, b) => a.start - b.start);
  const parts = chosen.map((c) => {
    const next = sorted.find((s) => s.start > c.start);
    return {
      part: c.part,
      numeral: c.numeral,
      numeralValue: c.numeralValue,
      text: c.text,
      match: c.match,
      span: lines.span(c.start, c.end),
      bodyStart: c.end,
      bodyEnd: next ? next.start : source.length,
    };
  });
  const preambleEnd = sorted[0]?.start ?? source.length;
  const title = findTitle(source, preambleEnd, lines) ?? frontMatterTitle(frontMatter, lines);
  // The prose in reading order where -layout text set two columns of it side by side.
  const { prose, proseLines } = readingOrder(source, lines);
  const period = findPeriod(prose, preambleEnd, proseLines);
  // Tables are searched for from the part 二 heading on (findRegions): no need to scan the prose before it.
  const tokens = tokenize(source, tree, chosen.find((c) => c.part === 2)?.start ?? 0);
  const regions = findRegions(tokens, chosen);
  const ctx = { tokens, lines };
  const at = (part: number): Span => {
    const p = parts.find((x) => x.part === part);
    return p ? p.span : lines.span(0, 0);
  };
  const tables = { t2: readT2(ctx, regions.t2, at(2)), t3: readT3(ctx, regions.t3, at(3)), t4: readT4(ctx, regions.t4, at(4)) };
  const model: ReportModel = {
    year: title?.year ?? period?.start.year ?? null,
    title,
    period,
    contact: findContact(prose, proseLines),
    signature: findSignature(prose, parts.find((p) => p.part === 6)?.bodyStart ?? Math.max(0, source.length - 400), proseLines),
    citations: findCitations(prose).map((c) => ({ title: c.title, number: c.number, span: proseLines.span(c.start, c.end) })),
    orderNumbers: findOrderNumbers(prose).map((o) => ({ number: o.number, span: proseLines.span(o.start, o.end) })),
    overviewTopics: (() => {
      const overview = parts.find((p) => p.part === 1);
      if (!overview) return null;
      // A line break inside a word (pdftotext -layout: “政府信息管 / 理”, LibreOffice's PDFs with a
      // blank line between: “平台” / “” / “建设”) is no break in the text.
      const body = prose
        .slice(overview.bodyStart, overview.bodyEnd)
        .replace(/(?<=[\u2e80-\u9fff\uff00-\uffef])(?:[ \t]*\r?\n)+[ \t]*(?=[\u2e80-\u9fff\uff00-\uffef])/g, '');
      return OVERVIEW_TOPICS.filter((t) => t.pattern.test(body)).map((t) => t.topic);
    })(),
    claims: (() => {
      // The overview (part 一) and the opening paragraph are where reports restate their numbers.
      const overview = parts.find((p) => p.part === 1);
      const spans: Array<[number, number]> = [[0, preambleEnd]];
      if (overview) spans.push([overview.bodyStart, overview.bodyEnd]);
      return spans
        .flatMap(([a, b]) => findClaims(prose, a, b))
        .map((c) => ({ kind: c.kind, value: c.value, stated: c.stated, text: c.text, span: proseLines.span(c.start, c.end) }));
    })(),
    fees: findFeeStatements(prose).map((f) => ({
      text: f.text,
      span: proseLines.span(f.start, f.end),
      // The part is where the fee is named (crawled pages run a heading and its sentence together).
      part: [...parts].sort((a, b) => b.span.start.offset - a.span.start.offset).find((p) => p.span.start.offset <= f.keyword)?.part ?? null,
    })),
    parts,
    tables,
    documentStart: lines.span(0, 0),
    evidence: evidence(tree, source, title, parts, period, tables),
    frontMatter: frontMatter ? { span: lines.span(frontMatter.start, frontMatter.end) } : null,
    published: frontMatter?.date
      ? {
          year: frontMatter.date.year,
          month: frontMatter.date.month,
          day: frontMatter.date.day,
          span: lines.span(frontMatter.date.start, frontMatter.date.end),
        }
      : null,
    preamble: { start: 0, end: preambleEnd },
    radicals: text === written ? null : findRadicals(written, (start, end) => lines.span(start, end)),
  };
  return options.check ? deepFreeze(modelSchemas().ReportModelSchema.parse(model)) : model;
}

/** One heading per part: the first in document order after the previous part, else the first anywhere. */
function chooseParts(candidates: HeadingCandidate[]): HeadingCandidate[] {
  const chosen: HeadingCandidate[] = [];
  let after = -1;
  for (let part = 1; part <= 6; part++) {
    // The usual 一、 numbering wins over （一） and 第一部分 where a report has both.
    const all = candidates.filter((c) => c.part === part);
    const plain = all.filter((c) => c.style === 'plain');
    const own = plain.length > 0 ? plain : all;
    const pick = own.find((c) => c.start > after) ?? own[0];
    if (!pick) continue;
    chosen.push(pick);
    if (pick.start > after) after = pick.start;
  }
  return chosen;
}

/** Where each table lies in the token sequence, found from its own labels and bounded by the parts. */
export function findRegions(tokens: readonly Token[], parts: readonly HeadingCandidate[]): Regions {
  const indexAt = (offset: number): number => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid]?.start ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The token that holds `offset` (crawled pages fuse a heading with the text around it). */
  const tokenAt = (offset: number): number => Math.max(0, indexAt(offset + 1) - 1);
  const partAt = (n: number) => parts.find((p) => p.part === n);
  // A distributed (分散对齐) cell spreads its words' characters far apart on their line (“信   息   内
  // 容”): from a character standing alone, the line's text from there on is tested too.
  const spread = (i: number, to: number): string => {
    const key = tokens[i]?.rowKey;
    let text = '';
    for (let j = i; j < to && tokens[j]?.kind === 'text' && tokens[j]?.rowKey === key; j++) text += tokens[j]?.norm ?? '';
    return text;
  };
  const firstText = (from: number, to: number, test: (norm: string) => boolean): number | null => {
    for (let i = from; i < to; i++) {
      const t = tokens[i];
      if (t?.kind === 'text' && (test(t.norm) || (t.norm.length === 1 && test(spread(i, to))))) return i;
    }
    return null;
  };
  const end = tokens.length;
  const p2 = partAt(2);
  const p5 = partAt(5);
  const p6 = partAt(6);
  const searchFrom = p2 ? tokenAt(p2.start) : 0;
  const t3s = firstText(searchFrom, end, (n) => n.includes('勾稽') || n.includes('申请人情况') || n.includes('本年新收政府信息公开申请数量'));
  // The header cell 信息内容 may wrap in a narrow column (“信息内” / “容”, the column names between).
  const t2s = firstText(searchFrom, t3s ?? end, (n) => n.includes('第二十条') || n.includes('信息内容') || n === '信息内' || n === '信息');
  const t4s = firstText((t3s ?? t2s ?? searchFrom) + 1, end, (n) => n.includes('复议'));
  // A table ends where the next table starts or at the next part heading, whichever comes first.
  const headings = parts.map((p) => tokenAt(p.start));
  const closing = [p5, p6].filter((p): p is HeadingCandidate => p !== undefined).map((p) => tokenAt(p.start));
  const firstAfter = (from: number, list: number[], fallback: number) => Math.min(fallback, ...list.filter((i) => i > from));
  return {
    t2: t2s === null ? null : [t2s, firstAfter(t2s, headings, t3s ?? t4s ?? end)],
    t3: t3s === null ? null : [t3s, firstAfter(t3s, headings, t4s ?? end)],
    t4: t4s === null ? null : [t4s, firstAfter(t4s, closing, end)],
  };
}

/** What shows a report, outside fenced code blocks (a README quotes reports in them). */
function evidence(
  tree: Root,
  source: string,
  title: ReportModel['title'],
  parts: ReportModel['parts'],
  period: ReportModel['period'],
  tables: ReportModel['tables'],
): ReportModel['evidence'] {
  const fenced = tree.children.flatMap((node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return node.type === 'code' && start !== undefined && end !== undefined && /^[ \t]*(?:```|~~~)/.test(source.slice(start, start + 8))
      ? [[start, end] as const]
      : [];
  });
  const outside = (span: Span | undefined) => span !== undefined && !fenced.some(([a, b]) => span.start.offset >= a && span.start.offset < b);
  const rows = Object.values(tables).flatMap((t) => t.rows);
  return {
    // A title line: the title is the whole line ("…年度报告撰写指南" is a guide's).
    title:
      title !== null &&
      title.year !== null &&
      outside(title.span) &&
      /^[\s*_#》」”"）)。.]*$/.test(source.slice(title.span.end.offset, lineEnd(source, title.span.end.offset))),
    // Parts whose headings stand on lines of their own (prose that lists the six names is no report).
    parts: new Set(parts.filter((p) => outside(p.span)).map((p) => p.span.start.line)).size,
    tableRows: rows.filter((r) => r.status === 'read' && outside(r.found?.span ?? r.cells[0]?.span)).length,
    period: period !== null && outside(period.span),
  };
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end < 0 ? source.length : end;
}

/** The front matter's `title`, read as a title line is, at its place in the file. */
function frontMatterTitle(frontMatter: FrontMatter | null, lines: LineIndex): ReturnType<typeof findTitle> {
  const field = frontMatter?.title;
  if (!field) return null;
  const own = new LineIndex(field.text);
  const title = findTitle(field.text, field.text.length, own);
  if (!title) return null;
  return { ...title, span: lines.span(field.start + title.span.start.offset, field.start + title.span.end.offset) };
}

/**
 * Whether a lint must check and freeze the model (see buildModel): when asked, or when other rules
 * than the built-in ones (`builtin`) will read it.
 */
export function mustCheckModel(
  options: { checkModel?: boolean; rules?: readonly unknown[]; config?: { pluginRules?: readonly unknown[] } },
  builtin: readonly unknown[],
): boolean {
  if (options.checkModel !== undefined) return options.checkModel;
  return (options.rules?.some((rule) => !builtin.includes(rule)) ?? false) || (options.config?.pluginRules?.length ?? 0) > 0;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
