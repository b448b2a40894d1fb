/**
 * The real remark-cli with our plugin (`remark --use xxgk-lint/remark`), as a child process, agrees
 * with our CLI on the examples and on every corpus report: same rules, lines, columns, messages,
 * and fatal exactly for errors.
 *
 * remark-cli loads the plugin through this package's `exports` (`xxgk-lint/remark` →
 * dist/remark.js, by self-reference); the tests' global setup builds it from the current sources.
 *
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';

const root = process.cwd();
const REMARK = path.join(root, 'node_modules/.bin/remark');
const REPORTER = './test/helpers/vfile-json-reporter.mjs';

const corpus = ['seeds', 'peers'].flatMap((dir) =>
  readdirSync(path.join(root, 'test/fixtures', dir))
    .filter((f) => /\.(md|txt)$/.test(f) && f !== 'SOURCES.md')
    .sort()
    .map((f) => `test/fixtures/${dir}/${f}`),
);

interface RemarkMessage {
  ruleId: string | null;
  source: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  fatal: boolean | null;
  url: string | null;
  expected: string[] | null;
  reason: string;
}

function remark(args: string[]): Promise<{ code: number; files: Array<{ path: string; messages: RemarkMessage[] }>; stderr: string }> {
  return new Promise((resolve, reject) => {
    // --no-config: no .remarkrc of anyone's; --no-stdout: report only, do not print the documents.
    execFile(
      REMARK,
      ['--no-config', '--no-stdout', '--no-color', '--report', REPORTER, ...args],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          resolve({ code, files: JSON.parse(stderr) as Array<{ path: string; messages: RemarkMessage[] }>, stderr });
        } catch {
          reject(new Error(`remark-cli exited with ${code}:\n${stderr}`));
        }
      },
    );
  });
}

async function cli(args: string[]) {
  let stdout = '';
  const code = await main(['-f', 'json', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: root, env: {} });
  const results = JSON.parse(stdout) as Array<{
    filePath: string;
    messages: CliMessage[];
  }>;
  return { code, results };
}

// A finding with a fix or suggestions carries them as `expected` (editors' quick fixes), and its
// range then covers every edit: its end is not compared (test/remark.test.ts checks those ranges).
const fromRemark = (m: RemarkMessage) =>
  `${m.line}:${m.column}-${m.expected ? '…' : `${m.endLine}:${m.endColumn}`} ${m.fatal ? 'error' : 'warn'} ${m.ruleId} ${m.reason}`;
type CliMessage = {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: unknown;
  suggestions?: unknown;
};
const fromCli = (m: CliMessage) =>
  `${m.line}:${m.column}-${m.fix || m.suggestions ? '…' : `${m.endLine}:${m.endColumn}`} ${m.severity === 2 ? 'error' : 'warn'} ${m.ruleId} ${m.message}`;

describe('remark --use xxgk-lint/remark', () => {
  it('is built: dist/remark.js exists (the global setup builds it)', () => {
    expect(existsSync(path.join(root, 'dist/remark.js'))).toBe(true);
  });

  it('reports what xxgk-lint reports on examples/ and the corpus', async () => {
    const args = ['examples/', ...corpus];
    const [fromRemarkCli, fromOurCli] = await Promise.all([remark(['--use', 'xxgk-lint/remark', ...args]), cli(args)]);
    expect(fromOurCli.code).toBe(1);
    // Errors are fatal messages, so remark-cli fails too.
    expect(fromRemarkCli.code).toBe(1);
    const byPath = new Map(fromRemarkCli.files.map((f) => [path.resolve(root, f.path), f.messages]));
    expect(fromOurCli.results.length).toBe(corpus.length + 2);
    let compared = 0;
    for (const result of fromOurCli.results) {
      const theirs = byPath.get(result.filePath);
      expect({ file: result.filePath, linted: theirs !== undefined }).toEqual({ file: result.filePath, linted: true });
      expect({ file: result.filePath, messages: (theirs ?? []).map(fromRemark) }).toEqual({ file: result.filePath, messages: result.messages.map(fromCli) });
      compared += result.messages.length;
      for (const m of theirs ?? []) {
        expect(m.source).toBe('xxgk-lint');
        expect(m.url).toBe(`https://github.com/xxgk-lint/xxgk-lint/blob/main/docs/rules/${m.ruleId}.md`);
      }
    }
    // One finding per cause keeps the corpus at some 80 findings; enough to compare.
    expect(compared).toBeGreaterThan(50);
    // remark-cli also finds the READMEs under examples/; the project's .xxgk-lint.json ignores
    // them, and the plugin reads it as the CLI does.
    for (const file of fromRemarkCli.files.filter((f) => f.path.endsWith('README.md')))
      expect({ file: file.path, messages: file.messages }).toEqual({ file: file.path, messages: [] });
  }, 120_000);

  it('exits with 0 on a clean report, and takes options from --use', async () => {
    const clean = await remark(['--use', 'xxgk-lint/remark', 'examples/clean-2024.md']);
    expect(clean).toMatchObject({ code: 0, files: [{ path: 'examples/clean-2024.md', messages: [] }] });
    // Options as remark-cli passes them: `--use 'plugin=options'` (JSON5).
    const en = await remark(['--use', 'xxgk-lint/remark=locale:"en",rules:{"table-sums":"off","fee-statement":"warn"}', 'examples/defects-2024.md']);
    const ids = en.files[0]?.messages.map((m) => `${m.ruleId}:${m.fatal}`);
    expect(ids).not.toContain('table-sums:true');
    expect(ids).toContain('fee-statement:false');
    expect(en.files[0]?.messages[0]?.reason).toMatch(/^The statistical period/);
  }, 60_000);
});
