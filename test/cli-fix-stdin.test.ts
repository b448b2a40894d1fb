// The CLI's --fix, --fix-dry-run and --stdin (ESLint's names and behaviour), with the real rules.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../src/adapters/cli/main.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const good = sampleReport();
const wrongYear = sampleReport({ replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] });
// Fixable (period year) and not fixable (fee statement missing: a suggestion only).
const mixed = sampleReport({ part6: '暂无。', replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] });

interface Run {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

async function run(cwd: string, argv: string[], stdin?: string | Uint8Array): Promise<Run> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string | Uint8Array) => out.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s)) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
    stdin: Readable.from(stdin === undefined ? [] : [typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : Buffer.from(stdin)]),
  });
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr };
}

interface JsonResult {
  filePath: string;
  output?: string;
  fixableErrorCount: number;
  messages: {
    ruleId: string;
    messageId: string;
    fix?: { range: [number, number]; text: string };
    suggestions?: { desc: string; messageId?: string; fix: { range: [number, number]; text: string } }[];
  }[];
}

describe('--fix', () => {
  it('writes the fixed file and reports only what is left', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': mixed, 'clean.md': good });
    const result = await run(dir, ['--fix', '--format', 'json', '.']);
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(sampleReport({ part6: '暂无。' }));
    expect(await readFile(path.join(dir, 'clean.md'), 'utf8')).toBe(good);
    const [a] = (JSON.parse(result.stdout) as JsonResult[]).filter((r) => r.filePath.endsWith('a.md'));
    expect(a?.messages.map((m) => m.ruleId)).toEqual(['fee-statement']);
    expect(a?.output).toBe(sampleReport({ part6: '暂无。' }));
    expect(result.code).toBe(1);
  });

  it('exits 0 when fixing left nothing, and keeps CRLF line endings and the BOM', async () => {
    const dir = await makeTempDir();
    const crlf = `\uFEFF${wrongYear.replace(/\n/g, '\r\n')}`;
    await writeTree(dir, { 'a.md': crlf });
    const result = await run(dir, ['--fix', 'a.md']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(`\uFEFF${good.replace(/\n/g, '\r\n')}`);
  });

  it('writes a UTF-16 file back in UTF-16', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': Buffer.from(`\uFEFF${wrongYear}`, 'utf16le') });
    expect((await run(dir, ['--fix', 'a.md'])).code).toBe(0);
    expect(await readFile(path.join(dir, 'a.md'))).toEqual(Buffer.from(`\uFEFF${good}`, 'utf16le'));
  });

  it('does not rewrite a GB18030 file, and says why', async () => {
    const dir = await makeTempDir();
    const bytes = toGb18030(wrongYear);
    await writeTree(dir, { 'a.md': bytes });
    const result = await run(dir, ['--fix', '--locale', 'en', 'a.md']);
    expect(result.stderr).toContain('a.md: the file is encoded as GB18030; --fix does not rewrite it');
    expect(result.stdout).toContain('statistical-period');
    expect(result.code).toBe(1);
    expect(await readFile(path.join(dir, 'a.md'))).toEqual(bytes);
  });

  it('--fix and --fix-dry-run together are refused', async () => {
    const result = await run(await makeTempDir(), ['--fix', '--fix-dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--fix 和 --fix-dry-run 不能同时使用');
  });
});

describe('--fix-dry-run', () => {
  it('leaves the file alone and puts the fixed text in the JSON output', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': wrongYear });
    const result = await run(dir, ['--fix-dry-run', '-f', 'json', 'a.md']);
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(wrongYear);
    const [a] = JSON.parse(result.stdout) as JsonResult[];
    expect(a?.output).toBe(good);
    expect(a?.messages).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('stylish output', () => {
  it('says how many problems --fix would fix, as ESLint does', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': mixed, 'b.md': sampleReport({ part6: '暂无。' }) });
    expect((await run(dir, ['--locale', 'en', '.'])).stdout).toContain(
      '✖ 3 problems (3 errors, 0 warnings)\n  1 error and 0 warnings potentially fixable with the `--fix` option.\n',
    );
    expect((await run(dir, ['b.md'])).stdout).not.toContain('--fix');
  });
});

describe('JSON output without --fix', () => {
  it('carries fix and suggestions in ESLint’s shape, and counts the fixable problems', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': mixed });
    const [a] = JSON.parse((await run(dir, ['-f', 'json', 'a.md'])).stdout) as JsonResult[];
    expect(a?.output).toBeUndefined();
    expect(a?.fixableErrorCount).toBe(1);
    const period = a?.messages.find((m) => m.ruleId === 'statistical-period');
    expect(period?.fix).toEqual({
      range: [mixed.indexOf('2023年1月1日'), mixed.indexOf('2023年12月31日止') + '2023年12月31日止'.length],
      text: '2024年1月1日起至2024年12月31日止',
    });
    const fee = a?.messages.find((m) => m.ruleId === 'fee-statement');
    expect(fee?.fix).toBeUndefined();
    expect(fee?.suggestions).toEqual([
      {
        desc: '在第六部分末尾加上“2024年度本单位未收取信息处理费。”（仅当本年度确未收费）',
        messageId: 'addNoFees',
        fix: { range: [mixed.indexOf('暂无。') + 3, mixed.indexOf('暂无。') + 3], text: '\n\n2024年度本单位未收取信息处理费。' },
      },
    ]);
  });
});

describe('--stdin', () => {
  it('lints standard input, named by --stdin-filename', async () => {
    const dir = await makeTempDir();
    const result = await run(dir, ['--stdin', '--stdin-filename', 'reports/a.md', '-f', 'json'], wrongYear);
    const [a] = JSON.parse(result.stdout) as JsonResult[];
    expect(a?.filePath).toBe(path.join(dir, 'reports/a.md'));
    expect(a?.messages.map((m) => m.messageId)).toEqual(['wrongYear']);
    expect(result.code).toBe(1);
  });

  it('`-` is standard input too, named <stdin> without --stdin-filename', async () => {
    const result = await run(await makeTempDir(), ['-', '--locale', 'en'], good);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const bad = await run(await makeTempDir(), ['-', '-f', 'json'], wrongYear);
    expect((JSON.parse(bad.stdout) as JsonResult[])[0]?.filePath).toBe('<stdin>');
  });

  it('decodes standard input as files are (UTF-16 with a BOM, GB18030)', async () => {
    const utf16 = await run(await makeTempDir(), ['--stdin', '-f', 'json'], Buffer.from(`\uFEFF${wrongYear}`, 'utf16le'));
    expect((JSON.parse(utf16.stdout) as JsonResult[])[0]?.messages.map((m) => m.messageId)).toEqual(['wrongYear']);
    const gb = await run(await makeTempDir(), ['--stdin', '-f', 'json'], toGb18030(wrongYear));
    expect((JSON.parse(gb.stdout) as JsonResult[])[0]?.messages.map((m) => m.messageId)).toEqual(['wrongYear']);
  });

  it('empty input is that input’s fatal error', async () => {
    const result = await run(await makeTempDir(), ['--stdin', '--locale', 'en'], '');
    expect(result.stdout).toContain('The file is empty');
    expect(result.code).toBe(1);
  });

  it('with --fix prints the fixed text to stdout and the findings left to stderr', async () => {
    const result = await run(await makeTempDir(), ['--stdin', '--fix', '--locale', 'en'], mixed);
    expect(result.stdout).toBe(sampleReport({ part6: '暂无。' }));
    expect(result.stderr).toContain('fee-statement');
    expect(result.stderr).not.toContain('statistical-period');
    expect(result.code).toBe(1);
    const clean = await run(await makeTempDir(), ['--stdin', '--fix'], good);
    expect(clean).toMatchObject({ code: 0, stdout: good, stderr: '' });
  });

  it('with --fix keeps UTF-16, and echoes GB18030 input unchanged with a notice', async () => {
    const utf16 = await run(await makeTempDir(), ['--stdin', '--fix'], Buffer.from(`\uFEFF${wrongYear}`, 'utf16le'));
    expect(utf16.stdoutBytes).toEqual(Buffer.from(`\uFEFF${good}`, 'utf16le'));
    const bytes = toGb18030(wrongYear);
    const gb = await run(await makeTempDir(), ['--stdin', '--fix', '--locale', 'en'], bytes);
    expect(gb.stdoutBytes).toEqual(Buffer.from(bytes));
    expect(gb.stderr).toContain('<stdin>: the file is encoded as GB18030');
  });

  it('with --fix-dry-run reports as for files (JSON output field)', async () => {
    const result = await run(await makeTempDir(), ['--stdin', '--fix-dry-run', '-f', 'json'], wrongYear);
    expect((JSON.parse(result.stdout) as JsonResult[])[0]?.output).toBe(good);
  });

  it('refuses paths besides standard input, and --stdin-filename without it', async () => {
    const dir = await makeTempDir();
    const both = await run(dir, ['--stdin', 'a.md']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('使用 --stdin（或 -）时不能再指定文件路径：a.md');
    const alone = await run(dir, ['--stdin-filename', 'a.md', '--locale', 'en']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--stdin-filename can only be used with --stdin (or -)');
  });
});

/**
 * GB18030 bytes for a text: Node decodes GB18030 but has no encoder, so this inverts the decoder
 * for the characters used (every CJK character is a two-byte code in GBK's range).
 */
function toGb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      out.push(...code);
    }
  }
  return Uint8Array.from(out);
}
