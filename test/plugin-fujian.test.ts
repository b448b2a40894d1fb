/**
 * examples/plugin-fujian works as its README says, on what a fresh clone has: its own tests pass
 * (`npm test`: node:test with RuleTester), its rule fires through the CLI's config
 * (xxgk-lint.config.mjs), through a project that installs it by package name, and through
 * remark-cli. The example is copied to a temporary folder laid out like the repository, with
 * `node_modules/xxgk-lint` linked to this checkout, which is what `npm install` in the example
 * folder makes (its devDependency `xxgk-lint: file:../..`). Everything runs dist/, which the tests' global setup builds from the current sources.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const root = process.cwd();
const CLI = path.join(root, 'dist/cli.js');
const SEEDS = ['000_56a01b3923011b96.md', '001_786e169b628eab26.md', '002_cf474a2a7b651b5a.md', '003_e61fd02df59cf2b0.md', '004_21329a809e184f07.md'];
const RULE = 'fujian/cite-provincial-measures';

let tmp = '';
let plugin = '';

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No NODE_OPTIONS of jest's (--experimental-vm-modules) in the children.
    execFile(command, args, { cwd, env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

type JsonResult = Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; line: number; column: number; message: string }> }>;
const fired = (results: JsonResult) =>
  Object.fromEntries(
    results.map((r) => [path.basename(r.filePath), r.messages.filter((m) => m.ruleId === RULE).map((m) => `${m.line}:${m.column} ${m.severity}`)]),
  );

beforeAll(async () => {
  tmp = await makeTempDir();
  plugin = path.join(tmp, 'examples/plugin-fujian');
  await cp(path.join(root, 'examples/plugin-fujian'), plugin, { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  await cp(path.join(root, 'test/fixtures/seeds'), path.join(tmp, 'test/fixtures/seeds'), { recursive: true });
  await cp(path.join(root, 'examples/clean-2024.md'), path.join(tmp, 'examples/clean-2024.md'));
  await mkdir(path.join(tmp, 'node_modules'), { recursive: true });
  await symlink(root, path.join(tmp, 'node_modules/xxgk-lint'), 'dir');
});

describe('examples/plugin-fujian', () => {
  it('passes its own tests (npm test: node --test)', async () => {
    const result = await run(process.execPath, ['--test'], plugin);
    expect({ code: result.code, out: result.code === 0 ? '' : result.stdout + result.stderr }).toEqual({ code: 0, out: '' });
    expect(result.stdout).toMatch(/# pass 1[0-9]/);
    expect(result.stdout).toMatch(/# fail 0/);
  }, 60_000);

  it('fires through the CLI with its xxgk-lint.config.mjs on the seeds without the citation', async () => {
    const result = await run(process.execPath, [CLI, '-f', 'json', '../../test/fixtures/seeds/'], plugin);
    expect(result.code).toBe(1);
    expect(fired(JSON.parse(result.stdout) as JsonResult)).toEqual({
      [SEEDS[0] as string]: ['7:3 2'],
      [SEEDS[1] as string]: ['3:1 2'],
      [SEEDS[2] as string]: [],
      [SEEDS[3] as string]: ['1:6 2'],
      [SEEDS[4] as string]: [],
    });
    const example = await run(process.execPath, [CLI, '--locale', 'en', '../clean-2024.md'], plugin);
    expect(example.code).toBe(1);
    expect(example.stdout).toContain('The opening does not cite 《福建省政府信息公开办法》');
    expect(example.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  }, 60_000);

  it('is refused with --no-code (exit 2)', async () => {
    const result = await run(process.execPath, [CLI, '--no-code', '--locale', 'en', '../clean-2024.md'], plugin);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('a JavaScript config file runs code, which --no-code does not allow');
  }, 60_000);

  it('loads by package name in a project that installed it (.xxgk-lint.json)', async () => {
    const project = path.join(tmp, 'project');
    await mkdir(path.join(project, 'node_modules'), { recursive: true });
    await symlink(plugin, path.join(project, 'node_modules/xxgk-lint-plugin-fujian'), 'dir');
    await writeFile(path.join(project, '.xxgk-lint.json'), JSON.stringify({ plugins: ['xxgk-lint-plugin-fujian'], rules: { [RULE]: 'warn' } }));
    const result = await run(process.execPath, [CLI, '-f', 'json', '../test/fixtures/seeds/'], project);
    expect(fired(JSON.parse(result.stdout) as JsonResult)[SEEDS[0] as string]).toEqual(['7:3 1']);
    await writeFile(
      path.join(project, 'typo.json'),
      JSON.stringify({ plugins: ['xxgk-lint-plugin-fujan'], rules: { 'fujian/cite-provincial-measure': 'warn' } }),
    );
    const typo = await run(process.execPath, [CLI, '--locale', 'en', '--config', 'typo.json', '../test/fixtures/seeds/'], project);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('plugins[0]  cannot find the plugin package "xxgk-lint-plugin-fujan"');
    expect(typo.stderr).toContain('rules.fujian/cite-provincial-measure  unknown rule: no plugin named "fujian" is loaded');
  }, 60_000);

  it('fires through remark-cli too, which reads the same config file', async () => {
    const result = await run(
      path.join(root, 'node_modules/.bin/remark'),
      ['--no-config', '--no-stdout', '--use', 'xxgk-lint/remark', '../clean-2024.md'],
      plugin,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(RULE);
  }, 60_000);
});
