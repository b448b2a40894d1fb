/**
 * Prose as PDF text keeps it (`pdftotext -layout`, LibreOffice's and Chromium's PDFs): in the
 * page's lines, a line break anywhere in a word, often with a blank line between the lines. A
 * part heading, the fee statement and the statistical period cut by a line break are read as
 * on the page; nothing else is joined.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { findFeeStatements } from '../src/reading/fees.ts';
import { findPeriod } from '../src/reading/facts.ts';
import { findHeadingCandidates } from '../src/reading/parts.ts';
import { LineIndex } from '../src/reading/text.ts';

describe('a part heading the line cut', () => {
  it('goes on in the next line with text, after a blank line too', () => {
    const text = '本报告所列数据统计期限为 2025 年 1 月 1 日至 2025 年 12 月 31 日。一、总体\n\n情况 2025 年，平潭综合实验区坚持……';
    const found = findHeadingCandidates(text).filter((c) => c.part === 1);
    expect(found).toEqual([expect.objectContaining({ part: 1, match: 'exact', start: text.indexOf('一、总体') })]);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe('一、总体\n\n情况');
    const six = findHeadingCandidates('……工作水平。六、其他需要报告\n的事项 2024 年，无收取信息处理费情况。').filter((c) => c.part === 6);
    expect(six).toHaveLength(1);
  });

  it('only with the official words or an alias, and only when the line ends inside them', () => {
    // 总体 / 评价良好: no heading's words; 一、总体情况 whole on its line needs no joining.
    expect(findHeadingCandidates('……要求。一、总体\n\n评价良好。').filter((c) => c.part === 1)).toEqual([]);
    const whole = findHeadingCandidates('一、总体情况\n\n2025 年，……').filter((c) => c.part === 1);
    expect(whole.map((c) => c.end)).toEqual(['一、总体情况'.length]);
  });
});

describe('the fee statement and the statistical period across a line break', () => {
  it('the fee keyword or its negation cut by a line break, placed at the keyword', () => {
    for (const text of ['六、其他需要报告的事项2023年，无收取信息处理\n费情况。', '六、其他需要报告的事项2025年，无收\n取信息处理费情况。']) {
      const found = findFeeStatements(text);
      expect(found).toHaveLength(1);
      expect(found[0]?.keyword).toBe(text.indexOf('信息处理'));
    }
    // A fee named and a negation of something else on the next line are still no statement.
    expect(findFeeStatements('信息处理费标准见附件\n。')).toEqual([]);
  });

  it('the period within 40 characters of its key, line breaks not counted', () => {
    const text = '本报告中所列数据的统计时\n\n限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。本报告在';
    const period = findPeriod(text, text.length, new LineIndex(text));
    expect(period?.start).toEqual({ year: 2024, month: 1, day: 1 });
    expect(period?.end).toEqual({ year: 2024, month: 12, day: 31 });
    const far = `统计期限${'的'.repeat(30)}\n\n${'为'.repeat(12)} 2024 年 1 月 1 日至 2024 年 12 月 31 日`;
    expect(findPeriod(far, far.length, new LineIndex(far))).toBeNull();
  });
});

describe('real reports printed and kept as pdftotext -layout text', () => {
  const fixtures = path.join(import.meta.dirname, 'fixtures/corpus-pdf');
  const corpus = path.resolve(import.meta.dirname, '../../shared/corpus');
  const prose = (messages: ReadonlyArray<{ ruleId: string | null }>) =>
    messages.map((m) => m.ruleId).filter((id) => id === 'required-sections' || id === 'fee-statement' || id === 'statistical-period');
  it.each([
    ['10-pingtan-2025.lo', 'peers/10-pingtan-2025.txt'],
    ['09-pingtan-2024.lo', 'peers/09-pingtan-2024.txt'],
    ['08-pingtan-2023.narrow', 'peers/08-pingtan-2023.txt'],
    ['10-pingtan-2025.narrow', 'peers/10-pingtan-2025.txt'],
    ['003_e61fd02df59cf2b0.lo', 'seeds/003_e61fd02df59cf2b0.md'],
  ])('%s: the parts, the fee statement and the period as in the report', (name, source) => {
    const text = lintText(readFileSync(path.join(fixtures, `${name}.layout.txt`), 'utf8'));
    const markdown = lintText(readFileSync(path.join(corpus, source), 'utf8'));
    expect(prose(text.messages)).toEqual(prose(markdown.messages));
  });
});
