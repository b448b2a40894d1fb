// defineRule, as the package exports it, reports every metadata problem at once in the user's
// language (issue 12 item 7).
import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineRule, environmentLocale } from '../src/define-rule.ts';
import { defineRule as ruleApiDefineRule, type Rule } from '../src/rule.ts';
import { defineRule as packageDefineRule } from '../src/index.ts';

const saved = { LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES, LANG: process.env.LANG };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
function setLang(lang: string): void {
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  process.env.LANG = lang;
}

// Four mistakes: a bad id, no English description, options without defaults, an example naming an unknown message.
const broken = {
  meta: {
    id: 'Year_Check',
    description: { 'zh-CN': '年度', en: '' },
    rationale: { 'zh-CN': '因为', en: 'Because' },
    defaultSeverity: 'warn',
    options: z.object({ minYear: z.number() }),
    messages: { old: { 'zh-CN': '{year}年太早', en: '{year} is too early' } },
    examples: { valid: [], invalid: [{ code: '# x', errors: ['tooOld'] }] },
  },
  check() {},
} as unknown as Rule;

describe('defineRule', () => {
  it('lists every problem of the shape in one error, in Chinese by default', () => {
    setLang('zh_CN.UTF-8');
    let message = '';
    try {
      defineRule(broken);
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe('defineRule：规则“Year_Check”有 2 处问题：');
    expect(lines.slice(1).map((l) => l.trim().split('  ')[0])).toEqual(['! rule.meta.id', '! rule.meta.description.en']);
  });

  it('then every problem of the content, in English for an English locale', () => {
    setLang('en_US.UTF-8');
    const shapeOk = { ...broken, meta: { ...broken.meta, id: 'year-check', description: { 'zh-CN': '年度', en: 'Year' } } } as Rule;
    expect(() => defineRule(shapeOk)).toThrow(
      /^defineRule: the rule "year-check" has 2 problem\(s\):\n {2}! rule\.meta\.options {2}.+\n {2}! rule\.meta\.examples\.invalid\[0\]\.errors {2}.*tooOld/,
    );
  });

  it('returns a correct rule unchanged (frozen)', () => {
    const ok = {
      ...broken,
      meta: {
        ...broken.meta,
        id: 'year-check',
        description: { 'zh-CN': '年度', en: 'Year' },
        options: z.object({}).strict(),
        examples: { valid: [], invalid: [] },
      },
    } as Rule;
    expect(defineRule(ok)).toBe(ok);
    expect(Object.isFrozen(ok)).toBe(true);
  });

  it('is the one defineRule: built-in rules (src/rule.ts) and users (the package) get the same checks', () => {
    expect(ruleApiDefineRule).toBe(defineRule);
    expect(packageDefineRule).toBe(defineRule);
    setLang('en_US.UTF-8');
    expect(() => ruleApiDefineRule(broken)).toThrow(/^defineRule: the rule "Year_Check" has 2 problem\(s\)/);
  });

  it('reads the locale from LC_ALL, LC_MESSAGES or LANG', () => {
    expect(environmentLocale({})).toBe('zh-CN');
    expect(environmentLocale({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(environmentLocale({ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US' })).toBe('zh-CN');
    expect(environmentLocale({ LANG: 'C.UTF-8' })).toBe('zh-CN');
  });
});
