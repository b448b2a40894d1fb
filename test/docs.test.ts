// The rule registry and the rules' metadata are complete, and the generated docs are current.
// (The examples' findings themselves are checked by test/rules.test.ts.)
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRules } from '../rules/index.ts';
import { ruleProblems } from '../src/define-rule.ts';
import type { Rule } from '../src/rule.ts';
import { LOCALES } from '../src/types.ts';
import { checkDocs, optionComments, runExample } from '../scripts/generate-docs.ts';

const root = process.cwd();
const ruleFiles = readdirSync(path.join(root, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .sort();
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the rule registry', () => {
  it('registers every file in rules/, under the id that is its file name', async () => {
    const registered = new Map(builtinRules.map((rule) => [rule.meta.id, rule]));
    for (const file of ruleFiles) {
      const id = file.replace(/\.ts$/, '');
      const module = (await import(pathToFileURL(path.join(root, 'rules', file)).href)) as { default?: Rule };
      expect({ file, id: module.default?.meta.id }).toEqual({ file, id });
      expect({ file, registered: registered.get(id) === module.default }).toEqual({ file, registered: true });
    }
    expect(builtinRules.map((r) => `${r.meta.id}.ts`).sort()).toEqual(ruleFiles);
  });

  it('has unique ids, sorted', () => {
    const ids = builtinRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });
});

describe.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  const { meta } = rule;

  it('passes the checks of defineRule (built-in rules are not checked at import: builtinRule)', () => {
    expect(ruleProblems(rule, 'rule', 'en')).toEqual([]);
    expect(Object.isFrozen(rule)).toBe(true);
  });

  it('has its page docs/rules/<id>.md', () => {
    expect(existsSync(path.join(root, 'docs/rules', `${id}.md`))).toBe(true);
  });

  it('has at least one valid and one invalid example, and invalid ones list known message ids', () => {
    expect(meta.examples.valid.length).toBeGreaterThan(0);
    expect(meta.examples.invalid.length).toBeGreaterThan(0);
    for (const example of meta.examples.invalid) {
      expect(example.errors.length).toBeGreaterThan(0);
      for (const messageId of example.errors) expect(Object.keys(meta.messages)).toContain(messageId);
    }
  });

  it('says everything in zh-CN and en', () => {
    const texts = {
      description: meta.description,
      rationale: meta.rationale,
      ...Object.fromEntries(Object.entries(meta.messages).map(([k, v]) => [`messages.${k}`, v])),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const locale of LOCALES) expect({ where, locale, empty: (text[locale] ?? '').trim() === '' }).toEqual({ where, locale, empty: false });
    }
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
  });

  it('uses the same placeholders in both locales of every message', () => {
    for (const [messageId, text] of Object.entries(meta.messages)) {
      expect({ messageId, en: placeholders(text.en) }).toEqual({ messageId, en: placeholders(text['zh-CN']) });
    }
  });

  it('fills every placeholder of the messages its examples report', () => {
    for (const example of [...meta.examples.valid, ...meta.examples.invalid]) {
      for (const m of runExample(rule, example, 'zh-CN')) {
        const template = meta.messages[m.messageId];
        if (!template) continue; // ruleError: reported by test/rules.test.ts
        const missing = placeholders(template['zh-CN']).filter((key) => !(key in m.data));
        expect({ messageId: m.messageId, missing }).toEqual({ messageId: m.messageId, missing: [] });
      }
    }
  });

  it('gives every option a default (the docs show it)', () => {
    expect(() => meta.options.parse({})).not.toThrow();
  });
});

describe('generated files', () => {
  it('docs/rules/*.md and the README rule table are current (run `npm run docs`)', () => {
    expect(checkDocs(root)).toEqual([]);
  });

  it('reads option comments from a rule source', () => {
    const source =
      'export default defineRule({ meta: { options: z.object({ /** First year. */ fromYear: z.number().default(2021), other: z.boolean().default(true) }).strict() } });';
    expect([...optionComments(source)]).toEqual([['fromYear', 'First year.']]);
  });
});
