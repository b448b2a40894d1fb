/**
 * Property tests over the table forms real reports arrive in: consistent tables raise no
 * table-sums finding; one changed number raises table-sums at that number's line.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lintText } from '../src/engine/lint.ts';
import { consistentData, sampleReport, type SampleData, type TableForm } from '../src/testing/sample.ts';
import { T3_2021 } from '../src/model/templates.ts';
import { RUNS } from './helpers/property.ts';

const FORMS: TableForm[] = ['gfm', 'tsv', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'];
const OUTCOME_IDS = T3_2021.rows.map((r) => r.id).filter((id) => !['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(id));
const T3_ROWS = T3_2021.rows.length;

const six = fc.array(fc.nat({ max: 60 }), { minLength: 6, maxLength: 6 });
const dataArb: fc.Arbitrary<SampleData> = fc
  .record({
    outcomes: fc.array(six, { minLength: OUTCOME_IDS.length, maxLength: OUTCOME_IDS.length }),
    carried: six,
    carryOver: six,
    t4: fc.array(fc.array(fc.nat({ max: 40 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ outcomes, carried, carryOver, t4 }) => {
    const byId = Object.fromEntries(OUTCOME_IDS.map((id, i) => [id, outcomes[i] ?? []]));
    const totals = [0, 1, 2, 3, 4, 5].map((c) => OUTCOME_IDS.reduce((s, _id, i) => s + (outcomes[i]?.[c] ?? 0), 0));
    // 一 = （七） + 四 − 二 must not go negative: carry over at most what was handled.
    const safeCarried = carried.map((v, c) => Math.min(v, (totals[c] ?? 0) + (carryOver[c] ?? 0)));
    return consistentData(byId, safeCarried, carryOver, t4);
  });

const sums = (text: string) => lintText(text).messages.filter((m) => m.ruleId === 'table-sums');
const others = (text: string) => lintText(text).messages;

describe.each(FORMS)('form %s', (form) => {
  it('a consistent report has no findings at all', () => {
    expect(others(sampleReport({ form }))).toEqual([]);
  });

  it('consistent tables never raise table-sums', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        expect(sums(sampleReport({ form, data }))).toEqual([]);
      }),
      { numRuns: RUNS(40) },
    );
  });

  it('one changed number in table 三 raises table-sums at its line', () => {
    fc.assert(
      fc.property(dataArb, fc.nat({ max: T3_ROWS - 1 }), fc.nat({ max: 6 }), fc.integer({ min: 1, max: 9 }), (data, row, column, delta) => {
        // A value no other cell has, so its line can be found in the text.
        const value = 900000 + delta;
        const text = sampleReport({ form, data, override: { table: 't3', row, column, value } });
        const line = text.split('\n').findIndex((l) => l.includes(String(value))) + 1;
        const found = sums(text);
        expect(found.length).toBeGreaterThan(0);
        expect(found.every((m) => m.line === line)).toBe(true);
      }),
      { numRuns: RUNS(60) },
    );
  });

  it('one changed number in table 四 raises table-sums at that number or at its group total', () => {
    fc.assert(
      fc.property(dataArb, fc.nat({ max: 2 }), fc.nat({ max: 4 }), fc.integer({ min: 1, max: 9 }), (data, group, column, delta) => {
        const value = 900000 + delta;
        const text = sampleReport({ form, data, override: { table: 't4', row: group, column, value } });
        const lines = text.split('\n');
        const line = lines.findIndex((l) => l.includes(String(value))) + 1;
        const found = sums(text);
        expect(found.length).toBe(1);
        const [m] = found;
        // One relation (R4) holds the cell: a changed item cannot be told from a wrong total, so
        // the finding sits on the group's 总计 cell and names the group.
        if (column === 4 || form !== 'cellPerLine') expect(m?.line).toBe(line);
        expect(m?.messageId).toBe('R4');
        expect(String(m?.data.cell)).toContain('总计');
      }),
      { numRuns: RUNS(40) },
    );
  });
});

describe('pasted-from-PDF noise', () => {
  // What pdftotext -layout does to a table: a long label wraps around its own numbers, page
  // numbers land between rows, merged cells leave empty tab cells after labels.
  const wrapLabel = (text: string) =>
    text.replace(
      /^( *)（二）部分公开（区分处理的，只计这一情形，不计其他情形）( +)(.*)$/m,
      '$1（二）部分公开（区分处理的，只计这一情\n$1                  $3\n$1形，不计其他情形）',
    );
  const pageNumber = (text: string, at: number) => {
    const lines = text.split('\n');
    const t3 = lines.findIndex((l) => l.includes('本年新收政府信息公开申请数量'));
    lines.splice(t3 + 1 + (at % 20), 0, '', '                                   -3-', '');
    return lines.join('\n');
  };
  const mergedCells = (text: string) => text.replace(/^(（[一二三四五六七]）[^\t\n]*)\t/gm, '$1\t\t');

  it('consistent tables with noise raise nothing, a changed number is still found at its line', () => {
    fc.assert(
      fc.property(dataArb, fc.nat({ max: 40 }), fc.nat({ max: T3_ROWS - 1 }), fc.nat({ max: 6 }), (data, at, row, column) => {
        const layout = (t: string) => pageNumber(wrapLabel(t), at);
        expect(sums(sampleReport({ form: 'layout', data, edit: layout }))).toEqual([]);
        expect(others(sampleReport({ form: 'tsv', data, edit: mergedCells }))).toEqual([]);
        const text = sampleReport({ form: 'layout', data, edit: layout, override: { table: 't3', row, column, value: 900001 } });
        const line = text.split('\n').findIndex((l) => l.includes('900001')) + 1;
        const found = sums(text);
        expect(found.length).toBeGreaterThan(0);
        expect(found.every((m) => m.line === line)).toBe(true);
      }),
      { numRuns: RUNS(60) },
    );
  });
});
