/**
 * Table 二 in plain `pdftotext` text: a row label wrapped over two lines (“其他对外管理服务事 / 项”)
 * is printed after the rows below it, and its values stay where its row is, right after the row
 * above's: that row has twice its values, one run with no text between, and the wrapped row has
 * none. In the template's order, the first half is the row's own and the second half the next
 * row's — read so only when both rows have the same columns and the counts are exactly that.
 */
import type { TableFact } from '../../model/schema.ts';
import type { TableTemplate } from '../../model/templates.ts';
import type { Token } from '../tokens.ts';
import { decodeRow, distinctValues } from './decode.ts';
import { span, type Ctx, type Draft, type RowOutcome } from './rows.ts';

export function valuesOfWrappedRow(ctx: Ctx, tpl: TableTemplate, outcomes: readonly RowOutcome[], facts: TableFact[]): RowOutcome[] {
  const out = [...outcomes];
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k];
    const b = out[k + 1];
    const next = tpl.rows[k + 1];
    if (!a || !b || !next || !('draft' in a) || a.draft.options.length !== 0 || !('row' in b)) continue;
    if (b.row.status !== 'count' || b.row.valuesFound !== 0 || b.row.found === null) continue;
    const columns = a.draft.template.columns.length;
    const values = a.draft.values ?? [];
    if (next.columns.length !== columns || values.length !== 2 * columns || values.some((v) => v.delimited || v.kind !== 'num')) continue;
    // One run: nothing but these values from the first to the last.
    const from = ctx.tokens.indexOf(values[0] as Token);
    const to = ctx.tokens.indexOf(values[values.length - 1] as Token);
    if (from < 0 || to - from !== values.length - 1) continue;
    // The row above without values of its own, of as many columns: a stack of labels whose values
    // follow it (“行政处罚 / 行政强制 / 2 / 0”) reads them the other way, one each for the stack's rows.
    const above = out[k - 1];
    if (above && 'row' in above && above.row.valuesFound === 0 && tpl.rows[k - 1]?.columns.length === columns) continue;
    out[k] = { draft: draftOf(ctx, a.draft, values.slice(0, columns)) };
    out[k + 1] = { draft: draftOf(ctx, { ...a.draft, template: next, base: { ...b.row, status: 'read' } }, values.slice(columns)) };
    for (const id of [a.draft.template.id, next.id]) {
      const at = facts.findIndex((f) => f.kind === 'cellCount' && f.row.id === id);
      if (at >= 0) facts.splice(at, 1);
    }
  }
  return out;
}

/**
 * What a draft row takes of its value tokens when its cells are known (one token a column): the
 * readings decoded without a relation, settled later as any other row's.
 */
export function knownCells(
  ctx: Ctx,
  template: TableTemplate['rows'][number],
  tokens: readonly Token[],
): Pick<Draft, 'text' | 'options' | 'tried' | 'overBudget' | 'runTogether' | 'blanks' | 'valueSpan' | 'values'> {
  const decoded = decodeRow({
    values: tokens,
    expected: template.columns.length,
    relation: null,
    positional: null,
    allowDecimal: template.allowDecimal,
    allowNegative: template.allowNegative,
  });
  return {
    text: tokens.map((t) => t.raw).join(' '),
    options: distinctValues(decoded.readings),
    tried: decoded.tried,
    overBudget: decoded.overBudget,
    runTogether: false,
    blanks: 0,
    valueSpan: span(ctx, Math.min(...tokens.map((t) => t.start)), Math.max(...tokens.map((t) => t.end))),
    values: tokens,
  };
}

function draftOf(ctx: Ctx, like: Draft, tokens: readonly Token[]): Draft {
  const { template } = like;
  return {
    ...like,
    base: { ...like.base, id: template.id, label: template.label, valuesFound: tokens.length },
    ...knownCells(ctx, template, tokens),
  };
}
