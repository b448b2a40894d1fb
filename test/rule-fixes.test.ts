// The fixes and suggestions of the built-in rules, as RuleTester cases with `output` (the text after
// one pass of fixes) and `suggestions` (the text after each), as ESLint's RuleTester states them;
// and RuleTester itself catching a wrong or missing `output`.
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import feeStatement from '../rules/fee-statement.ts';
import narrativeConsistency from '../rules/narrative-consistency.ts';
import requiredSections from '../rules/required-sections.ts';
import statisticalPeriod from '../rules/statistical-period.ts';
import { lintText } from '../src/engine/lint.ts';
import { ruleProblems } from '../src/define-rule.ts';
import { defineRule } from '../src/rule.ts';
import type { Rule } from '../src/rule.ts';
import { RuleTester, verifyCase } from '../src/testing/rule-tester.ts';
import { sampleReport } from '../src/testing/sample.ts';

const tester = new RuleTester();
const sample = (replace: ReadonlyArray<readonly [string | RegExp, string]> = []) => sampleReport({ replace });
const good = sample();

tester.run(statisticalPeriod, {
  valid: [],
  invalid: [
    {
      name: 'both years of the period become the title year',
      code: sample([['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']]),
      errors: ['wrongYear'],
      output: good,
    },
    {
      name: 'only the wrong year changes',
      code: sample([['自2024年1月1日起至2024年12月31日止', '自2024年1月1日起至2025年12月31日止']]),
      errors: ['wrongYear'],
      output: good,
    },
    {
      name: 'no fix without a title to take the year from',
      code: sampleReport({ title: null, replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2024年12月31日止']] }),
      errors: ['wrongYear'],
      output: null,
    },
    { name: 'no fix for a period that is not a whole year', code: sample([['自2024年1月1日起', '自2024年3月1日起']]), errors: ['notFullYear'], output: null },
    { name: 'no fix for a missing period', code: sample([[/本报告中所列数据的统计期限[^。]*。/, '']]), errors: ['missing'], output: null },
  ],
});

tester.run(requiredSections, {
  valid: [],
  invalid: [
    {
      name: 'a wrong numeral becomes the official one',
      code: sample([['六、其他需要报告的事项', '七、其他需要报告的事项']]),
      errors: ['numbering'],
      output: good,
    },
    {
      name: 'a (七) numeral inside brackets',
      code: sample([['六、其他需要报告的事项', '（七）其他需要报告的事项']]),
      errors: ['numbering'],
      output: sample([['六、其他需要报告的事项', '（六）其他需要报告的事项']]),
    },
    {
      name: 'a near-miss wording becomes the official heading',
      code: sample([['六、其他需要报告的事项', '六、其他需要报告事项']]),
      errors: ['wording'],
      output: good,
    },
    {
      // A near-miss wording does not identify the part for certain: the numeral waits for the next pass.
      name: 'a near miss with a wrong numeral: the wording first',
      code: sample([['六、其他需要报告的事项', '七、其他需要报告事项']]),
      errors: ['numbering', 'wording'],
      output: sample([['六、其他需要报告的事项', '七、其他需要报告的事项']]),
    },
    {
      name: 'an alias is rewritten only when aliases are not allowed',
      code: sample([['六、其他需要报告的事项', '六、其他需要报告事项']]),
      options: { allowAliases: false },
      errors: ['wording'],
      output: good,
    },
    { name: 'no fix for a missing part', code: sample([['五、存在的主要问题及改进情况', '（五）工作打算']]), errors: ['missing'], output: null },
  ],
});

tester.run(feeStatement, {
  valid: [],
  invalid: [
    {
      name: 'suggests the sentence at the end of part 六, before the signature; never a fix',
      code: sampleReport({ part6: '暂无。' }),
      errors: [
        {
          messageId: 'missing',
          suggestions: [
            {
              messageId: 'addNoFees',
              desc: '在第六部分末尾加上“2024年度本单位未收取信息处理费。”（仅当本年度确未收费）',
              output: sampleReport({ part6: '暂无。\n\n2024年度本单位未收取信息处理费。' }),
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

tester.run(narrativeConsistency, {
  valid: [],
  invalid: [
    {
      name: 'suggests the table number in place of the text’s',
      code: sample([['做好主动公开', '共收到政府信息公开申请27件，做好主动公开']]),
      errors: [
        {
          messageId: 'mismatch',
          suggestions: [
            { messageId: 'useTableNumber', data: { stated: 27, table: 20 }, output: sample([['做好主动公开', '共收到政府信息公开申请20件，做好主动公开']]) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no suggestion for a number in Chinese numerals',
      code: sample([['做好主动公开', '共收到政府信息公开申请二十七件，做好主动公开']]),
      errors: [{ messageId: 'mismatch', suggestions: [] }],
      output: null,
    },
  ],
});

describe('fixing until stable with the built-in rules', () => {
  it('fixes a near-miss heading and then its numeral', async () => {
    const { fixUntilStable } = await import('../src/engine/fix.ts');
    const { builtinRules } = await import('../rules/index.ts');
    const run = fixUntilStable(sample([['六、其他需要报告的事项', '七、其他需要报告事项']]), (text) => lintText(text, { rules: builtinRules }));
    expect(run.output).toBe(good);
    expect(run.passes).toBe(2);
  });
});

describe('RuleTester and fixes', () => {
  it('fails a case whose output differs, is missing, or claims a fix the rule does not make', () => {
    const code = sample([['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']]);
    expect(
      verifyCase(statisticalPeriod as Rule, { code, errors: ['wrongYear'], output: code.replace('2023年1月1日', '2024年1月1日') }, true).join('\n'),
    ).toMatch(/fixed text differs/);
    expect(verifyCase(statisticalPeriod as Rule, { code, errors: ['wrongYear'] }, true).join('\n')).toMatch(/state the fixed text as the case's `output`/);
    expect(verifyCase(statisticalPeriod as Rule, { code, errors: ['wrongYear'], output: null }, true).join('\n')).toMatch(/expected no fix/);
    const noFix = sample([['自2024年1月1日起', '自2024年3月1日起']]);
    expect(verifyCase(statisticalPeriod as Rule, { code: noFix, errors: ['notFullYear'], output: good }, true).join('\n')).toMatch(/offered no fix/);
  });

  it('fails a case whose suggestion output differs', () => {
    const code = sample([['做好主动公开', '共收到政府信息公开申请27件，做好主动公开']]);
    const problems = verifyCase(narrativeConsistency as Rule, { code, errors: [{ messageId: 'mismatch', suggestions: [{ output: code }] }] }, true);
    expect(problems.join('\n')).toMatch(/suggestion #1: the text after it differs/);
  });
});

describe('the fix API', () => {
  const base = {
    description: { 'zh-CN': '测试', en: 'test' },
    rationale: { 'zh-CN': '测试', en: 'test' },
    defaultSeverity: 'error' as const,
    options: z.object({}).strict(),
    messages: { x: { 'zh-CN': '有 X', en: 'X found' } },
    examples: { valid: [], invalid: [] },
  };
  const at = { start: { line: 1, column: 1 } };

  it('a fix from a rule without meta.fixable, or outside the text, is the rule failing', () => {
    const unfixable = defineRule({
      meta: { ...base, id: 'unfixable' },
      check: (c) => c.report({ messageId: 'x', at, fix: { range: [0, 1], text: 'Y' } }),
    }) as Rule;
    expect(lintText('X', { rules: [unfixable], classify: 'report' }).messages[0]?.message).toMatch(/meta\.fixable/);
    const outside = defineRule({
      meta: { ...base, id: 'outside', fixable: 'code' },
      check: (c) => c.report({ messageId: 'x', at, fix: { range: [0, 9], text: 'Y' } }),
    }) as Rule;
    expect(lintText('X', { rules: [outside], classify: 'report' }).messages[0]?.message).toMatch(/invalid fix/);
    const noSuggest = defineRule({
      meta: { ...base, id: 'no-suggest' },
      check: (c) => c.report({ messageId: 'x', at, suggest: [{ messageId: 'x', fix: { range: [0, 1], text: 'Y' } }] }),
    }) as Rule;
    expect(lintText('X', { rules: [noSuggest], classify: 'report' }).messages[0]?.message).toMatch(/meta\.hasSuggestions/);
  });

  it('diagnostics carry the fix and localised suggestions (messageId or desc)', () => {
    const rule = defineRule({
      meta: { ...base, id: 'both', fixable: 'code', hasSuggestions: true },
      check: (c) =>
        c.report({
          messageId: 'x',
          at,
          fix: { range: [0, 1], text: 'Y' },
          suggest: [
            { messageId: 'x', fix: { range: [0, 1], text: 'Z' } },
            { desc: { 'zh-CN': '删去 {w}', en: 'Delete {w}' }, data: { w: 'X' }, fix: { range: [0, 1], text: '' } },
          ],
        }),
    }) as Rule;
    const [m] = lintText('X', { rules: [rule], locale: 'en', classify: 'report' }).messages;
    expect(m?.fix).toEqual({ range: [0, 1], text: 'Y' });
    expect(m?.suggestions).toEqual([
      { desc: 'X found', messageId: 'x', fix: { range: [0, 1], text: 'Z' } },
      { desc: 'Delete X', data: { w: 'X' }, fix: { range: [0, 1], text: '' } },
    ]);
  });

  it('plugin rule metadata: fixable must be ESLint’s value, hasSuggestions a boolean, an example output needs fixable', () => {
    const rule = (meta: object) => ({ meta: { ...base, id: 'p', ...meta }, check: () => undefined });
    expect(ruleProblems(rule({ fixable: true }), 'rule', 'en').map((p) => p.path)).toEqual(['rule.meta.fixable']);
    expect(ruleProblems(rule({ hasSuggestions: 'yes' }), 'rule', 'en').map((p) => p.path)).toEqual(['rule.meta.hasSuggestions']);
    expect(ruleProblems(rule({ fixable: 'code', hasSuggestions: true }), 'rule', 'en')).toEqual([]);
    const withOutput = { examples: { valid: [], invalid: [{ code: 'X', errors: ['x'], output: 'Y' }] } };
    expect(ruleProblems(rule(withOutput), 'rule', 'en').map((p) => p.path)).toEqual(['rule.meta.examples.invalid[0].output']);
    expect(ruleProblems(rule({ ...withOutput, fixable: 'code' }), 'rule', 'en')).toEqual([]);
  });
});
