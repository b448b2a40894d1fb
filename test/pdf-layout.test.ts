/**
 * The PDF layout on pages built by hand (src/reading/pdf/layout.ts): the grid from ruling lines,
 * merged cells where a line is missing, a run across a column line split, a table continued on the
 * next page joined (its merged cell too, its repeated header dropped), page numbers dropped and
 * paragraphs rejoined across lines and pages.
 */
import { describe, expect, it } from '@jest/globals';
import type { PdfLine, PdfPage, PdfText } from '../src/reading/pdf/extract.ts';
import { isHeaderWords, pdfToHtml, splitAtColumns } from '../src/reading/pdf/layout.ts';

const text = (str: string, x0: number, y0: number, size = 10): PdfText => ({
  str,
  x0,
  y0,
  x1: x0 + [...str].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size / 2), 0),
  y1: y0 + size,
  size,
  bold: false,
});
const h = (x0: number, x1: number, y: number): PdfLine => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): PdfLine => ({ x0: x, x1: x, y0, y1 });
const page = (number: number, texts: PdfText[], lines: PdfLine[]): PdfPage => ({ number, width: 595, height: 842, texts, lines });

/** The table rows of the HTML, one string per row: cells joined by |, spans as @rowspan x colspan. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr>\n([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<td(?: rowspan="(\d+)")?(?: colspan="(\d+)")?>(.*)<\/td>/g)]
      .map(([, r, c, t]) => `${t}${r || c ? `@${r ?? 1}x${c ?? 1}` : ''}`)
      .join('|'),
  );
}

describe('tables from ruling lines', () => {
  it('builds the grid, merges cells where a line is missing, keeps a wrapped label whole', () => {
    // Columns at 100, 200, 300, 400; rows at 100, 120, 140, 160. The label cell spans rows 2–3
    // (no line at 140 under it); the header spans columns 2–3 (no line at 300 in row 1).
    const lines = [
      h(100, 400, 100),
      h(200, 400, 120),
      h(100, 400, 160),
      h(200, 400, 140),
      h(100, 200, 120),
      v(100, 100, 160),
      v(200, 100, 160),
      v(300, 120, 160),
      v(400, 100, 160),
    ];
    const texts = [
      text('信息', 105, 104),
      text('申请人情况', 220, 104),
      text('本年新收', 105, 124),
      text('申请数量', 105, 144),
      text('1', 240, 124),
      text('2', 340, 124),
      text('3', 240, 144),
      text('4', 340, 144),
    ];
    const { html, places } = pdfToHtml([page(1, texts, lines)]);
    expect(rows(html)).toEqual(['信息|申请人情况@1x2', '本年新收申请数量@2x1|1|2', '3|4']);
    const cell = places[html.split('\n').indexOf('<td>4</td>')];
    expect(cell).toMatchObject({ page: 1, rect: [300, 140, 400, 160], row: '本年新收申请数量' });
  });

  it('splits a run that crosses column lines at its spaces', () => {
    const run = text('7 1 0', 205, 124);
    const pieces = splitAtColumns({ ...run, x1: 390 }, [200, 262, 324, 400]);
    expect(pieces.map((p) => p.str)).toEqual(['7', '1', '0']);
    expect(splitAtColumns(text('本年新收', 105, 124), [100, 200])).toHaveLength(1);
  });

  it('joins a table continued on the next page: the merged cell goes on, the repeated header is dropped', () => {
    const header = [text('项目', 105, 704), text('数量', 205, 704)];
    const first = page(
      1,
      [...header, text('三、结果', 105, 724), text('1', 205, 724), text('2', 205, 744)],
      // No line under the last row: the table goes on.
      [h(100, 300, 700), h(100, 300, 720), h(200, 300, 740), v(100, 700, 760), v(200, 700, 760), v(300, 700, 760)],
    );
    const second = page(
      2,
      [text('项目', 105, 104), text('数量', 205, 104), text('3', 205, 124), text('合计', 105, 144), text('6', 205, 144)],
      // The repeated header, then the label cell's column has no line over its first row.
      [h(100, 300, 100), h(100, 300, 120), h(100, 300, 140), h(100, 300, 160), v(100, 100, 160), v(200, 100, 160), v(300, 100, 160)],
    );
    const { html } = pdfToHtml([first, second]);
    expect(html.match(/<table>/g)).toHaveLength(1);
    expect(rows(html)).toEqual(['项目|数量', '三、结果@3x1|1', '2', '3', '合计|6']);
    // A footer under the table (not a page number, on this page alone) does not cut it either.
    const footed = pdfToHtml([{ ...first, texts: [...first.texts, text('（转下页）', 250, 780)] }, second]).html;
    expect(footed.match(/<table>/g)).toHaveLength(1);
  });

  it("keeps a blank 表二 row at a page's head apart from the row at the foot before: two whole labels are two rows, a label's piece goes on", () => {
    // Columns 100, 200, 260, 320, 380. Page 1 ends with 规章 | 0 | 0 | 0, closed by the table's edge
    // at the foot; page 2 starts with a row holding only its label, closed by the edge at its head
    // (a row broken across pages is drawn so too).
    const xs = [100, 200, 260, 320, 380];
    const ruled = (y0: number, y1: number): PdfLine[] => [h(100, 380, y0), h(100, 380, y1), ...xs.map((x) => v(x, y0, y1))];
    const first = (label: string): PdfPage =>
      page(
        1,
        [text('信息内容', 105, 724), text('本年制发件数', 205, 724, 5), text('本年废止件数', 265, 724, 5), text('现行有效件数', 325, 724, 5)].concat(
          text(label, 105, 744),
          ['0', '0', '0'].map((n, k) => text(n, 225 + 60 * k, 744)),
        ),
        [...ruled(720, 740), ...ruled(740, 760)],
      );
    const second = (label: string): PdfPage => page(2, [text(label, 105, 104)], ruled(100, 120));
    expect(rows(pdfToHtml([first('规章'), second('行政规范性文件')]).html)).toEqual([
      '信息内容|本年制发件数|本年废止件数|现行有效件数',
      '规章|0|0|0',
      '行政规范性文件|||',
    ]);
    // The rest of a label wrapped at the page's foot (its values in the part before) goes on.
    expect(rows(pdfToHtml([first('其他对外管理服务'), second('事项')]).html)).toEqual([
      '信息内容|本年制发件数|本年废止件数|现行有效件数',
      '其他对外管理服务事项@2x1|0@2x1|0@2x1|0@2x1',
      '',
    ]);
  });

  it('keeps a row alone on the next page apart from the merged header row before the break, whose wide text fills several fine columns', () => {
    // Four columns (100, 200, 250, 300, 400); the last two rows' value cell spans columns 2–4, as
    // table 二's 本年收费金额 does. Page 1 ends with that header row, its words in three runs
    // across the fine columns; page 2 holds the row 行政事业性收费 | 9116.36 alone.
    const first = page(
      1,
      [text('信息内容', 105, 744), text('本年', 205, 744), text('收费金额', 255, 744), text('（万元）', 320, 744)],
      [h(100, 400, 720), h(100, 400, 740), h(100, 400, 760), v(100, 720, 760), v(200, 720, 760), v(250, 720, 740), v(300, 720, 740), v(400, 720, 760)],
    );
    first.texts.unshift(text('信息内容', 105, 724), text('1', 205, 724), text('2', 255, 724), text('3', 305, 724));
    const second = page(
      2,
      [text('行政事业性收费', 105, 104), text('9116.36', 260, 104)],
      [h(100, 400, 100), h(100, 400, 120), v(100, 100, 120), v(200, 100, 120), v(400, 100, 120)],
    );
    const { html } = pdfToHtml([first, second]);
    expect(rows(html)).toEqual(['信息内容|1|2|3', '信息内容|本年收费金额（万元）@1x3', '行政事业性收费|9116.36@1x3']);
  });
  it("reads a table's first row alone at a page's foot, a frame with nothing inside, with the table on the next page; the footnote under it after the table", () => {
    // Table 二's merged row 第二十条第（一）项 (one cell: only a frame) ends page 1, a footnote with a
    // date under it, below Word's footnote rule; page 2 starts with the rest of the table, as wide.
    const first = page(
      1,
      [text('第二十条第（一）项', 105, 724), text('1 本表数据统计时限为2024年1月1日至12月31日。', 100, 770, 9)],
      [h(100, 400, 720), h(100, 400, 740), v(100, 720, 740), v(400, 720, 740), h(100, 180, 760)],
    );
    const second = page(
      2,
      [text('信息内容', 105, 104), text('本年制发件数', 205, 104), text('规章', 105, 124), text('3', 205, 124)],
      [h(100, 400, 100), h(100, 400, 120), h(100, 400, 140), v(100, 100, 140), v(200, 100, 140), v(400, 100, 140)],
    );
    const { html } = pdfToHtml([first, second]);
    expect(rows(html)).toEqual(['第二十条第（一）项@1x2', '信息内容|本年制发件数', '规章|3']);
    expect(html.indexOf('本表数据统计时限')).toBeGreaterThan(html.indexOf('规章'));
    // A frame holding other text (a boxed note) at a page's foot stays a text box.
    const boxed = page(1, [text('注：以上数据截至年底。', 105, 724)], first.lines);
    expect(rows(pdfToHtml([boxed, second]).html)).toEqual(['信息内容|本年制发件数', '规章|3']);
  });
  it('drops a repeated header of two rows whose merged cell text falls on the other side of a row line on the next page', () => {
    // The header: a label cell over two rows (no line at the middle under it) beside 申请人 / 数量.
    // Its text, centred, sits on the middle line: just above it on page 1, just below on page 2.
    const headerLines = (y: number): PdfLine[] => [
      h(100, 300, y),
      h(200, 300, y + 20),
      h(100, 300, y + 40),
      v(100, y, y + 40),
      v(200, y, y + 40),
      v(300, y, y + 40),
    ];
    const headerTexts = (y: number, shift: number): PdfText[] => [text('项目', 105, y + 14.8 + shift), text('申请人', 205, y + 4), text('数量', 205, y + 24)];
    const first = page(
      1,
      [...headerTexts(680, 0), text('一、新收', 105, 724), text('1', 205, 724)],
      [...headerLines(680), h(100, 300, 740), v(100, 720, 740), v(200, 720, 740), v(300, 720, 740)],
    );
    const second = page(
      2,
      [...headerTexts(100, 0.8), text('二、结转', 105, 144), text('2', 205, 144)],
      [...headerLines(100), h(100, 300, 160), v(100, 140, 160), v(200, 140, 160), v(300, 140, 160)],
    );
    const { html } = pdfToHtml([first, second]);
    expect(html.match(/<table>/g)).toHaveLength(1);
    expect(rows(html)).toEqual(['项目@2x1|申请人', '数量', '一、新收|1', '二、结转|2']);
  });

  it("drops a table's repeated first row whose merged cell goes on below it, and that cell's text drawn again over the row under it", () => {
    // Table 二 as one table: 信息内容 over the part's two header rows (no line under it at 700),
    // its text at the foot of that merged cell. Word repeats only the first row at page 2's head,
    // closed by a line across the table; the writer draws 信息内容 where it stood on page 1, over
    // the label of the row under the repeated one.
    const first = page(
      1,
      [text('第二十条第（一）项', 205, 684), text('信息内容', 105, 705), text('本年制发件数', 205, 704), text('规章', 105, 724), text('1', 205, 724)],
      [h(100, 300, 680), h(200, 300, 700), h(100, 300, 720), h(100, 300, 740), v(100, 680, 740), v(200, 680, 740), v(300, 680, 740)],
    );
    const repeated = [text('第二十条第（一）项', 205, 104), text('信息内容', 105, 125)];
    const second = (texts: PdfText[]): PdfPage =>
      page(
        2,
        [...texts, text('行政强制', 105, 125), text('2', 205, 125)],
        [h(100, 300, 100), h(100, 300, 120), h(100, 300, 140), v(100, 100, 140), v(200, 100, 140), v(300, 100, 140)],
      );
    const read = ['信息内容@2x1|第二十条第（一）项', '本年制发件数', '规章|1', '行政强制|2'];
    const { html } = pdfToHtml([first, second(repeated)]);
    expect(html.match(/<table>/g)).toHaveLength(1);
    expect(rows(html)).toEqual(read);
    // A writer that clips the merged cell to the repeated row draws none of its text: the row goes.
    expect(rows(pdfToHtml([first, second(repeated.slice(0, 1))]).html)).toEqual(read);
    // Text under the repeated row that is not the merged cell's drawing (another string there) stays.
    const other = [repeated[0] as PdfText, text('信息公开', 105, 125)];
    expect(rows(pdfToHtml([first, second(other)]).html)).toEqual([...read.slice(0, 3), '信息公开行政强制|2']);
  });

  it('reads a table printed as two, split by its columns with “（续表）” between, as one where the row labels pair them exactly', () => {
    // Each part: 项目 over two header rows, 申请人情况 over its two value columns; the same labels.
    const part = (y: number, words: [string, string], labels: string[], values: [string, string][]): { texts: PdfText[]; lines: PdfLine[] } => ({
      texts: [
        text('项目', 105, y + 14),
        text('申请人情况', 205, y + 4),
        text(words[0], 205, y + 24, 5),
        text(words[1], 255, y + 24, 5),
        ...labels.flatMap((label, k) => [
          text(label, 105, y + 44 + 20 * k),
          text(values[k]?.[0] ?? '', 215, y + 44 + 20 * k),
          text(values[k]?.[1] ?? '', 265, y + 44 + 20 * k),
        ]),
      ],
      lines: [
        h(100, 300, y),
        h(200, 300, y + 20),
        ...labels.map((_, k) => h(100, 300, y + 40 + 20 * k)),
        h(100, 300, y + 40 + 20 * labels.length),
        v(100, y, y + 40 + 20 * labels.length),
        v(200, y, y + 40 + 20 * labels.length),
        v(250, y + 20, y + 40 + 20 * labels.length),
        v(300, y, y + 40 + 20 * labels.length),
      ],
    });
    const read = (labelsB: string[], words: [string, string] = ['其他', '总计']): string[] => {
      const a = part(
        100,
        ['自然人', '商业企业'],
        ['一、新收', '二、结转'],
        [
          ['1', '2'],
          ['0', '1'],
        ],
      );
      const b = part(220, words, labelsB, [
        ['3', '6'],
        ['0', '1'],
      ]);
      return rows(pdfToHtml([page(1, [...a.texts, text('（续表）', 100, 195), ...b.texts], [...a.lines, ...b.lines])]).html);
    };
    expect(read(['一、新收', '二、结转'])).toEqual(['项目@2x1|申请人情况@1x4', '自然人|商业企业|其他|总计', '一、新收|1|2|3|6', '二、结转|0|1|0|1']);
    // Labels that do not pair row for row: two tables, as printed.
    expect(read(['一、新收', '三、结果'])).toEqual([
      '项目@2x1|申请人情况@1x2',
      '自然人|商业企业',
      '一、新收|1|2',
      '二、结转|0|1',
      '项目@2x1|申请人情况@1x2',
      '其他|总计',
      '一、新收|3|6',
      '三、结果|0|1',
    ]);
    // A second table under the same column words is no continuation of the first's columns.
    expect(read(['一、新收', '二、结转'], ['自然人', '商业企业'])).toHaveLength(8);
  });

  it('keeps a group label cut by two page breaks whole: its column on the middle page drawn with vertical lines only', () => {
    // The group label 三、结果 runs down the first column over three pages. On page 2 that column
    // has no horizontal line at all (Chromium draws none for a cell that goes on), so its lines
    // touch nothing; the label's last character 果 stands in it; its first line is cut by page 1's edge.
    const first = page(
      1,
      [text('项目', 105, 704), text('数量', 205, 704), text('三、', 105, 724), text('结', 105, 752), text('1', 205, 724), text('2', 205, 744)],
      [h(100, 300, 700), h(100, 300, 720), h(200, 300, 740), v(100, 700, 760), v(200, 700, 760), v(300, 700, 760)],
    );
    const second = page(
      2,
      [text('果', 105, 102), text('3', 205, 104), text('4', 205, 124)],
      [h(200, 300, 100), h(200, 300, 120), h(200, 300, 760), v(100, 100, 760), v(200, 100, 760), v(300, 100, 760)],
    );
    const third = page(
      3,
      [text('5', 205, 104), text('合计', 105, 124), text('15', 205, 124)],
      [h(200, 300, 100), h(100, 300, 120), h(100, 300, 140), v(100, 100, 140), v(200, 100, 140), v(300, 100, 140)],
    );
    const { html, places } = pdfToHtml([first, second, third]);
    expect(html.match(/<table>/g)).toHaveLength(1);
    expect(rows(html)).toEqual(['项目|数量', '三、结果@5x1|1', '2', '3', '4', '5', '合计|15']);
    expect(places[html.split('\n').indexOf('<td>5</td>')]).toMatchObject({ page: 3, row: '三、结果', column: '数量' });
  });
});

describe('tables drawn without vertical lines (read as aligned text)', () => {
  it('drops the header a table repeats at the top of the next page, keeps its rows apart from paragraphs', () => {
    const row = (label: string, values: string, y: number): PdfText[] => [text(label, 72, y), text(values, 300, y)];
    const pages = [
      page(
        1,
        [
          text('三、收到和处理', 72, 80, 14),
          text('申请人情况', 300, 100),
          text('自然人', 300, 116),
          ...row('（一）予以公开', '1', 140),
          ...row('（二）部分公开', '2', 740),
        ],
        [],
      ),
      page(2, [text('申请人情况', 300, 80), text('自然人', 300, 96), ...row('（三）不予公开', '3', 120)], []),
    ];
    const { html } = pdfToHtml(pages);
    expect(html.match(/申请人情况/g)).toHaveLength(1);
    expect(html.match(/自然人/g)).toHaveLength(1);
    expect(html).toContain('<p>（二）部分公开  2</p>\n<p>（三）不予公开  3</p>');
  });

  it('keeps a table header that stands in the top tenth of each page: header words are never a running header', () => {
    // Table 三 starts page 1 and goes on on page 2, its header repeated there at the same height;
    // a running header above both. Only the running header and the repeated header go.
    const row = (label: string, values: string, y: number): PdfText[] => [text(label, 72, y), text(values, 300, y)];
    const head = (y: number): PdfText[] => [
      text('某区人民政府信息公开年度报告', 72, 30),
      text('申请人情况', 300, y),
      text('社会公益', 300, y + 16),
      text('法律服务', 360, y + 16),
    ];
    const pages = [
      page(1, [...head(50), ...row('（一）予以公开', '1', 100), ...row('（二）部分公开', '2', 740)], []),
      page(2, [...head(50), ...row('（三）不予公开', '3', 100)], []),
    ];
    const { html } = pdfToHtml(pages);
    expect(html).not.toContain('某区人民政府');
    expect(html.match(/申请人情况/g)).toHaveLength(1);
    expect(html.match(/社会公益 {2}法律服务/g)).toHaveLength(1);
    expect(html.indexOf('申请人情况')).toBeLessThan(html.indexOf('（一）予以公开'));
  });

  it('keeps runs about an em apart as two cells (the narrow columns of a tight table), runs closer as one text', () => {
    const pages = [
      page(1, [text('三、收到和处理', 72, 80, 14), text('一、本年新收', 72, 120), text('195', 300, 120), text('53', 326, 120), text('7', 346, 120)], []),
    ];
    // 195 ends at 315: 53 is 1.1 em after it (two cells); 7 is 1 em after 53 ends at 336 (two cells).
    expect(pdfToHtml(pages).html).toContain('<p>一、本年新收  195  53  7</p>');
    const close = [page(1, [text('收到申请', 72, 120), text('195', 114, 120), text('件', 131, 120)], [])];
    expect(pdfToHtml(close).html).toContain('<p>收到申请195件</p>');
  });

  it('names the columns of a table drawn without vertical lines from the alignment of its values under the header words', () => {
    // Values right-aligned under 自然人 (x 300–330) and 商业企业 (wrapped 商业 / 企业, x 360–380);
    // 申请人情况 stands over both and names neither.
    const texts = [
      text('三、收到和处理', 72, 80),
      text('申请人情况', 320, 100),
      text('自然人', 300, 116),
      text('商业', 360, 116),
      text('企业', 360, 132),
      text('（一）予以公开', 72, 150),
      text('12', 320, 150),
      text('3', 375, 150),
      text('（二）部分公开', 72, 170),
      text('7', 325, 170),
      text('40', 370, 170),
    ];
    const { html, places } = pdfToHtml([page(1, texts, [])]);
    const at = html.split('\n').indexOf('<p>（二）部分公开  7  40</p>');
    expect(places[at]).toMatchObject({ table: '三', row: '（二）部分公开', columns: ['自然人', '商业企业'] });
    // A column with no header word of its own: no column is named.
    const unnamed = pdfToHtml([
      page(
        1,
        texts.filter((t) => !['商业', '企业'].includes(t.str)),
        [],
      ),
    ]);
    expect(unnamed.places.some((p) => p?.columns !== undefined)).toBe(false);
  });

  it("hands over a row that leaves a column empty as a table row with a blank cell, where the header's lowest cells place each value", () => {
    // 行政复议 stands over 维持 and 纠正 (a group); 维持 (x 300–320), 纠正 (330–350), 总计 (360–380) are the columns.
    const header = [text('三、收到和处理', 72, 80), text('行政复议', 300, 100), text('维持', 300, 116), text('纠正', 330, 116), text('总计', 360, 116)];
    const full = [text('（一）予以公开', 72, 150), text('12', 302, 150), text('3', 335, 150), text('15', 362, 150)];
    const texts = [...header, ...full, text('（二）部分公开', 72, 170), text('7', 335, 170), text('7', 365, 170)];
    const { html, places } = pdfToHtml([page(1, texts, [])]);
    // The full row stays a line of text; the row with nothing under 维持 is a row of cells, the blank one empty.
    expect(html).toContain('<p>（一）予以公开  12  3  15</p>');
    expect(rows(html)).toEqual(['（二）部分公开||7|7']);
    const lines = html.split('\n');
    expect(places[lines.indexOf('<td>7</td>')]).toMatchObject({ table: '三', row: '（二）部分公开', column: '纠正' });
    expect(places[lines.indexOf('<td></td>')]).toMatchObject({ table: '三', row: '（二）部分公开' });
    expect(places[lines.indexOf('<td></td>')]?.column).toBeUndefined();
    // A value over two columns (77777 across 维持 and 纠正): which one holds it is not certain, the row stays text.
    const straddling = pdfToHtml([page(1, [...header, ...full, text('（二）部分公开', 72, 170), text('77777', 316, 170), text('7', 365, 170)], [])]).html;
    expect(straddling).not.toContain('<table>');
    expect(straddling).toContain('<p>（二）部分公开  77777  7</p>');
    // Digits among the rows over a value column (a number wrapped in its cell over two lines): left as text.
    const wrapped = pdfToHtml([
      page(1, [...texts, text('（三）不予公开', 72, 190), text('1', 303, 190), text('2', 335, 190), text('3', 365, 190), text('0', 303, 206)], []),
    ]).html;
    expect(wrapped).not.toContain('<table>');
    // Without the header's columns (no word over 维持's column), nothing is placed.
    const headless = pdfToHtml([
      page(
        1,
        texts.filter((t) => t.str !== '维持'),
        [],
      ),
    ]).html;
    expect(headless).not.toContain('<table>');
  });

  it("reads a line holding only a 表二 row's label, under a header that shows that row's columns, as the row left blank", () => {
    const header = [
      text('二、主动公开政府信息情况', 72, 60),
      text('信息内容', 72, 80),
      text('本年制发件数', 200, 80),
      text('本年废止件数', 300, 80),
      text('现行有效件数', 400, 80),
    ];
    const texts = [...header, text('规章', 72, 100), text('1', 228, 100), text('0', 328, 100), text('1', 428, 100), text('行政规范性文件', 72, 116)];
    const { html } = pdfToHtml([page(1, texts, [])]);
    expect(rows(html)).toEqual(['行政规范性文件|||']);
    expect(html).toContain('<p>规章  1  0  1</p>');
    // A label that is no row of the template's (a label's second line), or a header whose columns are
    // not that row's: left as text.
    const other = pdfToHtml([page(1, [...texts.slice(0, -1), text('规范性文件（续）', 72, 116)], [])]).html;
    expect(other).not.toContain('<table>');
    const columns = pdfToHtml([
      page(
        1,
        texts.map((t) => (t.str === '现行有效件数' ? { ...t, str: '对外公开总数量' } : t)),
        [],
      ),
    ]).html;
    expect(columns).not.toContain('<table>');
  });

  it("reads 表二's label lines under a header of 信息内容 alone (no column words, no value anywhere) as rows left blank, and a row under another row's columns of its form", () => {
    // The 2019 form: 规章 with its values, 政府集中采购 under 规章's columns with none; then 第（五）项
    // headed by 信息内容 alone, its two rows with nothing beside them; a note after.
    const texts = [
      text('二、主动公开政府信息情况', 72, 60),
      text('信息内容', 72, 80),
      text('本年新制作数量', 200, 80),
      text('本年新公开数量', 300, 80),
      text('对外公开总数量', 400, 80),
      text('规章', 72, 100),
      text('0', 235, 100),
      text('0', 335, 100),
      text('0', 435, 100),
      text('政府集中采购', 72, 116),
      text('第二十条第（五）项', 72, 140),
      text('信息内容', 72, 160),
      text('行政许可', 72, 180),
      text('其他对外管理服务事项', 72, 200),
      text('注：本表“本年收费金额”单位为万元。', 72, 220),
    ];
    const { html } = pdfToHtml([page(1, texts, [])]);
    expect(rows(html)).toEqual(['政府集中采购|||', '行政许可', '其他对外管理服务事项']);
    // A digit in the line after the labels (a value that may be theirs), or column words under
    // 信息内容: the sub-table stays text.
    const valued = pdfToHtml([page(1, [...texts.slice(0, -1), text('12', 300, 216)], [])]).html;
    expect(rows(valued)).toEqual(['政府集中采购|||']);
    const worded = pdfToHtml([page(1, [...texts.slice(0, 12), text('处理决定数量', 300, 160), ...texts.slice(12)], [])]).html;
    expect(rows(worded)).toEqual(['政府集中采购|||']);
  });

  it("places 表二's values by the header of their own sub-table, not the first one's", () => {
    // 本年处理决定数量 heads one column over the three of the first sub-table: 2293, centred there, is its only value.
    const texts = [
      text('二、主动公开政府信息情况', 72, 60),
      text('信息内容', 72, 80),
      text('本年制发件数', 200, 80),
      text('本年废止件数', 300, 80),
      text('现行有效件数', 400, 80),
      text('规章', 72, 100),
      text('1', 228, 100),
      text('0', 328, 100),
      text('1', 428, 100),
      text('第二十条第（五）项', 72, 120),
      text('信息内容', 72, 140),
      text('本年处理决定数量', 290, 140),
      text('行政许可', 72, 160),
      text('2293', 320, 160),
      text('行政处罚', 72, 180),
      text('12', 325, 180),
    ];
    const { html, places } = pdfToHtml([page(1, texts, [])]);
    expect(html).not.toContain('<table>');
    expect(html).toContain('<p>行政许可  2293</p>');
    // Nor is 2293 named by the first sub-table's column it stands under (本年废止件数).
    expect(places[html.split('\n').indexOf('<p>行政许可  2293</p>')]?.columns).toBeUndefined();
    expect(places[html.split('\n').indexOf('<p>规章  1  0  1</p>')]?.columns).toEqual(['本年制发件数', '本年废止件数', '现行有效件数']);
  });

  it('gives a row its label wrapped over lines centred on its values (a table without rules), beside a group label one character a line', () => {
    // Lines 14 pt apart; value columns at 300 and 340. The group label 三、本 stands one character
    // a line at x 72; row labels start at 100. Row 1 has its label; row 2's label, two lines, is
    // centred on its values (one line above, one below); row 3's label, four lines, too, with the
    // rest of row 2's label and row 4's first line the nearest lines (the enumerator tells).
    const texts = [
      text('三、收到和处理政府信息公开申请情况', 72, 60, 12),
      text('自然人', 290, 80),
      text('总计', 335, 80),
      text('8.属于行政查询事项', 100, 100),
      text('1', 300, 100),
      text('1', 340, 100),
      text('三', 72, 114),
      text('1.本机关不掌握相关政', 100, 114),
      text('2', 300, 121),
      text('2', 340, 121),
      text('、', 72, 128),
      text('府信息', 100, 128),
      text('本', 72, 142),
      text('1.申请人无正当理由逾', 100, 142),
      text('期不补正、行政机关不', 100, 156),
      text('3', 300, 163),
      text('3', 340, 163),
      text('再处理其政府信息公开', 100, 170),
      text('申请', 100, 184),
      text('2.其他', 100, 198),
      text('4', 300, 198),
      text('4', 340, 198),
    ];
    const paragraphs = [...pdfToHtml([page(1, texts, [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs).toEqual([
      '自然人  总计',
      '8.属于行政查询事项  1  1',
      '三',
      '1.本机关不掌握相关政府信息  2  2',
      '、',
      '本',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请  3  3',
      '2.其他  4  4',
    ]);
    // A group label's character on a line of its own among the pieces (written vertically) stands aside.
    const aside = [...pdfToHtml([page(1, [...texts, text('年', 72, 149)], [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(aside).toContain('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请  3  3');
    expect(aside).toContain('年');
    // Pieces that could belong to either of two readings stay where they are: without the
    // enumerator, one line or two each side are both centred.
    const unsure = texts.map((t) => (t.str === '1.申请人无正当理由逾' ? { ...t, str: '申请人无正当理由逾' } : t));
    const kept = [...pdfToHtml([page(1, unsure, [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(kept).toContain('3  3');
  });

  it("gives a row its centred label when a group label written one character a line crosses its values' line, or stands close before the labels", () => {
    // （四）无法提供 one character a line at x 80 (its 无 on row 2's values' line), row labels at 100:
    // row 1's label on its values' line; row 2's label two lines centred on its values. The group
    // label's characters stand 0.8 em before the labels (closer than a column gap): “无”, “提” are
    // not the rows' labels.
    const rows = (x: number): PdfText[] => [
      text('（', x, 100),
      text('1.本机关不掌握相关政府信息', 100, 100),
      text('7', 300, 100),
      text('7', 340, 100),
      text('四', x, 114),
      text('2.没有现成信息需要另', 100, 114),
      text('无', x, 121),
      text('0', 300, 121),
      text('0', 340, 121),
      text('行制作', 100, 128),
      text('法', x, 135),
      text('提', x, 149),
      text('3.补正后申请内容仍不明确', 100, 149),
      text('0', 300, 149),
      text('0', 340, 149),
    ];
    const paragraphs = (texts: PdfText[]) => [...pdfToHtml([page(1, texts, [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs(rows(72))).toEqual([
      '（  1.本机关不掌握相关政府信息  7  7',
      '四',
      '无  2.没有现成信息需要另行制作  0  0',
      '法',
      '提  3.补正后申请内容仍不明确  0  0',
    ]);
    expect(paragraphs(rows(82))).toEqual([
      '（1.本机关不掌握相关政府信息  7  7',
      '四',
      '无2.没有现成信息需要另行制作  0  0',
      '法',
      '提3.补正后申请内容仍不明确  0  0',
    ]);
  });

  it('reads a letter-spaced number in a row without rules by its spacing: alike between its digits, narrower than the gaps between cells', () => {
    // Digits 5 wide, letter spacing 3: “2 1 7” one run (pdf.js put the spaces), “2 1” and “8” two
    // runs 3 apart; the cells 20 and more apart.
    const run = (str: string, x0: number, width: number): PdfText => ({ ...text(str, x0, 100), x1: x0 + width });
    const row = [text('一、本年新收', 72, 100), run('2 1 7', 200, 21), run('1', 241, 5), run('0', 266, 5), run('2 1', 291, 13), run('8', 307, 5)];
    const paragraphs = (texts: PdfText[]) => [...pdfToHtml([page(1, texts, [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs(row)).toEqual(['一、本年新收  217  1  0  218']);
    // Gaps that differ (3 inside “2 1”, 4.5 before “8”) are no one letter spacing: left as they are.
    expect(paragraphs(row.map((t) => (t.str === '8' ? run('8', 308.5, 5) : t)))).toEqual(['一、本年新收  217  1  0  2 1 8']);
  });

  it("reads a number a narrow cell wrapped over the lines just above and below its row's line, centred on it", () => {
    // Lines 14 apart; the row's one-line cells centred at 107, 自然人's 3001 (letter-spaced) as
    // “3 0 0” at 100 over “1” at 114, 总计's 3119 as “3 1 1” over “9”; a group label's 三 and 、 beside.
    const run = (str: string, x0: number, width: number, y0: number): PdfText => ({ ...text(str, x0, y0), x1: x0 + width });
    const texts = [
      text('三', 40, 100),
      run('3 0 0', 200, 25, 100),
      run('3 1 1', 400, 25, 100),
      text('一、本年新收', 72, 107),
      run('53', 250, 10, 107),
      run('0', 300, 5, 107),
      run('61', 350, 10, 107),
      text('、', 40, 114),
      run('1', 210, 5, 114),
      run('9', 410, 5, 114),
    ];
    const paragraphs = (ts: PdfText[]) => [...pdfToHtml([page(1, ts, [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs(texts)).toEqual(['三', '一、本年新收  3001  53  0  61  3119', '、']);
    // A row of values alone (table 四's) too.
    expect(paragraphs(texts.filter((t) => !/[三、本年新收]/.test(t.str)))).toEqual(['3001  53  0  61  3119']);
    // Not midway between them (the row's line not centred on the two), the lower piece not under the
    // upper one, or a piece over one of the row's values: left as it is.
    const moved = (str: string, dx: number, dy: number) =>
      texts.map((t) => (t.str === str ? { ...t, x0: t.x0 + dx, x1: t.x1 + dx, y0: t.y0 + dy, y1: t.y1 + dy } : t));
    expect(paragraphs(moved('一、本年新收', 0, 3))).not.toContain('一、本年新收  3001  53  0  61  3119');
    expect(paragraphs(moved('9', 20, 0))).not.toContain('一、本年新收  3001  53  0  61  3119');
    expect(paragraphs(moved('3 1 1', -48, 0))).not.toContain('一、本年新收  3001  53  0  61  3119');
  });

  it('reads a letter-spaced number in a row with no single digit by the spacing its page shows', () => {
    // Digits 5 wide, letter spacing 3: the row 规章 shows it (“1 1” beside 0 and 2); 行政许可's one
    // value “5 1 7 6 4 5” is one run, 6 digits and 5 gaps of 3 wide: 517645.
    const run = (str: string, x0: number, width: number, y0: number): PdfText => ({ ...text(str, x0, y0), x1: x0 + width });
    const rows = [
      text('规章', 72, 100),
      run('0', 200, 5, 100),
      run('2', 260, 5, 100),
      run('1 1', 320, 13, 100),
      text('行政许可', 72, 120),
      run('5 1 7 6 4 5', 200, 45, 120),
    ];
    const paragraphs = (texts: PdfText[]) => [...pdfToHtml([page(1, texts, [])]).html.matchAll(/<p>(.*)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs(rows)).toEqual(['规章  0  2  11', '行政许可  517645']);
    // A run wider than the spacing allows (two cells 5 apart inside it?) stays as it is.
    expect(paragraphs(rows.map((t) => (t.str === '5 1 7 6 4 5' ? run('5 1 7 6 4 5', 200, 47, 120) : t)))).toEqual(['规章  0  2  11', '行政许可  5 1 7 6 4 5']);
    // With no row that shows the spacing, nothing tells: left as it is.
    expect(paragraphs(rows.map((t) => (t.str === '1 1' ? run('11', 320, 10, 100) : t)))).toEqual(['规章  0  2  11', '行政许可  5 1 7 6 4 5']);
    // Nor on a line with no label (pieces of wrapped numbers).
    expect(paragraphs([...rows.slice(0, 4), run('5 1 7 6 4 5', 200, 45, 120)])).toEqual(['规章  0  2  11', '5 1 7 6 4 5']);
  });

  it('does not take the label of a table row wrapped around its values for a part heading', () => {
    // Body text 12 pt (most lines); table 三 in 10 pt with a narrow label column: 一、本年新收政府 / 信息公开申请数量
    // around its values. Part 四's heading stays a heading.
    const texts = [
      text('三、收到和处理政府信息公开申请情况', 72, 80, 12),
      ...[0, 1, 2, 3, 4, 5].map((k) => text(`正文第${k}段。`, 72, 400 + 20 * k, 12)),
      text('自然人', 300, 120),
      text('总计', 360, 120),
      text('一、本年新收政府', 72, 140),
      text('5', 320, 148),
      text('5', 370, 148),
      text('信息公开申请数量', 72, 156),
      text('二、上年结转', 72, 176),
      text('四、政府信息公开行政复议', 72, 220, 12),
    ];
    const { html } = pdfToHtml([page(1, texts, [])]);
    expect(html).not.toContain('<h2>一、本年新收政府</h2>');
    expect(html).not.toContain('<h2>二、上年结转</h2>');
    expect(html).toContain('<h2>四、政府信息公开行政复议</h2>');
  });

  it('does not take a label wrapped around its values for a heading when the table is set in the body type', () => {
    const texts = [
      text('三、收到和处理', 72, 80),
      text('自然人', 300, 100),
      text('总计', 360, 100),
      text('一、本年新收政府', 72, 120),
      text('5', 320, 128),
      text('5', 370, 128),
      text('信息公开申请数量', 72, 136),
      text('二、上年结转', 72, 156),
      text('0', 320, 156),
      text('0', 370, 156),
    ];
    const { html } = pdfToHtml([page(1, texts, [])]);
    expect(html).toContain('<h2>三、收到和处理</h2>');
    // The label's two lines, centred on its values, are its row's label.
    expect(html).toContain('<p>一、本年新收政府信息公开申请数量  5  5</p>');
    expect(html).not.toContain('<h2>一、本年新收政府');
  });

  it('tells table header words from other lines', () => {
    expect(
      ['申请人情况', '商业企业科研机构', '社会公益  法律服务', '（本列数据的勾稽', '结果维持  结果纠正', '本年收费金额（单位：万元）'].filter(
        (t) => !isHeaderWords(t),
      ),
    ).toEqual([]);
    expect(['某区人民政府', '— 3 —', '2024年度报告', '其他事项', '人'].filter((t) => isHeaderWords(t))).toEqual([]);
  });
});

describe('prose', () => {
  it('drops page numbers in their usual forms and running headers, keeps a title', () => {
    const numbers = ['— 3 —', '-3-', '- 3 -', '第 3 页', '第3页 共5页', '3/5', '3', 'Page 3 of 5'];
    const pages = numbers.map((n, i) =>
      page(
        i + 1,
        [
          text('某某局政务公开', 250, 30, 9),
          ...(i === 0 ? [text('某某局政务公开', 150, 60, 20)] : []),
          text(`正文第${i + 1}页。`, 72, 400, 12),
          text(n, 280, 800, 10),
        ],
        [],
      ),
    );
    const { html } = pdfToHtml(pages);
    for (const n of numbers) expect(html).not.toContain(`>${n}<`);
    expect(html.match(/某某局政务公开/g)).toHaveLength(1);
    expect(html).toContain('<h1>某某局政务公开</h1>');
  });

  it('drops page numbers, rejoins paragraphs across lines and pages without spaces, marks part headings', () => {
    const line = (str: string, y: number, x = 72): PdfText => text(str, x, y, 12);
    const full = '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五';
    const pages = [
      // The paragraph's first line is indented by two ideographic spaces; its lines are as wide.
      page(1, [line('一、总体情况', 100), line(`\u3000\u3000本年度${full.slice(0, 30)}`, 130), line(full, 146), line(full, 740), line('— 1 —', 800, 280)], []),
      page(2, [line('续写完毕。', 80), line('-2-', 800, 290)], []),
    ];
    const { html } = pdfToHtml(pages);
    expect(html).toContain('<h2>一、总体情况</h2>');
    expect(html).toContain(`<p>本年度${full.slice(0, 30)}${full}</p>`);
    expect(html).toContain(`<p>${full}续写完毕。</p>`);
    expect(html).not.toMatch(/— 1 —|-2-/);
  });
});
