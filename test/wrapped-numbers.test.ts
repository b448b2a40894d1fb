/**
 * joinWrappedNumbers (src/reading/wrapped-numbers.ts): a number a narrow cell wrapped over the
 * lines above and below its row, in `pdftotext -layout` text, is one number of that row; nothing
 * else is joined. Several such numbers in one row pair in order, each pair in one gap between the
 * row's values.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { tokenize } from '../src/reading/tokens.ts';

const numbers = (text: string): string[][] => {
  const rows = new Map<string, string[]>();
  for (const t of tokenize(text, parseMarkdown(text))) if (t.kind === 'num') rows.set(t.rowKey, [...(rows.get(t.rowKey) ?? []), t.raw]);
  return [...rows.values()];
};

describe('joinWrappedNumbers', () => {
  it('joins the pieces above and below a row whose line is empty there', () => {
    const text = [
      '                                                          311',
      ' 一、本年新收政府信息公开申请数量         3001   53   0    0    61    4',
      '                                                           9',
      '',
      ' 二、上年结转政府信息公开申请数量          34     0   0    0     0    0   34',
    ].join('\n');
    expect(numbers(text)).toEqual([
      ['3001', '53', '0', '0', '61', '4', '3119'],
      ['34', '0', '0', '0', '0', '0', '34'],
    ]);
  });

  it('with label pieces left of them (a group label wrapped beside the rows)', () => {
    const text = [
      '三、本                                                       136',
      '           （一）予以公开        1288   21   0    0    50    3',
      '年度办                                                        2',
    ].join('\n');
    expect(numbers(text)).toEqual([['1288', '21', '0', '0', '50', '3', '1362']]);
  });

  it('not where the row has a value there, nor pieces apart, nor lines that are not neighbours', () => {
    const full = [
      '                                             311',
      ' 一、本年新收   3001   53   0    0    61    4   3119',
      '                                              9',
    ].join('\n');
    expect(numbers(full)).toEqual([['311'], ['3001', '53', '0', '0', '61', '4', '3119'], ['9']]);
    const apart = [
      '                              311',
      ' 一、本年新收   3001   53   0    0    61    4',
      '                                                  9',
    ].join('\n');
    expect(numbers(apart)).toHaveLength(3);
    const gap = [
      '                                             311',
      '',
      ' 一、本年新收   3001   53   0    0    61    4',
      '                                              9',
    ].join('\n');
    expect(numbers(gap)).toHaveLength(3);
    // Plain text: values each on a line of their own, at the line's start.
    expect(numbers(['5', '0 0 0', '7'].join('\n'))).toEqual([['5'], ['0', '0', '0'], ['7']]);
  });

  it('several numbers of one row, LibreOffice: pieces paired in order, each placed in its gap, the first column too', () => {
    // 68420, 108850, 35454 and 231384 wrapped in cells too narrow for them; the row's other values
    // centred between; the lower pieces stand a few columns away from under the upper ones.
    const text = [
      '一、本年新收政府信息公开申请数 6842                 10885                  3545 23138',
      '                              3110           5598    9952',
      '            量           0              0                     4     4',
    ].join('\n');
    expect(numbers(text)).toEqual([['68420', '3110', '108850', '5598', '9952', '35454', '231384']]);
  });

  it('a lower piece away from under the upper one, still in the same gap between the row’s values', () => {
    const text = [
      '                                                   311',
      ' 一、本年新收政府信息公开申请数量   3001   53   0    0    61    4',
      '                                                        9',
    ].join('\n');
    expect(numbers(text)).toEqual([['3001', '53', '0', '0', '61', '4', '3119']]);
  });

  it('not from full rows above and below a row that a wide number shifted (their values in its ordinary gaps)', () => {
    // A property test's counterexample (forms.test.ts, pasted-from-PDF noise): 900001 pushes the
    // row's values right, so that each value of the rows around it stands in one of its gaps.
    const text = [
      '    1.信访举报投诉类申请         10      10      10      10      10      10      60',
      '    2.重复申请      900001       0       0       0       0       0       0',
      '    3.要求提供公开出版物          0       0       0       0       0       0       0',
    ].join('\n');
    expect(numbers(text)).toEqual([
      ['10', '10', '10', '10', '10', '10', '60'],
      ['900001', '0', '0', '0', '0', '0', '0'],
      ['0', '0', '0', '0', '0', '0', '0'],
    ]);
  });

  it('not when a lower piece stands in another gap, the counts differ, or a first-column piece has the label right of it', () => {
    const otherGap = [
      '                                                   311',
      ' 一、本年新收政府信息公开申请数量   3001   53   0    0    61    4',
      '                                             9',
    ].join('\n');
    expect(numbers(otherGap)).toEqual([['311'], ['3001', '53', '0', '0', '61', '4'], ['9']]);
    const counts = [
      '                           311                         311',
      ' 一、本年新收   3001   53       0    0    61    4',
      '                            9',
    ].join('\n');
    expect(numbers(counts)).toHaveLength(3);
    const beforeLabel = ['  311', '        一、本年新收   3001   53   0    0    61    4', '  9'].join('\n');
    expect(numbers(beforeLabel)).toHaveLength(3);
    // Full rows above and below a row's line that pdftotext printed far to their left (Chromium, seen).
    const fullRows = [
      '                          7.属于行政执法案卷         0     0     0       0      0     0     0',
      '\f8.属于行政查询事项   0   0   0   0   0   0   0',
      '\f                                   1.本机关不掌握相关政府信息                    26         5        34         0         0          22   82',
    ].join('\n');
    expect(numbers(fullRows)).toEqual([
      ['0', '0', '0', '0', '0', '0', '0'],
      ['0', '0', '0', '0', '0', '0', '0'],
      ['26', '5', '34', '0', '0', '22', '82'],
    ]);
    // The same with values that could be upper pieces: the label text beside them stands over the row's values.
    const [above, line, below] = fullRows.split('\n') as [string, string, string];
    const fullValues = [above.replace(/ 0(?= |$)/g, '12'), line, below.replace(/ [05](?= |$)/g, '15')].join('\n');
    expect(numbers(fullValues)).toHaveLength(3);
  });

  it('two numbers wrapped in neighbouring cells at the row’s end: one gap, both joined', () => {
    const text = [
      '                                                            680 3322',
      '一、本年新收政府信息公开申请数量         9102 1998 4329 8732         2257',
      '                                                             8     6',
    ].join('\n');
    expect(numbers(text)).toEqual([['9102', '1998', '4329', '8732', '2257', '6808', '33226']]);
  });

  it('a LibreOffice report with numbers wrapped in many cells reads as its Markdown: every cell, the same table findings', () => {
    const dir = path.join(import.meta.dirname, 'fixtures/pdftext/lo');
    const lint = (name: string) => lintText(readFileSync(path.join(dir, name), 'utf8'), { keepModel: true, locale: 'en' });
    const markdown = lint('lo-wrapped-numbers.md');
    const text = lint('lo-wrapped-numbers.layout.txt');
    const rows = (r: typeof text) =>
      Object.values(r.model?.tables ?? {}).flatMap((t) => t.rows.map((row) => `${row.id} ${row.status} ${row.cells.map((c) => c.value ?? '·').join(',')}`));
    expect(rows(text)).toEqual(rows(markdown));
    const findings = (r: typeof text) => r.messages.filter((m) => m.ruleId?.startsWith('table-')).map((m) => `${m.ruleId} ${m.message}`);
    expect(findings(text)).toEqual(findings(markdown));
    expect(findings(text)).toEqual([expect.stringMatching(/^table-sums （一）予以公开·科研机构 is 81790, expected 81793/)]);
  });
});
