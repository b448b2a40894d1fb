// Hostile and broken input (issue 11): files that would overflow the stack or parse for minutes,
// CR and mixed line endings, numbers beyond 2^53.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { main } from '../src/adapters/cli/main.ts';
import remarkXxgkLint from '../src/adapters/remark/remark.ts';
import { checkBudget, DEFAULT_LIMITS } from '../src/engine/budget.ts';
import { lintText } from '../src/engine/lint.ts';
import { LineIndex } from '../src/reading/text.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const root = process.cwd();
const DEFECTS = readFileSync(path.join(root, 'examples/defects-2024.md'), 'utf8');

const DEEP_QUOTE = `${'>'.repeat(6000)} x\n`;
const DEEP_LIST = `${'- '.repeat(4000)}x\n`;

async function cli(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} });
  return { code, stdout, stderr };
}

describe('the pre-parse budget', () => {
  const shapes: Record<string, string> = {
    'deep block quotes': DEEP_QUOTE,
    'deep lists on one line': DEEP_LIST,
    'deep lists by indentation': Array.from({ length: 60 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n'),
    'quotes and lists mixed': `${'> - '.repeat(30)}x`,
    'a long emphasis run': `${'*'.repeat(10000)}x${'*'.repeat(10000)}`,
    'many emphasis runs': `${'*_'.repeat(6000)}x${'_*'.repeat(6000)}`,
    'nested links': `${'['.repeat(10000)}x${'](y)'.repeat(10000)}`,
    'a row of many cells': `|a|\n|-|\n${'|x'.repeat(5000)}\n`,
    'a table of many rows': `|a|b|\n|-|-|\n${'|1|2|\n'.repeat(3000)}`,
  };
  it.each(Object.entries(shapes))('refuses %s with one fatal message, quickly', (_, text) => {
    // Refused before parsing (no wall-clock assertion: a parse of these would run into jest's timeout).
    const result = lintText(text, { filePath: 'q.md', locale: 'en' });
    expect(result.messages).toEqual([]);
    expect(result.errorCount).toBe(1);
    expect(result.fatal?.message).toMatch(/the file was not linted/);
    expect(lintText(text).fatal?.message).toMatch(/未检查此文件/);
  });

  it('accepts real reports, thematic breaks and moderate nesting', () => {
    for (const text of [
      DEFECTS,
      sampleReport(),
      sampleReport({ form: 'gfm' }),
      sampleReport({ form: 'html' }),
      `${'- '.repeat(500)}\n`,
      `${'*'.repeat(3000)}\n`,
      '> > > - 1. x\n',
      '[a] [b] [[c]]\n',
    ]) {
      expect(checkBudget(text)).toBeUndefined();
    }
  });

  it('names the line and counts \\r\\n, \\r and \\n alike', () => {
    const deep = `${'>'.repeat(50)} x`;
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(checkBudget(`a${eol}b${eol}${deep}`)).toEqual({ messageId: 'fileTooDeep', data: { line: 3, limit: DEFAULT_LIMITS.maxNesting } });
    }
  });

  it('takes its limits as options', () => {
    expect(checkBudget('> > > x', { maxNesting: 2 })?.messageId).toBe('fileTooDeep');
    expect(checkBudget('x'.repeat(11), { maxLength: 10 })?.messageId).toBe('fileTooLong');
    expect(lintText(`${'> '.repeat(45)}x`, { limits: { maxNesting: 100 } }).fatal).toBeUndefined();
  });

  it('reports a stack overflow the budget let through as the file’s fatal message', () => {
    const result = lintText(`${'>'.repeat(30000)} x`, { filePath: 'q.md', locale: 'en', limits: { maxNesting: 1e9 } });
    expect(result.fatal?.messageId).toBe('fileStackOverflow');
    expect(result.messages).toEqual([]);
  });
});

describe('one deep file among others', () => {
  it.each(['json', 'stylish', 'sarif', 'github'])('keeps the other files’ results (-f %s)', async (format) => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'good.md': DEFECTS, 'q.md': DEEP_QUOTE, 'd.md': DEEP_LIST });
    const result = await cli(dir, ['-f', format, '--locale', 'en', 'good.md', 'q.md', 'd.md']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const alone = await cli(dir, ['-f', format, '--locale', 'en', 'good.md']);
    if (format === 'json') {
      const results = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ fatal?: boolean; message: string }> }>;
      const byName = new Map(results.map((r) => [path.basename(r.filePath), r]));
      expect(byName.get('good.md')?.messages).toEqual((JSON.parse(alone.stdout) as typeof results)[0]?.messages);
      for (const name of ['q.md', 'd.md']) {
        expect(byName.get(name)?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/nested too deeply on line 1/) })]);
      }
    } else {
      // Every line of the good file's output is still there.
      for (const line of alone.stdout.split('\n').filter((l) => /\d+:\d+|::/.test(l))) expect(result.stdout).toContain(line.trim());
      expect(result.stdout).toMatch(/nested too deeply/);
    }
  });

  it('the remark plugin gives the deep file one fatal message', async () => {
    const processor = unified().use(remarkParse).use(remarkXxgkLint, { locale: 'en', config: false });
    for (const text of [DEEP_QUOTE, DEEP_LIST]) {
      const file = new VFile({ value: text, path: 'q.md', cwd: root });
      await processor.run(processor.parse(file), file);
      expect(file.messages.map((m) => [m.fatal, m.reason])).toEqual([[true, expect.stringMatching(/nested too deeply/)]]);
    }
    const good = new VFile({ value: DEFECTS, path: 'good.md', cwd: root });
    await processor.run(processor.parse(good), good);
    expect(good.messages.length).toBe(lintText(DEFECTS).messages.length);
  });
});

describe('CR and mixed line endings', () => {
  const findings = (text: string) =>
    lintText(text, { locale: 'en' }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`);
  const reports = {
    sample: sampleReport(),
    'sample (GFM)': sampleReport({ form: 'gfm' }),
    defects: DEFECTS,
    peer: readFileSync(path.join(root, 'test/fixtures/peers/02-shanghai-shizfbgt-2025.md'), 'utf8'),
  };
  it.each(Object.entries(reports))('%s: the same findings at the same positions for \\n, \\r\\n, \\r and a mix', (_, text) => {
    const lf = text.replace(/\r\n?/g, '\n');
    const expected = findings(lf);
    expect(findings(lf.replace(/\n/g, '\r'))).toEqual(expected);
    expect(findings(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
    // Never \r then \n: that pair is one line ending.
    let i = 0;
    expect(findings(lf.replace(/\n/g, () => ['\n', '\r', '\r\n'][i++ % 3] ?? '\n'))).toEqual(expected);
  });

  it('a clean report stays clean with CR line endings', () => {
    expect(findings(sampleReport().replace(/\n/g, '\r'))).toEqual([]);
  });

  it('LineIndex counts lines as an editor does', () => {
    const index = new LineIndex('a\rb\r\nc\nd');
    expect([0, 2, 5, 7].map((o) => index.point(o))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 2, column: 1, offset: 2 },
      { line: 3, column: 1, offset: 5 },
      { line: 4, column: 1, offset: 7 },
    ]);
    expect(index.lineEnd(2)).toBe(3);
    expect(index.lineCount).toBe(4);
  });

  it('directives act on the line an editor shows', () => {
    const lines = sampleReport().replace('本报告依据', '本年度共收到政府信息公开申请27件。本报告依据').split('\n');
    const text = lines.join('\r');
    const shown = lintText(text).messages.filter((m) => m.ruleId === 'narrative-consistency');
    expect(shown.map((m) => lines[m.line - 1])).toEqual([expect.stringContaining('申请27件')]);
    lines.splice((shown[0]?.line ?? 1) - 1, 0, '<!-- xxgk-lint-disable-next-line narrative-consistency -->');
    expect(lintText(lines.join('\r')).messages).toEqual([]);
  });
});

describe('numbers beyond 2^53', () => {
  it('in prose: a finding quoting the digits as written, not an internal error', () => {
    for (const digits of ['9007199254740992', '99999999999999999999']) {
      const text = sampleReport().replace('本报告依据', `本年度共收到政府信息公开申请${digits}件。本报告依据`);
      const result = lintText(text, { locale: 'en' });
      expect(result.fatal).toBeUndefined();
      expect(result.messages.map((m) => `${m.ruleId} ${m.message}`)).toEqual([expect.stringMatching(new RegExp(`^narrative-consistency .*says ${digits},`))]);
    }
  });

  it('in a table cell: a per-cell finding quoting the digits as written', () => {
    const base = sampleReport({ form: 'gfm' });
    const text = base.replace('| 行政规范性文件 | 1 | 0 | 3 |', '| 行政规范性文件 | 99999999999999999999 | 0 | 3 |');
    expect(text).not.toBe(base);
    const result = lintText(text, { locale: 'en' });
    expect(result.fatal).toBeUndefined();
    expect(result.messages.map((m) => `${m.ruleId} ${m.message}`)).toEqual([expect.stringMatching(/^table-structure .*“99999999999999999999”/)]);
    expect(JSON.stringify(result)).not.toContain('100000000000000000000');
  });

  it('in the 条例’s order number: no crash', () => {
    const text = sampleReport().replace('《中华人民共和国政府信息公开条例》', '《中华人民共和国政府信息公开条例》（国务院令第99999999999999999999号）');
    expect(lintText(text).fatal).toBeUndefined();
  });
});

describe('the executable', () => {
  it('exits quietly when the reader of its output goes away (`| head`)', async () => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), '-f', 'sarif', 'examples/defects-2024.md'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reading end is closed before anything is written: every write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).not.toBe(2);
  }, 30_000);
});

describe('npm run fuzz', () => {
  it('a short run over the fixtures finds nothing (seeded, so it is the same run every time)', async () => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/fuzz.mjs'), '--seed', '11', '--rounds', '2', '--batch', '3', '--seconds', '60'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toMatch(/fuzz: 2 rounds, 6 inputs, 0 failing rounds/);
    expect(code).toBe(0);
  }, 120_000);
});
