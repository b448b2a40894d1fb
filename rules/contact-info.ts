import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';

export default builtinRule({
  meta: {
    id: 'contact-info',
    description: {
      'zh-CN': '报告提供联系方式：带区号的电话或电子邮箱；写了邮编的，邮编为6位数字',
      en: 'The report gives contact details: a phone number with area code, or an e-mail address; a postcode, when given, has 6 digits',
    },
    rationale: {
      'zh-CN':
        '条例第十二条要求政府信息公开指南载明联系电话等；年度报告写明联系方式是普遍惯例（福建等地的做法、北大公众参与研究与支持中心的示范报告），并非法定要求，因此默认为警告。',
      en: 'Article 12 requires contact data in the disclosure guide; in the annual report it is a strong convention rather than law, so this rule warns by default.',
    },
    defaultSeverity: 'warn',
    options: z.object({}).strict(),
    messages: {
      missing: {
        'zh-CN': '报告未提供联系方式（带区号的电话或电子邮箱），如“电话：本地区号-办公电话”',
        en: 'The report gives no contact details (a phone number with area code, or an e-mail address), e.g. “电话：<local area code>-<office number>”',
      },
      areaCode: {
        // The report's own number, with its own area code to add: no other city's code as the example.
        'zh-CN': '电话“{phone}”缺少区号，报告中也没有电子邮箱：应写作“本地区号-{phone}”',
        en: 'The phone number “{phone}” has no area code, and the report gives no e-mail address: write it as “<local area code>-{phone}”',
      },
      postcode: { 'zh-CN': '邮编“{postcode}”应为6位数字', en: 'The postcode “{postcode}” should have 6 digits' },
    },
    examples: {
      valid: [{ sample: {} }],
      invalid: [
        { title: '没有联系方式', sample: { opening: '本报告依据《中华人民共和国政府信息公开条例》编制。' }, errors: ['missing'] },
        { title: '邮编位数不对', sample: { replace: [['邮编：350001', '邮编：35001']] }, errors: ['postcode'] },
      ],
    },
  },
  check(context) {
    const { contact, documentStart } = context.model;
    const reachable = contact.emails.length > 0 || contact.phones.some((p) => p.hasAreaCode);
    if (!reachable) {
      const bare = contact.phones[0];
      if (bare) context.report({ messageId: 'areaCode', data: { phone: bare.text }, at: bare.span });
      else context.report({ messageId: 'missing', at: documentStart });
    }
    for (const p of contact.postcodes) {
      if (!/^\d{6}$/.test(p.digits)) context.report({ messageId: 'postcode', data: { postcode: p.digits }, at: p.span });
    }
  },
});
