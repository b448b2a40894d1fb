// Readers under a budget (issue 17): an .html nested thousands of levels deep, or a .docx that
// inflates to hundreds of MB, is that file's clear problem, never the run's stack overflow or a
// gigabyte of memory.
import { afterAll, describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { decodeDocument } from '../src/engine/document.ts';
import { docxInflatedSize } from '../src/engine/docx-size.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const NESTED_TABLES = `${'<table><tr><td>'.repeat(600)}x${'</td></tr></table>'.repeat(600)}`;
const NESTED_DIVS = `${'<div>'.repeat(2000)}x${'</div>'.repeat(2000)}`;

describe('deeply nested HTML', () => {
  it.each([
    ['600 nested tables', NESTED_TABLES],
    ['2,000 nested divs', NESTED_DIVS],
  ])(
    '%s: one clear per-file error, and the other files are linted',
    async (_, html) => {
      const dir = await makeTempDir();
      await writeTree(dir, { 'deep.html': html, 'good.md': sampleReport() });
      let stdout = '';
      const code = await main(['--locale', 'en', '-f', 'json', 'deep.html', 'good.md'], {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: () => undefined },
        cwd: dir,
        env: {},
      });
      expect(code).toBe(1);
      const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ fatal?: boolean; message: string }> }>;
      const [fatal] = results.find((r) => r.filePath.endsWith('deep.html'))?.messages ?? [];
      expect(fatal?.fatal).toBe(true);
      expect(fatal?.message).toMatch(/nests its elements more than 400 levels deep/);
      expect(results.find((r) => r.filePath.endsWith('good.md'))?.messages).toEqual([]);
    },
    60_000,
  );

  it('a Markdown report with such HTML in it is linted (the block gives no cells)', () => {
    const result = lintText(`${sampleReport()}\n${NESTED_DIVS.replace('x', '<table><tr><td>1</td></tr></table>')}\n`);
    expect(result.fatal).toBeUndefined();
  });

  it('a real page nesting a few dozen levels is read', async () => {
    const html = `${'<div>'.repeat(60)}<p>x</p>${'</div>'.repeat(60)}`;
    expect(await decodeDocument(new TextEncoder().encode(html), 'a.html')).toMatchObject({ text: 'x\n' });
  });
});

describe('a .docx that inflates too far', () => {
  const docx = (xmlBytes: number) => {
    const para = '<w:p><w:r><w:t>报告</w:t></w:r></w:p>';
    const body = para.repeat(Math.ceil(xmlBytes / para.length));
    return zipSync(
      { '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(`<w:document><w:body>${body}</w:body></w:document>`) },
      { level: 9 },
    );
  };

  it('counts what the text parts inflate to, stopping past the limit', () => {
    const bytes = docx(20_000);
    expect(docxInflatedSize(bytes, 1_000)).toBeGreaterThan(1_000);
    expect(docxInflatedSize(bytes)).toBeGreaterThan(20_000);
    expect(docxInflatedSize(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  it('is refused with a clear message before mammoth inflates it', async () => {
    const dir = await makeTempDir();
    // About 70 MB of XML in a zip of a few hundred KB.
    await writeTree(dir, { 'bomb.docx': docx(70 * 1024 * 1024) });
    const result = await lintFile(path.join(dir, 'bomb.docx'), { locale: 'en' });
    expect(result.fatal?.message).toMatch(/inflates to more than 64 MB/);
  }, 60_000);
});
