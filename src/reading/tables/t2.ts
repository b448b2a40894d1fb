/**
 * Table 二 (主动公开政府信息情况): its sub-tables are often reordered or split by converters, so each
 * row is found anywhere in the region. Its rows have no relation of their own: a row is read when
 * its text gives exactly its cells (or digits that split only one way).
 */
import type { Row, Span, Table, TableFact, Template } from '../../model/schema.ts';
import type { TableTemplate } from '../../model/templates.ts';
import { SIGNALS_2019, SIGNALS_2021, T2_2019, T2_2021 } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { Token } from '../tokens.ts';
import { decodeRow, distinctValues } from './decode.ts';
import { checkHeaderWords, readRows, settle, span, tokenSpan, TextStream, unsettled, type Anchor, type Ctx, type Draft, type RowOutcome } from './rows.ts';
import { knownCells, valuesOfWrappedRow } from './next-row.ts';
import { readByColumnHeaders } from './t2-columns.ts';
import { dropFacts, finishTable, missingTable } from './table.ts';

/** The region's text (regionText) less each note (“注：…”) to the end of its row. */
function withoutNotes(ctx: Ctx, region: [number, number]): string {
  let s = '';
  let note: string | null = null;
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (!t) continue;
    if (note !== null && t.rowKey !== note) note = null;
    if (t.kind === 'text' && note === null && /^注[:：]/.test(t.norm)) note = t.rowKey;
    if (t.kind === 'text' && note === null) s += t.norm;
  }
  return s;
}

export function readT2(ctx: Ctx, region: [number, number] | null, fallback: Span): Table {
  if (!region) return missingTable('t2', '二', fallback);
  const facts: TableFact[] = [];
  // The form by the words of the table, not of a note under it (“注：本表“本年收费金额”单位为万元。”
  // names a column, it adds none).
  const text = withoutNotes(ctx, region);
  const count = (signals: string[]) => signals.filter((s) => text.includes(s)).length;
  const s2019 = count(SIGNALS_2019);
  const s2021 = count(SIGNALS_2021);
  const template: Template = s2019 > s2021 ? '2019' : s2021 > 0 || s2019 === 0 ? '2021' : '2019';
  const tpl = template === '2019' ? T2_2019 : T2_2021;
  if (s2019 > 0 && s2021 > 0) facts.push({ kind: 'mixedTemplate', found2019: s2019, found2021: s2021, span: tokenSpan(ctx, region[0]) });
  // A column header or 信息内容 printed between the characters of a label (a label distributed over
  // its cell, one character a line in plain pdftotext text: “行 / 政 / 本年处理决定数量 / 许 / 可”): no
  // label holds one, so it is left out whole.
  const headerWords = new Set([...tpl.rows.flatMap((r) => r.columns.map(norm)), norm('信息内容')]);
  const stream = new TextStream(ctx.tokens, region[0], region[1], undefined, (t) => headerWords.has(t.norm));
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
  const rowsRead = wrappedFullWidth(
    ctx,
    valuesOfWrappedRow(ctx, tpl, readRows(ctx, tpl, anchors, region, { isBoundary, relation: null }, facts), facts),
    facts,
  );
  const lone = readScatteredLabel(ctx, tpl, anchors, region, readLoneValues(ctx, tpl, anchors, region, rowsRead, facts), facts);
  // Plain pdftotext text printed column by column (LibreOffice): each header with its cells.
  const byColumns = readByColumnHeaders(
    ctx,
    tpl,
    anchors,
    region,
    lone,
    facts,
    CAPTION_ROWS.map(([, ids]) => ids),
  );
  if (byColumns) facts.splice(0, facts.length, ...byColumns.facts);
  const outcomes = byColumns?.outcomes ?? lone;
  const rows = outcomes.map((o) =>
    'row' in o ? o.row : o.draft.options.length === 1 ? settle(ctx, o.draft, [], null, facts) : unsettled(o.draft, null, facts),
  );
  return finishTable(ctx, { id: 't2', name: '二', template, region, tpl, rows, facts });
}

/** The rows of each sub-table, by its caption's item (those of the other template are not in it). */
const CAPTION_ROWS: ReadonlyArray<[string, readonly string[]]> = [
  ['(一)', ['t2.rules', 't2.normative']],
  ['(五)', ['t2.license', 't2.otherServices']],
  ['(六)', ['t2.penalty', 't2.coercion']],
  ['(八)', ['t2.fees']],
  ['(九)', ['t2.procurement']],
];

/**
 * A one-cell row whose number, typed in full-width digits (１２３) in a cell one em wide, wrapped one
 * digit a line (plain pdftotext: “行政许可 ２” / “１”): single full-width digits on consecutive lines,
 * one after another with nothing between, the first not 0, can only be that one cell's digits, so
 * they are joined (21). Anything else stays as read.
 */
function wrappedFullWidth(ctx: Ctx, outcomes: RowOutcome[], facts: TableFact[]): RowOutcome[] {
  const line = (t: Token) => ctx.lines.point(t.start).line;
  return outcomes.map((o) => {
    if (!('draft' in o) || o.draft.options.length !== 0 || o.draft.template.columns.length !== 1) return o;
    const values = o.draft.values ?? [];
    if (values.length < 2 || values[0]?.raw === '0' || !values.every((v) => v.kind === 'num' && v.fullWidth === true && !v.delimited && /^\d$/.test(v.raw)))
      return o;
    const at = ctx.tokens.indexOf(values[0] as Token);
    if (at < 0 || values.some((v, k) => ctx.tokens[at + k] !== v || (k > 0 && line(v) !== line(values[k - 1] as Token) + 1))) return o;
    const first = values[0] as Token;
    const last = values[values.length - 1] as Token;
    const raw = values.map((v) => v.raw).join('');
    const joined: Token = { ...first, raw, value: Number(raw), end: last.end };
    const id = o.draft.template.id;
    dropFacts(facts, (fact) => fact.kind === 'cellCount' && fact.row.id === id);
    return { draft: { ...o.draft, base: { ...o.draft.base, valuesFound: 1 }, ...knownCells(ctx, o.draft.template, [joined]) } };
  });
}

/** The indices of the tokens the rows' labels were found in. */
const labelTokens = (anchors: readonly Anchor[]): Set<number> =>
  new Set(anchors.flatMap((a) => Array.from({ length: a.last - a.first + 1 }, (_, k) => a.first + k)));

/**
 * Where each sub-table's caption (第二十条第（一）项 …) stands, with its item. A caption met again is
 * no sub-table's start: it is the table's first row repeated at the top of a page (Word's 标题行重复
 * on a table 二 made one table), and the rows under it are still the sub-table's above it.
 */
function captions(ctx: Ctx, region: [number, number]): Array<{ index: number; item: string }> {
  const at: Array<{ index: number; item: string }> = [];
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    const m = t?.kind === 'text' ? /第二十条第(\([一二三四五六七八九十]+\))项/.exec(t.norm) : null;
    if (m && !at.some((c) => c.item === m[1])) at.push({ index: i, item: m[1] ?? '' });
  }
  return at;
}

/**
 * A row whose label plain pdftotext scattered around its values (a label distributed over its cell,
 * 分散对齐: “章 / 0 0 0 / 行 政 规 范 性 文 件 / 1 0 3 / 规”), so that no label was found: read by
 * counting when it is the one row of its sub-table not found, the values under the caption are
 * exactly the sub-table's cells, its other rows were read from values under the caption, the values
 * left are exactly this row's cells, one after another (no other row's between them), and every
 * character of its label stands under the caption outside the labels found. Otherwise its findings
 * stay as they are.
 */
function readScatteredLabel(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  outcomes: RowOutcome[],
  facts: TableFact[],
): RowOutcome[] {
  const out = [...outcomes];
  const captionAt = captions(ctx, region);
  const inLabels = labelTokens(anchors);
  captionAt.forEach(({ index, item }, k) => {
    const rows = (CAPTION_ROWS.find(([it]) => it === item)?.[1] ?? []).map((id) => tpl.rows.findIndex((r) => r.id === id)).filter((r) => r >= 0);
    const missing = rows.filter((r) => {
      const o = out[r];
      return o !== undefined && 'row' in o && o.row.status === 'missing';
    });
    const r = missing[0];
    const template = r === undefined ? undefined : tpl.rows[r];
    const o = r === undefined ? undefined : out[r];
    if (missing.length !== 1 || !template || !o || !('row' in o)) return;
    const end = captionAt[k + 1]?.index ?? region[1];
    const part = ctx.tokens.slice(index + 1, end);
    const values = part.filter((t) => t.kind === 'num' || t.kind === 'placeholder');
    if (values.some((v) => v.delimited) || values.length !== rows.reduce((n, i) => n + (tpl.rows[i]?.columns.length ?? 0), 0)) return;
    const taken = new Set<Token>();
    for (const i of rows) {
      if (i === r) continue;
      const other = out[i];
      if (!other || !('draft' in other) || other.draft.options.length !== 1 || !other.draft.values) return;
      for (const v of other.draft.values) taken.add(v);
    }
    if (![...taken].every((v) => values.includes(v))) return;
    const left = values.filter((v) => !taken.has(v));
    const first = values.indexOf(left[0] as Token);
    if (left.length !== template.columns.length || left.some((v, n) => values[first + n] !== v)) return;
    const characters = part
      .filter((t, n) => t.kind === 'text' && !inLabels.has(index + 1 + n))
      .map((t) => t.norm)
      .join('');
    if (![...norm(template.key)].every((c) => characters.includes(c))) return;
    const decoded = decodeRow({
      values: left,
      expected: template.columns.length,
      relation: null,
      positional: null,
      allowDecimal: template.allowDecimal,
      allowNegative: template.allowNegative,
    });
    const options = distinctValues(decoded.readings);
    if (options.length !== 1) return;
    // The row's finding and the values found before the first label (these very values) go.
    dropFacts(
      facts,
      (fact) => (fact.kind === 'missingRow' && fact.row.id === template.id) || (fact.kind === 'strayValues' && fact.text === left.map((v) => v.raw).join(' ')),
    );
    const a = left[0] as Token;
    const b = left[left.length - 1] as Token;
    const valueSpan = span(ctx, a.start, b.end);
    out[r as number] = {
      draft: {
        template,
        base: { ...o.row, found: { text: template.key, span: valueSpan, typo: false }, status: 'read', valuesFound: left.length },
        text: left.map((v) => v.raw).join(' '),
        options,
        tried: decoded.tried,
        overBudget: decoded.overBudget,
        hasRelation: false,
        runTogether: false,
        blanks: 0,
        valueSpan,
        values: left,
      },
    };
  });
  return out;
}

/**
 * Whether a one-column sub-table's header stands under its caption with exactly one value a row
 * right after it (no label between: the column printed whole), while its rows' labels are followed
 * by other values: two readings of the sub-table's cells (“本年收费金额（单位：万元） / 7545 / … /
 * 行政事业性收费 / 8”, where the 8 is another sub-table's cell printed at the end).
 */
function headerRunDisagrees(ctx: Ctx, caption: number, end: number, rows: readonly number[], columnNames: ReadonlySet<string>): boolean {
  for (let i = caption + 1; i < end; i++) {
    const t = ctx.tokens[i] as Token;
    if (t.kind !== 'text' || !columnNames.has(t.norm)) continue;
    const run: Token[] = [];
    let j = i + 1;
    for (; j < end && (ctx.tokens[j]?.kind === 'num' || ctx.tokens[j]?.kind === 'blank'); j++)
      if (ctx.tokens[j]?.kind === 'num') run.push(ctx.tokens[j] as Token);
    if (run.length === rows.length && ctx.tokens.slice(j, end).some((v) => v.kind === 'num')) return true;
  }
  return false;
}

/**
 * One-column sub-tables (第二十条第（五）项 行政许可, （六） 行政处罚 and 行政强制, （八） 行政事业性收费)
 * whose values plain pdftotext printed away from the row labels (under the column header, or with
 * the page's labels elsewhere): when the text between a caption and the next holds exactly as many
 * values as the sub-table has rows, they are its rows' values from top to bottom. Rows the labels
 * did read must agree.
 */
function readLoneValues(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  outcomes: RowOutcome[],
  facts: TableFact[],
): RowOutcome[] {
  const columnNames = new Set(tpl.rows.flatMap((r) => r.columns.map(norm)));
  const captionAt = captions(ctx, region);
  const out = [...outcomes];
  // Values a row took from another caption's part of the table (its label stood above its own
  // caption, next to a value printed across a page break) are not its own: the row is unread.
  const segmentOf = (index: number) => captionAt.filter((c) => c.index < index).pop()?.item ?? null;
  out.forEach((o, r) => {
    if (!o || !('draft' in o) || !o.draft.values) return;
    const item = CAPTION_ROWS.find(([, ids]) => ids.includes(o.draft.template.id))?.[0];
    if (!item || !captionAt.some((c) => c.item === item)) return;
    const values = o.draft.values;
    // Only in undelimited text (pdftotext); a converter's table cells keep their rows wherever the sub-table went.
    if (values.some((v) => v.delimited)) return;
    // By where each value starts: a letter-spaced number joined for the row (spaced.ts) is not one of ctx.tokens.
    if (values.every((v) => segmentOf(ctx.tokens.findIndex((t) => t.start === v.start)) === item)) return;
    const template = tpl.rows[r];
    if (!template) return;
    facts.push({
      kind: 'cellCount',
      row: { id: template.id, label: template.label },
      found: values.length,
      expected: template.columns.length,
      blanks: 0,
      span: o.draft.valueSpan,
    });
    out[r] = { row: { ...o.draft.base, status: 'count' } };
  });
  // A sub-table of several columns whose labels stand elsewhere and whose values are all under its
  // caption: they are its values, but whether row by row or column by column the text does not
  // say. One fact for the sub-table instead of one per row.
  // A row the labels did not read, and whose values, if any, were taken before this caption (its
  // label stands above the caption, the values it took are another sub-table's).
  const unreadHere = (o: RowOutcome | undefined, caption: number): o is RowOutcome => {
    if (!o) return false;
    const base = 'row' in o ? o.row : o.draft.base;
    const unread = 'row' in o ? o.row.status === 'count' : o.draft.options.length === 0;
    if (!unread) return false;
    const anchor = anchors.find((a) => a.row.id === base.id);
    return base.valuesFound === 0 || (anchor !== undefined && anchor.last < caption);
  };
  const baseOf = (o: RowOutcome): Row => ('row' in o ? o.row : o.draft.base);
  // A row not found whose label's characters all stand under the caption, outside the labels found:
  // a label scattered around the values (distributed over its cell, 分散对齐: “规 / 行 政 规 范 性 文 /
  // 本年制发件数 … / 章 / 0 0 0 / 件 / 1 0 3”).
  const inLabels = labelTokens(anchors);
  const scattered = (o: RowOutcome | undefined, caption: number, end: number): o is RowOutcome => {
    if (!o || !('row' in o) || o.row.status !== 'missing') return false;
    const characters = ctx.tokens
      .slice(caption + 1, end)
      .filter((t, n) => t.kind === 'text' && !inLabels.has(caption + 1 + n))
      .map((t) => t.norm)
      .join('');
    const key = tpl.rows.find((r) => r.id === o.row.id)?.key ?? '';
    return key !== '' && [...norm(key)].every((c) => characters.includes(c));
  };
  const unplaced = (rows: number[], values: Token[], caption: number, end: number) => {
    const unread = rows.map((r) => out[r]).filter((o) => unreadHere(o, caption) || scattered(o, caption, end));
    if (unread.length !== rows.length) return;
    const ids = new Set(unread.map((o) => baseOf(o).id));
    const first = values[0] as Token;
    const last = values[values.length - 1] as Token;
    // The rows' own findings, and values “before the first row” that are these, give way to one.
    dropFacts(
      facts,
      (fact) =>
        ((fact.kind === 'cellCount' || fact.kind === 'missingRow') && ids.has(fact.row.id)) ||
        (fact.kind === 'strayValues' && fact.span.start.offset >= first.start && fact.span.end.offset <= last.end),
    );
    facts.push({ kind: 'interleaved', row: null, runs: 1, span: span(ctx, first.start, last.end) });
    for (const r of rows) {
      const o = out[r];
      if (o) out[r] = { row: { ...baseOf(o), status: 'unclear', valuesFound: values.length } };
    }
  };
  captionAt.forEach(({ index, item }, k) => {
    const ids = CAPTION_ROWS.find(([it]) => it === item)?.[1] ?? [];
    const rows = ids.map((id) => tpl.rows.findIndex((r) => r.id === id)).filter((r) => r >= 0);
    if (rows.length === 0) return;
    const end = captionAt[k + 1]?.index ?? region[1];
    const values = ctx.tokens.slice(index + 1, end).filter((t) => t.kind === 'num' || t.kind === 'placeholder');
    const cells = rows.reduce((n, r) => n + (tpl.rows[r]?.columns.length ?? 0), 0);
    if (values.some((v) => v.delimited)) return;
    if (cells === rows.length && headerRunDisagrees(ctx, index, end, rows, columnNames)) {
      // Its header with one value a row right under it (the column printed whole, LibreOffice) and
      // other values after the labels: which are the rows' the text does not say. One fact for the part.
      const ids = new Set(rows.map((r) => tpl.rows[r]?.id));
      for (let f = facts.length - 1; f >= 0; f--) {
        const fact = facts[f];
        if (fact?.kind === 'cellCount' && ids.has(fact.row.id)) facts.splice(f, 1);
      }
      const first = values[0] as Token;
      const last = values[values.length - 1] as Token;
      facts.push({ kind: 'interleaved', row: null, runs: 1, span: span(ctx, first.start, last.end) });
      for (const r of rows) {
        const o = out[r];
        if (o) out[r] = { row: { ...baseOf(o), status: 'unclear', valuesFound: values.length } };
      }
      return;
    }
    if (values.length !== cells) return;
    // A column header twice under one caption (“0 / 本年处理决定数量 / 9 / 本年处理决定数量”): another
    // sub-table's header, and maybe its values, printed there; the values are not known to be these rows'.
    const headers = ctx.tokens.slice(index + 1, end).filter((t) => t.kind === 'text' && columnNames.has(t.norm));
    if (new Set(headers.map((t) => t.norm)).size !== headers.length) return;
    if (cells !== rows.length) {
      unplaced(rows, values, index, end);
      return;
    }
    // Rows already read must have these very values; rows not read must have had none of their own.
    const ok = rows.every((r, n) => {
      const o = out[r];
      if (!o) return false;
      if ('row' in o || o.draft.options.length !== 1) return unreadHere(o, index);
      const cells = o.draft.options.length === 1 ? o.draft.options[0]?.[0]?.cells : undefined;
      return cells?.length === 1 && cells[0]?.start === values[n]?.start;
    });
    if (!ok) return;
    rows.forEach((r, n) => {
      const o = out[r];
      const template = tpl.rows[r];
      const value = values[n];
      if (!o || !template || !value || ('draft' in o && o.draft.options.length === 1)) return;
      const at = facts.findIndex((f) => f.kind === 'cellCount' && f.row.id === template.id);
      if (at >= 0) facts.splice(at, 1);
      const decoded = decodeRow({
        values: [value],
        expected: 1,
        relation: null,
        positional: null,
        allowDecimal: template.allowDecimal,
        allowNegative: template.allowNegative,
      });
      const draft: Draft = {
        template,
        base: { ...baseOf(o), status: 'read', valuesFound: 1 },
        text: value.raw,
        options: distinctValues(decoded.readings),
        tried: decoded.tried,
        overBudget: decoded.overBudget,
        hasRelation: false,
        runTogether: false,
        blanks: 0,
        valueSpan: span(ctx, value.start, value.end),
      };
      out[r] = { draft };
    });
  });
  return out;
}
