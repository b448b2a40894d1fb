/**
 * Numbers wrapped in a narrow cell, in space-aligned text (`pdftotext -layout` of a Word or
 * LibreOffice PDF): a cell too narrow for “3119” prints “311” on the line above its row and “9” on
 * the line below, the row's own line empty at that place.
 *
 *                                                  311
 *     一、本年新收政府信息公开申请数量   3001   53   0    0    61    4
 *                                                   9
 *
 * The two pieces are one number of that row when the geometry leaves no other reading: the line
 * above and the line below are the row's neighbours, each holds only such pieces right of any label
 * text, as many on the one as on the other (a row may have several wrapped numbers: they pair in
 * their order), each pair stands in one gap between the row's values and the row's line is empty
 * there (wider than the row's gaps that hold no piece, of which there is one at least).
 * The lower piece need not stand right under the upper one (pdftotext shifts a line that holds a
 * few pieces, LibreOffice), but a pair whose pieces stand in different gaps is not joined.
 * The arithmetic is not asked: the relations then check the number like any other.
 */
import type { Token } from './tokens.ts';

interface Line {
  key: string;
  start: number;
  end: number;
  /** Indices into the token array, in order. */
  tokens: number[];
}

const DIGITS = /^\d+$/;

/** Returns the tokens with each wrapped number joined and placed in its row's line; the same array when there is none. */
export function joinWrappedNumbers(source: string, tokens: Token[]): Token[] {
  const lines: Line[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.delimited) continue;
    const last = lines[lines.length - 1];
    if (last?.key === t.rowKey && last.tokens[last.tokens.length - 1] === i - 1) {
      last.tokens.push(i);
      continue;
    }
    const start = source.lastIndexOf('\n', t.start - 1) + 1;
    const nl = source.indexOf('\n', t.start);
    lines.push({ key: t.rowKey, start, end: nl < 0 ? source.length : nl, tokens: [i] });
  }
  // Joined numbers by the index of the token they follow (several may follow one).
  const joins = new Map<number, Token[]>();
  const drop = new Set<number>();
  const col = (t: Token, line: Line) => [t.start - line.start, t.end - line.start] as const;
  for (let k = 1; k + 1 < lines.length; k++) {
    const [up, row, down] = [lines[k - 1] as Line, lines[k] as Line, lines[k + 1] as Line];
    // Neighbouring lines, nothing between them.
    if (row.start !== up.end + 1 || down.start !== row.end + 1) continue;
    const ups = pieces(tokens, up);
    const downs = pieces(tokens, down);
    if (ups === null || downs === null || ups.length !== downs.length || [...ups, ...downs].some((i) => drop.has(i))) continue;
    const nums = row.tokens.filter((i) => tokens[i]?.kind === 'num');
    if (nums.length < 2) continue;
    // Where a piece stands among the row's values: after how many of them; null when it overlaps one.
    const gap = (t: Token, line: Line): number | null => {
      const [a, b] = col(t, line);
      if (row.tokens.some((i) => col(tokens[i] as Token, row)[0] < b + 1 && col(tokens[i] as Token, row)[1] > a - 1)) return null;
      const at = nums.filter((i) => col(tokens[i] as Token, row)[1] < a).length;
      // Before every value: the first column only when the row's label text stands left of it.
      if (at === 0 && row.tokens.some((i) => tokens[i]?.kind === 'text' && col(tokens[i] as Token, row)[0] > b)) return null;
      return at;
    };
    // Each upper piece with the lower piece of the same rank, both in one gap between the row's
    // values (the lower piece under the upper one, or printed away from it but still there).
    const pairs = ups.map((u, r) => ({ u, d: downs[r] as number, at: gap(tokens[u] as Token, up) }));
    if (pairs.some((p) => p.at === null || p.at !== gap(tokens[p.d] as Token, down))) continue;
    // Where the row's line is empty for a wrapped cell, its values stand a cell further apart: a
    // gap between two of them that holds a piece is wider than the gaps that hold none (and some
    // gap holds none). Full rows above and below a row that a wide number (“900001”) shifted have
    // their values in the row's ordinary gaps, one in each.
    const held = new Set(pairs.map((p) => p.at as number).filter((at) => at > 0 && at < nums.length));
    if (held.size > 0) {
      const width = (at: number) => col(tokens[nums[at] as number] as Token, row)[0] - col(tokens[nums[at - 1] as number] as Token, row)[1];
      const free = nums.flatMap((_, at) => (at === 0 || held.has(at) ? [] : [width(at)])).sort((a, b) => a - b);
      const median = free[Math.floor(free.length / 2)];
      if (median === undefined || [...held].some((at) => width(at) < median + 2)) continue;
    }
    // Beyond one lone number under the other: each upper piece fills a narrow cell (two digits or
    // more, no leading 0), and the label text beside the pieces ends left of the row's values (full
    // rows above and below a line that pdftotext printed to their left are no pieces).
    const under = (p: (typeof pairs)[number]) => {
      const [u0, u1] = col(tokens[p.u] as Token, up);
      const d0 = col(tokens[p.d] as Token, down)[0];
      return d0 >= u0 - 1 && d0 <= u1;
    };
    const full = (p: (typeof pairs)[number]) => /^[1-9]\d/.test((tokens[p.u] as Token).raw);
    const firstValue = col(tokens[nums[0] as number] as Token, row)[0];
    const labelLeft = (line: Line) => line.tokens.every((i) => tokens[i]?.kind !== 'text' || col(tokens[i] as Token, line)[1] <= firstValue);
    if ((pairs.length > 1 || !pairs.every(under)) && !(pairs.every(full) && labelLeft(up) && labelLeft(down))) continue;
    for (const { u, d, at } of pairs) {
      const ut = tokens[u] as Token;
      const dt = tokens[d] as Token;
      const raw = ut.raw + dt.raw;
      const after = at === 0 ? (nums[0] as number) - 1 : (nums[(at as number) - 1] as number);
      const joined: Token = { kind: 'num', raw, norm: '', value: Number(raw), start: ut.start, end: dt.end, rowKey: row.key, delimited: false, glued: false };
      joins.set(after, [...(joins.get(after) ?? []), joined]);
      drop.add(u).add(d);
    }
  }
  if (joins.size === 0) return tokens;
  const out: Token[] = [];
  tokens.forEach((t, i) => {
    if (!drop.has(i)) out.push(t);
    out.push(...(joins.get(i) ?? []));
  });
  return out;
}

/** The line's numbers (digits only), when nothing but label text stands left of them; else null. */
function pieces(tokens: readonly Token[], line: Line): number[] | null {
  const first = line.tokens.findIndex((i) => tokens[i]?.kind !== 'text');
  if (first === -1) return null;
  const rest = line.tokens.slice(first);
  return rest.every((i) => tokens[i]?.kind === 'num' && DIGITS.test(tokens[i].raw)) ? rest : null;
}
