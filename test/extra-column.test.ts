/**
 * Table 三 with a 合计 column added (the 法人或其他组织 columns' sum, before 总计), as some agencies
 * print it: one cell too many in every row. Where the rows' own totals allow the column at several
 * places (合计 equals 商业企业 in a row where only 商业企业 is not 0, and 其他 in one where only 其他
 * is), the header's 合计, after 其他, places it; and a row with an empty cell, whose values then are
 * as many as the template's columns, is read by the same place, its empty cell kept where it stands
 * (layout-measure --blind: the extraTotalRight layout, as PDF and as -layout text).
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { consistentData, sampleReport } from '../src/testing/sample.ts';
import type { Row } from '../src/model/schema.ts';

/** Only 商业企业 among the organisations applied: every row's 合计 equals its 商业企业, so the column relations cannot tell them apart either. */
const DATA = consistentData(
  { 't3.open': [7, 1, 0, 0, 0, 0], 't3.partial': [2, 0, 0, 0, 0, 0], 't3.unable.1': [8, 2, 0, 0, 0, 0] },
  [1, 0, 0, 0, 0, 0],
  [2, 1, 0, 0, 0, 0],
);

/** The report's HTML table 三 with a 合计 column; `blank`: the row whose 商业企业 cell is left empty. */
function withTotalColumn(blank?: string): string {
  const text = sampleReport({ form: 'htmlMerged', data: DATA });
  const start = text.lastIndexOf('<table>', text.indexOf('申请人情况'));
  const end = text.indexOf('</table>', start);
  let table = text.slice(start, end);
  table = table
    .replace('<td>其他</td></tr>', '<td>其他</td><td>合计</td></tr>')
    .replace('colspan="7"', 'colspan="8"')
    .replace('<td colspan="5">法人或其他组织', '<td colspan="6">法人或其他组织');
  table = table.replace(/<tr>((?:(?!<\/tr>).)*)<\/tr>/g, (row: string, inner: string) => {
    const cells = [...inner.matchAll(/<td[^>]*>([^<]*)<\/td>/g)];
    const values = cells.slice(-7).map((m) => m[1] ?? '');
    if (values.length < 7 || !values.every((v) => /^\d+$/.test(v))) return row;
    const legal = values.slice(1, 6).reduce((s, v) => s + Number(v), 0);
    const label = cells.find((m) => /[一二三四五六七八九\d]、|（|\d\./.test(m[1] ?? ''))?.[1] ?? '';
    const last = inner.lastIndexOf('<td>');
    let out = `${inner.slice(0, last)}<td>${legal}</td>${inner.slice(last)}`;
    if (blank !== undefined && label.includes(blank)) {
      // The 商业企业 cell (the second of the row's eight values) left empty.
      const second = [...out.matchAll(/<td>\d+<\/td>/g)].at(-7);
      if (second?.index !== undefined) out = `${out.slice(0, second.index)}<td></td>${out.slice(second.index + second[0].length)}`;
    }
    return `<tr>${out}</tr>`;
  });
  return text.slice(0, start) + table + text.slice(end);
}

const t3Row = (text: string, id: string): Row | undefined =>
  lintText(text, { keepModel: true, locale: 'zh-CN' }).model?.tables.t3.rows.find((r) => r.id === id);
const cells = (r: Row | undefined): Array<number | null> | undefined => r?.cells.map((c) => c.value);

describe('table 三 with a 合计 column', () => {
  it('the header places the column where the rows’ totals allow it at several places', () => {
    const text = withTotalColumn();
    expect(text).toContain('<td>其他</td><td>合计</td>');
    // （一）予以公开: 7 1 0 0 0 0, its 合计 1 beside a 商业企业 of 1.
    const open = t3Row(text, 't3.open');
    expect(open?.status).toBe('read');
    expect(cells(open)).toEqual([7, 1, 0, 0, 0, 0, 8]);
    expect(cells(t3Row(text, 't3.total'))).toEqual([17, 3, 0, 0, 0, 0, 20]);
    const result = lintText(text, { locale: 'zh-CN' });
    expect(result.messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
  });

  it('a row with an empty cell keeps it empty where it stands, not a value moved into it', () => {
    const text = withTotalColumn('二、上年结转');
    // 二、上年结转: 1 _ 0 0 0 0 | 合计 0 | 1 — seven values for seven columns, but eight cells.
    expect(text).toMatch(/上年结转政府信息公开申请数量<\/td><td>1<\/td><td><\/td>(<td>0<\/td>){5}<td>1<\/td>/);
    const carried = t3Row(text, 't3.carried');
    expect(carried?.status).toBe('read');
    expect(carried?.cells.map((c) => c.kind)).toEqual(['number', 'blank', 'number', 'number', 'number', 'number', 'number']);
    expect(cells(carried)?.filter((_, i) => i !== 1)).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('in -layout text, a row whose empty cell does not show is not read with its cells shifted', () => {
    const text = sampleReport({ form: 'layout', data: DATA });
    const start = text.indexOf('三、收到和处理');
    const end = text.indexOf('四、政府信息公开行政复议');
    const table = text
      .slice(start, end)
      .replace('其他    总计', '其他    合计    总计')
      .replace(/^(.*?)((?:\s+\d+){6})(\s+\d+)$/gm, (line: string, label: string, six: string, total: string) => {
        const values = six.trim().split(/\s+/).map(Number);
        const legal = values.slice(1).reduce((a, b) => a + b, 0);
        // 二、上年结转: its 商业企业 cell left empty (no text where it stands).
        const shown = label.includes('上年结转') ? six.replace(/^(\s+\d+\s+)\d+/, (m) => m.replace(/\d+$/, ' ')) : six;
        return `${label}${shown}       ${legal}${total}`;
      });
    expect(table).toMatch(/上年结转政府信息公开申请数量\s+1\s+0\s+0\s+0\s+0\s+0\s+1\n/);
    const result = lintText(text.slice(0, start) + table + text.slice(end), { keepModel: true, locale: 'zh-CN' });
    const rows = result.model?.tables.t3.rows ?? [];
    expect(rows.find((r) => r.id === 't3.carried')?.status).toBe('count');
    expect(cells(rows.find((r) => r.id === 't3.open'))).toEqual([7, 1, 0, 0, 0, 0, 8]);
    expect(result.messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
  });
});
