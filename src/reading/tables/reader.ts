/**
 * Reads the three tables from the token sequence by anchoring on the template's row labels.
 * A row's values are the value tokens between its label and the next row's label. Exactly the
 * template's count → read; anything else → the row is not read and an issue says why. No sum is
 * ever computed over a guessed cell.
 */
import type { Cell, Row, StructureIssue, Table, Template } from '../../model/schema.ts';
import type { Token } from '../tokens.ts';
import { norm, similarity, stripEnumerators, type LineIndex } from '../text.ts';
import {
  SIGNALS_2019,
  SIGNALS_2021,
  T2_2019,
  T2_2021,
  T3_2019,
  T3_2021,
  T3_COLUMNS,
  T3_GROUPS,
  T3_SIGNALS_2021,
  T4_COLUMNS,
  T4_GROUPS,
  T4_HEADER_CHARS,
  type RowTemplate,
  type TableTemplate,
} from '../../model/templates.ts';

export interface Regions {
  /** Token index ranges [start, end) of each table, or null when not found. */
  t2: [number, number] | null;
  t3: [number, number] | null;
  t4: [number, number] | null;
}

interface Anchor {
  row: RowTemplate;
  first: number;
  last: number;
  typo: boolean;
  disordered: boolean;
}

/** The text tokens of a region concatenated, for label search across token and line breaks. */
class TextStream {
  readonly text: string;
  private readonly owners: number[] = [];

  constructor(
    readonly tokens: readonly Token[],
    readonly start: number,
    readonly end: number,
    /** Text to leave out of the stream: pieces of merged group labels that a PDF layout interleaves with a row label. */
    skip: (t: Token) => boolean = () => false,
  ) {
    let text = '';
    for (let i = start; i < end; i++) {
      const t = tokens[i];
      if (t?.kind !== 'text' || skip(t)) continue;
      text += t.norm;
      for (let k = 0; k < t.norm.length; k++) this.owners.push(i);
    }
    this.text = text;
  }

  /** Finds `key` at or after stream position `from`; returns token indices and the stream end. */
  find(key: string, from: number): { first: number; last: number; pos: number; next: number } | null {
    const at = this.text.indexOf(key, from);
    if (at < 0) return null;
    return { first: this.owners[at] ?? 0, last: this.owners[at + key.length - 1] ?? 0, pos: at, next: at + key.length };
  }

}

export class TableReader {
  private readonly issues: StructureIssue[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly lines: LineIndex,
  ) {}

  private span(start: number, end: number) {
    return this.lines.span(start, end);
  }

  private tokenSpan(first: number, last = first) {
    const a = this.tokens[first];
    const b = this.tokens[last] ?? a;
    return this.span(a?.start ?? 0, b?.end ?? a?.end ?? 0);
  }

  private issue(code: StructureIssue['code'], data: StructureIssue['data'], span: StructureIssue['span']): void {
    this.issues.push({ code, data, span });
  }

  private takeIssues(): StructureIssue[] {
    return this.issues.splice(0, this.issues.length);
  }

  private regionText(region: [number, number]): string {
    let s = '';
    for (let i = region[0]; i < region[1]; i++) {
      const t = this.tokens[i];
      if (t?.kind === 'text') s += t.norm;
    }
    return s;
  }

  // ---- Table 二 ----------------------------------------------------------------------------

  readT2(region: [number, number] | null, fallbackSpan: StructureIssue['span']): Table {
    if (!region) return this.missing('t2', '二', fallbackSpan);
    const text = this.regionText(region);
    const count = (signals: string[]) => signals.filter((s) => text.includes(s)).length;
    const s2019 = count(SIGNALS_2019);
    const s2021 = count(SIGNALS_2021);
    const template: Template = s2019 > s2021 ? '2019' : s2021 > 0 || s2019 === 0 ? '2021' : '2019';
    const tpl = template === '2019' ? T2_2019 : T2_2021;
    if (s2019 > 0 && s2021 > 0) {
      this.issue('mixedTemplate', { table: '二', found2019: s2019, found2021: s2021 }, this.tokenSpan(region[0]));
    }
    const stream = new TextStream(this.tokens, region[0], region[1]);
    // Sub-tables of table 二 are often reordered or split by converters: find each row anywhere.
    const anchors: Anchor[] = [];
    const used = new Set<number>();
    for (const row of tpl.rows) {
      let from = 0;
      for (;;) {
        const m = stream.find(norm(row.key), from);
        if (!m) break;
        from = m.next;
        // 规范性文件 inside 行政规范性文件 is the other template's row, not this one.
        const before = stream.text.slice(Math.max(0, m.pos - 2), m.pos);
        if (row.key === '规范性文件' && before === '行政') continue;
        if (used.has(m.first)) continue;
        anchors.push({ row, first: m.first, last: m.last, typo: false, disordered: false });
        used.add(m.first);
        break;
      }
    }
    // A 2021 report that says 规范性文件 where the format says 行政规范性文件.
    if (template === '2021' && !anchors.some((a) => a.row.id === 't2.normative')) {
      const m = stream.find('规范性文件', 0);
      const row = tpl.rows.find((r) => r.id === 't2.normative');
      if (m && row && !used.has(m.first)) {
        anchors.push({ row, first: m.first, last: m.last, typo: true, disordered: false });
        used.add(m.first);
      }
    }
    anchors.sort((a, b) => a.first - b.first);
    const isBoundary = (t: Token) => t.kind === 'text' && (t.norm.includes('第二十条') || t.norm.includes('信息内容'));
    this.checkHeaderWords(region, tpl, anchors);
    const rows = this.readRows(tpl, anchors, region, isBoundary);
    return this.finish('t2', '二', template, region, tpl, rows);
  }

  // ---- Table 三 ----------------------------------------------------------------------------

  readT3(region: [number, number] | null, fallbackSpan: StructureIssue['span']): Table {
    if (!region) return this.missing('t3', '三', fallbackSpan);
    const regionText = this.regionText(region);
    const template: Template = T3_SIGNALS_2021.some((s) => regionText.includes(s)) ? '2021' : '2019';
    const tpl = template === '2021' ? T3_2021 : T3_2019;
    const groups = T3_GROUPS.map((v) => stripEnumerators(norm(v)));
    const keys = tpl.rows.map((r) => norm(r.key));
    const groupPiece = (t: Token) => {
      const w = stripEnumerators(t.norm);
      return w.length > 0 && groups.some((g) => g.includes(w)) && !keys.some((k) => k.includes(w));
    };
    const stream = new TextStream(this.tokens, region[0], region[1], groupPiece);
    const anchors: Anchor[] = [];
    const used = new Set<number>();
    let pos = 0;
    for (const row of tpl.rows) {
      const m = stream.find(norm(row.key), pos);
      if (m && !used.has(m.first)) {
        anchors.push({ row, first: m.first, last: m.last, typo: false, disordered: false });
        used.add(m.first);
        pos = m.next;
        continue;
      }
      // Out of order (a converter moved the label): keep it, but never trust its values.
      if (row.key.length >= 4) {
        const early = stream.find(norm(row.key), 0);
        if (early && !used.has(early.first) && early.pos < pos) {
          anchors.push({ row, first: early.first, last: early.last, typo: false, disordered: true });
          used.add(early.first);
        }
      }
    }
    this.findTypos(tpl, anchors, region);
    anchors.sort((a, b) => a.first - b.first);
    if (!stream.text.includes('勾稽')) {
      this.issue('missingNote', { table: '三', note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' }, this.tokenSpan(region[0]));
    }
    // Table 三's column headers stand above its first row; below, labels are checked as rows.
    this.checkHeaderWords([region[0], anchors[0]?.first ?? region[1]], tpl, anchors);
    const rows = this.readRows(tpl, anchors, region, () => false);
    return this.finish('t3', '三', template, region, tpl, rows);
  }

  /** Rows not found exactly: a near-identical label between their neighbours is a typo. */
  private findTypos(tpl: TableTemplate, anchors: Anchor[], region: [number, number]): void {
    const found = new Set(anchors.map((a) => a.row.id));
    const exactVocabulary = [...tpl.vocabulary, ...tpl.rows.map((r) => r.label)].map((v) => stripEnumerators(norm(v)));
    tpl.rows.forEach((row, index) => {
      if (found.has(row.id) || row.key.length < 4) return;
      const prev = [...anchors].filter((a) => tpl.rows.indexOf(a.row) < index).sort((a, b) => b.last - a.last)[0];
      const next = [...anchors].filter((a) => tpl.rows.indexOf(a.row) > index).sort((a, b) => a.first - b.first)[0];
      const from = prev ? prev.last + 1 : region[0];
      const to = next ? next.first : region[1];
      let best: { index: number; score: number } | null = null;
      for (let i = from; i < to; i++) {
        const t = this.tokens[i];
        if (t?.kind !== 'text') continue;
        const candidate = stripEnumerators(t.norm);
        if (candidate.length < 3 || candidate.length > row.key.length * 2 + 10 || exactVocabulary.some((v) => v.includes(candidate))) continue;
        const score = similarity(candidate, norm(row.key));
        if (score >= 0.6 && (!best || score > best.score)) best = { index: i, score };
      }
      if (best) {
        anchors.push({ row, first: best.index, last: best.index, typo: true, disordered: false });
        found.add(row.id);
      }
    });
  }

  // ---- Table 四 ----------------------------------------------------------------------------

  readT4(region: [number, number] | null, fallbackSpan: StructureIssue['span']): Table {
    if (!region) return this.missing('t4', '四', fallbackSpan);
    const values: Token[] = [];
    // Runs of values between header words: one run of 15, or whole groups of 5 (a sub-table per
    // group). Anything else is a PDF read column by column, whose order cannot be trusted.
    const runs: number[] = [];
    let inRun = false;
    for (let i = region[0]; i < region[1]; i++) {
      const t = this.tokens[i];
      if (!t) continue;
      if (t.kind !== 'text') {
        values.push(t);
        if (t.kind !== 'blank') {
          if (!inRun) runs.push(0);
          runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
          inRun = true;
        }
        continue;
      }
      inRun = false;
      // The first text that is not table-四 header ends the table.
      if (isT4Noise(t.norm)) continue;
      break;
    }
    const rows: Row[] = T4_GROUPS.map((g) => ({ id: g.id, label: g.label, found: null, status: 'count', cells: [], valuesFound: 0 }));
    const expected = T4_COLUMNS.length * T4_GROUPS.length;
    const groupAligned = runs.length <= 1 || runs.every((r) => r % T4_COLUMNS.length === 0);
    const resolved = groupAligned ? this.resolve(values, expected, { allowDecimal: false, allowNegative: false }) : { cells: null };
    if (!groupAligned) {
      const first = values.find((v) => v.kind !== 'blank');
      const last = [...values].reverse().find((v) => v.kind !== 'blank');
      this.issue('interleaved', { table: '四', row: '', runs: runs.length }, this.span(first?.start ?? 0, last?.end ?? 0));
    }
    const nonBlank = values.filter((v) => v.kind !== 'blank').length;
    if (resolved.cells) {
      T4_GROUPS.forEach((g, gi) => {
        const row = rows[gi];
        if (!row) return;
        row.status = 'read';
        row.valuesFound = T4_COLUMNS.length;
        row.cells = resolved.cells!.slice(gi * 5, gi * 5 + 5).map((c, ci) => ({ ...c, column: T4_COLUMNS[ci] ?? '' }));
        this.cellIssues(row, g.label);
      });
    } else if (groupAligned && (values.length > 0 || nonBlank === 0)) {
      const first = values.find((v) => v.kind !== 'blank') ?? this.tokens[region[0]];
      const lastV = [...values].reverse().find((v) => v.kind !== 'blank') ?? first;
      const span = this.span(first?.start ?? 0, lastV?.end ?? 0);
      for (const row of rows) row.valuesFound = nonBlank;
      if (resolved.runTogether) {
        this.issue('runTogether', { row: '表四', text: resolved.runTogether, expected }, span);
      } else {
        this.issue('cellCount', { row: '表四（行政复议、行政诉讼）', found: nonBlank, expected, blanks: this.blanksOnValueLines(values) }, span);
      }
    }
    const table: Table = {
      id: 't4',
      name: '四',
      found: true,
      template: 'unknown',
      templateAt: null,
      span: this.tokenSpan(region[0], Math.max(region[0], region[1] - 1)),
      columns: [...T4_COLUMNS],
      rows,
      issues: this.takeIssues(),
    };
    return table;
  }

  // ---- Shared ------------------------------------------------------------------------------

  private missing(id: Table['id'], name: string, span: StructureIssue['span']): Table {
    return {
      id,
      name,
      found: false,
      template: 'unknown',
      templateAt: null,
      span: null,
      columns: [],
      rows: [],
      issues: [{ code: 'missingTable', data: { table: name }, span }],
    };
  }

  private finish(id: Table['id'], name: string, template: Template, region: [number, number], tpl: TableTemplate, rows: Row[]): Table {
    return {
      id,
      name,
      found: true,
      template,
      templateAt: this.templateEvidence(id, template, region, rows),
      span: this.tokenSpan(region[0], Math.max(region[0], region[1] - 1)),
      columns: id === 't3' ? [...T3_COLUMNS] : [...new Set(tpl.rows.flatMap((r) => r.columns))],
      rows,
      issues: this.takeIssues().sort((a, b) => a.span.start.offset - b.span.start.offset),
    };
  }

  /** The first word or row that only this template has: where a wrong template shows. */
  private templateEvidence(id: Table['id'], template: Template, region: [number, number], rows: Row[]): StructureIssue['span'] | null {
    if (id === 't3') {
      const marker = rows.find((r) => r.id === (template === '2019' ? 't3.other' : 't3.other.1'))?.found;
      if (marker) return marker.span;
    }
    const signals = (template === '2019' ? SIGNALS_2019 : SIGNALS_2021).map((w) => norm(w));
    for (let i = region[0]; i < region[1]; i++) {
      const t = this.tokens[i];
      if (t?.kind === 'text' && signals.some((w) => t.norm.includes(w))) return this.tokenSpan(i);
    }
    return this.tokenSpan(region[0]);
  }

  /** Header words close to, but not, the template's (本年度止件数 for 本年废止件数, 社会组织 for 社会公益组织). */
  private checkHeaderWords(region: [number, number], tpl: TableTemplate, anchors: Anchor[]): void {
    const labelTokens = new Set<number>();
    for (const a of anchors) for (let i = a.first; i <= a.last; i++) labelTokens.add(i);
    const words = tpl.vocabulary.map((v) => stripEnumerators(norm(v)));
    const everything = [...words, ...tpl.rows.map((r) => stripEnumerators(norm(r.label)))];
    for (let i = region[0]; i < region[1]; i++) {
      const t = this.tokens[i];
      if (t?.kind !== 'text' || labelTokens.has(i)) continue;
      const w = stripEnumerators(t.norm);
      // A merged header cell ("自然人总计") holds whole words: that is layout, not a typo.
      if (w.length < 3 || everything.some((v) => v.includes(w)) || words.some((v) => v.length >= 2 && w.includes(v))) continue;
      let best: { word: string; score: number } | null = null;
      for (const word of words) {
        if (word.length < 3 || Math.abs(word.length - w.length) > 3) continue;
        const score = similarity(w, word);
        if (score >= 0.6 && (!best || score > best.score)) best = { word, score };
      }
      if (best) this.issue('headerTypo', { table: tableName(tpl), found: t.raw, expected: best.word }, this.tokenSpan(i));
    }
  }

  /** Assigns value tokens to anchored rows and resolves each row's cells. */
  private readRows(tpl: TableTemplate, anchors: Anchor[], region: [number, number], isBoundary: (t: Token) => boolean): Row[] {
    const byRow = new Map(anchors.map((a) => [a.row.id, a]));
    const groupWords = tpl.vocabulary.map((v) => stripEnumerators(norm(v)));
    const rows: Row[] = [];
    tpl.rows.forEach((row, index) => {
      const anchor = byRow.get(row.id);
      if (!anchor) {
        const next = anchors.find((a) => tpl.rows.indexOf(a.row) > index);
        const at = next ? this.tokenSpan(next.first) : this.tokenSpan(Math.max(region[0], region[1] - 1));
        this.issue('missingRow', { table: tableName(tpl), row: row.label }, at);
        rows.push({ id: row.id, label: row.label, found: null, status: 'missing', cells: [], valuesFound: 0 });
        return;
      }
      const order = anchors.indexOf(anchor);
      const end = anchors[order + 1]?.first ?? region[1];
      const labelText = this.tokens
        .slice(anchor.first, anchor.last + 1)
        .filter((t) => t.kind === 'text')
        .map((t) => t.raw)
        .join('');
      const found: Row['found'] = { text: labelText, span: this.tokenSpan(anchor.first, anchor.last), typo: anchor.typo };
      if (anchor.typo) this.issue('labelTypo', { table: tableName(tpl), found: labelText, expected: row.label }, found.span);
      const values: Token[] = [];
      let foreign: Token | null = null;
      let foreignBeforeValue = false;
      // Values split by text into several runs were read across other content (a PDF read
      // column by column): their order cannot be trusted.
      let runs = 0;
      let inRun = false;
      const ownLabel = stripEnumerators(norm(row.label));
      for (let i = anchor.first + 1; i < end; i++) {
        const t = this.tokens[i];
        if (!t) continue;
        if (t.kind !== 'text') {
          if (foreign) foreignBeforeValue = true;
          values.push(t);
          if (t.kind !== 'blank' && !inRun) runs++;
          if (t.kind !== 'blank') inRun = true;
          continue;
        }
        inRun = false;
        if (i <= anchor.last) continue;
        if (isBoundary(t)) break;
        const w = stripEnumerators(t.norm);
        if (w === '' || /^表[一二三四]/.test(w) || GENERIC_HEADERS.test(w) || ownLabel.includes(w) || groupWords.some((g) => g.includes(w))) continue;
        // After the last row has its values, other text is the prose below the table.
        if (order === anchors.length - 1 && values.some((v) => v.kind !== 'blank')) break;
        foreign ??= t;
      }
      const base: Row = { id: row.id, label: row.label, found, status: 'read', cells: [], valuesFound: values.filter((v) => v.kind !== 'blank').length };
      if (foreign) {
        this.issue('unexpectedText', { table: tableName(tpl), row: row.label, text: foreign.raw }, this.tokenSpan(this.tokens.indexOf(foreign)));
      }
      if (anchor.disordered) {
        this.issue('rowOrder', { table: tableName(tpl), row: row.label }, found.span);
        rows.push({ ...base, status: 'unclear' });
        return;
      }
      if (foreign && foreignBeforeValue) {
        rows.push({ ...base, status: 'unclear' });
        return;
      }
      if (runs > 1 && values.filter((v) => v.kind !== 'blank').length === row.columns.length) {
        this.issue('interleaved', { table: tableName(tpl), row: `“${row.label}”行`, runs }, found.span);
        rows.push({ ...base, status: 'unclear' });
        return;
      }
      const resolved = this.resolve(values, row.columns.length, row);
      if (!resolved.cells) {
        const nonBlank = values.filter((v) => v.kind !== 'blank');
        const first = nonBlank[0];
        const last = nonBlank[nonBlank.length - 1];
        const span = first && last ? this.span(first.start, last.end) : found.span;
        if (resolved.runTogether) {
          this.issue('runTogether', { row: row.label, text: resolved.runTogether, expected: row.columns.length }, span);
        } else {
          this.issue('cellCount', { row: row.label, found: nonBlank.length, expected: row.columns.length, blanks: this.blanksOnValueLines(values) }, span);
        }
        rows.push({ ...base, status: 'count' });
        return;
      }
      const cells = resolved.cells.map((c, ci) => ({ ...c, column: row.columns[ci] ?? '' }));
      const read: Row = { ...base, cells };
      this.cellIssues(read, row.label);
      rows.push(read);
    });
    // Values before the first row label (but inside the table) belong to no row.
    const firstAnchor = anchors[0];
    if (firstAnchor) {
      const stray = this.tokens.slice(region[0], firstAnchor.first).filter((t) => t.kind === 'num');
      const s0 = stray[0];
      const s1 = stray[stray.length - 1];
      if (s0 && s1) this.issue('strayValues', { table: tableName(tpl), count: stray.length, text: stray.map((s) => s.raw).join(' ') }, this.span(s0.start, s1.end));
    }
    return rows;
  }

  private cellIssues(row: Row, label: string): void {
    const blank = row.cells.filter((c) => c.kind === 'blank');
    const b0 = blank[0];
    if (b0) this.issue('blankCell', { row: label, columns: blank.map((c) => c.column).join('、'), count: blank.length }, b0.span);
    for (const c of row.cells) {
      if (c.kind === 'placeholder') this.issue('nonNumeric', { row: label, column: c.column, text: c.raw }, c.span);
      if (c.kind === 'invalid') this.issue('negative', { row: label, column: c.column, text: c.raw }, c.span);
    }
  }

  /**
   * Turns the value tokens of one row into exactly `expected` cells, or says why it cannot:
   * - exactly `expected` numbers/placeholders → those (empty cells around them are layout);
   * - digits run together whose total length is `expected` → one digit per cell, the only split;
   * - fewer, on one delimited line whose cells (empty ones included) number exactly `expected`
   *   → the empty cells are blank cells at known positions;
   * - anything else → unreadable.
   */
  private resolve(
    values: Token[],
    expected: number,
    rules: { allowDecimal?: boolean | undefined; allowNegative?: boolean | undefined },
  ): { cells: Omit<Cell, 'column'>[] | null; runTogether?: string } {
    const nonBlank = values.filter((v) => v.kind !== 'blank');
    if (nonBlank.length === expected) return { cells: nonBlank.map((t) => this.cell(t, rules)) };
    if (nonBlank.length < expected && nonBlank.length > 0) {
      const digitsOnly = nonBlank.every((t) => t.kind === 'num' && /^\d+$/.test(t.raw));
      const digits = nonBlank.reduce((n, t) => n + t.raw.length, 0);
      if (digitsOnly && digits === expected) {
        const cells: Omit<Cell, 'column'>[] = [];
        for (const t of nonBlank) {
          for (let k = 0; k < t.raw.length; k++) {
            cells.push({ kind: 'number', value: Number(t.raw[k]), raw: t.raw[k] ?? '', span: this.span(t.start + k, t.start + k + 1) });
          }
        }
        return { cells };
      }
      // Evidence that cells ran together: digits glued to a label, or a multi-digit "number"
      // with a leading zero. Two spaced numbers where three belong are a lost cell instead.
      const glued = nonBlank.length === 1 || nonBlank.some((t) => t.glued || /^0\d/.test(t.raw));
      if (digitsOnly && digits > expected && glued) {
        return { cells: null, runTogether: nonBlank.map((t) => t.raw).join(' ') };
      }
      const positional = this.positional(values, nonBlank, expected);
      if (positional) return { cells: positional.map((t) => this.cell(t, rules)) };
    }
    return { cells: null };
  }

  /**
   * Empty cells whose column is certain: between two values of one delimited line, or leading a
   * line that holds values only (seed 000's table 四: five empty 行政复议 cells, then ten 0s).
   * An empty cell right after a label, or trailing a line, is a merged-cell artefact of the
   * paste and says nothing about which column is missing.
   */
  private positional(values: Token[], nonBlank: Token[], expected: number): Token[] | null {
    const first = nonBlank[0];
    if (!first?.delimited || nonBlank.some((t) => t.rowKey !== first.rowKey)) return null;
    const line = values.filter((v) => v.rowKey === first.rowKey);
    const lo = line.indexOf(first);
    const hi = line.lastIndexOf(nonBlank[nonBlank.length - 1] ?? first);
    const interior = line.slice(lo, hi + 1);
    if (interior.length === expected) return interior;
    const labelled = this.tokens.some((t) => t.kind === 'text' && t.rowKey === first.rowKey);
    const leading = line.slice(0, hi + 1);
    return !labelled && leading.length === expected ? leading : null;
  }

  /** Empty cells on the lines that hold the values (not those of header lines). */
  private blanksOnValueLines(values: Token[]): number {
    const keys = new Set(values.filter((v) => v.kind !== 'blank').map((v) => v.rowKey));
    return values.filter((v) => v.kind === 'blank' && keys.has(v.rowKey)).length;
  }

  private cell(t: Token, rules: { allowDecimal?: boolean | undefined; allowNegative?: boolean | undefined }): Omit<Cell, 'column'> {
    const span = this.span(t.start, t.end);
    if (t.kind === 'blank') return { kind: 'blank', value: null, raw: '', span };
    if (t.kind === 'placeholder') return { kind: 'placeholder', value: null, raw: t.raw, span };
    const value = t.value ?? Number.NaN;
    const ok = Number.isFinite(value) && (rules.allowDecimal || Number.isInteger(value)) && (rules.allowNegative || value >= 0);
    return { kind: ok ? 'number' : 'invalid', value: ok ? value : null, raw: t.raw, span };
  }
}

function tableName(tpl: TableTemplate): string {
  return tpl === T3_2021 || tpl === T3_2019 ? '三' : '二';
}

/** Column names that converters invent for tables they cannot read ("类别 | 数据1 … 数据6"). */
const GENERIC_HEADERS = /^(?:\(?(?:类别|项目|数据项目|数量|指标|名称|内容|数据\d*|列\d+|column\d*)\)?)$/i;

function isT4Noise(n: string): boolean {
  const w = stripEnumerators(n);
  // A bare enumerator ("（一）") opens the next paragraph: the table is over.
  if (w === '') return false;
  if (w.startsWith('注') || /^表[一二三四]/.test(w)) return true;
  if (w.includes('政府信息公开') && w.includes('复议')) return true;
  for (const ch of w) if (!T4_HEADER_CHARS.has(ch)) return false;
  return true;
}
