import * as z from 'zod';
import { builtinRule, type SuggestionDescriptor } from '../src/rule.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';

type Kind = ReportModel['claims'][number]['kind'];

const cell = (row: Row | undefined, column: string) => {
  const c = row?.status === 'read' ? row.cells.find((x) => x.column === column) : undefined;
  return c?.kind === 'number' ? c.value : null;
};

/** What each kind of statement is compared with, and how the table cell is named in messages. */
function tableValue(model: ReportModel, kind: Kind): { value: number | null; also?: number | null; cell: string } {
  const t3 = (id: string) => model.tables.t3.rows.find((r) => r.id === id);
  const t4 = (id: string) => model.tables.t4.rows.find((r) => r.id === id);
  switch (kind) {
    case 'received': {
      // 受理/收到 N 件 counts this year's applications, and in some reports those carried over too.
      const fresh = cell(t3('t3.new'), '总计');
      const carried = cell(t3('t3.carried'), '总计');
      return { value: fresh, also: fresh === null || carried === null ? null : fresh + carried, cell: '表三“一、本年新收政府信息公开申请数量·总计”' };
    }
    case 'noneReceived':
      return { value: cell(t3('t3.new'), '总计'), cell: '表三“一、本年新收政府信息公开申请数量·总计”' };
    case 'concluded':
      return { value: cell(t3('t3.total'), '总计'), cell: '表三“（七）总计·总计”' };
    case 'review':
      return { value: cell(t4('t4.review'), '总计'), cell: '表四“行政复议·总计”' };
    case 'litigation': {
      const a = cell(t4('t4.direct'), '总计');
      const b = cell(t4('t4.afterReview'), '总计');
      return { value: a === null || b === null ? null : a + b, cell: '表四“行政诉讼·总计”（两组之和）' };
    }
  }
}

/**
 * Suggests the table's number in place of the text's, when the text writes its number once, in
 * digits (a number in Chinese numerals is left to the author).
 */
function tableNumber(source: string, claim: ReportModel['claims'][number], table: number): SuggestionDescriptor[] {
  const written = source.slice(claim.span.start.offset, claim.span.end.offset);
  const found = [...written.matchAll(/\d+/g)].filter((m) => Number(m[0]) === claim.value);
  const only = found.length === 1 ? found[0] : undefined;
  if (!only) return [];
  const start = claim.span.start.offset + only.index;
  return [{ messageId: 'useTableNumber', data: { stated: claim.value, table }, fix: { range: [start, start + only[0].length], text: String(table) } }];
}

export default builtinRule({
  meta: {
    id: 'narrative-consistency',
    description: {
      'zh-CN': '正文（开头和“总体情况”）中的申请件数、办结件数、行政复议和行政诉讼件数与统计表一致',
      en: 'Numbers the prose states (applications received and handled, reconsiderations, lawsuits) match the tables',
    },
    rationale: {
      'zh-CN':
        '“总体情况”常常复述表中的数字，正文与表格相互矛盾是评估和审计最常发现的问题之一（如正文写“共收到政府信息公开申请27件”，表三却是25件）。只读取句式明确的说法；说的是一个部门代表本机关办理的或“其中”的一部分时不比较；表格中对应的单元格读不清时不作判断。',
      en: 'The overview often restates the tables, and prose that contradicts them is a defect evaluators keep finding (e.g. “27 applications received” against 25 in table 三). Only plain sentence shapes are read; a number about one office acting for the agency, or a share (“其中”), is not compared; nothing is judged where the table cell could not be read.',
    },
    defaultSeverity: 'warn',
    // The table's number in place of the text's: which one is wrong, a person must judge.
    hasSuggestions: true,
    options: z.object({}).strict(),
    messages: {
      mismatch: {
        'zh-CN': '正文“{text}”为{stated}，与{cell}的{table}不一致',
        en: 'The text “{text}” says {stated}, but {cell} is {table}',
      },
      useTableNumber: { 'zh-CN': '把正文中的{stated}改为表中的{table}', en: 'Change {stated} in the text to the table’s {table}' },
    },
    examples: {
      valid: [
        { sample: { replace: [['做好主动公开', '共收到政府信息公开申请20件，办结19件，做好主动公开']] } },
        // One office's share, not the agency's whole: the table counts every department.
        { title: '一个部门代表本机关受理的件数', sample: { replace: [['做好主动公开', '区政府办代表区政府受理政府信息公开申请17件，做好主动公开']] } },
      ],
      invalid: [
        {
          title: '正文件数与表三不符',
          sample: { replace: [['做好主动公开', '共收到政府信息公开申请27件，做好主动公开']] },
          errors: ['mismatch'],
        },
      ],
    },
  },
  check(context) {
    const { model } = context;
    for (const claim of model.claims) {
      const { value, also, cell: name } = tableValue(model, claim.kind);
      // A stated number beyond 2^53 is never a match, whatever it rounds to.
      const exact = Number.isSafeInteger(claim.value);
      if (value === null || (exact && (value === claim.value || also === claim.value))) continue;
      context.report({
        messageId: 'mismatch',
        // A number beyond 2^53 as written (its digits), not as the float it rounds to.
        data: { text: claim.text.replace(/\s+/g, ''), stated: exact ? claim.value : claim.stated, cell: name, table: value },
        at: { start: claim.span.start, end: claim.span.end },
        suggest: tableNumber(context.source, claim, value),
      });
    }
  },
});
