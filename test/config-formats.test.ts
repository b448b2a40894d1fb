/** Config file formats (issue 12 item 4): JSONC, the package.json key, the JSON Schema, strict option content. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../rules/index.ts';
import { Ajv } from 'ajv';
import { CONFIG_KEYS, CONFIG_SCHEMA_PATH, ConfigError, configJsonSchema, loadConfig, parseJsonConfig, resolveConfig } from '../src/engine/config.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

async function problems(files: Record<string, string>, locale: 'en' | 'zh-CN' = 'en'): Promise<string[]> {
  const root = await makeTempDir();
  await writeTree(root, files);
  try {
    await loadConfig({ cwd: root, rules: builtinRules, locale });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}  ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('JSONC config files', () => {
  it('accepts comments and trailing commas in .xxgk-lint.json', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.xxgk-lint.json': '{\n  // 本单位不公开联系方式\n  "rules": { "contact-info": "off", /* 以后再开 */ },\n  "ignores": ["drafts/",],\n}\n',
    });
    const loaded = await loadConfig({ cwd: root, rules: builtinRules });
    expect(loaded.config.rules['contact-info']?.severity).toBe(0);
    expect(loaded.ignores).toEqual(['drafts/']);
  });

  it('reads .xxgk-lint.jsonc', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.xxgk-lint.jsonc': '// c\n{ "rules": { "citations": "error" } }' });
    const loaded = await loadConfig({ cwd: root, rules: builtinRules });
    expect(loaded.filePath).toBe(path.join(root, '.xxgk-lint.jsonc'));
    expect(loaded.config.rules.citations?.severity).toBe(2);
  });

  it('names the line and column of a syntax error', async () => {
    expect(await problems({ '.xxgk-lint.json': '{\n  "rules": {\n    "citations": "off"\n    "contact-info": "off"\n  }\n}\n' })).toEqual([
      '4:5  Not valid JSON: CommaExpected',
    ]);
    const zh = await problems({ '.xxgk-lint.json': '{ "rules": ' }, 'zh-CN');
    expect(zh).toHaveLength(1);
    expect(zh[0]).toMatch(/^1:12 {2}不是有效的 JSON：/);
  });
});

describe('the xxgk-lint key of package.json', () => {
  it('is the config when present', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'package.json': JSON.stringify({ name: 'reports', 'xxgk-lint': { rules: { 'report-title': 'off' } } }) });
    const loaded = await loadConfig({ cwd: path.join(root), rules: builtinRules });
    expect(loaded.filePath).toBe(path.join(root, 'package.json'));
    expect(loaded.config.rules['report-title']?.severity).toBe(0);
  });

  it('is passed over without the key: the config of a folder above applies', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.xxgk-lint.json': '{ "rules": { "citations": "off" } }',
      'sub/package.json': '{ "name": "sub" }',
    });
    const loaded = await loadConfig({ cwd: path.join(root, 'sub'), rules: builtinRules });
    expect(loaded.filePath).toBe(path.join(root, '.xxgk-lint.json'));
  });

  it('validates the key like any config', async () => {
    expect(await problems({ 'package.json': JSON.stringify({ 'xxgk-lint': { rulez: {} } }) })).toEqual(['rulez  unknown key; did you mean rules?']);
  });

  it('with a config file beside it is ambiguous', async () => {
    const found = await problems({ 'package.json': JSON.stringify({ 'xxgk-lint': {} }), '.xxgk-lint.json': '{}' });
    expect(found.join('\n')).toMatch(/\.xxgk-lint\.json, package\.json/);
  });
});

describe('option content is validated', () => {
  const bad = (rules: Record<string, unknown>): string[] => {
    try {
      resolveConfig({ rules }, builtinRules, { locale: 'en' });
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => p.path);
      throw err;
    }
    return [];
  };

  it.each(['00-00', '13-01', '02-30', '04-31', '1-31', '01-31 '])('rejects the deadline %j', (value) => {
    expect(bad({ 'signature-date': ['warn', { departmentDeadline: value }] })).toEqual(['rules.signature-date[1].departmentDeadline']);
  });

  it.each(['01-31', '02-29', '12-31', '06-30'])('accepts the deadline %j', (value) => {
    expect(bad({ 'signature-date': ['warn', { governmentDeadline: value }] })).toEqual([]);
  });

  it('rejects years that cannot be report years', () => {
    expect(
      bad({
        'fee-statement': ['warn', { fromYear: 21 }],
        'overview-topics': ['warn', { fromYear: 2021.5 }],
        'table-structure': ['warn', { newFormatFrom: 20210 }],
      }),
    ).toEqual(['rules.fee-statement[1].fromYear', 'rules.overview-topics[1].fromYear', 'rules.table-structure[1].newFormatFrom']);
  });
});

describe('the JSON Schema', () => {
  const schema = configJsonSchema(builtinRules) as {
    properties: { rules: { properties: Record<string, { anyOf: Array<{ items?: Array<Record<string, unknown>> }> }> } };
  };

  it('is shipped up to date (npm run docs writes it)', () => {
    const shipped: unknown = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', CONFIG_SCHEMA_PATH), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it('lists every rule, with its options and their constraints', () => {
    const rules = schema.properties.rules.properties;
    expect(Object.keys(rules).sort()).toEqual(builtinRules.map((r) => r.meta.id).sort());
    const options = rules['signature-date']?.anyOf[1]?.items?.[1] as { properties: Record<string, { pattern: string; default: string }> };
    const deadline = options.properties.departmentDeadline;
    expect(deadline?.default).toBe('01-31');
    const pattern = new RegExp(deadline?.pattern ?? '');
    expect(['01-31', '02-29'].map((v) => pattern.test(v))).toEqual([true, true]);
    expect(['00-00', '02-30'].map((v) => pattern.test(v))).toEqual([false, false]);
  });
});

describe('the JSON Schema and the documentation', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(configJsonSchema(builtinRules));
  const problemsOf = (config: unknown): string[] => (validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

  it('has every key the config accepts', () => {
    const schema = configJsonSchema(builtinRules) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('accepts every example config of the README, docs/cli.md and docs/config.md, and this repository’s own', () => {
    // The ```json / ```jsonc blocks and inline `{ "…": … }` spans that are configs (their keys are config keys).
    const examples: unknown[] = [];
    const strays: Array<{ doc: string; keys: string[] }> = [];
    for (const doc of ['README.md', 'docs/cli.md', 'docs/config.md', 'docs/action.md']) {
      const text = readFileSync(path.join(import.meta.dirname, '..', doc), 'utf8');
      const candidates = [...text.matchAll(/```jsonc?\n([\s\S]*?)```/g), ...text.matchAll(/`(\{ "[^`]*\})`/g)].map((m) => m[1] ?? '');
      for (const candidate of candidates) {
        let value: unknown;
        try {
          value = parseJsonConfig(candidate, doc, 'en');
        } catch {
          continue; // not JSON (an output sample cut short)
        }
        const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
        if (keys.length > 0 && keys.every((k) => CONFIG_KEYS.includes(k)) && keys.some((k) => k !== 'plugins')) examples.push(value);
        // A config with a key the config does not know would be left out above: name it instead.
        else if (keys.includes('rules')) strays.push({ doc, keys: keys.filter((k) => !CONFIG_KEYS.includes(k)) });
      }
    }
    examples.push(JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '.xxgk-lint.json'), 'utf8')));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(strays).toEqual([]);
    for (const example of examples) expect(problemsOf(example)).toEqual([]);
    expect(problemsOf({ rules: { 'table-sums': ['error', { relations: ['R9'] }] } })).not.toEqual([]);
    expect(problemsOf({ agencies: { 甲: '乙' } })).not.toEqual([]);
    // overrides entries: `files` required, their rules checked as the top-level ones.
    expect(problemsOf({ root: true, overrides: [{ files: 'old/**', excludedFiles: ['old/keep.md'], rules: { 'table-sums': 'warn' } }] })).toEqual([]);
    expect(problemsOf({ overrides: [{ rules: { 'table-sums': 'warn' } }] })).not.toEqual([]);
    expect(problemsOf({ overrides: [{ files: 'x', rules: { 'table-sum': 'off' } }] })).not.toEqual([]);
  });
});

describe('a JSON config with a "__proto__" key', () => {
  it('is a key the schema refuses, never the prototype: it cannot turn rules off', async () => {
    const text = '{ "__proto__": { "rules": { "table-sums": "off" } } }';
    const parsed = parseJsonConfig(text, 'x.json', 'en') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect('rules' in parsed).toBe(false);
    expect(await problems({ '.xxgk-lint.json': text })).toEqual([expect.stringMatching(/^__proto__ {2}unknown key/)]);
  });
});
