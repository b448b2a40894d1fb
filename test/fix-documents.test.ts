/**
 * --fix never writes a .docx or .html report: both are read as intermediate Markdown, so an edit of
 * that text is no edit of the file. Their findings keep the edits as suggestions; nothing is fixable.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../src/adapters/cli/main.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const fixtures = path.resolve(import.meta.dirname, 'fixtures/documents');

// A saved page whose period has the wrong year: in Markdown that finding has a certain fix.
const wrongYear = sampleReport({ replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] });
const page = `<!doctype html><html><head><meta charset="utf-8"></head><body>\n${wrongYear
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('|'))
  .map((l) => `<p>${l.replace(/^#+\s*/, '')}</p>`)
  .join('\n')}\n</body></html>\n`;

interface JsonResult {
  filePath: string;
  output?: string;
  fixableErrorCount: number;
  messages: { ruleId: string; fix?: unknown; suggestions?: unknown[] }[];
}

async function run(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
    stdin: Readable.from([]),
  });
  return { code, stdout, stderr };
}

describe('--fix and documents', () => {
  it('leaves .docx and .html files byte for byte as they were, and offers their edits as suggestions', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'page.html': page, 'draft.md': wrongYear });
    await copyFile(path.join(fixtures, 'report.docx'), path.join(dir, 'report.docx'));
    const before = {
      html: await readFile(path.join(dir, 'page.html')),
      docx: await readFile(path.join(dir, 'report.docx')),
    };
    for (const mode of ['--fix', '--fix-dry-run']) {
      const result = await run(dir, [mode, '--format', 'json', 'page.html', 'report.docx', 'draft.md']);
      const results = JSON.parse(result.stdout) as JsonResult[];
      const byName = (name: string): JsonResult | undefined => results.find((r) => r.filePath.endsWith(name));
      for (const name of ['page.html', 'report.docx']) {
        const r = byName(name);
        expect(r?.output).toBeUndefined();
        expect(r?.fixableErrorCount).toBe(0);
        expect(r?.messages.filter((m) => m.fix !== undefined)).toEqual([]);
      }
      // The page's period finding is there, with its edit as a suggestion only.
      const period = byName('page.html')?.messages.find((m) => m.ruleId === 'statistical-period');
      expect(period?.suggestions?.length).toBeGreaterThan(0);
      // The Markdown draft is fixed as before (the test would be empty if it were not fixable).
      expect(byName('draft.md')?.output ?? (await readFile(path.join(dir, 'draft.md'), 'utf8'))).toBe(sampleReport());
    }
    expect(await readFile(path.join(dir, 'page.html'))).toEqual(before.html);
    expect(await readFile(path.join(dir, 'report.docx'))).toEqual(before.docx);
    // Four runs with a .docx each: generous for a loaded machine.
  }, 60_000);
});
