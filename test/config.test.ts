import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, closeMatches, defaultConfig, findConfigFile, loadConfig, resolveConfig } from '../src/engine/config.ts';
import { fakeRules } from './helpers/fake-rules.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/** The problems resolveConfig reports, as printed lines. */
function problemsOf(raw: unknown, locale: 'en' | 'zh-CN' = 'en'): string[] {
  try {
    resolveConfig(raw, fakeRules, { locale });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}  ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('defaultConfig', () => {
  it('sets every rule to its default severity and default options', () => {
    expect(defaultConfig(fakeRules)).toEqual({
      rules: {
        'fee-statement': { severity: 1, options: { mode: 'loose' } },
        'table-structure': { severity: 1, options: {} },
        'table-sums': { severity: 2, options: { tolerance: 0, skipColumns: [] } },
      },
    });
  });
});

describe('resolveConfig', () => {
  it('returns the defaults for an empty config', () => {
    expect(resolveConfig({}, fakeRules)).toEqual({ config: defaultConfig(fakeRules), ignores: [], reports: [], notReports: [] });
  });

  it('accepts off, warn and error, as words or numbers', () => {
    const { config } = resolveConfig({ rules: { 'table-sums': 'off', 'table-structure': 'error', 'fee-statement': 1 } }, fakeRules);
    expect(config.rules['table-sums']?.severity).toBe(0);
    expect(config.rules['table-structure']?.severity).toBe(2);
    expect(config.rules['fee-statement']?.severity).toBe(1);
    // A plain severity keeps the default options.
    expect(config.rules['table-sums']?.options).toEqual({ tolerance: 0, skipColumns: [] });
  });

  it('parses tuple options with the rule schema, filling defaults', () => {
    const { config } = resolveConfig({ rules: { 'table-sums': ['warn', { tolerance: 0.5 }], 'fee-statement': ['error'] } }, fakeRules);
    expect(config.rules['table-sums']).toEqual({ severity: 1, options: { tolerance: 0.5, skipColumns: [] } });
    expect(config.rules['fee-statement']).toEqual({ severity: 2, options: { mode: 'loose' } });
  });

  it('returns ignores', () => {
    expect(resolveConfig({ ignores: ['drafts/**'] }, fakeRules).ignores).toEqual(['drafts/**']);
  });

  it('names an unknown rule and suggests close ids', () => {
    expect(problemsOf({ rules: { 'table-sum': 'error' } })).toEqual(['rules.table-sum  unknown rule; did you mean table-sums?']);
    expect(problemsOf({ rules: { 'table-sum': 'error' } }, 'zh-CN')).toEqual(['rules.table-sum  未知规则；您是否想写 table-sums？']);
    expect(problemsOf({ rules: { xyz: 'error' } })).toEqual(['rules.xyz  unknown rule; known rules: fee-statement, table-structure, table-sums']);
  });

  it("reports bad options with their path and zod's message", () => {
    expect(problemsOf({ rules: { 'table-sums': ['error', { tolerance: 'x' }] } })).toEqual([
      'rules.table-sums[1].tolerance  Invalid input: expected number, received string',
    ]);
    expect(problemsOf({ rules: { 'table-sums': ['error', { skipColumns: ['a', 3] }] } })).toEqual([
      'rules.table-sums[1].skipColumns[1]  Invalid input: expected string, received number',
    ]);
    // zod's own translations in Chinese.
    expect(problemsOf({ rules: { 'table-sums': ['error', { tolerance: 'x' }] } }, 'zh-CN')[0]).toMatch(/^rules\.table-sums\[1\]\.tolerance {2}无效输入/);
  });

  it('reports bad severities and tuples', () => {
    expect(problemsOf({ rules: { 'table-sums': 'warning' } })).toEqual([
      'rules.table-sums  Expected "off", "warn", "error" (or 0, 1, 2), or ["warn", {…options}]; received "warning"',
    ]);
    expect(problemsOf({ rules: { 'table-sums': ['error', {}, 1] } })).toEqual([
      'rules.table-sums  The array form is [severity] or [severity, options]; received 3 elements',
    ]);
    expect(problemsOf({ rules: { 'table-sums': [3] } })[0]).toMatch(/^rules\.table-sums\[0\] {2}Expected "off"/);
  });

  it('reports unknown top-level keys, with a suggestion when one is close', () => {
    expect(problemsOf({ rule: {}, extends: 'x' })).toEqual([
      'rule  unknown key; did you mean rules, ruleFiles?',
      'extends  unknown key; allowed keys: root, rules, overrides, ignores, extensions, plugins, ruleFiles, reports, notReports, agencies, linterOptions, $schema',
    ]);
  });

  it('still checks the rules when a top-level key is wrong', () => {
    expect(problemsOf({ rules: { 'table-sum': 'warn' }, ignore: [] })).toEqual([
      'ignore  unknown key; did you mean ignores?',
      'rules.table-sum  unknown rule; did you mean table-sums?',
    ]);
  });

  it('reports wrong types of top-level values', () => {
    expect(problemsOf({ ignores: 'drafts' })).toEqual(['ignores  Invalid input: expected array, received string']);
    expect(problemsOf([])).toEqual(['  The configuration must be a JSON object']);
  });

  it('collects every problem in one error, formatted like Astro', () => {
    let error: unknown;
    try {
      resolveConfig({ rules: { 'table-sum': 'error', 'table-sums': ['error', { tolerance: 'x' }] } }, fakeRules, {
        filePath: '/p/.xxgk-lint.json',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      [
        'Invalid configuration in /p/.xxgk-lint.json:',
        '  ! rules.table-sum  unknown rule; did you mean table-sums?',
        '  ! rules.table-sums[1].tolerance  Invalid input: expected number, received string',
      ].join('\n'),
    );
  });
});

describe('closeMatches', () => {
  it('finds ids within a small edit distance or containing the name', () => {
    const ids = ['table-sums', 'table-structure', 'fee-statement'];
    expect(closeMatches('table-sum', ids)).toEqual(['table-sums']);
    expect(closeMatches('sums', ids)).toEqual(['table-sums']);
    expect(closeMatches('contact', ids)).toEqual([]);
  });
});

describe('loadConfig', () => {
  it('stops looking at the repository root (a folder with .git, a folder or a file)', async () => {
    for (const git of [{ '.git/HEAD': 'ref: refs/heads/main\n' }, { '.git': 'gitdir: /elsewhere\n' }]) {
      const root = await makeTempDir();
      await writeTree(root, {
        [CONFIG_FILE_NAME]: JSON.stringify({ rules: { 'table-sums': 'off' } }),
        'xxgk-lint.config.mjs': "throw new Error('ran');\n",
        ...Object.fromEntries(Object.entries(git).map(([k, v]) => [`repo/${k}`, v])),
        'repo/docs/.keep': '',
      });
      const cwd = path.join(root, 'repo', 'docs');
      expect(await findConfigFile(cwd)).toBeUndefined();
      const loaded = await loadConfig({ cwd, rules: fakeRules });
      expect(loaded.filePath).toBeUndefined();
      expect(loaded.config.rules['table-sums']?.severity).not.toBe(0);
    }
  });

  it('finds .xxgk-lint.json in the working directory or a folder above', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      [CONFIG_FILE_NAME]: JSON.stringify({ rules: { 'table-sums': 'off' }, ignores: ['old/'] }),
      'a/b/.keep': '',
    });
    const cwd = path.join(root, 'a', 'b');
    expect(await findConfigFile(cwd)).toBe(path.join(root, CONFIG_FILE_NAME));
    const loaded = await loadConfig({ cwd, rules: fakeRules });
    expect(loaded.filePath).toBe(path.join(root, CONFIG_FILE_NAME));
    expect(loaded.baseDir).toBe(root);
    expect(loaded.ignores).toEqual(['old/']);
    expect(loaded.config.rules['table-sums']?.severity).toBe(0);
  });

  it('uses the defaults when there is no config file', async () => {
    const root = await makeTempDir();
    const loaded = await loadConfig({ cwd: root, rules: fakeRules });
    // Other tests' temp folders have no config, but a stray one above tmp would change this.
    if (loaded.filePath === undefined) expect(loaded.config).toEqual(defaultConfig(fakeRules));
    else expect(path.dirname(loaded.filePath).startsWith(root)).toBe(false);
  });

  it('reads an explicit --config file relative to cwd', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'cfg/lint.json': '\uFEFF{"rules":{"fee-statement":"error"}}' });
    const loaded = await loadConfig({ cwd: root, configPath: 'cfg/lint.json', rules: fakeRules });
    expect(loaded.config.rules['fee-statement']?.severity).toBe(2);
    expect(loaded.baseDir).toBe(path.join(root, 'cfg'));
  });

  it('reports a missing explicit file and invalid JSON as ConfigError naming the file', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'bad.json': '{ "rules": ' });
    await expect(loadConfig({ cwd: root, configPath: 'nope.json', rules: fakeRules })).rejects.toThrow(
      /nope\.json:\n {2}! The configuration file does not exist/,
    );
    await expect(loadConfig({ cwd: root, configPath: 'bad.json', rules: fakeRules, locale: 'zh-CN' })).rejects.toThrow(
      /配置文件 .*bad\.json 有误：\n {2}! 1:12 {2}不是有效的 JSON：/,
    );
  });
});
