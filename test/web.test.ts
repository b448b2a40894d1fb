// The web page's lintFiles (src/engine/web.ts): the engine's pipeline on a host without a disk,
// workers or cache gives, for the same bytes, the results the Node host gives for the file.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeDocument } from '../src/engine/document.ts';
import { lintFilesToArray, type RunOptions } from '../src/engine/run.ts';
import { lintFiles, type WebFile } from '../src/engine/web.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const fixtures = path.resolve(import.meta.dirname, 'fixtures');

async function onWeb(files: readonly WebFile[], options: Parameters<typeof lintFiles>[1] = {}): Promise<LintResult[]> {
  const out: LintResult[] = [];
  for await (const result of lintFiles(files, options)) out.push(result);
  return out;
}

async function bothHosts(paths: readonly string[], options: RunOptions): Promise<{ web: LintResult[]; node: LintResult[] }> {
  const files = await Promise.all(paths.map(async (filePath) => ({ filePath, bytes: new Uint8Array(await readFile(filePath)) })));
  return { web: await onWeb(files, options), node: await lintFilesToArray(paths, { ...options, concurrency: 'off' }) };
}

describe('lintFiles on the web host', () => {
  it.each([['documents/report.md'], ['documents/report.docx'], ['documents/portal-page.html'], ['pdf/bordered.pdf']])(
    'reads and lints %s as the Node host does (findings placed in the document, the model kept)',
    async (name) => {
      const { web, node } = await bothHosts([path.join(fixtures, name)], { locale: 'zh-CN', keepModel: true });
      expect(web).toHaveLength(1);
      expect(web[0]?.fatal).toBeUndefined();
      expect(web[0]?.messages.length).toBeGreaterThan(0);
      expect(web).toEqual(node);
    },
  );

  it('runs the cross-report rules over the files it is given', async () => {
    const dir = await makeTempDir();
    const agency = '福州市示例区财政局';
    const tree = Object.fromEntries([2023, 2024].map((year) => [`${year}.md`, sampleReport({ year, title: `${agency}${year}年政府信息公开工作年度报告` })]));
    await writeTree(dir, tree);
    const { web, node } = await bothHosts(
      Object.keys(tree).map((f) => path.join(dir, f)),
      { locale: 'en' },
    );
    expect(web.flatMap((r) => r.messages.filter((m) => m.ruleId === 'carry-over'))).not.toHaveLength(0);
    expect(web).toEqual(node);
  });

  it('fixes as the Node host does (fix: dry-run gives the fixed text)', async () => {
    const report = path.resolve(import.meta.dirname, '../examples/defects-2024.md');
    const { web, node } = await bothHosts([report], { locale: 'zh-CN', fix: 'dry-run' });
    expect(web[0]?.output).toBeDefined();
    expect(web).toEqual(node);
  });

  it('hands the page the text it read from a document (onRead), once, before the result', async () => {
    const filePath = path.join(fixtures, 'documents/report.docx');
    const bytes = new Uint8Array(await readFile(filePath));
    const decoded = await decodeDocument(bytes, filePath);
    const seen: string[] = [];
    const results = await onWeb([{ filePath, bytes }], { onRead: (file, text) => seen.push(`${file}\n${text}`) });
    expect(results).toHaveLength(1);
    expect(seen).toEqual(['text' in decoded ? `${filePath}\n${decoded.text}` : 'unreadable']);
  });

  it('gives a file it cannot read its fatal error, in the page’s words as the CLI’s', async () => {
    const web = await onWeb([{ filePath: 'old.docx', bytes: new TextEncoder().encode('not a zip') }], { locale: 'en' });
    expect(web).toEqual([expect.objectContaining({ filePath: 'old.docx', errorCount: 1, fatal: expect.objectContaining({ messageId: 'fileNotDocx' }) })]);
  });
});
