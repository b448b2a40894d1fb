/**
 * Decoding by constraints, held to its promise on random consistent tables written the way crawled
 * pages write them (each row's digits run together): a row is read only with its true values; a
 * row whose digits only one split makes add up is always read; consistent tables never raise a
 * sum error; and a row that no split makes add up is a sum error at that row. The oracle here
 * enumerates splits on its own, independently of the reader.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { T3_2021 } from '../src/model/templates.ts';
import { consistentData, sampleReport, t3Rows, type SampleData } from '../src/testing/sample.ts';
import { RUNS } from './helpers/property.ts';

const OUTCOME_IDS = T3_2021.rows.map((r) => r.id).filter((id) => !['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(id));
// Small counts, many zeros: as in real reports, where runs like 1000001 are common.
const cell = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 9 }) }, { weight: 1, arbitrary: fc.nat({ max: 40 }) });
const six = fc.array(cell, { minLength: 6, maxLength: 6 });
const dataArb: fc.Arbitrary<SampleData> = fc
  .record({ outcomes: fc.array(six, { minLength: OUTCOME_IDS.length, maxLength: OUTCOME_IDS.length }), carried: six, carryOver: six })
  .map(({ outcomes, carried, carryOver }) => {
    const byId = Object.fromEntries(OUTCOME_IDS.map((id, i) => [id, outcomes[i] ?? []]));
    const totals = [0, 1, 2, 3, 4, 5].map((c) => OUTCOME_IDS.reduce((s, _id, i) => s + (outcomes[i]?.[c] ?? 0), 0));
    return consistentData(
      byId,
      carried.map((v, c) => Math.min(v, (totals[c] ?? 0) + (carryOver[c] ?? 0))),
      carryOver,
    );
  });

/** Every split of `digits` into 7 numbers (no leading zeros) whose last is the sum of the others. */
function splitsThatAddUp(digits: string): number[][] {
  const out: number[][] = [];
  const walk = (pos: number, acc: number[]) => {
    if (acc.length === 7) {
      if (pos === digits.length && acc[6] === acc.slice(0, 6).reduce((a, b) => a + b, 0)) out.push(acc);
      return;
    }
    for (let len = 1; len <= 6 && pos + len <= digits.length; len++) {
      const part = digits.slice(pos, pos + len);
      if (len > 1 && part.startsWith('0')) break;
      walk(pos + len, [...acc, Number(part)]);
    }
  };
  walk(0, []);
  return out;
}

/** Table 三 with every row's values run together (the crawled form); other tables as tab-separated. */
function crawled(data: SampleData, override?: { row: number; text: string }): string {
  const rows = t3Rows(data);
  let text = sampleReport({ form: 'tsv', data });
  rows.forEach((row, i) => {
    const label = row.label.replace(/^.*·/, '');
    const written = row.values.join('\t');
    const run = override?.row === i ? override.text : row.values.join('');
    text = text.replace(`${label}\t${written}`, `${label}${run}`);
  });
  return text;
}

const t3Of = (text: string) => buildModel(text, parseMarkdown(text), { check: true }).tables.t3;

describe('decoding run-together digits by constraints', () => {
  it('reads a row only with its true values, always when one split adds up, and raises no sum error', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const text = crawled(data);
        const table = t3Of(text);
        const truth = t3Rows(data);
        table.rows.forEach((row, i) => {
          const values = truth[i]?.values ?? [];
          if (row.status === 'read') expect(row.cells.map((c) => c.value)).toEqual(values);
          if (splitsThatAddUp(values.join('')).length === 1) expect(row.status).toBe('read');
          else expect(['read', 'ambiguous']).toContain(row.status);
        });
        expect(lintText(text).messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
      }),
      { numRuns: RUNS(80) },
    );
  });

  it('lists the readings of a row several splits make add up, and reads none of them', () => {
    fc.assert(
      fc.property(dataArb, fc.nat({ max: 24 }), (data, index) => {
        const table = t3Of(crawled(data));
        const truth = t3Rows(data);
        const i = index % truth.length;
        const several = splitsThatAddUp((truth[i]?.values ?? []).join('')).length > 1;
        const row = table.rows[i];
        if (several && row?.status === 'ambiguous') {
          const fact = table.facts.find((f) => f.kind === 'ambiguous' && f.row.id === row.id);
          expect(fact && fact.kind === 'ambiguous' ? fact.count : 0).toBeGreaterThan(1);
        }
      }),
      { numRuns: RUNS(40) },
    );
  });

  it('a run no split makes add up is a sum error at that row, never a structure finding', () => {
    fc.assert(
      fc.property(dataArb, fc.nat({ max: 24 }), (data, index) => {
        const truth = t3Rows(data);
        const i = index % truth.length;
        const values = [...(truth[i]?.values ?? [])];
        // Add 1 to the total: no split of these digits can add up if none of the true ones did
        // and the run is not one another split makes consistent.
        values[6] = (values[6] ?? 0) + 1;
        const run = values.join('');
        if (splitsThatAddUp(run).length > 0) return;
        const text = crawled(data, { row: i, text: run });
        const found = lintText(text).messages.filter((m) => m.ruleId === 'table-sums' && m.messageId === 'noReading');
        expect(found).toHaveLength(1);
        expect(found[0]?.data.text).toBe(run);
        const line = text.split('\n').findIndex((l) => l.includes(run)) + 1;
        expect(found[0]?.line).toBe(line);
      }),
      { numRuns: RUNS(60) },
    );
  });
});
