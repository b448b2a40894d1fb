/**
 * Table 二 made one table in Word with its first row (信息内容 beside 第二十条第（一）项) marked to repeat
 * at the top of each page (标题行重复): in `pdftotext -layout` text that caption stands again where a
 * page breaks, inside another sub-table. It starts no sub-table: the rows under it are still those of
 * the sub-table above (layout-measure --blind, the t2Tall layout).
 */
import { describe, expect, it } from '@jest/globals';
import { lintText } from '../src/engine/lint.ts';
import { sampleReport } from '../src/testing/sample.ts';

const T2 = `二、主动公开政府信息情况
                      第二十条第（一）项
    信息内容     本年制发件数    本年废止件数     现行有效件数
     规章         0         0         0
   行政规范性文件      1         0         3
                      第二十条第（五）项
    信息内容              本年处理决定数量
    行政许可                  5
    信息内容              第二十条第（六）项

                                                  - 2 -

    信息内容                第二十条第（一）项
                        本年处理决定数量
    行政处罚                    7
    行政强制                    2
                        第二十条第（八）项
    信息内容             本年收费金额（单位：万元）
  行政事业性收费                   0
`;

describe('table 二 with its first row repeated at a page break', () => {
  it('the repeated caption starts no sub-table: 行政处罚 and 行政强制 keep their values', () => {
    const text = sampleReport({});
    const start = text.indexOf('二、主动公开政府信息情况');
    const end = text.indexOf('三、收到和处理政府信息公开申请情况');
    expect(start).toBeGreaterThan(0);
    const result = lintText(`${text.slice(0, start)}${T2}${text.slice(end)}`, { keepModel: true, locale: 'zh-CN' });
    const rows = Object.fromEntries((result.model?.tables.t2.rows ?? []).map((r) => [r.id, r.status === 'read' ? r.cells.map((c) => c.value) : r.status]));
    expect(rows).toEqual({
      't2.rules': [0, 0, 0],
      't2.normative': [1, 0, 3],
      't2.license': [5],
      't2.penalty': [7],
      't2.coercion': [2],
      't2.fees': [0],
    });
    expect(result.messages.filter((m) => m.ruleId === 'table-structure')).toEqual([]);
  });
});
