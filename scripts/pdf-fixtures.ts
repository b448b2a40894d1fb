/**
 * PDFs made the way agencies make theirs: a report laid out as a Word/WPS page (bordered template
 * tables, merged cells, narrow wrapped label columns, tables across pages, page numbers in the
 * footer, landscape pages; and the LAYOUTS Word and WPS also export: three-line and borderless
 * tables, shading, a table starting at a page's bottom, a group label written again on the next page,
 * two columns of text) and printed by Debian's headless Chromium. The property test
 * (test/pdf-print.test.ts, XXGK_BROWSER=1) prints random reports with it; run as a script it writes
 * the small fixtures the default tests read (test/fixtures/pdf/, and layouts/ with their pdftotext
 * text), so that `npm test` needs no browser:
 *
 *   node scripts/run-ts.mjs scripts/pdf-fixtures.ts [NAME…]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { SampleData } from '../src/testing/sample.ts';

export interface PrintOptions {
  landscape?: boolean;
  /** Label columns a few characters wide, so that labels wrap over several lines. */
  narrow?: boolean;
  /** Row padding that pushes table 三 over a page break. */
  tall?: boolean;
  /** Repeat table 三's header rows on each page (a <thead>). */
  repeatHeader?: boolean;
  /** The page number in the footer: “— 3 —” (the default), “第 3 页 共 9 页”, or none (false). */
  pageNumbers?: boolean | 'of';
  /** Tables drawn without any lines. */
  borderless?: boolean;
  /** Three-line tables (Word's 三线表): rules above and below the table and under the header, no vertical rule. */
  threeLine?: boolean;
  /** Header cells and every other row shaded (printed backgrounds). */
  shaded?: boolean;
  /** Numbers right-aligned in their cells (the default is centred). */
  numbersRight?: boolean;
  /** The first part's paragraphs set in two columns. */
  twoColumns?: boolean;
  /** The parts (by their numeral, 一、) whose paragraphs are set in two columns. */
  columnParts?: string[];
  /** The paragraph (by its first words) that starts the second column: columns of unequal length. */
  columnBreakBefore?: string;
  /** Space (mm) under the title: pushes what follows down, so that columns go on on the next page. */
  titleSpace?: number;
  /** Table 三 starts this many mm down a fresh page (near the bottom: only its first rows fit). */
  t3At?: number;
  /** Table 三's group label 三、本年度办理结果 written again in its own cell from （四）on, which starts a page. */
  splitGroupLabel?: boolean;
  /** The label columns' widths in em (table 三's first, second and third columns). */
  labelWidths?: [number, number, number];
  /** The page's margins (CSS, default 25mm 22mm): a narrow top margin puts a table's first lines in the page's top tenth. */
  margin?: string;
  /** The page's font (default WenQuanYi Zen Hei); Noto Serif CJK maps 人, 工, 一… to radicals in the PDF's text. */
  font?: string;
  /** Label cells distributed (Word's 分散对齐): each line's characters spread over the cell's width. */
  distributed?: boolean;
  /** Number cells letter-spaced (Word's 字符间距 加宽), by this CSS length: 483 printed “4 8 3”. */
  numberSpacing?: string;
  /** Number cells distributed (分散对齐): a number's digits spread over the cell's width. */
  numbersDistributed?: boolean;
  /** Numbers typed in full-width digits (１２３) in number cells one em wide, top-aligned (Word's default): one digit a line. */
  fullWidthNarrow?: boolean;
}

const escape = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The body of the page: headings, paragraphs and tables, with the options' changes to the tables. */
function pageBody(markdown: string, options: PrintOptions): string[] {
  const body: string[] = [];
  let table: string[] | undefined;
  let first = true;
  let part = '';
  let columns: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (table) {
      table.push(line);
      if (line.startsWith('</table>')) {
        let html = headerToThead(table.join('\n'), options.repeatHeader === true);
        if (options.splitGroupLabel) html = splitGroupLabel(html);
        if (options.t3At !== undefined && html.includes('申请人情况')) body.push(`<div style="break-before: page; height: ${options.t3At}mm"></div>`);
        body.push(html);
        table = undefined;
      }
      continue;
    }
    if (line.startsWith('<table')) {
      if (columns) body.push(`<div class="cols">${columns.join('\n')}</div>`);
      columns = undefined;
      table = [line];
      continue;
    }
    const text = line.replace(/^#+\s*/, '').trim();
    if (text === '') continue;
    const heading = /^[一二三四五六七八]、/.test(text) && text.length < 30;
    if (heading) part = text;
    const inColumns = (options.twoColumns === true && part.startsWith('一、')) || (options.columnParts ?? []).some((p) => part.startsWith(p));
    if (columns && (heading || !inColumns)) {
      body.push(`<div class="cols">${columns.join('\n')}</div>`);
      columns = undefined;
    }
    const breakBefore = options.columnBreakBefore !== undefined && text.startsWith(options.columnBreakBefore) ? ' style="break-before: column"' : '';
    if (first) body.push(`<h1${options.titleSpace === undefined ? '' : ` style="margin-bottom: ${options.titleSpace}mm"`}>${escape(text)}</h1>`);
    else if (heading) body.push(`<h2>${escape(text)}</h2>`);
    else if (inColumns) (columns ??= []).push(`<p${breakBefore}>${escape(text)}</p>`);
    else body.push(`<p>${escape(text)}</p>`);
    first = false;
  }
  if (columns) body.push(`<div class="cols">${columns.join('\n')}</div>`);
  return body;
}

/** Table 三's group label cell split in two at （四）, the second part starting a page. */
function splitGroupLabel(table: string): string {
  if (!table.includes('申请人情况')) return table;
  const rows = table.split('\n');
  const at = rows.findIndex((r) => r.includes('三、本年度办理结果'));
  const split = rows.findIndex((r) => r.includes('（四）无法提供'));
  const span = Number(/rowspan="(\d+)">三、本年度办理结果/.exec(rows[at] ?? '')?.[1] ?? 0);
  if (at < 0 || split < 0 || !span) return table;
  const first = split - at;
  rows[at] = (rows[at] ?? '').replace(`rowspan="${span}"`, `rowspan="${first}"`);
  rows[split] = (rows[split] ?? '').replace('<tr>', `<tr class="page"><td rowspan="${span - first}">三、本年度办理结果</td>`);
  return rows.join('\n');
}

function tableCss(options: PrintOptions): string {
  const border = options.borderless || options.threeLine ? 'none' : '0.75pt solid #000';
  const css = [
    'table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 10pt; }',
    `td, th { border: ${border}; padding: ${options.tall ? '7pt' : '2pt'} 3pt; text-align: center; font-weight: normal; }`,
    'tr.page { break-before: page; }',
  ];
  if (options.threeLine) {
    css.push('table { border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; }');
    // The header's rows: a rule under each header cell (the three-line table's middle rule, and the
    // short rules of a header of several rows).
    css.push('tr.head td { border-bottom: 0.75pt solid #000; }');
  }
  if (options.shaded)
    css.push(
      '* { -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr.head td { background: #d9d9d9; } tr:nth-child(even) td { background: #f2f2f2; }',
    );
  if (options.numbersRight) css.push('td.n { text-align: right; }');
  if (options.distributed) css.push('td:not(.n) { text-align: justify; text-align-last: justify; }');
  if (options.numberSpacing !== undefined) css.push(`td.n { letter-spacing: ${options.numberSpacing}; }`);
  if (options.numbersDistributed) css.push('td.n { text-align: justify; text-align-last: justify; text-justify: inter-character; }');
  if (options.fullWidthNarrow)
    css.push('table { width: auto; } td { vertical-align: top; } td.n { width: 1em; max-width: 1em; padding: 2pt; word-break: break-all; }');
  if (options.narrow) css.push('td[rowspan], td[colspan="2"], td[colspan="3"] { width: 4.5em; } table td:first-child { max-width: 5em; }');
  if (options.labelWidths) {
    const [a, b, c] = options.labelWidths;
    css.push(`table.t3 { table-layout: fixed; } table.t3 col.a { width: ${a}em; } table.t3 col.b { width: ${b}em; } table.t3 col.c { width: ${c}em; }`);
  }
  return css.join('\n');
}

/** Marks the tables' header rows and number cells for the options' styles, table 三 with its label columns. */
function markTables(html: string, options: PrintOptions): string {
  let out = html.replace(/<td>(\d+(?:\.\d+)?)<\/td>/g, '<td class="n">$1</td>');
  // Full-width digits (０–９), as typed with a Chinese input method's full-width mode.
  if (options.fullWidthNarrow)
    out = out.replace(/(<td class="n">)([\d.]+)/g, (_m, td: string, n: string) => td + n.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
  // A header row: one with no number cell.
  out = out.replace(/<tr>((?:(?!<\/tr>)[\s\S])*?)<\/tr>/g, (row: string, cells: string) => (/class="n"/.test(cells) ? row : `<tr class="head">${cells}</tr>`));
  if (options.labelWidths) {
    out = out.replace(
      /<table>(\s*(?:<thead>\s*)?<tr[^>]*><td[^>]*>（本列数据)/,
      '<table class="t3"><colgroup><col class="a"><col class="b"><col class="c"><col><col><col><col><col><col><col></colgroup>$1',
    );
  }
  return out;
}

/** A sample report's Markdown (HTML tables, see src/testing/sample.ts 'htmlMerged') as a printable page. */
export function printableHtml(markdown: string, options: PrintOptions = {}): string {
  const body = markTables(pageBody(markdown, options).join('\n'), options);
  const page = options.landscape ? 'A4 landscape' : 'A4';
  const number = options.pageNumbers === 'of' ? '"第 " counter(page) " 页 共 " counter(pages) " 页"' : '"— " counter(page) " —"';
  const footer = options.pageNumbers === false ? '' : `@bottom-center { content: ${number}; font-size: 10pt; }`;
  const css = `
@page { size: ${page}; margin: ${options.margin ?? '25mm 22mm'}; ${footer} }
body { font-family: '${options.font ?? 'WenQuanYi Zen Hei'}', sans-serif; font-size: 12pt; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; font-weight: bold; }
h2 { font-size: 14pt; font-weight: bold; margin: 10pt 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
.cols { column-count: 2; column-gap: 2em; }
${tableCss(options)}
`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>\n${body}\n</body></html>\n`;
}

/** Table 三's three header rows in a <thead> (Chromium repeats it on each page) when asked. */
function headerToThead(table: string, repeat: boolean): string {
  if (!repeat || !table.includes('申请人情况')) return table;
  const rows = table.split('\n');
  const head = rows.slice(1, 4).join('\n');
  return [rows[0], '<thead>', head, '</thead><tbody>', ...rows.slice(4, -1), '</tbody>', rows[rows.length - 1]].join('\n');
}

/** Prints an HTML page to PDF with Debian's headless Chromium. */
export function printToPdf(html: string, chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-pdf-'));
  try {
    const input = path.join(dir, 'report.html');
    const output = path.join(dir, 'report.pdf');
    writeFileSync(input, html);
    const run = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-pdf-header-footer',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0) throw new Error(`chromium failed (${run.status}): ${run.stderr}`);
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Prints an HTML page to PDF in a running headless Chromium (many pages, one browser: what the
 * property test does), once the page's fonts are loaded: a page printed before its fonts are
 * ready would lay out with another font's widths.
 */
export async function printInBrowser(browser: Browser, html: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true }));
  } finally {
    await page.close();
  }
}

/** The layouts Word and WPS export that the first fixtures do not have: each with its own data and one wrong cell. */
export const LAYOUTS: {
  name: string;
  what: string;
  options: PrintOptions;
  seed: number;
  wrong: { row: number; column: number; delta: number };
  /** Parts 一, 五 and 六 written out at length (LONG_PROSE), to fill columns. */
  longProse?: boolean;
}[] = [
  {
    name: 'three-line',
    what: 'three-line tables: rules above and below each table and under its header rows, no vertical rule',
    options: { threeLine: true },
    seed: 1,
    wrong: { row: 5, column: 0, delta: 2 },
  },
  {
    name: 'borderless',
    what: 'tables with no rule at all: columns by the alignment of their text',
    options: { borderless: true },
    seed: 2,
    wrong: { row: 12, column: 1, delta: 1 },
  },
  {
    name: 'shaded-repeated',
    what: 'header cells and every other row shaded, numbers right-aligned, table 三 across pages with its header repeated',
    options: { shaded: true, numbersRight: true, tall: true, repeatHeader: true },
    seed: 3,
    wrong: { row: 20, column: 0, delta: 3 },
  },
  {
    name: 'bottom-start',
    what: 'table 三 starts at the very bottom of a page (its header alone there), footer 第 N 页 共 M 页 between its two parts',
    options: { t3At: 205, pageNumbers: 'of' },
    seed: 4,
    wrong: { row: 3, column: 0, delta: 1 },
  },
  {
    name: 'split-group-label',
    what: 'table 三 split at （四）, its group label 三、本年度办理结果 written again on the second page',
    options: { splitGroupLabel: true, tall: true },
    seed: 5,
    wrong: { row: 15, column: 5, delta: 4 },
  },
  {
    name: 'narrow-labels',
    what: 'label columns 1.5em, 3em and 4.5em wide: labels wrapped over 4–5 lines, the group label one character a line',
    options: { labelWidths: [1.5, 3, 4.5], tall: true, repeatHeader: true },
    seed: 6,
    wrong: { row: 9, column: 0, delta: 5 },
  },
  {
    name: 'two-columns',
    what: 'the first part in two columns of text before the tables; numbers right-aligned',
    options: { twoColumns: true, numbersRight: true },
    seed: 7,
    wrong: { row: 23, column: 0, delta: 1 },
  },
  {
    name: 'bottom-borderless',
    what: 'no rules, numbers right-aligned, table 三 starting low on a page: header words centred a little past the middle between the columns of values, a row whose label wraps around its values',
    options: { borderless: true, t3At: 200, numbersRight: true },
    seed: 20,
    wrong: { row: 3, column: 0, delta: 1 },
  },
  {
    name: 'narrow-borderless',
    what: 'no rules, table 三 starting a page with label columns 1.5em, 3em and 4.5em wide: labels wrapped around their values, the header repeated on each page',
    options: { borderless: true, t3At: 0, tall: true, repeatHeader: true, labelWidths: [1.5, 3, 4.5] },
    seed: 23,
    wrong: { row: 20, column: 0, delta: 1 },
  },
  {
    name: 'header-in-margin',
    what: 'landscape, no rules, a narrow top margin: table 三 starts a page and its header, repeated on the next, stands in the top tenth of both pages, where a running header stands',
    options: { landscape: true, borderless: true, t3At: 0, tall: true, repeatHeader: true, margin: '12mm 22mm' },
    seed: 26,
    wrong: { row: 17, column: 0, delta: 2 },
  },
  {
    name: 'columns-mixed',
    what: 'parts 一, 五 and 六 at length in two columns between the title, the tables (no rules) and the headings across the full width; the second column of part 一 started early (columns of unequal length); the signature in the second column',
    options: { columnParts: ['一、', '五、', '六、'], columnBreakBefore: '（四）平台建设', borderless: true },
    seed: 30,
    wrong: { row: 8, column: 0, delta: 2 },
    longProse: true,
  },
  {
    name: 'columns-across-pages',
    what: 'part 一 at length in two columns going on on the next page (both columns on both pages), three-line tables, part 五 in two columns',
    options: { columnParts: ['一、', '五、'], titleSpace: 150, threeLine: true, pageNumbers: 'of' },
    seed: 31,
    wrong: { row: 12, column: 0, delta: 1 },
    longProse: true,
  },
  {
    name: 'columns-short',
    what: 'landscape: part 一 in two columns, its one short paragraph all in the first column (nothing beside it)',
    options: { columnParts: ['一、'], landscape: true, numbersRight: true },
    seed: 32,
    wrong: { row: 3, column: 0, delta: 1 },
  },
  {
    name: 'letter-spaced',
    what: 'number cells letter-spaced (字符间距 加宽): 152 printed “1 5 2”, its digits one space apart in -layout text, cells three apart',
    options: { numberSpacing: '0.5em' },
    seed: 40,
    wrong: { row: 5, column: 0, delta: 1 },
  },
  {
    name: 'distributed-numbers',
    what: 'number cells distributed (分散对齐): the digits of each number spread over its cell, the last digit of one cell one space from the first of the next in -layout text',
    options: { numbersDistributed: true },
    seed: 43,
    wrong: { row: 12, column: 3, delta: 2 },
  },
  {
    name: 'full-width-narrow',
    what: 'numbers in full-width digits (１２３) in number cells one em wide, top-aligned: one digit a line, pdftotext printing the lines of digits below a row away from its columns',
    options: { fullWidthNarrow: true },
    seed: 41,
    wrong: { row: 8, column: 0, delta: 1 },
  },
];

/** Parts 一, 五 and 六 at length, with the narrative numbers, the five topics of 总体情况 and the fee statement. */
const LONG_PROSE: [string, string][] = [
  [
    '2024年，本局认真贯彻落实《条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。',
    [
      '2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕中心工作，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，全年主动公开政府信息356条。',
      '（一）主动公开。本局通过门户网站、政务新媒体等渠道主动公开政府信息，其中发布政策文件12件，政策解读材料8篇，回应社会关切事项15件，进一步提升了政务公开的质量和实效。',
      '（二）依申请公开。本年度收到的政府信息公开申请均在法定期限内予以答复，没有发生因依申请公开引发的行政复议和行政诉讼被纠错的情况。',
      '（三）政府信息管理。本局严格落实公开前保密审查制度，动态更新政府信息公开指南和目录，对现行有效的规范性文件进行清理并集中公开。',
      '（四）平台建设。持续加强政府网站和政务新媒体建设管理，优化栏目设置，确保信息发布及时准确，全年网站访问量达到12万人次。',
      '（五）监督保障。将政府信息公开工作纳入年度绩效考核，开展业务培训2次，参训人员60人次，自觉接受社会各界监督评议。',
    ].join('\n\n'),
  ],
  [
    '（一）存在的主要问题：政策解读形式还不够丰富。（二）改进措施：丰富解读形式。',
    '（一）存在的主要问题：政策解读形式还不够丰富，信息公开的及时性和规范性有待进一步提高，部分栏目内容更新不够及时。（二）改进措施：丰富解读形式，加强业务培训，健全信息发布审核机制，提升政务公开工作的整体水平。',
  ],
  ['2024年度本单位未收取信息处理费。', '2024年度本单位未收取信息处理费。本单位认真落实政务公开工作要点，无其他需要报告的事项。'],
];

/** A layout's report data: outcomes drawn from its seed (a small LCG: the same data every time). */
export async function layoutData(seed: number): Promise<SampleData> {
  const { consistentData } = await import('../src/testing/sample.ts');
  const { T3_2021 } = await import('../src/model/templates.ts');
  let state = seed * 7919;
  const rnd = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const six = (scale: number): number[] => [0, 1, 2, 3, 4, 5].map((c) => (rnd() < (c === 0 ? 0.8 : 0.3) ? Math.floor(rnd() * scale) : 0));
  const outcomes: Record<string, number[]> = {};
  for (const row of T3_2021.rows)
    if (!['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(row.id) && rnd() < 0.6) outcomes[row.id] = six(row.id === 't3.open' ? 300 : 40);
  const carryOver = six(6);
  return consistentData(outcomes, [0, 0, 0, 0, 0, 0], carryOver, [
    [Math.floor(rnd() * 9), Math.floor(rnd() * 3), 0, Math.floor(rnd() * 2)],
    [Math.floor(rnd() * 5), 0, Math.floor(rnd() * 2), 0],
    [Math.floor(rnd() * 3), 0, 0, 0],
  ]);
}

/** A layout's report as Markdown: its data with its one wrong cell. */
export async function layoutReport(layout: (typeof LAYOUTS)[number]): Promise<string> {
  const { sampleReport, t3Rows } = await import('../src/testing/sample.ts');
  const data = await layoutData(layout.seed);
  const row = t3Rows(data)[layout.wrong.row];
  const value = (row?.values[layout.wrong.column] ?? 0) + layout.wrong.delta;
  const replace = layout.longProse === true ? LONG_PROSE : [];
  return sampleReport({ form: 'htmlMerged', data, override: { table: 't3', row: layout.wrong.row, column: layout.wrong.column, value }, replace });
}

async function main(): Promise<void> {
  const { sampleReport } = await import('../src/testing/sample.ts');
  // Run from the project's root (scripts/run-ts.mjs bundles this file elsewhere).
  const out = path.resolve('test/fixtures/pdf');
  // One sum error: table 三 （六）其他处理 3.其他 · 自然人 is 16 where the sums want 0.
  const defect = sampleReport({ form: 'htmlMerged', override: { table: 't3', row: 22, column: 0, value: 16 } });
  const fixtures: [string, string, PrintOptions][] = [
    ['bordered', defect, {}],
    ['narrow-across-pages', defect, { narrow: true, tall: true, repeatHeader: true }],
    ['landscape', defect, { landscape: true, tall: true }],
    // A finding with a certain fix in Markdown (the period's year): never written into a PDF.
    ['wrong-year', sampleReport({ form: 'htmlMerged', replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] }), {}],
  ];
  // Cells left empty where the format wants 0: 自然人 of three rows of （三）不予公开 (a grid says which column).
  const blanks = sampleReport({
    form: 'htmlMerged',
    edit: (text) =>
      text
        .split('\n')
        .map((line) => (/国家秘密|其他法律行政法规禁止公开|三安全一稳定/.test(line) ? line.replace(/(<\/td>)<td>0<\/td>/, '$1<td></td>') : line))
        .join('\n'),
  });
  fixtures.push(['blank-cells', blanks, { narrow: true }]);
  // The font's map gives radicals for 人, 工, 一, 民… (“⼈⺠政府”): read as the page shows them.
  fixtures.push(['serif-radicals', defect, { font: 'Noto Serif CJK SC' }]);
  for (const layout of LAYOUTS) fixtures.push([`layouts/${layout.name}`, await layoutReport(layout), layout.options]);
  // `pdf-fixtures.ts NAME…` makes only those.
  const only = process.argv.slice(2);
  for (const [name, markdown, options] of fixtures) {
    if (only.length > 0 && !only.includes(name)) continue;
    const file = path.join(out, `${name}.pdf`);
    writeFileSync(file, printToPdf(printableHtml(markdown, options)));
    // The new layouts as pdftotext prints them too, in its -layout and plain modes (poppler-utils).
    if (!name.startsWith('layouts/')) continue;
    for (const mode of ['layout', 'plain']) {
      const run = spawnSync('pdftotext', [...(mode === 'layout' ? ['-layout'] : []), file, file.replace(/\.pdf$/, `.${mode}.txt`)]);
      if (run.status !== 0) throw new Error(`pdftotext failed: ${String(run.stderr)}`);
    }
  }
  writeFileSync(path.join(out, 'report.md'), defect);
}

if (process.argv[1]?.endsWith('pdf-fixtures.ts')) await main();
