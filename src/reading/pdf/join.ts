/**
 * One table printed as two, split by its columns (a wide table 三 as 自然人…科研机构, then
 * “（续表）” and 社会公益组织…总计, each with the row labels): the second's value columns joined to
 * the first's rows where the two tables' row labels pair them exactly, row for row.
 */
import { norm } from '../text.ts';
import type { Cell, Table } from './grid.ts';

/** A value: digits, separators, a sign or a percent sign. */
const isValue = (text: string): boolean => /[\d０-９]/.test(text) && /^[\d０-９.,，\s%-]+$/.test(text);

/** Between a table and the part of it printed after it: only a “续表” line. */
export const isContinuedCaption = (text: string): boolean => /^[（(]?续表[一二三四五六七八九十\d]?[)）]?[:：]?$/.test(text.replace(/\s+/g, ''));

interface Body {
  /** The first column of values. */
  start: number;
  /** The fine rows above the first row label. */
  header: number;
  /** Each row's innermost label: the cell that ends where the values start, with values beside it. */
  labels: Cell[];
}

/**
 * A table's body: its values' first column, the row labels beside the values; null where the rows
 * do not tile the fine rows under the header (a row no label names) or a header cell crosses the
 * first value column.
 */
function body(table: Table): Body | null {
  const values = table.cells.filter((c) => isValue(c.text));
  if (values.length === 0) return null;
  const start = Math.min(...values.map((c) => c.c));
  const labels = table.cells
    .filter((l) => l.c + l.cols === start && l.text !== '' && !isValue(l.text))
    .filter((l) => values.some((v) => v.r >= l.r && v.r < l.r + l.rows))
    .sort((a, b) => a.r - b.r);
  const first = labels[0];
  if (!first) return null;
  let at = first.r;
  for (const l of labels) {
    if (l.r !== at) return null;
    at += l.rows;
  }
  if (at !== table.rowCount) return null;
  if (table.cells.some((c) => c.c < start && c.c + c.cols > start)) return null;
  return { start, header: first.r, labels };
}

/**
 * The two tables as one, or null: the same number of header rows, the same row labels in the same
 * order, the second's value columns under header words the first's value columns do not have (a
 * header cell at the join that reads the same on both sides — 申请人情况 — is one cell), and in each
 * row at most one value cell a column.
 */
export function joinColumns(a: Table, b: Table): Table | null {
  const ba = body(a);
  const bb = body(b);
  if (!ba || !bb || ba.header !== bb.header || ba.labels.length !== bb.labels.length) return null;
  if (ba.labels.some((l, i) => norm(l.text) !== norm((bb.labels[i] as Cell).text))) return null;
  const shift = a.colCount - bb.start;
  const cells: Cell[] = [...a.cells];
  // The header: the second's value columns' cells, each beside the first's in its row.
  const headA = a.cells.filter((c) => c.r < ba.header && c.c >= ba.start);
  const headB = b.cells.filter((c) => c.r < bb.header && c.c >= bb.start);
  const wordsA = new Set(headA.map((c) => norm(c.text)).filter((t) => t !== ''));
  let named = 0;
  for (const cell of headB) {
    const partner = cell.c === bb.start ? headA.find((c) => c.c + c.cols === a.colCount && c.r === cell.r && c.rows === cell.rows) : undefined;
    if (partner && cell.text !== '' && norm(partner.text) === norm(cell.text)) {
      const at = cells.indexOf(partner);
      if (at < 0) return null;
      cells[at] = { ...partner, cols: partner.cols + cell.cols };
      continue;
    }
    if (cell.text !== '' && wordsA.has(norm(cell.text))) return null;
    if (cell.text !== '') named++;
    cells.push({ ...cell, c: cell.c + shift });
  }
  if (named === 0) return null;
  // The rows: each of the second's value cells in the row its label pairs, as tall as that row.
  for (let i = 0; i < bb.labels.length; i++) {
    const la = ba.labels[i] as Cell;
    const lb = bb.labels[i] as Cell;
    const row = b.cells.filter((c) => c.c >= bb.start && c.r < lb.r + lb.rows && c.r + c.rows > lb.r);
    if (row.some((c) => c.r < lb.r || c.r + c.rows > lb.r + lb.rows)) return null;
    for (let col = bb.start; col < b.colCount;) {
      const here = row.filter((c) => c.c <= col && c.c + c.cols > col);
      const filled = here.filter((c) => c.text !== '');
      const cell = filled[0] ?? here[0];
      if (!cell || filled.length > 1 || here.some((c) => c.c !== cell.c || c.cols !== cell.cols)) return null;
      cells.push({ ...cell, r: la.r, rows: la.rows, c: cell.c + shift });
      col = cell.c + cell.cols;
    }
  }
  return { cells, rowCount: a.rowCount, colCount: a.colCount + b.colCount - bb.start, page: a.page, lastPage: b.lastPage, y1: b.y1 };
}
