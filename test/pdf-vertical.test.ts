// verticalColumns (src/reading/pdf/grid.ts): a cell's text set vertically is read by its columns,
// right to left; text set in lines, even one character a run, never is.
import { describe, expect, it } from '@jest/globals';
import { verticalColumns } from '../src/reading/pdf/grid.ts';
import type { PdfText } from '../src/reading/pdf/extract.ts';

const at = (str: string, x: number, y: number, size = 10): PdfText => ({ str, x0: x, x1: x + size, y0: y, y1: y + size, size, bold: false });
const strs = (columns: PdfText[][] | null) => columns?.map((c) => c.map((t) => t.str).join(''));

describe('verticalColumns', () => {
  it('reads upright characters top to bottom, the columns right to left', () => {
    // （三）不予 in the right column, 公开 in the left one.
    const right = [...'（三）不予'].map((c, k) => at(c, 30, 100 + 10 * k));
    const left = [...'公开'].map((c, k) => at(c, 10, 100 + 10 * k));
    expect(strs(verticalColumns([...left, ...right]))).toEqual(['（三）不予', '公开']);
  });

  it('not a line spread over its cell (分散对齐), digits or label characters one a run', () => {
    expect(verticalColumns([...'159'].map((c, k) => at(c, 10 + 30 * k, 100)))).toBeNull();
    expect(verticalColumns([...'属于国家秘密'].map((c, k) => at(c, 10 + 20 * k, 100)))).toBeNull();
  });

  it('not lines set one character a run, lines touching: wider than tall', () => {
    const lines = [...'属于国家秘密'].map((c, k) => at(c, 10 + 10 * (k % 3), 100 + 10 * Math.floor(k / 3)));
    expect(verticalColumns(lines)).toBeNull();
  });

  it('not digits, even stacked', () => {
    const digits = [...'1234'].map((c, k) => at(c, 10 + 12 * Math.floor(k / 2), 100 + 10 * (k % 2)));
    expect(verticalColumns(digits)).toBeNull();
  });
});
