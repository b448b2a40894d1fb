/**
 * Repeated text between two reports in linear time: a suffix automaton of last year's text, then
 * one pass over this year's text computing, for every position, the longest passage ending there
 * that also occurs in last year's (matching statistics). O(n + m) time and memory, whatever the texts.
 */
import type { ProseSegment } from '../../src/rule.ts';

/** Text made comparable: full/half width, no whitespace, each run of digits as one `#`. */
export interface NormalizedText {
  text: string;
  /** For each character of `text`: the segment and the UTF-16 index inside its text. */
  segment: Int32Array;
  index: Int32Array;
}

export function normalizeProse(segments: readonly ProseSegment[]): NormalizedText {
  const chars: string[] = [];
  const seg: number[] = [];
  const idx: number[] = [];
  segments.forEach((s, k) => {
    let inDigits = false;
    for (let i = 0; i < s.text.length; i++) {
      const c = s.text.charAt(i).normalize('NFKC');
      if (/\s/.test(c) || c === '') {
        continue;
      }
      if (/[0-9]/.test(c)) {
        if (inDigits) continue;
        inDigits = true;
        chars.push('#');
      } else {
        inDigits = false;
        chars.push(c.length === 1 ? c : c.charAt(0));
      }
      seg.push(k);
      idx.push(i);
    }
  });
  return { text: chars.join(''), segment: Int32Array.from(seg), index: Int32Array.from(idx) };
}

/** A suffix automaton: `firstEnd[state]` is where a substring of the state first ends. */
class SuffixAutomaton {
  readonly next: Array<Map<number, number>> = [new Map()];
  readonly link: number[] = [-1];
  readonly len: number[] = [0];
  readonly firstEnd: number[] = [-1];
  private last = 0;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) this.extend(text.charCodeAt(i), i);
  }

  private extend(c: number, at: number): void {
    const cur = this.len.length;
    this.len.push((this.len[this.last] ?? 0) + 1);
    this.link.push(0);
    this.next.push(new Map());
    this.firstEnd.push(at);
    let p = this.last;
    while (p !== -1 && !this.next[p]!.has(c)) {
      this.next[p]!.set(c, cur);
      p = this.link[p]!;
    }
    if (p !== -1) {
      const q = this.next[p]!.get(c)!;
      if (this.len[p]! + 1 === this.len[q]) this.link[cur] = q;
      else {
        const clone = this.len.length;
        this.len.push(this.len[p]! + 1);
        this.link.push(this.link[q]!);
        this.next.push(new Map(this.next[q]));
        this.firstEnd.push(this.firstEnd[q]!);
        while (p !== -1 && this.next[p]!.get(c) === q) {
          this.next[p]!.set(c, clone);
          p = this.link[p]!;
        }
        this.link[q] = clone;
        this.link[cur] = clone;
      }
    }
    this.last = cur;
  }
}

export interface Repetition {
  /** Characters of `current` inside a passage of at least `minLength` characters that also occurs in `previous`. */
  covered: number;
  total: number;
  /** The longest such passage: [start, end) in `current`, and where it ends in `previous`. */
  longest: { start: number; end: number; previousEnd: number } | null;
}

export function repetition(current: string, previous: string, minLength: number): Repetition {
  const sam = new SuffixAutomaton(previous);
  let state = 0;
  let length = 0;
  let covered = 0;
  let reach = -1; // covered positions so far: up to this index (inclusive)
  let longest: Repetition['longest'] = null;
  for (let i = 0; i < current.length; i++) {
    const c = current.charCodeAt(i);
    while (state !== 0 && !sam.next[state]!.has(c)) {
      state = sam.link[state]!;
      length = sam.len[state]!;
    }
    const to = sam.next[state]!.get(c);
    if (to === undefined) {
      state = 0;
      length = 0;
    } else {
      state = to;
      length++;
    }
    if (length >= minLength) {
      const from = i - length + 1;
      covered += i - Math.max(reach, from - 1);
      reach = i;
      if (!longest || length > longest.end - longest.start) longest = { start: from, end: i + 1, previousEnd: sam.firstEnd[state]! + 1 };
    }
  }
  return { covered, total: current.length, longest };
}

/**
 * Sentences the format itself dictates, the same in every report of every year: the opening's
 * legal basis, statistical period, contact and where to download the report; the fee statement.
 * They are not counted as repeated wording.
 */
const FIXED = [
  /本报告.{0,40}(编制|制作|发布)/,
  /(依据|根据).{0,30}(条例|通知|要求).{0,30}(编制|制作)/,
  /统计(期限|期间|时限|时间)/,
  /如对本报告有|联系(电话|地址|方式)|邮政?编码|邮编|电子邮箱|传真/,
  /电子版|(网站|门户|平台).{0,30}(下载|查阅|查看)/,
  /本报告(包括|共分|分为|由)/,
  /信息处理费/,
];

/** A sub-heading: an enumerator and a few words, no sentence (（一）主动公开情况). */
const SUBHEADING = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．])[^。；;，,]{0,24}[:：]?$/;

/**
 * The prose worth comparing: the text of the six parts (not the preamble, which is the title,
 * the fixed opening and whatever a converter put before them) cut into sentences (at 。！？；),
 * without sub-headings, the format's fixed sentences, and the agency's name on a line of its own
 * (the signature).
 */
export function comparableProse(segments: readonly ProseSegment[], agencyText: string | null): ProseSegment[] {
  const agency = agencyText?.replace(/\s+/g, '') ?? null;
  const out: ProseSegment[] = [];
  for (const segment of segments) {
    if (segment.part === null) continue;
    if (agency && segment.text.replace(/\s+/g, '') === agency) continue;
    if (SUBHEADING.test(segment.text)) continue;
    const pieces = segment.text.split(/(?<=[。！？!?；;])/);
    let at = 0;
    for (const piece of pieces) {
      const start = at;
      at += piece.length;
      if (!piece.trim() || FIXED.some((re) => re.test(piece))) continue;
      out.push({ ...segment, text: piece, column: segment.column + start, offset: segment.offset + start });
    }
  }
  return out;
}
