/**
 * The fee statement of part 六 (FORMAT.md §5): 信息(公开)处理费 (or 信息公开收费) with either a
 * negation (未/无/没有/不 + 收取/产生/发生) or an amount in 元.
 */
const FEE = /信息(?:公开)?处理费|信息公开(?:收费|费用)|政府信息公开收费/g;
const NEGATION = /(?:未|无|没有|不|暂未|均未)[^。；;\n]{0,12}?(?:收取|产生|发生|收费)|(?:收取|收费)[^。；;\n]{0,8}?(?:为|共计|合计)?\s*0(?:\.0+)?\s*元|零元/;
const AMOUNT = /\d+(?:\.\d+)?\s*(?:万元|元)/;

/** Every sentence between `from` and `to` that states the fees, with its offsets. */
export function findFeeStatements(source: string, from = 0, to = source.length): Array<{ start: number; end: number; keyword: number; text: string }> {
  const text = source.slice(from, to);
  const found: Array<{ start: number; end: number; keyword: number; text: string }> = [];
  for (const m of text.matchAll(FEE)) {
    // Sentences end at 。 or a blank line: PDF text wraps lines in mid-sentence.
    const paragraphStart = text.lastIndexOf('\n\n', m.index);
    const sentenceStart = Math.max(text.lastIndexOf('。', m.index) + 1, paragraphStart < 0 ? 0 : paragraphStart + 2);
    const endMatch = /。|\n\s*\n/.exec(text.slice(m.index));
    const sentenceEnd = endMatch ? m.index + endMatch.index : text.length;
    const sentence = text.slice(sentenceStart, sentenceEnd);
    // The statement is placed from the start of the line that names the fee: a sentence may run
    // on from a heading line ("六、其他需要报告的事项\n2024年度…") that belongs to no statement.
    const start = from + Math.max(sentenceStart, text.lastIndexOf('\n', m.index) + 1);
    if ((NEGATION.test(sentence) || AMOUNT.test(sentence)) && !found.some((f) => f.start === start)) {
      found.push({ start, end: from + sentenceEnd, keyword: from + m.index, text: source.slice(start, from + sentenceEnd).trim() });
    }
  }
  return found;
}
