/**
 * Reports in the noisy forms real ones arrive in (test/fixtures/noise/, README there; each with its
 * true values in manifest.json): digits run together, lost, blank and extra cells, a column
 * missing throughout, a flattened table, blank rows, PDF layout text, front matter, and files that
 * are not reports at all. The reader must read what the text allows, and the findings must be few
 * and name their cause.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import { sampleReport } from '../src/testing/sample.ts';

const dir = path.join(import.meta.dirname, 'fixtures/noise');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, { cells?: Record<string, number[]> }>;
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const model = (file: string): ReportModel => {
  const text = read(file);
  return buildModel(text, parseMarkdown(text), { check: true });
};
const rowOf = (m: ReportModel, label: string): Row | undefined =>
  [...m.tables.t2.rows, ...m.tables.t3.rows, ...m.tables.t4.rows].find((r) => r.label === label || r.label.endsWith(`·${label}`) || r.label.endsWith(label));

/** Rows the fixture's own defect leaves unread, and how. */
const UNREAD: Record<string, Record<string, Row['status']>> = {
  '03-crawled-no-split.txt': { '（一）予以公开': 'unsolvable' },
};
const BLANK_ROWS = '08-trial-2019-blank-rows.md';

describe('noisy forms: every row the text allows is read, with its true values', () => {
  for (const [file, entry] of Object.entries(manifest)) {
    if (!entry.cells || Object.keys(entry.cells).length === 0 || file === BLANK_ROWS) continue;
    it(file, () => {
      const m = model(file);
      for (const [label, values] of Object.entries(entry.cells ?? {})) {
        const row = rowOf(m, label);
        const unread = UNREAD[file]?.[label];
        if (unread) expect(row?.status).toBe(unread);
        else expect({ label, status: row?.status, values: row?.cells.map((c) => c.value) }).toEqual({ label, status: 'read', values });
      }
    });
  }
});

describe('noisy forms: few findings, each naming its cause', () => {
  const findings = (file: string) => lintText(read(file), { filePath: file }).messages;
  const ids = (file: string, rule: string) =>
    findings(file)
      .filter((m) => m.ruleId === rule)
      .map((m) => m.messageId);

  it('a unique split of run-together digits is read silently; the tables add up', () => {
    for (const file of ['01-crawled-unique-split.txt', '02-crawled-ambiguous-split.txt', '02b-crawled-two-splits.txt']) {
      expect(findings(file).filter((m) => m.ruleId === 'table-sums')).toEqual([]);
      // Table 二's runs have no relation to decide them: one finding, not a guess.
      expect(ids(file, 'table-structure').every((id) => id === 'runTogether' || id === 'runTogetherRows' || id === 'unreadableTable')).toBe(true);
    }
  });

  it('a run no split makes add up is one sum error at that row, with what the other rows require', () => {
    const sums = findings('03-crawled-no-split.txt').filter((m) => m.ruleId === 'table-sums');
    expect(sums.map((m) => m.messageId)).toEqual(['noReading']);
    expect(sums[0]?.message).toContain('12 0 0 0 0 0 12');
  });

  it('a column missing throughout is one finding, and the header tells which', () => {
    expect(ids('04-tsv-column-missing.md', 'table-structure')).toEqual(['missingCellRows']);
    expect(findings('04-tsv-column-missing.md').find((m) => m.messageId === 'missingCellRows')?.message).toContain('科研机构');
  });

  it('a blank cell whose column the layout shows is solved and still reported', () => {
    for (const file of ['05-tsv-blank-cell.md', '05-tsv-blank-cell.crlf.md']) {
      const f = findings(file);
      expect(f.map((m) => m.messageId)).toEqual(['blankCellSolved']);
      expect(f[0]?.data).toMatchObject({ columns: '商业企业', solved: 1 });
    }
  });

  it('a lost cell is placed by the relations, and reported', () => {
    expect(ids('05b-tsv-row-six-values.md', 'table-structure')).toEqual(['missingCellSomewhere']);
  });

  it('an extra value is left out only where that alone makes the row add up', () => {
    expect(ids('06-tsv-extra-value.md', 'table-structure')).toEqual(['extraValue']);
  });

  it('a table flattened into one line is read', () => {
    expect(findings('07-flattened-one-line.md')).toEqual([]);
  });

  it('rows left blank are one finding', () => {
    expect(ids(BLANK_ROWS, 'table-structure')).toEqual(['blankRowRows']);
    expect(ids(BLANK_ROWS, 'table-sums')).toEqual([]);
  });

  it("a note under table 二 naming the other form's column is no column of the table: no mixed forms", () => {
    const base = sampleReport({ form: 'gfm' });
    const at = base.indexOf('三、收到和处理');
    const withLine = (line: string): string[] =>
      lintText(`${base.slice(0, at)}${line}\n\n${base.slice(at)}`)
        .messages.filter((m) => m.ruleId.startsWith('table-'))
        .map((m) => m.message);
    expect(withLine('注：本表“上一年项目数量”为上年末的项目数。')).toEqual([]);
    // The same words as a line of the table are the 2019 form's column: mixed.
    expect(withLine('上一年项目数量')).toEqual(['表二混用了2019年试行格式和2021年格式的栏目']);
  });

  it('PDF layout text (spaced item numbers, wrapped labels, running headers, page numbers) is read whole', () => {
    expect(findings('09-pdftotext-layout.txt')).toEqual([]);
  });

  it('front matter gives the title and the publication date, at their places', () => {
    for (const file of ['10-front-matter-yaml.md', '10b-front-matter-toml.md']) {
      const m = model(file);
      expect(m.title?.year).toBe(2023);
      expect(m.title?.span.start.line).toBe(2);
      expect(m.published).toMatchObject({ year: 2024, month: 1, day: 26 });
      expect(findings(file)).toEqual([]);
    }
  });

  it('a README, a changelog and a writing guide are not reports: no findings, and said so', () => {
    for (const file of ['11-readme.md', '11-CHANGELOG.md', '11-guide.md']) {
      const result = lintText(read(file), { filePath: file });
      expect(result).toMatchObject({ notReport: true, messages: [] });
      // Forced by config, the same file is linted as a report.
      expect(lintText(read(file), { filePath: file, classify: 'report' }).messages.length).toBeGreaterThan(0);
    }
  });

  it('a badly damaged report is still a report', () => {
    const result = lintText(read('12-damaged-report.md'));
    expect(result.notReport).toBeUndefined();
    expect(result.messages.map((m) => m.messageId)).toEqual(expect.arrayContaining(['missingRowRows']));
    expect(result.messages.some((m) => m.messageId === 'oldTemplate')).toBe(false);
  });
});

describe('files that are not reports, through the CLI', () => {
  it('are listed in JSON with notReport and no messages, and counted at the end of the stylish output', async () => {
    const { main } = await import('../src/adapters/cli/main.ts');
    const run = async (argv: string[]) => {
      let stdout = '';
      const code = await main(argv, {
        stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
        stderr: { write: () => undefined },
        cwd: dir,
        env: {},
      });
      return { code, stdout };
    };
    const files = ['11-readme.md', '11-guide.md', '05-tsv-blank-cell.md'];
    const json = JSON.parse((await run(['-f', 'json', '--concurrency', 'off', ...files])).stdout) as Array<{
      filePath: string;
      notReport?: boolean;
      messages: unknown[];
    }>;
    expect(json.map((r) => [path.basename(r.filePath), r.notReport ?? false, r.messages.length])).toEqual([
      ['05-tsv-blank-cell.md', false, 1],
      ['11-guide.md', true, 0],
      ['11-readme.md', true, 0],
    ]);
    const stylish = await run(['--concurrency', 'off', ...files]);
    expect(stylish.stdout).toContain('另有 2 个文件看起来不是政府信息公开工作年度报告，未检查');
    expect(stylish.stdout).not.toContain('11-guide.md');
    expect((await run(['--concurrency', 'off', '--verbose', ...files])).stdout).toContain('11-guide.md');
  });
});
