/**
 * The fee statement of part 六 (docs/format.md §6): 信息(公开)处理费 (or 信息公开收费) with either a
 * negation (未/无/没有/不 + 收取/产生/发生) or an amount in 元.
 */
import { unwrapLines } from './text.ts';

const FEE = /信息(?:公开)?处理费|信息公开(?:收费|费用)|政府信息公开收费/g;
const NEGATION = /(?:未|无|没有|不|暂未|均未)[^。；;\n]{0,12}?(?:收取|产生|发生|收费)|(?:收取|收费)[^。；;\n]{0,8}?(?:为|共计|合计)?\s*0(?:\.0+)?\s*元|零元/;
/** A line break, or ideographs one space apart. */
const SPLIT = /\n|[\u3400-\u9fff] [\u3400-\u9fff]/;
const AMOUNT = /(?<![\d.])\d+(?:\.\d+)?\s*(?:万元|元)/;

/** Every sentence between `from` and `to` that states the fees, with its offsets. */
export function findFeeStatements(source: string, from = 0, to = source.length): Array<{ start: number; end: number; keyword: number; text: string }> {
  const text = source.slice(from, to);
  const found: Array<{ start: number; end: number; keyword: number; text: string }> = [];
  // Sentences end at 。 or a blank line: PDF text wraps lines in mid-sentence. One pass over
  // the sentences keeps this linear however many times the fee is named.
  // A blank line between two ideographs is none (LibreOffice's PDFs in the page's lines with 1.5
  // line spacing: “…无收取信” / “” / “息处理费情况。”).
  const ends = /。|(?<![\u3400-\u9fff])\n\s*\n|\n\s*\n(?![\u3400-\u9fff])/g;
  let sentenceStart = 0;
  for (;;) {
    const end = ends.exec(text);
    const sentenceEnd = end ? end.index : text.length;
    const sentence = text.slice(sentenceStart, sentenceEnd);
    // Words a line break cut (“无收” / “取信息处理费”, “信息处理” / “费”: PDF text in the page's
    // lines), or a justified line spread (“未 收 取 信 息 处 理”), are read whole; places are the sentence's own.
    const { words, at } = SPLIT.test(sentence) ? unwrapLines(sentence, true) : { words: sentence, at: null };
    FEE.lastIndex = 0;
    const fee = FEE.exec(words);
    const m = fee && { index: at ? (at[fee.index] ?? 0) : fee.index };
    if (m && (NEGATION.test(words) || AMOUNT.test(words))) {
      // The statement is placed from the start of the line that names the fee: a sentence may run
      // on from a heading line ("六、其他需要报告的事项\n2024年度…") that belongs to no statement.
      const keyword = sentenceStart + m.index;
      const start = sentenceStart + sentence.lastIndexOf('\n', m.index) + 1;
      found.push({ start: from + start, end: from + sentenceEnd, keyword: from + keyword, text: text.slice(start, sentenceEnd).trim() });
    }
    if (!end) break;
    sentenceStart = end.index + end[0].length;
  }
  return found;
}
