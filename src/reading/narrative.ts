/**
 * Numbers the prose states about the tables (docs/format.md §4, R8/R9): applications received, handled,
 * none received, administrative reconsiderations and lawsuits. Only plain, unambiguous sentence
 * shapes are read; anything else is left alone rather than guessed.
 */
export type ClaimKind = 'received' | 'noneReceived' | 'concluded' | 'review' | 'litigation';

export interface Claim {
  kind: ClaimKind;
  /** Beyond 2^53 an approximation: `stated` keeps the digits as written. */
  value: number;
  /** The number as written (digits), or its value for Chinese numerals. */
  stated: string;
  text: string;
  start: number;
  end: number;
}

// The look-behind keeps the search linear on long digit runs (no restart inside a number).
const NUM = '(?<![\\d零〇一二两三四五六七八九十百])(\\d+|[零〇一二两三四五六七八九十百]{1,6})';
const UNIT = '\\s*(?:件|宗|起)';
const PATTERNS: Array<{ kind: ClaimKind; re: RegExp; zero?: boolean }> = [
  {
    kind: 'received',
    re: new RegExp(`(?:收到|受理|新收)(?:各类)?(?:政府信息公开|依申请公开|信息公开)?(?:政府信息)?申请(?:共|总计|合计)?\\s*${NUM}${UNIT}`, 'g'),
  },
  { kind: 'noneReceived', re: /(?:未|没有)(?:收到|受理)[^。，,；;\n]{0,12}?申请|无(?:政府信息)?依申请(?:公开)?(?:事项|件|申请)/g, zero: true },
  { kind: 'concluded', re: new RegExp(`办结\\s*${NUM}${UNIT}`, 'g') },
  { kind: 'review', re: new RegExp(`(?:被申请|被提起|被)?行政复议\\s*${NUM}${UNIT}|${NUM}${UNIT}(?:涉及[^。，,；;\\n]{0,10}的)?行政复议`, 'g') },
  { kind: 'litigation', re: new RegExp(`行政诉讼(?:数|案件)?为?\\s*${NUM}${UNIT}`, 'g') },
];

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 两 → 2, 十二 → 12, 二十三 → 23, 一百零五 → 105; digits as they are. */
export function parseChineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in DIGITS) current = DIGITS[ch] ?? 0;
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return null;
  }
  return total + current;
}

/**
 * A statement about a part of the agency, not the whole the table counts: one office acting for
 * it (“区政府办代表区政府受理…17件”, the table counting every department), or a share (“其中…”).
 * `before` is the text of the sentence before the statement.
 */
function aboutAPart(before: string): boolean {
  const sentence = before.slice(Math.max(...['。', '；', ';', '\n'].map((c) => before.lastIndexOf(c))) + 1);
  const clause = sentence.slice(Math.max(sentence.lastIndexOf('，'), sentence.lastIndexOf(',')) + 1);
  return /代表/.test(clause) || /^\s*其中/.test(clause) || /(?:^|[，,])\s*其中\s*[，,][^，,]*$/.test(sentence);
}

export function findClaims(source: string, from: number, to: number): Claim[] {
  const text = source.slice(from, to);
  const claims: Claim[] = [];
  for (const { kind, re, zero } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const raw = m.slice(1).find((g) => g !== undefined);
      const value = zero ? 0 : parseChineseNumber(raw ?? '');
      if (value === null || aboutAPart(text.slice(0, m.index))) continue;
      const stated = raw !== undefined && /^\d+$/.test(raw) ? raw.replace(/^0+(?=\d)/, '') : String(value);
      claims.push({ kind, value, stated, text: m[0], start: from + m.index, end: from + m.index + m[0].length });
    }
  }
  return claims.sort((a, b) => a.start - b.start);
}
