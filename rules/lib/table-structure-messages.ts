/**
 * The words of table-structure: one message per kind of table fact (src/model/schema.ts), and
 * `…Rows` for facts of one kind about several rows reported as one (lib/group-facts.ts).
 */
import type { LocalizedText } from '../../src/rule.ts';

export const TABLE_STRUCTURE_MESSAGES = {
  missingTable: { 'zh-CN': '未找到表{table}（第{table}部分的统计表）', en: 'Table {table} (the statistics of part {table}) was not found' },
  missingRow: { 'zh-CN': '表{table}缺少“{row}”行', en: 'Table {table} lacks the row “{row}”' },
  missingRowRows: {
    'zh-CN': '表{table}缺少{count}行：从“{first}”到“{last}”',
    en: 'Table {table} lacks {count} rows, from “{first}” to “{last}”',
  },
  cellCount: {
    'zh-CN': '“{row}”应有{expected}个数值，实际读到{found}个，该行不参与合计校验',
    en: '“{row}” should have {expected} values but {found} were found; the row is left out of the sums',
  },
  cellCountBlank: {
    'zh-CN': '“{row}”应有{expected}个数值，实际读到{found}个（另有{blanks}个空单元格，无法确定缺的是哪一列），该行不参与合计校验',
    en: '“{row}” should have {expected} values but {found} were found ({blanks} empty cells besides, so the missing column cannot be told); the row is left out of the sums',
  },
  cellCountRows: {
    'zh-CN': '表{table}有{count}行的数值个数不对（应为{expected}个，实际{found}个；从“{first}”到“{last}”），这些行不参与合计校验',
    en: 'Table {table}: {count} rows do not have {expected} values (found {found}; from “{first}” to “{last}”); they are left out of the sums',
  },
  unreadableTable: {
    'zh-CN': '表{table}的{count}行（共{total}行）读不出各列数值（{reasons}），整张表不参与合计校验；请按格式逐行、逐列填写',
    en: 'Table {table}: the values of {count} of its {total} rows cannot be read ({reasons}); the table is left out of the sums. Write it row by row and column by column as the format lays it out',
  },
  missingCell: {
    'zh-CN': '“{row}”少了一个数值（应有{expected}个），缺的是{columns}；按本行合计，该数应为{value}，请补上',
    en: '“{row}” lacks one value ({expected} expected), in column {columns}; the row total makes it {value}: write it in',
  },
  missingCellSomewhere: {
    'zh-CN': '“{row}”少了一个数值（应有{expected}个），缺的是{columns}中的一列；按勾稽关系，该数为{value}，请补上',
    en: "“{row}” lacks one value ({expected} expected), in one of the columns {columns}; the table's relations make it {value}: write it in",
  },
  missingCellRows: {
    'zh-CN': '表{table}有{count}行各少一个数值（从“{first}”到“{last}”），像是整列缺失（缺的是{columns}中的一列）；按勾稽关系补齐后这些行参与合计校验',
    en: "Table {table}: {count} rows each lack one value (from “{first}” to “{last}”), as if a whole column were missing (one of {columns}); completed by the table's relations, these rows take part in the sums",
  },
  missingColumnRows: {
    'zh-CN': '表{table}没有“{column}”一列：表头和{count}行（从“{first}”到“{last}”）都少这一列，这一列不参与合计校验，其他各列照常校验',
    en: 'Table {table} has no column “{column}”: its header and {count} rows (from “{first}” to “{last}”) lack it; that column is left out of the sums, the others are checked',
  },
  spacedDigits: {
    'zh-CN': '“{row}”的数值“{text}”中有相隔一个空格的单个数字，本表的字符间距无法一致读出，看不出是一个加宽了间距的数还是几个单元格，该行不参与合计校验',
    en: '“{row}”: “{text}” holds single digits one space apart where the table’s letter spacing cannot be read alike, so one spaced-out number cannot be told from several cells; the row is left out of the sums',
  },
  spacedDigitsRows: {
    'zh-CN':
      '表{table}有{count}行的数值中有相隔一个空格的单个数字（从“{first}”到“{last}”），本表的字符间距无法一致读出，看不出是加宽了间距的数还是几个单元格，这些行不参与合计校验',
    en: 'Table {table}: {count} rows hold single digits one space apart (from “{first}” to “{last}”) where the table’s letter spacing cannot be read alike, so spaced-out numbers cannot be told from cells; they are left out of the sums',
  },
  runTogether: {
    'zh-CN': '“{row}”的数字连在一起（“{text}”），无法不加猜测地拆成{expected}个单元格，该行不参与合计校验',
    en: 'The digits of “{row}” run together (“{text}”) and cannot be split into {expected} cells without guessing; the row is left out of the sums',
  },
  runTogetherRows: {
    'zh-CN': '表{table}有{count}行的数字连在一起（从“{first}”到“{last}”），无法不加猜测地拆开，这些行不参与合计校验',
    en: 'Table {table}: the digits of {count} rows run together (from “{first}” to “{last}”) and cannot be split without guessing; they are left out of the sums',
  },
  ambiguous: {
    'zh-CN': '“{row}”的数值“{text}”可以读成{count}种都能合计的样子（如 {readings}），无法确定，该行不参与合计校验；请用空格或表格分开各列',
    en: '“{row}”: “{text}” can be read {count} ways that all add up (e.g. {readings}), so it is left out of the sums; separate the columns',
  },
  ambiguousRows: {
    'zh-CN': '表{table}有{count}行的数值可以有多种读法（从“{first}”到“{last}”），无法确定，这些行不参与合计校验；请用空格或表格分开各列',
    en: 'Table {table}: {count} rows can be read more than one way (from “{first}” to “{last}”); they are left out of the sums. Separate the columns',
  },
  blankCell: {
    'zh-CN': '“{row}”的{columns}为空，没有数值也应填写“0”',
    en: '“{row}”: {columns} left blank; write “0” where there is nothing to count',
  },
  blankCellSolved: {
    'zh-CN': '“{row}”的{columns}为空；按本行合计，应填写“{solved}”',
    en: '“{row}”: {columns} left blank; the row total makes it “{solved}”',
  },
  blankCellRows: {
    'zh-CN': '表{table}有{count}行留有空单元格（从“{first}”到“{last}”），没有数值也应填写“0”',
    en: 'Table {table}: {count} rows have blank cells (from “{first}” to “{last}”); write “0” where there is nothing to count',
  },
  fillSolved: { 'zh-CN': '填写“{value}”', en: 'Write “{value}”' },
  blankRow: { 'zh-CN': '“{row}”整行为空，没有数值也应填写“0”', en: '“{row}” is blank throughout; write “0” where there is nothing to count' },
  blankRowRows: {
    'zh-CN': '表{table}有{count}行整行为空（从“{first}”到“{last}”），没有数值也应填写“0”，这些行不参与合计校验',
    en: 'Table {table}: {count} rows are blank throughout (from “{first}” to “{last}”); write “0” where there is nothing to count. They are left out of the sums',
  },
  extraValue: {
    'zh-CN': '“{row}”多了一个数值（“{text}”）；去掉它后本行合计相符，按此参与合计校验',
    en: '“{row}” has one value too many (“{text}”); without it the row adds up, and it is read so',
  },
  extraValueRows: {
    'zh-CN': '表{table}有{count}行各多一个数值（从“{first}”到“{last}”）',
    en: 'Table {table}: {count} rows each have one value too many (from “{first}” to “{last}”)',
  },
  nonNumeric: { 'zh-CN': '“{row}”·{column}不是数字（“{text}”）', en: '“{row}”·{column} is not a number (“{text}”)' },
  nonNumericRows: {
    'zh-CN': '表{table}有{count}个单元格不是数字（如“{text}”，从“{first}”到“{last}”），没有数值应填写“0”',
    en: 'Table {table}: {count} cells are not numbers (e.g. “{text}”, from “{first}” to “{last}”); write “0” where there is nothing to count',
  },
  negative: { 'zh-CN': '“{row}”·{column}的值“{text}”应为非负整数', en: '“{row}”·{column} is “{text}”, expected a non-negative whole number' },
  negativeRows: {
    'zh-CN': '表{table}有{count}个单元格不是非负整数（如“{text}”，从“{first}”到“{last}”）',
    en: 'Table {table}: {count} cells are not non-negative whole numbers (e.g. “{text}”, from “{first}” to “{last}”)',
  },
  unexpectedText: { 'zh-CN': '表{table}“{row}”行附近有无法识别的文字“{text}”', en: 'Unrecognised text “{text}” in table {table} near the row “{row}”' },
  unexpectedTextRows: {
    'zh-CN': '表{table}有{count}处无法识别的文字（如“{text}”，从“{first}”行到“{last}”行附近）',
    en: 'Table {table}: unrecognised text in {count} places (e.g. “{text}”, near the rows “{first}” to “{last}”)',
  },
  labelTypo: { 'zh-CN': '表{table}的行标题“{found}”应为“{expected}”', en: 'The row label “{found}” in table {table} should read “{expected}”' },
  labelTypoRows: {
    'zh-CN': '表{table}有{count}个行标题与格式不符（如“{found}”应为“{expected}”）',
    en: 'Table {table}: {count} row labels differ from the format (e.g. “{found}” for “{expected}”)',
  },
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
  interleavedRows: {
    'zh-CN': '表{table}有{count}行的数值被其他文字隔开（从“{first}”到“{last}”），看不出哪个数属于哪一列（多见于按列读取的 PDF 文本），不参与合计校验',
    en: 'Table {table}: the values of {count} rows are split by other text (from “{first}” to “{last}”), so their columns cannot be told (typical of PDF text read column by column); left out of the sums',
  },
  rowOrder: {
    'zh-CN': '表{table}“{row}”行不在格式规定的位置，该行不参与合计校验',
    en: 'The row “{row}” of table {table} is out of place; it is left out of the sums',
  },
  rowOrderRows: {
    'zh-CN': '表{table}有{count}行不在格式规定的位置（从“{first}”到“{last}”），这些行不参与合计校验',
    en: 'Table {table}: {count} rows are out of place (from “{first}” to “{last}”); they are left out of the sums',
  },
  oldTemplate: {
    'zh-CN': '{year}年度报告的表{table}使用了2019年试行格式，应使用国办公开办函〔2021〕30号规定的格式',
    en: 'Table {table} of this {year} report uses the 2019 trial format; reports for 2021 on use the format of 国办公开办函〔2021〕30号',
  },
  newTemplate: {
    'zh-CN': '{year}年度报告的表{table}使用了2021年格式，{year}年度报告应使用2019年试行格式（国办公开办函〔2019〕60号）',
    en: 'Table {table} of this {year} report uses the 2021 format; {year} reports use the 2019 trial format (国办公开办函〔2019〕60号)',
  },
} as const satisfies Record<string, LocalizedText>;

export type TableStructureMessageId = keyof typeof TABLE_STRUCTURE_MESSAGES;
