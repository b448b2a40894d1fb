/**
 * Reports printed to PDF and turned back into text by pdftotext (test/fixtures/pdftext/: made by
 * gen.mjs from HTML in the template's bordered layout through chromium; manifest.json holds the
 * values printed in each table). In `-layout` text every table must be read exactly and only the
 * report's real defects found, at their cells. In plain text (column blocks) a table is read
 * exactly or not at all: never a row with another row's values, at most one finding a table.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import { consistentData, sampleReport } from '../src/testing/sample.ts';

interface Truth {
  what: string;
  template: '2019' | '2021';
  t2: Record<string, number[]>;
  t3: Record<string, number[]>;
  t4: number[][];
  errors: Array<{ rule: string; row: string; column: string }>;
  findings: Array<{ rule: string; messageId: string }>;
  /** The tables the plain text must read exactly, each of their sum errors found at its cell. */
  plain?: Array<'t2' | 't3' | 't4'>;
}

const dir = path.join(import.meta.dirname, 'fixtures/pdftext');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, Truth>;
const modelOf = (text: string): ReportModel => buildModel(text, parseMarkdown(text));
const rowOf = (rows: readonly Row[], label: string) => rows.find((r) => r.label === label || r.label.endsWith(`·${label}`));

/** Each table's rows as read (null when not read) next to the printed values. */
function tables(m: ReportModel, truth: Truth) {
  const side = (rows: readonly Row[], entries: Record<string, number[]>) =>
    Object.entries(entries).map(([label, values]) => {
      const row = rowOf(rows, label);
      return { label, values, read: row?.status === 'read' ? row.cells.map((c) => c.value) : null };
    });
  return {
    t2: side(m.tables.t2.rows, truth.t2),
    t3: side(m.tables.t3.rows, truth.t3),
    t4: m.tables.t4.rows.map((r, g) => ({ label: r.label, values: truth.t4[g] ?? [], read: r.status === 'read' ? r.cells.map((c) => c.value) : null })),
  };
}

const cases = Object.entries(manifest);

describe('pdftotext -layout of reports printed from the bordered template', () => {
  it('has the cases the manifest lists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const [name, truth] of cases) {
    it(`${name}: every table read exactly, only the real defects found, at their cells`, () => {
      const text = readFileSync(path.join(dir, `${name}.layout.txt`), 'utf8');
      const read = tables(modelOf(text), truth);
      for (const rows of Object.values(read)) for (const r of rows) expect({ label: r.label, read: r.read }).toEqual({ label: r.label, read: r.values });
      const messages = lintText(text, { filePath: `${name}.layout.txt` }).messages;
      const sums = messages.filter((m) => m.ruleId === 'table-sums');
      expect(sums.length).toBe(truth.errors.length);
      for (const e of truth.errors) {
        const at = sums.find(
          (m) => String(m.data.cell).startsWith(`${e.row.split('·').pop() ?? e.row}·${e.column}`) || String(m.data.cell) === `${e.row}·${e.column}`,
        );
        expect({ error: e, found: at !== undefined }).toEqual({ error: e, found: true });
      }
      const others = messages.filter((m) => m.ruleId !== 'table-sums').map((m) => `${m.ruleId}/${m.messageId}`);
      expect(others.sort()).toEqual(truth.findings.map((f) => `${f.rule}/${f.messageId}`).sort());
    });
  }
});

describe('plain pdftotext (column blocks) of the same reports', () => {
  for (const [name, truth] of cases) {
    it(`${name}: a table is read exactly or not at all, with one finding for it`, () => {
      const text = readFileSync(path.join(dir, `${name}.plain.txt`), 'utf8');
      const m = modelOf(text);
      const read = tables(m, truth);
      // Never a row with values it does not have.
      for (const rows of Object.values(read))
        for (const r of rows) if (r.read !== null) expect({ label: r.label, read: r.read }).toEqual({ label: r.label, read: r.values });
      const messages = lintText(text, { filePath: `${name}.plain.txt` }).messages;
      for (const id of ['二', '三', '四']) {
        const structure = messages.filter((x) => x.ruleId === 'table-structure' && x.data.table === id && x.messageId !== 'oldTemplate');
        expect({ table: id, findings: structure.length }).toEqual({ table: id, findings: Math.min(1, structure.length) });
      }
      // A sum error is reported only where the text was read; a table read whole has its real errors found.
      const sums = messages.filter((x) => x.ruleId === 'table-sums');
      expect(sums.length).toBeLessThanOrEqual(truth.errors.length);
      // The forms plain text is known to give whole: those tables exact, their errors at their cells.
      for (const table of truth.plain ?? []) {
        for (const r of read[table]) expect({ table, label: r.label, read: r.read }).toEqual({ table, label: r.label, read: r.values });
        for (const e of truth.errors.filter((x) => table === 't3' && x.row.split('·').pop()! in truth.t3)) {
          const at = sums.filter((m) => String(m.data.cell).startsWith(`${e.row.split('·').pop() ?? e.row}·${e.column}`));
          expect({ error: e, found: at.length }).toEqual({ error: e, found: 1 });
        }
      }
    });
  }
});

describe('plain pdftotext of table 四 printed column block by column block', () => {
  // Seen on a real report's table 四 laid out with a vertical header: the two 行政诉讼 groups'
  // results came as one run and both 总计 cells after them (3 0 1 2 | 1 0 0 1 | 6 2 for
  // 3 0 1 2 6 | 1 0 0 1 2). Read in that order the groups would not add up: sum errors that are
  // not in the report.
  const report = (values: string): string =>
    sampleReport({ form: 'gfm' }).replace(
      /四、政府信息公开行政复议、行政诉讼情况[\s\S]*?(?=\n\n五、)/,
      [
        '四、政府信息公开行政复议、行政诉讼情况',
        '行政复议',
        '结果维持',
        '结果纠正',
        '其他结果',
        '尚未审结',
        '总计',
        '6',
        '1',
        '2',
        '1',
        '10',
        '行政诉讼',
        '未经复议直接起诉',
        '复议后起诉',
        '结',
        '果',
        '维',
        '持',
        ...values.split(' '),
      ].join('\n'),
    );

  it('reads two groups run together out of order as out of order, one finding and no sums', () => {
    const messages = lintText(report('3 0 1 2 1 0 0 1 6 2'), { filePath: 'r.md' }).messages;
    expect(messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'table-structure').map((m) => [m.messageId, m.data.table])).toEqual([['interleaved', '四']]);
  });

  it('reads the same run in table order, where every group adds up', () => {
    const m = modelOf(report('3 0 1 2 6 1 0 0 1 2'));
    expect(m.tables.t4.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      [6, 1, 2, 1, 10],
      [3, 0, 1, 2, 6],
      [1, 0, 0, 1, 2],
    ]);
  });
});

describe('solving through two relations together', () => {
  // 一 is printed as the run 110000011 (11 0 0 0 0 0 11 or 1 10 0 0 0 0 11: both add up) and
  // （七）总计 lost a cell, so neither R1 nor R2 alone can decide 一; together they can: 一 + 二 =
  // Σ outcomes + 四, column by column.
  const data = consistentData({ 't3.open': [7, 0, 0, 0, 0, 0], 't3.partial': [2, 0, 0, 0, 0, 0], 't3.unable.1': [2, 0, 0, 0, 0, 0] });
  const run = (text: string) =>
    text.replace(/^(一、本年新收政府信息公开申请数量)\t.*$/m, '$1\t110000011').replace(/^(\t?（七）总计)\t.*$/m, '$1\t11\t0\t0\t0\t11');

  it('reads 一 as 11 0 0 0 0 0 11 when （七） is unread, remembering both relations chose it', () => {
    const text = sampleReport({ form: 'tsv', data, edit: run });
    const m = modelOf(text);
    const first = m.tables.t3.rows.find((r) => r.id === 't3.new');
    expect(first?.status).toBe('read');
    expect(first?.cells.map((c) => c.value)).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(first?.decoded?.chosenBy).toEqual(expect.arrayContaining(['R1', 'R2']));
    expect(m.tables.t3.rows.find((r) => r.id === 't3.total')?.status).not.toBe('read');
    // One finding, for the row that lost a cell; none for 一.
    const findings = lintText(text).messages.filter((x) => x.ruleId.startsWith('table-'));
    expect(findings.map((x) => x.data.row)).toEqual(['（七）总计']);
  });

  it('leaves 一 unread (two readings) when the outcome rows cannot be read either', () => {
    const text = sampleReport({ form: 'tsv', data, edit: (t) => run(t).replace(/^(\t?（一）予以公开)\t.*$/m, '$1\t7\t0\t0\t0\t7') });
    const first = modelOf(text).tables.t3.rows.find((r) => r.id === 't3.new');
    expect(first?.status).toBe('ambiguous');
  });
});

describe('the three real WPS-made PDFs: plain text reads as the layout text does', () => {
  const fixtures = path.join(import.meta.dirname, 'fixtures');
  for (const name of ['11-huaian-hongzequ-2023', '12-huaian-hongzequ-2024', '13-huaian-shizf-2024']) {
    it(`${name}: tables 二 and 三 read whole from both, with the same values`, () => {
      const layout = modelOf(readFileSync(path.join(fixtures, 'peers', `${name}.layout.txt`), 'utf8'));
      const plain = modelOf(readFileSync(path.join(fixtures, 'derived', `${name}.plain.txt`), 'utf8'));
      for (const id of ['t2', 't3'] as const) {
        const values = (m: ReportModel) => m.tables[id].rows.map((r) => ({ row: r.id, status: r.status, values: r.cells.map((c) => c.value) }));
        expect(values(layout).every((r) => r.status === 'read')).toBe(true);
        expect(values(plain)).toEqual(values(layout));
      }
      // Table 四's plain text comes out of column order (13: 12 1 1 6 before 351): read or one finding.
      const t4 = plain.tables.t4.rows;
      if (t4.some((r) => r.status !== 'read')) expect(plain.tables.t4.facts.filter((f) => f.kind !== 'missingNote').length).toBe(1);
    });
  }
});
