import * as z from 'zod';
import { builtinRule, replaceSpan } from '../src/rule.ts';

export default builtinRule({
  meta: {
    id: 'statistical-period',
    description: {
      'zh-CN': '报告写明数据的统计期限，并且覆盖报告年度的1月1日至12月31日',
      en: 'The report states the period its data covers, and it is 1 January to 31 December of the report year',
    },
    rationale: {
      'zh-CN':
        '年度报告反映上一年度的工作（条例第四十九条），统计期限应为报告年度全年。四川 DB51/T 2660—2019 明确统计期限为上一年1月1日至12月31日；评估中“统计时限不明”是常见问题。',
      en: 'The report covers the previous calendar year (Article 49); Sichuan standard DB51/T 2660—2019 spells out 1 January–31 December. A missing or wrong period makes the numbers meaningless.',
    },
    defaultSeverity: 'error',
    // The year of the period, when the title states the report year and the period is a whole
    // year; another period is offered as the whole report year, for a person to confirm.
    fixable: 'code',
    hasSuggestions: true,
    options: z.object({}).strict(),
    messages: {
      missing: {
        'zh-CN': '未写明统计期限，如“本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”',
        en: 'The statistical period is not stated, e.g. “本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”',
      },
      wrongYear: {
        'zh-CN': '统计期限“{text}”不是报告年度，应为{year}年1月1日至{year}年12月31日',
        en: 'The statistical period “{text}” is not the report year; expected {year}-01-01 to {year}-12-31',
      },
      writeReportYear: {
        'zh-CN': '改为“{text}”',
        en: 'Write “{text}”',
      },
      notFullYear: {
        'zh-CN': '统计期限“{text}”应覆盖全年：{year}年1月1日至{year}年12月31日',
        en: 'The statistical period “{text}” should cover the whole year: {year}-01-01 to {year}-12-31',
      },
    },
    examples: {
      valid: [{ sample: {} }],
      invalid: [
        {
          title: '年份与标题不符（--fix 改为标题的年份）',
          sample: { replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] },
          errors: ['wrongYear'],
          output: { sample: {} },
        },
        { title: '未写统计期限', sample: { replace: [[/本报告中所列数据的统计期限[^。]*。/, '']] }, errors: ['missing'] },
      ],
    },
  },
  check(context) {
    const { period, year, title, documentStart } = context.model;
    if (!period) {
      context.report({ messageId: 'missing', data: { year: year ?? 'YYYY' }, at: title?.span ?? documentStart });
      return;
    }
    const at = period.span;
    const text = period.text.replace(/\s+/g, '');
    const startYear = period.start.year;
    const endYear = period.end.year ?? startYear;
    // The report year comes from the title; without one, the period must at least be one whole year.
    const expected = title?.year ?? startYear;
    const whole = period.start.month === 1 && period.start.day === 1 && period.end.month === 12 && period.end.day === 31;
    if (expected !== null && (startYear !== expected || endYear !== expected)) {
      // The whole period is rewritten, start and end together: its numbers in order are the
      // start's year, month and day, the end's year (when written), month and day.
      const written = context.source.slice(period.span.start.offset, period.span.end.offset);
      const numbers = [...written.matchAll(/\d+/g)];
      const target = numbers.length === 6 ? [expected, 1, 1, expected, 12, 31] : [expected, 1, 1, 12, 31];
      let k = 0;
      const rewritten = written.replace(/\d+/g, () => String(target[k++]));
      const usable = title?.year != null && written === period.text && (numbers.length === 5 || numbers.length === 6) && rewritten !== written;
      // Certain only when the title states the year and only the years are wrong (the period is
      // a whole year): the years become the title's. Other dates would change what the figures
      // cover: the whole report year is a suggestion.
      const edit = usable ? replaceSpan(period.span, rewritten) : undefined;
      const offer = edit
        ? whole
          ? { fix: edit }
          : { suggest: [{ messageId: 'writeReportYear', data: { text: rewritten.replace(/\s+/g, '') }, fix: edit }] }
        : {};
      context.report({ messageId: 'wrongYear', data: { text, year: expected }, at, ...offer });
      return;
    }
    if (!whole) context.report({ messageId: 'notFullYear', data: { text, year: expected ?? startYear ?? 'YYYY' }, at });
  },
});
