import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES, decodeBuffer, fileErrorFromException, readReport, sniffUtf16 } from '../src/engine/decode.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const REPORT = '# 某区2024年政府信息公开工作年度报告\n\n| 项目 | 数量 |\n| --- | --- |\n| 收到申请 | 12 |\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('decodeBuffer', () => {
  it('decodes UTF-8', () => {
    expect(decodeBuffer(Buffer.from(REPORT, 'utf8'))).toEqual({ text: REPORT, encoding: 'utf-8' });
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT, 'utf8')]);
    // `bom` records it, so that --fix writes it back.
    expect(decodeBuffer(bytes)).toEqual({ text: REPORT, encoding: 'utf-8', bom: true });
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM, without keeping the BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(REPORT)]);
    expect(decodeBuffer(le)).toEqual({ text: REPORT, encoding: 'utf-16le', bom: true });
    expect(decodeBuffer(be)).toEqual({ text: REPORT, encoding: 'utf-16be', bom: true });
  });

  it('recognises BOM-less UTF-16 from the position of the NUL bytes', () => {
    expect(decodeBuffer(Buffer.from(REPORT, 'utf16le'))).toEqual({ text: REPORT, encoding: 'utf-16le' });
    expect(decodeBuffer(utf16be(REPORT))).toEqual({ text: REPORT, encoding: 'utf-16be' });
  });

  it('tolerates CJK characters whose low byte is zero in BOM-less UTF-16', () => {
    // 一 is U+4E00: in UTF-16LE its first byte is NUL, on the "wrong" side.
    const text = `# 一${'年度报告 2024\n'.repeat(5)}`;
    expect(decodeBuffer(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('decodes GB18030 (GBK) Chinese text', () => {
    // "# 中文报告\n" in GBK: 中 D6D0, 文 CEC4, 报 B1A8, 告 B8E6.
    const bytes = Buffer.from([0x23, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0xb1, 0xa8, 0xb8, 0xe6, 0x0a]);
    expect(decodeBuffer(bytes)).toEqual({ text: '# 中文报告\n', encoding: 'gb18030' });
  });

  it('reports Latin-1 and other non-Chinese legacy text as undecodable', () => {
    expect(decodeBuffer(Buffer.from('caf\xe9 au lait\n', 'latin1'))).toEqual({ error: 'undecodable' });
    expect(decodeBuffer(Buffer.from([0x41, 0xff, 0x42]))).toEqual({ error: 'undecodable' });
  });

  it('reports bytes with NULs that are not UTF-16 as binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(decodeBuffer(png)).toEqual({ error: 'binary' });
    // Deterministic pseudo-random bytes, a stand-in for any binary file.
    let seed = 42;
    const noise = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 7 === 0 ? 0 : seed % 256;
    });
    expect(decodeBuffer(noise)).toEqual({ error: 'binary' });
  });

  it('reports text containing NUL characters as binary, even in valid UTF-8 or UTF-16', () => {
    expect(decodeBuffer(Buffer.from('# 报告\n\0\0\0\n', 'utf8'))).toEqual({ error: 'binary' });
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 报告\0\n', 'utf16le')]);
    expect(decodeBuffer(withBom)).toEqual({ error: 'binary' });
  });

  it('reports empty and whitespace-only files as empty, whatever the encoding', () => {
    expect(decodeBuffer(new Uint8Array(0))).toEqual({ error: 'empty' });
    expect(decodeBuffer(Buffer.from(' \n\t\r\n', 'utf8'))).toEqual({ error: 'empty' });
    expect(decodeBuffer(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual({ error: 'empty' });
    expect(decodeBuffer(Buffer.from('\u3000\n', 'utf8'))).toEqual({ error: 'empty' });
    expect(decodeBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('  \n', 'utf16le')]))).toEqual({
      error: 'empty',
    });
  });

  it('reports a UTF-16 BOM followed by an odd number of bytes as undecodable', () => {
    expect(decodeBuffer(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]))).toEqual({ error: 'undecodable' });
  });
});

describe('sniffUtf16', () => {
  it('needs a clear majority of NULs on one side', () => {
    expect(sniffUtf16(Buffer.from('abc', 'utf16le'))).toBe('utf-16le');
    expect(sniffUtf16(Buffer.from([0, 0, 0, 0]))).toBeUndefined();
    expect(sniffUtf16(Buffer.from([0x41, 0, 0x42]))).toBeUndefined();
    // One NUL in a tiny file is binary, not UTF-16 (issue 11).
    expect(sniffUtf16(Buffer.from('# t\n\0\n'))).toBeUndefined();
    expect(decodeBuffer(Buffer.from('# t\n\0\n'))).toEqual({ error: 'binary' });
    expect(decodeBuffer(Buffer.from('# t\n', 'utf16le'))).toEqual({ text: '# t\n', encoding: 'utf-16le' });
    expect(sniffUtf16(Buffer.from('报告报告', 'utf16le'))).toBeUndefined();
  });
});

describe('readReport', () => {
  it('reads and decodes a file', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'report.md');
    await writeFile(file, Buffer.from(REPORT, 'utf16le'));
    expect(await readReport(file)).toEqual({ text: REPORT, encoding: 'utf-16le' });
  });

  it('reads a 5 MB report', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'big.md');
    const line = '| 收到申请 | 12 | 依申请公开 | 政府信息公开 |\n';
    const text = line.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(line)));
    await writeFile(file, text);
    const result = await readReport(file);
    expect('text' in result && result.text.length).toBe(text.length);
  });

  it('refuses files over the size limit without reading them', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'huge.md');
    await writeFile(file, '');
    await truncate(file, MAX_FILE_BYTES + 1); // sparse: takes no disk space
    expect(await readReport(file)).toEqual({
      error: { kind: 'tooLarge', messageId: 'fileTooLarge', data: { size: '50', limit: '50' } },
    });
    const small = path.join(dir, 'small.md');
    await writeFile(small, '# 报告\n'.repeat(100));
    const limited = await readReport(small, { maxBytes: 100 });
    expect('error' in limited && limited.error.kind).toBe('tooLarge');
  });

  it('reports missing files, folders and decode failures as file errors', async () => {
    const dir = await makeTempDir();
    await mkdir(path.join(dir, 'folder.md'));
    await writeFile(path.join(dir, 'empty.md'), '');
    await writeFile(path.join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0, 0]));
    const kind = async (name: string): Promise<string> => {
      const result = await readReport(path.join(dir, name));
      return 'error' in result ? result.error.kind : 'ok';
    };
    expect(await kind('missing.md')).toBe('notFound');
    expect(await kind('folder.md')).toBe('isDirectory');
    expect(await kind('empty.md')).toBe('empty');
    expect(await kind('image.md')).toBe('binary');
  });

  const isRoot = process.getuid?.() === 0;
  (isRoot || process.platform === 'win32' ? it.skip : it)('reports unreadable files as permission denied', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'secret.md');
    await writeFile(file, '# 报告\n', { mode: 0o000 });
    const result = await readReport(file);
    expect('error' in result && result.error.messageId).toBe('filePermissionDenied');
  });
});

describe('fileErrorFromException', () => {
  it('maps errno codes to message ids, keeping unexpected codes', () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    expect(fileErrorFromException(err('EACCES')).messageId).toBe('filePermissionDenied');
    expect(fileErrorFromException(err('EPERM')).messageId).toBe('filePermissionDenied');
    expect(fileErrorFromException(err('ENOENT')).messageId).toBe('fileNotFound');
    expect(fileErrorFromException(err('EISDIR')).messageId).toBe('fileIsDirectory');
    expect(fileErrorFromException(err('EIO'))).toEqual({ kind: 'unreadable', messageId: 'fileUnreadable', data: { code: 'EIO' } });
    expect(fileErrorFromException('weird')).toEqual({ kind: 'unreadable', messageId: 'fileUnreadable', data: { code: 'UNKNOWN' } });
  });
});
