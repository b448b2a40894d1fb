/**
 * Whole-report snapshots of every real report in test/fixtures (copied from the shared corpus):
 * they show the blast radius of each change to the reader or a rule. Review them when they change.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';

const root = join(import.meta.dirname, 'fixtures');
export const corpusFiles = ['seeds', 'peers', 'derived', 'noise'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.(md|txt)$/.test(f) && f !== 'SOURCES.md' && !(dir === 'noise' && f === 'README.md'))
    .sort()
    .map((f) => join(dir, f)),
);

describe('corpus', () => {
  it('holds the five seeds, the thirteen peers and the six other pdftotext renderings', () => {
    expect(corpusFiles.filter((f) => f.startsWith('seeds')).length).toBe(5);
    expect(corpusFiles.filter((f) => f.startsWith('peers')).length).toBe(13);
    expect(corpusFiles.filter((f) => f.startsWith('derived')).length).toBe(6);
    expect(corpusFiles.filter((f) => f.startsWith('noise')).length).toBeGreaterThanOrEqual(18);
  });

  for (const file of corpusFiles) {
    it(`${file} yields the reviewed diagnostics`, () => {
      const source = readFileSync(join(root, file), 'utf8');
      const result = lintText(source, { filePath: file });
      expect(result.fatal).toBeUndefined();
      // Never a silent pass: a report without findings must have had all three tables read.
      if (result.messages.length === 0 && !result.notReport) {
        const model = buildModel(source, parseMarkdown(source), { check: true });
        for (const table of Object.values(model.tables)) {
          expect(table.found).toBe(true);
          expect(table.rows.every((r) => r.status === 'read')).toBe(true);
        }
      }
      // Ids, data and positions, not the translated text: a wording change is no finding change.
      const lines = result.messages.map(
        (m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity === 2 ? 'error' : 'warn '} ${m.ruleId}/${m.messageId} ${JSON.stringify(m.data)}`,
      );
      expect((result.notReport ? ['(not a report)'] : lines).join('\n')).toMatchSnapshot();
    });
  }
});
