/**
 * PDFs made the way agencies make theirs: a report laid out as a Word/WPS page (bordered template
 * tables, merged cells, narrow wrapped label columns, tables across pages, page numbers in the
 * footer, landscape pages) and printed by Debian's headless Chromium. The property test
 * (test/pdf.property.test.ts, XXGK_BROWSER=1) prints random reports with it; run as a script it
 * writes the small fixtures the default tests read (test/fixtures/pdf/), so that `npm test` needs
 * no browser:
 *
 *   node scripts/run-ts.mjs scripts/pdf-fixtures.ts [NAME…]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PrintOptions {
  landscape?: boolean;
  /** Label columns a few characters wide, so that labels wrap over several lines. */
  narrow?: boolean;
  /** Row padding that pushes table 三 over a page break. */
  tall?: boolean;
  /** Repeat table 三's header rows on each page (a <thead>). */
  repeatHeader?: boolean;
  /** The page number in the footer, as “— 3 —”. */
  pageNumbers?: boolean;
  /** Tables drawn without any lines. */
  borderless?: boolean;
  /** The page's font (default WenQuanYi Zen Hei); Noto Serif CJK maps 人, 工, 一… to radicals in the PDF's text. */
  font?: string;
}

const escape = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A sample report's Markdown (HTML tables, see src/testing/sample.ts 'htmlMerged') as a printable page. */
export function printableHtml(markdown: string, options: PrintOptions = {}): string {
  const body: string[] = [];
  let table: string[] | undefined;
  let first = true;
  for (const line of markdown.split('\n')) {
    if (table) {
      table.push(line);
      if (line.startsWith('</table>')) {
        body.push(headerToThead(table.join('\n'), options.repeatHeader === true));
        table = undefined;
      }
      continue;
    }
    if (line.startsWith('<table')) {
      table = [line];
      continue;
    }
    const text = line.replace(/^#+\s*/, '').trim();
    if (text === '') continue;
    if (first) body.push(`<h1>${escape(text)}</h1>`);
    else if (/^[一二三四五六七八]、/.test(text) && text.length < 30) body.push(`<h2>${escape(text)}</h2>`);
    else body.push(`<p>${escape(text)}</p>`);
    first = false;
  }
  const page = options.landscape ? 'A4 landscape' : 'A4';
  const footer = options.pageNumbers === false ? '' : '@bottom-center { content: "— " counter(page) " —"; font-size: 10pt; }';
  const css = `
@page { size: ${page}; margin: 25mm 22mm; ${footer} }
body { font-family: '${options.font ?? 'WenQuanYi Zen Hei'}', sans-serif; font-size: 12pt; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; font-weight: bold; }
h2 { font-size: 14pt; font-weight: bold; margin: 10pt 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 10pt; }
td, th { border: ${options.borderless ? 'none' : '0.75pt solid #000'}; padding: ${options.tall ? '7pt' : '2pt'} 3pt; text-align: center; font-weight: normal; }
${options.narrow ? 'td[rowspan], td[colspan="2"], td[colspan="3"] { width: 4.5em; } table td:first-child { max-width: 5em; }' : ''}
`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
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
  // `pdf-fixtures.ts NAME…` makes only those.
  const only = process.argv.slice(2);
  for (const [name, markdown, options] of fixtures) {
    if (only.length > 0 && !only.includes(name)) continue;
    writeFileSync(path.join(out, `${name}.pdf`), printToPdf(printableHtml(markdown, options)));
  }
  writeFileSync(path.join(out, 'report.md'), defect);
}

if (process.argv[1]?.endsWith('pdf-fixtures.ts')) await main();
