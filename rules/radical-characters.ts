import * as z from 'zod';
import { unifyRadicals } from '../src/model/radicals.ts';
import { builtinRule, replaceSpan } from '../src/rule.ts';

export default builtinRule({
  meta: {
    id: 'radical-characters',
    description: {
      'zh-CN': '正文不用部首字符冒充汉字（如“⼯作”中的“⼯”是康熙部首，应为“工”）',
      en: 'The text uses characters, not radicals that look like them (the ⼯ of “⼯作” is a Kangxi radical, not 工)',
    },
    rationale: {
      'zh-CN':
        '部分字体（思源/Noto 等）把“工、人、一、民、长”等字的字形对应到康熙部首或部首补充区的码位，用这些字体生成的 PDF 复制出的文字看起来一样，实际是另外的字符：网站检索、政务公开平台的关键词检查和读屏软件都认不出“⼈⺠政府”“⼯作年度报告”。本工具读取时按对应汉字理解，修复时逐字替换。',
      en: 'Some fonts (Source Han/Noto among them) map the glyphs of 工, 人, 一, 民, 长… to code points of the Kangxi Radicals or CJK Radicals Supplement blocks; text copied from PDFs made with them looks the same but is other characters, which site search, keyword checks and screen readers do not recognise (“⼈⺠政府”, “⼯作年度报告”). The linter reads them as the characters; the fix replaces them one for one.',
    },
    defaultSeverity: 'warn',
    fixable: 'code',
    options: z.object({}).strict(),
    messages: {
      radicals: {
        'zh-CN': '文中有{count}处部首字符冒充汉字（{examples}），看起来一样，但检索和复制时是另外的字符，多见于从 PDF 复制的文字',
        en: 'The text has {count} radicals standing for characters ({examples}): they look the same but search and copy see other characters (text copied from PDFs)',
      },
    },
    examples: {
      valid: [{ sample: {} }],
      invalid: [
        {
          title: '从 PDF 复制的“⼯作”“⼈⺠”',
          sample: {
            replace: [
              ['福州市示例区工业', '福州市示例区⼯业'],
              ['监督保障工作', '监督保障⼯作'],
            ],
          },
          errors: ['radicals'],
          output: { sample: {} },
        },
      ],
    },
  },
  check(context) {
    const { radicals } = context.model;
    if (!radicals) return;
    const examples = radicals.examples.map((e) => `${e.written}→${e.meant}`).join('、');
    const { start, end } = radicals.span;
    context.report({
      messageId: 'radicals',
      data: { count: radicals.count, examples },
      at: radicals.span,
      fix: replaceSpan(radicals.span, unifyRadicals(context.source.slice(start.offset, end.offset))),
    });
  },
});
