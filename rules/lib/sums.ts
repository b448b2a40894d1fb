/**
 * The arithmetic relations of docs/format.md §4 (R1–R4) over the cells the model could read, and
 * which cell each broken relation most likely points at. A relation that needs a cell the model
 * could not read is skipped, never guessed.
 */
import type { Cell, RelationId, ReportModel, Row, Table } from '../../src/model/schema.ts';
import { T3_COLUMNS, T3_OUTCOME_PREFIXES } from '../../src/model/templates.ts';

export type { RelationId };

interface Term {
  row: Row;
  cell: Cell;
}

/** lhs must equal the sum of `items` (R2, R3, R4); for R1, a + b = c + d is written as d = a + b − c. */
export interface Relation {
  id: RelationId;
  /** What the relation is about: a row label, a column, a group. */
  scope: string;
  total: Term;
  items: Term[];
  /** Terms subtracted from the item sum (R1 only). */
  minus: Term[];
  /**
   * R1 with （七）总计 replaced by the outcome rows R2 sums (四 = 一 + 二 − Σ outcomes), checked in a
   * column whose （七）总计 is not read: both relations at once, so a wrong cell still breaks two.
   */
  withoutTotal?: true;
}

export interface Failure {
  relation: Relation;
  /** The cell reported: the one this and another broken relation share, else the relation's total. */
  target: Term;
  actual: number;
  expected: number;
  /** The computation, e.g. `25 + 2 = 27`. */
  formula: string;
}

const numeric = (c: Cell | undefined): c is Cell & { value: number } => c?.kind === 'number' && c.value !== null;

function cellOf(row: Row | undefined, column: string): Term | null {
  if (!row || row.status !== 'read') return null;
  const cell = row.cells.find((c) => c.column === column);
  return numeric(cell) ? { row, cell } : null;
}

function all(terms: Array<Term | null>): Term[] | null {
  return terms.every((t): t is Term => t !== null) ? terms : null;
}

export function relations(model: ReportModel, enabled: ReadonlySet<RelationId>): Relation[] {
  const out: Relation[] = [];
  const t3 = model.tables.t3;
  const byId = (table: Table, id: string) => table.rows.find((r) => r.id === id);
  if (t3.found) {
    const outcomes = t3.rows.filter((r) => T3_OUTCOME_PREFIXES.some((p) => r.id === p || r.id.startsWith(p)));
    for (const column of T3_COLUMNS) {
      const [r1, r2, total, carry] = ['t3.new', 't3.carried', 't3.total', 't3.carryOver'].map((id) => cellOf(byId(t3, id), column));
      // R1: 一 + 二 = （七） + 四, checked as 四 = 一 + 二 − （七）.
      const r1Terms = all([r1 ?? null, r2 ?? null, total ?? null, carry ?? null]);
      if (enabled.has('R1') && r1Terms) {
        const [a, b, c, d] = r1Terms as [Term, Term, Term, Term];
        out.push({ id: 'R1', scope: column, total: d, items: [a, b], minus: [c] });
      }
      // R2: （七）总计 = the sum of every outcome row.
      const items = all(outcomes.map((r) => cellOf(r, column)));
      if (enabled.has('R2') && total && items && items.length === outcomes.length && outcomes.length > 0) {
        out.push({ id: 'R2', scope: column, total, items, minus: [] });
      }
      // （七）总计 not read: R1 and R2 together, 一 + 二 = Σ outcomes + 四 (the reading chooses with it too).
      if (enabled.has('R1') && enabled.has('R2') && !total && r1 && r2 && carry && items && outcomes.length > 0) {
        out.push({ id: 'R1', scope: column, total: carry, items: [r1, r2], minus: items, withoutTotal: true });
      }
    }
    // R3: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, per row.
    if (enabled.has('R3')) {
      for (const row of t3.rows) {
        const terms = all(T3_COLUMNS.map((c) => cellOf(row, c)));
        if (!terms) continue;
        const total = terms[terms.length - 1] as Term;
        out.push({ id: 'R3', scope: row.label, total, items: terms.slice(0, -1), minus: [] });
      }
    }
  }
  // R4: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group of table 四.
  if (enabled.has('R4') && model.tables.t4.found) {
    for (const row of model.tables.t4.rows) {
      const terms = all(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => cellOf(row, c)));
      if (!terms) continue;
      out.push({ id: 'R4', scope: row.label, total: terms[4] as Term, items: terms.slice(0, 4), minus: [] });
    }
  }
  return out;
}

const value = (t: Term) => t.cell.value ?? 0;

function holds(r: Relation): boolean {
  return value(r.total) === r.items.reduce((s, t) => s + value(t), 0) - r.minus.reduce((s, t) => s + value(t), 0);
}

function terms(r: Relation): Term[] {
  return [r.total, ...r.items, ...r.minus];
}

/** A relation that chose a decoded row's reading cannot confirm it: it holds by construction there. */
function chosenBy(r: Relation): boolean {
  const ids: RelationId[] = r.withoutTotal ? ['R1', 'R2'] : [r.id];
  return terms(r).some((t) => ids.some((id) => t.row.decoded?.chosenBy.includes(id) ?? false));
}

export function checkSums(model: ReportModel, enabled: ReadonlySet<RelationId>): Failure[] {
  const broken = relations(model, enabled).filter((r) => !chosenBy(r) && !holds(r));
  return broken.map((relation) => {
    // A single wrong cell breaks every relation it is in: where two broken relations share
    // exactly one cell, that cell is the likely culprit (row × column).
    const shared = terms(relation).filter((t) => broken.some((other) => other !== relation && terms(other).some((o) => o.cell === t.cell)));
    const target = shared.length === 1 && shared[0] ? shared[0] : relation.total;
    return { relation, target, actual: value(target), expected: solveFor(relation, target), formula: formula(relation) };
  });
}

/** The value `target` must have for the relation to hold, the other cells as they are. */
function solveFor(r: Relation, target: Term): number {
  const items = r.items.reduce((s, t) => s + value(t), 0);
  const minus = r.minus.reduce((s, t) => s + value(t), 0);
  const total = value(r.total);
  if (target === r.total) return items - minus;
  if (r.items.includes(target)) return total + minus - (items - value(target));
  return items - total - (minus - value(target));
}

/** The computation in the report's own numbers; zero terms are left out of long sums. */
function formula(r: Relation): string {
  if (r.withoutTotal) {
    const [a, b] = r.items.map(value);
    const outcomes = r.minus.map(value).filter((v) => v !== 0);
    const d = value(r.total);
    const sum = outcomes.reduce((s, v) => s + v, 0);
    return `${a} + ${b} = ${(a ?? 0) + (b ?? 0)} ≠ ${outcomes.length > 0 ? outcomes.join(' + ') : '0'} + ${d} = ${sum + d}`;
  }
  if (r.id === 'R1') {
    const [a, b] = r.items.map(value);
    const c = value(r.minus[0] ?? r.total);
    const d = value(r.total);
    return `${a} + ${b} = ${(a ?? 0) + (b ?? 0)} ≠ ${c} + ${d} = ${c + d}`;
  }
  const items = r.items.map(value);
  const shown = items.length > 6 ? items.filter((v) => v !== 0) : items;
  const sum = items.reduce((s, v) => s + v, 0);
  return `${shown.length > 0 ? shown.join(' + ') : '0'} = ${sum} ≠ ${value(r.total)}`;
}
