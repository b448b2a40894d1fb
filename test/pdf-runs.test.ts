/**
 * Glyphs gathered into runs (src/reading/pdf/runs.ts), measured on the page in ems: a gap of at
 * most a tenth of an em joins, up to 0.6 em is one space, more begins a run, as do a step back,
 * a glyph off the baseline, another font or size; the character spacing is no gap, nor is a gap
 * that sets every two glyphs of a run apart alike (letter spacing as TJ numbers); a space shown
 * stands between two glyphs of a run; a column in a vertical font is a run down the page. And,
 * whatever the gaps, no glyph is lost or moved: the runs hold the glyphs in their order.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Matrix } from '../src/reading/pdf/own-text.ts';
import { type Glyph, Runs, type TextRun } from '../src/reading/pdf/runs.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';

const SIZE = 10;

/** A glyph of a 10 pt font, 1 em wide, at (x, y), written left to right (or down, `vertical`). */
function glyph(unicode: string, x: number, y: number, more: Partial<Glyph> = {}): Glyph {
  const vertical = more.vertical ?? false;
  const at: Matrix = [SIZE, 0, 0, SIZE, x, y];
  return { unicode, at, end: vertical ? [x, y - SIZE] : [x + SIZE, y], tracking: 0, em: SIZE, size: SIZE, font: 'F', fontName: 'f1', vertical, ...more };
}

/** The runs of a line of glyphs, each `gaps[i]` ems after the one before. */
function line(text: string, gaps: number[], more: Partial<Glyph> = {}): TextRun[] {
  const items: TextRun[] = [];
  const runs = new Runs(items);
  let x = 0;
  [...text].forEach((c, i) => {
    x += (gaps[i - 1] ?? 0) * SIZE;
    runs.add(glyph(c, x, 100, more));
    x += SIZE;
  });
  runs.end();
  return items;
}

const strs = (items: TextRun[]): string[] => items.map((r) => r.str);

describe('runs', () => {
  it('joins kerning and tracking, spaces a word space, begins a run at a cell boundary or a step back', () => {
    expect(strs(line('abcd', [0, 0.05, -0.1]))).toEqual(['abcd']);
    expect(strs(line('ab12', [0, 0.3, 0]))).toEqual(['ab 12']);
    expect(strs(line('年度12', [0, 0.55, 0]))).toEqual(['年度 12']);
    expect(strs(line('ab12', [0, 0.8, 0]))).toEqual(['ab', '12']);
    expect(strs(line('ab12', [0, -0.3, 0]))).toEqual(['ab', '12']);
  });

  it('measures a run from its first glyph to where the pen ended', () => {
    const [run] = line('ab c', [0, 0.3, 0.3]);
    expect(run?.width).toBeCloseTo(SIZE * (4 + 0.6));
    expect(run?.transform).toEqual([SIZE, 0, 0, SIZE, 0, 100]);
  });

  it('begins a run off the baseline, or in another font or size', () => {
    const items: TextRun[] = [];
    const runs = new Runs(items);
    runs.add(glyph('a', 0, 100));
    runs.add(glyph('b', 10, 103)); // a third of an em up: a superscript, another line
    runs.add(glyph('c', 20, 103, { font: 'G' }));
    runs.add(glyph('d', 30, 103, { font: 'G', size: 9 }));
    runs.add(glyph('e', 40, 103.5, { font: 'G', size: 9 })); // a twentieth of an em: the same line
    runs.end();
    expect(strs(items)).toEqual(['a', 'b', 'c', 'de']);
  });

  it('leaves the character spacing out of the gap: letter-spaced text is one word', () => {
    // Tc of 1.5 pt at 10 pt is 0.15 em after each glyph; a space shown has its own.
    const items: TextRun[] = [];
    const runs = new Runs(items);
    let x = 0;
    for (const c of '2024年 报告') {
      if (c === ' ') {
        runs.space(1.5);
        x += 2.5 + 1.5;
        continue;
      }
      runs.add(glyph(c, x, 100, { tracking: 1.5 }));
      x += SIZE + 1.5;
    }
    runs.end();
    expect(strs(items)).toEqual(['2024年 报告']);
  });

  it('takes a gap that sets every two glyphs of a run apart alike as letter spacing written as TJ numbers', () => {
    // The same 0.15 em after every glyph, as a TJ number instead of Tc: one word, as with Tc.
    expect(strs(line('2024年', [0.15, 0.15, 0.15, 0.15]))).toEqual(['2024年']);
    // A wider gap than the run's letter spacing is still a gap: two cells' values stay two.
    expect(strs(line('123456', [0.15, 0.15, 0.45, 0.15, 0.15]))).toEqual(['123 456']);
    expect(strs(line('12345678', [0.2, 0.2, 0.2, 0.9, 0.2, 0.2, 0.2]))).toEqual(['1234', '5678']);
    // Only where the spacing is the rule of the run: a gap between the spacing and a word space, glyphs
    // that touch (a line justified by TJ numbers), or too few gaps to show a rule, and each gap is read alone.
    expect(strs(line('20245', [0.15, 0.2, 0.15, 0.15]))).toEqual(['2 0 2 4 5']);
    expect(strs(line('abcdef', [0, 0.3, 0, 0.3, 0]))).toEqual(['ab cd ef']);
    expect(strs(line('abcdef', [0.3, 0.3, 0, 0.3, 0.3]))).toEqual(['a b cd e f']);
    expect(strs(line('123', [0.15, 0.15]))).toEqual(['1 2 3']);
    expect(strs(line('12', [0.15]))).toEqual(['1 2']);
  });

  it('keeps a space shown between two glyphs, even where it leaves no gap', () => {
    const items: TextRun[] = [];
    const runs = new Runs(items);
    runs.add(glyph('a', 0, 100));
    runs.space(0);
    runs.add(glyph('b', 10, 100));
    runs.space(0); // a space before the run's end is none of its text
    runs.end();
    runs.space(0);
    runs.add(glyph('c', 40, 100));
    runs.end();
    expect(strs(items)).toEqual(['a b', 'c']);
  });

  it('reads a column of a vertical font down the page, as broad as its glyphs', () => {
    const items: TextRun[] = [];
    const runs = new Runs(items);
    [...'三、本年度'].forEach((c, i) => runs.add(glyph(c, 90, 200 - i * SIZE - 0.1 * i, { vertical: true })));
    runs.add(glyph('结', 120, 200, { vertical: true }));
    runs.end();
    expect(items.map((r) => [r.str, r.width])).toEqual([
      ['三、本年度', SIZE],
      ['结', SIZE],
    ]);
  });

  it('loses and moves no glyph, whatever the gaps (property; gaps away from the bounds)', () => {
    const glyphs = fc.array(
      fc.record({ c: fc.constantFrom(...'政府信息公开ab12'), gap: fc.constantFrom(-2, -0.5, -0.15, 0, 0.04, 0.08, 0.2, 0.35, 0.5, 0.7, 1.5, 3) }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(glyphs, (gs) => {
        const items = line(
          gs.map((g) => g.c).join(''),
          gs.slice(1).map((g) => g.gap),
        );
        expect(items.map((r) => r.str.replaceAll(' ', '')).join('')).toBe(gs.map((g) => g.c).join(''));
        // A space only where the gap before the glyph is a word space; each of them one unless three
        // or more could be a run's letter spacing.
        const spaces = gs.slice(1).filter((g) => g.gap > 0.1 && g.gap <= 0.6).length;
        const read = items.reduce((n, r) => n + (r.str.match(/ /g)?.length ?? 0), 0);
        if (spaces < 3) expect(read).toBe(spaces);
        else expect(read).toBeLessThanOrEqual(spaces);
      }),
      { numRuns: Math.round(200 * PROPERTY_SCALE) },
    );
  });
});
