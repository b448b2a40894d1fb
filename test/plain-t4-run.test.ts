/**
 * Table 四 in LibreOffice's plain `pdftotext` text: the header's words of each group on shared
 * lines, its 总计 cells printed apart from them, then the fifteen values one a line in one run.
 * Nothing in the text fixes the order of that run (where 总计 cells were printed apart, 总计 values
 * have come after the next group's results: test/pdftext.test.ts), only the groups' totals do; so
 * it is read where they hold and is one finding for the table where one is off, never a sum error
 * placed by the order the sums chose (src/reading/tables/t4.ts, stackedOutOfOrder).
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { sampleReport } from '../src/testing/sample.ts';

const HEADER = [
  '四、政府信息公开行政复议、行政诉讼情况',
  '行政复议',
  '',
  '行政诉讼',
  '未经复议直接起诉',
  '复议后起诉',
  '结果 结果 其他 尚未',
  '总计 结果 结果 其他 尚未',
  '结果 结果 其他 尚未',
  '维持 纠正 结果 审结',
  '总计',
  '总计',
  '维持 纠正 结果 审结',
  '维持 纠正 结果 审结',
];
const report = (values: number[]): string =>
  sampleReport({ form: 'gfm' }).replace(/四、政府信息公开行政复议、行政诉讼情况[\s\S]*?(?=\n\n五、)/, [...HEADER, ...values.map(String)].join('\n'));
const tableFindings = (text: string) =>
  lintText(text, { filePath: 'plain.txt' })
    .messages.filter((m) => m.ruleId.startsWith('table-'))
    .map((m) => [m.ruleId, m.messageId, m.data['table'] ?? m.data['cell']]);

describe('table 四 one value a line in one run (LibreOffice’s plain text)', () => {
  it('is read in the run’s order where every group adds up', () => {
    const text = report([27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]);
    const t4 = buildModel(text, parseMarkdown(text)).tables.t4;
    expect(t4.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      [27, 10, 9, 15, 61],
      [3, 0, 0, 0, 3],
      [8, 0, 1, 1, 10],
    ]);
    expect(tableFindings(text)).toEqual([]);
  });

  it('is one finding for the table, no sum error, where one group’s total is off: only the totals would place it', () => {
    expect(tableFindings(report([27, 10, 9, 15, 55, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]))).toEqual([['table-structure', 'interleaved', '四']]);
  });
});
