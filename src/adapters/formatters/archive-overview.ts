/**
 * The archive page's overview, shown first: filters, the agencies × years grid, the rules that
 * fail most, missing years, publication dates against the deadline, per agency small charts of
 * the key figures with links to the year-against-year comparisons, and the contents.
 */
import { ruleDocsUrl, type Rule } from '../../rule.ts';
import type { Locale } from '../../types.ts';
import { chartSvg } from './archive-compare.ts';
import { e, KEY_FIGURES, t, type Summary } from './archive-model.ts';
import { badgesHtml } from './html.ts';

/** What every section reads: the reports, their agencies and years, and how to name them. */
interface Overview {
  locale: Locale;
  reports: readonly Summary[];
  agencies: string[];
  years: (number | null)[];
  ruleTotals: Map<string, { findings: number; reports: number }>;
  agencyName(agency: string): string;
  yearName(year: number | null): string;
}

export function overviewHtml(reports: readonly Summary[], notReports: number, locale: Locale, rules: readonly Rule[]): string {
  const o = overviewOf(reports, locale);
  const parts: string[] = [`<section class="overview" id="overview" data-testid="overview"><h2>${e(t('overview', locale))}</h2>`];
  parts.push(filtersHtml(o));
  const missing = gridHtml(o, parts);
  parts.push(topRulesHtml(o, rules));
  parts.push(`<h3>${e(t('missing', locale))}</h3>`);
  parts.push(
    missing.length === 0
      ? `<p class="muted">${e(t('noMissing', locale))}</p>`
      : `<ul data-testid="missing">${missing.map((m) => `<li data-agency="${e(m.agency)}" data-year="${m.year}">${e(m.agency)} ${m.year}</li>`).join('')}</ul>`,
  );
  parts.push(datesHtml(o));
  parts.push(chartsHtml(o));
  // Contents: every report.
  parts.push(`<h3>${e(t('contents', locale))}</h3><ol class="contents" data-testid="contents">`);
  for (const r of reports) {
    parts.push(
      `<li data-agency="${e(r.agency ?? '')}" data-year="${r.year ?? '?'}" data-rules="${e([...r.rules.keys()].join(' '))}"><a href="#${e(r.id)}">${e(r.name)}</a> ${badgesHtml(r.errors, r.warnings, locale)}</li>`,
    );
  }
  parts.push('</ol>');
  if (notReports > 0) parts.push(`<p class="muted">${e(t('notReports', locale, notReports))}</p>`);
  parts.push('</section>');
  return parts.join('');
}

function overviewOf(reports: readonly Summary[], locale: Locale): Overview {
  const agencies = [...new Set(reports.map((r) => r.agency ?? ''))].sort((x, y) => (x === '' ? 1 : y === '' ? -1 : x.localeCompare(y, 'zh-CN')));
  const knownYears = reports.map((r) => r.year).filter((y): y is number => y !== null);
  const years: (number | null)[] = [];
  if (knownYears.length > 0) for (let y = Math.min(...knownYears); y <= Math.max(...knownYears); y++) years.push(y);
  if (reports.some((r) => r.year === null)) years.push(null);
  const ruleTotals = new Map<string, { findings: number; reports: number }>();
  for (const r of reports)
    for (const [id, n] of r.rules) {
      const total = ruleTotals.get(id) ?? { findings: 0, reports: 0 };
      total.findings += n;
      total.reports += 1;
      ruleTotals.set(id, total);
    }
  return {
    locale,
    reports,
    agencies,
    years,
    ruleTotals,
    agencyName: (a) => (a === '' ? t('unknownAgency', locale) : a),
    yearName: (y) => (y === null ? t('unknownYear', locale) : String(y)),
  };
}

function filtersHtml({ locale, agencies, years, ruleTotals, agencyName, yearName }: Overview): string {
  const option = (value: string, label: string): string => `<option value="${e(value)}">${e(label)}</option>`;
  return (
    `<form class="filters" data-testid="filters" onsubmit="return false">${e(t('filters', locale))}` +
    `<label>${e(t('agency', locale))} <select data-filter="agency">${option('', t('all', locale))}${agencies.map((a) => option(a, agencyName(a))).join('')}</select></label> ` +
    `<label>${e(t('year', locale))} <select data-filter="year">${option('', t('all', locale))}${years.map((y) => option(y === null ? '?' : String(y), yearName(y))).join('')}</select></label> ` +
    `<label>${e(t('rule', locale))} <select data-filter="rule">${option('', t('all', locale))}${[...ruleTotals.keys()]
      .sort()
      .map((id) => option(id, id))
      .join('')}</select></label></form>`
  );
}

/** The agencies × years grid (into `parts`); returns the years missing between an agency's first and last. */
function gridHtml({ locale, reports, agencies, years, agencyName, yearName }: Overview, parts: string[]): { agency: string; year: number }[] {
  const cellsOf = new Map<string, Summary[]>();
  for (const r of reports) {
    const key = `${r.agency ?? ''}\u0000${r.year ?? '?'}`;
    const list = cellsOf.get(key) ?? [];
    list.push(r);
    cellsOf.set(key, list);
  }
  const missing: { agency: string; year: number }[] = [];
  parts.push(`<h3>${e(t('grid', locale))}</h3>`);
  parts.push(
    `<p class="legend">${e(t('legend', locale))}<span class="g-ok">${e(t('lClean', locale))}</span><span class="g-warn">${e(t('lWarn', locale))}</span><span class="g-err">${e(t('lErr', locale))}</span><span class="g-gap">${e(t('lGap', locale))}</span></p>`,
  );
  parts.push(`<div class="scroll"><table class="grid" data-testid="grid"><tr><th>${e(t('agency', locale))}</th>`);
  parts.push(`${years.map((y) => `<th data-year="${y ?? '?'}">${e(yearName(y))}</th>`).join('')}</tr>`);
  for (const a of agencies) {
    const own = reports.filter((r) => (r.agency ?? '') === a && r.year !== null).map((r) => r.year as number);
    const first = Math.min(...own);
    const last = Math.max(...own);
    parts.push(`<tr data-agency="${e(a)}"><th class="agency">${e(agencyName(a))}</th>`);
    for (const y of years) {
      const list = cellsOf.get(`${a}\u0000${y ?? '?'}`) ?? [];
      if (list.length === 0) {
        const gap = a !== '' && y !== null && y > first && y < last;
        if (gap) missing.push({ agency: a, year: y });
        parts.push(gap ? `<td class="g-gap" data-year="${y}" data-testid="gap">${e(t('gap', locale))}</td>` : `<td data-year="${y ?? '?'}"></td>`);
        continue;
      }
      const links = list
        .map((r) => {
          const cls = r.errors > 0 ? 'g-err' : r.warnings > 0 ? 'g-warn' : 'g-ok';
          return `<a class="${cls}" href="#${e(r.id)}" title="${e(r.name)}" data-rules="${e([...r.rules.keys()].join(' '))}">${r.errors}/${r.warnings}</a>`;
        })
        .join(' ');
      parts.push(`<td data-year="${y ?? '?'}" data-testid="grid-cell">${links}</td>`);
    }
    parts.push('</tr>');
  }
  parts.push('</table></div>');
  return missing;
}

/** The rules that fail most. */
function topRulesHtml({ locale, ruleTotals }: Overview, rules: readonly Rule[]): string {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const top = [...ruleTotals].sort((x, y) => y[1].findings - x[1].findings || x[0].localeCompare(y[0])).slice(0, 15);
  if (top.length === 0) return '';
  const parts = [
    `<h3>${e(t('topRules', locale))}</h3><table class="plain" data-testid="top-rules"><tr><th>${e(t('rule', locale))}</th><th>${e(t('findings', locale))}</th><th>${e(t('reportsWith', locale))}</th></tr>`,
  ];
  for (const [id, total] of top) {
    const rule = byId.get(id);
    const url = rule ? ruleDocsUrl(rule) : undefined;
    const name = rule ? `${id}：${rule.meta.description[locale]}` : id;
    parts.push(
      `<tr data-rule="${e(id)}"><td>${url ? `<a href="${e(url)}" rel="noopener">${e(name)}</a>` : e(name)}</td><td class="num">${total.findings}</td><td class="num">${total.reports}</td></tr>`,
    );
  }
  parts.push('</table>');
  return parts.join('');
}

interface Day {
  year: number;
  month: number;
  day: number;
}

const showDay = (d: Day): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** A report's signature date against its deadline: on time, late, before the year ended, or undated. */
function publication(r: Summary, year: number, deadline: Day, locale: Locale): { status: string; cls: string } {
  if (!r.signed) return { status: t('noDate', locale), cls: 'muted' };
  const signed = Date.UTC(r.signed.year, r.signed.month - 1, r.signed.day);
  const days = Math.round((signed - Date.UTC(deadline.year, deadline.month - 1, deadline.day)) / 86_400_000);
  if (signed <= Date.UTC(year, 11, 31)) return { status: t('early', locale), cls: 'g-warn' };
  if (days > 0) return { status: t('late', locale, days), cls: 'g-err' };
  return { status: t('onTime', locale), cls: 'g-ok' };
}

/** Publication dates against the deadline (departments 31 Jan, governments 31 Mar). */
function datesHtml({ locale, reports, agencyName }: Overview): string {
  const dated = reports.filter((r) => r.year !== null);
  if (dated.length === 0) return '';
  const parts = [
    `<h3>${e(t('dates', locale))}</h3><div class="scroll"><table class="plain" data-testid="dates"><tr><th>${e(t('agency', locale))}</th><th>${e(t('year', locale))}</th><th>${e(t('date', locale))}</th><th>${e(t('deadline', locale))}</th><th>${e(t('status', locale))}</th></tr>`,
  ];
  for (const r of [...dated].sort((x, y) => (x.agency ?? '').localeCompare(y.agency ?? '', 'zh-CN') || (x.year ?? 0) - (y.year ?? 0))) {
    const year = r.year as number;
    const deadline = r.government ? { year: year + 1, month: 3, day: 31 } : { year: year + 1, month: 1, day: 31 };
    const { status, cls } = publication(r, year, deadline, locale);
    parts.push(
      `<tr data-agency="${e(r.agency ?? '')}" data-year="${year}"><td>${e(agencyName(r.agency ?? ''))}</td><td><a href="#${e(r.id)}">${year}</a></td><td>${r.signed ? showDay(r.signed) : '—'}</td><td>${showDay(deadline)}</td><td class="${cls}">${e(status)}</td></tr>`,
    );
  }
  parts.push('</table></div>');
  return parts.join('');
}

/** Charts and comparisons per agency. */
function chartsHtml({ locale, reports, agencies }: Overview): string {
  const parts = [`<h3>${e(t('charts', locale))}</h3><p class="muted">${e(t('chartNote', locale))}</p>`];
  for (const a of agencies) {
    if (a === '') continue;
    const own = reports.filter((r) => r.agency === a && r.year !== null).sort((x, y) => (x.year ?? 0) - (y.year ?? 0));
    // A chart over the years needs at least two of them (a province's archive has many one-report agencies).
    if (own.length < 2) continue;
    const first = own[0]?.year ?? 0;
    const last = own[own.length - 1]?.year ?? 0;
    const span: number[] = [];
    for (let y = first; y <= last; y++) span.push(y);
    parts.push(`<div class="agency-charts" data-agency="${e(a)}" data-testid="agency-charts"><h4>${e(a)}</h4><div class="charts">`);
    for (const f of KEY_FIGURES) {
      const points = span.map((y) => ({ year: y, value: own.find((r) => r.year === y)?.figures[f.id] ?? null }));
      parts.push(chartSvg(f.label[locale], f.id, points));
    }
    parts.push('</div>');
    const comparisons = own.filter((r) => r.compared);
    if (comparisons.length > 0) {
      parts.push(
        `<p class="cmp-links">${e(t('comparisons', locale))}：${comparisons
          .map(
            (r) =>
              `<a href="#${e(r.compared ?? '')}" data-year="${r.year}">${e(t('compare', locale, { a: String(r.year), b: String((r.year ?? 0) - 1) }))}</a>`,
          )
          .join(' · ')}</p>`,
      );
    }
    parts.push('</div>');
  }
  return parts.join('');
}
