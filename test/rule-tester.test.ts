// RuleTester catches what ESLint's does: a valid case that reports, an invalid case that reports
// something else (or nothing), unknown message ids, unfilled placeholders, wrong positions or data,
// bad options and incomplete metadata. (The authoring API imported from 'xxgk-lint' at run time:
// test/built.e2e.test.ts, over the bundles.)
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineRule } from '../src/rule.ts';
import type { Rule } from '../src/rule.ts';
import { RuleTester, verifyCase, verifyMeta } from '../src/testing/rule-tester.ts';

const rule = defineRule({
  meta: {
    id: 'no-todo',
    description: { 'zh-CN': '不留 TODO', en: 'No TODO' },
    rationale: { 'zh-CN': '测试用', en: 'for tests' },
    defaultSeverity: 'error',
    options: z.object({ word: z.string().default('TODO') }).strict(),
    messages: {
      found: { 'zh-CN': '第{line}行有 {word}', en: '{word} on line {line}' },
      unfilled: { 'zh-CN': '缺少 {missing}', en: 'missing {missing}' },
    },
    examples: { valid: [{ code: 'done' }], invalid: [{ code: 'TODO', errors: ['found'] }] },
  },
  check(context) {
    context.source.split('\n').forEach((text, i) => {
      const column = text.indexOf(context.options.word) + 1;
      if (column > 0)
        context.report({
          messageId: 'found',
          data: { line: i + 1, word: context.options.word },
          at: { start: { line: i + 1, column }, end: { line: i + 1, column: column + context.options.word.length } },
        });
      if (text.includes('UNFILLED')) context.report({ messageId: 'unfilled', at: { start: { line: i + 1, column: 1 } } });
      if (text.includes('THROW')) throw new Error('boom');
    });
  },
}) as Rule;

describe('verifyCase', () => {
  it('passes correct cases, with ids or objects', () => {
    expect(verifyCase(rule, { code: 'all done' }, false)).toEqual([]);
    expect(verifyCase(rule, { code: 'a\nb TODO', errors: [{ messageId: 'found', line: 2, column: 3, endColumn: 7, data: { line: 2 } }] }, true)).toEqual([]);
    expect(verifyCase(rule, { code: 'FIXME', options: { word: 'FIXME' }, errors: ['found'] }, true)).toEqual([]);
  });

  it('fails a valid case that reports, and an invalid one that reports nothing or something else', () => {
    expect(verifyCase(rule, { code: 'TODO' }, false)[0]).toMatch(/^\[zh-CN\] expected no report, got: 1:1 found/);
    expect(verifyCase(rule, { code: 'fine', errors: ['found'] }, true)[0]).toBe('[zh-CN] expected [found], got []: ');
    expect(verifyCase(rule, { code: 'TODO', errors: ['found', 'found'] }, true)[0]).toMatch(/expected \[found, found\], got \[found\]/);
  });

  it('fails unknown message ids, missing errors, unfilled placeholders, a throwing rule and bad options', () => {
    expect(verifyCase(rule, { code: 'TODO', errors: ['fond'] }, true)[0]).toBe('unknown message id "fond" (the rule has: found, unfilled)');
    expect(verifyCase(rule, { code: 'TODO', errors: [] }, true)[0]).toBe('an invalid case must list the errors it expects');
    expect(verifyCase(rule, { code: 'UNFILLED', errors: ['unfilled'] }, true)).toContain('[en] unfilled placeholder in "missing {missing}"');
    expect(verifyCase(rule, { code: 'THROW', errors: ['found'] }, true)[0]).toMatch(/^\[zh-CN\] the rule threw: 规则 no-todo 运行出错：Error: boom/);
    expect(verifyCase(rule, { code: 'x', options: { word: 3 } }, false)[0]).toMatch(/^the case's options are invalid: word: /);
  });

  it('fails wrong positions and data', () => {
    const problems = verifyCase(rule, { code: 'TODO', errors: [{ messageId: 'found', line: 2, column: 1, data: { word: 'TOD' } }] }, true);
    expect(problems).toEqual([
      '[zh-CN] error #1 (found): expected line 2, got 1',
      '[zh-CN] error #1 (found): expected data.word "TOD", got "TODO"',
      '[en] error #1 (found): expected line 2, got 1',
      '[en] error #1 (found): expected data.word "TOD", got "TODO"',
      '(expected: {"messageId":"found","line":2,"column":1,"data":{"word":"TOD"}})',
    ]);
  });
});

describe('verifyMeta', () => {
  it('accepts complete metadata and names what is missing', () => {
    expect(verifyMeta(rule)).toEqual([]);
    // Shape first: an empty English message.
    const empty = { ...rule, meta: { ...rule.meta, messages: { ...rule.meta.messages, found: { 'zh-CN': '{word}', en: '' } } } } as Rule;
    expect(verifyMeta(empty)).toEqual(['rule.meta.messages.found.en: Too small: expected string to have >=1 characters']);
    const incomplete = {
      ...rule,
      meta: {
        ...rule.meta,
        options: z.object({ n: z.number() }),
        messages: { found: { 'zh-CN': '{word}', en: 'x' } },
        examples: { valid: [], invalid: [{ code: '', errors: ['nope'] }] },
      },
    } as Rule;
    expect(verifyMeta(incomplete)).toEqual([
      'rule.meta.options: the options schema must give every field a default (schema.parse({}) must succeed)',
      'rule.meta.messages.found: the two locales use different placeholders: zh-CN has word, en has —',
      'rule.meta.examples.invalid[0].errors: unknown message id "nope"',
    ]);
  });
});

describe('RuleTester.run', () => {
  it('uses RuleTester.describe and RuleTester.it when set, one test per case plus the metadata', () => {
    const names: string[] = [];
    const failures: string[] = [];
    RuleTester.describe = (name, fn) => {
      names.push(`describe ${name}`);
      fn();
    };
    RuleTester.it = (name, fn) => {
      names.push(name);
      try {
        fn();
      } catch (err) {
        failures.push(String(err));
      }
    };
    try {
      new RuleTester({ locales: ['en'] }).run(rule, {
        valid: ['nothing here', { code: 'ok', name: 'named' }],
        invalid: [
          { code: 'TODO', errors: ['found'], title: 'titled' },
          { code: 'ok', errors: ['found'] },
        ],
      });
    } finally {
      RuleTester.describe = undefined;
      RuleTester.it = undefined;
    }
    expect(names).toEqual(['describe no-todo', 'meta', 'valid #1', 'named', 'invalid #1 titled', 'invalid #2']);
    expect(failures).toEqual(['Error: no-todo — invalid #2:\n  [en] expected [found], got []: \n  (expected: found)']);
  });
});
