import * as z from 'zod';
import type { TableFact } from '../src/model/schema.ts';
import { defineRule, formatMessage, replaceSpan, type LocalizedText } from '../src/rule.ts';
import { list as joinList, orList, type Locale } from '../src/i18n.ts';
import { groupFacts, ROW_KINDS, ROW_READING_KINDS, unreadableTable } from './lib/group-facts.ts';
import { certainlyInCell } from './lib/cell-place.ts';
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
    fixable: 'code',
    hasSuggestions: true,
    options: z
      .object({
        /** The first report year that must use the 2021 tables. */
        newFormatFrom: reportYear(2021),
      })
      .strict(),
    messages: {
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
    },
    examples: {
      valid: [{ sample: {} }, { title: 'HTML 表格', sample: { form: 'html' } }],
      invalid: [
        {
          title: '一行少了一个数：勾稽关系定出缺的是哪一列、应为几',
          sample: { replace: [[/(二、上年结转政府信息公开申请数量)\t1\t/, '$1\t']] },
          errors: ['missingCell'],
        },
        {
          title: '表四一行少了一个数：应有15个，缺的是哪几列之一、应为几',
          sample: { replace: [[/\n2\t0\t0\t0\t2(\t0){10}\n/, '\n2\t0\t0\t0\t2\t1\t0\t0\t0\t1\t0\t0\t0\t0\n']] },
          errors: ['missingCellSomewhere'],
        },
        {
          title: '一行少了两个数：不猜',
          sample: { replace: [[/(二、上年结转政府信息公开申请数量)\t1\t0\t/, '$1\t']] },
          errors: ['cellCount'],
        },
        {
          title: '整列缺失：一条',
          sample: { replace: [[/^((?:一|二|（一）|（二）)[^\t\n]*\t\d+\t\d+\t\d+)\t\d+/gm, '$1']] },
          errors: ['missingCellRows'],
        },
        {
          title: '表头错字',
          sample: { replace: [['本年废止件数', '本年度止件数']] },
          errors: ['headerTypo'],
          output: { sample: {} },
        },
      ],
    },
  },
  check(context) {
    const { model, options, locale } = context;
    const list = (items: readonly string[]) => joinList(items, locale);
    for (const table of Object.values(model.tables)) {
      const name = table.name;
      const unread = unreadableTable(table);
      let facts = table.facts.filter((f) => f.kind !== 'noReading'); // a sum error: table-sums reports it
      if (unread) {
        const reasons = [...new Set(facts.filter((f) => ROW_READING_KINDS.has(f.kind)).map((f) => reasonOf(f.kind, locale)))];
        const first = facts.find((f) => ROW_READING_KINDS.has(f.kind)) ?? facts[0];
        context.report({
          messageId: 'unreadableTable',
          data: { table: name, count: unread.length, total: table.rows.filter((r) => r.status !== 'missing').length, reasons: list(reasons) },
          at: first?.span ?? table.span ?? model.documentStart,
        });
        facts = facts.filter((f) => !ROW_KINDS.has(f.kind));
      }
      for (const item of groupFacts(facts)) {
        if ('group' in item) reportGroup(item.group, name);
        else reportOne(item.single, name);
      }
      if (!table.found || table.template === 'unknown' || model.year === null || !table.span) continue;
      const evidence = table.templateAt ?? table.span;
      const at = { start: evidence.start, end: evidence.end };
      if (model.year >= options.newFormatFrom && table.template === '2019') {
        context.report({ messageId: 'oldTemplate', data: { year: model.year, table: name }, at });
      } else if (model.year < options.newFormatFrom && model.year >= 2019 && table.template === '2021') {
        context.report({ messageId: 'newTemplate', data: { year: model.year, table: name }, at });
      }
    }

    function reportGroup(group: TableFact[], table: string): void {
      const head = group[0] as TableFact;
      const labelOf = (f: TableFact) => ('row' in f && f.row ? f.row.label : '');
      const data: Record<string, string | number> = { table, count: group.length, first: labelOf(head), last: labelOf(group[group.length - 1] as TableFact) };
      switch (head.kind) {
        case 'cellCount': {
          const found = [...new Set(group.map((f) => (f.kind === 'cellCount' ? f.found : 0)))];
          Object.assign(data, { expected: head.expected, found: list(found.map(String)) });
          break;
        }
        case 'missingCell': {
          // The columns every row could lack: where the missing column is, as far as the text says.
          const sets = group.map((f) => (f.kind === 'missingCell' ? f.columns : []));
          data.columns = list((sets[0] ?? []).filter((c) => sets.every((set) => set.includes(c))));
          break;
        }
        case 'nonNumeric':
        case 'negative':
        case 'unexpectedText':
          data.text = head.text;
          break;
        case 'labelTypo':
          Object.assign(data, { found: head.found, expected: head.row.label });
          break;
        default:
          break;
      }
      context.report({ messageId: `${head.kind === 'blankCells' ? 'blankCell' : head.kind}Rows`, data, at: head.span });
    }

    function reportOne(f: TableFact, table: string): void {
      const at = f.span;
      const report = (messageId: string, data: Record<string, string | number>) => context.report({ messageId, data: { table, ...data }, at });
      switch (f.kind) {
        case 'missingTable':
          return report('missingTable', {});
        case 'missingRow':
          return report('missingRow', { row: f.row.label });
        case 'cellCount':
          return report(f.blanks > 0 ? 'cellCountBlank' : 'cellCount', { row: f.row.label, expected: f.expected, found: f.found, blanks: f.blanks });
        case 'missingCell':
          return report(f.columns.length === 1 ? 'missingCell' : 'missingCellSomewhere', {
            row: f.row.label,
            expected: f.expected,
            columns: list(f.columns),
            value: f.value === null ? '?' : f.value,
          });
        case 'blankCells': {
          const messageId = f.solved !== null && f.solved !== 0 ? 'blankCellSolved' : 'blankCell';
          const data = { table, row: f.row.label, columns: list(f.columns), solved: f.solved ?? 0 };
          // One empty cell of a row otherwise complete, whose total decides it: 0 is certainly
          // right (the format writes nothing as 0) where the text has a place certainly inside
          // that cell; another value, or a place that is not certain, is offered for a person to
          // confirm.
          const empty = f.span.start.offset === f.span.end.offset;
          if (!empty || f.solved === null) return context.report({ messageId, data, at });
          const edit = replaceSpan(f.span, String(f.solved));
          if (f.solved === 0 && certainlyInCell(context.source, f.span.start.offset)) return context.report({ messageId, data, at, fix: edit });
          return context.report({ messageId, data, at, suggest: [{ messageId: 'fillSolved', data: { value: f.solved }, fix: edit }] });
        }
        case 'blankRow':
          return report('blankRow', { row: f.row.label });
        case 'extraValue':
          return report('extraValue', { row: f.row.label, text: f.text });
        case 'ambiguous':
          return report('ambiguous', {
            row: f.row.label,
            text: f.text,
            count: f.count,
            readings: orList(
              f.readings.slice(0, 2).map((r) => r.join(' ')),
              locale,
            ),
          });
        case 'runTogether':
          return report('runTogether', { row: f.row.label, text: f.text, expected: f.expected });
        case 'nonNumeric':
          return report('nonNumeric', { row: f.row.label, column: f.column, text: f.text });
        case 'negative':
          return report('negative', { row: f.row.label, column: f.column, text: f.text });
        case 'unexpectedText':
          return report('unexpectedText', { row: f.row.label, text: f.text });
        case 'labelTypo':
          return report('labelTypo', { found: f.found, expected: f.row.label });
        case 'headerTypo': {
          // The template fixes the header's words: certainly right where the text is as read.
          const fix = context.source.slice(f.span.start.offset, f.span.end.offset) === f.found ? replaceSpan(f.span, f.expected) : undefined;
          return context.report({ messageId: 'headerTypo', data: { table, found: f.found, expected: f.expected }, at, ...(fix ? { fix } : {}) });
        }
        case 'missingNote':
          return report('missingNote', { note: f.note });
        case 'mixedTemplate':
          return report('mixedTemplate', { found2019: f.found2019, found2021: f.found2021 });
        case 'strayValues':
          return report('strayValues', { count: f.count, text: f.text });
        case 'rowOrder':
          return report('rowOrder', { row: f.row.label });
        case 'interleaved':
          return report('interleaved', { row: f.row ? formatMessage(ROW_NAMED[locale], { row: f.row.label }) : '', runs: f.runs });
        case 'noReading':
          return; // table-sums
        default: {
          const never: never = f;
          return never;
        }
      }
    }
  },
});

/** “row X” inside a sentence. */
const ROW_NAMED: LocalizedText = { 'zh-CN': '“{row}”行', en: ' row “{row}”' };

/** A short reason for each kind of unread row, for the whole-table finding (the compiler checks the kinds). */
const REASONS: Partial<Record<TableFact['kind'], LocalizedText>> = {
  cellCount: { 'zh-CN': '数值个数不对', en: 'wrong number of values' },
  runTogether: { 'zh-CN': '数字连在一起', en: 'digits run together' },
  ambiguous: { 'zh-CN': '可有多种读法', en: 'more than one reading' },
  interleaved: { 'zh-CN': '数值被其他文字隔开', en: 'values split by other text' },
  unexpectedText: { 'zh-CN': '夹有无法识别的文字', en: 'unrecognised text' },
  rowOrder: { 'zh-CN': '行的位置不对', en: 'rows out of place' },
  blankRow: { 'zh-CN': '整行为空', en: 'blank rows' },
};

function reasonOf(kind: TableFact['kind'], locale: Locale): string {
  return REASONS[kind]?.[locale] ?? kind;
}
