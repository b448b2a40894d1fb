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
 * above and the line below are the row's neighbours, each holds that one number and nothing right
 * of it, both stand in one column, and the row has values but none there. The arithmetic is not
 * asked: the relations then check the number like any other.
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
  const joins = new Map<number, Token>();
  const drop = new Set<number>();
  for (let k = 1; k + 1 < lines.length; k++) {
    const [up, row, down] = [lines[k - 1] as Line, lines[k] as Line, lines[k + 1] as Line];
    // Neighbouring lines, nothing between them.
    if (row.start !== up.end + 1 || down.start !== row.end + 1) continue;
    const u = lonePiece(tokens, up);
    const d = lonePiece(tokens, down);
    if (u === null || d === null || drop.has(u) || drop.has(d)) continue;
    const ut = tokens[u] as Token;
    const dt = tokens[d] as Token;
    const col = (t: Token, line: Line) => [t.start - line.start, t.end - line.start] as const;
    const [u0, u1] = col(ut, up);
    const [d0, d1] = col(dt, down);
    // One column: the lower piece starts under the upper one.
    if (d0 < u0 - 1 || d0 > u1) continue;
    const nums = row.tokens.filter((i) => tokens[i]?.kind === 'num');
    if (nums.length < 2) continue;
    // The row's line is empty there, and it has values before that place.
    const lo = Math.min(u0, d0);
    const hi = Math.max(u1, d1);
    const clash = row.tokens.some((i) => {
      const [a, b] = col(tokens[i] as Token, row);
      return a < hi + 1 && b > lo - 1;
    });
    if (clash || !nums.some((i) => col(tokens[i] as Token, row)[1] < lo)) continue;
    const raw = ut.raw + dt.raw;
    const after = [...row.tokens].reverse().find((i) => col(tokens[i] as Token, row)[1] < lo) as number;
    joins.set(after, { kind: 'num', raw, norm: '', value: Number(raw), start: ut.start, end: dt.end, rowKey: row.key, delimited: false, glued: false });
    drop.add(u).add(d);
  }
  if (joins.size === 0) return tokens;
  const out: Token[] = [];
  tokens.forEach((t, i) => {
    if (!drop.has(i)) out.push(t);
    const joined = joins.get(i);
    if (joined) out.push(joined);
  });
  return out;
}

/** The line's one number (digits only) with nothing right of it, other than label text left of it; else null. */
function lonePiece(tokens: readonly Token[], line: Line): number | null {
  const last = line.tokens[line.tokens.length - 1] as number;
  const t = tokens[last];
  if (t?.kind !== 'num' || !DIGITS.test(t.raw)) return null;
  return line.tokens.slice(0, -1).every((i) => tokens[i]?.kind === 'text') ? last : null;
}
