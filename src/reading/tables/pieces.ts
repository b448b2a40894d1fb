/**
 * Pieces of a table's own header and group labels that a page layout runs together into one text
 * run: the last character of a vertical 三、本年度办理结果 beside the enumerator of the next group
 * (“果（三）”, “理（三）”), two header cells wrapped in neighbouring columns (“社会公益组法律服务机”),
 * a group's name cut inside its enumerator (“（三” / “）不予公开”). Such a run is not foreign text.
 */

/** An enumerator or a part of one that a line break cut: （三） （三 三） 三、 ） 1. (2) */
const ENUMERATOR_PIECE = /^(?:\(?[一二三四五六七八九十]{1,3}[)、.]|\([一二三四五六七八九十]{1,3}|[)(]|\d{1,2}[.、]|\(\d{1,2}\)?)$/;

/**
 * Whether normalised text `w` is at most three such pieces: enumerators (or parts of one) and
 * substrings of `words`, at most one of them a single character (two lone characters are as likely
 * to be another word: 合 + 计).
 */
export function headerPieces(w: string, words: readonly string[]): boolean {
  if (w.length === 0) return true;
  const isWordPart = (s: string) => words.some((g) => g.includes(s));
  // Fewest single characters needed to cover w[i..] with k pieces left; Infinity when none do.
  const memo = new Map<string, number>();
  const cover = (i: number, k: number): number => {
    if (i === w.length) return 0;
    if (k === 0) return Number.POSITIVE_INFINITY;
    const key = `${i}:${k}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let best = Number.POSITIVE_INFINITY;
    for (let j = w.length; j > i && best > 0; j--) {
      const piece = w.slice(i, j);
      if (ENUMERATOR_PIECE.test(piece)) best = Math.min(best, cover(j, k - 1));
      else if (isWordPart(piece)) best = Math.min(best, (piece.length === 1 ? 1 : 0) + cover(j, k - 1));
    }
    memo.set(key, best);
    return best;
  };
  return cover(0, 3) <= 1;
}
