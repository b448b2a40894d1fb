import { z } from 'zod';
import { defineRule } from '../src/rule.ts';
import { reportYear } from './lib/options.ts';

export default defineRule({
  meta: {
    id: 'fee-statement',
    description: {
      'zh-CN': '第六部分说明本年度收取信息处理费的情况（2021年度及以后的报告）',
      en: 'Part 六 states the information-processing fees (信息处理费) collected (reports for 2021 on)',
    },
    rationale: {
      'zh-CN':
        '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自2021年起施行；国办公开办函〔2021〕30号格式的“其他需要报告的事项”包括收取信息处理费的情况。未收取的也应写明，如“本年度未收取信息处理费”；只写“暂无”“无”不算说明。',
      en: 'The fee measures (国办函〔2020〕109号) apply from 2021, and part 六 of the 2021 format reports the fees collected. Zero must be stated too (“本年度未收取信息处理费”); “暂无” alone is no statement.',
    },
    defaultSeverity: 'error',
    options: z
      .object({
        /** First report year the statement is required for. */
        fromYear: reportYear(2021),
      })
      .strict(),
    messages: {
      missing: {
        'zh-CN': '第六部分未说明信息处理费收取情况，如“{year}年度本单位未收取信息处理费。”',
        en: 'Part 六 does not state the information-processing fees collected, e.g. “{year}年度本单位未收取信息处理费。”',
      },
      elsewhere: {
        'zh-CN': '信息处理费收取情况写在了第六部分之外，应在“六、其他需要报告的事项”中说明',
        en: 'The fee statement stands outside part 六; it belongs in “六、其他需要报告的事项”',
      },
    },
    examples: {
      valid: [{ sample: {} }, { title: '有收费金额', sample: { part6: '2024年共收取信息处理费380元。' } }, { title: '2020年度报告不要求', sample: { year: 2020, part6: '暂无。' } }],
      invalid: [{ title: '只写“暂无”', sample: { part6: '暂无。' }, errors: ['missing'] }],
    },
  },
  check(context) {
    const { model, options } = context;
    if (model.year !== null && model.year < options.fromYear) return;
    if (model.fees.some((f) => f.part === 6)) return;
    const part6 = model.parts.find((p) => p.part === 6);
    const elsewhere = model.fees[0];
    if (elsewhere) {
      context.report({ messageId: 'elsewhere', at: elsewhere.span });
      return;
    }
    context.report({ messageId: 'missing', data: { year: model.year ?? 'YYYY' }, at: part6?.span ?? model.documentStart });
  },
});
