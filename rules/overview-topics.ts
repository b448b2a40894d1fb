import { list } from '../src/i18n.ts';
import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';
import { reportYear } from './lib/options.ts';
import { OVERVIEW_TOPICS } from '../src/model/vocabulary.ts';

export default builtinRule({
  meta: {
    id: 'overview-topics',
    description: {
      'zh-CN': '“总体情况”涉及主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面',
      en: 'The overview (总体情况) covers its five topics: proactive disclosure, disclosure on request, information management, platforms, supervision',
    },
    rationale: {
      'zh-CN':
        '国办公开办函〔2021〕30号规定，总体情况主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面；各级人民政府的报告还应包括工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）。按词语判断是否涉及，属提示性检查，默认为警告。',
      en: 'The 2021 format says the overview mainly covers five topics. This is judged from the words used, so it warns by default.',
    },
    defaultSeverity: 'warn',
    options: z
      .object({
        /** First report year the 2021 format's topic list applies to. */
        fromYear: reportYear(2021),
      })
      .strict(),
    messages: {
      missingTopic: {
        'zh-CN': '“总体情况”未涉及{topics}方面（格式要求总体情况主要包括：{all}）',
        en: 'The overview does not cover {topics} (the format lists: {all})',
      },
    },
    examples: {
      valid: [{ sample: {} }],
      invalid: [
        {
          title: '缺少平台建设',
          sample: { replace: [['、平台建设', '']] },
          errors: ['missingTopic'],
        },
        {
          title: '缺少三个方面：一条提示',
          sample: { replace: [['做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作', '做好主动公开工作']] },
          errors: ['missingTopic'],
        },
      ],
    },
  },
  check(context) {
    const { model, options } = context;
    const overview = model.parts.find((p) => p.part === 1);
    if (!overview || model.overviewTopics === null || (model.year !== null && model.year < options.fromYear)) return;
    const all = OVERVIEW_TOPICS.map((t) => t.topic).join('、');
    const missing = OVERVIEW_TOPICS.filter(({ topic }) => !model.overviewTopics?.includes(topic)).map(({ topic }) => `“${topic}”`);
    // All the gaps in one finding: they have one place and one cure.
    if (missing.length > 0)
      context.report({
        messageId: 'missingTopic',
        data: { topics: list(missing, context.locale), count: missing.length, all },
        at: overview.span,
      });
  },
});
