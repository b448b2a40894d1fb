import * as z from 'zod';
import { builtinRule, insertAt } from '../src/rule.ts';
import { reportYear } from './lib/options.ts';
import type { ReportModel } from '../src/model/schema.ts';

/**
 * Suggests “{year}年度本单位未收取信息处理费。” as a paragraph of its own at the end of part 六's
 * text (before the signature), when the report year and part 六 are known.
 */
function addSentence(source: string, model: ReportModel) {
  const part6 = model.parts.find((p) => p.part === 6);
  if (!part6 || model.year === null) return [];
  const signature = model.signature?.span.start.offset;
  let end = signature !== undefined && signature > part6.bodyStart && signature < part6.bodyEnd ? signature : part6.bodyEnd;
  while (end > part6.bodyStart && /\s/.test(source[end - 1] ?? '')) end--;
  const sentence = `${model.year}年度本单位未收取信息处理费。`;
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  return [{ messageId: 'addNoFees', data: { sentence }, fix: insertAt(end, `${newline}${newline}${sentence}`) }];
}

export default builtinRule({
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
    // The sentence for no fees collected: whether that is true, a person must confirm.
    hasSuggestions: true,
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
      addNoFees: {
        'zh-CN': '在第六部分末尾加上“{sentence}”（仅当本年度确未收费）',
        en: 'Add “{sentence}” at the end of part 六 (only if no fees were collected)',
      },
    },
    examples: {
      valid: [
        { sample: {} },
        { title: '有收费金额', sample: { part6: '2024年共收取信息处理费380元。' } },
        { title: '2020年度报告不要求', sample: { year: 2020, part6: '暂无。' } },
      ],
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
    context.report({
      messageId: 'missing',
      data: { year: model.year ?? 'YYYY' },
      at: part6?.span ?? model.documentStart,
      suggest: addSentence(context.source, model),
    });
  },
});
