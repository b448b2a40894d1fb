/**
 * The package as users get it (issue 12 item 3): `npm pack`, installed into an empty folder.
 * Slow (it builds the declarations, packs, then npm installs), so it runs only with XXGK_E2E=1
 * (`.ci/run` sets it). The bundles are the ones the tests' global setup built from these sources
 * with the same script `prepare` runs: packing runs no `prepare` (`--ignore-scripts`), as a second
 * build writing over dist/ would change the files other suites' worker processes are loading.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

const root = path.resolve(import.meta.dirname, '..');
const enabled = process.env.XXGK_E2E === '1';
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });

afterAll(removeTempDirs);

(enabled ? describe : describe.skip)('the packed package, installed in an empty folder', () => {
  let project = '';

  it('packs and installs without runtime dependencies', async () => {
    const packDir = await makeTempDir();
    // `prepare`'s second half; its first (the bundles) is the global setup's.
    execFileSync(process.execPath, [path.join(root, 'scripts/build-types.mjs')], { cwd: root, stdio: 'inherit' });
    npm(['pack', '--ignore-scripts', '--pack-destination', packDir], root);
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    project = await makeTempDir();
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'reports', private: true, type: 'module' }));
    npm(['install', '--no-package-lock', path.join(packDir, tarball ?? '')], project);
    // Only the package itself: everything it runs is bundled.
    expect(readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['xxgk-lint']);
    const files = readdirSync(path.join(project, 'node_modules/xxgk-lint'));
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist', 'schema', 'package.json']));
  }, 240_000);

  it('runs `npx xxgk-lint` on a report', () => {
    copyFileSync(path.join(root, 'examples/clean-2024.md'), path.join(project, 'report.md'));
    const ok = spawnSync('npx', ['--no-install', 'xxgk-lint', '--format', 'json', 'report.md'], { cwd: project, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const results = JSON.parse(ok.stdout) as Array<{ filePath: string; errorCount: number }>;
    expect(results.map((r) => path.basename(r.filePath))).toEqual(['report.md']);
  });

  it('type-checks a TypeScript rule written against the installed declarations', () => {
    writeFileSync(
      path.join(project, 'my-rule.ts'),
      [
        "import { defineRule, definePlugin, RuleTester, lintText, z } from 'xxgk-lint';",
        "import type { Rule, RuleContext, LintResult, ResolvedConfig } from 'xxgk-lint';",
        "import remarkXxgkLint from 'xxgk-lint/remark';",
        'const options = z.object({ minYear: z.number().int().default(2021) }).strict();',
        'export const rule = defineRule({',
        "  meta: { id: 'year-check', description: { 'zh-CN': '年度', en: 'Year' }, rationale: { 'zh-CN': '因为', en: 'Because' },",
        "    defaultSeverity: 'warn', options, messages: { old: { 'zh-CN': '{year}年太早', en: '{year} is too early' } },",
        '    examples: { valid: [], invalid: [] } },',
        '  check(context: RuleContext<z.output<typeof options>>) {',
        '    const year: number | undefined = context.model.year ?? undefined;',
        '    const min: number = context.options.minYear;',
        "    if (year !== undefined && year < min) context.report({ messageId: 'old', data: { year }, at: { start: { line: 1, column: 1 } } });",
        '  },',
        '});',
        "export const plugin = definePlugin({ name: 'mine', rules: [rule as Rule] });",
        "const result: LintResult = lintText('# 报告', { locale: 'en' });",
        'const config: ResolvedConfig | undefined = undefined;',
        'void result; void config; void RuleTester; void remarkXxgkLint;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, types: [] },
        files: ['my-rule.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
