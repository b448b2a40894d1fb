/**
 * Table 三 in plain `pdftotext` text (no -layout) as Chromium's borderless and three-line tables
 * print it: every cell on a line of its own, in the rows' order, except a few cells pdftotext set
 * on one line (“73 1028”); the labels of merged or wrapped cells printed together after the
 * values. Read by counting (src/reading/tables/blocks.ts): the values fill the template's rows in
 * order, a line never gives cells to two rows, and every label followed by its values confirms it.
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { consistentData, sampleReport, t3Rows } from '../src/testing/sample.ts';

const data = consistentData(
  {
    't3.open': [206, 0, 20, 99, 0, 0],
    't3.deny.1': [37, 20, 33, 0, 0, 0],
    't3.deny.2': [5, 0, 1, 0, 0, 0],
    't3.unable.3': [30, 0, 0, 14, 0, 9],
    't3.reject.2': [23, 0, 0, 0, 15, 33],
    't3.other.3': [37, 0, 21, 0, 0, 31],
  },
  [0, 0, 0, 0, 0, 0],
  [1, 0, 0, 0, 0, 0],
);
const rows = t3Rows(data);
/** Rows whose label pdftotext printed after all the values (merged or wrapped label cells). */
const LATE = new Set([2, 3, 19, 20, 21, 22]);

/** Table 三's heading and header, each on its line (the columns but 自然人 and 总计 left out). */
const T3_HEAD = ['三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '自然人', '总计'];

/** Table 三 as plain pdftotext prints it; `lines` says how each row's values are set on lines. */
function plainTable(lines: (row: number, values: number[]) => string[], tail: string[] = []): string {
  const out = [
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，',
    '等于第三项加第四项之和）',
    '申请人情况',
    '法人或其他组织',
    '自然',
    '人',
    '商业 科研',
    '企业 机构',
    '总计',
  ];
  rows.forEach((r, i) => {
    if (!LATE.has(i)) out.push(r.label);
    out.push(...lines(i, r.values));
  });
  out.push(
    '（一）予以公开',
    '（二）部分公开（区分处理的，只计这一',
    '情形，不计其他情形）',
    '三、本年',
    '度办理结果',
    '5.要求行政机关确认或重新出具',
    '已获取信息',
  );
  out.push(
    '1.申请人无正当理由逾期不补',
    '正、行政机关不再处理其政府信息公开申请',
    '（六）其',
    '他处理',
    '2.申请人逾期未按收费通知要求',
    '缴纳费用、行政机关不再处理其政府信息公开申请',
    '3.其他',
  );
  out.push(...tail);
  return out.join('\n\n');
}

const report = (table: string): string =>
  sampleReport({ form: 'gfm', data }).replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/, table);
const modelOf = (text: string) => buildModel(text, parseMarkdown(text));

describe('table 三 in plain pdftotext: one cell a line, a few cells sharing a line', () => {
  it('reads every row exactly when the counts fit, and finds nothing in a consistent report', () => {
    // 一's and （七）'s last two cells on one line, as pdftotext set them.
    const text = report(plainTable((i, v) => (i === 0 || i === 23 ? [...v.slice(0, 5).map(String), v.slice(5).join(' ')] : v.map(String))));
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
    expect(lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
  });

  it('reads nothing by counting when a line would give cells to two rows', () => {
    // 二's last cell and （一）'s first on one line: not the form; the rows stay unread, one finding.
    const text = report(
      plainTable((i, v) => {
        if (i === 1) return v.slice(0, 6).map(String);
        if (i === 2) return [`${String(rows[1]?.values[6])} ${String(v[0])}`, ...v.slice(1).map(String)];
        return v.map(String);
      }),
    );
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.find((r) => r.id === 't3.open')?.status).not.toBe('read');
    const messages = lintText(text, { filePath: 'plain.txt' }).messages;
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === '三')).toHaveLength(1);
  });

  it('reads nothing by counting when a label is followed by cells that counting gives to another row', () => {
    // A landscape page: （七）'s last three cells and 四's last two printed after the labels.
    // Counted in order, （七） would take 四's first cells; 四's label, followed by its own first
    // cells, says otherwise.
    const total = rows[23]?.values ?? [];
    const carryOver = rows[24]?.values ?? [];
    const text = report(
      plainTable(
        (i, v) => (i === 23 ? v.slice(0, 4).map(String) : i === 24 ? v.slice(0, 5).map(String) : v.map(String)),
        [total.slice(4).join(' '), ...carryOver.slice(5).map(String)],
      ),
    );
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.find((r) => r.id === 't3.total')?.status).not.toBe('read');
    const messages = lintText(text, { filePath: 'plain.txt' }).messages;
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === '三')).toHaveLength(1);
  });

  it('ends （七）总计 with its last cells printed on one line after all the labels, where counting leaves it alone short', () => {
    // A landscape three-line table (Chromium): “（七）总计 / 136 / 407 / 429 / 263 / 四、… 0 … 23 /
    // …labels… / 3.其他 / 209 347 1791”. The row's own total then confirms what counting gave it.
    const total = rows[23]?.values ?? [];
    const text = report(plainTable((i, v) => (i === 23 ? v.slice(0, 4).map(String) : v.map(String)), [total.slice(4).join(' ')]));
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
    expect(lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
    // Split over two lines the tail still ends the row; one value more or less than it lacks, and nothing is read so.
    for (const tail of [[total.slice(4, 5).join(' '), total.slice(5).join(' ')], [total.slice(5).join(' ')], [...total.slice(4).map(String), '0']]) {
      const other = report(plainTable((i, v) => (i === 23 ? v.slice(0, 4).map(String) : v.map(String)), tail));
      const read = modelOf(other).tables.t3.rows[23];
      if (read?.status === 'read') expect(read.cells.map((c) => c.value)).toEqual(total);
      expect(lintText(other, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    }
  });

  it('leaves 四’s 总计 printed after the next part’s heading to neither table: table 四 read, one finding for 三', () => {
    // Chromium's landscape pages: “四、结转下年度继续办理 / 3 / 5 / 5 / 9 / 3 / 0 / … / 四、政府信息公开
    // 行政复议、行政诉讼情况 / —3— / 25 / 结果维持 …”.
    const carryOver = rows[24]?.values ?? [];
    const text = report(plainTable((i, v) => (i === 24 ? v.slice(0, 6).map(String) : v.map(String)))).replace(
      /(四、政府信息公开行政复议、行政诉讼情况)/,
      `$1\n\n—3—\n\n${String(carryOver[6])}`,
    );
    const m = modelOf(text);
    expect(m.tables.t4.rows.every((r) => r.status === 'read')).toBe(true);
    expect(m.tables.t3.rows.slice(0, 24).map((r) => r.cells.map((c) => c.value))).toEqual(rows.slice(0, 24).map((r) => r.values));
    const findings = tableFindings(text);
    expect(findings.filter((f) => f.data['table'] === '四')).toEqual([]);
    expect(findings.filter((f) => f.data['table'] === '三')).toHaveLength(1);
    expect(findings.filter((f) => f.ruleId === 'table-sums')).toEqual([]);
  });

  /** Table 三 with every label before its values; the rows `stacked` as their labels one after another, then their values. */
  const labelsFirst = (values: (i: number) => number[], stacked: readonly number[] = []): string => {
    const out: string[] = [...T3_HEAD];
    rows.forEach((r, i) => {
      if (stacked.includes(i) && i !== stacked[0]) return;
      const run = i === stacked[0] ? stacked : [i];
      out.push(...run.map((k) => rows[k]?.label ?? ''));
      for (const k of run) out.push(...values(k).map(String));
    });
    return report(out.join('\n\n'));
  };
  const tableFindings = (text: string) => lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'));

  it("reads labels printed one after another before their rows' values (a stack) by counting", () => {
    // “（一）予以公开 / （二）部分公开… / 1.属于国家秘密” and then the three rows' 21 values.
    const text = labelsFirst((i) => rows[i]?.values ?? [], [2, 3, 4]);
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
  });

  it('finds a wrong cell of a row printed one value a line where the column relations place it', () => {
    // （三）1 printed 37 20 35 0 0 0 90 (科研机构 33): its own total and R2's 科研机构 column fail, by 2 each.
    const text = labelsFirst((i) => (i === 4 ? [37, 20, 35, 0, 0, 0, 90] : (rows[i]?.values ?? [])));
    const sums = tableFindings(text).filter((m) => m.ruleId === 'table-sums');
    expect(sums.map((m) => String(m.data['cell']))).toEqual([expect.stringMatching(/1\.属于国家秘密·科研机构$/)]);
  });

  it("does not read a row whose values pdftotext printed out of the columns' order as a sum error, even when it adds up", () => {
    // 四 (1 0 0 0 0 0 1) printed with its 自然人 value after the others: 0 0 0 0 0 1 1 adds up,
    // but R1 then fails in 自然人 and 其他 by amounts that cancel: values moved, not a wrong cell.
    const text = labelsFirst((i) => (i === 24 ? [0, 0, 0, 0, 0, 1, 1] : (rows[i]?.values ?? [])));
    expect(rows[24]?.values).toEqual([1, 0, 0, 0, 0, 0, 1]);
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.find((r) => r.id === 't3.carryOver')?.status).not.toBe('read');
    expect(t3.rows.filter((r) => r.status === 'read')).toHaveLength(24);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });

  it("reads every label printed before every value (LibreOffice) by counting, the rows' totals confirming it", () => {
    const text = labelsFirst(
      (i) => rows[i]?.values ?? [],
      rows.map((_, i) => i),
    );
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
  });

  it('counts past a footnote printed among the values and a vertical label’s 无 on a line of its own (LibreOffice)', () => {
    // The footnote's mark and dates (“1 本表数据统计时限为 2024 年 1 月 1 日…”) are its own, not
    // cells; the 无 of （四）无法提供 written one character a line is the label's, not an empty cell.
    const footnote = '1 本表数据统计时限为 2024 年 1 月 1 日至 12 月 31 日。';
    const text = report(
      plainTable(
        (i, v) => (i === 5 ? [...v.slice(0, 3).map(String), footnote, ...v.slice(3).map(String)] : v.map(String)),
        ['（', '四', '）', '无', '法', '提', '供'],
      ),
    );
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text)).toEqual([]);
  });

  it('takes a 无 among the values for a cell, and a value with a footnote’s text after it on its line for none', () => {
    // 无 between two values is a cell (the row is then one cell short of numbers: not read by
    // counting as if it were not there); a row's value followed by text on its line is not counted.
    const placeholder = report(plainTable((i, v) => (i === 5 ? [...v.slice(0, 3).map(String), '无', ...v.slice(3).map(String)] : v.map(String))));
    expect(modelOf(placeholder).tables.t3.rows.filter((r) => r.status === 'read').length).toBeLessThan(rows.length);
    expect(tableFindings(placeholder).filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    const glued = report(plainTable((i, v) => (i === 5 ? [...v.slice(0, 6).map(String), `${String(v[6])} 注：本表数据`] : v.map(String))));
    expect(modelOf(glued).tables.t3.rows[5]?.status).not.toBe('read');
    expect(tableFindings(glued).filter((m) => m.ruleId === 'table-sums')).toEqual([]);
  });

  it('reads a table of nothing but 0s whatever blocks pdftotext printed them in, and only when they are exactly its cells', () => {
    // LibreOffice's plain text of a real report with no application: every label, then the 175
    // 0s in blocks of one, two and three lines, in no order counting could follow.
    const zeros = (n: number, odd = -1): string => {
      const out: string[] = [];
      for (let i = 0; i < n;) {
        const k = Math.min(n - i, 1 + (i % 3));
        out.push(Array.from({ length: k }, (_, j) => (i + j === odd ? '1' : '0')).join('\n'));
        i += k;
      }
      return out.join('\n\n');
    };
    const table = (values: string) => report([...T3_HEAD, ...rows.map((r) => r.label), values].join('\n\n'));
    const text = table(zeros(175));
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map(() => [0, 0, 0, 0, 0, 0, 0]));
    expect(tableFindings(text)).toEqual([]);
    // One value other than 0, or one 0 too few: the order matters again, or a cell is lost; one finding, no sums.
    for (const other of [table(zeros(175, 100)), table(zeros(174))]) {
      expect(modelOf(other).tables.t3.rows.every((r) => r.status === 'read')).toBe(false);
      const findings = tableFindings(other);
      expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
      expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
    }
  });

  it('counts a table whose very last value is printed elsewhere, its last row one cell short', () => {
    // LibreOffice: every label, then every value, 四's 总计 printed after the next part's heading.
    // The other 24 rows are read by counting (their totals confirm it); 四, one value a line with a
    // cell lost, is not placed by an order nobody printed: one finding.
    const all = rows.map((_, i) => i);
    const text = labelsFirst((i) => (i === 24 ? (rows[i]?.values ?? []).slice(0, 6) : (rows[i]?.values ?? [])), all);
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.filter((r) => r.status === 'read').map((r) => r.cells.map((c) => c.value))).toEqual(rows.slice(0, 24).map((r) => r.values));
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.data['table'] === '三')).toHaveLength(1);
  });

  it("reads by counting a row whose label was printed late, before another row's values", () => {
    // （三）1's label printed after （四）3's values, right before （五）1's (which add up): counting,
    // confirmed by the labels in their places, gives （三）1 the values at its place.
    const out: string[] = [...T3_HEAD];
    rows.forEach((r, i) => {
      if (i === 15) out.push(rows[4]?.label ?? '');
      else if (i !== 4) out.push(r.label);
      out.push(...r.values.map(String));
    });
    out.push(rows[15]?.label ?? '');
    const text = report(out.join('\n\n'));
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
    expect(tableFindings(text).filter((m) => m.ruleId === 'table-sums')).toEqual([]);
  });

  it('does not give a label printed late the next values as its own, even when they add up', () => {
    // （一）'s and （二）'s labels printed after （三）1's values, then （三）2's values without its
    // label (printed at the end): （二） stands before values that are not its own.
    const out: string[] = ['三、收到和处理政府信息公开申请情况', '申请人情况', '自然人', '总计'];
    rows.forEach((r, i) => {
      if (i !== 2 && i !== 3 && i !== 5) out.push(r.label);
      out.push(...r.values.map(String));
      if (i === 4) out.push('（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    });
    out.push('2.其他法律行政法规禁止公开');
    const text = report(out.join('\n\n'));
    const partial = modelOf(text).tables.t3.rows.find((r) => r.id === 't3.partial');
    if (partial?.status === 'read') expect(partial.cells.map((c) => c.value)).toEqual(rows[3]?.values);
    const messages = lintText(text, { filePath: 'plain.txt' }).messages;
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
  });
});
