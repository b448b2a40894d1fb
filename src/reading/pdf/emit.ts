/**
 * A table rebuilt from the page (grid.ts) as HTML rows with rowspan and colspan, each line with its
 * place: page, rectangle, the table's name and, for a cell, its row's and column's labels.
 */
import type { Cell, Table } from './grid.ts';
import type { PdfPlace } from './layout.ts';
import { escape } from './text.ts';

/** A value cell's text: digits (full-width ones too, ０–９), separators, a percent sign. */
const NUMBER = /^[\d０-９.,，\s%-]*$/;

type Emit = (line: string, place: PdfPlace | null) => void;

/** A cell's row label (the nearest label to its left, with its parent for a numbered sub-item) and column label. */
function labeller(table: Table): (cell: Cell) => { row?: string; column?: string } {
  const grid: (Cell | undefined)[][] = Array.from({ length: table.rowCount }, () => Array.from({ length: table.colCount }, () => undefined));
  for (const cell of table.cells)
    for (let i = cell.r; i < cell.r + cell.rows; i++) for (let j = cell.c; j < cell.c + cell.cols; j++) (grid[i] as (Cell | undefined)[])[j] = cell;
  return (cell) => {
    const rowCells = (grid[cell.r] ?? []).slice(0, cell.c).filter((c): c is Cell => c !== undefined && c.text !== '' && !NUMBER.test(c.text));
    const unique = [...new Set(rowCells)];
    const nearest = unique[unique.length - 1];
    let row = nearest?.text;
    const parent = unique[unique.length - 2];
    if (nearest && parent && /^\d/.test(nearest.text)) row = `${parent.text} ${nearest.text}`;
    // The column: the lowest header above that spans this column alone, else the lowest label.
    let column: string | undefined;
    for (let i = cell.r - 1; i >= 0; i--) {
      const above = (grid[i] ?? [])[cell.c];
      if (above && above.text !== '' && !NUMBER.test(above.text) && above.c <= cell.c && above.c + above.cols >= cell.c + cell.cols) {
        column = above.text;
        break;
      }
    }
    return { ...(row && row !== cell.text ? { row } : {}), ...(column && NUMBER.test(cell.text) ? { column } : {}) };
  };
}

export function emitTable(table: Table, tableName: string | undefined, emit: Emit): void {
  const { cells } = table;
  const labelOf = labeller(table);
  const named = tableName ? { table: tableName } : {};
  const first = cells[0];
  emit('<table>', first ? { page: first.page, rect: first.rect, ...named } : null);
  for (let r = 0; r < table.rowCount; r++) {
    const starts = cells.filter((c) => c.r === r).sort((a, b) => a.c - b.c);
    const rowPlace = starts[0] ? { page: starts[0].page, rect: starts[0].rect, ...named } : null;
    emit('<tr>', rowPlace);
    for (const cell of starts) {
      const attrs = `${cell.rows > 1 ? ` rowspan="${cell.rows}"` : ''}${cell.cols > 1 ? ` colspan="${cell.cols}"` : ''}`;
      emit(`<td${attrs}>${escape(cell.text)}</td>`, { page: cell.page, rect: cell.rect, ...named, ...labelOf(cell) });
    }
    emit('</tr>', rowPlace);
  }
  emit('</table>', first ? { page: first.page, rect: first.rect, ...named } : null);
}
