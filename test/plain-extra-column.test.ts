/**
 * Table 三 with a 合计 column (the 法人或其他组织 columns' sum, before 总计) in plain pdftotext text,
 * its 商业企业 cells left empty in most rows (layout-measure --blind: extraTotalRight, seed 004).
 * Plain text prints each row's values one a line and shows no empty cell: a row showing seven values
 * lacks one of its eight cells, which one nothing says. Where the rows that show all eight are too
 * few to place the added column (or unread), the header's 合计 and one such row still say the column
 * is there: the seven-value rows are unread (one finding), never read as the template's seven
 * columns (an empty cell read as 0, the 合计 value in another column).
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { consistentData, sampleReport, t3Rows } from '../src/testing/sample.ts';

const data = consistentData({ 't3.open': [1, 0, 0, 0, 0, 0] }, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
const rows = t3Rows(data);
const HEAD = [
  '三、收到和处理政府信息公开申请情况',
  '申请人情况',
  '法人或其他组织',
  '（本列数据的勾稽关系为：第一项加第',
  '自然',
  '社会 法律',
  '二项之和，等于第三项加第四项之和）',
  '总计',
  '商业 科研',
  '人',
];

/**
 * The table as pdftotext prints it: each label, then its values one a line, nothing for an empty
 * cell: 商业企业 empty in every row but `full`'s; 合计 empty in every row unless `legalShown`.
 */
function table(header: string, full: readonly number[], legalShown = true): string {
  const lines = [...HEAD, header, '企业 机构', '组织 机构'];
  rows.forEach((r, i) => {
    const [natural = 0, business = 0, ...rest] = r.values.slice(0, 6);
    const legal = r.values.slice(1, 6).reduce((a, b) => a + b, 0);
    const cells = [natural, full.includes(i) ? business : null, ...rest, legalShown ? legal : null, r.values[6] ?? 0];
    lines.push(r.label, ...cells.flatMap((v) => (v === null ? [] : [String(v)])));
  });
  return sampleReport({ form: 'gfm', data }).replace(/三、收到和处理政府信息公开申请情况[\s\S]*?(?=\n\n四、政府信息公开行政复议)/, lines.join('\n'));
}
const t3 = (text: string) => buildModel(text, parseMarkdown(text)).tables.t3.rows;
const tableFindings = (text: string) => lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'));

describe('table 三 with a 合计 column in plain pdftotext text', () => {
  it('reads no row showing seven values as the template’s columns where a row shows eight', () => {
    // Two rows show all eight cells (too few to place the column by the rows' totals).
    const text = table('公益 服务 其他 合计', [17, 18]);
    const read = t3(text);
    expect(read.find((r) => r.id === 't3.reject.4')?.valuesFound).toBe(8);
    // （一）予以公开 shows 1 0 0 0 0 0 1: as the template's columns, its empty 商业企业 would read 0
    // and its 合计 0 would stand under 其他.
    const shortRows = read.filter((r, i) => i !== 17 && i !== 18);
    expect(shortRows.filter((r) => r.status === 'read').map((r) => r.id)).toEqual([]);
    const findings = tableFindings(text);
    expect(findings.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(findings.filter((m) => m.ruleId === 'table-structure' && m.message.includes('表三'))).toHaveLength(1);
  });

  it('keeps reading a table whose 合计 column is empty in every row', () => {
    // No row shows eight values: the rows' seven are the template's columns.
    const text = table(
      '公益 服务 其他 合计',
      rows.map((_, i) => i),
      false,
    );
    expect(t3(text).map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status))).toEqual(rows.map((r) => r.values));
  });
});
