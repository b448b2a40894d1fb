import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import type { CliDeps } from '../src/adapters/cli/main.ts';
import type { Rule } from '../src/rule.ts';
import { fakeRules } from './helpers/fake-rules.ts';
import { markerRules } from './helpers/marker-rules.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const CLEAN = '# 某区2024年政府信息公开工作年度报告\n\n一、总体情况\n';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The texts the engine was given, by file name. */
  linted: Record<string, string>;
}

/** Runs the CLI in-process; with `fake: true` on the marker rules instead of the built-in ones. */
async function run(cwd: string, argv: string[], options: { fake?: boolean; env?: Record<string, string>; isTTY?: boolean; deps?: CliDeps } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const linted: Record<string, string> = {};
  const deps: CliDeps = { ...options.deps };
  if (options.fake) {
    // The texts the rules read, by file name (check sees the text, checkSet the file, in file order).
    const sources: string[] = [];
    deps.rules = markerRules({
      checked: (source) => sources.push(source),
      finished: (filePath) => (linted[path.basename(filePath)] = sources[Object.keys(linted).length] as string),
    });
  }
  const code = await main(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s), isTTY: options.isTTY ?? false },
      stderr: { write: (s: string) => (stderr += s) },
      cwd,
      env: options.env ?? {},
    },
    deps,
  );
  return { code, stdout, stderr, linted };
}

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await makeTempDir();
  await writeTree(root, files);
  return root;
}

describe('help and version', () => {
  it('prints help in Chinese by default and in English with --locale en', async () => {
    const root = await project({});
    const zh = await run(root, ['--help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^用法：xxgk-lint/);
    expect(zh.stdout).toContain('--max-warnings');
    const en = await run(root, ['-h', '--locale', 'en']);
    expect(en.stdout).toMatch(/^Usage: xxgk-lint/);
    expect(en.stdout).toContain('Exit codes:');
  });

  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const { code, stdout } = await run(await project({}), ['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${pkg.version}\n`);
  });
});

describe('usage errors exit with 2, without a stack', () => {
  it('rejects unknown options, naming them, in the chosen language', async () => {
    const root = await project({ 'a.md': CLEAN });
    const zh = await run(root, ['--bogus']);
    expect(zh).toMatchObject({ code: 2, stdout: '' });
    expect(zh.stderr).toBe('xxgk-lint: 未知选项：--bogus\n运行 xxgk-lint --help 查看用法\n');
    const en = await run(root, ['--locale=en', '-x']);
    expect(en.stderr).toContain('Unknown option: -x');
  });

  it('rejects a bad --format, --locale or --max-warnings value', async () => {
    const root = await project({ 'a.md': CLEAN });
    const format = await run(root, ['--format', 'xml', '--locale', 'en']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Invalid value "xml" for --format; allowed values: stylish, json, sarif, github');
    const locale = await run(root, ['--locale', 'fr']);
    expect(locale.code).toBe(2);
    expect(locale.stderr).toContain('--locale');
    const count = await run(root, ['--max-warnings', 'many']);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('“many”');
    const missing = await run(root, ['--format']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('选项 --format 需要一个值');
  });

  it('accepts zh as a locale', async () => {
    const root = await project({});
    expect((await run(root, ['--locale', 'zh', '--help'])).stdout).toMatch(/^用法/);
  });
});

describe('paths', () => {
  it('names a path that matches nothing and still lints the others (exit 1)', async () => {
    const root = await project({ 'a.md': CLEAN });
    const result = await run(root, ['missing.md', 'a.md'], { fake: true });
    expect(result.stderr).toBe('xxgk-lint: 找不到与“missing.md”匹配的文件\n');
    expect(Object.keys(result.linted)).toEqual(['a.md']);
    expect(result.code).toBe(1);
  });

  it('exits with 2 when no file at all was found', async () => {
    const root = await project({ 'notes.txt': 'x' });
    const result = await run(root, ['--locale', 'en'], { fake: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('xxgk-lint: No .md files were found in the folder "."\nxxgk-lint: No files to lint\n');
    const glob = await run(root, ['reports/**/*.md']);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain('reports/**/*.md');
  });

  it('lints folders recursively by default', async () => {
    const root = await project({ 'a.md': CLEAN, 'sub/b.md': CLEAN, 'sub/c.txt': CLEAN });
    const result = await run(root, [], { fake: true });
    expect(result.code).toBe(0);
    expect(Object.keys(result.linted).sort()).toEqual(['a.md', 'b.md']);
  });
});

describe('file problems', () => {
  it('reports empty and binary files as named fatal errors and lints the other files (exit 1)', async () => {
    const root = await project({
      'a.md': CLEAN,
      'empty.md': '',
      'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'z.md': CLEAN,
    });
    const result = await run(root, [], { fake: true });
    expect(result.code).toBe(1);
    expect(Object.keys(result.linted).sort()).toEqual(['a.md', 'z.md']);
    expect(result.stdout).toContain('empty.md\n  1:1  错误  文件为空');
    expect(result.stdout).toContain('image.md\n  1:1  错误  文件不是文本文件（含有二进制内容）');
    expect(result.stdout).toContain('✖ 2 个问题（2 个错误，0 个警告）');
  });

  it('reports file problems in English with --locale en, also in JSON', async () => {
    const root = await project({ 'empty.md': '  \n' });
    const result = await run(root, ['--locale', 'en', '--format', 'json'], { fake: true });
    expect(result.code).toBe(1);
    const [file] = JSON.parse(result.stdout) as { filePath: string; messages: unknown[]; fatalErrorCount: number }[];
    expect(file?.filePath).toBe(path.join(root, 'empty.md'));
    expect(file?.messages).toEqual([{ ruleId: null, fatal: true, severity: 2, message: 'The file is empty', line: 1, column: 1 }]);
    expect(file?.fatalErrorCount).toBe(1);
  });

  it('gives the engine decoded text for GB18030 files', async () => {
    // Not a report by its content: the config makes it one, so that the rules read it.
    const root = await project({ '.xxgk-lint.json': '{"reports": ["*.md"]}', 'gbk.md': Buffer.from([0x23, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]) });
    const result = await run(root, ['gbk.md'], { fake: true });
    expect(result.linted['gbk.md']).toBe('# 中文\n');
  });
});

describe('exit codes and output options', () => {
  it('runs the real engine: exit 0 with no output, or 1 with findings for the file', async () => {
    const root = await project({ 'a.md': CLEAN });
    const result = await run(root, ['a.md']);
    // Whatever the built-in rules find in this short report, the run itself must not fail.
    expect(result.stderr).toBe('');
    if (result.code === 0) expect(result.stdout).toBe('');
    else {
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('a.md');
    }
  });

  it('exits with 1 when there are errors', async () => {
    const root = await project({ 'a.md': `${CLEAN}ERROR here\n` });
    const result = await run(root, [], { fake: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a.md\n  4:1  错误  fake error  table-sums');
  });

  it('exits with 0 on warnings alone, unless there are more than --max-warnings', async () => {
    const root = await project({ 'a.md': `${CLEAN}WARN\nWARN\n` });
    expect((await run(root, [], { fake: true })).code).toBe(0);
    expect((await run(root, ['--max-warnings', '2'], { fake: true })).code).toBe(0);
    const over = await run(root, ['--max-warnings', '1', '--locale', 'en'], { fake: true });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('xxgk-lint found too many warnings (maximum: 1)\n');
  });

  it('--quiet hides warnings but not errors; warnings still count for --max-warnings', async () => {
    const root = await project({ 'a.md': `${CLEAN}WARN\nERROR\n`, 'b.md': `${CLEAN}WARN\n` });
    const quiet = await run(root, ['--quiet', '--locale', 'en'], { fake: true });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain('fake error');
    expect(quiet.stdout).not.toContain('fake warn');
    expect(quiet.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');

    const root2 = await project({ 'b.md': `${CLEAN}WARN\n` });
    const onlyWarnings = await run(root2, ['--quiet'], { fake: true });
    expect(onlyWarnings).toMatchObject({ code: 0, stdout: '' });
    expect((await run(root2, ['--quiet', '--max-warnings', '0'], { fake: true })).code).toBe(1);
  });

  it('writes English messages with --locale en', async () => {
    const root = await project({ 'a.md': `${CLEAN}ERROR\n` });
    const result = await run(root, ['--locale', 'en'], { fake: true });
    expect(result.stdout).toContain('  4:1  error  fake error  table-sums');
    expect(result.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('formats as requested', async () => {
    const root = await project({ 'a.md': `${CLEAN}ERROR\n` });
    const github = await run(root, ['-f', 'github'], { fake: true });
    expect(github.stdout).toBe('::error file=a.md,line=4,col=1,endLine=4,endColumn=6,title=table-sums::fake error\n');
    const sarif = await run(root, ['--format=sarif'], { fake: true });
    expect(JSON.parse(sarif.stdout)).toMatchObject({ version: '2.1.0', runs: [{ results: [{ ruleId: 'table-sums' }] }] });
  });

  it('--output-file: a failed write leaves no partial file, and a device is written to, not replaced', async () => {
    const root = await project({ 'a.md': `${CLEAN}ERROR\n`, 'out.json/keep': '' });
    const failed = await run(root, ['--format', 'json', '--output-file', 'out.json'], { fake: true });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/out\.json/);
    expect((await readdir(root)).sort()).toEqual(['a.md', 'out.json']);
    expect(await readdir(path.join(root, 'out.json'))).toEqual(['keep']);
    const written = await run(root, ['--format', 'json', '--output-file', '/dev/null'], { fake: true });
    expect(written.code).toBe(1);
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
  });

  it('writes to --output-file instead of stdout', async () => {
    const root = await project({ 'a.md': `${CLEAN}ERROR\n` });
    const result = await run(root, ['--format', 'json', '--output-file', 'out/report.json'], { fake: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const written = JSON.parse(await readFile(path.join(root, 'out', 'report.json'), 'utf8')) as unknown[];
    expect(written).toHaveLength(1);
  });

  it('reports an output file that cannot be written, with exit 2', async () => {
    const root = await project({ 'a.md': CLEAN, 'taken.txt': 'x' });
    // A file where a folder is needed: mkdir fails for every user, root included.
    const result = await run(root, ['--locale', 'en', '-o', 'taken.txt/out.json'], { fake: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^xxgk-lint: Cannot write the output file "taken\.txt\/out\.json": E[A-Z]+\n$/);
  });

  it('colours stylish output only on a TTY without NO_COLOR', async () => {
    const root = await project({ 'a.md': `${CLEAN}ERROR\n` });
    expect((await run(root, [], { fake: true, isTTY: true })).stdout).toContain('\u001b[');
    expect((await run(root, [], { fake: true, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(root, [], { fake: true, isTTY: false })).stdout).not.toContain('\u001b[');
  });
});

describe('configuration', () => {
  it('applies .xxgk-lint.json: rules off and ignores', async () => {
    const root = await project({
      '.xxgk-lint.json': JSON.stringify({ rules: { 'fee-statement': 'off' }, ignores: ['drafts/'] }),
      'a.md': `${CLEAN}WARN\nERROR\n`,
      'drafts/b.md': `${CLEAN}ERROR\n`,
    });
    const result = await run(root, ['--locale', 'en'], { fake: true });
    expect(result.code).toBe(1);
    expect(Object.keys(result.linted)).toEqual(['a.md']);
    expect(result.stdout).toContain('fake error');
    expect(result.stdout).not.toContain('fake warn');
  });

  it('prints every config problem and exits with 2', async () => {
    const root = await project({
      '.xxgk-lint.json': JSON.stringify({ rules: { 'table-sum': 'error', 'table-sums': ['error', { tolerance: 'x' }] } }),
      'a.md': CLEAN,
    });
    const result = await run(root, ['--locale', 'en'], { fake: true });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `xxgk-lint: Invalid configuration in ${path.join(root, '.xxgk-lint.json')}:`,
        '  ! rules.table-sum  unknown rule; did you mean table-sums?',
        '  ! rules.table-sums[1].tolerance  Invalid input: expected number, received string',
        '',
      ].join('\n'),
    );
  });

  it('reads --config FILE', async () => {
    const root = await project({ 'conf.json': '{"ignores":["a.md"]}', 'a.md': CLEAN, 'b.md': CLEAN });
    const result = await run(root, ['--config', 'conf.json'], { fake: true });
    expect(Object.keys(result.linted)).toEqual(['b.md']);
    expect((await run(root, ['--config', 'nope.json'], { fake: true })).code).toBe(2);
  });
});

describe('internal errors', () => {
  // A rule object that fails where the engine, not the rule's own code, touches it: an engine failure.
  const broken = {
    ...fakeRules[0],
    get check(): never {
      throw new Error('boom');
    },
  } as unknown as Rule;
  const boom: CliDeps = { rules: [broken] };

  it('prints one line naming the file and exits with 2', async () => {
    const root = await project({ 'a.md': CLEAN });
    const result = await run(root, [], { deps: boom });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`xxgk-lint: internal error: ${path.join(root, 'a.md')}: boom\n`);
  });

  it('prints the stack with DEBUG=xxgk-lint', async () => {
    const root = await project({ 'a.md': CLEAN });
    const result = await run(root, [], { deps: boom, env: { DEBUG: 'xxgk-lint' } });
    expect(result.code).toBe(2);
    // DEBUG also names the config used (none here), before the stack.
    expect(result.stderr).toMatch(/^xxgk-lint: config: \(none: defaults\)\nError: .*boom\n\s+at /);
  });
});
