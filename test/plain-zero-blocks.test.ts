/**
 * Table 三 of 0s with one cell changed, in plain `pdftotext` text as LibreOffice prints a Word
 * table: each row's label followed by its first five cells, one a line; the last two columns
 * (其他, 总计) in blocks after them; the last three rows' labels one after another, then their
 * cells in blocks. A table of nothing but 0s reads in whatever order (blocks.ts, allZeros); with one
 * cell not 0 it is read only where the text leaves that cell one place: among the values right
 * after its own row's label, which are that row's first cells (src/reading/tables/blocks.ts,
 * zerosButFirstCells). Anywhere else the table stays one finding, never a guess.
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { consistentData, sampleReport, t3Rows } from '../src/testing/sample.ts';

const data = consistentData({}, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
const rows = t3Rows(data);
/** The last three rows (3.其他, （七）总计, 四、结转…): labels one after another, cells after them. */
const TAIL = rows.length - 3;

type Cells = number[][];
const zeros = (): Cells => rows.map((r) => r.values.map(() => 0));

/** The table as LibreOffice's plain text has it; `labelsAfter` prints each row's label after its five cells instead. */
function plainTable(cells: Cells, labelsAfter = false): string {
  const out = [
    '三、收到和处理政府信息公开申请情况',
    '申请人情况',
    '（本列数据的勾稽关系为：第一项加第',
    '法人或其他组织',
    '二项之和，等于第三项加第四项之和） 自然人 商业企 科研机 社会公 法律服',
    '业',
    '构',
    '益组织 务机构',
  ];
  rows.slice(0, TAIL).forEach((r, i) => {
    const first = (cells[i] ?? []).slice(0, 5).map(String);
    out.push(...(labelsAfter ? [...first, r.label] : [r.label, ...first]));
  });
  out.push('', '其他', '', '总计', '');
  // 其他 and 总计 of the rows above, a block of three rows each.
  for (let i = 0; i < TAIL; i += 3) {
    const block = cells.slice(i, Math.min(i + 3, TAIL));
    out.push(...block.map((c) => String(c[5])), '', ...block.map((c) => String(c[6])), '');
  }
  out.push(...rows.slice(TAIL).map((r) => r.label), '');
  // The last three rows column by column.
  for (let c = 0; c < 7; c++) out.push(...cells.slice(TAIL).map((r) => String(r[c])), '');
  return out.join('\n');
}

const report = (table: string): string =>
  sampleReport({ form: 'gfm', data }).replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/, `${table}\n`);
const modelOf = (text: string) => buildModel(text, parseMarkdown(text));
const findings = (text: string) => lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'));
const changed = (row: number, column: number, value: number): Cells => {
  const cells = zeros();
  (cells[row] as number[])[column] = value;
  return cells;
};

describe('table 三 of 0s with one cell changed, in LibreOffice’s plain text', () => {
  it('reads the unchanged table of 0s, nothing found', () => {
    expect(findings(report(plainTable(zeros())))).toEqual([]);
  });

  it('reads a cell among the values right after its row’s label at its cell, one sum finding there', () => {
    // （六）1.申请人无正当理由逾期不补正… · 科研机构 = 9: R2 and R3 both place it at that cell.
    const row = rows.findIndex((r) => r.label.startsWith('1.申请人无正当理由'));
    const text = report(plainTable(changed(row, 2, 9)));
    const t3 = modelOf(text).tables.t3;
    expect(t3.rows.map((r) => r.status)).toEqual(rows.map(() => 'read'));
    expect(t3.rows[row]?.cells.map((c) => c.value)).toEqual([0, 0, 9, 0, 0, 0, 0]);
    const found = findings(text);
    expect(found.map((m) => [m.ruleId, m.data['cell']])).toEqual([['table-sums', `${rows[row]?.label ?? ''}·科研机构`]]);
  });

  it('reads a cell of 一 after its label too (the first label)', () => {
    const text = report(plainTable(changed(0, 0, 4)));
    expect(findings(text).map((m) => [m.ruleId, m.data['cell']])).toEqual([['table-sums', `${rows[0]?.label ?? ''}·自然人`]]);
  });

  it('reads nothing where the cell stands in the blocks: its place is not in the text, one finding for the table', () => {
    // （一）予以公开's 总计 = 8, printed in the 总计 block; and 3.其他 · 自然人 = 7, after a stack of labels.
    for (const cells of [changed(2, 6, 8), changed(TAIL, 0, 7)]) {
      const found = findings(report(plainTable(cells)));
      expect(found.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
      expect(found.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === '三')).toHaveLength(1);
    }
  });

  it('reads nothing where each label follows its values: the values after a label are not its own', () => {
    const found = findings(report(plainTable(changed(5, 1, 3), true)));
    expect(found.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(found.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === '三')).toHaveLength(1);
  });
});
