/**
 * The built package in child processes: the CLI bundle reading a real pipe, Node's own loader
 * refusing a rule file, and the package's self-reference to its bundles. They run the files the
 * tests' global setup builds into dist/, so they belong to `npm run test:e2e`; `npm test` tests the
 * source the bundles are built from (the CLI's --stdin and --fix in cli-fix-stdin.test.ts, the
 * rule-file messages in config-formats.test.ts, package resolution in plugins.test.ts).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolvePackage } from '../src/engine/plugins.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const root = path.resolve(import.meta.dirname, '..');

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; fix?: { range: [number, number]; text: string } }[];
}

// From test/cli-fix-stdin.test.ts.
describe('the built CLI reads a real pipe (the README’s commands)', () => {
  const cli = path.join(root, 'dist/cli.js');
  const defects = path.join(root, 'examples/defects-2024.md');

  it('`xxgk-lint -` and `--stdin --fix` on a pipe', async () => {
    const input = await readFile(defects);
    const lint = spawnSync(process.execPath, [cli, '-', '--stdin-filename', 'examples/defects-2024.md', '-f', 'json'], {
      input,
      cwd: root,
      encoding: 'utf8',
    });
    expect(lint.status).toBe(1);
    const [result] = JSON.parse(lint.stdout) as JsonResult[];
    expect(result?.filePath).toBe(defects);
    expect(result?.messages.some((m) => m.ruleId === 'statistical-period' && m.fix)).toBe(true);
    const fixed = spawnSync(process.execPath, [cli, '--stdin', '--fix'], { input, cwd: root, encoding: 'utf8' });
    // The period's year and the header the template fixes (本年度止件数 → 本年废止件数).
    expect(fixed.stdout).toBe(
      input
        .toString('utf8')
        .replace('统计期限自2023年1月1日起至2023年12月31日止', '统计期限自2024年1月1日起至2024年12月31日止')
        .replace('本年度止件数', '本年废止件数'),
    );
    expect(fixed.stderr).toContain('fee-statement');
    expect(fixed.status).toBe(1);
  });
});

// From test/config-formats.test.ts.
describe('a ruleFiles .js file in a CommonJS package', () => {
  // Through the built CLI in a child process: jest's own module loader would not fail as Node does.
  it('is reported with the fix: rename it to .mjs', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'package.json': '{ "name": "reports" }',
      'my-rule.js': "export default { meta: { id: 'x' }, check() {} };\n",
      '.xxgk-lint.json': '{ "ruleFiles": ["my-rule.js"] }',
      'a.md': '# 报告\n',
    });
    const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), '--locale', 'en', 'a.md'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    // Node versions that detect ES module syntax (22.12, 20.19 and later) load the file anyway,
    // with their MODULE_TYPELESS_PACKAGE_JSON warning; older ones fail, and we name the fix.
    if (!run.stderr.includes('MODULE_TYPELESS_PACKAGE_JSON')) {
      expect(run.stderr).toContain(
        '! ruleFiles[0]  the rule file "my-rule.js" is an ES module (import/export) in a CommonJS package (no "type": "module" in package.json): rename it to .mjs',
      );
    }
  });
});

// From test/rule-tester.test.ts.
describe("import { defineRule, RuleTester, definePlugin, z, sampleReport } from 'xxgk-lint'", () => {
  it('works at runtime from dist/index.js (package self-reference)', () => {
    const script = [
      "const api = await import('xxgk-lint');",
      "const names = ['defineRule', 'definePlugin', 'RuleTester', 'z', 'sampleReport', 'lintText', 'loadConfig', 'resolveConfig', 'builtinRules'];",
      'console.log(JSON.stringify(names.filter((n) => api[n] === undefined)));',
      "const remark = await import('xxgk-lint/remark');",
      'console.log(typeof remark.default);',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
      encoding: 'utf8',
    });
    expect(out).toBe('[]\nfunction\n');
  });
});

// From test/plugins.test.ts: the package's own entry points are files of the build.
describe('resolvePackage', () => {
  it('resolves this package by self-reference, through its exports', () => {
    expect(resolvePackage('xxgk-lint/remark', root)).toBe(path.join(root, 'dist/remark.js'));
    expect(resolvePackage('xxgk-lint', path.join(root, 'test'))).toBe(path.join(root, 'dist/index.js'));
    expect(resolvePackage('xxgk-lint/nothing', root)).toBeUndefined();
  });
});
