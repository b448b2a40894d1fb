// Readers under a budget (issue 17): an .html nested thousands of levels deep, or a .docx or a PDF
// that inflates to hundreds of MB, is that file's clear problem, never the run's stack overflow or a
// gigabyte of memory.
import { afterAll, describe, expect, it } from '@jest/globals';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { main } from '../src/adapters/cli/main.ts';
import { decodeDocument } from '../src/engine/document.ts';
import { docxInflatedSize } from '../src/engine/docx-size.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import { inflatesBeyond } from '../src/reading/pdf/inflation.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/**
 * The CLI run (English, JSON) on `name` holding `content` beside a good report: its exit code, the
 * first message for `name`, and the good report's messages.
 */
async function withGoodReport(name: string, content: string | Uint8Array, extra: string[] = []) {
  const dir = await makeTempDir();
  await writeTree(dir, { [name]: content, 'good.md': sampleReport() });
  let stdout = '';
  const code = await main(['--locale', 'en', '-f', 'json', ...extra, name, 'good.md'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    cwd: dir,
    env: {},
  });
  const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ fatal?: boolean; message: string }> }>;
  const [fatal] = results.find((r) => r.filePath.endsWith(name))?.messages ?? [];
  return { code, fatal, good: results.find((r) => r.filePath.endsWith('good.md'))?.messages };
}

const NESTED_TABLES = `${'<table><tr><td>'.repeat(600)}x${'</td></tr></table>'.repeat(600)}`;
const NESTED_DIVS = `${'<div>'.repeat(2000)}x${'</div>'.repeat(2000)}`;

describe('deeply nested HTML', () => {
  it.each([
    ['600 nested tables', NESTED_TABLES],
    ['2,000 nested divs', NESTED_DIVS],
  ])(
    '%s: one clear per-file error, and the other files are linted',
    async (_, html) => {
      const { code, fatal, good } = await withGoodReport('deep.html', html);
      expect(code).toBe(1);
      expect(fatal?.fatal).toBe(true);
      expect(fatal?.message).toMatch(/nests its elements more than 400 levels deep/);
      expect(good).toEqual([]);
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

const MB = 1024 * 1024;

/** A zip of deflated entries (local headers, central directory, end record), as a .docx is. */
function zip(entries: Array<{ name: string; data: Buffer; crc: number; size: number }>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let at = 0;
  for (const { name, data, crc, size } of entries) {
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(8, 10); // deflate
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(at, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    at += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...locals, directory, end]);
}

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

  /**
   * A .docx whose document.xml is `mb` MB of paragraphs, built without compressing them: one MB
   * deflated and flushed to a byte boundary, repeated (as `spaces` below does for the PDF), between
   * the deflated head and tail; the zip written by hand with the true sizes and CRC-32.
   */
  const bigDocx = (mb: number) => {
    const para = Buffer.from('<w:p><w:r><w:t>报告</w:t></w:r></w:p>');
    const block = Buffer.concat(Array<Buffer>(Math.floor(MB / para.length)).fill(para));
    const head = Buffer.from('<w:document><w:body>');
    const tail = Buffer.from('</w:body></w:document>');
    const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_SYNC_FLUSH });
    const blockDeflated = flushed(block);
    const data = Buffer.concat([flushed(head), ...Array<Buffer>(mb).fill(blockDeflated), deflateRawSync(tail)]);
    let crc = crc32(head);
    for (let k = 0; k < mb; k++) crc = crc32(block, crc);
    crc = crc32(tail, crc);
    const size = head.length + mb * block.length + tail.length;
    const entries = [
      { name: '[Content_Types].xml', data: deflateRawSync('<Types/>'), crc: crc32('<Types/>'), size: 8 },
      { name: 'word/document.xml', data, crc, size },
    ];
    return { bytes: zip(entries), xml: entries[1]! };
  };

  it('the hand-built zip is a true one: its XML inflates to the size and CRC-32 it declares', () => {
    const { bytes, xml } = bigDocx(2);
    expect(xml.size).toBeGreaterThan(2 * MB - 100);
    const inflated = inflateRawSync(xml.data);
    expect(inflated.length).toBe(xml.size);
    expect(crc32(inflated)).toBe(xml.crc);
    const text = inflated.toString();
    expect(text.startsWith('<w:document><w:body><w:p><w:r><w:t>报告</w:t></w:r></w:p><w:p>')).toBe(true);
    expect(text.endsWith('<w:t>报告</w:t></w:r></w:p></w:body></w:document>')).toBe(true);
    expect(docxInflatedSize(bytes, Number.MAX_SAFE_INTEGER)).toBe(xml.size + 8);
    expect(inflated.equals(unzipSync(bytes)['word/document.xml']!)).toBe(true);
  });

  it('is refused with a clear message before mammoth inflates it', async () => {
    const dir = await makeTempDir();
    // 70 MB of XML in a zip of 217 KB.
    const { bytes, xml } = bigDocx(70);
    expect(xml.size).toBeGreaterThan(69 * MB);
    await writeTree(dir, { 'bomb.docx': bytes });
    const result = await lintFile(path.join(dir, 'bomb.docx'), { locale: 'en' });
    expect(result.fatal?.message).toMatch(/inflates to more than 64 MB/);
  }, 60_000);
});

describe('a PDF that inflates too far', () => {
  /** A one-page PDF whose page content is the given streams' data (deflated), one object each. */
  const pdf = (contents: Uint8Array[]): Uint8Array => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [${contents.map((_, k) => `${k + 4} 0 R`).join(' ')}] >>`,
    ].map((o) => Buffer.from(o, 'latin1'));
    for (const data of contents) {
      objects.push(
        Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]),
      );
    }
    const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
    let at = parts[0]!.length;
    const offsets: number[] = [];
    objects.forEach((o, k) => {
      offsets.push(at);
      const part = Buffer.concat([Buffer.from(`${k + 1} 0 obj\n`, 'latin1'), o, Buffer.from('\nendobj\n', 'latin1')]);
      parts.push(part);
      at += part.length;
    });
    const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  };
  /**
   * `mb` MB of spaces as deflated data a thousand times smaller: one MB deflated and flushed to a
   * byte boundary, repeated (each repeat refers back to the spaces before it), then a final block.
   */
  const spaces = (mb: number): Uint8Array => {
    const one = deflateRawSync(Buffer.alloc(MB, 0x20), { finishFlush: constants.Z_SYNC_FLUSH });
    return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(mb).fill(one), Buffer.from([0x03, 0x00])]);
  };

  it('counts what the streams inflate to, in all', async () => {
    const three = pdf([spaces(1), spaces(1), spaces(1)]);
    expect(await inflatesBeyond(three, { limit: 2.5 * MB })).toBe(true);
    expect(await inflatesBeyond(three, { limit: 3.5 * MB })).toBe(false);
    // Stored sizes alone: 3 KB can never inflate to 4 MB (deflate's highest ratio is 1032).
    expect(await inflatesBeyond(three, { limit: 4 * MB })).toBe(false);
    for (const name of ['bordered.pdf', 'serif-radicals.pdf']) {
      expect(await inflatesBeyond(await readFile(path.join('test/fixtures/pdf', name)))).toBe(false);
    }
  });

  it('is refused with a clear message before pdf.js inflates it, and the other files are linted', async () => {
    // 600 MB of page content in 600 KB.
    const { code, fatal, good } = await withGoodReport('bomb.pdf', pdf([spaces(600)]), ['--concurrency', 'off']);
    expect(code).toBe(1);
    expect(fatal?.fatal).toBe(true);
    expect(fatal?.message).toMatch(/inflates to more than 512 MB/);
    expect(good).toEqual([]);
  }, 60_000);
});
