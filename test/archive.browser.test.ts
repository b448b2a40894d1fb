/// <reference lib="dom" />
/**
 * The archive overview of --format html in a real browser (Debian's chromium through
 * puppeteer-core), opened from disk with no network: the grid, a chart, the filters, the
 * year-against-year view, printing on A4. Behind XXGK_BROWSER=1 like test/browser.test.ts; writes
 * the README's screenshots docs/screenshots/archive-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { builtinRules } from '../rules/index.ts';
import { html } from '../src/adapters/formatters/archive.ts';
import { statisticsOf } from '../src/adapters/formatters/statistics.ts';
import { lintFilesToArray as lintFiles } from '../src/engine/run.ts';
import type { LintResult } from '../src/types.ts';
import { browserTestsEnabled, launchChromium } from './helpers/chromium.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

const root = path.resolve(import.meta.dirname, '..');
const peers = path.join(root, 'test/fixtures/peers');
const shots = path.join(root, 'docs/screenshots');
const enabled = browserTestsEnabled;

// One agency over seven years (平潭), one over two (洪泽区) and one report alone (淮安市).
const FILES = [
  '04-pingtan-2019.txt',
  '05-pingtan-2020.txt',
  '06-pingtan-2021.txt',
  '07-pingtan-2022.txt',
  '08-pingtan-2023.txt',
  '09-pingtan-2024.txt',
  '10-pingtan-2025.txt',
  '11-huaian-hongzequ-2023.layout.txt',
  '12-huaian-hongzequ-2024.layout.txt',
  '13-huaian-shizf-2024.layout.txt',
].map((f) => path.join(peers, f));

(enabled ? describe : describe.skip)('the archive overview in chromium', () => {
  let browser: Browser;
  let url: string;
  let results: LintResult[];
  let requests: string[];

  beforeAll(async () => {
    results = await lintFiles(FILES, { locale: 'zh-CN', keepModel: true, concurrency: 'off' });
    const dir = await makeTempDir();
    const file = path.join(dir, 'archive.html');
    await writeFile(file, html(results, { locale: 'zh-CN', cwd: peers, rules: builtinRules }), 'utf8');
    url = pathToFileURL(file).href;
    await mkdir(shots, { recursive: true });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await removeTempDirs();
  });

  async function open(width = 1100): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    await page.setViewport({ width, height: 900 });
    requests = [];
    page.on('request', (request) => {
      if (request.url() !== url && !request.url().startsWith(`${url}#`)) requests.push(request.url());
    });
    await page.goto(url);
    return page;
  }

  const visible = (page: Page, selector: string): Promise<string[]> =>
    page.$$eval(selector, (els) =>
      els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getAttribute('data-agency') ?? el.textContent ?? ''),
    );

  it('shows the grid first: one row per agency, each report a link to its section', async () => {
    const page = await open();
    // The overview comes first on screen although it is written last.
    const top = await page.$eval('[data-testid="overview"]', (el) => el.getBoundingClientRect().top);
    const firstReport = await page.$eval('[data-testid="report"]', (el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(firstReport);
    const rows = await page.$$eval('[data-testid="grid"] tr[data-agency]', (els) => els.map((el) => el.getAttribute('data-agency')));
    expect(new Set(rows)).toEqual(new Set(results.map((r) => r.agency)));
    const links = await page.$$eval('[data-testid="grid"] a', (els) => els.map((el) => el.getAttribute('href')));
    expect(links).toHaveLength(FILES.length);
    // A grid link goes to that report's section.
    const pingtan2024 = results.findIndex((r) => r.agency === '平潭综合实验区' && r.year === 2024);
    const target = await page.$eval(`[data-testid="grid"] tr[data-agency="平潭综合实验区"] td[data-year="2024"] a`, (el) => el.getAttribute('href'));
    await page.click(`[data-testid="grid"] tr[data-agency="平潭综合实验区"] td[data-year="2024"] a`);
    const heading = await page.$eval(`${target} h2`, (el) => el.textContent);
    expect(heading).toBe(path.basename(FILES[pingtan2024] ?? ''));
    expect(requests).toEqual([]);
    await page.close();
  });

  it('draws the key figures: each point of 平潭’s chart is the value of that year’s table', async () => {
    const page = await open();
    const points = await page.$$eval('[data-testid="agency-charts"][data-agency="平潭综合实验区"] [data-figure="received"] circle', (els) =>
      els.map((el) => [Number(el.getAttribute('data-year')), Number(el.getAttribute('data-value'))]),
    );
    const expected = results
      .filter((r) => r.agency === '平潭综合实验区')
      .map((r) => [r.year, statisticsOf(r).find((s) => s.rowId === 't3.new' && s.column === '总计')?.value ?? null])
      .filter(([, v]) => v !== null);
    expect(points.sort()).toEqual(expected.sort());
    expect(points.length).toBeGreaterThan(3);
    await page.setViewport({ width: 1100, height: 1500 });
    await page.screenshot({ path: path.join(shots, 'archive-overview.png') });
    await page.close();
  });

  it('filters by agency, year and rule without a server', async () => {
    const page = await open();
    await page.select('[data-filter="agency"]', '平潭综合实验区');
    expect(await visible(page, '[data-testid="grid"] tr[data-agency]')).toEqual(['平潭综合实验区']);
    expect(new Set(await visible(page, 'section.report[data-agency]'))).toEqual(new Set(['平潭综合实验区']));
    await page.select('[data-filter="year"]', '2024');
    const years = await page.$$eval('[data-testid="grid"] th[data-year]', (els) =>
      els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getAttribute('data-year')),
    );
    expect(years).toEqual(['2024']);
    expect(await page.$$eval('section.report', (els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length)).toBe(1);
    // A rule: only the reports with its findings stay.
    await page.select('[data-filter="agency"]', '');
    await page.select('[data-filter="year"]', '');
    await page.select('[data-filter="rule"]', 'signature-date');
    const shown = await page.$$eval('ol.contents li', (els) =>
      els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getAttribute('data-rules') ?? ''),
    );
    expect(shown.length).toBe(results.filter((r) => r.messages.some((m) => m.ruleId === 'signature-date')).length);
    for (const rules of shown) expect(rules.split(' ')).toContain('signature-date');
    await page.close();
  });

  it('shows the year against year: both years per cell, the carry-over checked', async () => {
    const page = await open();
    const href = await page.$eval('[data-testid="agency-charts"][data-agency="平潭综合实验区"] .cmp-links a', (el) => el.getAttribute('href'));
    expect(href).toMatch(/^#cmp-/);
    const section = await page.$(`${href}`);
    expect(section).not.toBeNull();
    const checks = await page.$$eval(`${href} td[data-check]`, (els) => els.map((el) => el.getAttribute('data-check')));
    expect(checks.length).toBeGreaterThan(0);
    await page.$eval(`${href}`, (el) => el.scrollIntoView());
    const element = await page.$(`${href}`);
    await element?.screenshot({ path: path.join(shots, 'archive-comparison.png') });
    await page.close();
  });

  it('prints on A4', async () => {
    const page = await open();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  }, 180_000);
});
