/**
 * Table 三's column header repeated on a new page, between the two halves of a row label the page
 * break split (`pdftotext -layout` text of a LibreOffice PDF): the header's last column names
 * (其他, 总计), which are also row labels' words, are the header's when they go on from the column
 * before them in the header's order, so the label reads whole across the header.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';

const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures/pdftext/lo/t3-label-over-page.layout.txt'), 'utf8');
const lint = (text: string) => lintText(text, { keepModel: true, locale: 'en' });
const row = (result: ReturnType<typeof lint>, id: string) => result.model?.tables.t3?.rows.find((r) => r.id === id);
const t3Findings = (result: ReturnType<typeof lint>) => result.messages.filter((m) => m.ruleId?.startsWith('table-') && /table 三/i.test(m.message));

describe('table 三 with its header repeated inside a row label', () => {
  it('reads the label broken over the page, its values before the repeated header', () => {
    const result = lint(fixture);
    expect(row(result, 't3.unable.2')).toMatchObject({ status: 'read', cells: [3, 0, 0, 0, 0, 0, 3].map((value) => ({ value })) });
    expect(row(result, 't3.unable.1')).toMatchObject({ status: 'read', cells: [10, 0, 0, 0, 0, 0, 10].map((value) => ({ value })) });
    expect(t3Findings(result)).toEqual([]);
  });

  it('a header whose last names are out of order is not taken whole: the label stays broken, one row missing', () => {
    // The repeated header's (the last in the text), not the table's first.
    const at = [...fixture.matchAll(/其他\s+总计/g)].at(-1)?.index ?? 0;
    const swapped = `${fixture.slice(0, at)}${fixture.slice(at).replace(/其他(\s+)总计/, '总计$1其他')}`;
    expect(swapped).not.toBe(fixture);
    const result = lint(swapped);
    expect(row(result, 't3.unable.2')?.status).not.toBe('read');
  });
});
