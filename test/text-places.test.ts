/**
 * Where a finding in a table read from `pdftotext -layout` text is: its line and column (at the
 * number; for a lost cell, at the row's values), the row and column its message names, and the row
 * or cell the drawn table (--format html, the Action's summary) marks. The labels of these rows wrap
 * around their values (label lines above and below the line with the numbers), with the group label
 * (（三）不予公开, （六）其他处理) written beside them and the column header repeated per page.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { drawTables } from '../src/adapters/formatters/tables.ts';
import type { Diagnostic } from '../src/types.ts';

const dir = path.join(import.meta.dirname, 'fixtures/pdftext');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

/** The text with one edit on one line (1-based), checked to apply. */
function edit(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  const old = lines[line - 1] ?? '';
  expect(old).toContain(from);
  lines[line - 1] = old.replace(from, to);
  return lines.join('\n');
}

interface Placed {
  line: number;
  column: number;
  /** The text at the finding's place, up to the end of its first word. */
  at: string;
  message: string;
  ruleId: string | null;
  /** Where the drawn table marks it: a row, and a column when on a cell. */
  drawn: { row: string; column?: string } | null;
}

function placed(text: string): Placed[] {
  const result = lintText(text, { locale: 'en', keepModel: true });
  const messages = result.messages.filter((m) => m.ruleId?.startsWith('table-'));
  const drawn = new Map<Diagnostic, { row: string; column?: string }>();
  for (const table of drawTables(result.model!, messages)) {
    for (const block of table.blocks) {
      for (const row of block.rows) {
        for (const cell of row.cells) for (const f of cell.findings) drawn.set(f, { row: row.row.id, column: cell.column });
        for (const f of row.findings) drawn.set(f, { row: row.row.id });
      }
    }
  }
  const lines = text.split('\n');
  return messages.map((m) => ({
    line: m.line,
    column: m.column,
    at: (lines[m.line - 1] ?? '').slice(m.column - 1).split(/\s/)[0] ?? '',
    message: m.message,
    ruleId: m.ruleId,
    drawn: drawn.get(m) ?? null,
  }));
}

describe('places of findings in tables read from pdftotext -layout text', () => {
  const narrow = read('a-portrait-narrow.layout.txt');

  it('the fixture is read clean (so every finding below comes from the edit)', () => {
    expect(placed(narrow)).toEqual([]);
  });

  it('a wrong value in a row whose label wraps over six lines around it: at the number, row and column named, on its cell', () => {
    // 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请: label lines 143–149, values on 146.
    const found = placed(edit(narrow, 146, '   1          0', '   2          0'));
    expect(found).toEqual([expect.objectContaining({ line: 146, column: 40, at: '2', ruleId: 'table-sums', drawn: { row: 't3.other.2', column: '自然人' } })]);
    expect(found[0]?.message).toMatch(/^2\.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请·自然人 is 2, expected 1/);
  });

  it('a value that is not a number, in a row wrapped around its values beside the group label: on its cell', () => {
    // 4.保护第三方合法权益 (lines 87–89) under （三）不予公开, whose characters stand on lines 90–91.
    const found = placed(edit(narrow, 88, '5          1', '5          -'));
    expect(found).toEqual([
      expect.objectContaining({ line: 88, column: 34, at: '-', ruleId: 'table-structure', drawn: { row: 't3.deny.4', column: '商业企业' } }),
    ]);
    expect(found[0]?.message).toContain('“（三）不予公开·4.保护第三方合法权益”·商业企业 is not a number');
  });

  it('a lost cell in a wrapped row: at the row’s values, the column named, marked on the row and not on its first cell', () => {
    // （二）部分公开（区分处理的，只计这一情形，不计其他情形）: label lines 76–78, values on 77.
    const found = placed(edit(narrow, 77, '41          3', '41           '));
    expect(found).toEqual([expect.objectContaining({ line: 77, column: 22, at: '41', ruleId: 'table-structure' })]);
    expect(found[0]?.drawn).toEqual({ row: 't3.partial' });
    expect(found[0]?.message).toContain('lacks one value (7 expected), in column 商业企业; the row total makes it 3');
  });

  it('a value too many in a wrapped row: at that value, marked on its row', () => {
    const extra = placed(edit(narrow, 146, '0        1', '0        1     7'));
    expect(extra).toEqual([expect.objectContaining({ line: 146, at: '7', ruleId: 'table-structure' })]);
    expect(extra[0]?.drawn).toEqual({ row: 't3.other.2' });
    expect(extra[0]?.message).toContain('has one value too many (“7”)');
  });

  it('a lost cell the relations place in one of two columns, in a wrapped row: marked on the row', () => {
    // 1.本机关不掌握相关政府信息 (lines 103–105) beside （四）无法提供 (lines 106–108).
    const found = placed(edit(narrow, 104, '2   0     0     1   1', '2   0           1   1'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 104, column: 22, at: '63' });
    expect(found[0]?.drawn).toEqual({ row: 't3.unable.1' });
    expect(found[0]?.message).toContain(
      '“（四）无法提供·1.本机关不掌握相关政府信息” lacks one value (7 expected), in one of the columns 科研机构, 社会公益组织',
    );
  });

  it('an unread row (several readings add up) wrapped around its values: marked on its row', () => {
    // 1.信访举报投诉类申请: label lines 112 and 114, values on 113.
    const text = read('d-sum-error.layout.txt');
    // (The fixture's own sum error, in another row, stays.)
    const found = placed(edit(text, 113, '9          1', '9           ')).filter((f) => f.message.includes('信访举报投诉类申请'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 113, at: '9', ruleId: 'table-structure' });
    expect(found[0]?.drawn).toEqual({ row: 't3.reject.1' });
    expect(found[0]?.message).toMatch(/^“（五）不予处理·1\.信访举报投诉类申请”: “9 0 0 0 0 10” can be read \d ways/);
  });

  it('a table 四 group that lost a cell is placed at its own values, not at the first group’s', () => {
    // The three groups' fifteen values stand on one line.
    const text = read('r2-5.layout.txt');
    const found = placed(edit(text, 149, '223 170', '    170'));
    expect(found).toEqual([expect.objectContaining({ line: 149, column: 29, ruleId: 'table-structure' })]);
    expect(found[0]?.drawn).toEqual({ row: 't4.direct' });
    expect(found[0]?.message).toContain('“行政诉讼·未经复议直接起诉” lacks one value (15 expected), in column 总计');
  });
});
