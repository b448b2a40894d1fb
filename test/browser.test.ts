/// <reference lib="dom" />
/**
 * The web page and the --format html report in a real browser (Debian's chromium through
 * puppeteer-core; nothing downloads a browser). Slow, so behind XXGK_BROWSER=1 (`.ci/run` sets it
 * and installs chromium when missing). Writes the README's screenshots to docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { browserTestsEnabled, launchChromium } from './helpers/chromium.ts';
import { pagesFromJson, rawPdf } from './helpers/raw-pdf.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'test/fixtures/documents');
const shots = path.join(root, 'docs/screenshots');
const enabled = browserTestsEnabled;

interface Finding {
  rule: string;
  messageId: string;
}

async function findings(page: Page): Promise<Finding[]> {
  return page.$$eval('[data-testid="finding"]', (els) =>
    els.map((el) => ({ rule: el.getAttribute('data-rule') ?? '', messageId: el.getAttribute('data-message-id') ?? '' })),
  );
}

/** The marked cells: table, row id, column and the expected value shown beside them. */
async function badCells(page: Page): Promise<{ table: string; row: string; column: string; text: string }[]> {
  return page.$$eval('[data-testid="bad-cell"]', (els) =>
    els.map((el) => ({
      table: el.closest('[data-table]')?.getAttribute('data-table') ?? '',
      row: el.closest('tr')?.getAttribute('data-row') ?? '',
      column: el.getAttribute('data-column') ?? '',
      text: el.textContent ?? '',
    })),
  );
}

const sorted = (list: Finding[]): string[] => list.map((f) => `${f.rule}/${f.messageId}`).sort();

(enabled ? describe : describe.skip)('in chromium', () => {
  let browser: Browser;
  let sitePage: string;
  let requests: string[];

  beforeAll(async () => {
    const out = await makeTempDir();
    execFileSync(process.execPath, [path.join(root, 'scripts/build-site.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
    sitePage = pathToFileURL(path.join(out, 'index.html')).href;
    await mkdir(shots, { recursive: true });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await removeTempDirs();
  });

  async function open(url: string, width = 1000): Promise<Page> {
    const page = await browser.newPage();
    // The machine may be busy (CI runs other jobs): generous waits.
    page.setDefaultTimeout(120_000);
    await page.setViewport({ width, height: 900 });
    requests = [];
    // The page must not reach for anything outside the file itself.
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url);
    return page;
  }

  it('offers the fixed text when a certain fix exists (the period year of examples/defects-2024.md)', async () => {
    const page = await open(sitePage);
    const defects = await readFile(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');
    await page.locator('[data-testid="report-input"]').fill(defects);
    await page.click('#check');
    await page.waitForSelector('[data-testid="finding"]');
    expect(await page.$eval('#copy-fixed', (el) => !(el as HTMLButtonElement).hidden)).toBe(true);
    // A report without any certain fix offers nothing to copy.
    const clean = await readFile(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8');
    await page.locator('[data-testid="report-input"]').fill(clean);
    await page.click('#check');
    expect(await page.$eval('#copy-fixed', (el) => !(el as HTMLButtonElement).hidden)).toBe(false);
    await page.close();
  });

  it('pastes a defective report: findings listed, the wrong cell marked with the expected value', async () => {
    const page = await open(sitePage);
    const markdown = await readFile(path.join(fixtures, 'report.md'), 'utf8');
    await page.locator('[data-testid="report-input"]').fill(markdown);
    await page.click('#check');
    await page.waitForSelector('[data-testid="finding"]');
    const found = await findings(page);
    // One wrong cell, one finding naming the three relations it breaks.
    expect(found.filter((f) => f.rule === 'table-sums').map((f) => f.messageId)).toEqual(['several']);
    expect(await badCells(page)).toContainEqual({ table: 't3', row: 't3.total', column: '自然人', text: '16应为 17↩' });
    expect(requests).toEqual([]);
    // The top of the page: the pasted text, the findings and the first table.
    await page.setViewport({ width: 1000, height: 1250 });
    await page.screenshot({ path: path.join(shots, 'web-page.png') });

    // The language switch redraws the findings in English.
    await page.select('[data-testid="locale"]', 'en');
    await page.waitForFunction(() => document.querySelector('[data-testid="finding"][data-rule="table-sums"]')?.textContent?.includes('expected') ?? false);
    expect(await page.$eval('h1', (el) => el.textContent)).toBe('Annual report checker');
    await page.close();
  }, 240_000);

  it('drops a .docx made from the same report: the same findings and the same marked cell', async () => {
    const page = await open(sitePage, 420);
    const bytes = (await readFile(path.join(fixtures, 'report.docx'))).toString('base64');
    await page.evaluate((base64: string) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'report.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForSelector('[data-testid="finding"]');
    const fromDocx = await findings(page);
    expect(await page.$eval('[data-testid="report-input"]', (el) => (el as HTMLTextAreaElement).value)).toContain('（七）总计');
    // Places in the Word file, not lines of a text the user never saw.
    expect(await page.$$eval('.finding .where', (els) => els.map((el) => el.textContent ?? ''))).toContainEqual(
      expect.stringMatching(/^表 \d+ 第 \d+ 行第 \d+ 格$/),
    );
    expect(await badCells(page)).toContainEqual({ table: 't3', row: 't3.total', column: '自然人', text: '16应为 17↩' });

    await page.evaluate(() => document.querySelector('[data-row="t3.total"]')?.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(shots, 'web-page-phone.png') });
    await page.close();

    // The same findings as the Markdown, through the file input this time.
    const md = await open(sitePage);
    const input = await md.$('[data-testid="report-file"]');
    await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(path.join(fixtures, 'report.md'));
    await md.waitForSelector('[data-testid="finding"]');
    expect(sorted(fromDocx)).toEqual(sorted(await findings(md)));
    await md.close();
  }, 240_000);

  it('drops a file it cannot read: the engine’s words for why (as the CLI’s), the previous findings gone', async () => {
    const page = await open(`${sitePage}?lang=en`);
    await page.$eval('[data-testid="report-input"]', (el) => ((el as HTMLTextAreaElement).value = '# 某局2024年政府信息公开工作年度报告\n\n一、总体情况\n'));
    await page.click('#check');
    await page.waitForSelector('[data-testid="finding"]');
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new TextEncoder().encode('not a zip')], 'old.docx'));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => (document.getElementById('source')?.textContent ?? '').startsWith('old.docx: '));
    expect(await page.$eval('#source', (el) => el.textContent)).toBe(
      'old.docx: This Word file cannot be read: it is not in .docx format (save an old .doc as .docx in Word)',
    );
    expect(await findings(page)).toEqual([]);
    await page.close();
  }, 240_000);

  it('drops a .pdf: the table read from its lines, the finding placed by page, row and column, nothing fetched', async () => {
    const page = await open(sitePage);
    const input = await page.$('[data-testid="report-file"]');
    await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(path.join(root, 'test/fixtures/pdf/bordered.pdf'));
    await page.waitForSelector('[data-testid="finding"]');
    expect(await page.$$eval('.finding .where', (els) => els.map((el) => el.textContent ?? ''))).toContainEqual(
      expect.stringMatching(/^第 \d+ 页 表三 （六）其他处理 3\.其他 · 自然人$/),
    );
    expect((await badCells(page)).map((c) => [c.table, c.column, c.text])).toEqual([['t3', '自然人', '16应为 0↩']]);
    expect(requests).toEqual([]);
    await page.close();
  }, 240_000);

  // The page has no zlib: the streams are inflated beforehand through a DecompressionStream, and
  // the pages read from their content streams as the CLI reads them (not by pdf.js, whose text
  // knows neither the clip nor the render mode).
  it('reads a PDF as the CLI does: text a clip hides left out, an OCR layer noted', async () => {
    const out = await makeTempDir();
    const ocr = path.join(out, 'ocr-layer.pdf');
    const bordered = pagesFromJson(readFileSync(path.join(root, 'test/fixtures/pdf/raw/bordered.pages.json'), 'utf8'));
    await writeFile(ocr, rawPdf(bordered, { text: 'invisible', compress: true }));
    // LibreOffice clips a cell's text to the cell: the header's last wrapped line (之和）) is drawn
    // in the row below but never shown; read, it joins （七）总计's label.
    const clipped = path.join(root, 'test/fixtures/pdf/docx/landscape-narrow.pdf');
    const seen: Record<string, string[]> = {};
    for (const file of [clipped, ocr]) {
      let json: string;
      try {
        json = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), '-f', 'json', file], { cwd: root, stdio: 'pipe' }).toString();
      } catch (err) {
        json = String((err as { stdout: Buffer }).stdout);
      }
      const [result] = JSON.parse(json) as { messages: { ruleId: string | null; messageId: string; place?: string }[] }[];
      const cli = (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}/${m.messageId} ${m.place ?? ''}`).sort();
      const page = await open(sitePage);
      const input = await page.$('[data-testid="report-file"]');
      await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(file);
      await page.waitForSelector('[data-testid="finding"]');
      const web = await page.$$eval('[data-testid="finding"]', (els) =>
        els.map((el) => {
          const where = el.querySelector('.where')?.textContent ?? '';
          return `${el.getAttribute('data-rule') ?? ''}/${el.getAttribute('data-message-id') ?? ''} ${/^第 \d+ 页/.test(where) ? where : ''}`;
        }),
      );
      expect(web.sort()).toEqual(cli);
      expect(requests).toEqual([]);
      seen[path.basename(file)] = web;
      await page.close();
    }
    expect(seen['landscape-narrow.pdf']).toEqual(['table-sums/several 第 4 页 表三 （六）其他处理 3.其他 · 科研机构']);
    expect(seen['ocr-layer.pdf']).toContainEqual(expect.stringMatching(/^\/filePdfOcrLayer /));
  }, 240_000);

  it('opens a --format html report: the same findings and marked cell, nothing fetched', async () => {
    const out = await makeTempDir();
    const report = path.join(out, 'report.html');
    try {
      execFileSync(
        process.execPath,
        [
          path.join(root, 'dist/cli.js'),
          '--format',
          'html',
          '--output-file',
          report,
          path.join(fixtures, 'report.md'),
          path.join(fixtures, 'portal-page.html'),
        ],
        { cwd: fixtures, stdio: 'pipe' },
      );
    } catch {
      // Exit code 1: the reports have errors, which is the point.
    }
    const url = pathToFileURL(report).href;
    const page = await open(url);
    const sections = await page.$$('[data-testid="report"]');
    expect(sections).toHaveLength(2);
    const cells = await badCells(page);
    expect(cells.filter((c) => c.row === 't3.total' && c.column === '自然人')).toHaveLength(2);
    const perReport = await page.$$eval('[data-testid="report"]', (els) =>
      els.map((el) =>
        [...el.querySelectorAll('[data-testid="finding"]')].map((f) => `${f.getAttribute('data-rule')}/${f.getAttribute('data-message-id')}`).sort(),
      ),
    );
    expect(perReport[0]).toEqual(perReport[1]);
    expect(requests).toEqual([]);
    await page.evaluate(() => document.querySelector('[data-row="t3.total"]')?.scrollIntoView({ block: 'end' }));
    await page.evaluate(() => window.scrollBy(0, 120));
    await page.screenshot({ path: path.join(shots, 'html-report.png') });

    // Printed on A4 (186 mm between the margins, about 703 CSS pixels) every table fits the width.
    await page.emulateMediaType('print');
    await page.setViewport({ width: 703, height: 1000 });
    const widths = await page.$$eval('table.report-table', (tables) => tables.map((t) => t.getBoundingClientRect().right));
    expect(Math.max(...widths)).toBeLessThanOrEqual(703);
    const pdf = await page.pdf({ format: 'A4' });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }, 240_000);
});
