/**
 * Table 三 (收到和处理政府信息公开申请情况): rows anchored in template order; each row decoded with
 * its own relation (总计 = the six applicant columns, R3); rows that still have several readings
 * are narrowed with the column relations R1 and R2 where every other row involved is certain.
 */
import type { Row, Span, Table, TableFact, Template } from '../../model/schema.ts';
import { T3_2019, T3_2021, type TableTemplate, T3_COLUMNS, T3_GROUPS, T3_NOTE, T3_OUTCOME_PREFIXES, T3_SIGNALS_2021 } from '../../model/templates.ts';
import { norm, stripEnumerators } from '../text.ts';
import type { Token } from '../tokens.ts';
import { draftOf, readByBlocks } from './blocks.ts';
import { cellOf, ROW_TOTAL, type Reading } from './decode.ts';
import {
  checkHeaderWords,
  findTypos,
  readRows,
  regionText,
  rowRef,
  settle,
  tokenSpan,
  TextStream,
  unsettled,
  type Anchor,
  type Ctx,
  type Draft,
  type RowOutcome,
} from './rows.ts';
import { extraColumn, missingColumn, narrow, required, type Candidate, type ColumnRelation } from './solve.ts';
import { dropFacts, finishTable, missingTable } from './table.ts';
import { headerPieces } from './pieces.ts';

/** The group labels of table 三 split into their enumerator and name: （三） 不予公开, … */
const GROUP_STARTS: ReadonlyArray<[string, string]> = T3_GROUPS.flatMap((g) => {
  const m = /^(\([三四五六]\))(.+)$/.exec(norm(g));
  return m ? [[m[1] ?? '', m[2] ?? '']] : [];
});

const COLUMN_NAMES: readonly string[] = T3_COLUMNS.map(norm);

/** Runs of three or more header pieces in a row: the column header repeated on a new page. */
function repeatedHeaderTokens(ctx: Ctx, region: [number, number], headerWords: readonly string[], keys: readonly string[]): Set<Token> {
  const repeatedHeader = new Set<Token>();
  for (let i = region[0]; i < region[1];) {
    let j = i;
    // Header words, whole or as pieces of neighbouring cells run together (“社会公益组法律服务机”).
    while (j < region[1] && ctx.tokens[j]?.kind === 'text' && headerPieces(stripEnumerators((ctx.tokens[j] as Token).norm) || '\u0000', headerWords)) j++;
    // Its ends are what only a header has: a row label's last piece (“申请”) may stand next to it.
    const inKey = (k: number) => keys.some((key) => key.includes(stripEnumerators((ctx.tokens[k] as Token).norm)));
    let a = i;
    let b = j;
    while (a < b && inKey(a)) a++;
    while (b > a && inKey(b - 1)) b--;
    // …but column names that go on from the column before them, in the header's order (“法律服务机构
    // 其他 总计”), are the header's own: a label has no such run.
    for (let column = COLUMN_NAMES.indexOf((ctx.tokens[b - 1] as Token | undefined)?.norm ?? ''); b > a && b < j && column >= 0; b++) {
      column = ctx.tokens[b]?.norm === COLUMN_NAMES[column + 1] ? column + 1 : -1;
      if (column < 0) break;
    }
    if (b - a >= 3) for (let k = a; k < b; k++) repeatedHeader.add(ctx.tokens[k] as Token);
    i = Math.max(j, i + 1);
  }
  return repeatedHeader;
}

/**
 * Whether the table has its consistency note (…勾稽关系…), read leaving out the column header's
 * words that a layout prints on the same lines as the note's wrapped lines (“…的勾 申请人情况 稽关系…”).
 */
function hasNote(ctx: Ctx, region: [number, number], tpl: TableTemplate): boolean {
  const words = tpl.vocabulary.map((v) => stripEnumerators(norm(v))).filter((v) => !v.includes('勾稽'));
  // The note's first line may stand left of the header's first word, before the table's region.
  let start = region[0];
  while (start > 0 && ctx.tokens[start - 1]?.kind === 'text' && ctx.tokens[start - 1]?.rowKey === ctx.tokens[region[0]]?.rowKey) start--;
  let text = '';
  for (let i = start; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (t?.kind === 'text' && (t.norm.includes('勾稽') || !headerPieces(stripEnumerators(t.norm), words))) text += t.norm;
  }
  return text.includes('勾稽');
}

/** Each template row's label found in the text, in order; a label found out of order is kept, marked. */
function anchorRows(stream: TextStream, tpl: TableTemplate, header: ReadonlySet<Token>): Anchor[] {
  const anchors: Anchor[] = [];
  const used = new Set<number>();
  // A key inside the column header repeated on a new page (the 其他 of 法人或其他组织, or the
  // column 其他) is not the row's label: look further.
  const inHeader = (m: { first: number; last: number }) => {
    for (let i = m.first; i <= m.last; i++) if (!header.has(stream.tokens[i] as Token)) return false;
    return true;
  };
  const find = (key: string, from: number) => {
    let m = stream.find(key, from);
    while (m && inHeader(m)) m = stream.find(key, m.pos + 1);
    return m;
  };
  let pos = 0;
  for (const row of tpl.rows) {
    const m = find(norm(row.key), pos);
    if (m && !used.has(m.first)) {
      anchors.push({ row, first: m.first, last: m.last, typo: false, disordered: false });
      used.add(m.first);
      pos = m.next;
      continue;
    }
    // Out of order (a converter moved the label): keep it, but never trust its values.
    if (row.key.length >= 4) {
      const early = find(norm(row.key), 0);
      if (early && !used.has(early.first) && early.pos < pos) {
        anchors.push({ row, first: early.first, last: early.last, typo: false, disordered: true });
        used.add(early.first);
      }
    }
  }
  return anchors;
}

/** The group labels with their enumerators (the 、 of 三、本年度办理结果 is a piece of one). */
const RAW_GROUPS = T3_GROUPS.map(norm);

/**
 * How many leading characters of a token's normalised text are characters of group labels written
 * vertically, one or two of a label's column a line, one space apart (`pdftotext -layout` keeps one
 * space between neighbouring columns' text): all of “处 六” and “理 ）” (two vertical labels side by
 * side), “（” of “（ 止公开” and “开不” of “开 不 止公开” (before a row label's last line). 0 for a
 * token without such spaces.
 */
function verticalPieces(t: Token): number {
  if (!/\S \S/.test(t.raw)) return 0;
  const parts = t.raw.trim().split(/ +/).map(norm);
  let lead = 0;
  for (const part of parts) {
    if (part.length === 0 || part.length > 2 || !RAW_GROUPS.some((g) => g.includes(part))) break;
    lead += part.length;
  }
  return lead;
}

export function readT3(whole: Ctx, found: [number, number] | null, fallback: Span): Table {
  if (!found) return missingTable('t3', '三', fallback);
  const { ctx, region } = splitWords(whole, found);
  const facts: TableFact[] = [];
  const text = regionText(ctx, region);
  // 2021 shows itself by the sub-rows of （六）; 2019 by a （六）其他处理 without them. A table cut
  // off before （六） shows neither: its template is unknown (read against 2021's rows).
  const template: Template = T3_SIGNALS_2021.some((s) => text.includes(s)) ? '2021' : text.includes(norm('其他处理')) ? '2019' : 'unknown';
  const tpl = template === '2019' ? T3_2019 : T3_2021;
  const groups = T3_GROUPS.map((v) => stripEnumerators(norm(v)));
  const keys = tpl.rows.map((r) => norm(r.key));
  const headerWords = tpl.vocabulary.map((v) => stripEnumerators(norm(v))).filter((v) => !groups.includes(v));
  const repeatedHeader = repeatedHeaderTokens(ctx, region, headerWords, keys);
  // Pieces of a group label (（三）不予公开) that a layout prints between its children's labels.
  const groupPiece = (t: Token) => {
    const w = stripEnumerators(t.norm);
    if (w.length === 0) return false;
    // A group's own enumerator and the start of its name (“（四）无” of a wrapped “（四）无法提供”).
    if (GROUP_STARTS.some(([mark, name]) => t.norm.startsWith(mark) && name.startsWith(w) && !keys.includes(name))) return true;
    return groups.some((g) => g.includes(w)) && !keys.some((k) => k.includes(w));
  };
  // Any piece of a group label, even one that row labels share (the “理” of a vertical
  // 三、本年度办理结果 between the lines of “…要求缴” and “纳费用…”), or a bare group enumerator.
  const maybeGroupPiece = (t: Token) => {
    const w = stripEnumerators(t.norm);
    // A bare enumerator (“（三）”, the “三、” of a vertical 三、本年度办理结果): keys have none.
    if (w === '') return true;
    // A piece of the column header repeated on the next page, between the halves of a label the
    // page break split (“1.本机关不 / 掌握相关政” … header … “府信息”).
    if (repeatedHeader.has(t)) return true;
    // A group's enumerator cut by a line break (“（四” / “）无”): its halves.
    if (/^\([一二三四五六七八九十]{1,3}$/.test(w)) return true;
    const rest = w.replace(/^\)/, '');
    // The 、 of a vertical 三、本年度办理结果 set on a line of its own, or before a row's values.
    const piece = rest === '' || (rest.length <= 4 && (groups.some((g) => g.includes(rest)) || RAW_GROUPS.some((g) => g.includes(rest))));
    return piece || verticalPieces(t) === t.norm.length;
  };
  // A group's enumerator, or the characters of a group label written one or two a line, glued to
  // the next line of a child's label beside it (“（五）开出版”, “不予家秘密” in a table with no rules).
  const groupMark = (t: Token) => {
    // …or characters of vertical group labels one space before the label's line (“（ 止公开”).
    const mark = /^(?:\([三四五六]\)|三、)/.exec(t.norm)?.[0].length ?? verticalPieces(t);
    if (mark > 0) return mark;
    let n = 0;
    while (n < t.norm.length - 1 && groups.some((g) => g.includes(t.norm.slice(0, n + 1)))) n++;
    return n;
  };
  const stream = new TextStream(ctx.tokens, region[0], region[1], groupPiece, maybeGroupPiece, groupMark);
  const anchors = anchorRows(stream, tpl, repeatedHeader);
  findTypos(ctx, tpl, anchors, region);
  anchors.sort((a, b) => a.first - b.first);
  extendOverEnumerators(ctx, anchors, region, (t) => groupPiece(t) || maybeGroupPiece(t));
  if (!hasNote(ctx, region, tpl)) facts.push({ kind: 'missingNote', note: T3_NOTE, span: tokenSpan(ctx, region[0]) });
  // Table 三's column headers stand above its first row; below, labels are checked as rows.
  checkHeaderWords(ctx, [region[0], anchors[0]?.first ?? region[1]], tpl, anchors, facts);
  const rowFacts: TableFact[] = [];
  let outcomes = readRows(ctx, tpl, anchors, region, { isBoundary: () => false, relation: ROW_TOTAL }, rowFacts);
  // Plain pdftotext text: values in column blocks, labels elsewhere.
  const blocks = readByBlocks(ctx, tpl, anchors, region, outcomes, rowFacts);
  // Rows read by counting (or confirmed by it) have their values by their place in the blocks.
  const counted = new Set(blocks?.outcomes ?? []);
  if (blocks) outcomes = blocks.outcomes;
  facts.push(...(blocks?.facts ?? rowFacts));
  const labelsOutOfOrder = anchors.some((a) => a.disordered);
  const pending = new Set<Draft>(); // rows whose place of a sum error the column relations may tell
  outcomes = valuesOfNextRow(ctx, tpl, outcomes, facts).map((o) => stackedOutOfOrder(o, facts, labelsOutOfOrder && !counted.has(o), pending));
  outcomes = columnsShort(outcomes, T3_COLUMNS.length);

  // Rows with one reading are known; the column relations narrow the others.
  const known = new Map<string, ReadonlyArray<number | null>>();
  const candidates: Array<Candidate & { draft: Draft }> = [];
  for (const o of outcomes) {
    if (!('draft' in o) || pending.has(o.draft)) continue;
    const only = o.draft.options.length === 1 ? o.draft.options[0] : undefined;
    const values = only?.[0]?.cells.map((c) => c.value);
    if (values && only?.every((r) => r.how === 'written') && !o.draft.wider) known.set(o.draft.template.id, values);
    else candidates.push({ row: o.draft.template.id, options: o.draft.options, chosenBy: new Set(), draft: o.draft });
  }
  const relations = columnRelations(tpl.rows.map((r) => r.id));
  const short = oneCellShort(columnThroughout(ctx, [region[0], anchors[0]?.first ?? region[0]], candidates, known, relations), outcomes, known);
  narrow(candidates, known, relations);
  // Only then the two together: when （七）总计 is itself unread, 一 + 二 = Σ outcomes + 四 still
  // holds column by column (R1 with （七） replaced by its R2 sum), and may leave one reading.
  narrow(candidates, known, [...relations, withoutTotal(relations)]);
  const settled = new Map<string, ReadonlyArray<number | null>>(known);
  for (const c of candidates) {
    const values = c.options.length === 1 ? c.options[0]?.[0]?.cells.map((cell) => cell.value) : undefined;
    if (values) settled.set(c.row, values);
  }
  const rows: Row[] = outcomes.map((o) => {
    if ('row' in o) return o.row;
    if (short.has(o.draft)) return cellShort(o.draft, facts);
    const candidate = candidates.find((c) => c.draft === o.draft);
    const options = candidate?.options ?? o.draft.options;
    const draft = { ...o.draft, options };
    if (options.length === 1) return settle(ctx, draft, [...(candidate?.chosenBy ?? [])], holdsOwn(options[0]) ? 'R3' : null, facts);
    return unsettled(draft, options.length === 0 ? required(draft.template.id, settled, relations, draft.template.columns.length) : null, facts);
  });
  const ordered = displaced(sumErrorInPlace(rows, pending, relations, facts), outcomes, relations, facts);
  return finishTable(ctx, { id: 't3', name: '三', template, region, tpl, rows: ordered, facts });
}

/**
 * A row whose values stand on several lines (plain pdftotext) and whose own total fails as written
 * has a sum error whatever the order, but where is not known from the row alone: pdftotext may have
 * printed its values out of the columns' order. The column relations tell: when every relation
 * through the row that can be checked fails in exactly one column, the same one, by the amount the
 * row is off (a wrong cell e off: the row off by −e and its column by ±e; a wrong 总计: the row and
 * the 总计 column off by e), the values stand in the columns' order and table-sums finds the
 * error at its cell. Otherwise (another column off too, no relation to check) the row is out of
 * order: unread, one `interleaved` fact, never a sum error placed by an order nobody printed.
 * Only rows pdftotext printed under their own label qualify (stackedOutOfOrder).
 */
function sumErrorInPlace(rows: Row[], pending: ReadonlySet<Draft>, relations: readonly ColumnRelation[], facts: TableFact[]): Row[] {
  if (pending.size === 0) return rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const valuesOf = (id: string): number[] | null => {
    const row = byId.get(id);
    const values = row?.status === 'read' && row.cells.length === T3_COLUMNS.length ? row.cells.map((c) => c.value) : null;
    return values && values.every((v) => v !== null) ? (values as number[]) : null;
  };
  const inPlace = (draft: Draft): boolean => {
    const own = valuesOf(draft.template.id);
    if (!own) return false;
    const off = (own[own.length - 1] as number) - own.slice(0, -1).reduce((a, b) => a + b, 0);
    let column: number | null = null;
    let checked = 0;
    for (const relation of relations) {
      const term = relation.terms.find((t) => t.row === draft.template.id);
      if (!term) continue;
      const values = relation.terms.map((t) => valuesOf(t.row));
      if (values.some((v) => v === null)) continue;
      const residual = T3_COLUMNS.map((_, c) => relation.terms.reduce((sum, t, i) => sum + t.sign * ((values[i] as number[])[c] as number), 0));
      const failing = residual.flatMap((r, c) => (r === 0 ? [] : [c]));
      const c = failing[0];
      if (failing.length !== 1 || c === undefined) return false;
      // A wrong applicant cell (printed = true + e) leaves its total off by −e, its column by sign·e;
      // a wrong total leaves the row off by e and the 总计 column by sign·e.
      const total = c === T3_COLUMNS.length - 1;
      if (residual[c] !== (total ? term.sign * off : -term.sign * off) || (column !== null && column !== c)) return false;
      column = c;
      checked++;
    }
    return checked > 0;
  };
  const out = new Map<string, Row>();
  for (const draft of pending) {
    if (inPlace(draft)) continue;
    dropFacts(facts, (f) => f.kind !== 'labelTypo' && 'row' in f && f.row !== null && f.row.id === draft.template.id);
    facts.push({ kind: 'interleaved', row: rowRef(draft.template), runs: new Set((draft.values ?? []).map((v) => v.rowKey)).size, span: draft.valueSpan });
    out.set(draft.template.id, { ...draft.base, status: 'unclear', cells: [], decoded: null });
  }
  return rows.map((r) => out.get(r.id) ?? r);
}

/**
 * Values that plain pdftotext printed each on a line of their own (or over several lines) come in
 * the order it chose, and a value printed early or late (“164 / 0 / 0 / 15 / 0 / -2- / 0 / 179”,
 * true 164 0 0 0 15 0 179) still makes its row's own total hold: the row relation cannot see it.
 * A column relation can: where R1 or R2 fails in two or more applicant columns by amounts that
 * cancel out (what moving values within rows does; one wrong cell fails one column) and its 总计
 * column holds, its rows whose values stand on several lines are out of order, not sum errors —
 * unread, one `interleaved` fact each (one finding for the table), never a sum error at a cell
 * nobody printed wrong. Where some of those rows hold the numbers the relation needs in another
 * order, only they are (the relation tells which rows, not their reading: they stay unread). The
 * relation chose no reading here.
 */
function displaced(rows: Row[], outcomes: readonly RowOutcome[], relations: readonly ColumnRelation[], facts: TableFact[]): Row[] {
  const scattered = new Map<string, Draft>();
  for (const o of outcomes) {
    if (!('draft' in o)) continue;
    const values = o.draft.values ?? [];
    if (values.length > 1 && values.every((v) => !v.delimited) && new Set(values.map((v) => v.rowKey)).size > 1) scattered.set(o.draft.template.id, o.draft);
  }
  if (scattered.size === 0) return rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const suspects = new Set<string>();
  for (const relation of relations) {
    const values = relation.terms.map((t) => {
      const row = byId.get(t.row);
      return row?.status === 'read' && row.cells.length === T3_COLUMNS.length ? row.cells.map((c) => c.value) : null;
    });
    if (values.some((v) => v === null || v.some((x) => x === null))) continue;
    const residual = T3_COLUMNS.map((_, c) => relation.terms.reduce((sum, t, i) => sum + t.sign * ((values[i] as number[])[c] as number), 0));
    const applicants = residual.slice(0, -1);
    const failing = applicants.filter((r) => r !== 0).length;
    if (failing < 2 || residual[residual.length - 1] !== 0 || applicants.reduce((a, b) => a + b, 0) !== 0) continue;
    // A row whose values, put in the order the relation needs, are its own values (another order
    // of the same numbers) explains the failure alone: such rows are the suspects (二 or 四 when a
    // value of one of them moved and both hold the same numbers); when none does, all are.
    const sameNumbers = (a: readonly number[], b: readonly number[]) => [...a].sort((x, y) => x - y).join() === [...b].sort((x, y) => x - y).join();
    const terms = relation.terms.flatMap((t, i) => (scattered.has(t.row) ? [{ row: t.row, sign: t.sign, own: (values[i] as number[]).slice(0, -1) }] : []));
    const explain = terms.filter((t) =>
      sameNumbers(
        t.own,
        t.own.map((v, c) => v - t.sign * (applicants[c] as number)),
      ),
    );
    for (const t of explain.length > 0 ? explain : terms) suspects.add(t.row);
  }
  if (suspects.size === 0) return rows;
  dropFacts(facts, (f) => f.kind !== 'labelTypo' && 'row' in f && f.row !== null && suspects.has(f.row.id));
  return rows.map((row) => {
    const draft = scattered.get(row.id);
    if (!draft || !suspects.has(row.id)) return row;
    facts.push({ kind: 'interleaved', row: rowRef(draft.template), runs: new Set((draft.values ?? []).map((v) => v.rowKey)).size, span: draft.valueSpan });
    return { ...draft.base, status: 'unclear', cells: [], decoded: null };
  });
}

/**
 * A row with two lines of values and the next row with none: plain pdftotext printed the next
 * row's values line before that row's label (“3.危及“三 / 安全一稳 0 0 0 0 0 0 0 / 定” / 0 0 0 0 0 0 0 /
 * （三）不予 4.保护第三”); `-layout` text does so for several rows in a row beside a group label
 * written vertically over two columns (each row's values half a line above its label). Each line
 * is one whole row, in the rows' order: from the row with two lines through the rows with one line
 * each to the row with none, as many lines as rows, each row takes the next line.
 */
function valuesOfNextRow(ctx: Ctx, tpl: TableTemplate, outcomes: RowOutcome[], facts: TableFact[]): RowOutcome[] {
  const out = [...outcomes];
  const lineOf = (values: readonly Token[], columns: number): Token[][] | null => {
    if (values.length === 0 || values.length % columns !== 0 || values.some((v) => v.delimited || v.kind !== 'num')) return null;
    const lines: Token[][] = [];
    for (let k = 0; k < values.length; k += columns) lines.push(values.slice(k, k + columns));
    return lines.every((l) => new Set(l.map((t) => t.rowKey)).size === 1) && new Set(lines.map((l) => l[0]?.rowKey)).size === lines.length ? lines : null;
  };
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k];
    if (!a || !('draft' in a) || a.draft.options.length !== 0) continue;
    const columns = a.draft.template.columns.length;
    const first = lineOf(a.draft.values ?? [], columns);
    if (first?.length !== 2) continue;
    const lines = [...first];
    let m = k + 1;
    for (let o = out[m]; o && 'draft' in o; o = out[++m]) {
      const own = lineOf(o.draft.values ?? [], columns);
      if (own?.length !== 1 || !own[0]) break;
      lines.push(own[0]);
    }
    const b = out[m];
    const next = tpl.rows[m];
    if (!b || !('row' in b) || b.row.status !== 'count' || b.row.valuesFound !== 0 || !next) continue;
    for (let j = k; j < m; j++) {
      const o = out[j];
      if (o && 'draft' in o) out[j] = { draft: draftOf(ctx, o.draft.template, o.draft.base.found, lines[j - k] ?? []) };
    }
    out[m] = { draft: draftOf(ctx, next, b.row.found, lines[m - k] ?? []) };
    const at = facts.findIndex((f) => f.kind === 'cellCount' && f.row.id === next.id);
    if (at >= 0) facts.splice(at, 1);
  }
  return out;
}

/**
 * A table whose cells show fewer value columns than the format's, row after row (two columns
 * beyond the paper's edge, left out when the page was printed): rows of that many separate cells
 * are not digits run together. Their splits into the format's cells are dropped, so that such a
 * row is a wrong count of values (one finding for the table), never a reading cut from numbers
 * that belong to one cell each, nor a sum error of “digits that no split makes add up”. It takes
 * at least three rows of the same short count of cells, each a whole number as a count is written
 * (no leading zero, at most MAX_DIGITS digits, not glued to text): a row of one cell holding a
 * long run (“15130000154”) still splits.
 */
function columnsShort(outcomes: RowOutcome[], width: number): RowOutcome[] {
  const separate = (d: Draft): number | null => {
    const values = d.values ?? [];
    const plain = values.every((t) => t.kind === 'num' && t.delimited && !t.glued && /^(?:0|[1-9]\d{0,5})$/.test(t.raw));
    return values.length >= 2 && values.length < width - 1 && plain ? values.length : null;
  };
  const counts = new Map<number, number>();
  for (const o of outcomes) {
    const n = 'draft' in o ? separate(o.draft) : null;
    if (n !== null) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const short = [...counts].filter(([, rows]) => rows >= 3).map(([n]) => n);
  if (short.length !== 1) return outcomes;
  return outcomes.map((o) => {
    if (!('draft' in o) || separate(o.draft) !== short[0]) return o;
    const options = o.draft.options.map((g) => g.filter((r) => r.how !== 'split')).filter((g) => g.length > 0);
    return { draft: { ...o.draft, options, tried: o.draft.tried.filter((t) => t !== 'split') } };
  });
}

/**
 * Values each on a line of their own (plain pdftotext) come in the order pdftotext chose, which is
 * not always the columns' (a row's 自然人 cell printed after its 总计): such a row whose own total
 * does not hold is read as out of order, not as a sum error, unless the column relations place the
 * error at one cell (it goes to `pending`: sumErrorInPlace decides once the other rows are read). So is a row
 * whose values pdftotext scattered over several lines of undelimited text (“212 51 778 / 0 / 0 /
 * 0 305”: another row's cells among them, or a cell lost) and that its values as written do not
 * make add up: a lost cell or a split would be placed by an order nobody printed. A row read by
 * counting is no different: counting gives it cells in the order pdftotext printed them. Where
 * labels stand out of their order (`labelsOutOfOrder`: plain pdftotext printed some after the
 * values), a row's scattered values are not known to be its own even when they add up: the label
 * before them may be one printed late (“（二）部分公开…” after the rows of （三）).
 */
function stackedOutOfOrder(o: RowOutcome, facts: TableFact[], labelsOutOfOrder: boolean, pending: Set<Draft>): RowOutcome {
  if (!('draft' in o)) return o;
  const values = o.draft.values ?? [];
  const scattered = values.length > 1 && values.every((v) => !v.delimited) && new Set(values.map((v) => v.rowKey)).size > 1;
  const readings = o.draft.options.flat();
  const asWritten = readings.length === 1 && readings[0]?.how === 'written' ? readings[0] : undefined;
  if (asWritten) {
    const numbers = asWritten.cells.map((c) => c.value);
    if (numbers.some((v) => v === null) || (ROW_TOTAL.check(numbers as number[]) && !(scattered && labelsOutOfOrder))) return o;
    // Stacked: no two values on one line, none in a delimited cell.
    const starts = new Set(asWritten.cells.map((c) => c.start));
    const tokens = o.draft.stacked;
    const stacked = tokens !== undefined && tokens.length === asWritten.cells.length && tokens.every((t) => starts.has(t.start));
    if (!stacked && !scattered) return o;
    // Its own values (not a late label's): the column relations may yet show the order is the
    // columns' and place a sum error.
    if (!(scattered && labelsOutOfOrder)) {
      pending.add(o.draft);
      return o;
    }
  } else if (!scattered || readings.length === 0) return o;
  // A number wrapped over the row's line and the next (decode.ts, `joined`) is scattered by nature.
  else if (!labelsOutOfOrder && readings.every((r) => r.how === 'joined')) return o;
  facts.push({ kind: 'interleaved', row: rowRef(o.draft.template), runs: new Set(values.map((v) => v.rowKey)).size, span: o.draft.valueSpan });
  return { row: { ...o.draft.base, status: 'unclear' } };
}

/**
 * Text that `pdftotext -layout` ran together with one space: the characters of a vertical group
 * label and the wrapped line of a row label beside it (“度办 的，只计这一情形，不计其”), or a header
 * word and the next (“…第三项加第四 自然”). Within table 三 such text is read as separate words, so
 * each piece is recognised for what it is; offsets stay exact.
 */
function splitWords(ctx: Ctx, region: [number, number]): { ctx: Ctx; region: [number, number] } {
  const own: Token[] = [];
  let changed = false;
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i] as Token;
    if (t.kind !== 'text' || t.delimited || !WORD_GAP.test(t.raw)) {
      own.push(t);
      continue;
    }
    let from = 0;
    const piece = (to: number) => {
      const raw = t.raw.slice(from, to).trim();
      const n = norm(raw);
      if (n !== '') {
        const at = t.start + t.raw.indexOf(raw, from);
        own.push({ ...t, raw, norm: n, start: at, end: at + raw.length });
      }
    };
    for (const m of t.raw.matchAll(new RegExp(WORD_GAP.source, 'gu'))) {
      piece(m.index + 1);
      from = m.index + 1;
    }
    piece(t.raw.length);
    changed = true;
  }
  if (!changed) return { ctx, region };
  const tokens = [...ctx.tokens.slice(0, region[0]), ...own, ...ctx.tokens.slice(region[1])];
  return { ctx: { ...ctx, tokens }, region: [region[0], region[0] + own.length] };
}

/** One space between two words: after an ideograph or closing punctuation, before an ideograph, an opening bracket or an item number (“（四）无法 2.没有…”; not “8 .属于…”, “三 、本”). */
const WORD_GAP = /[\p{Script=Han}，。）”」](?=[ \u3000](?:[\p{Script=Han}（“「]|\d{1,2}[.．、]))/u;

/**
 * A label wrapped around its values with its item number on the first line ("（五）不予处理1." /
 * values / "信访举报投诉类申请"; "三、（一）" / values / "予以公" / "开" in cells so narrow that
 * the first line holds only the number): the anchor starts at the line with the number, so the
 * values in between are the row's own. Pieces of a group label printed beside the label's next
 * lines (the 不 of a vertical 不予公开 before 属) may stand between the values and the label.
 */
function extendOverEnumerators(ctx: Ctx, anchors: Anchor[], region: [number, number], piece: (t: Token) => boolean): void {
  anchors.forEach((anchor, k) => {
    const item = /·(\d+)\./.exec(anchor.row.label)?.[1];
    const bracket = /^（([一二七])）/.exec(anchor.row.label)?.[1];
    const mark = item ? new RegExp(`(?:^|[^\\d])${item}[.、]$`) : bracket ? new RegExp(`\\(${bracket}\\)$`) : null;
    if (!mark || anchor.typo) return;
    const floor = k > 0 ? (anchors[k - 1] as Anchor).last + 1 : region[0];
    let j = anchor.first - 1;
    while (j >= floor && ctx.tokens[j]?.kind === 'text' && piece(ctx.tokens[j] as Token)) j--;
    const values = j;
    while (j >= floor && ctx.tokens[j]?.kind !== 'text') j--;
    const t = ctx.tokens[j];
    if (j >= floor && j < values && t && mark.test(t.norm)) anchor.first = j;
  });
}

/**
 * The one applicant column whose name the header above the rows lacks, if exactly one. A name
 * wrapped in its cell (`-layout` text: “商业企” over “业”, “科研机 社会公” over “构  益组织”) is there
 * when its pieces rejoin to it: each piece a word of its own on one of the next three lines, under
 * the piece before (their columns overlap), each lower piece used once.
 */
function headerLacks(ctx: Ctx, range: [number, number]): number | null {
  // 其他 is also inside 法人或其他组织: look for it without that caption.
  const text = regionText(ctx, range).replace(norm('法人或其他组织'), '');
  if (!text.includes(norm('自然人'))) return null;
  const words: Array<{ norm: string; line: number; from: number; to: number }> = [];
  for (let i = range[0]; i < range[1]; i++) {
    const t = ctx.tokens[i];
    if (t?.kind !== 'text') continue;
    for (const m of t.raw.matchAll(/\S+/g)) {
      const at = ctx.lines.point(t.start + m.index);
      words.push({ norm: norm(m[0]), line: at.line, from: at.column, to: at.column + m[0].length });
    }
  }
  const used = new Set<number>();
  const rejoins = (name: string, above: (typeof words)[number], depth: number): number[] | null => {
    if (name === '') return [];
    if (depth === 0) return null;
    for (const [k, w] of words.entries()) {
      if (used.has(k) || w.line <= above.line || w.line > above.line + 3 || w.from > above.to || w.to < above.from) continue;
      if (!name.startsWith(w.norm) || w.norm === '') continue;
      const rest = rejoins(name.slice(w.norm.length), w, depth - 1);
      if (rest) return [k, ...rest];
    }
    return null;
  };
  const wrapped = (name: string): boolean =>
    words.some((w, k) => {
      if (used.has(k) || w.norm === '' || w.norm.length >= name.length || !name.startsWith(w.norm)) return false;
      const rest = rejoins(name.slice(w.norm.length), w, 2);
      if (!rest) return false;
      for (const r of [k, ...rest]) used.add(r);
      return true;
    });
  const absent = T3_COLUMNS.flatMap((c, i) => (text.includes(norm(c)) || wrapped(norm(c)) ? [] : [i]));
  return absent.length === 1 ? (absent[0] ?? null) : null;
}

/** The header's words (each token's raw text split at spaces and pipes), normalised. */
function headerWordsOf(ctx: Ctx, range: [number, number]): string[] {
  const words: string[] = [];
  for (let i = range[0]; i < range[1]; i++) {
    const t = ctx.tokens[i];
    if (t?.kind === 'text') for (const m of t.raw.matchAll(/[^\s|]+/g)) words.push(norm(m[0]));
  }
  return words;
}

/** A header word naming a column the template lacks: 合计 or 小计 among the applicant columns. */
const isExtraWord = (w: string): boolean => w === norm('合计') || w === norm('小计');

/**
 * Where the header (its `words`) shows a column the template lacks (合计 or 小计 among the applicant
 * columns), as the place of its value among a row's values: after the 法人或其他组织 column named
 * right before it (its row of the header), before the applicant column named right after it (both,
 * when both stand there, agreeing); null when the header names no such column, or no whole name
 * stands beside it.
 */
function headerExtra(words: readonly string[]): number | null {
  const extra = words.flatMap((w, k) => (isExtraWord(w) ? [k] : []));
  if (extra.length !== 1) return null;
  const k = extra[0] as number;
  const at = (w: string | undefined): number => T3_COLUMNS.findIndex((c) => norm(c) === w);
  const before = at(words[k - 1]);
  const after = at(words[k + 1]);
  // 自然人 and 总计 stand in the header's row above the 法人或其他组织 columns: no neighbour there.
  const places = [...(before > 0 && before < T3_COLUMNS.length - 1 ? [before + 1] : []), ...(after > 0 ? [after] : [])];
  return places.length > 0 && places.every((p) => p === places[0]) ? (places[0] ?? null) : null;
}

/** R1 − R2: （七）总计 eliminated, so 一 + 二 − 四 − Σ outcomes = 0; choosing with it is choosing with both. */
export function withoutTotal(relations: readonly ColumnRelation[]): ColumnRelation {
  const r1 = relations.find((r) => r.id === 'R1')?.terms ?? [];
  const r2 = relations.find((r) => r.id === 'R2')?.terms ?? [];
  // R1 has （七） with −1 and R2 with +1: R1 + R2 cancels it.
  const terms = [...r1, ...r2].filter((t) => t.row !== 't3.total');
  return { id: 'R1', terms, via: ['R1', 'R2'] };
}

/** R1 (一 + 二 = （七） + 四) and R2 (（七） = the sum of the outcome rows) over the template's rows. */
export function columnRelations(rowIds: readonly string[]): ColumnRelation[] {
  const outcomes = rowIds.filter((id) => T3_OUTCOME_PREFIXES.some((p) => id === p || id.startsWith(p)));
  return [
    {
      id: 'R1',
      terms: [
        { row: 't3.new', sign: 1 },
        { row: 't3.carried', sign: 1 },
        { row: 't3.total', sign: -1 },
        { row: 't3.carryOver', sign: -1 },
      ],
    },
    { id: 'R2', terms: [{ row: 't3.total', sign: 1 }, ...outcomes.map((row) => ({ row, sign: -1 as const }))] },
  ];
}

/**
 * In a table with a column added throughout (at `added`), the rows read as written with as many values as the
 * template's columns (taken out of `known`): each lacks one of the table's cells (an empty cell the
 * text does not show, as -layout text), which one the row does not say; read as written, its values
 * would stand in other columns. They are unread, one finding with the others (the table's cells counted).
 * Where the place is not decided (plain pdftotext text: the rows that show the added column's value
 * printed out of their lines, unread), the header's word for the added column (`named`) and a row
 * that shows one value more than the template's columns, read or not, still say the column is
 * there: every row read as written from text without cell delimiters lacks a cell then (its
 * empty cell, or two of its pieces read as one value), which one nothing shows. Unread alike.
 */
function oneCellShort(
  { added, named }: { added: number | undefined; named: boolean },
  outcomes: readonly RowOutcome[],
  known: Map<string, ReadonlyArray<number | null>>,
): Set<Draft> {
  const short = new Set<Draft>();
  if (added === undefined) {
    if (
      !named ||
      !outcomes.some((o) => ('row' in o ? o.row.valuesFound : (o.draft.values ?? []).filter((t) => t.kind !== 'blank').length) === T3_COLUMNS.length + 1)
    )
      return short;
    for (const o of outcomes) {
      const values = 'draft' in o ? (o.draft.values ?? []) : [];
      if ('draft' in o && known.has(o.draft.template.id) && values.length > 0 && values.every((t) => !t.delimited)) {
        known.delete(o.draft.template.id);
        short.add(o.draft);
      }
    }
    return short;
  }
  for (const o of outcomes)
    if ('draft' in o && known.has(o.draft.template.id) && (o.draft.values ?? []).length === T3_COLUMNS.length) {
      known.delete(o.draft.template.id);
      short.add(o.draft);
    }
  return short;
}

/** Such a row unread: its cells one fewer than the table's. */
function cellShort(draft: Draft, facts: TableFact[]): Row {
  const expected = T3_COLUMNS.length + 1;
  facts.push({ kind: 'cellCount', row: rowRef(draft.template), found: expected - 1, expected, blanks: 0, span: draft.valueSpan });
  return { ...draft.base, status: 'count' };
}

/** A row's reading without its value at `place` (its values one too many), as written otherwise; its cells with an empty one where those are one too many (Draft.wider), the empty cell staying empty. */
function leaveOut(draft: Draft | undefined, place: number): Reading | null {
  const cells = draft?.wider ?? (draft?.values ?? []).filter((t) => t.kind !== 'blank');
  const dropped = cells[place];
  if (!dropped || cells.length !== T3_COLUMNS.length + 1) return null;
  return { cells: cells.filter((t) => t !== dropped).map((t) => cellOf(t, {})), how: 'extraValue', dropped };
}

/** A row's reading with an empty cell at `at` (its values one short), as written otherwise. */
function leaveEmpty(values: readonly Token[] | undefined, at: number): Reading | null {
  const nonBlank = (values ?? []).filter((t) => t.kind !== 'blank');
  if (nonBlank.length !== T3_COLUMNS.length - 1) return null;
  const cells = nonBlank.map((t) => cellOf(t, {}));
  const neighbour = nonBlank[Math.min(at, nonBlank.length - 1)] as Token;
  const point = at < nonBlank.length ? neighbour.start : neighbour.end;
  cells.splice(at, 0, { kind: 'missing', value: null, raw: '', start: point, end: point, read: 'written' });
  return { cells, how: 'missingCell', at };
}

/** Whether a row's reading satisfies its own total (a relation it breaks chose nothing: a row read by its extra column's place). */
function holdsOwn(group: readonly Reading[] | undefined): boolean {
  const values = group?.[0]?.cells.map((c) => c.value) ?? [];
  return !values.every((v): v is number => v !== null) || ROW_TOTAL.check(values);
}

/** A column missing from every row, or one too many in every row: placed by the relations (or the header, its words in `header`), or by the rows that show it; the added column's place, when one is, and whether the header names such a column. */
function columnThroughout(
  ctx: Ctx,
  header: [number, number],
  candidates: Array<Candidate & { draft: Draft }>,
  known: ReadonlyMap<string, ReadonlyArray<number | null>>,
  relations: readonly ColumnRelation[],
): { added: number | undefined; named: boolean } {
  missingColumn(candidates, known, relations, T3_COLUMNS.length, 3, headerLacks(ctx, header), (row, at) =>
    leaveEmpty(candidates.find((c) => c.row === row)?.draft.values, at),
  );
  const draftFor = (row: string): Draft | undefined => candidates.find((c) => c.row === row)?.draft;
  const words = headerWordsOf(ctx, header);
  const added = extraColumn(
    candidates,
    3,
    T3_COLUMNS.length,
    headerExtra(words),
    (row, place) => leaveOut(draftFor(row), place),
    (row) => draftFor(row)?.wider !== undefined,
  );
  // Whether the header names one such column, wherever it stands.
  return { added, named: words.filter(isExtraWord).length === 1 };
}
