/**
 * Property: random consistent reports, printed to PDF by headless Chromium in random template
 * layouts (portrait or landscape, narrow wrapped label columns, table 三 across pages with or
 * without its header repeated, three-line tables, shaded cells, numbers right-aligned, part 一 in two columns), read back with exactly their values and the findings of their
 * Markdown; one changed cell gives exactly one table-sums finding, at that page, row and column;
 * every page reads from its content streams without pdf.js, the same as pdf.js reads it.
 * Needs Debian's chromium and a CJK font, so behind XXGK_BROWSER=1: part of `npm run test:browser`
 * (CI's browser step) with a few cases, more with XXGK_PROPERTY_SCALE (`npm run test:pdf-print`),
 * from a fixed seed (XXGK_SEED to change it). One browser prints every case, each once its fonts
 * are loaded. Seed -1954599553 once failed here (a group label's column continued on a middle page
 * with vertical lines only: the next page's part of table 三 was not joined); it is run every time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pdfData } from '../src/engine/decode.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { readPdf } from '../src/reading/pdf/index.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';
import { T3_2021 } from '../src/model/templates.ts';
import { consistentData, sampleReport, t3Rows } from '../src/testing/sample.ts';
import { printableHtml, printInBrowser } from '../scripts/pdf-fixtures.ts';
import { launchChromium } from './helpers/chromium.ts';
import { rounded } from './helpers/pdfs.ts';
import type { Browser } from 'puppeteer-core';

const enabled = process.env['XXGK_BROWSER'] === '1';
const RUNS = Math.max(2, Math.round(12 * Number(process.env['XXGK_PROPERTY_SCALE'] ?? 0.5)));
const OUTCOME_IDS = T3_2021.rows.map((r) => r.id).filter((id) => !['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(id));
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

const cell = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 9 }) }, { weight: 1, arbitrary: fc.nat({ max: 120 }) });
const six = fc.array(cell, { minLength: 6, maxLength: 6 });
const layout = fc.record({
  landscape: fc.boolean(),
  narrow: fc.boolean(),
  tall: fc.boolean(),
  repeatHeader: fc.boolean(),
  threeLine: fc.boolean(),
  shaded: fc.boolean(),
  numbersRight: fc.boolean(),
  distributed: fc.boolean(),
});

function values(model: ReportModel | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of Object.values(model?.tables ?? {}))
    for (const row of table.rows) out[row.id] = `${row.status} ${row.cells.map((c) => c.value).join(',')}`;
  return out;
}

/** The property, printing into `dir`. */
function readsBack(dir: string, browser: Browser) {
  return fc.asyncProperty(
    fc.array(six, { minLength: OUTCOME_IDS.length, maxLength: OUTCOME_IDS.length }),
    six,
    six,
    layout,
    fc.option(fc.record({ row: fc.nat({ max: 100 }), column: fc.nat({ max: 5 }), delta: fc.integer({ min: 1, max: 9 }) }), { nil: undefined }),
    // Part 一 in two columns of text (Word's 分栏), drawn last so that a seed gives the other values it gave before.
    fc.boolean(),
    async (outcomes, carried, carryOver, layoutOptions, change, twoColumns) => {
      const options = { ...layoutOptions, twoColumns };
      const data = consistentData(Object.fromEntries(OUTCOME_IDS.map((id, i) => [id, outcomes[i] ?? []])), carried, carryOver);
      // t3.new is computed from the others: keep it non-negative.
      fc.pre((data.t3['t3.new'] ?? []).every((v) => v >= 0));
      const rows = t3Rows(data);
      const override = change
        ? {
            table: 't3' as const,
            row: change.row % rows.length,
            column: change.column,
            value: (rows[change.row % rows.length]?.values[change.column] ?? 0) + change.delta,
          }
        : undefined;
      const markdown = sampleReport({ form: 'htmlMerged', data, ...(override ? { override } : {}) });
      const md = lintText(markdown, { keepModel: true });
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, await printInBrowser(browser, printableHtml(markdown, options)));
      const pdf = await lintFile(file, { locale: 'zh-CN', keepModel: true });
      expect(pdf.fatal).toBeUndefined();
      // Read from the content streams (own-text.ts, runs.ts, rulings.ts), it reads as with pdf.js.
      const bytes = new Uint8Array(readFileSync(file));
      const counts = { ownRulings: 0, ownText: 0, withoutPdfjs: 0 };
      expect(rounded(await readPdf(bytes, { loadData: pdfData, counts }))).toEqual(
        rounded(await readPdf(bytes, { loadData: pdfData, pdfjsText: true, operatorList: true })),
      );
      expect(counts.withoutPdfjs).toBe(1);
      expect(values(pdf.model)).toEqual(values(md.model));
      expect(pdf.messages.map((m) => m.message)).toEqual(md.messages.map((m) => m.message));
      const sums = pdf.messages.filter((m) => m.ruleId === 'table-sums');
      if (!override) {
        expect(sums).toEqual([]);
        return;
      }
      expect(sums).toHaveLength(1);
      const label = rows[override.row]?.label ?? '';
      // The finding names the changed cell's row and column (or, when the sums blame
      // another cell, that one: the Markdown's message says which, and they agree above).
      // A three-line table is read as aligned text: its place names the page and the table (and
      // the row when its label stands on the line of its values), not the column.
      if (!options.threeLine && (sums[0]?.message ?? '').startsWith(`${label.replace(/^.*?(\d\.)/, '$1')}·${COLUMNS[override.column]}`)) {
        expect(sums[0]?.place).toContain(` · ${COLUMNS[override.column]}`);
      }
      expect(sums[0]?.place).toMatch(/^第 \d+ 页 表三( |$)/);
      expect(sums[0]?.pdf?.page).toBe(Number(/第 (\d+) 页/.exec(sums[0]?.place ?? '')?.[1]));
    },
  );
}

(enabled ? describe : describe.skip)('PDFs printed by Chromium read back exactly', () => {
  let browser: Browser | undefined;
  let dir = '';
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(path.join(tmpdir(), 'xxgk-pdf-prop-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['random reports and layouts', Number(process.env['XXGK_SEED'] ?? 20261207), RUNS],
    ['the case that once failed (seed -1954599553)', -1954599553, 2],
  ])(
    '%s: their values, their Markdown findings, one changed cell found where it is',
    async (_name, seed, numRuns) => {
      if (!browser) throw new Error('no browser');
      await fc.assert(readsBack(dir, browser), { numRuns, seed });
    },
    900_000,
  );
});
