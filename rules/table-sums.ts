import * as z from 'zod';
import { builtinRule, formatMessage, replaceSpan, type LocalizedText } from '../src/rule.ts';
import { orList } from '../src/i18n.ts';
import type { Cell } from '../src/model/schema.ts';
import { checkSums, type Failure, type RelationId } from './lib/sums.ts';

export default builtinRule({
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
    hasSuggestions: true,
    options: z
      .object({
        /** Which relations to check. */
        relations: z.array(z.enum(['R1', 'R2', 'R3', 'R4'])).default(['R1', 'R2', 'R3', 'R4']),
      })
      .strict(),
    messages: {
      R1: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}列：一 + 二 = （七） + 四，{formula}）{decoded}',
        en: '{cell} is {actual}, expected {expected} (column {scope}: 一 + 二 = （七） + 四, {formula}){decoded}',
      },
      R1R2: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}列：（七）总计读不出，按一 + 二 = 各项办理结果之和 + 四，{formula}）{decoded}',
        en: '{cell} is {actual}, expected {expected} (column {scope}: （七）总计 unread, so 一 + 二 = the outcomes + 四, {formula}){decoded}',
      },
      R2: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}列：（七）总计等于各项办理结果之和，{formula}）{decoded}',
        en: '{cell} is {actual}, expected {expected} (column {scope}: （七）总计 is the sum of the outcomes above, {formula}){decoded}',
      },
      R3: {
        'zh-CN': '{cell}为{actual}，应为{expected}（本行总计等于各类申请人之和，{formula}）{decoded}',
        en: '{cell} is {actual}, expected {expected} (the row total is the sum of the applicant columns, {formula}){decoded}',
      },
      R4: {
        'zh-CN': '{cell}为{actual}，应为{expected}（{scope}：总计等于结果维持、结果纠正、其他结果、尚未审结之和，{formula}）{decoded}',
        en: '{cell} is {actual}, expected {expected} ({scope}: 总计 is the sum of the four results, {formula}){decoded}',
      },
      several: {
        'zh-CN': '{cell}为{actual}，应为{expected}：它使{count}条勾稽关系都不成立（{relations}）{decoded}',
        en: '{cell} is {actual}, expected {expected}: it breaks {count} relations ({relations}){decoded}',
      },
      useExpected: { 'zh-CN': '改为{expected}', en: 'Change it to {expected}' },
      noReading: {
        'zh-CN': '“{row}”印作“{text}”，数字连在一起，且无论怎样拆成{expected}个数，本行总计都与各列之和不符：这一行的数字有误{required}',
        en: "“{row}” is printed “{text}”, digits run together, and no split into {expected} values makes the row total match its columns: the row's numbers are wrong{required}",
      },
    },
    examples: {
      valid: [{ sample: {} }, { title: '任何表格形式', sample: { form: 'gfm' } }],
      invalid: [
        {
          title: '（七）总计·自然人写错：三条关系都指向这个单元格，报告一次',
          sample: { replace: [['（七）总计\t17\t', '（七）总计\t16\t']] },
          errors: ['several'],
        },
        {
          title: '（七）总计读不出时，一 + 二 = 各项办理结果之和 + 四 与本行总计仍指向写错的单元格',
          sample: {
            replace: [
              ['（七）总计\t17\t1\t0\t0\t0\t1\t19', '（七）总计\t1\t7\t1\t0\t0\t0\t1\t1\t9'],
              ['（一）予以公开\t7\t', '（一）予以公开\t9\t'],
            ],
          },
          errors: ['several'],
        },
        {
          title: '数字连在一起，且怎样拆分都不相符',
          sample: { replace: [[/(二、上年结转政府信息公开申请数量)\t1\t0\t0\t0\t0\t0\t1/, '$130000012']] },
          errors: ['noReading'],
        },
      ],
    },
  },
  check(context) {
    const { model, locale } = context;
    const enabled = new Set<RelationId>(context.options.relations);
    // A wrong cell breaks every relation it is in: one finding at the cell, naming them all.
    const byCell = new Map<Cell, Failure[]>();
    for (const f of checkSums(model, enabled)) {
      const list = byCell.get(f.target.cell);
      if (list) list.push(f);
      else byCell.set(f.target.cell, [f]);
    }
    for (const [cell, failures] of byCell) {
      const first = failures[0] as Failure;
      const label = first.target.row.label.replace(/^.*·/, '');
      const expectedValues = [...new Set(failures.map((f) => f.expected))];
      // Where the numbers came from when the text did not give them cell for cell.
      const target = first.target.row;
      const others = new Set(
        failures
          .flatMap((f) => [f.relation.total, ...f.relation.items, ...f.relation.minus])
          .map((t) => t.row)
          .filter((r) => r.decoded && r !== target),
      );
      const decoded = target.decoded
        ? formatMessage(DECODED.row[locale], { text: target.decoded.text })
        : others.size > 0
          ? formatMessage(DECODED.others[locale], { count: others.size })
          : '';
      const data = {
        cell: `${label}·${cell.column}`,
        actual: first.actual,
        expected: expectedValues.length === 1 ? (expectedValues[0] as number) : orList(expectedValues.map(String), locale),
        decoded,
      };
      // Every broken relation agrees on the one value the cell should have: offer it (a person
      // confirms it: the cell or another term may be the one that is off).
      const value = expectedValues.length === 1 ? expectedValues[0] : undefined;
      const written = cell.read === 'written' && context.source.slice(cell.span.start.offset, cell.span.end.offset) === cell.raw;
      const suggest =
        value !== undefined && value >= 0 && written
          ? [{ messageId: 'useExpected', data: { expected: value }, fix: replaceSpan(cell.span, String(value)) }]
          : undefined;
      if (failures.length === 1) {
        context.report({
          messageId: first.relation.withoutTotal ? 'R1R2' : first.relation.id,
          data: { ...data, scope: first.relation.scope, formula: first.formula },
          at: cell.span,
          ...(suggest ? { suggest } : {}),
        });
      } else {
        const relations = failures
          .map((f) => `${f.relation.withoutTotal ? 'R1+R2' : f.relation.id}${PUNCTUATION.colon[locale]}${f.formula}`)
          .join(PUNCTUATION.semicolon[locale]);
        context.report({ messageId: 'several', data: { ...data, count: failures.length, relations }, at: cell.span, ...(suggest ? { suggest } : {}) });
      }
    }
    // Rows whose digits no split makes add up: a sum error in the row itself.
    for (const table of [model.tables.t3, model.tables.t4]) {
      for (const fact of table.facts) {
        if (fact.kind !== 'noReading') continue;
        const relationOn = fact.relation === null || enabled.has(fact.relation);
        const required =
          fact.required && relationOn ? formatMessage(REQUIRED[locale], { relation: String(fact.relation), values: fact.required.join(' ') }) : '';
        context.report({ messageId: 'noReading', data: { row: fact.row.label, text: fact.text, expected: fact.expected, required }, at: fact.span });
      }
    }
  },
});

/** How a relation's id and formula, and the relations, are set apart in a sentence. */
const PUNCTUATION = {
  colon: { 'zh-CN': '：', en: ': ' },
  semicolon: { 'zh-CN': '；', en: '; ' },
} as const satisfies Record<string, LocalizedText>;

/** Where the numbers came from when the text did not give them cell for cell (the messages' `{decoded}`). */
const DECODED = {
  row: { 'zh-CN': '（本行按“{text}”读出）', en: ' — this row was read from “{text}”' },
  others: {
    'zh-CN': '（所涉行中有{count}行由连写数字读出或按勾稽关系补齐）',
    en: ' — {count} of the rows involved were read from digits run together or completed by the relations',
  },
} as const satisfies Record<string, LocalizedText>;

/** What the other rows require of a row no split makes add up (the noReading message's `{required}`). */
const REQUIRED: LocalizedText = { 'zh-CN': '；按{relation}，其他行要求本行为 {values}', en: '; the other rows require {values} ({relation})' };
