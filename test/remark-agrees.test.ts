/**
 * The remark plugin agrees with the CLI on files that are not plain UTF-8 reports (issue 12
 * item 5), and the editor setup the README shows (a `.remarkrc` naming `xxgk-lint/remark`, as the
 * VS Code remark extension reads it) reports the findings (item 6). Runs the real remark-cli.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { main } from '../src/adapters/cli/main.ts';
import remarkXxgkLint from '../src/adapters/remark/remark.ts';

const root = process.cwd();
const REMARK = path.join(root, 'node_modules/.bin/remark');
const REPORTER = path.join(root, 'test/helpers/vfile-json-reporter.mjs');
const ENC = 'test/fixtures/encodings';

interface RemarkMessage {
  ruleId: string | null;
  line: number | null;
  column: number | null;
  fatal: boolean | null;
  reason: string;
}
type RemarkFile = { path: string; messages: RemarkMessage[] };

function remark(args: string[], cwd = root): Promise<{ code: number; files: RemarkFile[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      REMARK,
      ['--no-stdout', '--no-color', '--report', REPORTER, ...args],
      { cwd, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          resolve({ code, files: JSON.parse(stderr) as RemarkFile[] });
        } catch {
          reject(new Error(`remark-cli exited with ${code}:\n${stderr}`));
        }
      },
    );
  });
}

async function cli(args: string[]) {
  let stdout = '';
  await main(['-f', 'json', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: root, env: {} });
  return JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; message: string }> }>;
}

describe('remark-cli with xxgk-lint/remark on other encodings, empty and binary files', () => {
  it('gives what the CLI gives: GBK and UTF-16 decoded, one fatal message for empty and binary files', async () => {
    const files = ['defects-2024.gbk.md', 'defects-2024.utf16le.md', 'empty.md', 'binary.md'].map((f) => `${ENC}/${f}`);
    const [theirs, ours] = await Promise.all([remark(['--no-config', '--use', 'xxgk-lint/remark', ...files]), cli(files)]);
    expect(theirs.code).toBe(1);
    const byPath = new Map(theirs.files.map((f) => [path.resolve(root, f.path), f.messages]));
    for (const result of ours) {
      // ESLint's JSON shape: a file's fatal error is its one message, with ruleId null.
      const fatal = result.messages.length === 1 && result.messages[0]?.ruleId === null;
      const expected = result.messages.map((m) => (fatal ? `fatal ${m.message}` : `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
      const got = (byPath.get(result.filePath) ?? []).map((m) =>
        fatal ? `${m.fatal ? 'fatal' : 'not fatal'} ${m.reason}` : `${m.line}:${m.column} ${m.ruleId} ${m.reason}`,
      );
      expect({ file: path.basename(result.filePath), got }).toEqual({ file: path.basename(result.filePath), got: expected });
    }
    // The same five planted defects (one finding per cause) as the UTF-8 original, not mojibake findings.
    expect(ours.find((r) => r.filePath.endsWith('gbk.md'))?.messages).toHaveLength(5);
  }, 60_000);

  it('reports text that was decoded wrongly upstream (U+FFFD) as one fatal encoding message', async () => {
    const file = new VFile({ path: 'x.md', value: '# 2024年\uFFFD\uFFFD报告\n\n正文' });
    const processor = unified().use(remarkParse).use(remarkXxgkLint, { config: false, locale: 'en' });
    await processor.run(processor.parse(file), file);
    expect(file.messages.map((m) => `${String(m.fatal)} ${m.reason}`)).toEqual(['true The file encoding is not recognised: save it as UTF-8']);
  });
});

describe('the editor setup: .remarkrc with xxgk-lint/remark', () => {
  // Inside the project (git-ignored tmp/), so that `xxgk-lint/remark` resolves as in a user's project.
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, 'tmp', 'remarkrc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes remark-cli (and so the remark language server) report the findings', async () => {
    writeFileSync(path.join(dir, '.remarkrc.json'), JSON.stringify({ plugins: [['xxgk-lint/remark', { locale: 'en' }]] }, null, 2));
    copyFileSync(path.join(root, 'examples/defects-2024.md'), path.join(dir, 'report.md'));
    const { code, files } = await remark(['report.md'], dir);
    expect(code).toBe(1);
    const ours = await cli([path.join(dir, 'report.md'), '--locale', 'en']);
    expect(files[0]?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual(
      ours[0]?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
    expect(files[0]?.messages.length).toBeGreaterThan(0);
  }, 60_000);
});
