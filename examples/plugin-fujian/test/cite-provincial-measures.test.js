// The rule's tests: `npm test` (node:test). RuleTester turns every case into a test: its metadata,
// the examples it documents, and real reports from this repository's corpus.
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { URL } from 'node:url';
import { RuleTester } from 'xxgk-lint';
import rule from '../rules/cite-provincial-measures.js';

// node:test does not define describe/it globally; tell RuleTester which to use.
RuleTester.describe = describe;
RuleTester.it = it;

/** A seed report of xxgk-lint's test corpus (test/fixtures/seeds in the repository). */
const seed = (name) => readFileSync(new URL(`../../../test/fixtures/seeds/${name}`, import.meta.url), 'utf8');

new RuleTester().run(rule, {
  valid: [
    // The documented examples are tests too, so the docs cannot claim what the rule does not do.
    ...rule.meta.examples.valid,
    { name: 'seed 002 (泉州市洛江区, 2020) cites the 办法 after the 条例', code: seed('002_cf474a2a7b651b5a.md') },
    { name: 'seed 004 (上杭县, 2023) cites the 办法 after the 条例', code: seed('004_21329a809e184f07.md') },
    {
      name: 'the order number may follow in ASCII brackets',
      code: '# 某局2024年政府信息公开工作年度报告\n\n根据《福建省政府信息公开办法》(福建省人民政府令第134号)编制。\n\n一、总体情况\n',
    },
  ],
  invalid: [
    ...rule.meta.examples.invalid,
    {
      name: 'seed 000 (福州市长乐区, 2024): the opening cites the 条例, a notice and a task list, not the 办法',
      code: seed('000_56a01b3923011b96.md'),
      errors: [{ messageId: 'missing', line: 7, column: 3, data: { title: '福建省政府信息公开办法' } }],
    },
    {
      name: 'seed 003 (福州市鼓楼区, 2024): no title; the opening cites the 条例 only',
      code: seed('003_e61fd02df59cf2b0.md'),
      errors: [{ messageId: 'missing', line: 1, column: 6 }],
    },
    {
      name: 'the wrong order number is underlined',
      code: '# 某局2024年政府信息公开工作年度报告\n\n根据《福建省政府信息公开办法》（省政府令第143号）编制。\n\n一、总体情况\n',
      errors: [{ messageId: 'wrongNumber', line: 3, column: 22, endColumn: 25, data: { expected: 134, number: 143 } }],
    },
    {
      name: 'another province, by options',
      options: { title: '上海市政府信息公开规定' },
      code: '# 某局2024年政府信息公开工作年度报告\n\n根据《福建省政府信息公开办法》编制。\n\n一、总体情况\n',
      errors: [{ messageId: 'missing', data: { title: '上海市政府信息公开规定' } }],
    },
  ],
});
