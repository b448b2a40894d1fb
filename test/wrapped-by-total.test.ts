/**
 * A number wrapped over its row's line and the next in `pdftotext -layout` text, whose lower piece
 * pdftotext printed away from its column (“15” on the row's line, “4” on the next under another
 * column): the geometry cannot tell which number the piece finishes, so decode.ts tries it after
 * each value (before each, for a piece on the line above) and keeps what the row's own relation
 * accepts (`joined`). That relation chose the reading, so it cannot confirm it; the column
 * relations still check the row.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { decodeRow, GROUP_TOTALS, ROW_TOTAL } from '../src/reading/tables/decode.ts';
import type { Token } from '../src/reading/tokens.ts';

/** Tokens at `line * 1000 + column`: [raw, line, column]. */
const tokens = (...items: Array<[string, number, number]>): Token[] =>
  items.map(([raw, line, column]) => ({
    kind: 'num',
    raw,
    norm: raw,
    value: Number(raw),
    start: line * 1000 + column,
    end: line * 1000 + column + raw.length,
    rowKey: `line${line}`,
    delimited: false,
    glued: false,
  }));
const lineOf = (offset: number) => Math.floor(offset / 1000);
const row = (line: number, values: string[]) => values.map((raw, i): [string, number, number] => [raw, line, 10 + i * 8]);
const decode = (values: Token[], relation = ROW_TOTAL, expected = 7) => decodeRow({ values, expected, relation, positional: null, lineOf });
const valuesOf = (r: { cells: Array<{ value: number | null }> }) => r.cells.map((c) => c.value);

describe('a wrapped number joined by its row relation', () => {
  it('a piece on the line below finishes the one value that makes the row add up', () => {
    const out = decode(tokens(...row(5, ['151', '3', '0', '0', '0', '0', '15']), ['4', 6, 20]));
    expect(out.tried).toContain('joined');
    expect(out.readings.map((r) => [r.how, valuesOf(r)])).toEqual([['joined', [151, 3, 0, 0, 0, 0, 154]]]);
    const total = out.readings[0]?.cells[6];
    // The cell is where its upper piece is written.
    expect(total).toMatchObject({ raw: '154', start: 5 * 1000 + 58, end: 5 * 1000 + 60, read: 'split' });
  });

  it('a piece on the line above starts it', () => {
    const out = decode(tokens(['2', 4, 62], ...row(5, ['20', '1', '0', '0', '0', '0', '1'])));
    expect(out.readings.map((r) => [r.how, valuesOf(r)])).toEqual([['joined', [20, 1, 0, 0, 0, 0, 21]]]);
  });

  it('table 四: each group total still holds', () => {
    const values = ['1', '0', '0', '0', '1', '4', '0', '0', '0', '4', '10', '2', '1', '0', '1'];
    const out = decode(tokens(...row(9, values), ['3', 10, 90]), GROUP_TOTALS, 15);
    expect(out.readings.map((r) => valuesOf(r))).toEqual([[1, 0, 0, 0, 1, 4, 0, 0, 0, 4, 10, 2, 1, 0, 13]]);
  });

  it('two pieces on the line below, each joined after its own value, in their order (table 四, LibreOffice)', () => {
    // 185 74 0 0 25|9 148 0 37 0 18|5 74 0 0 0 74, the lower pieces printed far left of their cells.
    const values = ['185', '74', '0', '0', '25', '148', '0', '37', '0', '18', '74', '0', '0', '0', '74'];
    const out = decode(tokens(...row(9, values), ['9', 10, 18], ['5', 10, 24]), GROUP_TOTALS, 15);
    expect(out.readings.map((r) => valuesOf(r))).toEqual([[185, 74, 0, 0, 259, 148, 0, 37, 0, 185, 74, 0, 0, 0, 74]]);
  });

  it('a piece two lines below, a wrapped group label’s line between', () => {
    const out = decode(tokens(...row(5, ['2260', '0', '0', '0', '3164', '293', '8362']), ['8', 7, 60]));
    expect(out.readings.map((r) => valuesOf(r))).toEqual([[2260, 0, 0, 0, 3164, 2938, 8362]]);
  });

  it('nothing when no joining adds up, the piece is more than two lines away, or the row is spread over more lines', () => {
    expect(decode(tokens(...row(5, ['151', '3', '0', '0', '0', '0', '15']), ['5', 6, 20])).readings).toEqual([]);
    expect(decode(tokens(...row(5, ['151', '3', '0', '0', '0', '0', '15']), ['4', 8, 20])).readings).toEqual([]);
    const spread = tokens(...row(5, ['151', '3', '0', '0', '0']), ['0', 6, 10], ['15', 6, 20], ['4', 7, 20]);
    expect(decode(spread).readings).toEqual([]);
  });

  it('never a number with a leading zero, nor more digits than a cell holds', () => {
    // “0” + “4” would make the row add up (1 + 3 = 4) but is no count as written.
    expect(decode(tokens(...row(5, ['1', '3', '0', '0', '0', '0', '0']), ['4', 6, 20])).readings.filter((r) => r.how === 'joined')).toEqual([]);
    expect(decode(tokens(...row(5, ['999999', '1', '0', '0', '0', '0', '100000']), ['0', 6, 20])).readings).toEqual([]);
  });

  it('two joinings that both add up leave the row with two readings (never a guess)', () => {
    // The piece after 自然人 (10 + 1 = 11) or after 商业企业 (1 + 10 = 11): both add up.
    const out = decode(tokens(...row(5, ['1', '1', '0', '0', '0', '0', '11']), ['0', 6, 20]));
    expect(out.readings.filter((r) => r.how === 'joined').map((r) => valuesOf(r))).toEqual([
      [10, 1, 0, 0, 0, 0, 11],
      [1, 10, 0, 0, 0, 0, 11],
    ]);
  });
});

describe('in a real report printed by LibreOffice (10-pingtan-2025), as pdftotext -layout prints it', () => {
  const file = path.join(import.meta.dirname, 'fixtures/corpus-pdf/10-pingtan-2025.lo.layout.txt');
  const text = readFileSync(file, 'utf8');
  const newRow = (source: string) => lintText(source, { keepModel: true, locale: 'en' });

  it('一、本年新收 reads 151 3 0 0 0 0 154, chosen by its own total (R3), which then confirms nothing', () => {
    const result = newRow(text);
    const row = result.model?.tables.t3.rows.find((r) => r.id === 't3.new');
    expect(row?.status).toBe('read');
    expect(row?.cells.map((c) => c.value)).toEqual([151, 3, 0, 0, 0, 0, 154]);
    expect(row?.decoded).toMatchObject({ how: 'joined', chosenBy: ['R3'] });
    expect(result.messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
  });

  it('a wrong value the joining absorbs is still found by the column relations', () => {
    // 151 → 152 and the piece 4 → 5: the row adds up again (152 + 3 = 155), 自然人 no longer does.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('本年新收政府信息公开申请数量'));
    lines[at] = (lines[at] as string).replace('151', '152');
    lines[at + 1] = (lines[at + 1] as string).replace('4', '5');
    const result = newRow(lines.join('\n'));
    const row = result.model?.tables.t3.rows.find((r) => r.id === 't3.new');
    expect(row?.cells.map((c) => c.value)).toEqual([152, 3, 0, 0, 0, 0, 155]);
    const sums = result.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.map((m) => m.message).join('\n')).toMatch(/自然人/);
    expect(sums.map((m) => m.message).join('\n')).not.toMatch(/R3/);
  });
});
