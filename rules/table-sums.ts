import { z } from 'zod';
import { defineRule } from '../src/rule.ts';
import { checkSums, type RelationId } from './lib/sums.ts';

export default defineRule({
  meta: {
    id: 'table-sums',
    description: {
      'zh-CN': '表三、表四的数字满足勾稽关系（R1–R4），指出出错的单元格和应有的数值',
      en: 'The numbers of tables 三 and 四 add up (R1–R4); points at the cell that is off and gives the expected value',
    },
    rationale: {
      'zh-CN':
        '表三印有勾稽关系说明“第一项加第二项之和，等于第三项加第四项之和”（R1）；（七）总计等于各项办理结果之和（R2）；每行总计等于各类申请人之和（R3）；表四各组总计等于结果维持、结果纠正、其他结果、尚未审结之和（R4）。“数据勾稽关系错误”是评估中最常见的问题。只对读取可靠的单元格计算：读不清的行由 table-structure 报告，不参与合计。',
      en: 'Table 三 prints its own check (一 + 二 = 三 + 四, R1); （七）总计 is the sum of the outcomes (R2); each row total is the sum of the applicant columns (R3); each group of table 四 totals its four results (R4). Only cells read with certainty are summed: unreadable rows are reported by table-structure instead.',
    },
    defaultSeverity: 'error',
    options: z
      .object({
        /** Which relations to check. */
        relations: z.array(z.enum(['R1', 'R2', 'R3', 'R4'])).default(['R1', 'R2', 'R3', 'R4']),
      })
      .strict(),
    messages: {
      R1: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}列：一 + 二 = （七） + 四，{formula}）',
        en: '{cell} is {actual}, expected {expected} (column {scope}: 一 + 二 = （七） + 四, {formula})',
      },
      R2: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}列：（七）总计等于各项办理结果之和，{formula}）',
        en: '{cell} is {actual}, expected {expected} (column {scope}: （七）总计 is the sum of the outcomes above, {formula})',
      },
      R3: {
        'zh-CN': '{cell}为{actual}，应为{expected}（本行总计等于各类申请人之和，{formula}）',
        en: '{cell} is {actual}, expected {expected} (the row total is the sum of the applicant columns, {formula})',
      },
      R4: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}：总计等于结果维持、结果纠正、其他结果、尚未审结之和，{formula}）',
        en: '{cell} is {actual}, expected {expected} ({scope}: 总计 is the sum of the four results, {formula})',
      },
    },
    examples: {
      valid: [{ sample: {} }, { title: '任何表格形式', sample: { form: 'gfm' } }],
      invalid: [
        {
          title: '（七）总计·自然人写错：三条关系都指向这个单元格',
          sample: { replace: [['（七）总计\t17\t', '（七）总计\t16\t']] },
          errors: ['R1', 'R2', 'R3'],
        },
      ],
    },
  },
  check(context) {
    const enabled = new Set<RelationId>(context.options.relations);
    for (const f of checkSums(context.model, enabled)) {
      const label = f.target.row.label.replace(/^.*·/, '');
      context.report({
        messageId: f.relation.id,
        data: { cell: `${label}·${f.target.cell.column}`, actual: f.actual, expected: f.expected, scope: f.relation.scope, formula: f.formula },
        at: { start: f.target.cell.span.start, end: f.target.cell.span.end },
      });
    }
  },
});
