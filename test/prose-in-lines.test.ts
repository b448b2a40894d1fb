/**
 * Prose as PDF text keeps it (`pdftotext -layout`, LibreOffice's and Chromium's PDFs): in the
 * page's lines, a line break anywhere in a word, often with a blank line between the lines. A
 * part heading, the fee statement, the statistical period, the overview's topics and a cited
 * title cut by a line break are read as on the page: the corpus reports printed and kept as such
 * text give the findings about their text that the reports themselves give.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_PDFS, fixtureName } from '../scripts/corpus-pdfs.ts';
import { lintText } from '../src/engine/lint.ts';
import { findCitations } from '../src/reading/citations.ts';
import { findFeeStatements } from '../src/reading/fees.ts';
import { findContact, findPeriod } from '../src/reading/facts.ts';
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

describe('overview topics and citations across a line break', () => {
  it('a topic word cut by a line break with a blank line after it (LibreOffice)', () => {
    const report = (overview: string) => `# 某区2024年政府信息公开工作年度报告\n\n一、总体情况\n\n${overview}\n\n二、主动公开政府信息情况\n\n略。\n`;
    const topics = (overview: string) => lintText(report(overview), { keepModel: true }).model?.overviewTopics;
    expect(topics('加强政务公开平\n\n台建设，优化栏目。')).toContain('政府信息公开平台建设');
    expect(topics('加强政务公开，优化栏目。')).not.toContain('政府信息公开平台建设');
  });

  it('a cited title and its number over two lines, a blank line between', () => {
    const text = '根据《国务院办公厅政府\n\n信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函\n\n〔2021〕30 号）编制。';
    expect(findCitations(text)).toEqual([
      expect.objectContaining({ title: '国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知', number: '国办公开办函〔2021〕30号' }),
    ]);
  });
});

describe('real reports printed and kept as pdftotext -layout text', () => {
  const fixtures = path.join(import.meta.dirname, 'fixtures/corpus-pdf');
  const corpus = path.resolve(import.meta.dirname, '../../shared/corpus');
  /** The findings about the text around the tables, by rule. */
  const prose = (messages: ReadonlyArray<{ ruleId: string | null }>) =>
    messages
      .map((m) => m.ruleId ?? '')
      .filter((id) => !id.startsWith('table-'))
      .sort();
  const cases = CORPUS_PDFS.filter((s) => existsSync(path.join(corpus, s))).flatMap((s) => [
    [`${fixtureName(s)}.lo`, s],
    [`${fixtureName(s)}.narrow`, s],
  ]);
  it.each(cases)('%s: the same findings about the text as the report itself', (name, source) => {
    const text = lintText(readFileSync(path.join(fixtures, `${name}.layout.txt`), 'utf8'));
    const markdown = lintText(readFileSync(path.join(corpus, source), 'utf8'), { filePath: source });
    expect(prose(text.messages)).toEqual(prose(markdown.messages));
  });
});

describe('a justified line spread apart, blank lines between lines (LibreOffice, 仿宋 with 1.5 line spacing)', () => {
  it('a phone number cut after its area code, its key spread (“电 话 ： 0591-” / “” / “23165385。”), placed where it is printed', () => {
    const text =
      '请与平潭综合实验区管委会办公室联系。通讯地址：平潭综合实验\n\n区 商 务 营 运 中 心 7 号 楼 14 层 ； 邮 编 ： 350400 ； 电 话 ： 0591-\n\n23165385。 一、总体情况 2023 年，平潭综合实验区坚持以习近\n';
    const contact = findContact(text, new LineIndex(text));
    expect(contact.phones.map((p) => [p.text, p.hasAreaCode])).toEqual([['0591-23165385', true]]);
    expect(contact.phones[0]?.span.start).toMatchObject({ line: 3, column: text.split('\n')[2]!.indexOf('0591') + 1 });
    expect(contact.phones[0]?.span.end).toMatchObject({ line: 5, column: 9 });
    expect(contact.postcodes.map((p) => p.digits)).toEqual(['350400']);
    // A line’s end inside the digits after the hyphen joins nothing (“0591-2892” / “2299”): no number read from pieces.
    const apart = '电话：0591-2892\n2299';
    expect(findContact(apart, new LineIndex(apart)).phones.map((p) => p.text)).toEqual([]);
  });

  it('the period’s key cut by a line break (“…数据的统计” / “期限自…”) or spread (“起 止 时 间 自 2020 年…”)', () => {
    for (const text of [
      '汇总平潭综合实验区各有关单位政府信息公开工作情况编制而成。本报告中所列数据的统计\n期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。本报告的电子版可在',
      '需要报告的事项等六个部分组成,起止时间自 2020 年 1 月 1 日至\n\n2020 年 12 月 31 日 。 信 息 公 开 网 址 :',
      '组 成 , 起 止 时 间 自 2020 年 1 月 1 日 至 2020 年 12 月 31 日 。 信 息 公 开 网 址 :',
    ]) {
      const period = findPeriod(text, text.length, new LineIndex(text));
      expect([period?.start.year, period?.end]).toEqual([Number(/自 (\d{4})/.exec(text)?.[1]), { year: period?.start.year, month: 12, day: 31 }]);
      expect(text.slice(period?.span.start.offset, period?.span.end.offset)).toBe(period?.text);
    }
  });

  it('a fee statement with a blank line between its lines (“…无收取信” / “” / “息处理费情况。”)', () => {
    const text = '言传播政府的声音。六、其他需要报告的事项 2023 年，无收取信\n\n息处理费情况。\n\n3 本表数据统计时限为 2023 年 1 月 1 日至 12 月 31 日。';
    expect(findFeeStatements(text).map((f) => f.keyword)).toEqual([text.indexOf('信\n\n息处理费')]);
    // A paragraph that ends in punctuation ends its sentence at a blank line as before.
    expect(findFeeStatements('本年度未收取任何费用，\n\n信息处理费标准见附件')).toEqual([]);
  });

  it('part 六’s heading cut by a line break with a blank line between (“六、其他需要报告的事” / “” / “项 2024 年，…”)', () => {
    const text = '数字化转型，提升政务公开的效率和质量。六、其他需要报告的事\n\n项 2024 年，无收取信息处理费情况。';
    const six = findHeadingCandidates(text).filter((c) => c.part === 6);
    expect(six.map((c) => [c.match, text.slice(c.start, c.end)])).toEqual([['exact', '六、其他需要报告的事\n\n项']]);
  });
});
