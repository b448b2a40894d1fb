/**
 * Table 二 (主动公开政府信息情况): its sub-tables are often reordered or split by converters, so each
 * row is found anywhere in the region. Its rows have no relation of their own: a row is read when
 * its text gives exactly its cells (or digits that split only one way).
 */
import type { Span, Table, TableFact, Template } from '../../model/schema.ts';
import type { TableTemplate } from '../../model/templates.ts';
import { SIGNALS_2019, SIGNALS_2021, T2_2019, T2_2021 } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { Token } from '../tokens.ts';
import { decodeRow, distinctValues } from './decode.ts';
import {
  checkHeaderWords,
  readRows,
  regionText,
  settle,
  span,
  tokenSpan,
  TextStream,
  unsettled,
  type Anchor,
  type Ctx,
  type Draft,
  type RowOutcome,
} from './rows.ts';
import { finishTable, missingTable } from './table.ts';

export function readT2(ctx: Ctx, region: [number, number] | null, fallback: Span): Table {
  if (!region) return missingTable('t2', '二', fallback);
  const facts: TableFact[] = [];
  const text = regionText(ctx, region);
  const count = (signals: string[]) => signals.filter((s) => text.includes(s)).length;
  const s2019 = count(SIGNALS_2019);
  const s2021 = count(SIGNALS_2021);
  const template: Template = s2019 > s2021 ? '2019' : s2021 > 0 || s2019 === 0 ? '2021' : '2019';
  const tpl = template === '2019' ? T2_2019 : T2_2021;
  if (s2019 > 0 && s2021 > 0) facts.push({ kind: 'mixedTemplate', found2019: s2019, found2021: s2021, span: tokenSpan(ctx, region[0]) });
  const stream = new TextStream(ctx.tokens, region[0], region[1]);
  const anchors: Anchor[] = [];
  const used = new Set<number>();
  for (const row of tpl.rows) {
    let from = 0;
    for (;;) {
      const m = stream.find(norm(row.key), from);
      if (!m) break;
      from = m.next;
      // 规范性文件 inside 行政规范性文件 is the other template's row, not this one.
      const before = stream.text.slice(Math.max(0, m.pos - 2), m.pos);
      if (row.key === '规范性文件' && before === '行政') continue;
      if (used.has(m.first)) continue;
      anchors.push({ row, first: m.first, last: m.last, typo: false, disordered: false });
      used.add(m.first);
      break;
    }
  }
  // A 2021 report that says 规范性文件 where the format says 行政规范性文件.
  if (template === '2021' && !anchors.some((a) => a.row.id === 't2.normative')) {
    const m = stream.find('规范性文件', 0);
    const row = tpl.rows.find((r) => r.id === 't2.normative');
    if (m && row && !used.has(m.first)) {
      anchors.push({ row, first: m.first, last: m.last, typo: true, disordered: false });
      used.add(m.first);
    }
  }
  anchors.sort((a, b) => a.first - b.first);
  const isBoundary = (t: Token) => t.kind === 'text' && (t.norm.includes('第二十条') || t.norm.includes('信息内容'));
  checkHeaderWords(ctx, region, tpl, anchors, facts);
  const outcomes = readLoneValues(ctx, tpl, anchors, region, readRows(ctx, tpl, anchors, region, { isBoundary, relation: null }, facts), facts);
  const rows = outcomes.map((o) =>
    'row' in o ? o.row : o.draft.options.length === 1 ? settle(ctx, o.draft, [], null, facts) : unsettled(o.draft, null, facts),
  );
  return finishTable(ctx, { id: 't2', name: '二', template, region, tpl, rows, facts });
}

/**
 * A one-column sub-table (第二十条第（五）项 行政许可, 第（八）项 行政事业性收费) whose only value plain
 * pdftotext printed before the row label, under the column header: with one row and one value
 * between its caption and the next, the value can be no other row's.
 */
function readLoneValues(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  outcomes: RowOutcome[],
  facts: TableFact[],
): RowOutcome[] {
  const caption = (t: Token | undefined) => t?.kind === 'text' && t.norm.includes('第二十条');
  return outcomes.map((o) => {
    if (!('row' in o) || o.row.status !== 'count' || o.row.valuesFound !== 0) return o;
    const anchor = anchors.find((a) => a.row.id === o.row.id);
    const template = tpl.rows.find((r) => r.id === o.row.id);
    if (!anchor || !template || template.columns.length !== 1) return o;
    let lo = anchor.first;
    while (lo > region[0] && !caption(ctx.tokens[lo - 1])) lo--;
    let hi = anchor.last + 1;
    while (hi < region[1] && !caption(ctx.tokens[hi])) hi++;
    if (anchors.some((a) => a !== anchor && a.first >= lo && a.first < hi)) return o;
    const values = ctx.tokens.slice(lo, hi).filter((t) => t.kind === 'num' || t.kind === 'placeholder');
    const value = values[0];
    if (values.length !== 1 || !value || value.delimited) return o;
    const at = facts.findIndex((f) => f.kind === 'cellCount' && f.row.id === template.id);
    if (at >= 0) facts.splice(at, 1);
    const decoded = decodeRow({
      values,
      expected: 1,
      relation: null,
      positional: null,
      allowDecimal: template.allowDecimal,
      allowNegative: template.allowNegative,
    });
    const draft: Draft = {
      template,
      base: { ...o.row, status: 'read', valuesFound: 1 },
      text: value.raw,
      options: distinctValues(decoded.readings),
      tried: decoded.tried,
      overBudget: decoded.overBudget,
      hasRelation: false,
      runTogether: false,
      blanks: 0,
      valueSpan: span(ctx, value.start, value.end),
    };
    return { draft };
  });
}
