/**
 * PDF reports, read by geometry: the fixtures in test/fixtures/pdf/ are one report (report.md, one
 * wrong cell) printed by headless Chromium in three layouts (scripts/pdf-fixtures.ts): bordered,
 * narrow label columns with table 三 across pages and its header repeated, landscape. Each reads
 * back with the Markdown's values and findings, placed by page, table, row and column. The three
 * real WPS-made PDFs in ../shared/corpus/peers/ read with every table row, and find at least what
 * their `pdftotext -layout` text does. A broken, encrypted or scanned PDF is that file's message.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { main } from '../src/adapters/cli/main.ts';
import path from 'node:path';
import { decodeDocument } from '../src/engine/document.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintFilesToArray } from '../src/engine/run.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';
import type { LintResult } from '../src/types.ts';
import { toEslintResult } from '../src/adapters/formatters/json.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/pdf');
const at = (name: string): string => path.join(fixtures, name);
const peers = path.resolve(import.meta.dirname, '../../shared/corpus/peers');
const findings = (result: LintResult): string[] => result.messages.map((m) => `${m.ruleId}/${m.messageId}: ${m.message}`);

/** Every table row's status and values. */
function values(model: ReportModel | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of Object.values(model?.tables ?? {})) {
    for (const row of table.rows) out[row.id] = `${row.status} ${row.cells.map((c) => c.value).join(',')}`;
  }
  return out;
}

// pdf.js loads once per test file (a few seconds on a busy machine), then a few hundred ms a page.
jest.setTimeout(120_000);

afterAll(removeTempDirs);

describe('PDF reports printed from the template layout', () => {
  const markdown = readFileSync(at('report.md'), 'utf8');
  const md = lintText(markdown, { keepModel: true });

  it.each(['bordered.pdf', 'narrow-across-pages.pdf', 'landscape.pdf'])('%s reads with the values and findings of its Markdown', async (name) => {
    const pdf = await lintFile(at(name), { locale: 'zh-CN', keepModel: true });
    expect(pdf.fatal).toBeUndefined();
    expect(pdf.input).toEqual({ kind: 'pdf' });
    expect(values(pdf.model)).toEqual(values(md.model));
    expect(Object.values(values(pdf.model)).every((v) => v.startsWith('read '))).toBe(true);
    expect(findings(pdf)).toEqual(findings(md));
    const sums = pdf.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums).toHaveLength(1);
    const [finding] = sums;
    // Where a person finds it: the page, table 三, the row and the column.
    expect(finding?.place).toMatch(/^第 \d+ 页 表三 （六）其他处理 3\.其他 · 自然人$/);
    expect(finding?.pdf?.page).toBe(Number(/第 (\d+) 页/.exec(finding?.place ?? '')?.[1]));
    const [x0, y0, x1, y1] = finding?.pdf?.rect ?? [0, 0, 0, 0];
    expect(x1 - x0).toBeGreaterThan(5);
    expect(y1 - y0).toBeGreaterThan(5);
    // The JSON output carries the place and the page's rectangle.
    const json = toEslintResult(pdf).messages.find((m) => m.ruleId === 'table-sums');
    expect(json).toMatchObject({ place: finding?.place, pdf: finding?.pdf });
    // Never a fix --fix could write: the edit is a suggestion.
    expect(pdf.messages.some((m) => m.fix)).toBe(false);
  });

  it('says where in English too', async () => {
    const pdf = await lintFile(at('bordered.pdf'), { locale: 'en' });
    expect(pdf.messages.find((m) => m.ruleId === 'table-sums')?.place).toMatch(/^page \d+, table 三, （六）其他处理 3\.其他 · 自然人$/);
  });

  it('drops page numbers and keeps paragraphs whole', async () => {
    const decoded = await decodeDocument(new Uint8Array(readFileSync(at('narrow-across-pages.pdf'))), 'x.pdf');
    if ('error' in decoded) throw new Error(decoded.error);
    expect(decoded.text).not.toMatch(/—\s*\d+\s*—/);
    expect(decoded.text).toMatch(/^# .*2024年政府信息公开工作年度报告$/m);
    expect(decoded.text).toMatch(/^## 三、收到和处理政府信息公开申请情况$/m);
    // Table 三 is one table, though it runs over two pages with its header repeated.
    expect(decoded.text.match(/申请人情况/g)).toHaveLength(1);
  });
});

describe('--fix and PDFs', () => {
  it('never writes a PDF: a certain fix in Markdown is a suggestion in the PDF, nothing is fixable', async () => {
    const dir = await makeTempDir();
    await copyFile(at('wrong-year.pdf'), path.join(dir, 'report.pdf'));
    const before = await readFile(path.join(dir, 'report.pdf'));
    for (const mode of ['--fix', '--fix-dry-run']) {
      let stdout = '';
      await main([mode, '--format', 'json', 'report.pdf'], {
        stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
        stderr: { write: () => undefined },
        cwd: dir,
        env: {},
        stdin: Readable.from([]),
      });
      const [result] = JSON.parse(stdout) as {
        output?: string;
        fixableErrorCount: number;
        messages: { ruleId: string; fix?: unknown; suggestions?: unknown[] }[];
      }[];
      expect(result?.output).toBeUndefined();
      expect(result?.fixableErrorCount).toBe(0);
      const period = result?.messages.find((m) => m.ruleId === 'statistical-period');
      expect(period?.fix).toBeUndefined();
      expect(period?.suggestions?.length).toBeGreaterThan(0);
    }
    expect(await readFile(path.join(dir, 'report.pdf'))).toEqual(before);
  });
});

describe('the real WPS-made PDFs', () => {
  const files = ['11-huaian-hongzequ-2023', '12-huaian-hongzequ-2024', '13-huaian-shizf-2024'].filter((f) => existsSync(path.join(peers, `${f}.pdf`)));

  it.each(files)('%s reads every table row and finds what its layout text finds', async (name) => {
    const pdf = await lintFile(path.join(peers, `${name}.pdf`), { locale: 'zh-CN', keepModel: true });
    expect(pdf.fatal).toBeUndefined();
    const rows = Object.values(pdf.model?.tables ?? {}).flatMap((t) => t.rows);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.status !== 'read').map((r) => `${r.id} ${r.status}`)).toEqual([]);
    const layout = lintText(readFileSync(path.join(peers, `${name}.layout.txt`), 'utf8'), {});
    const pdfFindings = pdf.messages.map((m) => m.message);
    for (const m of layout.messages) expect(pdfFindings).toContain(m.message);
    // Each finding of the PDF has a place with its page.
    for (const m of pdf.messages) expect(m.place).toMatch(/^第 \d+ 页/);
  });
});

/** A small PDF from its objects (1-based), with a correct cross-reference table. */
function pdfFile(objects: string[], trailer = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('PDFs that cannot be read', () => {
  const scanned = pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream',
    '<< /Length 33 >>\nstream\nq 500 0 0 700 40 60 cm /Im1 Do Q\nendstream',
  ]);
  const encrypted = pdfFile(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`,
    ],
    `/Encrypt 3 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`,
  );

  it('names a scan, an encrypted file and a damaged one, and costs no other file its result', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'scan.pdf': scanned,
      'locked.pdf': encrypted,
      'broken.pdf': new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF'),
      'fake.pdf': new TextEncoder().encode('not a pdf at all'),
    });
    const names = ['scan.pdf', 'locked.pdf', 'broken.pdf', 'fake.pdf', 'bordered.pdf'];
    const files = names.map((n) => (n === 'bordered.pdf' ? at(n) : path.join(dir, n)));
    const results = await lintFilesToArray(files, { locale: 'zh-CN', concurrency: 'off' });
    expect(results.map((r) => r.fatal?.messageId)).toEqual(['filePdfScanned', 'filePdfEncrypted', 'fileNotPdf', 'fileNotPdf', undefined]);
    expect(results[0]?.fatal?.message).toContain('扫描件');
    expect(results[4]?.messages.some((m) => m.ruleId === 'table-sums')).toBe(true);
  });
});
