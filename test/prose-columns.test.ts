/**
 * Two columns of prose side by side in `pdftotext -layout` text (src/reading/prose-columns.ts):
 * read in reading order (the left column, then the right), every character placed where it stands
 * in the source; tables and one-column prose left as they are.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lintText } from '../src/engine/lint.ts';
import { proseInReadingOrder } from '../src/reading/prose-columns.ts';

/** Part 六 of a report printed with its signature beside the paragraph (test/fixtures/pdf/layouts/columns-mixed, as pdftotext -layout printed it). */
const PART6 = [
  '六、其他需要报告的事项',
  '',
  '     2024 年 度 本 单 位 未 收 取 信 息 处 理                福州市示例区工业和信息化局',
  '费。本单位认真落实政务公开工作要点，                               2025年1月15日',
  '无其他需要报告的事项。',
  '',
  '',
  '                                          —3—',
  '',
].join('\n');

describe('two columns of prose in -layout text', () => {
  it('part 六 with the signature beside its paragraph: the paragraph, then the signature', () => {
    const order = proseInReadingOrder(PART6);
    expect(order?.text.length).toBe(PART6.length);
    expect(order?.text.split('\n').map((l) => l.trim())).toEqual([
      '六、其他需要报告的事项',
      '',
      '2024 年 度 本 单 位 未 收 取 信 息 处 理',
      '费。本单位认真落实政务公开工作要点，',
      '无其他需要报告的事项。',
      '福州市示例区工业和信息化局',
      '2025年1月15日',
      '',
      '',
      '—3—',
      '',
    ]);
  });

  it('the fee statement and the signature are found there, at their places in the text', () => {
    const text = `福州市示例区工业和信息化局2024年政府信息公开工作年度报告\n\n一、总体情况\n\n本局做好政府信息公开工作。\n\n${PART6}`;
    const model = lintText(text, { keepModel: true, locale: 'zh-CN' }).model;
    expect(model?.fees.map((f) => f.text.replace(/\s/g, ''))).toEqual(['2024年度本单位未收取信息处理费']);
    expect(model?.signature?.agency).toBe('福州市示例区工业和信息化局');
    expect(model?.signature?.date).toEqual({ year: 2025, month: 1, day: 15 });
    // The signature's place is where it is printed: lines 9–10 of the text, the right column.
    expect([model?.signature?.span.start.line, model?.signature?.span.end.line]).toEqual([9, 10]);
    expect(model?.signature?.span.start.column).toBe(PART6.split('\n')[2]!.indexOf('福州') + 1);
  });

  it('a table’s rows and headers, a title, one-column prose: left as they are', () => {
    for (const text of [
      '        信息内容                          本年处理决定数量\n        行政许可                                    21\n',
      '         行政复议                         行政诉讼\n                   未经复议直接起诉          复议后起诉\n',
      '福州市示例区工业和信息化局2024年政府信息公开工作年\n                              度报告\n   本报告依据《条例》编制。\n',
      ' 一、本年新收政府信息公开申请数量     25         0     0   0    0     0   25\n 二、上年结转政府信息公开申请数量     0          0     0   0    0     0      0\n',
    ])
      expect(proseInReadingOrder(text)).toBeNull();
  });

  it('property: any two columns of sentences read left column first, each character placed where it stands', () => {
    const ideograph = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    const sentence = fc.tuple(fc.array(ideograph, { minLength: 4, maxLength: 30 }), fc.constantFrom('，', '。', '；')).map(([cs, p]) => cs.join('') + p);
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 1, maxLength: 4 }),
        fc.array(sentence, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 8, max: 16 }),
        fc.integer({ min: 4, max: 9 }),
        fc.integer({ min: 0, max: 3 }),
        (left, right, width, gap, shift) => {
          // Each column wrapped at `width` characters; the right one starts `gap` past the widest left line.
          const wrap = (s: string[]) => s.join('').match(new RegExp(`.{1,${width}}`, 'gu')) ?? [];
          const l = wrap(left);
          const r = wrap(right);
          // Two lines side by side at least (one alone may be a heading beside a line).
          fc.pre(l.length >= 2 && r.length >= 2);
          const at = width + gap;
          const lines = Array.from({ length: Math.max(l.length, r.length) }, (_, i) => {
            const a = l[i] ?? '';
            const b = r[i];
            // The right column's first line indented a little (a paragraph's first line).
            return b === undefined ? a : a.padEnd(at + (i === 0 ? shift : 0)) + b;
          });
          const source = `前文。\n\n${lines.join('\n')}\n\n后文。\n`;
          const order = proseInReadingOrder(source);
          expect(order).not.toBeNull();
          if (!order) return;
          expect(order.text.length).toBe(source.length);
          expect(order.text.replace(/\s/g, '')).toBe(`前文。${left.join('')}${right.join('')}后文。`);
          for (let i = 0; i < order.text.length; i++) if (/\S/.test(order.text[i] ?? '')) expect(source[order.toSource(i)]).toBe(order.text[i]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
