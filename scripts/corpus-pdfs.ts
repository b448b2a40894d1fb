/**
 * Real reports' content laid out as the Word documents agencies print to PDF: each report of
 * ../shared/corpus is read (its model), its prose and its three tables written as a Word-like page
 * (the template's bordered tables with merged cells, the values as read) and turned into a PDF by
 * another producer than the Chromium fixtures: LibreOffice Writer (HTML → .docx → PDF, as an office
 * suite prints a Word file: its own table drawing, cells and merged cells split across pages,
 * numbers wrapped in narrow cells) — and by Chromium with narrow label columns and tall rows
 * (labels wrapped over many lines, table 三 across pages). test/corpus-pdf.test.ts reads them back and compares every
 * table row with the Markdown's.
 *
 *   node scripts/run-ts.mjs scripts/corpus-pdfs.ts          # needs soffice (libreoffice-writer-nogui)
 *   node scripts/run-ts.mjs scripts/corpus-pdfs.ts --text   # only their `pdftotext -layout` text
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseMarkdown } from '../src/reading/parse.ts';
import { buildModel } from '../src/reading/build.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import { printToPdf } from './pdf-fixtures.ts';

/** The corpus reports laid out (relative to ../shared/corpus), chosen for their tables' variety. */
export const CORPUS_PDFS = [
  'seeds/000_56a01b3923011b96.md',
  'seeds/003_e61fd02df59cf2b0.md',
  'seeds/004_21329a809e184f07.md',
  'peers/03-shuyang-xianzf-2025.md',
  'peers/08-pingtan-2023.txt',
  'peers/09-pingtan-2024.txt',
  'peers/10-pingtan-2025.txt',
  'peers/12-huaian-hongzequ-2024.layout.txt',
  'peers/13-huaian-shizf-2024.layout.txt',
];

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const td = (text: string, attrs = ''): string => `<td${attrs}>${esc(text)}</td>`;
const cellText = (c: Row['cells'][number]): string => (c.kind === 'blank' || c.kind === 'missing' ? '' : c.raw);
const cellsOf = (r: Row, n: number): string[] => (r.cells.length > 0 ? r.cells.map(cellText) : Array<string>(n).fill(''));
const TABLE = '<table border="1" cellspacing="0" cellpadding="2" width="100%">';
const EDGE_ROWS = ['t3.new', 't3.carried', 't3.total', 't3.carryOver'];

function table2(model: ReportModel): string {
  const out: string[] = [];
  let group: Row[] = [];
  const flush = (): void => {
    const first = group[0];
    if (!first) return;
    const columns = first.cells.map((c) => c.column);
    out.push(TABLE, `<tr>${td('信息内容')}${columns.map((c) => td(c)).join('')}</tr>`);
    for (const r of group)
      out.push(
        `<tr>${td(r.label)}${cellsOf(r, columns.length)
          .map((c) => td(c))
          .join('')}</tr>`,
      );
    out.push('</table>');
    group = [];
  };
  let previous = '';
  for (const r of model.tables.t2.rows) {
    const columns = r.cells.map((c) => c.column).join('|');
    if (columns !== previous) flush();
    previous = columns;
    group.push(r);
  }
  flush();
  return out.join('\n');
}

/** Table 三, its three header rows in a <thead> when `repeat` (Chromium repeats them on each page, as Word's “repeat as header row”). */
function table3(model: ReportModel, repeat = false): string {
  const rows = model.tables.t3.rows;
  const outcomes = rows.filter((r) => !EDGE_ROWS.includes(r.id));
  const groupOf = (r: Row): string | null => (r.label.includes('·') ? (r.label.split('·')[0] ?? null) : null);
  const out = [
    TABLE + (repeat ? '<thead>' : ''),
    `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>`,
    `<tr>${td('自然人', ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>`,
    `<tr>${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => td(h)).join('')}</tr>${repeat ? '</thead><tbody>' : ''}`,
  ];
  for (const r of rows) {
    const labels: string[] = [];
    if (EDGE_ROWS.includes(r.id)) labels.push(td(r.label, ' colspan="3"'));
    else {
      if (r === outcomes[0]) labels.push(td('三、本年度办理结果', ` rowspan="${outcomes.length}"`));
      const group = groupOf(r);
      if (group) {
        const members = outcomes.filter((o) => groupOf(o) === group);
        if (members[0] === r) labels.push(td(group, ` rowspan="${members.length}"`));
        labels.push(td(r.label.split('·')[1] ?? r.label));
      } else labels.push(td(r.label, ' colspan="2"'));
    }
    out.push(
      `<tr>${labels.join('')}${cellsOf(r, 7)
        .map((c) => td(c))
        .join('')}</tr>`,
    );
  }
  out.push(repeat ? '</tbody></table>' : '</table>');
  return out.join('\n');
}

function table4(model: ReportModel): string {
  const values = model.tables.t4.rows.flatMap((r) => cellsOf(r, 5));
  const columns = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    TABLE,
    `<tr>${td('行政复议', ' colspan="5"')}${td('行政诉讼', ' colspan="10"')}</tr>`,
    `<tr>${columns.map((c) => td(c, ' rowspan="2"')).join('')}${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>`,
    `<tr>${[...columns, ...columns].map((c) => td(c)).join('')}</tr>`,
    `<tr>${values.map((v) => td(v)).join('')}</tr>`,
    '</table>',
  ].join('\n');
}

/** The report as a Word-like page: prose before part 二 and from part 五 on, the three tables between. */
/** The prose lines of `text` from `from` to `to`, as a document shows them: no heading marks or bold, no table lines. */
export function proseLines(text: string, from: number, to: number): string[] {
  return text
    .slice(from, to)
    .split('\n')
    .map((raw) =>
      raw
        .replace(/^#+\s*/, '')
        .replaceAll('**', '')
        .trim(),
    )
    .filter((line) => !(line === '' || line.startsWith('|') || line.includes('\t') || line.startsWith('<')));
}

export function wordLikeHtml(text: string, layout: 'word' | 'narrow' = 'word'): string {
  const model = buildModel(text, parseMarkdown(text));
  const part = (n: number) => model.parts.find((p) => p.part === n);
  const p2 = part(2);
  const p5 = part(5);
  if (!p2 || !p5) throw new Error('corpus-pdfs: the report has no part 二 or 五');
  const body: string[] = [];
  const prose = (from: number, to: number): void => {
    for (const line of proseLines(text, from, to)) body.push(body.length === 0 ? `<h1>${esc(line)}</h1>` : `<p>${esc(line)}</p>`);
  };
  prose(0, p2.span.start.offset);
  for (const [n, draw] of [
    [2, table2],
    [3, (m: ReportModel) => table3(m, layout === 'narrow')],
    [4, table4],
  ] as const) {
    const p = part(n);
    if (p) body.push(`<h2>${esc(`${p.numeral}、${p.text}`)}</h2>`);
    body.push(draw(model));
  }
  prose(p5.span.start.offset, text.length);
  const css = `
@page { size: A4; margin: 25mm 22mm; }
body { font-family: 'WenQuanYi Zen Hei', sans-serif; font-size: 12pt; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; } h2 { font-size: 14pt; }
table { border-collapse: collapse; font-size: 10pt; } td { text-align: center; }
${layout === 'narrow' ? NARROW : ''}`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

/** Label columns a few characters wide (labels wrap over several lines), tall rows (table 三 across pages), page numbers. */
const NARROW = `td { padding: 7pt 3pt; } td[rowspan], td[colspan="2"], td[colspan="3"] { width: 4.5em; } table td:first-child { max-width: 5em; }
@page { @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }`;

/** HTML → .docx → PDF with LibreOffice Writer, as an office suite prints a Word file. */
export function printWithLibreOffice(html: string, soffice = process.env.SOFFICE ?? 'soffice'): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-lo-'));
  try {
    writeFileSync(path.join(dir, 'report.html'), html);
    const run = (args: string[]): void => {
      const r = spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, ...args], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
      });
      if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    };
    run(['--convert-to', 'docx:MS Word 2007 XML', 'report.html']);
    run(['--convert-to', 'pdf', 'report.docx']);
    return new Uint8Array(readFileSync(path.join(dir, 'report.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const fixtureName = (source: string): string => path.basename(source).replace(/(\.layout)?\.(md|txt)$/, '');

async function main(): Promise<void> {
  const corpus = path.resolve('../shared/corpus');
  const out = path.resolve('test/fixtures/corpus-pdf');
  mkdirSync(out, { recursive: true });
  for (const source of CORPUS_PDFS) {
    const html = wordLikeHtml(readFileSync(path.join(corpus, source), 'utf8'));
    writeFileSync(path.join(out, `${fixtureName(source)}.lo.pdf`), printWithLibreOffice(html));
    const narrow = wordLikeHtml(readFileSync(path.join(corpus, source), 'utf8'), 'narrow');
    writeFileSync(path.join(out, `${fixtureName(source)}.narrow.pdf`), printToPdf(narrow));
    console.log(`corpus-pdfs: ${fixtureName(source)}.lo.pdf, .narrow.pdf`);
  }
  layoutTexts(out);
}

/**
 * Each PDF's `pdftotext -layout` text beside it (poppler-utils), as users keep it:
 * `node scripts/run-ts.mjs scripts/corpus-pdfs.ts --text` writes only these.
 */
function layoutTexts(out: string): void {
  for (const source of CORPUS_PDFS)
    for (const producer of ['lo', 'narrow']) {
      const pdf = path.join(out, `${fixtureName(source)}.${producer}.pdf`);
      const run = spawnSync('pdftotext', ['-layout', pdf, pdf.replace(/\.pdf$/, '.layout.txt')]);
      if (run.status !== 0) throw new Error(`pdftotext failed: ${String(run.stderr)}`);
    }
}

if (process.argv[1]?.endsWith('corpus-pdfs.ts')) {
  if (process.argv.includes('--text')) layoutTexts(path.resolve('test/fixtures/corpus-pdf'));
  else await main();
}
