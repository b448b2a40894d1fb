import { z } from 'zod';
import { defineRule } from '../src/rule.ts';
import { reportYear } from './lib/options.ts';

export default defineRule({
  meta: {
    id: 'table-structure',
    description: {
      'zh-CN': '三张统计表完整可读：没有缺失、多余、空白或非数字的单元格，没有缺失的行，表头与格式一致，并使用与报告年度相符的格式',
      en: 'The three tables are complete and readable: no missing, extra, blank or non-numeric cells, no missing rows, headers as in the format, and the template that fits the report year',
    },
    rationale: {
      'zh-CN':
        '国办公开办函〔2021〕30号规定了三张表的每一行、每一列；2021年度起的报告应使用该格式，2019、2020年度使用国办公开办函〔2019〕60号试行格式。每个单元格都应填写，0 也写“0”。读不清的行（数字粘连、单元格缺失或多出）不做任何猜测：在此报告，且不参与 table-sums 的合计。',
      en: 'The 2021 format fixes every row and column of the three tables; reports for 2021 on use it, 2019–2020 reports use the 2019 trial format. Every cell is filled (zero as “0”). A row that cannot be read without guessing is reported here and left out of table-sums.',
    },
    defaultSeverity: 'error',
    options: z
      .object({
        /** The first report year that must use the 2021 tables. */
        newFormatFrom: reportYear(2021),
      })
      .strict(),
    messages: {
      missingTable: { 'zh-CN': '未找到表{table}（第{table}部分的统计表）', en: 'Table {table} (the statistics of part {table}) was not found' },
      missingRow: { 'zh-CN': '表{table}缺少“{row}”行', en: 'Table {table} lacks the row “{row}”' },
      cellCount: {
        'zh-CN': '“{row}”应有{expected}个数值，实际读到{found}个，该行不参与合计校验',
        en: '“{row}” should have {expected} values but {found} were found; the row is left out of the sums',
      },
      cellCountBlank: {
        'zh-CN': '“{row}”应有{expected}个数值，实际读到{found}个（另有{blanks}个空单元格，无法确定缺的是哪一列），该行不参与合计校验',
        en: '“{row}” should have {expected} values but {found} were found ({blanks} empty cells besides, so the missing column cannot be told); the row is left out of the sums',
      },
      runTogether: {
        'zh-CN': '“{row}”的数字连在一起（“{text}”），无法不加猜测地拆成{expected}个单元格，该行不参与合计校验',
        en: 'The digits of “{row}” run together (“{text}”) and cannot be split into {expected} cells without guessing; the row is left out of the sums',
      },
      blankCell: {
        'zh-CN': '“{row}”的{columns}为空，没有数值也应填写“0”',
        en: '“{row}”: {columns} left blank; write “0” where there is nothing to count',
      },
      nonNumeric: { 'zh-CN': '“{row}”·{column}不是数字（“{text}”）', en: '“{row}”·{column} is not a number (“{text}”)' },
      negative: { 'zh-CN': '“{row}”·{column}的值“{text}”应为非负整数', en: '“{row}”·{column} is “{text}”, expected a non-negative whole number' },
      unexpectedText: { 'zh-CN': '表{table}“{row}”行附近有无法识别的文字“{text}”', en: 'Unrecognised text “{text}” in table {table} near the row “{row}”' },
      labelTypo: { 'zh-CN': '表{table}的行标题“{found}”应为“{expected}”', en: 'The row label “{found}” in table {table} should read “{expected}”' },
      headerTypo: { 'zh-CN': '表{table}的表头“{found}”应为“{expected}”', en: 'The header “{found}” in table {table} should read “{expected}”' },
      missingNote: { 'zh-CN': '表{table}缺少勾稽关系说明“{note}”', en: 'Table {table} lacks the consistency note “{note}”' },
      mixedTemplate: {
        'zh-CN': '表{table}混用了2019年试行格式和2021年格式的栏目',
        en: 'Table {table} mixes columns of the 2019 trial format and of the 2021 format',
      },
      strayValues: { 'zh-CN': '表{table}中有不属于任何一行的数值（{text}）', en: 'Table {table} holds values that belong to no row ({text})' },
      interleaved: {
        'zh-CN': '表{table}{row}的数值被其他文字隔开（分成{runs}段），看不出哪个数属于哪一列（多见于按列读取的 PDF 文本），不参与合计校验',
        en: 'The values of table {table}{row} are split by other text ({runs} runs), so which number belongs to which column cannot be told (typical of PDF text read column by column); left out of the sums',
      },
      rowOrder: {
        'zh-CN': '表{table}“{row}”行不在格式规定的位置，该行不参与合计校验',
        en: 'The row “{row}” of table {table} is out of place; it is left out of the sums',
      },
      oldTemplate: {
        'zh-CN': '{year}年度报告的表{table}使用了2019年试行格式，应使用国办公开办函〔2021〕30号规定的格式',
        en: 'Table {table} of this {year} report uses the 2019 trial format; reports for 2021 on use the format of 国办公开办函〔2021〕30号',
      },
      newTemplate: {
        'zh-CN': '{year}年度报告的表{table}使用了2021年格式，{year}年度报告应使用2019年试行格式（国办公开办函〔2019〕60号）',
        en: 'Table {table} of this {year} report uses the 2021 format; {year} reports use the 2019 trial format (国办公开办函〔2019〕60号)',
      },
    },
    examples: {
      valid: [{ sample: {} }, { title: 'HTML 表格', sample: { form: 'html' } }],
      invalid: [
        {
          title: '一行少了一个数',
          sample: { replace: [[/(二、上年结转政府信息公开申请数量)\t1\t/, '$1\t']] },
          errors: ['cellCount'],
        },
        {
          title: '表头错字',
          sample: { replace: [['本年废止件数', '本年度止件数']] },
          errors: ['headerTypo'],
        },
      ],
    },
  },
  check(context) {
    const { model, options } = context;
    for (const table of Object.values(model.tables)) {
      for (const issue of table.issues) {
        const messageId = issue.code === 'cellCount' && Number(issue.data.blanks) > 0 ? 'cellCountBlank' : issue.code;
        context.report({ messageId, data: { ...issue.data }, at: { start: issue.span.start, end: issue.span.end } });
      }
      if (!table.found || table.template === 'unknown' || model.year === null || !table.span) continue;
      const evidence = table.templateAt ?? table.span;
      const at = { start: evidence.start, end: evidence.end };
      if (model.year >= options.newFormatFrom && table.template === '2019') {
        context.report({ messageId: 'oldTemplate', data: { year: model.year, table: table.name }, at });
      } else if (model.year < options.newFormatFrom && model.year >= 2019 && table.template === '2021') {
        context.report({ messageId: 'newTemplate', data: { year: model.year, table: table.name }, at });
      }
    }
  },
});
