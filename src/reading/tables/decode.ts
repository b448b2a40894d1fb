/**
 * Decoding one row by constraints: the readings its text allows, each with exactly the template's
 * number of cells, kept only when they satisfy the relation that involves this row alone (the row
 * total of table 三, the group totals of table 四). Nothing here chooses among the survivors: a
 * table-level step (solve.ts) may do that with the column relations, and a row with several
 * surviving readings stays unread.
 *
 * The readings a row's text allows:
 * - as written: exactly the expected number of values;
 * - digits run together (`170000017`): every split of the digit runs into the expected number of
 *   cells (no multi-digit cell with a leading zero, at most MAX_DIGITS digits a cell);
 * - one value short: the missing cell in each column (or in the one column an empty delimited cell
 *   pins), its value solved from the row's own relation where it has one;
 * - one value too many: each value left out in turn (only where a row relation can tell);
 * - a few values too many, alone on the line right above or below the row's values: numbers
 *   wrapped in cells too narrow for them, their pieces printed away from their columns
 *   (`pdftotext -layout`), so the geometry cannot tell which numbers they finish: the pieces joined
 *   to the values in every order-keeping way (only where a row relation can tell).
 */
import type { Token } from '../tokens.ts';

/** A cell of a reading, before it gets its column and span. */
export interface DraftCell {
  kind: 'number' | 'blank' | 'placeholder' | 'invalid' | 'missing';
  value: number | null;
  raw: string;
  start: number;
  end: number;
  /** written = as in the text; split = cut from digits run together; solved = a blank or missing cell whose value the row relation gives. */
  read: 'written' | 'split' | 'solved';
}

export type ReadingHow = 'written' | 'split' | 'missingCell' | 'blankCell' | 'extraValue' | 'joined';

export interface Reading {
  cells: DraftCell[];
  how: ReadingHow;
  /** The column index of the missing or blank cell (missingCell, blankCell). */
  at?: number;
  /** The value left out (extraValue). */
  dropped?: Token;
}

/**
 * The relation of one row alone, as the reader knows it: `check` says whether complete values
 * satisfy it, `solve` gives the one value a single unknown cell must have (null when it cannot).
 */
export interface RowRelation {
  id: 'R3' | 'R4';
  check(values: readonly number[]): boolean;
  solve(values: ReadonlyArray<number | null>, unknown: number): number | null;
}

/** 总计 (the last cell) = the sum of the others. */
export const ROW_TOTAL: RowRelation = {
  id: 'R3',
  check: (v) => v[v.length - 1] === sum(v.slice(0, -1)),
  solve: (v, k) => solveGroup(v, 0, v.length, k),
};

/** Table 四: three groups of five, each 总计 = the sum of its four results. */
export const GROUP_TOTALS: RowRelation = {
  id: 'R4',
  check: (v) => [0, 5, 10].every((g) => v[g + 4] === sum(v.slice(g, g + 4))),
  solve: (v, k) => {
    const g = Math.floor(k / 5) * 5;
    // The other groups must hold too, or no value of this cell makes the row add up.
    const others = [0, 5, 10].filter((x) => x !== g);
    if (others.some((o) => v.slice(o, o + 5).some((x) => x === null) || v[o + 4] !== sum(v.slice(o, o + 4) as number[]))) return null;
    return solveGroup(v, g, g + 5, k);
  },
};

function sum(values: ReadonlyArray<number | null>): number {
  let s = 0;
  for (const v of values) s += v ?? Number.NaN;
  return s;
}

/** Within [from, to): the last cell is the total of the others; the value cell `k` must have. */
function solveGroup(v: ReadonlyArray<number | null>, from: number, to: number, k: number): number | null {
  const group = v.slice(from, to);
  const index = k - from;
  if (group.some((x, i) => i !== index && (x === null || !Number.isFinite(x)))) return null;
  const total = group[group.length - 1] as number;
  const parts = group.slice(0, -1).reduce<number>((s, x, i) => (i === index ? s : s + (x as number)), 0);
  const value = index === group.length - 1 ? parts : total - parts;
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** At most this many digits in one cell of a split (the largest real counts have five). */
export const MAX_DIGITS = 6;
/** Work bound for enumerating splits; beyond it the row is left unread. */
const SPLIT_BUDGET = 50_000;

export interface DecodeInput {
  /** The row's value tokens in order (numbers, placeholders, empty delimited cells). */
  values: readonly Token[];
  expected: number;
  relation: RowRelation | null;
  /** The row's cells with their empty cells, when its own line shows where they stand (exactly `expected`). */
  positional: readonly Token[] | null;
  /** Whether numbers may be decimals / negative in this row (table 二's amounts and 2019 增减). */
  allowDecimal?: boolean;
  allowNegative?: boolean;
  /** The line of an offset, in text whose lines are the page's (space-aligned text): for pieces of wrapped numbers. */
  lineOf?: (offset: number) => number;
}

export interface Decoded {
  readings: Reading[];
  /** Which kinds of reading were tried beyond "as written" (for saying why none fits). */
  tried: ReadingHow[];
  /** Splitting was abandoned because the digits allow too many readings. */
  overBudget: boolean;
}

/** The readings the row's text allows that satisfy its own relation. */
export function decodeRow(input: DecodeInput): Decoded {
  const { values, expected, relation } = input;
  const nonBlank = values.filter((v) => v.kind !== 'blank');
  const out: Decoded = { readings: [], tried: [], overBudget: false };
  // A whole number with a leading zero (“02 00 150”: two rows' digits merged by the layout) is no
  // count as written.
  const leadingZero = nonBlank.some((t) => t.kind === 'num' && /^0\d/.test(t.raw));
  if (nonBlank.length === expected && !leadingZero) {
    out.readings.push({ cells: nonBlank.map((t) => cellOf(t, input)), how: 'written' });
    return out;
  }
  if (nonBlank.length === 0) return out;
  const digitsOnly = nonBlank.every((t) => t.kind === 'num' && /^\d+$/.test(t.raw));
  const digits = nonBlank.reduce((n, t) => n + t.raw.length, 0);

  // Empty cells whose columns the row's own line shows: read as blank cells; a single one is
  // solved from the row relation (the format wants a number there, most often 0).
  if (input.positional) {
    out.tried.push('blankCell');
    const cells = input.positional.map((t) => cellOf(t, input));
    const blanks = cells.flatMap((c, i) => (c.kind === 'blank' ? [i] : []));
    const at = blanks[0];
    if (blanks.length === 1 && at !== undefined && relation) {
      const solved = relation.solve(
        cells.map((c) => c.value),
        at,
      );
      if (solved !== null) cells[at] = { ...(cells[at] as DraftCell), value: solved, read: 'solved' };
    }
    out.readings.push({ cells, how: 'blankCell', ...(at === undefined ? {} : { at }) });
    return out;
  }

  // Digits run together — where the text shows they may have: a run glued to its label or in a
  // delimited cell, a leading zero, more digits than a cell holds in a row's only value. Numbers
  // that pdftotext set apart by spaces or lines are whole numbers (22971 is no 2 29 71, 1234567
  // beside 567 no 123 4567), however few of them.
  const mayRunTogether = nonBlank.some((t) => t.glued || t.delimited || /^0\d/.test(t.raw) || (nonBlank.length === 1 && t.raw.length > MAX_DIGITS));
  if (digitsOnly && nonBlank.length < expected && digits >= expected && mayRunTogether) {
    // Without a relation of its own, a row can be split only when the split is the only one
    // there is (one digit a cell).
    if (relation || digits === expected) {
      out.tried.push('split');
      const result = splits(nonBlank, expected, relation);
      if (result === null) out.overBudget = true;
      else out.readings.push(...result);
    }
  }

  // One value short and no telling where from the layout: the cell may be missing in any column;
  // the row relation gives its value.
  if (nonBlank.length === expected - 1 && relation) {
    out.tried.push('missingCell');
    for (let at = 0; at < expected; at++) {
      const cells = nonBlank.map((t) => cellOf(t, input));
      const neighbour = nonBlank[Math.min(at, nonBlank.length - 1)] as Token;
      const point = at < nonBlank.length ? neighbour.start : neighbour.end;
      cells.splice(at, 0, { kind: 'missing', value: null, raw: '', start: point, end: point, read: 'solved' });
      const solved = relation.solve(
        cells.map((c) => c.value),
        at,
      );
      if (solved === null) continue;
      (cells[at] as DraftCell).value = solved;
      out.readings.push({ cells, how: 'missingCell', at });
    }
  }

  // One value too many: only a row relation can tell which one does not belong.
  if (nonBlank.length === expected + 1 && relation) {
    out.tried.push('extraValue');
    for (let drop = 0; drop < nonBlank.length; drop++) {
      const kept = nonBlank.filter((_, i) => i !== drop);
      const cells = kept.map((t) => cellOf(t, input));
      const numbers = cells.map((c) => c.value);
      if (numbers.every((v): v is number => v !== null) && relation.check(numbers)) {
        out.readings.push({ cells, how: 'extraValue', dropped: nonBlank[drop] as Token });
      }
    }
  }

  // A few values too many, alone on a line just above or below the others: numbers wrapped.
  if (input.lineOf && relation && nonBlank.length > expected && nonBlank.length <= expected + MAX_WRAPPED) {
    out.tried.push('joined');
    out.readings.push(...joinings(nonBlank, expected, relation, input.lineOf));
  }
  return out;
}

/** At most this many numbers of one row wrapped with their pieces away from their columns. */
const MAX_WRAPPED = 3;

/**
 * Numbers wrapped over two lines in narrow cells, their lower pieces printed away from under their
 * upper ones (“15” on the row's line, “4” on the next, under another column): the pieces, alone on
 * a line below the row's values (the next, or the one after when a wrapped group label's line
 * stands between), joined after as many of those values, in their order (pdftotext keeps a line's
 * order; pieces on a line above are joined before them), in every way that makes the row relation
 * hold. The values must all be whole numbers, the row's line must hold all but the pieces, and a
 * joined number must be one a cell can hold (no leading zero, at most MAX_DIGITS digits). The
 * relation chose the reading: it cannot confirm it. A row that adds up without a lone piece (a
 * stray number: a page number, another row's) gains no reading here, since joining a piece to one
 * value changes the row's sum or its total alone.
 */
function joinings(tokens: readonly Token[], expected: number, relation: RowRelation, lineOf: (offset: number) => number): Reading[] {
  if (!tokens.every((t) => t.kind === 'num' && !t.delimited && /^\d+$/.test(t.raw))) return [];
  const lines = tokens.map((t) => lineOf(t.start));
  const distinct = [...new Set(lines)];
  if (distinct.length !== 2) return [];
  const [a, b] = distinct as [number, number];
  const count = (line: number) => lines.filter((l) => l === line).length;
  const rowLine = count(a) === expected ? a : b;
  const pieceLine = rowLine === a ? b : a;
  if (count(rowLine) !== expected || Math.abs(pieceLine - rowLine) > 2) return [];
  const below = pieceLine > rowLine;
  const kept = tokens.filter((_, i) => lines[i] === rowLine);
  const pieces = tokens.filter((_, i) => lines[i] === pieceLine);
  const out: Reading[] = [];
  const chosen: number[] = [];
  const walk = (from: number): void => {
    if (chosen.length === pieces.length) {
      const cells = kept.map((t) => cellOf(t, {}));
      for (let k = 0; k < chosen.length; k++) {
        const at = chosen[k] as number;
        const upper = kept[at] as Token;
        const piece = pieces[k] as Token;
        const raw = below ? upper.raw + piece.raw : piece.raw + upper.raw;
        if (raw.startsWith('0') || raw.length > MAX_DIGITS) return;
        cells[at] = { kind: 'number', value: Number(raw), raw, start: upper.start, end: upper.end, read: 'split' };
      }
      if (relation.check(cells.map((c) => c.value as number))) out.push({ cells, how: 'joined' });
      return;
    }
    for (let at = from; at <= kept.length - (pieces.length - chosen.length); at++) {
      chosen.push(at);
      walk(at + 1);
      chosen.pop();
    }
  };
  walk(0);
  return out;
}

/** Every split of the digit runs into `expected` cells that satisfies the relation; null when over budget. */
function splits(tokens: readonly Token[], expected: number, relation: RowRelation | null): Reading[] | null {
  const results: Reading[] = [];
  const cells: DraftCell[] = [];
  let work = 0;
  // With a row total last, choose the total first: the other cells can then never add up to
  // more than it, which cuts the search to almost nothing.
  if (relation === ROW_TOTAL) {
    const last = tokens[tokens.length - 1];
    if (!last) return results;
    for (let len = 1; len <= Math.min(MAX_DIGITS, last.raw.length); len++) {
      const digits = last.raw.slice(last.raw.length - len);
      if (len > 1 && digits.startsWith('0')) continue;
      const head = last.raw.length === len ? tokens.slice(0, -1) : [...tokens.slice(0, -1), { ...last, raw: last.raw.slice(0, last.raw.length - len) }];
      const total: DraftCell = {
        kind: 'number',
        value: Number(digits),
        raw: digits,
        start: last.end - len,
        end: last.end,
        read: len === last.raw.length ? 'written' : 'split',
      };
      const found = splitsBelow(head, expected - 1, Number(digits));
      if (found === null) return null;
      for (const f of found) results.push(readingOf([...f, total]));
    }
    return results;
  }
  const totalDigits = tokens.reduce((n, t) => n + t.raw.length, 0);
  const walk = (ti: number, pos: number, digitsLeft: number): boolean => {
    if (++work > SPLIT_BUDGET) return false;
    const cellsLeft = expected - cells.length;
    if (digitsLeft < cellsLeft || digitsLeft > cellsLeft * MAX_DIGITS) return true;
    const t = tokens[ti];
    if (!t) {
      if (cells.length === expected) {
        const values = cells.map((c) => c.value as number);
        if (!relation || relation.check(values)) {
          const split = cells.some((c) => c.read === 'split');
          results.push({ cells: cells.map((c) => ({ ...c })), how: split ? 'split' : 'written' });
        }
      }
      return true;
    }
    const rest = t.raw.length - pos;
    for (let len = 1; len <= Math.min(MAX_DIGITS, rest); len++) {
      const digits = t.raw.slice(pos, pos + len);
      if (len > 1 && digits.startsWith('0')) break;
      const whole = pos === 0 && len === t.raw.length;
      cells.push({ kind: 'number', value: Number(digits), raw: digits, start: t.start + pos, end: t.start + pos + len, read: whole ? 'written' : 'split' });
      const ok = len === rest ? walk(ti + 1, 0, digitsLeft - len) : walk(ti, pos + len, digitsLeft - len);
      cells.pop();
      if (!ok) return false;
    }
    return true;
  };
  return walk(0, 0, totalDigits) ? results : null;
}

function readingOf(cells: DraftCell[]): Reading {
  return { cells, how: cells.some((c) => c.read === 'split') ? 'split' : 'written' };
}

/** Splits of the digit runs into `count` cells that add up to exactly `total`; null when over budget. */
function splitsBelow(tokens: readonly Token[], count: number, total: number): DraftCell[][] | null {
  const out: DraftCell[][] = [];
  const cells: DraftCell[] = [];
  let work = 0;
  const digitsLeftFrom = (ti: number, pos: number) => tokens.slice(ti).reduce((n, t, k) => n + t.raw.length - (k === 0 ? pos : 0), 0);
  const walk = (ti: number, pos: number, sum: number): boolean => {
    if (++work > SPLIT_BUDGET) return false;
    const cellsLeft = count - cells.length;
    const digitsLeft = digitsLeftFrom(ti, pos);
    if (digitsLeft < cellsLeft || digitsLeft > cellsLeft * MAX_DIGITS || sum > total) return true;
    const t = tokens[ti];
    if (!t || cellsLeft === 0) {
      if (!t && cellsLeft === 0 && sum === total) out.push(cells.map((c) => ({ ...c })));
      return true;
    }
    const rest = t.raw.length - pos;
    for (let len = 1; len <= Math.min(MAX_DIGITS, rest); len++) {
      const digits = t.raw.slice(pos, pos + len);
      if (len > 1 && digits.startsWith('0')) break;
      const value = Number(digits);
      if (sum + value > total) break;
      const whole = pos === 0 && len === t.raw.length;
      cells.push({ kind: 'number', value, raw: digits, start: t.start + pos, end: t.start + pos + len, read: whole ? 'written' : 'split' });
      const ok = len === rest ? walk(ti + 1, 0, sum + value) : walk(ti, pos + len, sum + value);
      cells.pop();
      if (!ok) return false;
    }
    return true;
  };
  return walk(0, 0, 0) ? out : null;
}

/** A written value as a cell: numbers checked against what the row allows. */
export function cellOf(t: Token, rules: { allowDecimal?: boolean | undefined; allowNegative?: boolean | undefined }): DraftCell {
  // Literals in one key order (raw, start, end, read, kind, value), not spreads: a hot path.
  if (t.kind === 'blank') return { raw: '', start: t.start, end: t.end, read: 'written', kind: 'blank', value: null };
  if (t.kind === 'placeholder') return { raw: t.raw, start: t.start, end: t.end, read: 'written', kind: 'placeholder', value: null };
  const value = t.value ?? Number.NaN;
  const ok = Number.isFinite(value) && (rules.allowDecimal || Number.isInteger(value)) && (rules.allowNegative || value >= 0);
  return { raw: t.raw, start: t.start, end: t.end, read: 'written', kind: ok ? 'number' : 'invalid', value: ok ? value : null };
}

/** Readings that give the same values in every column (they differ only in where a cell was lost). */
export function distinctValues(readings: readonly Reading[]): Reading[][] {
  const groups = new Map<string, Reading[]>();
  for (const r of readings) {
    const key = r.cells.map((c) => (c.value === null ? `${c.kind}` : String(c.value))).join(',');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}
