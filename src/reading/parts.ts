/** Finds the six statutory parts (docs/format.md §2) by their numbered headings, wherever they stand. */
import { norm, similarity } from './text.ts';
import { NUMERALS, PART_NAMES } from '../model/vocabulary.ts';

export interface HeadingCandidate {
  part: number;
  numeral: string;
  numeralValue: number;
  text: string;
  match: 'exact' | 'alias' | 'fuzzy';
  start: number;
  end: number;
  /** 一、 (the usual), （一） (the format's own numbering) or 第一部分. */
  style: 'plain' | 'bracket' | 'part';
}

function numeralValue(numeral: string): number {
  if (numeral === '十') return 10;
  if (numeral.startsWith('十')) return 10 + NUMERALS.indexOf(numeral.slice(1)) + 1;
  return NUMERALS.indexOf(numeral) + 1;
}

// A numbered heading: at a line start (after Markdown markers) or after a sentence end, since
// crawled pages run the whole report into one line ("…联系。一、总体情况2021年…").
const HEADING =
  /(?:([一二三四五六七八九十]{1,2})\s*[、.．,，]|[（(]\s*([一二三四五六七八九十]{1,2})\s*[)）]|第([一二三四五六七八九十]{1,2})部分[\s、.．:：,，]*)\s*/g;
const BOUNDARY = /[\n。；;！!？?\s>*#|]/;

/** All places that read as a numbered part heading, classified by part. */
export function findHeadingCandidates(source: string): HeadingCandidate[] {
  const found: HeadingCandidate[] = [];
  for (const m of source.matchAll(HEADING)) {
    const numeral = m[1] ?? m[2] ?? m[3] ?? '';
    const style: HeadingCandidate['style'] = m[1] ? 'plain' : m[2] ? 'bracket' : 'part';
    const before = source.slice(Math.max(0, m.index - 1), m.index);
    // At a line or sentence start, any wording that classifies counts; glued to other text
    // ("…24252.311082三、收到和处理…" in crawled pages), only the official words or an alias do.
    const atBoundary = before === '' || BOUNDARY.test(before) || /[\u3000*#>]/.test(before);
    if (!atBoundary && NUMERALS.includes(source[m.index - 1] ?? '')) continue;
    const textStart = m.index + m[0].length;
    // Look no further than 60 characters: a crawled page can be one line of 100k characters.
    const window = source.slice(textStart, textStart + 60);
    const lineEnd = window.indexOf('\n');
    let raw = lineEnd < 0 ? window : window.slice(0, lineEnd);
    const n = norm(raw);
    let match = classify(n);
    // A heading the line cut in its words (“…31 日。一、总体” / “情况 2025 年…”: prose that
    // `pdftotext -layout` keeps in the page's lines) goes on in the next line with text: the
    // official words or an alias only, and only where the line ends inside them.
    if ((!match || match.kind === 'fuzzy') && lineEnd >= 0 && cutInName(n)) {
      const next = /^\n\s*[^\n]*/.exec(window.slice(lineEnd));
      const joined = next ? window.slice(0, lineEnd + next[0].length) : raw;
      const m2 = classify(norm(joined));
      if (m2 && m2.kind !== 'fuzzy' && m2.length > n.length) [raw, match] = [joined, m2];
    }
    // The numbering （一）or 第一部分 counts only with the official words or an alias: sub-headings
    // inside the parts use it too.
    if (!match || ((!atBoundary || style !== 'plain') && match.kind === 'fuzzy')) continue;
    const headStart = m.index;
    const text = headingText(raw, match.length);
    found.push({
      part: match.part,
      numeral,
      numeralValue: numeralValue(numeral),
      text: text.trim(),
      match: match.kind,
      start: headStart,
      end: textStart + text.length,
      style,
    });
  }
  return found;
}

/** The raw prefix of `raw` whose normalised form has `normLength` characters. */
function headingText(raw: string, normLength: number): string {
  for (let i = 1; i <= raw.length; i++) {
    if (norm(raw.slice(0, i)).length >= normLength) return raw.slice(0, i);
  }
  return raw;
}

/** The parts' official names and aliases, normalised once (classify runs for every candidate). */
const NORMALISED_NAMES = PART_NAMES.map((p) => ({
  part: p.part,
  official: norm(p.official),
  /** The official words' UTF-16 code units: a text sharing too few of them cannot come near. */
  officialUnits: codeUnits(norm(p.official)),
  names: [[norm(p.official), 'exact'], ...p.aliases.map((a): [string, 'alias'] => [norm(a), 'alias'])] as Array<[string, HeadingCandidate['match']]>,
}));

/** Whether `n` is the start of a part's official words or an alias, cut short. */
function cutInName(n: string): boolean {
  return n.length > 0 && NORMALISED_NAMES.some((p) => p.names.some(([name]) => name.length > n.length && name.startsWith(n)));
}

function classify(n: string): { part: number; kind: HeadingCandidate['match']; length: number } | null {
  let best: { part: number; kind: HeadingCandidate['match']; length: number } | null = null;
  for (const p of NORMALISED_NAMES) {
    for (const [name, kind] of p.names) {
      if (n.startsWith(name) && (!best || name.length > best.length)) best = { part: p.part, kind, length: name.length };
    }
  }
  if (best) return best;
  // A near miss of the official wording ("政府信息公开行政法复议、行政诉讼情况"). Of the lengths
  // that come near, the most similar is the heading's (the first near enough would stop short:
  // "…行政法复议、行政诉讼" of "…行政法复议、行政诉讼情况"); on a tie, the one that ends as the
  // official words end, else the one that ends with the line (a heading on a line of its own),
  // else the shortest (the text after a heading is not part of it).
  for (const p of NORMALISED_NAMES) {
    const name = p.official;
    if (name.length < 5) continue;
    let best: { length: number; score: number; rank: number } | null = null;
    for (const len of [name.length - 1, name.length, name.length + 1, name.length + 2]) {
      const head = n.slice(0, len);
      if (head.length !== len) continue;
      // The common subsequence is at most the code units of the head found in the name: where
      // that many fall short, so does the similarity (the same quotient, computed cheaply first).
      if (sharedUnits(head, p.officialUnits) / Math.max(len, name.length) < 0.85) continue;
      const score = similarity(head, name);
      if (score < 0.85) continue;
      const rank = head.endsWith(name.slice(-1)) ? 2 : len === n.length ? 1 : 0;
      if (!best || score > best.score || (score === best.score && rank > best.rank)) best = { length: len, score, rank };
    }
    if (best) return { part: p.part, kind: 'fuzzy', length: best.length };
  }
  return null;
}

function codeUnits(text: string): Set<number> {
  const units = new Set<number>();
  for (let i = 0; i < text.length; i++) units.add(text.charCodeAt(i));
  return units;
}

/** How many of the code units of `text` are in `units` (counted with repetition). */
function sharedUnits(text: string, units: ReadonlySet<number>): number {
  let shared = 0;
  for (let i = 0; i < text.length; i++) if (units.has(text.charCodeAt(i))) shared++;
  return shared;
}
