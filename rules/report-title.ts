import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';

export default builtinRule({
  meta: {
    id: 'report-title',
    description: {
      'zh-CN': '报告有标题，标题写明机关名称和年份，并使用“政府信息公开工作年度报告”的规范名称',
      en: 'The report has a title naming the agency and the year, with the standard words 政府信息公开工作年度报告',
    },
    rationale: {
      'zh-CN':
        '标题通常为“[机关全称][年份]年政府信息公开工作年度报告”（也见“[年份]年[机关全称]…”）。缺少机关或年份的报告无法归档和检索，评估中按“未按照要素撰写”扣分。',
      en: 'The title is “[agency][year]年政府信息公开工作年度报告” (or year first). A report without agency or year cannot be filed or found, and evaluators mark it down.',
    },
    defaultSeverity: 'error',
    options: z.object({}).strict(),
    messages: {
      missing: {
        'zh-CN': '缺少报告标题，应为“[机关全称][年份]年政府信息公开工作年度报告”',
        en: 'The report has no title; expected “[agency][year]年政府信息公开工作年度报告”',
      },
      noYear: { 'zh-CN': '标题“{title}”未写明年份', en: 'The title “{title}” does not state the year' },
      noAgency: { 'zh-CN': '标题“{title}”未写明机关名称', en: 'The title “{title}” does not name the agency' },
      wording: {
        'zh-CN': '标题“{title}”应使用规范名称“政府信息公开工作年度报告”',
        en: 'The title “{title}” should use the standard name 政府信息公开工作年度报告',
      },
    },
    examples: {
      valid: [{ sample: {} }, { title: '年份在前', sample: { title: '2024年福州市示例区工业和信息化局政府信息公开工作年度报告' } }],
      invalid: [
        { title: '没有标题', sample: { title: null }, errors: ['missing'] },
        { title: '没有年份', sample: { title: '福州市示例区工业和信息化局政府信息公开工作年度报告' }, errors: ['noYear'] },
      ],
    },
  },
  check(context) {
    const { title } = context.model;
    if (!title) {
      context.report({ messageId: 'missing', at: context.model.documentStart });
      return;
    }
    const at = { start: title.span.start, end: title.span.end };
    const data = { title: title.text };
    if (title.year === null) context.report({ messageId: 'noYear', data, at });
    if (title.agency === null) context.report({ messageId: 'noAgency', data, at });
    if (!title.standardWording) context.report({ messageId: 'wording', data, at });
  },
});
