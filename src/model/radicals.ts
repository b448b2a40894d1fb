/**
 * Radicals that stand for whole characters. Some CJK fonts (Noto/Source Han, and the PDFs that
 * Chromium, Word or WPS make with them) map the glyph of 人, 工, 一, 民, 长… to a code point of the
 * Kangxi Radicals block (U+2F00–U+2FD5: ⼈ ⼯ ⼀) or of the CJK Radicals Supplement (⺠ ⻓ ⻔), so the
 * text pdf.js gives for “人民政府” is “⼈⺠政府”: the same on the page, other characters in the
 * text. Read as a person reads the page, they are the ideographs: Kangxi radicals by their Unicode
 * compatibility mapping (NFKC), the supplement's radicals that are whole simplified or Japanese
 * characters by Unicode's Equivalent_Unified_Ideograph data (EquivalentUnifiedIdeograph.txt);
 * component forms (亻 氵 艹…) never stand alone in a report and are left as they are. Every
 * mapping is one UTF-16 unit to one, so offsets and widths stay as they were.
 */
const SUPPLEMENT: Readonly<Record<string, string>> = {
  '\u2E9D': '月', // ⺝ MOON
  '\u2E9F': '母', // ⺟ MOTHER
  '\u2EA0': '民', // ⺠ CIVILIAN
  '\u2EC1': '虎', // ⻁ TIGER
  '\u2EC4': '西', // ⻄ WEST TWO
  '\u2EC5': '见', // ⻅ C-SIMPLIFIED SEE
  '\u2EC6': '角', // ⻆ SIMPLIFIED HORN
  '\u2EC9': '贝', // ⻉ C-SIMPLIFIED SHELL
  '\u2ECB': '车', // ⻋ C-SIMPLIFIED CART
  '\u2ED1': '長', // ⻑ LONG ONE
  '\u2ED3': '长', // ⻓ C-SIMPLIFIED LONG
  '\u2ED4': '门', // ⻔ C-SIMPLIFIED GATE
  '\u2ED7': '雨', // ⻗ RAIN
  '\u2ED8': '青', // ⻘ BLUE
  '\u2ED9': '韦', // ⻙ C-SIMPLIFIED TANNED LEATHER
  '\u2EDA': '页', // ⻚ C-SIMPLIFIED LEAF
  '\u2EDB': '风', // ⻛ C-SIMPLIFIED WIND
  '\u2EDC': '飞', // ⻜ C-SIMPLIFIED FLY
  '\u2EDD': '食', // ⻝ EAT ONE
  '\u2EE2': '马', // ⻢ C-SIMPLIFIED HORSE
  '\u2EE3': '骨', // ⻣ BONE
  '\u2EE4': '鬼', // ⻤ GHOST
  '\u2EE5': '鱼', // ⻥ C-SIMPLIFIED FISH
  '\u2EE6': '鸟', // ⻦ C-SIMPLIFIED BIRD
  '\u2EE7': '卤', // ⻧ C-SIMPLIFIED SALT
  '\u2EE8': '麦', // ⻨ SIMPLIFIED WHEAT
  '\u2EE9': '黄', // ⻩ SIMPLIFIED YELLOW
  '\u2EEA': '黾', // ⻪ C-SIMPLIFIED FROG
  '\u2EEB': '斉', // ⻫ J-SIMPLIFIED EVEN
  '\u2EEC': '齐', // ⻬ C-SIMPLIFIED EVEN
  '\u2EED': '歯', // ⻭ J-SIMPLIFIED TOOTH
  '\u2EEE': '齿', // ⻮ C-SIMPLIFIED TOOTH
  '\u2EEF': '竜', // ⻯ J-SIMPLIFIED DRAGON
  '\u2EF0': '龙', // ⻰ C-SIMPLIFIED DRAGON
  '\u2EF1': '龜', // ⻱ TURTLE
  '\u2EF2': '亀', // ⻲ J-SIMPLIFIED TURTLE
  '\u2EF3': '龟', // ⻳ C-SIMPLIFIED TURTLE
};

const ANY_RADICAL = /[\u2E80-\u2EFF\u2F00-\u2FD5]/;
const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FD5]/g;

/** The text with radicals that stand for whole characters written as those characters. */
export function unifyRadicals(text: string): string {
  if (!ANY_RADICAL.test(text)) return text;
  return text.replace(RADICALS, (c) => {
    if (c >= '\u2F00') {
      const unified = c.normalize('NFKC');
      return unified.length === 1 ? unified : c;
    }
    return SUPPLEMENT[c] ?? c;
  });
}

/** The radicals of `written` that stand for characters: count, up to five distinct examples, first to last. */
export function findRadicals<S>(
  written: string,
  span: (start: number, end: number) => S,
): { count: number; examples: Array<{ written: string; meant: string }>; span: S } | null {
  let count = 0;
  let first = -1;
  let last = -1;
  const examples = new Map<string, string>();
  for (const m of written.matchAll(RADICALS)) {
    const meant = unifyRadicals(m[0]);
    if (meant === m[0]) continue;
    count++;
    if (first === -1) first = m.index;
    last = m.index;
    if (examples.size < 5) examples.set(m[0], meant);
  }
  if (count === 0) return null;
  return { count, examples: [...examples].map(([w, meant]) => ({ written: w, meant })), span: span(first, last + 1) };
}
