/**
 * Layouts of Word/WPS documents met in real reports' content, in `pdftotext` text: each case is
 * the text as pdftotext printed it (cut to the table), read cell for cell.
 */
import { describe, expect, it } from '@jest/globals';
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
