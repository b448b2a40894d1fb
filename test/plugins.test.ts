// Plugins and custom rules: plugin objects, JavaScript configs, plugins named by package, rule
// files, --no-code, and the precise messages for every mistake.
import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ConfigError, loadConfig, resolveConfig } from '../src/engine/config.ts';
import { lintText } from '../src/engine/lint.ts';
import { main } from '../src/adapters/cli/main.ts';
import { definePlugin, resolvePackage } from '../src/engine/plugins.ts';
import { defineRule } from '../src/rule.ts';
import type { Rule } from '../src/rule.ts';
import { builtinRules } from '../rules/index.ts';
import { fakeRules } from './helpers/fake-rules.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const root = process.cwd();
const API = pathToFileURL(path.join(root, 'src/index.ts')).href;

const flagBad = defineRule({
  meta: {
    id: 'flag-bad',
    description: { 'zh-CN': '不写 BAD', en: 'No BAD' },
    rationale: { 'zh-CN': '测试用', en: 'for tests' },
    defaultSeverity: 'warn',
    options: z.object({ word: z.string().default('BAD') }).strict(),
    messages: { found: { 'zh-CN': '出现了 {word}', en: 'found {word}' } },
    examples: { valid: [{ code: 'ok' }], invalid: [{ code: 'BAD', errors: ['found'] }] },
  },
  check(context) {
    const at = context.source.indexOf(context.options.word);
    if (at >= 0) context.report({ messageId: 'found', data: { word: context.options.word }, at: { start: { line: 1, column: at + 1 } } });
  },
});
const demo = definePlugin({ name: 'demo', rules: [flagBad as Rule] });

/** The problems of a config, as printed lines. */
async function problems(run: () => unknown): Promise<string[]> {
  try {
    await run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}  ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** A module that default-exports one rule, importing the API from this repository's sources. */
const ruleModule = (id: string) => `import { defineRule, z } from '${API}';
export default defineRule({
  meta: {
    id: '${id}',
    description: { 'zh-CN': '不写 ${id}', en: 'No ${id}' },
    rationale: { 'zh-CN': '测试用', en: 'for tests' },
    defaultSeverity: 'error',
    options: z.object({}),
    messages: { found: { 'zh-CN': '出现了 ${id}', en: 'found ${id}' } },
    examples: { valid: [], invalid: [] },
  },
  check(context) {
    const at = context.source.indexOf('${id.toUpperCase()}');
    if (at >= 0) context.report({ messageId: 'found', at: { start: { line: 1, column: at + 1 } } });
  },
});
`;
const pluginModule = (name: string) => `import { definePlugin } from '${API}';
import rule from './rule.mjs';
export default definePlugin({ name: '${name}', rules: [rule], url: 'https://example.org/${name}' });
`;

describe('definePlugin and plugin objects in resolveConfig', () => {
  it('prefixes the rules with the plugin name; they are configured and run like built-in ones', () => {
    const { config } = resolveConfig({ plugins: [demo], rules: { 'demo/flag-bad': ['error', { word: 'WRONG' }] } }, builtinRules);
    expect(config.pluginRules?.map((r) => r.meta.id)).toEqual(['demo/flag-bad']);
    expect(config.rules['demo/flag-bad']).toEqual({ severity: 2, options: { word: 'WRONG' } });
    // The built-in rules keep their defaults.
    expect(config.rules['table-sums']?.severity).toBe(2);
    const result = lintText('# x\n\nsomething WRONG here\n', { config, locale: 'en', classify: 'report' });
    expect(result.messages.filter((m) => m.ruleId.startsWith('demo/'))).toEqual([
      expect.objectContaining({ ruleId: 'demo/flag-bad', messageId: 'found', message: 'found WRONG', severity: 2 }),
    ]);
    // The plugin's own rule object is untouched.
    expect(flagBad.meta.id).toBe('flag-bad');
  });

  it('runs plugin rules at their default severity when the config does not name them', () => {
    const { config } = resolveConfig({ plugins: [demo] }, builtinRules);
    expect(lintText('BAD', { config, classify: 'report' }).messages.find((m) => m.ruleId === 'demo/flag-bad')?.severity).toBe(1);
  });

  it('rejects bad names in definePlugin', () => {
    expect(() => definePlugin({ name: 'Fujian', rules: [] })).toThrow(/kebab-case/);
    expect(() => definePlugin({ name: 'local', rules: [] })).toThrow(/reserved/);
    expect(() => definePlugin({ name: 'x', rules: [flagBad as Rule, flagBad as Rule] })).toThrow(/defined twice/);
  });

  it('names unknown plugin rules precisely', async () => {
    expect(
      await problems(() => resolveConfig({ plugins: [demo], rules: { 'demo/flag-bd': 'error', 'fujian/x': 'warn', 'local/y': 'warn' } }, fakeRules)),
    ).toEqual([
      'rules.demo/flag-bd  unknown rule; did you mean demo/flag-bad?',
      'rules.fujian/x  unknown rule: no plugin named "fujian" is loaded (add it to plugins)',
      'rules.local/y  unknown rule: local/ rules come from the ruleFiles, and none of them defines this one',
    ]);
    expect(await problems(() => resolveConfig({ plugins: [demo], rules: { 'demo/flag-bad': ['error', { word: 3 }] } }, fakeRules))).toEqual([
      'rules.demo/flag-bad[1].word  Invalid input: expected string, received number',
    ]);
  });

  it('checks every plugin and rule, with the path to fix', async () => {
    const noEnglish = { ...flagBad, meta: { ...flagBad.meta, description: { 'zh-CN': '只有中文' } } };
    const noDefaults = { ...flagBad, meta: { ...flagBad.meta, id: 'no-defaults', options: z.object({ n: z.number() }) } };
    const placeholders = { ...flagBad, meta: { ...flagBad.meta, id: 'placeholders', messages: { found: { 'zh-CN': '出现 {word}', en: 'found it' } } } };
    const unknownExample = {
      ...flagBad,
      meta: { ...flagBad.meta, id: 'unknown-example', examples: { valid: [], invalid: [{ code: 'x', errors: ['nope'] }] } },
    };
    const listed = await problems(() =>
      resolveConfig(
        {
          plugins: [
            42,
            { rules: [] },
            flagBad,
            { name: 'local', rules: [] },
            { name: 'a', rules: [noEnglish, noDefaults, placeholders, unknownExample, { meta: { id: 'Bad Id' }, check: 1 }] },
            { name: 'b', rules: [flagBad, flagBad] },
            demo,
            demo,
          ],
        },
        fakeRules,
      ),
    );
    expect(listed).toEqual([
      'plugins[0]  expected a plugin object (definePlugin) or a package name; received 42',
      'plugins[1].name  Invalid input: expected string, received undefined',
      'plugins[2]  this is a rule, not a plugin: put it in a plugin’s rules (definePlugin({ name, rules: [...] })) or list its file in ruleFiles',
      'plugins[3].name  the plugin name "local" is reserved for the rules of ruleFiles',
      'plugins[4].rules[0].meta.description.en  Invalid input: expected string, received undefined',
      'plugins[4].rules[1].meta.options  the options schema must give every field a default (schema.parse({}) must succeed)',
      'plugins[4].rules[2].meta.messages.found  the two locales use different placeholders: zh-CN has word, en has —',
      'plugins[4].rules[3].meta.examples.invalid[0].errors  unknown message id "nope"',
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.id {2}must be kebab-case/),
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.description /),
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.rationale /),
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.defaultSeverity /),
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.options /),
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.messages /),
      expect.stringMatching(/^plugins\[4\]\.rules\[4\]\.meta\.examples /),
      'plugins[4].rules[4].check  must be a function',
      'plugins[5].rules[1].meta.id  the rule b/flag-bad is defined twice (also at plugins[5].rules[0])',
      'plugins[7].name  a plugin named "demo" is already loaded (plugins[6])',
    ]);
  });

  it('leaves package names and rule files to loadConfig, and refuses them without code', async () => {
    expect(await problems(() => resolveConfig({ plugins: ['xxgk-lint-plugin-x'], ruleFiles: ['r.js'] }, fakeRules))).toEqual([
      'plugins[0]  the plugin package "xxgk-lint-plugin-x" must be loaded by loadConfig or resolveConfigFrom; resolveConfig takes plugin objects only',
      'ruleFiles[0]  the rule file "r.js" must be loaded by loadConfig or resolveConfigFrom',
    ]);
    expect(
      await problems(() => resolveConfig({ plugins: ['xxgk-lint-plugin-x'], ruleFiles: ['r.js'] }, fakeRules, { allowCode: false, locale: 'zh-CN' })),
    ).toEqual(['plugins[0]  插件“xxgk-lint-plugin-x”会执行代码，--no-code 不允许加载', 'ruleFiles[0]  规则文件“r.js”会执行代码，--no-code 不允许加载']);
  });
});

describe('loadConfig: JavaScript configs, packages and rule files', () => {
  it('finds xxgk-lint.config.mjs upwards and takes plugin objects from it', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'plugin/rule.mjs': ruleModule('shout'),
      'plugin/index.mjs': pluginModule('mine'),
      'xxgk-lint.config.mjs': `import mine from './plugin/index.mjs';\nexport default { plugins: [mine], rules: { 'mine/shout': 'warn' }, ignores: ['old/'] };\n`,
      'reports/2024/.keep': '',
    });
    const loaded = await loadConfig({ cwd: path.join(dir, 'reports/2024'), rules: builtinRules });
    expect(loaded.filePath).toBe(path.join(dir, 'xxgk-lint.config.mjs'));
    expect(loaded.ignores).toEqual(['old/']);
    expect(loaded.config.rules['mine/shout']?.severity).toBe(1);
    expect(lintText('SHOUT', { config: loaded.config, classify: 'report' }).messages.find((m) => m.ruleId === 'mine/shout')?.message).toBe('出现了 shout');
  });

  it('refuses a JavaScript config without code, and two config files in one folder', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'xxgk-lint.config.js': 'export default {};\n', 'sub/.xxgk-lint.json': '{}', 'sub/xxgk-lint.config.mjs': 'export default {};\n' });
    expect(await problems(() => loadConfig({ cwd: dir, rules: builtinRules, allowCode: false }))).toEqual([
      '  a JavaScript config file runs code, which --no-code does not allow; use .xxgk-lint.json instead',
    ]);
    expect(await problems(() => loadConfig({ cwd: dir, configPath: 'xxgk-lint.config.js', rules: builtinRules, allowCode: false }))).toHaveLength(1);
    expect(await problems(() => loadConfig({ cwd: path.join(dir, 'sub'), rules: builtinRules }))).toEqual([
      '  more than one config file in the same folder (xxgk-lint.config.mjs, .xxgk-lint.json); keep one',
    ]);
  });

  it('reports a JavaScript config that fails to load or has no default export', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'broken.mjs': 'export default {\n', 'named.mjs': 'export const rules = {};\n', 'throws.mjs': "throw new TypeError('boom');\n" });
    expect((await problems(() => loadConfig({ cwd: dir, configPath: 'broken.mjs', rules: builtinRules })))[0]).toMatch(
      /^ {2}the config file failed to load: SyntaxError/,
    );
    expect(await problems(() => loadConfig({ cwd: dir, configPath: 'named.mjs', rules: builtinRules }))).toEqual([
      '  the config file must `export default` the config object',
    ]);
    expect(await problems(() => loadConfig({ cwd: dir, configPath: 'throws.mjs', rules: builtinRules }))).toEqual([
      '  the config file failed to load: TypeError: boom',
    ]);
  });

  it('loads plugins by package name from the config folder, as Node resolves ES modules', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'node_modules/xxgk-lint-plugin-demo/package.json': JSON.stringify({
        name: 'xxgk-lint-plugin-demo',
        type: 'module',
        exports: { '.': { require: './missing.cjs', import: './index.mjs' } },
      }),
      'node_modules/xxgk-lint-plugin-demo/index.mjs': pluginModule('demo'),
      'node_modules/xxgk-lint-plugin-demo/rule.mjs': ruleModule('demo-rule'),
      'node_modules/@org/xxgk-lint-plugin-old/package.json': JSON.stringify({ name: '@org/xxgk-lint-plugin-old', main: 'lib/main.mjs' }),
      'node_modules/@org/xxgk-lint-plugin-old/lib/main.mjs': pluginModule('old'),
      'node_modules/@org/xxgk-lint-plugin-old/lib/rule.mjs': ruleModule('old-rule'),
      'project/.xxgk-lint.json': JSON.stringify({ plugins: ['xxgk-lint-plugin-demo', '@org/xxgk-lint-plugin-old'], rules: { 'old/old-rule': 'warn' } }),
    });
    const loaded = await loadConfig({ cwd: path.join(dir, 'project'), rules: builtinRules });
    expect(loaded.config.pluginRules?.map((r) => r.meta.id)).toEqual(['demo/demo-rule', 'old/old-rule']);
    const found = lintText('DEMO-RULE OLD-RULE', { config: loaded.config, classify: 'report' }).messages.filter((m) => m.ruleId.includes('/'));
    expect(found.map((m) => `${m.ruleId} ${m.severity}`)).toEqual(['demo/demo-rule 2', 'old/old-rule 1']);
    expect(found[0]?.column).toBe(1);
  });

  it('names a plugin that is not installed, fails to load or is not a package name; and refuses all without code', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'node_modules/xxgk-lint-plugin-throws/package.json': JSON.stringify({ name: 'xxgk-lint-plugin-throws', exports: './index.mjs' }),
      'node_modules/xxgk-lint-plugin-throws/index.mjs': "throw new Error('cannot start');\n",
      '.xxgk-lint.json': JSON.stringify({
        plugins: ['xxgk-lint-plugin-fujan', 'xxgk-lint-plugin-throws', 'Not A Name', './missing-plugin.mjs'],
        ruleFiles: ['rules/none.mjs'],
      }),
    });
    expect(await problems(() => loadConfig({ cwd: dir, rules: builtinRules }))).toEqual([
      `plugins[0]  cannot find the plugin package "xxgk-lint-plugin-fujan" from ${dir}; install it: npm install --save-dev xxgk-lint-plugin-fujan`,
      'plugins[1]  the plugin "xxgk-lint-plugin-throws" failed to load: cannot start',
      'plugins[2]  "Not A Name" is not a valid package name; write local files as paths starting with ./',
      `plugins[3]  the file ${path.join(dir, 'missing-plugin.mjs')} does not exist`,
      `ruleFiles[0]  the file ${path.join(dir, 'rules/none.mjs')} does not exist`,
    ]);
    expect(await problems(() => loadConfig({ cwd: dir, rules: builtinRules, allowCode: false }))).toEqual([
      'plugins[0]  the plugin "xxgk-lint-plugin-fujan" runs code, which --no-code does not allow',
      'plugins[1]  the plugin "xxgk-lint-plugin-throws" runs code, which --no-code does not allow',
      'plugins[2]  the plugin "Not A Name" runs code, which --no-code does not allow',
      'plugins[3]  the plugin "./missing-plugin.mjs" runs code, which --no-code does not allow',
      'ruleFiles[0]  the rule file "rules/none.mjs" runs code, which --no-code does not allow',
    ]);
  });

  it('loads ruleFiles (one rule or an array) as local/<id>, relative to the config file', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'rules/one.mjs': ruleModule('one'),
      'rules/two.mjs': ruleModule('two'),
      'rules/both.mjs': `import one from './one.mjs';\nimport two from './two.mjs';\nexport default [one, two];\n`,
      'rules/nothing.mjs': 'export default 42;\n',
      'ok/.xxgk-lint.json': JSON.stringify({ ruleFiles: ['../rules/one.mjs', '../rules/two.mjs'], rules: { 'local/two': 'warn' } }),
      'twice/.xxgk-lint.json': JSON.stringify({ ruleFiles: ['../rules/one.mjs', '../rules/both.mjs', '../rules/nothing.mjs'] }),
    });
    const loaded = await loadConfig({ cwd: path.join(dir, 'ok'), rules: builtinRules });
    expect(loaded.config.pluginRules?.map((r) => r.meta.id)).toEqual(['local/one', 'local/two']);
    expect(loaded.config.rules['local/two']?.severity).toBe(1);
    expect(await problems(() => loadConfig({ cwd: path.join(dir, 'twice'), rules: builtinRules }))).toEqual([
      'ruleFiles[2]  the rule file "../rules/nothing.mjs" must `export default` a rule (defineRule) or an array of rules',
      'ruleFiles[1][0].meta.id  the rule local/one is defined twice (also at ruleFiles[0])',
    ]);
  });
});

describe('resolvePackage', () => {
  it('follows exports patterns and conditions, and main', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'node_modules/p/package.json': JSON.stringify({ name: 'p', exports: { '.': [{ node: { import: './n.mjs' } }], './rules/*': './src/*.mjs' } }),
      'node_modules/p/n.mjs': '',
      'node_modules/p/src/a.mjs': '',
      'node_modules/q/package.json': JSON.stringify({ name: 'q' }),
      'node_modules/q/index.js': '',
    });
    expect(resolvePackage('p', dir)).toBe(path.join(dir, 'node_modules/p/n.mjs'));
    expect(resolvePackage('p/rules/a', path.join(dir, 'deep'))).toBe(path.join(dir, 'node_modules/p/src/a.mjs'));
    expect(resolvePackage('q', dir)).toBe(path.join(dir, 'node_modules/q/index.js'));
    expect(resolvePackage('r', dir)).toBeUndefined();
  });
});

describe('the CLI', () => {
  async function run(cwd: string, argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} });
    return { code, stdout, stderr };
  }

  it('runs plugin rules from a JavaScript config, and names them in every format', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'plugin/rule.mjs': ruleModule('shout'),
      'plugin/index.mjs': pluginModule('mine'),
      // a.md is no report by its content: the config says it is one (reports).
      'xxgk-lint.config.mjs': `import mine from './plugin/index.mjs';\nexport default { plugins: [mine], rules: { 'mine/shout': 'error' }, reports: ['*.md'] };\n`,
      'a.md': '# SHOUT\n',
    });
    const json = await run(dir, ['-f', 'json', 'a.md']);
    expect(json.code).toBe(1);
    const [file] = JSON.parse(json.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(file?.messages.find((m) => m.ruleId === 'mine/shout')).toMatchObject({ line: 1, column: 3 });
    const sarif = JSON.parse((await run(dir, ['-f', 'sarif', 'a.md'])).stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }>;
    };
    const descriptor = sarif.runs[0]?.tool.driver.rules.find((r) => r.id === 'mine/shout');
    // The plugin rule has no url of its own; it does not borrow a built-in rule's page.
    expect(descriptor).toMatchObject({ id: 'mine/shout' });
    expect(descriptor?.helpUri).toBeUndefined();
  });

  it('--no-code refuses the JavaScript config with exit 2 and a clear message', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'xxgk-lint.config.mjs': "throw new Error('must not run');\n", 'a.md': '# x\n' });
    const result = await run(dir, ['--no-code', '--locale', 'en']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `xxgk-lint: Invalid configuration in ${path.join(dir, 'xxgk-lint.config.mjs')}:\n  ! a JavaScript config file runs code, which --no-code does not allow; use .xxgk-lint.json instead\n`,
    );
    const bad = await run(dir, []);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must not run');
  });
});
