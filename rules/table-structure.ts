import * as z from 'zod';
import type { TableFact } from '../src/model/schema.ts';
import { builtinRule, type LocalizedText } from '../src/rule.ts';
import { list, type Locale } from '../src/i18n.ts';
import { groupFacts, ROW_KINDS, ROW_READING_KINDS, unreadableTable } from './lib/group-facts.ts';
import { factFinding, groupFinding } from './lib/table-facts.ts';
import { TABLE_STRUCTURE_MESSAGES } from './lib/table-structure-messages.ts';
import { reportYear } from './lib/options.ts';

export default builtinRule({
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
    messages: TABLE_STRUCTURE_MESSAGES,
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
    const { model, options, locale, source } = context;
    for (const table of Object.values(model.tables)) {
      const name = table.name;
      const unread = unreadableTable(table);
      let facts = table.facts.filter((f) => f.kind !== 'noReading'); // a sum error: table-sums reports it
      if (unread) {
        const reasons = [...new Set(facts.filter((f) => ROW_READING_KINDS.has(f.kind)).map((f) => reasonOf(f.kind, locale)))];
        const first = facts.find((f) => ROW_READING_KINDS.has(f.kind)) ?? facts[0];
        context.report({
          messageId: 'unreadableTable',
          data: { table: name, count: unread.length, total: table.rows.filter((r) => r.status !== 'missing').length, reasons: list(reasons, locale) },
          at: first?.span ?? table.span ?? model.documentStart,
        });
        facts = facts.filter((f) => !ROW_KINDS.has(f.kind));
      }
      for (const item of groupFacts(facts)) {
        const at = 'group' in item ? (item.group[0] as TableFact).span : item.single.span;
        const found = 'group' in item ? groupFinding(item.kind, item.group, locale) : factFinding(item.single, { locale, source });
        if (found) context.report({ ...found, data: { table: name, ...found.data }, at });
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
  },
});

/** A short reason for each kind of unread row, for the whole-table finding (the compiler checks the kinds). */
const REASONS: Partial<Record<TableFact['kind'], LocalizedText>> = {
  cellCount: { 'zh-CN': '数值个数不对', en: 'wrong number of values' },
  runTogether: { 'zh-CN': '数字连在一起', en: 'digits run together' },
  spacedDigits: { 'zh-CN': '单个数字相隔一个空格', en: 'single digits one space apart' },
  ambiguous: { 'zh-CN': '可有多种读法', en: 'more than one reading' },
  interleaved: { 'zh-CN': '数值被其他文字隔开', en: 'values split by other text' },
  unexpectedText: { 'zh-CN': '夹有无法识别的文字', en: 'unrecognised text' },
  rowOrder: { 'zh-CN': '行的位置不对', en: 'rows out of place' },
  blankRow: { 'zh-CN': '整行为空', en: 'blank rows' },
};

function reasonOf(kind: TableFact['kind'], locale: Locale): string {
  return REASONS[kind]?.[locale] ?? kind;
}
