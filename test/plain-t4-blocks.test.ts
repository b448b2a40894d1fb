/**
 * Table 四 in plain `pdftotext` text of a table taken apart in blocks (a floating table): each
 * block's header lines printed right before its values. Read where every run of values has exactly
 * as many values as the header lines before it name columns and the columns named are the table's
 * fifteen in order (src/reading/tables/t4.ts, headedRuns); anything else is one finding.
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { sampleReport } from '../src/testing/sample.ts';

const REVIEW = ['行政复议', '', '行政诉讼', '', '结果', '维持', '', '结果', '纠正', '', '其他', '结果', '', '尚未', '审结', '', '总计', ''];
const litigation = (name: string, v: number[]): string[] => [
  ...['结果', '维持', String(v[0]), '', name, '结果 其他 尚未', '纠正 结果 审结'],
  ...[String(v[1]), String(v[2]), String(v[3]), '', '总计', String(v[4]), ''],
];
const report = (lines: string[]): string =>
  sampleReport({ form: 'gfm' }).replace(
    /四、政府信息公开行政复议、行政诉讼情况[\s\S]*?(?=\n\n五、)/,
    ['四、政府信息公开行政复议、行政诉讼情况', ...lines].join('\n'),
  );
const floating = (r: number[], d: number[], a: number[]): string =>
  report([...REVIEW, ...r.flatMap((v) => [String(v), '']), ...litigation('未经复议直接起诉', d), ...litigation('复议后起诉', a)]);
const rows = (text: string) => buildModel(text, parseMarkdown(text)).tables.t4.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status));
const tableFindings = (text: string) =>
  lintText(text, { filePath: 'plain.txt' })
    .messages.filter((m) => m.ruleId.startsWith('table-'))
    .map((m) => [m.ruleId, m.messageId]);

describe('table 四 in blocks, each block’s header right before its values (plain pdftotext)', () => {
  it('is read by the columns the header lines name', () => {
    const text = floating([25, 3, 8, 0, 36], [3, 3, 0, 0, 6], [3, 0, 0, 0, 3]);
    expect(rows(text)).toEqual([
      [25, 3, 8, 0, 36],
      [3, 3, 0, 0, 6],
      [3, 0, 0, 0, 3],
    ]);
    expect(tableFindings(text)).toEqual([]);
  });

  it('leaves the sums to check what the headers placed: a total off is a sum error, not unread', () => {
    const text = floating([25, 3, 8, 0, 35], [3, 3, 0, 0, 6], [3, 0, 0, 0, 3]);
    expect(rows(text)[0]).toEqual([25, 3, 8, 0, 35]);
    expect(tableFindings(text).map(([rule]) => rule)).not.toContain('table-structure');
    expect(tableFindings(text).length).toBeGreaterThan(0);
  });

  it('is one finding where a run has other than its header’s count of values', () => {
    const lines = litigation('未经复议直接起诉', [3, 3, 0, 0, 6]);
    lines.splice(lines.indexOf('0'), 1); // one of the three values under “结果 其他 尚未”
    const text = report([...REVIEW, ...[25, 3, 8, 0, 36].flatMap((v) => [String(v), '']), ...lines, ...litigation('复议后起诉', [3, 0, 0, 0, 3])]);
    expect(rows(text)).toEqual(['unclear', 'unclear', 'unclear']);
    expect(tableFindings(text)).toEqual([['table-structure', 'interleaved']]);
  });

  it('is one finding where the blocks name the columns out of the table’s order', () => {
    // A group's 总计 block printed after the next group's first block.
    const d = litigation('未经复议直接起诉', [3, 3, 0, 0, 6]);
    const a = litigation('复议后起诉', [3, 0, 0, 0, 3]);
    const total = d.splice(d.indexOf('总计'), 3);
    const text = report([...REVIEW, ...[25, 3, 8, 0, 36].flatMap((v) => [String(v), '']), ...d, ...a.slice(0, 4), ...total, ...a.slice(4)]);
    expect(rows(text)).toEqual(['unclear', 'unclear', 'unclear']);
    expect(tableFindings(text)).toEqual([['table-structure', 'interleaved']]);
  });
});

describe('table 三’s last columns printed after table 四’s heading (plain pdftotext)', () => {
  const header = ['行政复议', '', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果 结果 其他 尚未', '总计 结果 结果 其他 尚未', '结果 结果 其他 尚未'];
  const header2 = ['维持 纠正 结果 审结', '总计', '总计', '维持 纠正 结果 审结', '维持 纠正 结果 审结'];
  const t4 = [0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, 0, 0];
  const text = (tail: string[]) => report([...tail, ...header, ...header2, ...t4.map(String)]);

  it('leaves 其他 / 总计 and their values before table 四’s words out of table 四', () => {
    expect(rows(text(['其他', '', '总计', '', '0', '0', '0', '', '23', '0', '7']))).toEqual([
      [0, 0, 0, 0, 0],
      [3, 0, 0, 0, 3],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('is still one finding where the values after table 四’s header are not its fifteen', () => {
    expect(rows(text(['其他', '', '总计', '', '0', '0', '0', '', '23', '0', '7']).replace(/\n3\n0\n0\n0\n3\n/, '\n3\n0\n0\n3\n'))).toEqual([
      'unclear',
      'unclear',
      'unclear',
    ]);
  });
});
