/**
 * Table 二 in plain `pdftotext` text: a label wrapped over two lines is printed after the rows
 * below it, its values left right after the row above's (src/reading/tables/next-row.ts); the
 * table printed column by column (LibreOffice), read by its headers and their counts.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lintText } from '../src/engine/lint.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { RUNS } from './helpers/property.ts';

const part = (lines: string[]): string => sampleReport({ form: 'gfm' }).replace(/第二十条第（一）项[\s\S]*?(?=\n\n第二十条第（五）项)/, lines.join('\n\n'));
const header = ['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数'];
const t2 = (text: string) => buildModel(text, parseMarkdown(text)).tables.t2.rows.map((r) => (r.status === 'read' ? r.cells.map((c) => c.value) : r.status));

describe('table 二 in plain pdftotext: a wrapped label printed after its values', () => {
  it('gives the next row the second half of one run of twice a row’s values', () => {
    const text = part([...header, '规章', '0', '0', '2', '1', '0', '3', '行政规范性', '文件']);
    expect(t2(text).slice(0, 2)).toEqual([
      [0, 0, 2],
      [1, 0, 3],
    ]);
    expect(lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
  });

  it('reads nothing so after a stack of labels (the run may be the stack’s rows’ values, one each)', () => {
    // LibreOffice printed “行政处罚 / 行政强制 / 2 / 0” and 行政事业性收费's label after its value: 2 is
    // 行政处罚's and 0 行政强制's, not 行政强制 2 and 行政事业性收费 0.
    const text = sampleReport({ form: 'gfm' }).replace(
      /(二、主动公开政府信息情况\n\n)[\s\S]*?(?=\n\n三、收到和处理)/,
      (_, heading: string) =>
        heading +
        [
          ...[...header, '规章', '0', '0', '0', '行政规范性文件', '1', '0', '3'],
          ...['第二十条第（五）项', '信息内容', '本年处理决定数量', '行政许可', '21', '第二十条第（六）项', '本年处理决定数量', ''],
          ...['行政处罚', '行政强制', '', '2', '0', '第二十条第（八）项', '本年收费金额（单位：万元）', '0', '', '信息内容', '行政事业性收费'],
        ].join('\n'),
    );
    expect(t2(text).slice(3)).toEqual(['count', 'count', [0]]);
  });

  it('reads no row of a one-column part from after its label when the part’s header has its own values right under it', () => {
    // LibreOffice: 本年收费金额 printed with its cell (7545), 行政事业性收费's label at the end, and after
    // it an 8 that is another part's cell: 7545 or 8, the text does not say.
    const text = sampleReport({ form: 'gfm' }).replace(
      /(二、主动公开政府信息情况\n\n)[\s\S]*?(?=\n\n三、收到和处理)/,
      (_, heading: string) =>
        heading +
        [
          ...[
            '信息内容',
            '规章',
            '',
            '本年制发件数',
            '0',
            '',
            '第二十条第（一）项',
            '本年废止件数',
            '0',
            '',
            '现行有效件数',
            '0',
            '',
            '行政规范性文件',
            '',
            '3',
            '',
            '0',
          ],
          ...[
            '第二十条第（五）项',
            '本年处理决定数量',
            '9487',
            '第二十条第（六）项',
            '本年处理决定数量',
            '2776',
            '84',
            '第二十条第（八）项',
            '本年收费金额（单位：万元）',
            '7545',
            '',
          ],
          ...['信息内容', '行政许可', '信息内容', '行政处罚', '行政强制', '信息内容', '行政事业性收费', '', '8'],
        ].join('\n'),
    );
    expect(t2(text)[5]).toBe('unclear');
    const findings = lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-') && m.data.table === '二');
    expect(findings).toHaveLength(1);
  });

  it('reads nothing so when text splits the run', () => {
    const text = part([...header, '规章', '0', '0', '2', '本年', '1', '0', '3', '行政规范性', '文件']);
    expect(t2(text)[1]).not.toEqual([1, 0, 3]);
  });
});

/**
 * Table 二 as LibreOffice's plain pdftotext prints it (forms copied from reports printed by
 * scripts/docx-pdfs.ts): column by column, each header followed by its column's cells, the labels
 * elsewhere (src/reading/tables/t2-columns.ts).
 */
describe('table 二 in plain pdftotext printed column by column', () => {
  const whole = (lines: string[]): string =>
    sampleReport({ form: 'gfm', t2: { rules: [0, 0, 0], normative: [1, 0, 3] } }).replace(
      /(二、主动公开政府信息情况\n\n)[\s\S]*?(?=\n\n三、收到和处理)/,
      (_, heading: string) => heading + lines.join('\n'),
    );
  const labels = ['第二十条第（一）项', '信息内容', '规章', '行政规范性文件', '第二十条第（五）项', '信息内容', '行政许可'];
  const labels2 = ['第二十条第（六）项', '信息内容', '行政处罚', '行政强制', '第二十条第（八）项', '信息内容', '行政事业性收费'];
  const all = [[0, 0, 0], [1, 0, 3], [21], [2], [0], [0]];
  const tableFindings = (text: string) =>
    lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-') && m.data.table === '二');

  it('reads the labels first, then each header with its cells (a one-cell column once, a two-cell one the next sub-table’s)', () => {
    const text = whole([
      ...labels,
      ...labels2,
      ...['', '本年制发件数', '0', '1', '', '本年废止件数', '0', '0', '', '现行有效件数', '0', '3'],
      ...['', '本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(all);
    expect(tableFindings(text)).toEqual([]);
  });

  it('reads the other sub-tables when one’s columns are a row short (its cells left blank, not printed): one finding for it', () => {
    const text = whole([
      ...labels,
      ...labels2,
      ...['', '本年制发件数', '0', '', '本年废止件数', '0', '', '现行有效件数', '0'],
      ...['', '本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
    expect(tableFindings(text)).toHaveLength(1);
  });

  it('reads columns out of the table’s order (a header merged over two rows), a page number and a note’s dates between', () => {
    const text = whole([
      ...['信息内容', '规章', '行政规范性文件', '', '第二十条第（一）项', '本年废止件数', '0', '0', '', '本年制发件数', '0', '1', ''],
      ...['第二十条第（五）项', '本年处理决定数量', '21', '', '信息内容', '行政许可', '', '第二十条第（六）项', '本年处理决定数量', '2', '0', ''],
      ...['信息内容', '行政处罚', '行政强制', '信息内容', '行政事业性收费', '', '第二十条第（八）项', '本年收费金额（单位：万元）', '0', ''],
      ...['注：本表“本年收费金额”单位为万元。', '1 本表数据统计时限为 2024 年 1 月 1 日至 12 月 31 日。', '', '-1-', '', '现行有效件数', '0', '3'],
    ]);
    expect(t2(text)).toEqual(all);
    expect(tableFindings(text)).toEqual([]);
  });

  it('leaves a sub-table whose headers stand in a stack before all its cells unread, with one finding (row by row or column by column?)', () => {
    const text = whole([
      ...labels,
      ...labels2,
      ...['本年制发件数', '本年废止件数', '现行有效件数', '0', '0', '0', '1', '0', '3'],
      ...['本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
    expect(tableFindings(text).map((m) => m.messageId)).toEqual(['interleaved']);
  });

  it('reads a stack of headers whose cells, after the labels, stand in blocks one a column (each block one value a line, as many as the rows)', () => {
    const text = whole([
      ...['第二十条第（一）项', '信息内容', '', '本年制发件数', '', '本年废止件数', '', '现行有效件数', ''],
      ...labels.slice(2),
      ...labels2,
      ...['', '0', '1', '', '0', '0', '', '0', '3', ''],
      ...['本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(all);
    expect(tableFindings(text)).toEqual([]);
  });

  it('leaves such a stack unread where its blocks are not one a column (as many blocks as rows: rows or columns?), with one finding', () => {
    const text = whole([
      ...['第二十条第（一）项', '信息内容', '', '本年制发件数', '', '本年废止件数', '', '现行有效件数', ''],
      ...labels.slice(2),
      ...labels2,
      ...['', '0', '0', '0', '', '1', '0', '3', ''],
      ...['本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
    expect(tableFindings(text).map((m) => m.messageId)).toEqual(['interleaved']);
  });

  it('leaves such a stack unread where its headers are not in the table’s order (nor then, it may be, its blocks)', () => {
    const text = whole([
      ...['第二十条第（一）项', '信息内容', '', '本年废止件数', '', '本年制发件数', '', '现行有效件数', ''],
      ...labels.slice(2),
      ...labels2,
      ...['', '0', '1', '', '0', '0', '', '0', '3', ''],
      ...['本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
  });

  it('reads the other sub-tables when a stack of one sub-table’s headers has a row short (a row left blank), a header’s cells after labels', () => {
    const text = whole([
      ...labels,
      ...['', '本年制发件数', '', '本年废止件数', '', '现行有效件数', '', '0', '', '0', '', '1', ''],
      ...['本年处理决定数量', '21', '本年处理决定数量', '', ...labels2.slice(2), '', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
    expect(tableFindings(text).map((m) => m.messageId)).toEqual(['interleaved']);
  });

  it('reads a stack of a sub-table’s headers before all its cells where every cell is the same number (any order reads alike)', () => {
    const text = whole([
      ...labels,
      ...labels2,
      ...['本年制发件数', '本年废止件数', '现行有效件数', '0', '0', '0', '0', '0', '0'],
      ...['本年处理决定数量', '21', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual([[0, 0, 0], [0, 0, 0], [21], [2], [0], [0]]);
    expect(tableFindings(text)).toEqual([]);
  });

  it('reads the other sub-tables when a stack of one sub-table’s headers holds another count than its cells: one finding for it', () => {
    // Right-aligned cells: 本年制发件数 and 本年废止件数 stacked over one value, a row's cells left blank.
    const text = whole([
      ...labels,
      ...labels2,
      ...['本年制发件数', '本年废止件数', '0', '现行有效件数', '0', '0'],
      ...['本年处理决定数量', '4,529', '本年处理决定数量', '2', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [4529], [2], [0], [0]]);
    expect(tableFindings(text)).toHaveLength(1);
  });

  it('leaves a sub-table one of whose columns is not in the table’s text unread, with one finding', () => {
    const text = whole([
      ...labels,
      ...labels2,
      '本年废止件数',
      '0',
      '0',
      '本年制发件数',
      '0',
      '1',
      '本年处理决定数量',
      '21',
      '本年处理决定数量',
      '2',
      '0',
      '本年收费金额（单位：万元）',
      '0',
    ]);
    expect(t2(text)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
    expect(tableFindings(text)).toHaveLength(1);
  });

  it('reads nothing so when a count fits no sub-table or two runs claim one column', () => {
    const short = whole([
      ...labels,
      ...labels2,
      '本年制发件数',
      '0',
      '1',
      '本年废止件数',
      '0',
      '现行有效件数',
      '0',
      '3',
      '本年处理决定数量',
      '21',
      '本年处理决定数量',
      '2',
      '0',
      '本年收费金额（单位：万元）',
      '0',
    ]);
    expect(t2(short).slice(0, 2)).not.toContainEqual([1, 0, 3]);
    expect(tableFindings(short).length).toBeLessThanOrEqual(1);
    const twice = whole([
      ...labels,
      ...labels2,
      '本年制发件数',
      '0',
      '1',
      '本年制发件数',
      '0',
      '0',
      '现行有效件数',
      '0',
      '3',
      '本年处理决定数量',
      '21',
      '本年处理决定数量',
      '2',
      '0',
      '本年收费金额（单位：万元）',
      '0',
    ]);
    expect(t2(twice).slice(0, 2)).toEqual(['count', 'count']);
  });

  it('gives no sub-table the values under its caption when another sub-table’s header stands there too', () => {
    // A real report's content printed by LibreOffice: （五）'s header and value after （六）'s caption.
    const text = whole([
      ...['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '0', '行政规范性文件', '1', '0', '3'],
      ...['第二十条第（五）项', '信息内容', '行政许可', '第二十条第（六）项', '信息内容', '', '0', '本年处理决定数量', '9', '本年处理决定数量', '', '-1-', ''],
      ...['行政处罚', '行政强制', '第二十条第（八）项', '信息内容', '行政事业性收费', '', '1', '0', '本年收费金额（单位：万元）', '0'],
    ]);
    const got = t2(text);
    expect(got.slice(3, 5)).not.toContainEqual([0]);
    expect(got.slice(3, 5)).not.toContainEqual([9]);
  });

  it('property: any values, columns in any order, labels first or by their sub-table, read exactly; a stack never misread', () => {
    const n = fc.nat({ max: 120 });
    fc.assert(
      fc.property(
        fc.array(n, { minLength: 6, maxLength: 6 }),
        fc.tuple(n, n, n, n),
        fc.constantFrom([0, 1, 2], [1, 0, 2], [2, 0, 1], [0, 2, 1]),
        fc.boolean(),
        fc.boolean(),
        (first, [license, penalty, coercion, fees], order, labelsFirst, stacked) => {
          const names = ['本年制发件数', '本年废止件数', '现行有效件数'];
          const columns = stacked
            ? [...order.map((c) => names[c] as string), ...[0, 1].flatMap((r) => order.map((c) => String(first[r * 3 + c])))]
            : order.flatMap((c) => [names[c] as string, String(first[c]), String(first[3 + c])]);
          const one = ['本年处理决定数量', String(license), '本年处理决定数量', String(penalty), String(coercion), '本年收费金额（单位：万元）', String(fees)];
          const text = whole(labelsFirst ? [...labels, ...labels2, ...columns, ...one] : [...labels, ...columns, ...labels2, ...one]);
          const rows = [first.slice(0, 3), first.slice(3), [license], [penalty], [coercion], [fees]];
          const got = t2(text);
          // A stack of one number only reads alike in every order: read.
          if (stacked && new Set(first).size > 1) {
            expect(got.slice(2)).toEqual(rows.slice(2));
            expect(got.slice(0, 2)).toEqual(['unclear', 'unclear']);
            expect(tableFindings(text)).toHaveLength(1);
          } else {
            expect(got).toEqual(rows);
            expect(tableFindings(text)).toEqual([]);
          }
        },
      ),
      { numRuns: RUNS(40) },
    );
  });
});

/**
 * Labels distributed over their cells (Word's 分散对齐, CSS text-align: justify): plain pdftotext
 * scatters their characters, one a line or around the values (forms from a report printed by
 * Chromium with its label cells justified).
 */
describe('table 二 in plain pdftotext: labels distributed over their cells', () => {
  const whole = (lines: string[]): string =>
    sampleReport({ form: 'gfm', t2: { rules: [0, 0, 0], normative: [1, 0, 3] } }).replace(
      /(二、主动公开政府信息情况\n\n)[\s\S]*?(?=\n\n三、收到和处理)/,
      (_, heading: string) => heading + lines.join('\n\n'),
    );
  const head = ['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数'];
  const rest = [
    ...['第二十条第（五）项', '信息内容', '行', '政', '本年处理决定数量', '许', '可', '21'],
    ...['第二十条第（六）项', '信息内容', '本年处理决定数量', '行 政 处 罚', '2', '行 政 强 制', '0'],
    ...['第二十条第（八）项', '信息内容', '行 政 事 业 性 收 费', '0'],
  ];
  const tableFindings = (text: string) =>
    lintText(text, { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-') && m.data.table === '二');

  it('reads a label whose characters stand one a line with the column header between them (“行 / 政 / 本年处理决定数量 / 许 / 可”)', () => {
    const text = whole([...head, '规 章', '0', '0', '0', '行 政 规 范 性 文 件', '1', '0', '3', ...rest]);
    expect(t2(text)).toEqual([[0, 0, 0], [1, 0, 3], [21], [2], [0], [0]]);
    expect(tableFindings(text)).toEqual([]);
  });

  it('reads the one row of a sub-table whose label stands around its values (“章 / 0 0 0 / … / 规”) by counting', () => {
    const text = whole([...head, '章', '0', '0', '0', '行 政 规 范 性 文 件', '1', '0', '3', '规', ...rest]);
    expect(t2(text)).toEqual([[0, 0, 0], [1, 0, 3], [21], [2], [0], [0]]);
    expect(tableFindings(text)).toEqual([]);
  });

  it('reads no row by counting whose label’s characters are not there, nor one among several not found', () => {
    // 规章 nowhere: the values before the first label stay values no row took.
    const lost = whole([...head, '0', '0', '0', '行 政 规 范 性 文 件', '1', '0', '3', ...rest]);
    expect(t2(lost).slice(0, 2)).toEqual(['missing', [1, 0, 3]]);
    // Both labels scattered (“规 / 行政规范性文 / … / 章 / 0 0 0 / 件 / 1 0 3”): row by row or column by
    // column, the text does not say. One finding for the sub-table, not one a row and one for the values.
    const both = whole([
      '第二十条第（一）项',
      '信息内容',
      '规',
      '行',
      '政',
      '规',
      '范',
      '性',
      '文',
      '本年制发件数',
      '本年废止件数',
      '现行有效件数',
      '章',
      '0',
      '0',
      '0',
      '件',
      '1',
      '0',
      '3',
      ...rest,
    ]);
    expect(t2(both)).toEqual(['unclear', 'unclear', [21], [2], [0], [0]]);
    expect(tableFindings(both)).toHaveLength(1);
  });
});

describe('table 二 in plain pdftotext: full-width digits wrapped one a line in a cell one em wide', () => {
  const text = (cell: string[]): string =>
    sampleReport({ form: 'gfm' }).replace(
      /(二、主动公开政府信息情况\n\n)[\s\S]*?(?=\n\n三、收到和处理)/,
      (_, heading: string) =>
        heading +
        [
          ...[...header, '规章 ０ ０ ０', '行政规范性文件 １ ０ ３'],
          ...['第二十条第（五）项', '信息内容', '本年处理决定数量', `行政许可 ${cell[0] ?? ''}`, ...cell.slice(1), ''],
          ...['第二十条第（六）项', '信息内容', '本年处理决定数量', '行政处罚 ２', '行政强制 ０', ''],
          ...['第二十条第（八）项', '信息内容', '本年收费金额（单位：万元）', '行政事业性收费 ０'],
        ].join('\n'),
    );

  it('joins a one-cell row’s single full-width digits on consecutive lines (“行政许可 ２” / “１”: 21)', () => {
    expect(t2(text(['２', '１']))).toEqual([[0, 0, 0], [1, 0, 3], [21], [2], [0], [0]]);
    expect(t2(text(['１', '０', '５']))[2]).toEqual([105]);
    expect(lintText(text(['２', '１']), { filePath: 'plain.txt' }).messages.filter((m) => m.ruleId.startsWith('table-'))).toEqual([]);
  });

  it('joins nothing else: digits written half-width, a leading 0, a blank line between', () => {
    expect(t2(text(['2', '1']))[2]).toBe('count');
    expect(t2(text(['０', '５']))[2]).toBe('count');
    expect(t2(text(['２', '', '１']))[2]).toBe('count');
  });
});
