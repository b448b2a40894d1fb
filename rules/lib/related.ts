/** Helpers of the cross-report rules. */
import type { Row } from '../../src/model/schema.ts';
import type { DigestTable } from '../../src/rule.ts';

/** The row when it was read cleanly: status `read` and every cell a number. */
export function cleanRow(table: DigestTable, id: string): Row | undefined {
  if (!table.found) return undefined;
  const row = table.rows.find((r) => r.id === id);
  if (!row || row.status !== 'read' || row.cells.length === 0) return undefined;
  return row.cells.every((c) => c.kind === 'number' && c.value !== null) ? row : undefined;
}

/** `to` as a path relative to the folder of `from` (both as the run gave them), for messages. */
export function relativeTo(from: string, to: string): string {
  const a = from.split(/[\\/]/);
  const b = to.split(/[\\/]/);
  a.pop();
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  if (i === 0 && (from.startsWith('/') || /^[A-Za-z]:/.test(from))) return to;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
