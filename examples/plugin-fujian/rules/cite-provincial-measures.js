// fujian/cite-provincial-measures: a Fujian report cites 《福建省政府信息公开办法》 in its opening.
//
// Written with the same API as xxgk-lint's built-in rules (rules/*.ts in the xxgk-lint repository):
// metadata (id, texts in zh-CN and en, default severity, a zod options schema, messages, examples)
// and a `check` that reads the report model and reports by message id.
import { defineRule, sampleReport, z } from 'xxgk-lint';

const MEASURES = '福建省政府信息公开办法';
const STATUTE = '《中华人民共和国政府信息公开条例》';

/** An order number right after a citation: （省政府令第134号）, (福建省人民政府令第134号). */
const ORDER_AFTER = /^[ \u3000]*[（(][^（）()\n]{0,20}?令[ \u3000]*第[ \u3000]*(\d+)[ \u3000]*号/;

export default defineRule({
  meta: {
    id: 'cite-provincial-measures',
    description: {
      'zh-CN': '报告开头（第一部分之前）说明编制依据时引用《福建省政府信息公开办法》（省政府令第134号）',
      en: 'The opening of the report (before part 一) cites 《福建省政府信息公开办法》 (provincial government order No. 134) as a basis',
    },
    rationale: {
      'zh-CN':
        '《福建省政府信息公开办法》（福建省人民政府令第134号，2014年5月1日起施行）是福建省政府信息公开工作的省政府规章。福建省各级行政机关的年度报告在开头说明编制依据时，通常在《中华人民共和国政府信息公开条例》之后引用该办法（如泉州市洛江区、上杭县的报告）。该办法早于2019年修订的条例，其中的公布期限已由条例第四十九条取代，因此本规则只检查引用，不检查期限。其他省份可以用选项改为本省的规章。',
      en: 'The 福建省政府信息公开办法 (Fujian provincial government order No. 134, in force since 1 May 2014) governs information disclosure in Fujian. Fujian agencies name it next to the national 条例 when their report states its basis (as the reports of 洛江区 and 上杭县 do). It predates the 2019 revision of the 条例, whose Article 49 now sets the deadlines, so this rule checks the citation only. Other provinces can name their own regulation in the options.',
    },
    defaultSeverity: 'warn',
    options: z
      .object({
        /** The regulation to cite, without 《》. */
        title: z.string().min(1).default(MEASURES),
        /** Its order number (…令第N号), checked when the report gives one; null accepts any. */
        orderNumber: z.number().int().positive().nullable().default(134),
      })
      .strict(),
    messages: {
      missing: {
        'zh-CN': '开头部分没有引用《{title}》：请在说明编制依据时，在条例之后写明《{title}》',
        en: 'The opening does not cite 《{title}》: name it after the 条例 where the report states its basis',
      },
      notInOpening: {
        'zh-CN': '《{title}》只在正文中引用，应在开头部分说明编制依据时引用',
        en: '《{title}》 is cited only in the body; cite it in the opening, where the report states its basis',
      },
      wrongNumber: {
        'zh-CN': '《{title}》是省政府令第{expected}号，不是第{number}号',
        en: '《{title}》 is provincial government order No. {expected}, not No. {number}',
      },
    },
    examples: {
      valid: [
        {
          title: '开头引用条例和办法',
          code: sampleReport({ edit: (text) => text.replace(`${STATUTE}编制`, `${STATUTE}和《${MEASURES}》（省政府令第134号）编制`) }),
        },
        {
          title: '不写令号也可以',
          code: sampleReport({ edit: (text) => text.replace(`${STATUTE}编制`, `${STATUTE}、《${MEASURES}》编制`) }),
        },
        {
          title: '其他省份：选项改为本省规章',
          options: { title: '上海市政府信息公开规定', orderNumber: null },
          code: sampleReport({ edit: (text) => text.replace(`${STATUTE}编制`, `${STATUTE}和《上海市政府信息公开规定》编制`) }),
        },
      ],
      invalid: [
        { title: '开头只引用了条例', code: sampleReport(), errors: ['missing'] },
        {
          title: '只在第一部分中引用',
          code: sampleReport({ edit: (text) => text.replace('认真贯彻落实《条例》', `认真贯彻落实《条例》和《${MEASURES}》`) }),
          errors: ['notInOpening'],
        },
        {
          title: '令号错误',
          code: sampleReport({ edit: (text) => text.replace(`${STATUTE}编制`, `${STATUTE}和《${MEASURES}》（省政府令第143号）编制`) }),
          errors: ['wrongNumber'],
        },
      ],
    },
    url: 'https://github.com/xxgk-lint/xxgk-lint/blob/main/examples/plugin-fujian/README.md#fujiancite-provincial-measures',
  },

  check(context) {
    const { model, options, source } = context;
    const wanted = options.title.replace(/\s+/g, '');
    const cited = model.citations.filter((c) => c.title.replace(/\s+/g, '') === wanted);
    // The opening: everything before the first of the six parts (model.preamble).
    const inOpening = cited.filter((c) => c.span.start.offset < model.preamble.end);
    const data = { title: options.title };

    if (inOpening.length === 0) {
      if (cited.length > 0) {
        context.report({ messageId: 'notInOpening', data, at: cited[0].span });
        return;
      }
      // Point at the sentence that states the basis (where the 条例 is cited), else at the title.
      const statute = model.citations.find((c) => c.title.includes('政府信息公开条例') && c.span.start.offset < model.preamble.end);
      const at = statute?.span ?? model.title?.span ?? model.documentStart;
      context.report({ messageId: 'missing', data, at });
      return;
    }

    if (options.orderNumber === null) return;
    for (const c of inOpening) {
      const after = source.slice(c.span.end.offset, c.span.end.offset + 40);
      const m = ORDER_AFTER.exec(after);
      if (!m || Number(m[1]) === options.orderNumber) continue;
      // Underline the digits (the match stays on the citation's line).
      const start = { line: c.span.end.line, column: c.span.end.column + m[0].lastIndexOf(m[1]) };
      context.report({
        messageId: 'wrongNumber',
        data: { ...data, expected: options.orderNumber, number: Number(m[1]) },
        at: { start, end: { line: start.line, column: start.column + m[1].length } },
      });
    }
  },
});
