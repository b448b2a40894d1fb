/**
 * The statistics as data (--format csv, xlsx, json-archive) and the archive overview of --format
 * html, on the real reports of test/fixtures (平潭综合实验区 2019–2025 is one agency over seven
 * years; 洪泽区 2023–2024 two consecutive years): every exported value is the value printed in the
 * report, cell by cell; nothing that was not read is exported as a number.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { builtinRules } from '../rules/index.ts';
import { csv } from '../src/adapters/formatters/csv.ts';
import { compareYears, html, jsonArchive } from '../src/adapters/formatters/archive.ts';
import type { Comparison } from '../src/adapters/formatters/archive-compare.ts';
import { formatResults } from '../src/adapters/formatters/index.ts';
import { json } from '../src/adapters/formatters/json.ts';
import { FINDING_COLUMNS, findingsOf, STATISTICS_COLUMNS, statistics, statisticsOf, type StatisticsRecord } from '../src/adapters/formatters/statistics.ts';
import { drawTable } from '../src/adapters/formatters/tables.ts';
import { SHEET_NAMES } from '../src/adapters/formatters/xlsx.ts';
import { lintFilesToArray as lintFiles } from '../src/engine/run.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir } from './helpers/tmp.ts';
import { expectEqual } from './helpers/equal.ts';

const root = path.resolve(import.meta.dirname, '..');
const peers = path.join(root, 'test/fixtures/peers');
const seeds = path.join(root, 'test/fixtures/seeds');
const files = [
  ...readdirSync(peers)
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => path.join(peers, f)),
  ...readdirSync(seeds)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(seeds, f)),
];
const context = { locale: 'zh-CN' as const, cwd: root, rules: builtinRules };

let results: LintResult[];
beforeAll(async () => {
  results = await lintFiles(files, { locale: 'zh-CN', keepModel: true, concurrency: 'off' });
}, 180_000);

const NUMBERED = new Set(['written', 'split', 'solved']);
const digits = (text: string): string => text.replace(/[^\d.-]/g, '');

describe('the statistics as data', () => {
  it('exports every cell of every read table, each value as printed in the report', () => {
    let written = 0;
    let split = 0;
    for (const result of results.filter((r) => !r.notReport)) {
      const model = result.model;
      if (!model) throw new Error(`no model for ${result.filePath}`);
      const source = readFileSync(result.filePath, 'utf8');
      const records = statisticsOf(result);
      // The same cells as the tables drawn in the HTML report, in the same order.
      const drawn = (['t2', 't3', 't4'] as const).flatMap((id) =>
        model.tables[id].found
          ? drawTable(model.tables[id], []).blocks.flatMap((b) => b.rows.flatMap((r) => r.cells.map((c) => ({ row: r.row, cell: c.cell }))))
          : [],
      );
      expect(records).toHaveLength(drawn.length);
      records.forEach((record, i) => {
        const { row, cell } = drawn[i] ?? {};
        if (!row) throw new Error('no drawn cell');
        if (record.read === 'written') {
          // The text at the cell's place in the file is the number exported.
          if (!cell) throw new Error('written without a cell');
          const printed = source.slice(cell.span.start.offset, cell.span.end.offset);
          expect(Number(digits(printed))).toBe(record.value);
          written++;
        } else if (record.read === 'split') {
          split++;
        } else if (!NUMBERED.has(record.read)) {
          expect(record.value).toBeNull();
        }
        if (record.read === 'unread') expect(row.status).not.toBe('read');
      });
      // Split cells: the row's values, one after the other, are the digits printed run together.
      for (const rowId of new Set(records.filter((r) => r.read === 'split').map((r) => r.rowId))) {
        const row = [model.tables.t2, model.tables.t3, model.tables.t4].flatMap((t) => t.rows).find((r) => r.id === rowId);
        const text = row?.decoded?.text ?? '';
        const values = records.filter((r) => r.rowId === rowId).map((r) => (r.value === null ? '' : String(r.value)));
        expect(digits(text)).toContain(values.join(''));
      }
    }
    // The corpus has both kinds: tables written cell by cell and digits run together (平潭).
    expect(written).toBeGreaterThan(1000);
    expect(split).toBeGreaterThan(1000);
  });

  it('never exports a value for what was not read', () => {
    const all = results.flatMap((r) => statisticsOf(r));
    const unread = all.filter((r) => !NUMBERED.has(r.read));
    expect(unread.length).toBeGreaterThan(0);
    for (const r of unread) expect(r.value).toBeNull();
    for (const r of all.filter((x) => NUMBERED.has(x.read))) expect(typeof r.value).toBe('number');
  });

  it('gives the library the same data as the CSV (statistics)', () => {
    const data = statistics(results, { cwd: root });
    expectEqual(
      data.cells,
      results.flatMap((r) => statisticsOf(r, { cwd: root })),
    );
    expectEqual(
      data.findings,
      results.flatMap((r) => findingsOf(r, { cwd: root })),
    );
  });

  it('writes RFC 4180 CSV with a BOM that Python’s csv module reads back unchanged', async () => {
    const text = csv(results, context);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${STATISTICS_COLUMNS.join(',')}`);
    const dir = await makeTempDir();
    const file = path.join(dir, 'statistics.csv');
    await writeFile(file, text, 'utf8');
    const script =
      'import csv,json,sys\nwith open(sys.argv[1],newline="",encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f)),ensure_ascii=False))';
    const rows = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as string[][];
    const expected = results.flatMap((r) => statisticsOf(r, { cwd: root }));
    expect(rows[0]).toEqual([...STATISTICS_COLUMNS]);
    expectEqual(
      rows.slice(1),
      expected.map((record) => STATISTICS_COLUMNS.map((k) => (record[k] === null ? '' : String(record[k])))),
    );
  });

  it('quotes fields with commas, quotes and line breaks', async () => {
    const result = results[0] as LintResult;
    const odd = { ...result, filePath: path.join(root, 'a,"b"\nc.md') };
    const text = csv([odd], context);
    expect(text).toContain('"a,""b""\nc.md"');
  });

  it('writes a workbook that exceljs opens with the same values as the JSON (one sheet per table, one of findings)', async () => {
    const bytes = await formatResults('xlsx', results, context);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes as Uint8Array) as unknown as ArrayBuffer);
    const archive = JSON.parse(jsonArchive(results, context)) as { filePath: string; statistics: Omit<StatisticsRecord, 'file'>[] }[];
    const sheetRows = (name: string): unknown[][] => {
      const sheet = book.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const all = results.flatMap((r) => statisticsOf(r, { cwd: root }));
    for (const table of ['t2', 't3', 't4'] as const) {
      const rows = sheetRows(SHEET_NAMES[table]['zh-CN']);
      expect(rows[0]).toEqual([...STATISTICS_COLUMNS]);
      const fromJson = archive.flatMap((r) =>
        (r.statistics ?? []).filter((s) => s.table === table).map((s) => ({ ...s, file: path.relative(root, r.filePath) })),
      );
      const fromSheet = rows.slice(1).map((row) => Object.fromEntries(STATISTICS_COLUMNS.map((k, i) => [k, row[i] ?? null])));
      // expectEqual: thousands of rows (jest's toEqual, for its diff, only when they differ).
      expectEqual(
        fromSheet.map((r) => [r['file'], r['rowId'], r['column'], r['value'], r['read']]),
        fromJson.map((r) => [r.file, r.rowId, r.column, r.value, r.read]),
      );
      expectEqual(
        fromSheet,
        all.filter((r) => r.table === table).map((r) => ({ ...r, raw: r.raw === '' ? null : r.raw, agency: r.agency, year: r.year })),
      );
    }
    const findings = sheetRows(SHEET_NAMES.findings['zh-CN']);
    expect(findings[0]).toEqual([...FINDING_COLUMNS]);
    expect(findings.length - 1).toBe(results.reduce((n, r) => n + r.messages.length + (r.fatal ? 1 : 0), 0));
  }, 120_000);

  it('keeps --format json-archive ESLint’s JSON, key for key, with statistics and comparisons added', () => {
    const plain = JSON.parse(json(results, context)) as Record<string, unknown>[];
    const archive = JSON.parse(jsonArchive(results, context)) as Record<string, unknown>[];
    expect(archive).toHaveLength(plain.length);
    archive.forEach((entry, i) => {
      const { statistics: stats, comparisons, ...rest } = entry;
      expect(rest).toEqual(plain[i]);
      expect(Object.keys(rest)).toEqual(Object.keys(plain[i] ?? {}));
      // A file that is not a report has no tables to export.
      expect(Array.isArray(stats)).toBe(rest['notReport'] !== true);
      expect(Array.isArray(comparisons)).toBe(rest['notReport'] !== true);
    });
  });
});

describe('year against year', () => {
  let comparisons: Comparison[];
  beforeAll(() => {
    comparisons = compareYears(results, { cwd: root });
  });

  it('compares each agency’s consecutive reports, once per pair', () => {
    const pairs = comparisons.map((c) => `${c.agency} ${c.previousYear}→${c.year}`).sort();
    const pingtan = pairs.filter((p) => p.startsWith('平潭综合实验区'));
    expect(pingtan).toEqual(['2019→2020', '2020→2021', '2021→2022', '2022→2023', '2023→2024', '2024→2025'].map((y) => `平潭综合实验区 ${y}`));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('gives each cell both years and the change, and agrees with the carry-over and stock rules', () => {
    const byFile = new Map(results.filter((r) => !r.notReport).map((r) => [path.relative(root, r.filePath), r]));
    const values = new Map<LintResult, Map<string, number | null>>();
    const valueOf = (r: LintResult, rowId: string, column: string): number | null => {
      let map = values.get(r);
      if (!map) {
        map = new Map(statisticsOf(r).map((s) => [`${s.rowId}/${s.column}`, s.value]));
        values.set(r, map);
      }
      return map.get(`${rowId}/${column}`) ?? null;
    };
    for (const c of comparisons) {
      const now = byFile.get(c.file);
      const before = byFile.get(c.previousFile);
      if (!now || !before) throw new Error('comparison without its reports');
      for (const cell of c.cells) {
        expect(cell.current).toBe(valueOf(now, cell.rowId, cell.column));
        expect(cell.previous).toBe(valueOf(before, cell.rowId, cell.column));
        if (cell.previous !== null && cell.current !== null) expect(cell.change).toBeCloseTo(cell.current - cell.previous, 6);
        else expect(cell.change).toBeNull();
      }
      // A failed check is what the rule reports (the rules check only rows read with certainty).
      const failed = c.cells.filter((x) => x.ok === false);
      const ruleFindings = now.messages.filter((m) => m.ruleId === 'carry-over' || m.ruleId === 'stock-continuity');
      if (ruleFindings.length === 0) expect(failed.filter((x) => x.check === 'carry-over')).toEqual([]);
      expect(c.cells.filter((x) => x.check === 'carry-over').length).toBeGreaterThan(0);
    }
  });
});

describe('the archive overview (--format html)', () => {
  it('opens with the grid of agencies and years, each cell linking to its report', () => {
    const page = html(results, context);
    const grid = /<table class="grid"[^]*?<\/table>/.exec(page)?.[0] ?? '';
    expect(grid).toContain('平潭综合实验区');
    for (let year = 2019; year <= 2025; year++) expect(grid).toContain(`<th data-year="${year}">${year}</th>`);
    const links = [...grid.matchAll(/href="#(r\d+)"/g)].map((m) => m[1]);
    expect(links.length).toBe(results.filter((r) => !r.notReport).length);
    for (const id of links) expect(page).toContain(`id="${id}"`);
    // One chart per key figure per agency; the 2024 point of 平潭 is the value of its table.
    const pingtan2024 = results.find((r) => r.agency === '平潭综合实验区' && r.year === 2024);
    const received = pingtan2024 ? statisticsOf(pingtan2024).find((s) => s.rowId === 't3.new' && s.column === '总计')?.value : undefined;
    expect(received).toBeDefined();
    const charts = /<div class="agency-charts" data-agency="平潭综合实验区"[^]*?<\/figure><\/div>/.exec(page)?.[0] ?? '';
    expect(charts).toContain(`data-year="2024" data-value="${received}"`);
    // No script, style or font from elsewhere; the script is inline.
    expect(page).not.toMatch(/<script[^>]*\bsrc=|<link\b|<img\b|<iframe\b|url\(|@import/i);
  });

  it('marks a year missing between two reports of the same agency', () => {
    const without2022 = results.filter((r) => !(r.agency === '平潭综合实验区' && r.year === 2022));
    const page = html(without2022, context);
    expect(page).toMatch(/<li data-agency="平潭综合实验区" data-year="2022">/);
    expect(page).toMatch(/<td class="g-gap" data-year="2022" data-testid="gap">/);
  });
});

describe('the CLI writes the formats', () => {
  it('-f xlsx -o writes the workbook bytes as they are; -f csv streams the same cells', async () => {
    const { main } = await import('../src/adapters/cli/main.ts');
    const dir = await makeTempDir();
    const inputs = ['09-pingtan-2024.txt', '10-pingtan-2025.txt'].map((f) => path.join(peers, f));
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir };
    await main(['-f', 'xlsx', '-o', 'out.xlsx', '--concurrency', 'off', ...inputs], io);
    await main(['-f', 'csv', '-o', 'out.csv', '--concurrency', 'off', ...inputs], io);
    const bytes = readFileSync(path.join(dir, 'out.xlsx'));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const lines = readFileSync(path.join(dir, 'out.csv'), 'utf8').split('\r\n').filter(Boolean);
    const cells = ['t2', 't3', 't4'].reduce((n, id) => n + (book.getWorksheet(SHEET_NAMES[id as 't2']['zh-CN'])?.rowCount ?? 0) - 1, 0);
    expect(cells).toBe(lines.length - 1);
    expect(cells).toBeGreaterThan(300);
  }, 120_000);
});

describe('year against year on a pair with copied prose and a wrong carry-over', () => {
  it('marks the carry-over that does not match last year and highlights the copied passage', async () => {
    const { sampleReport } = await import('../src/testing/sample.ts');
    const { consistentPair } = await import('../rules/lib/examples.ts');
    const overview =
      '本年度，本局以习近平新时代中国特色社会主义思想为指导，围绕全区工业经济稳增长目标，聚焦企业服务、项目建设和数字化转型，' +
      '及时公开惠企政策、专项资金申报和项目审批结果，全年开展政策解读活动六场，组织企业座谈会四次，持续提升政务公开的针对性和实效性。';
    const problems =
      '（一）存在的主要问题：部分栏目更新不够及时，政策解读形式比较单一，公众参与渠道有待拓宽。（二）改进措施：建立栏目更新提醒机制，丰富图表、视频等解读形式，开展政府开放日活动。';
    // Last year carried 3 applications forward; this year's report says 2 were carried over.
    const pair = consistentPair(2024, [3, 0, 0, 0, 0, 0]);
    const dir = await makeTempDir();
    const previous = path.join(dir, '2023.md');
    const current = path.join(dir, '2024.md');
    await writeFile(
      previous,
      sampleReport({
        ...pair.previous,
        replace: [
          [/2023年，本局认真贯彻落实.*\n/, `${overview}\n`],
          [/（一）存在的主要问题.*\n/, `${problems}\n`],
        ],
      }),
    );
    await writeFile(
      current,
      sampleReport({
        ...pair.current,
        replace: [
          [/2024年，本局认真贯彻落实.*\n/, `${overview}\n`],
          [/（一）存在的主要问题.*\n/, `${problems}\n`],
        ],
      }),
    );
    const pairResults = await lintFiles([previous, current], { locale: 'zh-CN', keepModel: true, concurrency: 'off' });
    const now = pairResults[1] as LintResult;
    expect(now.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['carry-over', 'similar-to-last-year']));
    const [comparison] = compareYears(pairResults, { cwd: dir });
    if (!comparison) throw new Error('no comparison');
    const natural = comparison.cells.find((c) => c.rowId === 't3.carried' && c.column === '自然人');
    expect(natural).toMatchObject({ previous: 0, current: 2, check: 'carry-over', expected: 3, ok: false });
    expect(comparison.copied?.excerpt).toBeTruthy();
    const page = html(pairResults, { ...context, cwd: dir });
    expect(page).toContain(`<mark class="copied">`);
    expect(page).toMatch(/data-column="自然人" data-check="bad">/);
  }, 60_000);
});
