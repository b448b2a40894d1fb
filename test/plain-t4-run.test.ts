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

/**
 * Right-aligned cells (Word, narrow margins): the header words that do not share their cells' lines
 * come between the values or after them — the first group's results right after their header
 * words, the rest of the values after 行政诉讼's header, and the words of the columns between
 * (总计, or 尚未 审结) after the last value. One value a line, in runs that end inside a group.
 */
const RIGHT_ALIGNED = (values: readonly number[], first: number, late: readonly string[]): string =>
  sampleReport({ form: 'gfm' }).replace(
    /四、政府信息公开行政复议、行政诉讼情况[\s\S]*?(?=\n\n五、)/,
    [
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议',
      '',
      '行政诉讼',
      '',
      ...['结果\n维持', '结果\n纠正', '其他\n结果', '尚未\n审结'].slice(0, first),
      '',
      ...values.slice(0, first).flatMap((v) => [String(v), '']),
      '未经复议直接起诉',
      '复议后起诉',
      '总计 结果 结果 其他 尚未',
      '结果 结果 其他 尚未',
      '总计',
      '总计',
      '维持 纠正 结果 审结',
      '维持 纠正 结果 审结',
      ...values.slice(first).map(String),
      '',
      ...late,
    ].join('\n'),
  );

describe('table 四 one value a line in runs that end inside a group (right-aligned cells)', () => {
  it('is read in the text’s order where the fifteen values are written and every group adds up; else one finding', () => {
    const values = [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10];
    for (const [first, late] of [
      [3, ['尚未', '审结']],
      [4, ['总计']],
    ] as const) {
      const text = RIGHT_ALIGNED(values, first, late);
      expect(buildModel(text, parseMarkdown(text)).tables.t4.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
        [27, 10, 9, 15, 61],
        [3, 0, 0, 0, 3],
        [8, 0, 1, 1, 10],
      ]);
      expect(tableFindings(text)).toEqual([]);
    }
    // A group off (复议's 总计 55): only the totals would place the error; one finding, no sums.
    expect(tableFindings(RIGHT_ALIGNED([27, 10, 9, 15, 55, ...values.slice(5)], 3, ['尚未', '审结']))).toEqual([['table-structure', 'interleaved', '四']]);
    // The last 总计 printed beyond the table (fourteen values): not read with an empty cell.
    const short = RIGHT_ALIGNED(values.slice(0, 14), 4, ['总计']);
    expect(buildModel(short, parseMarkdown(short)).tables.t4.rows.every((r) => r.status !== 'read')).toBe(true);
  });
});
