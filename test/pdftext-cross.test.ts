/**
 * Random reports printed by Chromium in random Word-like layouts and turned into text by
 * `pdftotext -layout` (test/fixtures/pdftext/cross/NAME.layout.txt beside the Markdown it was
 * printed from, NAME.md): each once read wrong. The text must read as its Markdown does, table for
 * table and cell for cell, with the same findings (the one wrong cell each was printed with).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';

const dir = path.resolve(import.meta.dirname, 'fixtures/pdftext/cross');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.layout.txt'))
  .map((f) => f.replace(/\.layout\.txt$/, ''));

function tables(model: ReportModel | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of Object.values(model?.tables ?? {})) out[t.id] = t.rows.map((r) => `${r.id} ${r.status} ${r.cells.map((c) => c.value ?? '·').join(',')}`);
  return out;
}

describe.each(names)('%s', (name) => {
  it('its -layout text reads as its Markdown: every cell, the same findings', () => {
    const markdown = lintText(readFileSync(path.join(dir, `${name}.md`), 'utf8'), { keepModel: true, locale: 'en' });
    const text = lintText(readFileSync(path.join(dir, `${name}.layout.txt`), 'utf8'), { keepModel: true, locale: 'en' });
    expect(tables(text.model)).toEqual(tables(markdown.model));
    const findings = (r: typeof text) => r.messages.map((m) => `${m.ruleId}/${m.messageId ?? ''} ${JSON.stringify(m.data ?? {})}`).sort();
    expect(findings(text)).toEqual(findings(markdown));
    expect(findings(text)).toContainEqual(expect.stringMatching(/^table-sums\//));
  });
});
