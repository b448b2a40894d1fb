/** The report model on small, targeted inputs: each table form, the opening facts, odd input. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { lintText } from '../src/engine/lint.ts';
import { sampleReport, t3Rows, DEFAULT_DATA } from '../src/testing/sample.ts';

// Checked against the schema (and frozen), as a test should.
const model = (text: string) => buildModel(text, parseMarkdown(text), { check: true });

describe('table 三 in an HTML block with rowspan/colspan (PDF-to-Markdown converters)', () => {
  const rows = t3Rows(DEFAULT_DATA);
  const cells = (r: { label: string; values: number[] }, i: number) => {
    // The group label spans its rows, as MinerU writes it; the first data row carries it.
    const group = i === 2 ? '<td rowspan="22">三、本年度办理结果</td>' : '';
    return `<tr>${group}<td colspan="${i >= 2 && i < 24 ? 1 : 2}">${r.label}</td>${r.values.map((v) => `<td>${v}</td>`).join('')}</tr>`;
  };
  const html = [
    '<table>',
    '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>',
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
    '<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>',
    ...rows.map(cells),
    '</table>',
  ].join('\n');
  const text = sampleReport({ edit: (t) => t.replace(/(三、收到和处理政府信息公开申请情况\n\n)[\s\S]*?(\n\n四、)/, `$1${html}$2`) });

  it('reads every row, with each cell at its own position', () => {
    const t3 = model(text).tables.t3;
    expect(t3.rows.map((r) => r.status)).toEqual(t3.rows.map(() => 'read'));
    const total = t3.rows.find((r) => r.id === 't3.total');
    expect(total?.cells.map((c) => c.value)).toEqual(rows[23]?.values);
    const line = text.split('\n').findIndex((l) => l.includes('（七）总计')) + 1;
    expect(total?.cells[0]?.span.start.line).toBe(line);
  });

  it('points table-sums at a changed cell inside the HTML', () => {
    const broken = text.replace(/(<td colspan="1">（一）予以公开<\/td><td>)7(<\/td>)/, '$19$2');
    const sums = lintText(broken).messages.filter((m) => m.ruleId === 'table-sums');
    const line = broken.split('\n').findIndex((l) => l.includes('（一）予以公开')) + 1;
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.every((m) => m.line === line)).toBe(true);
  });
});

describe('rows pasted as indented code (blank lines between indented PDF rows)', () => {
  it('are read like any other text', () => {
    const text = sampleReport({ form: 'layout', edit: (t) => t.replace(/\n( {4}[一二（])/g, '\n\n$1') });
    expect(parseMarkdown(text).children.some((n) => n.type === 'code')).toBe(true);
    expect(lintText(text).messages).toEqual([]);
  });
});

describe('digits run together (crawled pages)', () => {
  const crawled = (row: string) => sampleReport({ form: 'tsv', edit: (t) => t.replace(/^二、上年结转政府信息公开申请数量.*$/m, row) });

  it('splits a run whose length is the cell count, the only possible split', () => {
    const row = model(crawled('二、上年结转政府信息公开申请数量1000001')).tables.t3.rows.find((r) => r.id === 't3.carried');
    expect(row?.status).toBe('read');
    expect(row?.cells.map((c) => c.value)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('reads a longer run when exactly one split makes the row add up (总计 = the six columns)', () => {
    const m = model(crawled('二、上年结转政府信息公开申请数量100000010'));
    const row = m.tables.t3.rows.find((r) => r.id === 't3.carried');
    expect(row?.status).toBe('read');
    expect(row?.cells.map((c) => c.value)).toEqual([10, 0, 0, 0, 0, 0, 10]);
    expect(row?.decoded).toEqual({ how: 'split', text: '100000010', chosenBy: ['R3'] });
    // Read so, the row breaks R1 (the sample's true value is 1): a sum error, not a guess.
    const sums = lintText(crawled('二、上年结转政府信息公开申请数量100000010')).messages.filter((x) => x.ruleId === 'table-sums');
    // R1 breaks in the columns 自然人 and 总计; one relation cannot tell which of its cells is off,
    // so each finding stands at the relation's total (四) and says how row 二 was read.
    expect(sums.map((x) => `${x.messageId} ${x.data.cell}`)).toEqual(['R1 四、结转下年度继续办理·自然人', 'R1 四、结转下年度继续办理·总计']);
    expect(sums.every((x) => x.message.includes('由连写数字读出'))).toBe(true);
  });

  it('refuses to choose between splits that all add up, and lists them', () => {
    // 1 0 0 0 12 0 13 and 10 0 0 1 2 0 13 both satisfy the row total; R1 cannot tell them apart
    // either, as it involves two unknown columns' worth of other rows.
    const m = model(crawled('二、上年结转政府信息公开申请数量100012013'));
    const row = m.tables.t3.rows.find((r) => r.id === 't3.carried');
    expect(row?.status).toBe('ambiguous');
    const fact = m.tables.t3.facts.find((f) => f.kind === 'ambiguous');
    expect(fact && fact.kind === 'ambiguous' ? fact.count : 0).toBeGreaterThan(1);
  });

  it('says no split adds up, as a sum error with what the other rows require', () => {
    const m = model(crawled('二、上年结转政府信息公开申请数量30000012'));
    expect(m.tables.t3.rows.find((r) => r.id === 't3.carried')?.status).toBe('unsolvable');
    const fact = m.tables.t3.facts.find((f) => f.kind === 'noReading');
    expect(fact && fact.kind === 'noReading' ? fact.required : null).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });
});

describe('part headings', () => {
  it('are found inline in a page crawled into one line', () => {
    const text = sampleReport().replace(/\n\n/g, ' ');
    expect(model(text).parts.map((p) => p.part)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('are not confused with the table rows 三、本年度办理结果 and 四、结转下年度继续办理', () => {
    const m = model(sampleReport({ edit: (t) => t.replace('四、政府信息公开行政复议、行政诉讼情况', '') }));
    expect(m.parts.map((p) => p.part)).toEqual([1, 2, 3, 5, 6]);
  });
});

describe('opening facts', () => {
  it('reads a title wrapped over two lines, year first', () => {
    const m = model(sampleReport({ title: '2024 年上海市科委政府信息公开工作\n年度报告' }));
    expect(m.title).toMatchObject({ agency: '上海市科委', year: 2024 });
  });

  it.each([
    ['…工作年度报 / 告', '福州市示例区工业和信息化局2024年政府信息公开工作年度报\n                        告'],
    ['…政府信息公 / 开工作年度报告', '福州市示例区工业和信息化局2024年政府信息公\n开工作年度报告'],
  ])('reads a centred title whose wording breaks at the line end (%s)', (_, title) => {
    const m = model(sampleReport({ title }));
    expect(m.title).toMatchObject({ agency: '福州市示例区工业和信息化局', year: 2024, standardWording: true });
  });

  it('does not join a line to the next when the join does not complete the wording', () => {
    const m = model(sampleReport({ title: '福州市示例区工业和信息化局2024年政府信息公\n告' }));
    expect(m.title?.standardWording ?? false).toBe(false);
  });

  it('takes no line of a wrapped body paragraph for the title (pdftotext -layout)', () => {
    const text = sampleReport({
      title: null,
      opening:
        '本报告依据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与\n政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》编制。',
    });
    expect(model(text).title).toBeNull();
  });

  it('reads a title below a finished paragraph of text', () => {
    const m = model(sampleReport({ title: null, opening: '本报告可在政府网站下载。\n\n福州市示例区工业和信息化局2024年政府信息公开工作年度报告' }));
    expect(m.title).toMatchObject({ year: 2024, agency: '福州市示例区工业和信息化局' });
  });

  it('reads a period whose end year is omitted (统计期限为2022年1月1日至12月31日)', () => {
    const m = model(sampleReport({ year: 2022, edit: (t) => t.replace(/统计期限[^。]*。/, '统计期限为2022年1月1日至12月31日。') }));
    expect(m.period?.end).toEqual({ year: null, month: 12, day: 31 });
    expect(lintText(sampleReport({ year: 2022, edit: (t) => t.replace(/统计期限[^。]*。/, '统计期限为2022年1月1日至12月31日。') })).messages).toEqual([]);
  });

  it('reads several phone numbers after one key, and postcodes', () => {
    const m = model(sampleReport({ edit: (t) => t.replace('电话：0591-87654321', '电话：0591-83368798、83379395') }));
    expect(m.contact.phones.map((p) => [p.text, p.hasAreaCode])).toEqual([
      ['0591-83368798', true],
      ['83379395', false],
    ]);
    expect(m.contact.postcodes.map((p) => p.digits)).toEqual(['350001']);
  });
});

describe('odd input never crashes', () => {
  it.each([
    ['empty', ''],
    ['only blank lines', '\n\n\n'],
    ['no tables', '# 某局2024年政府信息公开工作年度报告\n\n一、总体情况\n\n略。'],
    ['tables only', '三、本年度办理结果\t1\t2\n（七）总计\t\t\t'],
    ['control characters', 'a\u0001b\u0002\t|\t|'],
    ['a huge single line', '一、总体情况' + '0'.repeat(200000)],
  ])('%s', (_name, text) => {
    const result = lintText(text);
    expect(result.fatal).toBeUndefined();
    expect(Array.isArray(result.messages)).toBe(true);
    // Never a silent pass: findings, or said not to be a report.
    expect(result.messages.length > 0 || result.notReport === true).toBe(true);
    // Forced to be a report, it gets findings.
    expect(lintText(text, { classify: 'report' }).messages.length).toBeGreaterThan(0);
  });
});

describe('prose right below a table', () => {
  it('ends the table, and is not taken for a stray cell or unknown text', () => {
    const text = sampleReport({
      edit: (t) =>
        t
          .replace('\n\n第二十条第（八）项', '\n\n第二十条第（八）项')
          .replace(/(行政事业性收费\t0)/, '$1\n\n注：本年度行政事业性收费金额为0，共清理规范性文件12件。')
          .replace(/(四、结转下年度继续办理[^\n]*)/, '$1\n\n说明：上年结转的1件已于2月办结，新收申请均按期答复。'),
    });
    expect(lintText(text).messages).toEqual([]);
  });
});

describe('a PDF table read column by column (pdftotext without -layout)', () => {
  it('is reported as unreadable, and no sum is run over numbers in the wrong order', () => {
    const source = readFileSync(join(import.meta.dirname, 'fixtures', 'derived', '13-huaian-shizf-2024.plain.txt'), 'utf8');
    const messages = lintText(source).messages;
    expect(messages.some((m) => m.ruleId === 'table-sums')).toBe(false);
    expect(messages.some((m) => m.messageId === 'interleaved' && m.data.table === '四')).toBe(true);
  });

  it('while the same PDF in content order (-raw) is read completely', () => {
    const source = readFileSync(join(import.meta.dirname, 'fixtures', 'derived', '13-huaian-shizf-2024.raw.txt'), 'utf8');
    expect(lintText(source).messages.filter((m) => m.ruleId === 'table-structure' || m.ruleId === 'table-sums')).toEqual([]);
  });
});

describe('other ways of writing', () => {
  it('full-width digits (from Word) are numbers', () => {
    const wide = (t: string) => t.replace(/(（七）总计[^\n]*)/, (row) => row.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
    const text = sampleReport({ edit: wide });
    expect(text).toContain('（七）总计\t１７');
    expect(lintText(text).messages).toEqual([]);
    const off = sampleReport({ edit: (t) => wide(t).replace('（七）总计\t１７', '（七）总计\t１６') });
    expect(
      lintText(off)
        .messages.filter((m) => m.ruleId === 'table-sums')
        .map((m) => [m.messageId, m.data.expected]),
    ).toEqual([['several', 17]]);
  });

  it('parts numbered as the format numbers them, （一）…（六）, or 第一部分…', () => {
    const bracketed = sampleReport({
      edit: (t) => t.replace(/^([一二三四五六])、(总体情况|主动公开政府信息情况|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)/gm, '（$1）$2'),
    });
    expect(model(bracketed).parts.map((p) => p.part)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lintText(bracketed).messages).toEqual([]);
    const numbered = sampleReport({
      edit: (t) => t.replace(/^([一二三四五六])、(总体情况|主动公开政府信息情况|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)/gm, '第$1部分 $2'),
    });
    expect(lintText(numbered).messages).toEqual([]);
  });
});
