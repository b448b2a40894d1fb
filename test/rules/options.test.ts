/**
 * Each rule's options, and the exact positions of its findings: the cases the documented examples
 * do not cover. The fast loop for one rule: `NODE_OPTIONS=--experimental-vm-modules npx jest
 * test/rules/options.test.ts -t <rule-id>`.
 */
import { describe } from '@jest/globals';
import { builtinRules } from '../../rules/index.ts';
import { RuleTester } from '../../src/testing/rule-tester.ts';
import { sampleReport } from '../../src/testing/sample.ts';
import type { Rule } from '../../src/rule.ts';

const tester = new RuleTester();
const rule = (id: string): Rule => {
  const found = builtinRules.find((r) => r.meta.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
/** The 1-based line and column of `needle` in `text`. */
const at = (text: string, needle: string): { line: number; column: number } => {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
};

describe('required-sections: allowAliases', () => {
  const alias = sampleReport({ replace: [['五、存在的主要问题及改进情况', '五、存在问题及改进情况']] });
  tester.run(rule('required-sections'), {
    valid: [{ code: alias, name: 'an alias seen in real reports is accepted by default' }],
    invalid: [
      {
        code: alias,
        options: { allowAliases: false },
        name: 'allowAliases: false wants the official wording',
        errors: [{ messageId: 'wording', ...at(alias, '五、存在问题及改进情况') }],
        output: sampleReport(),
      },
    ],
  });
});

describe('table-sums: relations', () => {
  // The 总计 of row （七） breaks R1, R2 and R3 at once.
  const wrong = sampleReport({ replace: [['（七）总计\t17\t', '（七）总计\t16\t']] });
  const cell = at(wrong, '（七）总计\t16');
  tester.run(rule('table-sums'), {
    valid: [{ code: wrong, options: { relations: ['R4'] }, name: 'only R4 checked: table 三 is not looked at' }],
    invalid: [
      {
        code: wrong,
        name: 'all relations: one finding at the cell, naming three',
        errors: [{ messageId: 'several', line: cell.line, column: cell.column + '（七）总计\t'.length, data: { count: 3, expected: 17 } }],
      },
      { code: wrong, options: { relations: ['R3'] }, name: 'only R3: one finding of that relation', errors: [{ messageId: 'R3', line: cell.line }] },
    ],
  });
});

describe('table-structure: newFormatFrom', () => {
  // A 2020 report with the 2021 tables: right only when the 2021 format applies from 2020.
  const report2020 = sampleReport({ year: 2020, part6: '暂无。' });
  tester.run(rule('table-structure'), {
    valid: [{ code: report2020, options: { newFormatFrom: 2020 }, name: 'newFormatFrom: 2020 accepts the 2021 tables in a 2020 report' }],
    invalid: [{ code: report2020, name: 'by default a 2020 report uses the trial tables', errors: ['newTemplate', 'newTemplate'] }],
  });
});

describe('signature-date: deadlines', () => {
  const signedFeb = sampleReport({ signature: '福州市示例区工业和信息化局\n\n2025年2月10日' });
  tester.run(rule('signature-date'), {
    valid: [{ code: signedFeb, options: { departmentDeadline: '02-28' }, name: 'a later department deadline' }],
    invalid: [
      // The finding spans the signature: the agency line and its date.
      { code: signedFeb, name: 'signed after 31 January', errors: [{ messageId: 'late', ...at(signedFeb, '福州市示例区工业和信息化局\n\n2025年2月10日') }] },
      {
        code: sampleReport({ signature: '福州市示例区人民政府\n\n2025年3月20日' }),
        options: { governmentDeadline: '03-15' },
        name: 'a people’s government with an earlier deadline',
        errors: ['late'],
      },
    ],
  });
});

describe('fee-statement and overview-topics: fromYear', () => {
  const noFee = sampleReport({ part6: '暂无。' });
  tester.run(rule('fee-statement'), {
    valid: [{ code: noFee, options: { fromYear: 2025 }, name: 'not yet required' }],
    invalid: [{ code: noFee, name: 'required from 2021', errors: [{ messageId: 'missing', ...at(noFee, '六、其他需要报告的事项') }] }],
  });
  const twoTopics = sampleReport({ replace: [['做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作', '做好主动公开和依申请公开工作']] });
  tester.run(rule('overview-topics'), {
    valid: [{ code: twoTopics, options: { fromYear: 2025 }, name: 'the topic list applies from a later year' }],
    invalid: [
      {
        code: twoTopics,
        name: 'three topics missing: one finding',
        errors: [{ messageId: 'missingTopic', data: { count: 3 }, ...at(twoTopics, '一、总体情况') }],
      },
    ],
  });
});

describe('table fixes: a header the template fixes, a blank cell the row total decides, a total the relations agree on', () => {
  // Row 二 is 1 0 0 0 0 0 1: its 商业企业 cell left empty is certainly 0. Row （一） is 7 1 0 0 0 0 8:
  // its 商业企业 cell left empty is 1 by the row total, a value a person confirms.
  const blankZero = sampleReport({ replace: [[/(二、上年结转政府信息公开申请数量\t1)\t0\t/, '$1\t\t']] });
  const blankOne = sampleReport({ replace: [[/(（一）予以公开\t7)\t1\t/, '$1\t\t']] });
  tester.run(rule('table-structure'), {
    valid: [],
    invalid: [
      { code: blankZero, name: 'an empty cell the row makes 0 is filled with 0', errors: ['blankCell'], output: sampleReport() },
      {
        code: blankOne,
        name: 'an empty cell the row makes 1 is a suggestion',
        errors: [{ messageId: 'blankCellSolved', data: { solved: 1 }, suggestions: [{ messageId: 'fillSolved', output: sampleReport() }] }],
        output: null,
      },
    ],
  });
  const wrong = sampleReport({ replace: [['（七）总计\t17\t', '（七）总计\t16\t']] });
  tester.run(rule('table-sums'), {
    valid: [],
    invalid: [
      {
        code: wrong,
        name: 'the value every broken relation agrees on is suggested',
        errors: [{ messageId: 'several', suggestions: [{ messageId: 'useExpected', output: sampleReport() }] }],
      },
    ],
  });
});
