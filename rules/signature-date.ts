import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';
import { monthDay } from './lib/options.ts';

export default builtinRule({
  meta: {
    id: 'signature-date',
    description: {
      'zh-CN': '报告末尾有署名和成文日期，日期不晚于法定公布期限（部门1月31日，人民政府3月31日）',
      en: 'The report ends with the agency and a date, no later than the statutory deadline (31 January for departments, 31 March for people’s governments)',
    },
    rationale: {
      'zh-CN':
        '条例第四十九条：县级以上人民政府部门应当在每年1月31日前公布本行政机关上一年度的年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府上一年度的年度报告。没有署名和日期的网页转载无法证明按时公布（“发布不及时”是评估扣分项）。机关名称以“人民政府”结尾的按3月31日计，其余按1月31日计。',
      en: 'Article 49: departments publish by 31 January, people’s governments by 31 March. A report without agency and date cannot show it was on time. Agencies whose name ends in 人民政府 get 31 March, others 31 January.',
    },
    defaultSeverity: 'warn',
    options: z
      .object({
        /** Deadline for departments, MM-DD of the year after the report year. */
        departmentDeadline: monthDay('01-31'),
        /** Deadline for people's governments (机关名称以“人民政府”结尾). */
        governmentDeadline: monthDay('03-31'),
      })
      .strict(),
    messages: {
      missing: {
        'zh-CN': '报告末尾没有署名和成文日期（如“{agency}”和“{year}年1月20日”）',
        en: 'The report does not end with the agency and a date (e.g. “{agency}” and “{year}年1月20日”)',
      },
      late: {
        'zh-CN': '成文日期{date}晚于公布期限{deadline}（条例第四十九条）',
        en: 'The date {date} is after the deadline {deadline} (Article 49)',
      },
      early: { 'zh-CN': '成文日期{date}早于报告年度结束', en: 'The date {date} is before the end of the report year' },
    },
    examples: {
      valid: [{ sample: {} }, { title: '人民政府的报告：3月31日前', sample: { signature: '福州市示例区人民政府\n\n2025年3月20日' } }],
      invalid: [
        { title: '没有落款', sample: { signature: null }, errors: ['missing'] },
        { title: '部门报告晚于1月31日', sample: { signature: '福州市示例区工业和信息化局\n\n2025年3月2日' }, errors: ['late'] },
      ],
    },
  },
  check(context) {
    const { model, options } = context;
    const agency = model.title?.agency ?? '';
    // Without a signature in the body, the front matter's `date` is the publication date.
    const signed = model.signature ?? (model.published ? { agency: null, date: model.published, span: model.published.span } : null);
    if (!signed) {
      const end = model.parts.find((p) => p.part === 6)?.span ?? model.documentStart;
      context.report({ messageId: 'missing', data: { agency: agency || '机关名称', year: (model.year ?? 2024) + 1 }, at: end });
      return;
    }
    if (model.year === null) return;
    const { year, month, day } = signed.date;
    const date = `${year}年${month}月${day}日`;
    const at = signed.span;
    const government = /人民政府$/.test(signed.agency ?? agency);
    const [dm, dd] = (government ? options.governmentDeadline : options.departmentDeadline).split('-').map(Number);
    const key = (y: number, m: number, d: number) => y * 10000 + m * 100 + d;
    if (key(year, month, day) <= key(model.year, 12, 31)) {
      context.report({ messageId: 'early', data: { date }, at });
    } else if (key(year, month, day) > key(model.year + 1, dm ?? 1, dd ?? 31)) {
      context.report({ messageId: 'late', data: { date, deadline: `${model.year + 1}年${dm}月${dd}日` }, at });
    }
  },
});
