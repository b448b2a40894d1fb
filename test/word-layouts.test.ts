/**
 * Layouts of Word/WPS documents met in real reports' content, in `pdftotext` text: each case is
 * the text as pdftotext printed it (cut to the table), read cell for cell.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import path from 'node:path';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';

const rows = (text: string, table: 't2' | 't3' | 't4') =>
  (lintText(text, { keepModel: true, locale: 'en' }).model?.tables[table].rows ?? []).map(
    (r) => `${r.id} ${r.status} ${r.cells.map((c) => c.value ?? '·').join(',')}`,
  );

describe('table 二 under a header cell 信息内容 wrapped in a narrow column', () => {
  it('finds the table at “信息内” / “容”, the column names between, across a page footer', () => {
    const text = [
      '福州市示例区工业和信息化局2024年政府信息公开工作年度报告',
      '',
      '二、主动公开政府信息情况',
      '',
      '信息内',
      '       本年制发件数    本年废止件数       现行有效件数',
      '容',
      '',
      '                 第1页共6页',
      '规章     0           0                0',
      '',
      '',
      '行政规',
      '范性文    1           0                3',
      '件',
      '',
      '',
      '信息内容           本年处理决定数量',
      '',
      '行政许可           21',
      '',
      '三、收到和处理政府信息公开申请情况',
      '',
    ].join('\n');
    expect(rows(text, 't2').slice(0, 3)).toEqual(['t2.rules read 0,0,0', 't2.normative read 1,0,3', 't2.license read 21']);
  });
});

describe('distributed (分散对齐) cells in -layout text', () => {
  it('table 二 whose header and label cells spread their characters over the cell', () => {
    const text = [
      '宿迁市示例县人民政府2025年政府信息公开工作年度报告',
      '',
      '二、主动公开政府信息情况',
      '',
      '信       息           内           容 本         年     制         发       件       数 本      年      废       止       件       数 现              行       有       效     件    数',
      '',
      '规                               章 0                                             0                                           0',
      '',
      '行   政   规   范       性   文       件 6                                             1                                           32',
      '',
      '信               息                内                    容 本               年            处          理                   决                定               数          量',
      '',
      '行               政                许                    可 517645',
      '',
      '三、收到和处理政府信息公开申请情况',
      '',
    ].join('\n');
    const result = lintText(text, { keepModel: true, locale: 'en' });
    expect(rows(text, 't2').slice(0, 3)).toEqual(['t2.rules read 0,0,0', 't2.normative read 6,1,32', 't2.license read 517645']);
    expect(result.messages.filter((m) => m.ruleId === 'table-structure' && /Unrecognised/.test(m.message))).toEqual([]);
  });

  it('table 三 items whose number stands apart from its point (“1 .”, “不予 4 .”)', () => {
    const lines = [
      '                            1 .           属               于               国           家           秘           密        0    0        0       0       0       0    0',
      '                            2 .   其       他       法       律       行       政   法       规       禁   止       公   开        0    0        0       0       0       0    0',
      '                            3 .   危           及       “       三           安       全       一       稳       定   ”        5    0        0       0       0       0    5',
      '',
      '                （三）不予 4 .         保           护           第       三           方       合       法       权       益        0    0        0       0       0       0    0',
      '                公       开 5 .     属       于           三       类           内       部   事           务   信       息        0    2        0       0       0       0    2',
    ];
    const t3 = rows(
      ['三、收到和处理政府信息公开申请情况', '', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', ...lines, ''].join('\n'),
      't3',
    );
    expect(t3.filter((r) => /deny\.[1-5] /.test(r))).toEqual([
      't3.deny.1 read 0,0,0,0,0,0,0',
      't3.deny.2 read 0,0,0,0,0,0,0',
      't3.deny.3 read 5,0,0,0,0,0,5',
      't3.deny.4 read 0,0,0,0,0,0,0',
      't3.deny.5 read 0,2,0,0,0,0,2',
    ]);
  });
});

describe('zeros written as a dash or a slash in -layout text', () => {
  it('a dash one space from a number is a cell of its own, not text', () => {
    const text = [
      '福州市示例区工业和信息化局2024年政府信息公开工作年度报告',
      '',
      '三、收到和处理政府信息公开申请情况',
      '',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '',
      '     二、上年结转政府信息公开申请数量                —     —   —     —     —    —    —',
      '',
      '               （一）予以公开               207   —   144   137   —    — 488',
      '',
      '               （二）部分公开（区分处理的，只计这一情形，不计其他情形）  ／     ／     ／    ／    ／    ／ 34',
      '',
    ].join('\n');
    const result = lintText(text, { keepModel: true, locale: 'en' });
    expect(rows(text, 't3').slice(1, 4)).toEqual(['t3.carried read ·,·,·,·,·,·,·', 't3.open read 207,·,144,137,·,·,488', 't3.partial read ·,·,·,·,·,·,34']);
    expect(result.messages.filter((m) => /Unrecognised/.test(m.message))).toEqual([]);
  });
});

describe('a table wider than the page (LibreOffice, thousands separators)', () => {
  it('a number the paper edge cuts (“1,560,035” shows “1,560”) is not read as the part that shows', async () => {
    const result = await lintFile(path.resolve(import.meta.dirname, 'fixtures/pdf/cut-at-page-edge.pdf'), { keepModel: true, locale: 'en' });
    const row = (id: string) => result.model?.tables.t3.rows.find((r) => r.id === id);
    // 总计 lies across the page's right edge: its column is missing throughout (one finding), and
    // the relations complete it; before, the cut “1,560” and “1,542” were read, with false sum errors.
    expect(row('t3.new')?.cells.map((c) => c.value)).toEqual([543007, 276007, 354007, 159007, 0, 228007, 1560035]);
    expect(row('t3.total')?.cells[6]?.value).toBe(1542035);
    expect(result.messages.filter((m) => m.ruleId === 'table-structure' && /whole column were missing/.test(m.message))).toHaveLength(1);
  });
});

describe('a table whose last columns lie wholly beyond the paper (Chromium)', () => {
  it('rows of five cells where seven belong are one finding for the table, never sum errors of digits “run together”', async () => {
    const result = await lintFile(path.resolve(import.meta.dirname, 'fixtures/pdf/columns-beyond-paper.pdf'), { keepModel: true, locale: 'en' });
    const t3 = result.model?.tables.t3.rows ?? [];
    // 其他 and 总计 are off the page: no row can be read, and none is read as a split of its cells.
    expect(t3.filter((r) => r.status === 'read')).toEqual([]);
    expect(result.messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    const t3Findings = result.messages.filter((m) => m.ruleId === 'table-structure' && /table 三/i.test(m.message));
    expect(t3Findings).toHaveLength(1);
    expect(t3Findings[0]?.message).toMatch(/25 of its 25 rows/);
  });
});

/** Table 三's last rows as pdftotext -layout printed them: （六）其他处理 in two vertical columns beside 1.申请人无正当理由逾…, a page break after it (seed 003 laid out by scripts/docx-pdfs.ts, group labels vertical). */
const PAGE_BREAK = [
  '           1.信访举报投诉类申请    0         0   0   0   0   0   0',
  '',
  '',
  '     （     2.重复申请         0         0   0   0   0   0   0',
  '     五',
  '     ）',
  '     不     3.要求提供公开出版物    0         0   0   0   0   0   0',
  '     予',
  '     处',
  '     理     4.无正当理由大量反复',
  '                          0         0   0   0   0   0   0',
  '           申请',
  '           5.要求行政机关确认或',
  '                          0         0   0   0   0   0   0',
  '           重新出具已获取信息',
  '       （   1.申请人无正当理由逾    0         0   0   0   0   0   0',
  '     处 六   期不补正、行政机关不',
  '     理 ）   再处理其政府信息公开',
  '       其',
  '       他   申请',
  '',
  '',
  '                              -3-',
  '\f         2.申请人逾期未按收费',
  '         通知要求缴纳费用、行',
  '                       0          0   0   0   0   0   0',
  '         政机关不再处理其政府',
  '         信息公开申请',
  '',
  '         3.其他          0          0   0   0   0   0   0',
  '',
  '',
  ' （七）总计                 25         0   0   0   0   0   25',
];
/** Rows of （三）不予公开 beside the vertical 三、本年度办理结果 (peers/05-pingtan-2020 laid out alike). */
const BESIDE = [
  '     （一）予以公开              6          0     0   0   0   1    7',
  '',
  '     （二）部分公开（区分处理的，',
  '                          6          0     0   0   0   0    6',
  '     只计这一情形，不计其他情形）',
  '',
  ' 三',
  ' 、       1.属于国家秘密         0          0     0   0   0   0    0',
  ' 本',
  ' 年       2.其他法律行政法规禁',
  ' 度     （ 止公开              0          0     0   0   0   0    0',
  ' 办     三',
  ' 理     ）',
  ' 结     不 3.危及“三安全一稳定”     0          0     0   0   0   0    0',
  ' 果     予',
  '       公',
  '       开 4.保护第三方合法权益      0          0     0   0   0   0    0',
  '',
  '         5.属于三类内部事务信      0          0     0   0   0   0    0',
  '         息',
];

describe('group labels written vertically, two columns of them one space apart in -layout text (LibreOffice, Word tables)', () => {
  const t3 = (lines: string[]) =>
    rows(['三、收到和处理政府信息公开申请情况', '', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', ...lines, ''].join('\n'), 't3');

  it('a row label interleaved with the two columns of （六）其他处理 (“处 六”, “理 ）”) and cut by a page break', () => {
    const read = t3(PAGE_BREAK);
    expect(read.filter((r) => /reject\.5 |other\.[123] /.test(r))).toEqual([
      't3.reject.5 read 0,0,0,0,0,0,0',
      't3.other.1 read 0,0,0,0,0,0,0',
      't3.other.2 read 0,0,0,0,0,0,0',
      't3.other.3 read 0,0,0,0,0,0,0',
    ]);
  });

  it('a label’s last line after a character of 三、本年度办理结果 and the “（” of （三）不予公开 (“度     （ 止公开”)', () => {
    const read = t3(BESIDE);
    expect(read.filter((r) => /deny\.[1-5] /.test(r))).toEqual([
      't3.deny.1 read 0,0,0,0,0,0,0',
      't3.deny.2 read 0,0,0,0,0,0,0',
      't3.deny.3 read 0,0,0,0,0,0,0',
      't3.deny.4 read 0,0,0,0,0,0,0',
      't3.deny.5 read 0,0,0,0,0,0,0',
    ]);
  });

  it('characters of two vertical labels before a label’s last line (“开 不 止公开”), in a table with cells one space apart', () => {
    const read = t3([
      '一、本年新收政府信息公开申请数量     3001 53 0   0   61   4    3119',
      '二、上年结转政府信息公开申请数量      34   0 0   0    0   0     34',
      ' 三 （一）予以公开           1288 21 0   0   50   3    1362',
      ' 、 （二）部分公开（区分处理的，',
      ' 本                    447  7 0   0    0   0    454',
      ' 年 只计这一情形，不计其他情形）',
      ' 度    （ 1.属于国家秘密       2   0 0   0    0   0      2',
      ' 办    三 2.其他法律行政法规禁',
      ' 理  公 ）               30   1 0   0    0   0     31',
      ' 结  开 不 止公开',
      ' 果    予 3.危及“三安全一稳定”   5   0 0   0    0   0      5',
      '\f         4.保护第三方合法权益    6     0    0   0   0    0    6',
      '         5.属于三类内部事务信',
      '                        7     1    0   0   0    0    8',
      '         息',
      '         6.属于四类过程性信息   12     0    0   0   0    0    12',
      '         7.属于行政执法案卷     9     0    0   0   0    0    9',
      '         8.属于行政查询事项    105    0    0   0   0    0   105',
    ]);
    expect(read.slice(0, 9)).toEqual([
      't3.new read 3001,53,0,0,61,4,3119',
      't3.carried read 34,0,0,0,0,0,34',
      't3.open read 1288,21,0,0,50,3,1362',
      't3.partial read 447,7,0,0,0,0,454',
      't3.deny.1 read 2,0,0,0,0,0,2',
      't3.deny.2 read 30,1,0,0,0,0,31',
      't3.deny.3 read 5,0,0,0,0,0,5',
      't3.deny.4 read 6,0,0,0,0,0,6',
      't3.deny.5 read 7,1,0,0,0,0,8',
    ]);
  });
  it('property: any values in those rows read as printed (single digits, each row’s total their sum)', () => {
    const bit = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 });
    for (const [lines, ids] of [
      [PAGE_BREAK, ['reject.1', 'reject.2', 'reject.3', 'reject.4', 'reject.5', 'other.1', 'other.2', 'other.3', 'total']],
      [BESIDE, ['open', 'partial', 'deny.1', 'deny.2', 'deny.3', 'deny.4', 'deny.5']],
    ] as const)
      fc.assert(
        fc.property(fc.array(bit, { minLength: ids.length, maxLength: ids.length }), (values) => {
          // Each line of seven values, in order, gets the next row's (digits for digits: the columns stay).
          let row = 0;
          const printed = lines.map((line) => {
            if (!/(?:\s{2,}\d+){7}\s*$/.test(line)) return line;
            const six = values[row++] ?? [];
            const cells = [...six, six.reduce((a, b) => a + b, 0)];
            let k = 0;
            // The values stand two spaces or more after what is before them (not the 1 of “1.申请人…”).
            return line.replace(/(?<=\s{2})\d+(?=\s|$)/g, () => String(cells[k++]));
          });
          const read = t3(printed);
          ids.forEach((id, i) => {
            const six = values[i] ?? [];
            expect(read.find((r) => r.startsWith(`t3.${id} `))).toBe(`t3.${id} read ${[...six, six.reduce((a, b) => a + b, 0)].join(',')}`);
          });
        }),
        { numRuns: 25 },
      );
  });
});
