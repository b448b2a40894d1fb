/** Year against year: an agency's tables beside last year's, and the small charts of key figures. */
import type { Locale } from '../../types.ts';
import { e, t } from './archive-model.ts';
import { TABLE_IDS } from './statistics.ts';
import { TABLE_TITLES } from './tables.ts';

/** One cell of a year-against-year comparison. */
export interface ComparisonCell {
  table: string;
  rowId: string;
  row: string;
  column: string;
  /** Last year's and this year's values (null: not read); change = current − previous. */
  previous: number | null;
  current: number | null;
  change: number | null;
  /** A cross-year check on this cell: carry-over (R5) or stock (R6), what it expects, whether it holds. */
  check?: 'carry-over' | 'stock';
  expected?: number;
  ok?: boolean;
  /** The message of a carry-over or stock-continuity finding on this cell. */
  finding?: string;
}

/** An agency's report against its report of the year before. */
export interface Comparison {
  id: string;
  agency: string;
  year: number;
  previousYear: number;
  file: string;
  previousFile: string;
  cells: ComparisonCell[];
  /** The similar-to-last-year finding: its message and the longest passage copied. */
  copied: { message: string; excerpt: string } | null;
}

/** Both years' tables side by side: each cell last year → this year, its change and the checks. */
export function comparisonHtml(c: Comparison, locale: Locale): string {
  const title = t('compare', locale, { a: String(c.year), b: String(c.previousYear) });
  const parts = [
    `<section class="comparison" id="${e(c.id)}" data-testid="comparison" data-agency="${e(c.agency)}" data-year="${c.year}">`,
    `<h3>${e(c.agency)} ${e(title)}</h3>`,
    `<p class="legend">${e(t('legend', locale))}<span class="chk ok">${e(t('lCheckOk', locale))}</span> <span class="chk bad">${e(t('lCheckBad', locale))}</span> <span>${e(t('lUnread', locale))}</span> <span class="up">▲</span><span class="down">▼</span></p>`,
  ];
  const show = (v: number | null): string => (v === null ? '—' : String(v));
  for (const table of TABLE_IDS) {
    const cells = c.cells.filter((k) => k.table === table);
    if (cells.length === 0) continue;
    const columns = [...new Set(cells.map((k) => k.column))];
    const rows = [...new Map(cells.map((k) => [k.rowId, k.row])).entries()];
    const at = new Map(cells.map((k) => [`${k.rowId}/${k.column}`, k]));
    parts.push(
      `<h4>${e(TABLE_TITLES[table][locale])}</h4><div class="scroll"><table class="report-table cmp" data-table="${table}"><tr><th>${e(t('prevNow', locale))}</th>`,
    );
    parts.push(`${columns.map((col) => `<th>${e(col)}</th>`).join('')}</tr>`);
    for (const [rowId, label] of rows) {
      parts.push(`<tr data-row="${e(rowId)}"><td class="label">${e(label.replace('·', ' '))}</td>`);
      for (const column of columns) {
        const k = at.get(`${rowId}/${column}`);
        if (!k) {
          parts.push('<td></td>');
          continue;
        }
        let delta = '';
        if (k.change !== null && k.change !== 0) delta = `<span class="${k.change > 0 ? 'up' : 'down'}">${k.change > 0 ? '▲+' : '▼'}${k.change}</span>`;
        const classes = ['num'];
        let note = '';
        if (k.check && k.ok !== undefined) {
          classes.push(k.ok ? 'chk-ok' : 'chk-bad');
          const carry = k.check === 'carry-over';
          note = k.ok
            ? ` <span class="chk ok" title="${e(carry ? t('carryOk', locale) : t('stockOk', locale))}">✓</span>`
            : ` <span class="chk bad">✗</span><span class="expected">${e(carry ? t('carryBad', locale, k.expected) : t('stockBad', locale, k.expected))}</span>`;
        } else if (k.finding) {
          classes.push('chk-bad');
          note = ` <span class="chk bad" title="${e(k.finding)}">✗</span>`;
        }
        const check = k.check && k.ok !== undefined ? ` data-check="${k.ok ? 'ok' : 'bad'}"` : '';
        parts.push(
          `<td class="${classes.join(' ')}" data-column="${e(column)}"${check}><span class="prev">${e(show(k.previous))}</span> → <b>${e(show(k.current))}</b>${delta}${note}</td>`,
        );
      }
      parts.push('</tr>');
    }
    parts.push('</table></div>');
  }
  parts.push(`<h4>${e(t('copied', locale))}</h4>`);
  if (c.copied) {
    const { message, excerpt } = c.copied;
    const marked = excerpt ? e(message).replace(e(excerpt), `<mark class="copied">${e(excerpt)}</mark>`) : e(message);
    parts.push(`<p class="copied-prose" data-testid="copied">${marked}</p>`);
  } else parts.push(`<p class="muted">${e(t('notCopied', locale))}</p>`);
  parts.push('</section>');
  return parts.join('');
}

/** A small line chart of one figure over the years; a year without a value leaves a gap. */
export function chartSvg(label: string, id: string, points: readonly { year: number; value: number | null }[]): string {
  const w = 180;
  const h = 90;
  const left = 6;
  const right = 6;
  const top = 16;
  const bottom = 18;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const x = (i: number): number => (points.length <= 1 ? w / 2 : left + (i * (w - left - right)) / (points.length - 1));
  const y = (v: number): number => top + (h - top - bottom) * (1 - v / max);
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const lines = segments.map((s) => `<polyline points="${s}" fill="none" stroke="#0969da" stroke-width="1.5"/>`).join('');
  const dots = points
    .map((p, i) =>
      p.value === null
        ? `<text x="${x(i).toFixed(1)}" y="${(h - bottom - 2).toFixed(1)}" font-size="9" text-anchor="middle" fill="#8c959f">—</text>`
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="#0969da" data-year="${p.year}" data-value="${p.value}"><title>${p.year}: ${p.value}</title></circle>` +
          `<text x="${x(i).toFixed(1)}" y="${(y(p.value) - 4).toFixed(1)}" font-size="8" text-anchor="middle" fill="#1f2328">${p.value}</text>`,
    )
    .join('');
  const axis = points
    .map((p, i) => `<text x="${x(i).toFixed(1)}" y="${h - 4}" font-size="8" text-anchor="middle" fill="#59636e">${String(p.year).slice(2)}</text>`)
    .join('');
  const summary = points.map((p) => `${p.year}: ${p.value ?? '—'}`).join(', ');
  return (
    `<figure class="chart" data-figure="${e(id)}" data-testid="chart"><figcaption>${e(label)}</figcaption>` +
    `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${e(`${label}: ${summary}`)}"><title>${e(`${label}: ${summary}`)}</title>` +
    `<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="#c9ced6"/>${lines}${dots}${axis}</svg></figure>`
  );
}
