/**
 * Table 二 (主动公开政府信息情况): its sub-tables are often reordered or split by converters, so each
 * row is found anywhere in the region. Its rows have no relation of their own: a row is read when
 * its text gives exactly its cells (or digits that split only one way).
 */
import type { Span, Table, TableFact, Template } from '../../model/schema.ts';
import { SIGNALS_2019, SIGNALS_2021, T2_2019, T2_2021 } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { Token } from '../tokens.ts';
import { checkHeaderWords, readRows, regionText, settle, tokenSpan, TextStream, unsettled, type Anchor, type Ctx } from './rows.ts';
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
  const outcomes = readRows(ctx, tpl, anchors, region, { isBoundary, relation: null }, facts);
  const rows = outcomes.map((o) =>
    'row' in o ? o.row : o.draft.options.length === 1 ? settle(ctx, o.draft, [], null, facts) : unsettled(o.draft, null, facts),
  );
  return finishTable(ctx, { id: 't2', name: '二', template, region, tpl, rows, facts });
}
