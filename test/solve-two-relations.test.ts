/**
 * A row the arithmetic decides only through two relations together (src/reading/tables/solve.ts,
 * t3.ts withoutTotal): 一 printed as the run `110000011` splits two ways that add up (R3); with
 * （七）总计 itself unread, neither R1 (一 + 二 = （七） + 四) nor R2 (（七） = Σ outcomes) can choose,
 * but R1 − R2 (一 + 二 = Σ outcomes + 四, column by column) can, and the row remembers both.
 */
import { describe, expect, it } from '@jest/globals';
import { T3_2021 } from '../src/model/templates.ts';
import { decodeRow, distinctValues, ROW_TOTAL } from '../src/reading/tables/decode.ts';
import { narrow, type Candidate } from '../src/reading/tables/solve.ts';
import { columnRelations, withoutTotal } from '../src/reading/tables/t3.ts';
import type { Token } from '../src/reading/tokens.ts';

const run = (raw: string): Token => ({
  kind: 'num',
  raw,
  norm: raw,
  value: Number(raw),
  start: 0,
  end: raw.length,
  rowKey: 'r',
  delimited: true,
  glued: false,
});
const relations = columnRelations(T3_2021.rows.map((r) => r.id));
const outcomes = T3_2021.rows.map((r) => r.id).filter((id) => !['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(id));
const zeros = [0, 0, 0, 0, 0, 0, 0];

/** The rows other than 一 and （七）: outcome rows adding up to 11 自然人, nothing carried. */
function known(): Map<string, ReadonlyArray<number | null>> {
  const rows = new Map<string, ReadonlyArray<number | null>>(outcomes.map((id) => [id, zeros]));
  rows.set('t3.open', [7, 0, 0, 0, 0, 0, 7]);
  rows.set('t3.partial', [2, 0, 0, 0, 0, 0, 2]);
  rows.set('t3.unable.1', [2, 0, 0, 0, 0, 0, 2]);
  rows.set('t3.carried', zeros);
  rows.set('t3.carryOver', zeros);
  return rows;
}

const candidateOf = (raw: string): Candidate => {
  const decoded = decodeRow({ values: [run(raw)], expected: 7, relation: ROW_TOTAL, positional: null });
  return { row: 't3.new', options: distinctValues(decoded.readings), chosenBy: new Set() };
};
const valuesOf = (c: Candidate) => c.options.map((g) => g[0]?.cells.map((cell) => cell.value));

describe('decoding a glued run through two relations together', () => {
  it('110000011 splits two ways that add up on their own', () => {
    expect(valuesOf(candidateOf('110000011'))).toEqual(
      expect.arrayContaining([
        [11, 0, 0, 0, 0, 0, 11],
        [1, 10, 0, 0, 0, 0, 11],
      ]),
    );
    expect(candidateOf('110000011').options).toHaveLength(2);
  });

  it('R1 and R2 alone cannot choose when （七）总计 is unread', () => {
    const c = candidateOf('110000011');
    narrow([c], known(), relations);
    expect(c.options).toHaveLength(2);
    expect([...c.chosenBy]).toEqual([]);
  });

  it('R1 − R2 leaves one reading, 11 0 0 0 0 0 11, chosen by both', () => {
    const c = candidateOf('110000011');
    narrow([c], known(), [...relations, withoutTotal(relations)]);
    expect(valuesOf(c)).toEqual([[11, 0, 0, 0, 0, 0, 11]]);
    expect([...c.chosenBy].sort()).toEqual(['R1', 'R2']);
  });

  it('chooses nothing when an outcome row is unknown too', () => {
    const c = candidateOf('110000011');
    const rows = known();
    rows.delete('t3.open');
    narrow([c], rows, [...relations, withoutTotal(relations)]);
    expect(c.options).toHaveLength(2);
  });
});
