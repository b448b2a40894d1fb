/**
 * Table 三 whose （七）总计 row is not read (nine values for seven cells, as letter-spaced digits
 * misread give): R1 (一 + 二 = （七） + 四) and R2 (（七） = Σ outcomes) both need it, but together
 * they still hold without it, 一 + 二 = Σ outcomes + 四 column by column (rules/lib/sums.ts
 * `withoutTotal`). A wrong cell then breaks that and its row's own total, so it is found at its cell,
 * not at the row's 总计 (wrongcell-measure: the PDF of letter-spaced digits).
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { sampleReport } from '../src/testing/sample.ts';

const UNREAD_TOTAL: [string, string] = ['（七）总计\t17\t1\t0\t0\t0\t1\t19', '（七）总计\t1\t7\t1\t0\t0\t0\t1\t1\t9'];

/** The sample report with （七）总计 unread and the other replacements; its table-sums findings. */
function sums(...replace: Array<[string, string]>): Array<{ messageId: string; cell: string | number | undefined; message: string }> {
  let text = sampleReport({});
  for (const [from, to] of [UNREAD_TOTAL, ...replace]) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const result = lintText(text, { locale: 'zh-CN' });
  // The row itself is one table-structure finding.
  expect(result.messages.filter((m) => m.ruleId === 'table-structure').map((m) => m.message)).toEqual([
    '“（七）总计”应有7个数值，实际读到9个，该行不参与合计校验',
  ]);
  return result.messages.filter((m) => m.ruleId === 'table-sums').map((m) => ({ messageId: m.messageId, cell: m.data['cell'], message: m.message }));
}

describe('（七）总计 unread: 一 + 二 = Σ outcomes + 四 still checks the columns', () => {
  it('a consistent table: no sum finding', () => {
    expect(sums()).toEqual([]);
  });

  it('a wrong outcome cell is found at its cell, once, naming both relations', () => {
    const found = sums(['（一）予以公开\t7\t', '（一）予以公开\t9\t']);
    expect(found.map((f) => [f.messageId, f.cell])).toEqual([['several', '（一）予以公开·自然人']]);
    expect(found[0]?.message).toContain('R1+R2：18 + 1 = 19 ≠ 9 + 2 + 8 + 2 = 21');
  });

  it('a wrong cell of 一 is found at its cell', () => {
    const found = sums(['一、本年新收政府信息公开申请数量\t18\t', '一、本年新收政府信息公开申请数量\t15\t']);
    expect(found.map((f) => [f.messageId, f.cell])).toEqual([['several', '一、本年新收政府信息公开申请数量·自然人']]);
  });

  it('a wrong total of an outcome row is found at that total', () => {
    const found = sums(['（一）予以公开\t7\t1\t0\t0\t0\t0\t8', '（一）予以公开\t7\t1\t0\t0\t0\t0\t9']);
    expect(found.map((f) => [f.messageId, f.cell])).toEqual([['several', '（一）予以公开·总计']]);
  });

  it('with 四 unread too, no column relation: the row total alone, at the total (never a guessed cell)', () => {
    let text = sampleReport({});
    for (const [from, to] of [
      UNREAD_TOTAL,
      ['四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2', '四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\t0\t0'],
      ['（一）予以公开\t7\t', '（一）予以公开\t9\t'],
    ] as Array<[string, string]>) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    const found = lintText(text, { locale: 'zh-CN' }).messages.filter((m) => m.ruleId === 'table-sums');
    expect(found.map((m) => [m.messageId, m.data['cell']])).toEqual([['R3', '（一）予以公开·总计']]);
  });
});
