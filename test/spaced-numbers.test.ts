/**
 * Letter-spaced numbers (Word's 字符间距 加宽, 分散对齐 on number cells: 483 printed “4 8 3”): read
 * where one reading is certain — in a PDF's ruled cell by its rectangle, in text without cell
 * delimiters where the row's pieces are exactly its cells and the whole table is spaced alike — and
 * else one finding for the table, never a sum error made of a misreading.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { T3_2021 } from '../src/model/templates.ts';
import type { PdfText } from '../src/reading/pdf/extract.ts';
import { spacedNumber } from '../src/reading/pdf/text.ts';
import { consistentData, sampleReport, t3Rows, t4Values, type SampleData } from '../src/testing/sample.ts';
import { RUNS } from './helpers/property.ts';

const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const layouts = path.resolve(import.meta.dirname, 'fixtures/pdf/layouts');

/** Tables 二, 三 and 四 of a report in `-layout` form with every number of two digits or more letter-spaced. */
function letterSpaced(text: string): string {
  const from = text.indexOf('二、主动公开');
  const to = text.indexOf('五、存在的主要问题');
  return text.slice(0, from) + text.slice(from, to).replace(/(?<=\s)\d{2,}(?=\s|$)/gm, (d) => [...d].join(' ')) + text.slice(to);
}

const t3Values = (text: string) =>
  (lintText(text, { keepModel: true }).model?.tables.t3.rows ?? []).map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status));

describe('letter-spaced numbers in -layout text', () => {
  const OUTCOME_IDS = T3_2021.rows.map((r) => r.id).filter((id) => !['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(id));
  const cell = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 9 }) }, { weight: 2, arbitrary: fc.nat({ max: 400 }) });
  const six = fc.array(cell, { minLength: 6, maxLength: 6 });
  const group = fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 30 })), { minLength: 4, maxLength: 4 });
  const dataArb: fc.Arbitrary<SampleData> = fc
    .record({
      outcomes: fc.array(six, { minLength: OUTCOME_IDS.length, maxLength: OUTCOME_IDS.length }),
      carryOver: six,
      t4: fc.array(group, { minLength: 3, maxLength: 3 }),
    })
    .map(({ outcomes, carryOver, t4 }) =>
      consistentData(Object.fromEntries(OUTCOME_IDS.map((id, i) => [id, outcomes[i] ?? []])), [0, 0, 0, 0, 0, 0], carryOver, t4),
    );

  it('reads every row of a consistent report with its values, and finds nothing', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const text = letterSpaced(sampleReport({ form: 'layout', data }));
        const result = lintText(text, { keepModel: true });
        expect(t3Values(text)).toEqual(t3Rows(data).map((r) => r.values));
        expect(result.model?.tables.t2.rows.find((r) => r.id === 't2.license')?.cells.map((c) => c.value)).toEqual([21]);
        expect(result.model?.tables.t4.rows.flatMap((r) => r.cells.map((c) => c.value))).toEqual(t4Values(data));
        expect(result.messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
      }),
      { numRuns: RUNS(40) },
    );
  });

  it('finds one wrong cell at its row and column', () => {
    fc.assert(
      fc.property(dataArb, fc.integer({ min: 2, max: 22 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 30 }), (data, row, column, delta) => {
        const rows = t3Rows(data);
        const target = rows[row] as { label: string; values: number[] };
        const value = (target.values[column] ?? 0) + delta;
        const text = letterSpaced(sampleReport({ form: 'layout', data, override: { table: 't3', row, column, value } }));
        const sums = lintText(text).messages.filter((m) => m.ruleId === 'table-sums');
        expect(sums.map((m) => m.message.startsWith(`${target.label.replace(/^.*·/, '')}·${COLUMNS[column]}为${value}`))).toEqual([true]);
      }),
      { numRuns: RUNS(40) },
    );
  });

  /** The default report letter-spaced, row 一's values as given. */
  const report = (rowOne: string) => letterSpaced(sampleReport({ form: 'layout' })).replace(/( {4}一、本年新收政府信息公开申请数量).*/, `$1${rowOne}`);

  it('reads “1 8   1   0   0   0   1   2 0” as 18 and 20', () => {
    expect(t3Values(report('         1 8       1       0       0       0       1      2 0'))[0]).toEqual([18, 1, 0, 0, 0, 1, 20]);
  });

  it('joins no digits where the table also writes numbers of two digits whole: one finding, no sum error', () => {
    // 18 letter-spaced, 20 not: the cells are not spaced alike, so “1 8” may be two cells.
    const messages = lintText(report('         1 8       1       0       0       0       1      20')).messages.filter((m) => m.ruleId.startsWith('table-'));
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.map((m) => m.data['table'])).toEqual(['三']);
  });

  it('joins no digits where a row shows spaced digits that do not make its cells', () => {
    // Row 一 shows eight pieces for its seven cells (“1 0” and seven more): the other rows' spaced
    // digits may be cells one space apart as well; so is “1 8” of the total row.
    const messages = lintText(report('      1 0       1 8       1       0       0       0       1      2 0')).messages.filter((m) =>
      m.ruleId.startsWith('table-'),
    );
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.map((m) => m.data['table'])).toEqual(['三']);
  });

  it('reads table 四 letter-spaced, and finds a wrong 总计 there', () => {
    const data = consistentData(
      { 't3.open': [12, 3, 0, 0, 0, 0] },
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [
        [12, 3, 0, 1],
        [0, 0, 0, 0],
        [25, 0, 0, 0],
      ],
    );
    const text = letterSpaced(sampleReport({ form: 'layout', data, override: { table: 't4', row: 0, column: 4, value: 17 } }));
    expect(text).toMatch(/1 2 +3 +0 +1 +1 7 /);
    const messages = lintText(text).messages.filter((m) => m.ruleId.startsWith('table-'));
    expect(messages.map((m) => m.message.slice(0, 15))).toEqual(['行政复议·总计为17，应为16']);
  });

  it('reads tight rows, their cells one space apart, as written: no digits joined in a table without letter spacing', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const plain = sampleReport({ form: 'layout', data });
        const from = plain.indexOf('三、收到和处理');
        const to = plain.indexOf('四、政府信息公开行政复议');
        // Each row's cells one space apart (“41 3 0 0 0 0 44”), as pdftotext prints a tight table.
        const text = plain.slice(0, from) + plain.slice(from, to).replace(/(?<=\d) {2,}(?=\d)/g, ' ') + plain.slice(to);
        expect(t3Values(text)).toEqual(t3Rows(data).map((r) => r.values));
        expect(lintText(text).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
      }),
      { numRuns: RUNS(40) },
    );
  });

  it('reads a tight row of whole cells one space apart as written (“41 3 0 0 0 0 44”)', () => {
    const text = sampleReport({ form: 'layout' }).replace(/( {4}一、本年新收政府信息公开申请数量).*/, '$1         41 3 0 0 0 0 44');
    expect(t3Values(text)[0]).toEqual([41, 3, 0, 0, 0, 0, 44]);
  });
});

describe('number cells pdftotext cannot place: one finding a table, no sum error made of a misreading', () => {
  // Distributed (分散对齐): a cell's last digit one space from the next cell's first (“1       9 0” for
  // 19 and 0); only the borders the text has lost tell the cells apart. Full-width digits one a line
  // in cells one em wide: the lines below a row's line printed away from its columns. The PDFs read
  // every cell (test/pdf-layouts.test.ts).
  it.each([
    ['distributed-numbers', 'layout'],
    ['distributed-numbers', 'plain'],
    ['full-width-narrow', 'layout'],
    ['full-width-narrow', 'plain'],
  ])('%s, %s', (name, mode) => {
    const text = readFileSync(path.join(layouts, `${name}.${mode}.txt`), 'utf8');
    const messages = lintText(text).messages.filter((m) => m.ruleId.startsWith('table-'));
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.filter((m) => m.data['table'] === '三')).toHaveLength(1);
    for (const table of ['二', '四']) expect(messages.filter((m) => m.data['table'] === table).length).toBeLessThanOrEqual(1);
  });
});

describe('letter-spaced digits in a ruled PDF cell (spacedNumber)', () => {
  const run = (str: string, x0: number, width = 6): PdfText => ({ str, x0, x1: x0 + width, y0: 100, y1: 110, size: 10, bold: false });

  it('joins single digits the same gap apart', () => {
    expect(spacedNumber([run('1', 100), run('5', 112), run('2', 124)])).toBe('152');
    // A number distributed over a wide cell: far apart, but alike.
    expect(spacedNumber([run('1', 100), run('9', 130)])).toBe('19');
  });

  it("joins runs of spaced digits beside lone digits when the gaps and the digits' widths agree", () => {
    // LibreOffice places some glyphs on their own: “3”, “9”, “8 5 7 5 8” for 3985758 (digits 6
    // wide, 3 apart), “2 1” and “8” for 218.
    expect(spacedNumber([run('3', 100), run('9', 109), run('8 5 7 5 8', 118, 42)])).toBe('3985758');
    expect(spacedNumber([run('2 1', 100, 15), run('8', 118)])).toBe('218');
    // A run of spaced digits wider than its gaps allow (“1 2” 6 apart beside “5” 3 away) is no
    // one letter spacing: two numbers.
    expect(spacedNumber([run('1 2', 100, 18), run('5', 121)])).toBeNull();
    // The same run as own-text.ts reads it, its letter spacing written as TJ numbers left out of
    // the run (“85758”, as wide as spaced): one number still.
    expect(spacedNumber([run('3', 100), run('9', 109), run('85758', 118, 42)])).toBe('3985758');
  });

  it('leaves runs that are not letter spacing as they are', () => {
    // A number of several digits beside a digit: two numbers in the cell, not one spaced out.
    expect(spacedNumber([run('12', 100, 12), run('5', 118)])).toBeNull();
    // Gaps that differ.
    expect(spacedNumber([run('1', 100), run('5', 112), run('2', 130)])).toBeNull();
    // Touching runs are one number already; a lone digit; a leading zero.
    expect(spacedNumber([run('1', 100), run('5', 106.5)])).toBeNull();
    expect(spacedNumber([run('7', 100)])).toBeNull();
    expect(spacedNumber([run('0', 100), run('5', 112)])).toBeNull();
  });
});

describe('a total of seven digits (1234567) written whole', () => {
  const data = consistentData({ 't3.open': [1234000, 567, 0, 0, 0, 2] }, [3, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
  const truth = t3Rows(data).map((r) => r.values);

  it.each(['gfm', 'tsv', 'html', 'htmlMerged', 'layout'] as const)('%s: read, and a wrong cell beside it found there', (form) => {
    expect(truth[0]?.[6]).toBeGreaterThan(999_999);
    const text = sampleReport({ form, data });
    expect(t3Values(text)).toEqual(truth);
    expect(lintText(text).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
    // 一、本年新收 · 商业企业 one more than its column's sum.
    const wrong = sampleReport({ form, data, override: { table: 't3', row: 0, column: 1, value: 568 } });
    const sums = lintText(wrong).messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums.map((m) => m.message.startsWith('一、本年新收政府信息公开申请数量·商业企业为568'))).toEqual([true]);
  });

  it('beside another number, with cells lost (plain pdftotext), is no digits run together: no sum error', () => {
    // pdftotext printed “1234005 567” for the row and its other cells elsewhere: the seven digits are
    // one number set apart by a space, not cells run together that “no split adds up”.
    const text = sampleReport({ form: 'layout', data }).replace(/( {4}一、本年新收政府信息公开申请数量).*/, '$1         1234005 567');
    const messages = lintText(text).messages.filter((m) => m.ruleId.startsWith('table-'));
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.map((m) => m.message)).toEqual([expect.stringContaining('一、本年新收政府信息公开申请数量')]);
  });
});
