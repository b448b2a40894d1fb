/**
 * Prose set in two columns side by side (src/reading/pdf/columns.ts): read column by column, only
 * across the lines that have a gutter, never a table's columns, a heading's date far right or a
 * signature. The layouts printed by Chromium (test/fixtures/pdf/layouts/ two-columns and columns-*,
 * from scripts/pdf-fixtures.ts LAYOUTS) read with the Markdown's paragraphs, in its order, each
 * placed where it starts on its page; and a table of made-up lines for the geometry alone.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readPdf } from '../src/reading/pdf/index.ts';
import { extractPdf, type PdfText } from '../src/reading/pdf/extract.ts';
import { readingOrder } from '../src/reading/pdf/columns.ts';
import { lineText, textLines } from '../src/reading/pdf/text.ts';
import { LAYOUTS, layoutReport } from '../scripts/pdf-fixtures.ts';

jest.setTimeout(120_000);

const dir = path.resolve(import.meta.dirname, 'fixtures/pdf/layouts');

/** The prose of a text (Markdown or the PDF read as Markdown): headings and paragraphs, in order, tables left out. */
function prose(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('<'));
}

const COLUMN_LAYOUTS = LAYOUTS.filter((l) => l.name === 'two-columns' || l.name.startsWith('columns-'));

describe.each(COLUMN_LAYOUTS.map((l) => [l.name, l] as const))('%s', (name, layout) => {
  it('reads the paragraphs of the Markdown it was printed from, in order, each placed where it starts', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, `${name}.pdf`)));
    const read = await readPdf(bytes);
    if ('error' in read) throw new Error(read.error);
    // Every paragraph and heading of the Markdown, in its order (a table drawn without lines is read as lines of text too).
    const lines = read.text.split('\n');
    const got = prose(read.text);
    const markdown = prose(await layoutReport(layout));
    let at = 0;
    for (const paragraph of markdown) {
      const found = got.indexOf(paragraph, at);
      expect({ paragraph, found: found >= 0 }).toEqual({ paragraph, found: true });
      at = found + 1;
    }
    // Each paragraph's rectangle holds the run it starts with, on its page.
    const extracted = await extractPdf(bytes);
    if ('error' in extracted) throw new Error(extracted.error);
    lines.forEach((line, i) => {
      const text = line.replace(/^#+\s*/, '');
      if (!markdown.includes(text)) return;
      const place = read.places[i];
      const page = extracted.pages[(place?.page ?? 0) - 1];
      const [x0, y0, x1, y1] = place?.rect ?? [0, 0, 0, 0];
      const inside = (page?.texts ?? []).filter((t) => t.x0 >= x0 - 1 && t.x1 <= x1 + 1 && t.y0 >= y0 - 1 && t.y1 <= y1 + 1);
      const start = text.slice(0, 6);
      expect({ line: text.slice(0, 20), starts: inside.some((t) => t.str.replace(/\s/g, '').startsWith(start)) }).toEqual({
        line: text.slice(0, 20),
        starts: true,
      });
    });
  });
});

/** A made-up run: `x` its left edge, one 12-point character an em wide, line `row` 18 points apart. */
function run(str: string, x: number, row: number, size = 12): PdfText {
  return { str, x0: x, x1: x + [...str].length * size, y0: 100 + row * 18, y1: 100 + row * 18 + size, size, bold: false };
}

/** The page's lines (a text line each: runs apart by wide gaps) read in order, as text. */
const order = (runs: PdfText[]): string[] => readingOrder(textLines(runs)).map((l) => lineText(l.runs));

const L = 70; // the left margin
const R = 334; // the right column's left edge: a 240-point left column (20 ems) to 310, a 2-em gutter
const COL = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸'; // a full column line, 20 characters

describe('readingOrder: where the lines have a gutter', () => {
  const cases: { name: string; runs: PdfText[]; expected: string[] }[] = [
    {
      name: 'two columns of prose: the left column, then the right',
      runs: [run(`左${COL.slice(1)}`, L, 0), run(`右${COL.slice(1)}`, R, 0), run(COL, L, 1), run(COL, R, 1), run('左完。', L, 2), run('右完。', R, 2)],
      expected: [`左${COL.slice(1)}`, COL, '左完。', `右${COL.slice(1)}`, COL, '右完。'],
    },
    {
      name: 'a full-width title and paragraph above and below: only the lines with the gutter by columns',
      runs: [
        run(`题${COL}${COL.slice(0, 19)}`, L, 0),
        run(`左${COL.slice(1)}`, L, 1),
        run(`右${COL.slice(1)}`, R, 1),
        run('左完。', L, 2),
        run('右完。', R, 2),
        run(`尾${COL}${COL.slice(0, 19)}`, L, 3),
      ],
      expected: [`题${COL}${COL.slice(0, 19)}`, `左${COL.slice(1)}`, '左完。', `右${COL.slice(1)}`, '右完。', `尾${COL}${COL.slice(0, 19)}`],
    },
    {
      name: 'the left column longer than the right (unequal columns)',
      runs: [run(`左${COL.slice(1)}`, L, 0), run('右完。', R, 0), run(COL, L, 1), run('左完。', L, 2)],
      expected: [`左${COL.slice(1)}`, COL, '左完。', '右完。'],
    },
    {
      name: 'a heading in larger type at the top of the right column: its lines half a line off the left ones',
      runs: [
        run(`左${COL.slice(1)}`, L, 0),
        run('（三）政府信息管理', R, 0, 14),
        ...[1, 2, 3].map((r) => run(COL, L, r)),
        ...[1, 2, 3].map((r) => ({ ...run(`右${COL.slice(1)}`, R, r), y0: 109 + r * 18, y1: 121 + r * 18 })),
      ],
      expected: [`左${COL.slice(1)}`, COL, COL, COL, '（三）政府信息管理', `右${COL.slice(1)}`, `右${COL.slice(1)}`, `右${COL.slice(1)}`],
    },
    {
      name: 'a heading across the page between two passages in columns: each passage by columns, the heading between',
      runs: [
        run(`左${COL.slice(1)}`, L, 0),
        run(`右${COL.slice(1)}`, R, 0),
        run('左完。', L, 1),
        run('右完。', R, 1),
        { ...run('六、其他需要报告的事项', L, 2, 14), y0: 100 + 2 * 18 + 8, y1: 100 + 2 * 18 + 22 },
        { ...run(`甲${COL.slice(1)}`, L, 4), y0: 100 + 4 * 18 },
        { ...run(`乙${COL.slice(1)}`, R, 4), y0: 100 + 4 * 18 },
        run('甲完。', L, 5),
        run('乙完。', R, 5),
      ],
      expected: [
        `左${COL.slice(1)}`,
        '左完。',
        `右${COL.slice(1)}`,
        '右完。',
        '六、其他需要报告的事项',
        `甲${COL.slice(1)}`,
        '甲完。',
        `乙${COL.slice(1)}`,
        '乙完。',
      ],
    },
    {
      name: "a table's rows (several gaps a line) are no columns",
      runs: [0, 1, 2].flatMap((r) => [run('行政许可事项', L, r), run('12', 200, r), run('3', 260, r), run('15', 320, r)]),
      expected: ['行政许可事项  12  3  15', '行政许可事项  12  3  15', '行政许可事项  12  3  15'],
    },
    {
      name: "a table's two columns (a label and its number) are no columns of prose",
      runs: [run('信息内容', L, 0), run('本年处理决定数量', R, 0), run('行政许可', L, 1), run('21', R + 40, 1), run('行政处罚', L, 2), run('2', R + 40, 2)],
      expected: ['信息内容  本年处理决定数量', '行政许可  21', '行政处罚  2'],
    },
    {
      name: "a heading with its date far right, over a paragraph: the date's gap is no gutter",
      runs: [run('一、总体情况', L, 0), run('2025年1月', 420, 0), run(COL, L + 24, 1), run(COL, L, 2)],
      expected: ['一、总体情况  2025年1月', COL, COL],
    },
    {
      name: 'a signature under a paragraph, right-aligned: no text on the left beside it',
      runs: [run(`${COL}${COL}。`, L, 0), run('福州市示例区工业和信息化局', 350, 1), run('2025年1月15日', 380, 2)],
      expected: [`${COL}${COL}。`, '福州市示例区工业和信息化局', '2025年1月15日'],
    },
    {
      name: 'two signatures side by side (a joint report): short lines, no column of prose',
      runs: [run('甲市示例局', 100, 0), run('乙市示例局', 380, 0), run('2025年1月15日', 100, 1), run('2025年1月15日', 380, 1)],
      expected: ['甲市示例局  乙市示例局', '2025年1月15日  2025年1月15日'],
    },
  ];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(order(c.runs)).toEqual(c.expected);
  });

  it('keeps every run, each in one line (nothing lost, nothing doubled)', () => {
    for (const c of cases) {
      const lines = readingOrder(textLines(c.runs));
      expect(lines.flatMap((l) => l.runs).length).toBe(c.runs.length);
      expect(new Set(lines.flatMap((l) => l.runs)).size).toBe(c.runs.length);
    }
  });
});
