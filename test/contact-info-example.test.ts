// contact-info's messages show the report's own number, never another city's area code (issue 12 item 7).
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { sampleReport } from '../src/testing/sample.ts';

const contact = (edit: (text: string) => string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  lintText(sampleReport({ edit }), { locale }).messages.filter((m) => m.ruleId === 'contact-info');

describe('contact-info examples', () => {
  it('asks for the local area code in front of the report’s own number', () => {
    const noArea = (t: string) => t.replace('电话：0591-87654321，电子邮箱：xxgk@example.gov.cn', '电话：62345678').replace('福州市', '南京市');
    const [zh] = contact(noArea);
    expect(zh?.messageId).toBe('areaCode');
    expect(zh?.message).toBe('电话“62345678”缺少区号，报告中也没有电子邮箱：应写作“本地区号-62345678”');
    expect(contact(noArea, 'en')[0]?.message).toContain('“<local area code>-62345678”');
  });

  it('gives no other city’s area code when there are no contact details at all', () => {
    const none = (t: string) => t.replace('，电话：0591-87654321，电子邮箱：xxgk@example.gov.cn', '').replace('福州市', '南京市');
    const messages = contact(none);
    expect(messages.map((m) => m.messageId)).toEqual(['missing']);
    expect(messages[0]?.message).not.toMatch(/0\d{2,3}-/);
  });
});
