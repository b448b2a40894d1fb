/**
 * Table 三 in plain `pdftotext` text of Word-made PDFs: in one table, rows printed one value a line
 * (each cell a block of its own, blank lines between) and groups of two or three rows printed
 * column by column (“7↵2 / 0↵0 / … / 7↵2”: seven blocks of two lines, rows 予以公开 and 部分公开),
 * the labels in stacks before their rows' values. Read by counting (src/reading/tables/blocks.ts)
 * only where the counts leave one reading; otherwise one finding for the table.
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { consistentData, sampleReport, t3Rows } from '../src/testing/sample.ts';

const data = consistentData(
  {
    't3.open': [7, 0, 3, 0, 0, 1],
    't3.partial': [2, 1, 0, 0, 0, 0],
    't3.deny.5': [6, 0, 0, 2, 0, 0],
    't3.unable.1': [8, 0, 0, 0, 1, 0],
    't3.other.3': [1, 0, 0, 0, 0, 4],
  },
  [0, 0, 0, 0, 0, 0],
  [1, 0, 0, 0, 0, 0],
);
const rows = t3Rows(data);
const HEAD = [
  '三、收到和处理政府信息公开申请情况',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '法人或其他组织',
  '自然人',
  '商业企业',
];

/** Each value a block of its own. */
const singles = (values: readonly number[]): string[] => values.map(String);
/** Rows printed column by column: one block of as many lines as rows per column. */
const band = (of: ReadonlyArray<readonly number[]>): string[] => (of[0] ?? []).map((_, c) => of.map((v) => String(v[c])).join('\n'));

/**
 * Word's table as plain pdftotext prints it: the first four labels, rows 一 and 二 one value a line,
 * （一） and （二） as a band of two; the header's last words; the other 21 labels, then their rows one
 * value a line but the last three, a band of three. `change` alters the values printed.
 */
function table(values: (i: number) => readonly number[] = (i) => rows[i]?.values ?? [], blocks?: (all: string[]) => string[]): string {
  const v = (i: number) => values(i);
  const body = [
    ...singles(v(0)),
    ...singles(v(1)),
    ...band([v(2), v(3)]),
    '其他',
    '总计',
    ...rows.slice(4).map((r) => r.label),
    ...rows.slice(4, 22).flatMap((_, k) => singles(v(k + 4))),
    ...band([v(22), v(23), v(24)]),
  ];
  const out = [...HEAD, ...rows.slice(0, 4).map((r) => r.label), ...(blocks ? blocks(body) : body)];
  return sampleReport({ form: 'gfm', data }).replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/, out.join('\n\n'));
}
const modelOf = (text: string) => buildModel(text, parseMarkdown(text));
const readRows = (text: string) => modelOf(text).tables.t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status));
const tableFindings = (text: string) => lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'));

describe('table 三 in plain pdftotext: rows one value a line mixed with bands of rows column by column', () => {
  it('reads every row exactly, the bands by counting and the stacks of labels confirming them', () => {
    const text = table();
    expect(readRows(text)).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
  });

  it('finds a wrong cell in a band at its cell, where the column relations place it', () => {
    // （二）部分公开's 商业企业 printed 3 for 1: its own total and R2's 商业企业 column fail, by 2 each.
    const text = table((i) => (i === 3 ? [2, 3, 0, 0, 0, 0, 3] : (rows[i]?.values ?? [])));
    expect(rows[3]?.values).toEqual([2, 1, 0, 0, 0, 0, 3]);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums').map((m) => String(m.data['cell']))).toEqual([expect.stringMatching(/部分公开.*·商业企业$/)]);
    expect(findings.filter((m) => m.ruleId === 'table-structure')).toEqual([]);
  });

  it('reads nothing by counting when a band’s blocks are not all of its height: one finding, no sums', () => {
    // （一）'s and （二）'s 其他 cells printed as two blocks of one line: the band has eight blocks.
    const text = table(undefined, (body) => {
      const at = body.indexOf('1\n0');
      expect(at).toBeGreaterThan(0);
      return [...body.slice(0, at), '1', '0', ...body.slice(at + 1)];
    });
    expect(modelOf(text).tables.t3.rows.every((r) => r.status === 'read')).toBe(false);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });

  it('reads a row whose first cells stand on consecutive lines in one block, its last cells in blocks of their own', () => {
    // “（二）部分公开（区分处理的， / 2 / 1 / 0 / 0 / 0 / 只计这一情形… / … / 其他 / 总计 / 0 / 3”: no band
    // starts at a block of five that the next blocks do not match; its cells are （二）'s first five.
    const partial = rows[3]?.values ?? [];
    const text = table(undefined, (body) => [
      ...body.slice(0, 14),
      ...singles(rows[2]?.values ?? []),
      partial.slice(0, 5).join('\n'),
      '只计这一情形，不计其他情形）',
      ...body.slice(21, 23),
      ...singles(partial.slice(5)),
      ...body.slice(23),
    ]).replace('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，');
    expect(text).toContain('0\n\n只计这一情形');
    expect(text).toContain('总计\n\n0\n\n3\n\n1.属于');
    expect(readRows(text)).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
  });

  it('takes a 无 printed after a row’s last value for the vertical （四）无法提供’s character when 法, 提 and 供 follow alone', () => {
    // “0 / 无 / 本 / 法 / 年 / 提 / 度 / 供”, then the next row's values: no cell.
    const vertical = table(undefined, (body) => insertAfterRow(body, 12, ['无', '本', '法', '年', '提', '度', '供']));
    expect(readRows(vertical)).toEqual(rows.map((r) => r.values));
    expect(tableFindings(vertical)).toEqual([]);
    // Without them the 无 is a cell: one value too many, one finding, no sums.
    const cell = table(undefined, (body) => insertAfterRow(body, 12, ['无', '本', '年', '度']));
    expect(modelOf(cell).tables.t3.rows.every((r) => r.status === 'read')).toBe(false);
    const findings = tableFindings(cell);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });

  it('takes seven blocks of equal height each after its own label for rows’ first cells, not a band: one finding, no row misread', () => {
    // Word's landscape page: “一、… / 5 lines / 二、… / 5 lines / …” for seven rows, then 其他 and
    // 总计 of those rows elsewhere. Column by column they would make five rows of other values.
    // 科研机构 and 社会公益组织 0 in those rows: column by column two of the five would be rows of 0s.
    const zeroColumns = consistentData(
      { 't3.open': [7, 1, 0, 0, 2, 1], 't3.partial': [2, 1, 0, 0, 0, 0], 't3.unable.1': [8, 0, 0, 0, 1, 0] },
      [0, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
    );
    const own = t3Rows(zeroColumns);
    const out = [...HEAD];
    for (let i = 0; i < 7; i++) out.push(own[i]?.label ?? '', (own[i]?.values ?? []).slice(0, 5).join('\n'));
    // (No header words before the last two columns' cells: nothing says whose they are.)
    for (let i = 0; i < 7; i++) out.push(...singles((own[i]?.values ?? []).slice(5)));
    out.push(...own.slice(7).map((r) => r.label), ...own.slice(7).flatMap((r) => singles(r.values)));
    const text = sampleReport({ form: 'gfm', data: zeroColumns }).replace(
      /三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/,
      out.join('\n\n'),
    );
    const read = modelOf(text).tables.t3.rows;
    for (const [i, r] of read.entries()) if (r.status === 'read') expect(r.cells.map((c) => c.value)).toEqual(own[i]?.values);
    expect(read.every((r) => r.status === 'read')).toBe(false);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });

  /** Rows 一 to （二） each after its label with all but its last two cells, those under 其他 and 总计; the rest one value a line. */
  const headed = (values: (i: number) => readonly number[], under = 4): string => {
    const out = [...HEAD];
    for (let i = 0; i < 4; i++) out.push(rows[i]?.label ?? '', values(i).slice(0, 5).join('\n'));
    for (const c of [5, 6]) out.push([c === 5 ? '其他' : '总计', ...[0, 1, 2, 3].slice(0, under).map((i) => String(values(i)[c]))].join('\n'));
    out.push(...rows.slice(4).map((r) => r.label), ...rows.slice(4).flatMap((_, k) => singles(values(k + 4))));
    return sampleReport({ form: 'gfm', data }).replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/, out.join('\n\n'));
  };

  it('gives the first rows the cells printed under the headers 其他 and 总计, the k-th value to the k-th row', () => {
    const text = headed((i) => rows[i]?.values ?? []);
    expect(text).toMatch(/\n\n其他(\n\d+){4}\n\n总计(\n\d+){4}\n\n1\.属于/);
    expect(readRows(text)).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
    // A wrong cell under 其他 is found at its cell: （一）予以公开's 其他 printed 3 for 1.
    const wrong = headed((i) => (i === 2 ? [7, 0, 3, 0, 0, 3, 11] : (rows[i]?.values ?? [])));
    expect(rows[2]?.values).toEqual([7, 0, 3, 0, 0, 1, 11]);
    const findings = tableFindings(wrong);
    expect(findings.filter((m) => m.ruleId === 'table-sums').map((m) => String(m.data['cell']))).toEqual([expect.stringMatching(/予以公开·其他$/)]);
    expect(findings.filter((m) => m.ruleId === 'table-structure')).toEqual([]);
  });

  it('reads nothing so when a header heads fewer values than the rows short of them: one finding, no sums', () => {
    const text = headed((i) => rows[i]?.values ?? [], 3);
    expect(modelOf(text).tables.t3.rows.every((r) => r.status === 'read')).toBe(false);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });

  /**
   * Word's landscape page: rows 一 to （五）3 each after its label with all but its last two cells, then
   * 其他 and 总计 and those rows' last two cells as a table of their own (`tail`), then the other
   * labels and rows one value a line.
   */
  const split = (tail: (last: ReadonlyArray<readonly number[]>) => string[]): string => {
    const out = [...HEAD];
    for (let i = 0; i < 18; i++) out.push(rows[i]?.label ?? '', (rows[i]?.values ?? []).slice(0, 5).join('\n'));
    out.push('其他', '总计', ...tail(rows.slice(0, 18).map((r) => r.values.slice(5))));
    out.push(...rows.slice(18).map((r) => r.label), ...rows.slice(18).flatMap((r) => singles(r.values)));
    return sampleReport({ form: 'gfm', data }).replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/, out.join('\n\n'));
  };

  it('reads the last two columns printed as a table of their own after 其他 and 总计 by counting, rows by their labels’ order', () => {
    // 一 to （一） a band of three, （二） a pair of lines, （三）1 and 2 (all 0s) a band of two, the rest pairs.
    const text = split((last) => [
      ...band(last.slice(0, 3)),
      ...singles(last[3] ?? []),
      ...band(last.slice(4, 6)),
      ...last.slice(6).flatMap((v) => singles(v)),
    ]);
    expect(text).toContain('\n\n0\n0\n\n0\n0\n\n');
    expect(readRows(text)).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
  });

  it('reads no band of two rows in two columns whose values read otherwise as two rows one after another: one finding', () => {
    // （一） 1 11 and （二） 0 3 as “1↵0 / 11↵3”: also （一） 1 0 and （二） 11 3, line after line.
    const text = split((last) => [...last.slice(0, 2).flatMap((v) => singles(v)), ...band(last.slice(2, 4)), ...last.slice(4).flatMap((v) => singles(v))]);
    expect(text).toContain('1\n0\n\n11\n3');
    expect(modelOf(text).tables.t3.rows.every((r) => r.status === 'read')).toBe(false);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });
});

/** The body with `lines` inserted right after row `row`'s last value (rows 4 to 21 one value a line). */
function insertAfterRow(body: string[], row: number, lines: string[]): string[] {
  const start = body.indexOf(rows[rows.length - 1]?.label ?? '') + 1 + (row - 4) * 7;
  expect(body.slice(start, start + 7)).toEqual(singles(rows[row]?.values ?? []));
  return [...body.slice(0, start + 7), ...lines, ...body.slice(start + 7)];
}
