/**
 * Table 二 in plain `pdftotext` text: a label wrapped over two lines is printed after the rows
 * below it, its values left right after the row above's (src/reading/tables/next-row.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { sampleReport } from '../src/testing/sample.ts';

const part = (lines: string[]): string => sampleReport({ form: 'gfm' }).replace(/第二十条第（一）项[\s\S]*?(?=\n\n第二十条第（五）项)/, lines.join('\n\n'));
const header = ['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数'];
const t2 = (text: string) => buildModel(text, parseMarkdown(text)).tables.t2.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status));

describe('table 二 in plain pdftotext: a wrapped label printed after its values', () => {
  it('gives the next row the second half of one run of twice a row’s values', () => {
    const text = part([...header, '规章', '0', '0', '2', '1', '0', '3', '行政规范性', '文件']);
    expect(t2(text).slice(0, 2)).toEqual([
      [0, 0, 2],
      [1, 0, 3],
    ]);
    expect(lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
  });

  it('reads nothing so when text splits the run', () => {
    const text = part([...header, '规章', '0', '0', '2', '本年', '1', '0', '3', '行政规范性', '文件']);
    expect(t2(text)[1]).not.toEqual([1, 0, 3]);
  });
});
