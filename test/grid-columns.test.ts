/**
 * An empty cell's column in a table that has a grid. In pasted text an empty cell right after a
 * label says nothing about which column is empty (a merged label cell leaves one there too); in
 * an HTML table whose rows all span the same columns (merged cells counted), in a GFM row with the
 * header's number of cells, and so in a PDF's ruled table, the column is certain: an empty
 * 自然人 is a blank 自然人, never "one value missing, one of seven columns".
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { lintFilesToArray } from '../src/engine/run.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';

jest.setTimeout(120_000);

const ROWS = /国家秘密|其他法律行政法规禁止公开|三安全一稳定/;

/** The sample report with 自然人 (0 there) emptied in the rows matching `rows`. */
function withBlank(form: 'htmlMerged' | 'html' | 'gfmMerged' | 'gfm', rows: RegExp): string {
  return sampleReport({
    form,
    edit: (text) =>
      text
        .split('\n')
        .map((line) => {
          if (!rows.test(line)) return line;
          if (form === 'html' || form === 'htmlMerged') return line.replace(/(<\/td>)<td>0<\/td>/, '$1<td></td>');
          // GFM: the first value cell after the label cells.
          const cells = line.split('|');
          const labelCells = form === 'gfmMerged' ? 3 : 1;
          cells[labelCells + 1] = '  ';
          return cells.join('|');
        })
        .join('\n'),
  });
}

const structure = (r: LintResult) => r.messages.filter((m) => m.ruleId === 'table-structure');

describe('an empty cell in a table with a grid is a blank cell in its own column', () => {
  for (const form of ['htmlMerged', 'html', 'gfmMerged', 'gfm'] as const) {
    it(`${form}: one empty 自然人 is that cell, solved 0`, () => {
      const result = lintText(withBlank(form, /三安全一稳定/), { filePath: 'r.md' });
      const found = structure(result);
      expect(found.map((m) => m.messageId)).toEqual(['blankCell']);
      expect(found[0]?.message).toContain('的自然人为空');
      expect(result.messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    });

    it(`${form}: three empty 自然人 are one finding, not a lost column`, () => {
      const result = lintText(withBlank(form, ROWS), { filePath: 'r.md' });
      const found = structure(result);
      expect(found).toHaveLength(1);
      expect(found[0]?.message).toContain('表三有3行留有空单元格');
      expect(found[0]?.message).not.toContain('整列缺失');
    });
  }

  it('a row that lost a cell (one <td> fewer) is still a lost cell of unknown column', () => {
    const text = sampleReport({
      form: 'htmlMerged',
      edit: (t) => t.replace(/(三安全一稳定”<\/td>)<td>0<\/td>/, '$1'),
    });
    const found = structure(lintText(text, { filePath: 'r.md' }));
    expect(found.map((m) => m.messageId)).toEqual(['missingCellSomewhere']);
    expect(found[0]?.message).toContain('中的一列');
  });

  it('a GFM row with a cell fewer than its header gives no column', () => {
    const text = sampleReport({
      form: 'gfm',
      edit: (t) => t.replace(/(三安全一稳定” \|) 0 \|/, '$1'),
    });
    const found = structure(lintText(text, { filePath: 'r.md' }));
    expect(found.map((m) => m.messageId)).toEqual(['missingCellSomewhere']);
  });

  it('a PDF printed from the HTML reads the same blank cells, placed at 自然人', async () => {
    const file = path.resolve(import.meta.dirname, 'fixtures/pdf/blank-cells.pdf');
    await readFile(file);
    const [result] = await lintFilesToArray([file], { concurrency: 'off' });
    const found = structure(result as LintResult);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('表三有3行留有空单元格');
    expect(found[0]?.place).toMatch(/^第 \d+ 页 表三 （三）不予公开 1\.属于国家秘密 · 自然人$/);
  });
});
