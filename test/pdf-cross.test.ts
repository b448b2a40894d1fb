/**
 * Random reports printed by Chromium in random Word-like layouts (test/fixtures/pdf/cross/NAME.pdf
 * beside the Markdown it was printed from, NAME.md; the README there says what each once read
 * wrong). The PDF must read as its Markdown does, table for table and cell for cell, with the same
 * findings (the one wrong cell each was printed with).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';

jest.setTimeout(60_000);

const dir = path.resolve(import.meta.dirname, 'fixtures/pdf/cross');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''));

function tables(model: ReportModel | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of Object.values(model?.tables ?? {})) out[t.id] = t.rows.map((r) => `${r.id} ${r.status} ${r.cells.map((c) => c.value ?? '·').join(',')}`);
  return out;
}

describe.each(names)('%s', (name) => {
  it('the PDF reads as its Markdown: every cell, the same findings', async () => {
    const markdown = lintText(readFileSync(path.join(dir, `${name}.md`), 'utf8'), { keepModel: true, locale: 'en' });
    const pdf = await lintFile(path.join(dir, `${name}.pdf`), { keepModel: true, locale: 'en' });
    expect(pdf.fatal).toBeUndefined();
    expect(tables(pdf.model)).toEqual(tables(markdown.model));
    const findings = (r: typeof pdf) => r.messages.map((m) => `${m.ruleId}/${m.messageId ?? ''} ${JSON.stringify(m.data ?? {})}`).sort();
    expect(findings(pdf)).toEqual(findings(markdown));
    expect(findings(pdf)).toContainEqual(expect.stringMatching(/^table-sums\//));
  });
});
