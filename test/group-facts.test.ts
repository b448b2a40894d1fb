/** One cause, one finding: facts of one kind about several rows of a table (rules/lib/group-facts.ts). */
import { describe, expect, it } from '@jest/globals';
import { groupFacts } from '../rules/lib/group-facts.ts';
import type { TableFact } from '../src/model/schema.ts';

const span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const row = (id: string) => ({ id, label: id });

describe('groupFacts', () => {
  it('groups two rows whose values other text splits: one cause, the text read across the columns', () => {
    const facts: TableFact[] = [
      { kind: 'interleaved', row: row('t3.partial'), runs: 7, span },
      { kind: 'interleaved', row: row('t3.deny.1'), runs: 7, span },
    ];
    expect(groupFacts(facts)).toEqual([{ group: facts, kind: 'interleaved' }]);
  });

  it('keeps two rows of another kind apart (grouped from three)', () => {
    const facts: TableFact[] = [
      { kind: 'rowOrder', row: row('t3.partial'), span },
      { kind: 'rowOrder', row: row('t3.deny.1'), span },
    ];
    expect(groupFacts(facts)).toEqual(facts.map((single) => ({ single })));
  });
});
