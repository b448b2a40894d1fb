/**
 * TextStream (src/reading/tables/rows.ts): a row label found across token breaks, leaving out
 * whole pieces of a group label printed beside it (a vertical 三、本年度办理结果 one character a
 * line, a group's name wrapped beside its children's labels), never part of a piece.
 */
import { describe, expect, it } from '@jest/globals';
import { headerPieces } from '../src/reading/tables/pieces.ts';
import { TextStream } from '../src/reading/tables/rows.ts';
import type { Token } from '../src/reading/tokens.ts';

const tokens = (...texts: string[]): Token[] =>
  texts.map((norm, i) => ({
    kind: 'text',
    raw: norm,
    norm,
    value: null,
    start: i * 10,
    end: i * 10 + norm.length,
    rowKey: String(i),
    delimited: false,
    glued: false,
  }));
const GROUP = new Set(['本', '年', '度', '开', '公开', '禁止', '三、']);
const stream = (ts: Token[]) =>
  new TextStream(
    ts,
    0,
    ts.length,
    () => false,
    (t) => GROUP.has(t.norm),
  );

describe('TextStream.find', () => {
  it('finds a label whose last character stands after a piece of the group label (予以公 / 本 / 开)', () => {
    const ts = tokens('三、', '(一)予以公', '本', '开', '年', '度', '(二)部分公');
    // “开” is optional too (a piece of 不予公开): the label takes it, and leaves out 本.
    expect(stream(ts).find('予以公开', 0)).toMatchObject({ first: 1, last: 3 });
  });

  it('leaves out several optional pieces in a row, between any two characters of the label', () => {
    const ts = tokens('1.其他法律行政法规', '禁止', '本', '公开', '年');
    // Here 禁止 and 公开 are the label's own: only 本 is left out.
    const m = stream(ts).find('其他法律行政法规禁止公开', 0);
    expect(m).toMatchObject({ first: 0, last: 3 });
    expect(stream(tokens('属于', '本', '年', '国家秘密')).find('属于国家秘密', 0)).toMatchObject({ first: 0, last: 3 });
  });

  it('prefers the text as it stands, and the earliest start', () => {
    const ts = tokens('本年新收', '本', '年新收');
    expect(stream(ts).find('本年新收', 0)).toMatchObject({ first: 0, last: 0, pos: 0, next: 4 });
    expect(stream(ts).find('本年新收', 1)).toMatchObject({ first: 1, last: 2 });
  });

  it('leaves out the optional prefix of a token where the label goes on in it (（五）开出版)', () => {
    const ts = tokens('3.要求', '提供公', '(五)开出版', '不', '物');
    const prefixed = new TextStream(
      ts,
      0,
      ts.length,
      () => false,
      (t) => t.norm === '不',
      (t) => (t.norm.startsWith('(五)') ? 3 : 0),
    );
    expect(prefixed.find('要求提供公开出版物', 0)).toMatchObject({ first: 0, last: 4 });
    expect(stream(ts).find('要求提供公开出版物', 0)).toBeNull();
  });

  it('never leaves out part of a token, nor a token that is not optional', () => {
    expect(stream(tokens('予以公', '本年', '开')).find('予以公开', 0)).toBeNull();
    expect(stream(tokens('予以公', '其', '开')).find('予以公开', 0)).toBeNull();
  });
});

describe('headerPieces', () => {
  const words = ['本年度办理结果', '不予公开', '无法提供', '社会公益组织', '法律服务机构', '商业企业', '总计'];
  it('takes runs of header and group-label pieces and enumerators for what they are', () => {
    for (const w of ['果(三)', '理(三)', '本(五)', '社会公益组法律服务机', '结不予', '(三', ')不予公开', '三、本法提供'])
      expect([w, headerPieces(w, words)]).toEqual([w, true]);
  });
  it('not other text: a row label, two lone characters, more than three pieces', () => {
    for (const w of ['信访举', '合计', '商总业计', '本年度不予公开无法提供总计商业']) expect([w, headerPieces(w, words)]).toEqual([w, false]);
  });
});
