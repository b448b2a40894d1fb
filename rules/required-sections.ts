import * as z from 'zod';
import { builtinRule, type Fix } from '../src/rule.ts';
import { NUMERALS, PART_NAMES } from '../src/model/vocabulary.ts';

const heading = (part: number) => `${NUMERALS[part - 1]}、${PART_NAMES[part - 1]?.official ?? ''}`;

export default builtinRule({
  meta: {
    id: 'required-sections',
    description: {
      'zh-CN': '报告包含规定的六个部分，按一至六的顺序排列，编号和标题正确',
      en: 'The report has the six statutory parts, in order, correctly numbered and worded',
    },
    rationale: {
      'zh-CN':
        '《中华人民共和国政府信息公开条例》第五十条规定了年度报告的内容，国办公开办函〔2021〕30号据此规定报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成，“不能遗漏”。',
      en: 'Article 50 of the Regulations on Government Information Disclosure sets the content of the annual report; the format of 国办公开办函〔2021〕30号 turns it into six parts, which "must not be omitted".',
    },
    defaultSeverity: 'error',
    // A part's numeral and wording: the format fixes both.
    fixable: 'code',
    options: z
      .object({
        /** Accept the alternative headings seen in real reports (docs/format.md §2). */
        allowAliases: z.boolean().default(true),
      })
      .strict(),
    messages: {
      missing: { 'zh-CN': '缺少第{numeral}部分“{heading}”', en: 'Part {numeral} “{heading}” is missing' },
      numbering: {
        'zh-CN': '“{text}”是第{expected}部分，应编号为“{expected}、”，而不是“{found}、”',
        en: '“{text}” is part {expected} and should be numbered “{expected}、”, not “{found}、”',
      },
      order: {
        'zh-CN': '第{numeral}部分“{text}”应在第{before}部分之后',
        en: 'Part {numeral} “{text}” should come after part {before}',
      },
      wording: {
        'zh-CN': '标题“{found}”与规定的“{heading}”不一致',
        en: 'Heading “{found}” differs from the official “{heading}”',
      },
    },
    examples: {
      valid: [{ title: '六个部分齐全', sample: {} }],
      invalid: [
        {
          title: '缺少第五部分',
          sample: { replace: [['五、存在的主要问题及改进情况', '（五）工作打算']] },
          errors: ['missing'],
        },
        {
          title: '编号错误',
          sample: { replace: [['六、其他需要报告的事项', '七、其他需要报告的事项']] },
          errors: ['numbering'],
          output: { sample: {} },
        },
        {
          title: '标题用字与规定不一致（--fix 改为规定的标题）',
          sample: { replace: [['六、其他需要报告的事项', '六、其他需要报告事项']] },
          errors: ['wording'],
          output: { sample: {} },
        },
      ],
    },
  },
  check(context) {
    const { model, options } = context;
    const parts = [...model.parts].sort((a, b) => a.part - b.part);
    for (let n = 1; n <= 6; n++) {
      const part = parts.find((p) => p.part === n);
      if (!part) {
        // Point where the part belongs: at the next part present, else at the end of the last one.
        const next = parts.find((p) => p.part > n);
        const prev = [...parts].reverse().find((p) => p.part < n);
        const at = next?.span ?? prev?.span ?? model.documentStart;
        context.report({ messageId: 'missing', data: { numeral: NUMERALS[n - 1] ?? '', heading: heading(n) }, at: { start: at.start, end: at.end } });
        continue;
      }
      const at = { start: part.span.start, end: part.span.end };
      const written = context.source.slice(part.span.start.offset, part.span.end.offset);
      if (part.numeralValue !== n) {
        // Only when the wording identifies the part for certain (not a near miss).
        const i = written.indexOf(part.numeral);
        const fix: Fix | undefined =
          part.match !== 'fuzzy' && part.numeral !== '' && i >= 0
            ? { range: [part.span.start.offset + i, part.span.start.offset + i + part.numeral.length], text: NUMERALS[n - 1] ?? part.numeral }
            : undefined;
        context.report({
          messageId: 'numbering',
          data: { text: part.text, expected: NUMERALS[n - 1] ?? '', found: part.numeral },
          at,
          ...(fix ? { fix } : {}),
        });
      }
      const before = parts.find((p) => p.part < n && p.span.start.offset > part.span.start.offset);
      if (before)
        context.report({ messageId: 'order', data: { numeral: NUMERALS[n - 1] ?? '', text: part.text, before: NUMERALS[before.part - 1] ?? '' }, at });
      if (part.match === 'fuzzy' || (part.match === 'alias' && !options.allowAliases)) {
        const official = PART_NAMES[n - 1]?.official;
        const i = part.text === '' ? -1 : written.lastIndexOf(part.text);
        // The fix replaces exactly the words the finding names; not when the text right after
        // them starts as the official words end (the fixed heading would say it twice: “情况情况”),
        // nor when the words stop short of the official ending and a letter follows (where the
        // heading ends is then a guess: “…报告的事之” may be the heading or the heading and more).
        const end = part.span.start.offset + i + part.text.length;
        const next = context.source.slice(end, end + 1);
        const repeats = official !== undefined && next !== '' && official.endsWith(next);
        const openEnded = official !== undefined && !part.text.endsWith(official.slice(-1)) && /\p{L}/u.test(next);
        const fix: Fix | undefined =
          official && i >= 0 && i >= written.indexOf(part.numeral) + part.numeral.length && !repeats && !openEnded
            ? { range: [part.span.start.offset + i, end], text: official }
            : undefined;
        context.report({ messageId: 'wording', data: { found: part.text, heading: heading(n) }, at, ...(fix ? { fix } : {}) });
      }
    }
  },
});
