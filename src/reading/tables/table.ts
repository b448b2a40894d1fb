/** Building the model's Table from what a table reader found. */
import type { Row, Span, Table, TableFact, Template } from '../../model/schema.ts';
import { SIGNALS_2019, SIGNALS_2021, T3_COLUMNS, type TableTemplate } from '../../model/templates.ts';
import { norm } from '../text.ts';
import { tokenSpan, type Ctx } from './rows.ts';

export function missingTable(id: Table['id'], name: string, span: Span): Table {
  return { id, name, found: false, template: 'unknown', templateAt: null, span: null, columns: [], rows: [], facts: [{ kind: 'missingTable', span }] };
}

export interface Found {
  id: Table['id'];
  name: string;
  template: Template;
  region: [number, number];
  tpl: TableTemplate | null;
  rows: Row[];
  facts: TableFact[];
  columns?: string[];
}

export function finishTable(ctx: Ctx, found: Found): Table {
  const { id, name, template, region, tpl, rows, facts } = found;
  return {
    id,
    name,
    found: true,
    template,
    templateAt: tpl ? templateEvidence(ctx, id, template, region, rows) : null,
    span: tokenSpan(ctx, region[0], Math.max(region[0], region[1] - 1)),
    columns: found.columns ?? (id === 't3' ? [...T3_COLUMNS] : [...new Set((tpl?.rows ?? []).flatMap((r) => r.columns))]),
    rows,
    facts: [...facts].sort((a, b) => a.span.start.offset - b.span.start.offset),
  };
}

/** The first word or row that only this template has: where a wrong template shows. */
function templateEvidence(ctx: Ctx, id: Table['id'], template: Template, region: [number, number], rows: readonly Row[]): Span | null {
  if (id === 't3') {
    const marker = rows.find((r) => r.id === (template === '2019' ? 't3.other' : 't3.other.1'))?.found;
    if (marker) return marker.span;
  }
  const signals = (template === '2019' ? SIGNALS_2019 : SIGNALS_2021).map((w) => norm(w));
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (t?.kind === 'text' && signals.some((w) => t.norm.includes(w))) return tokenSpan(ctx, i);
  }
  return tokenSpan(ctx, region[0]);
}

/** Leaves out, in place, the facts a more exact reading or finding replaces. */
export function dropFacts(facts: TableFact[], replaced: (fact: TableFact) => boolean): void {
  for (let i = facts.length - 1; i >= 0; i--) if (replaced(facts[i] as TableFact)) facts.splice(i, 1);
}
