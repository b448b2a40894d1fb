import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';

const FORMAT_2021 = '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）';
const NOTICE_2019 = '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）';

export default builtinRule({
  meta: {
    id: 'citations',
    description: {
      'zh-CN': '引用的文件名称与文号相符，条例的国务院令号正确，不引用其他年度的年度工作要点或任务分解',
      en: 'Cited titles match their document numbers, the 条例 is cited with the right State Council order, and no annual work plan of another year is cited',
    },
    rationale: {
      'zh-CN':
        '常见的引用错误：把国办公开办函〔2019〕60号的标题《…关于政府信息公开工作年度报告有关事项的通知》配上〔2021〕30号；把条例写成“国务院令第771号”（应为第711号，2019年修订；2007年原条例为第492号）；在2024年度报告中引用2022年的政务公开工作要点或任务分解。',
      en: 'Common citation errors: the title of notice 〔2019〕60号 paired with number 〔2021〕30号; the 条例 cited as order No. 771 (it is 711, 2019 revision; 492 for 2007); a 2024 report citing the 2022 annual work plan.',
    },
    defaultSeverity: 'warn',
    options: z.object({}).strict(),
    messages: {
      titleNumber: {
        'zh-CN': '文号“{number}”对应的文件是{expected}，而不是《{title}》',
        en: 'Document number “{number}” is {expected}, not 《{title}》',
      },
      orderNumber: {
        'zh-CN': '《中华人民共和国政府信息公开条例》是国务院令第711号（2019年修订）或第492号（2007年），不是第{number}号',
        en: 'The 条例 is State Council order No. 711 (2019 revision) or No. 492 (2007), not No. {number}',
      },
      staleAnnual: {
        'zh-CN': '{year}年度报告引用了{cited}年的年度文件《{title}》，请确认是否应引用{year}年的文件',
        en: 'This {year} report cites the {cited} annual document 《{title}》; check whether the {year} one is meant',
      },
    },
    examples: {
      valid: [{ sample: { replace: [['编制。', `和${FORMAT_2021}编制。`]] } }],
      invalid: [
        {
          title: '30号配了60号的标题',
          sample: { replace: [['编制。', `和${NOTICE_2019.replace('〔2019〕60号', '〔2021〕30号')}编制。`]] },
          errors: ['titleNumber'],
        },
        {
          title: '令号错误',
          sample: { replace: [['《中华人民共和国政府信息公开条例》', '《中华人民共和国政府信息公开条例》（国务院令第771号）']] },
          errors: ['orderNumber'],
        },
      ],
    },
  },
  check(context) {
    const { model } = context;
    for (const c of model.citations) {
      const at = { start: c.span.start, end: c.span.end };
      const title = c.title.replace(/\s+/g, '');
      if (c.number?.includes('2021〕30号') && title.includes('年度报告有关事项')) {
        context.report({ messageId: 'titleNumber', data: { number: c.number, title: c.title, expected: FORMAT_2021.replace(/（.*$/, '') }, at });
      } else if (c.number?.includes('2019〕60号') && /关于印发/.test(title)) {
        context.report({ messageId: 'titleNumber', data: { number: c.number, title: c.title, expected: NOTICE_2019.replace(/（.*$/, '') }, at });
      }
      // An annual plan (工作要点, 主要任务, 任务分解) names its year in its title.
      const annual = /((?:19|20)\d{2})\s*年度?[^》]{0,20}(?:工作要点|主要任务|任务分解)/.exec(title);
      if (annual && model.year !== null && Number(annual[1]) !== model.year && Number(annual[1]) !== model.year + 1) {
        context.report({ messageId: 'staleAnnual', data: { year: model.year, cited: annual[1] ?? '', title: c.title }, at });
      }
    }
    for (const o of model.orderNumbers) {
      if (o.number !== 711 && o.number !== 492) context.report({ messageId: 'orderNumber', data: { number: o.number }, at: o.span });
    }
  },
});
