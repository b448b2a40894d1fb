/**
 * `--format html` over an archive: the page streams each report's section as it comes and keeps
 * only a small summary of each (counts, rules, key figures, signature date, the table values
 * packed into arrays); after the last report it writes the overview, which the page shows first
 * (CSS `order`): agencies × years grid, the rules that fail most, missing years, publication
 * dates against the deadline, per agency small charts of the key figures (inline SVG), and links
 * to the year-against-year comparisons, which are written into the section of whichever report
 * of a consecutive pair came second. Filters by agency, year and rule run in a small inline script;
 * nothing comes from a network. Pure: no `node:` modules.
 */
import { ruleDocsUrl, type Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { messageTable, type MessageTable } from '../../i18n.ts';
import { badgesHtml, escapeHtml, HTML_CSS, reportCounts, reportHtml } from './html.ts';
import { toEslintResult } from './json.ts';
import { displayName, identityOf, statisticsOf, TABLE_IDS, type ReadHow } from './statistics.ts';
import { drawTables, TABLE_TITLES } from './tables.ts';
import { whole, type Formatter, type FormatterContext, type FormatterStream, type StreamingFormatter } from './types.ts';

const T = {
  title: { 'zh-CN': '政府信息公开年度报告检查结果', en: 'Annual report check results' },
  overview: { 'zh-CN': '概览', en: 'Overview' },
  contents: { 'zh-CN': '报告目录', en: 'Reports' },
  grid: { 'zh-CN': '机关 × 年度（错误/警告，点击跳到该报告）', en: 'Agencies × years (errors/warnings; click for the report)' },
  agency: { 'zh-CN': '机关', en: 'Agency' },
  year: { 'zh-CN': '年度', en: 'Year' },
  unknownAgency: { 'zh-CN': '（未识别机关）', en: '(agency unknown)' },
  unknownYear: { 'zh-CN': '未识别', en: 'unknown' },
  all: { 'zh-CN': '全部', en: 'all' },
  rule: { 'zh-CN': '规则', en: 'Rule' },
  filters: { 'zh-CN': '筛选：', en: 'Filter: ' },
  topRules: { 'zh-CN': '问题最多的规则', en: 'Rules that fail most' },
  findings: { 'zh-CN': '问题数', en: 'findings' },
  reportsWith: { 'zh-CN': '涉及报告', en: 'reports' },
  missing: { 'zh-CN': '缺少的年度（前后年度都有报告）', en: 'Missing years (reports before and after)' },
  noMissing: { 'zh-CN': '没有缺少的年度。', en: 'No year is missing.' },
  gap: { 'zh-CN': '缺', en: 'missing' },
  dates: {
    'zh-CN': '公布日期与期限（落款日期；部门1月31日、人民政府3月31日，条例第四十九条）',
    en: 'Publication dates against the deadline (signature date; departments 31 Jan, governments 31 Mar, Article 49)',
  },
  date: { 'zh-CN': '落款日期', en: 'Signed' },
  deadline: { 'zh-CN': '期限', en: 'Deadline' },
  status: { 'zh-CN': '情况', en: 'Status' },
  onTime: { 'zh-CN': '按期', en: 'on time' },
  late: { 'zh-CN': '逾期{n}天', en: '{n} days late' },
  early: { 'zh-CN': '早于年度结束', en: 'before the year ended' },
  noDate: { 'zh-CN': '无落款日期', en: 'no date' },
  charts: { 'zh-CN': '主要数据历年变化', en: 'Key figures over the years' },
  chartNote: { 'zh-CN': '空缺的点表示该年度未读出或没有报告（不按0计）。', en: 'A missing point: not read or no report that year (never counted as 0).' },
  comparisons: { 'zh-CN': '逐年对比', en: 'Year against year' },
  compare: { 'zh-CN': '{a}年与{b}年对比', en: '{a} against {b}' },
  prevNow: { 'zh-CN': '上年 → 本年（变化）', en: 'last year → this year (change)' },
  carryOk: { 'zh-CN': '与上年结转一致', en: 'matches last year’s carry-over' },
  carryBad: { 'zh-CN': '应等于上年“结转下年度继续办理”{n}', en: 'should equal last year’s carry-forward {n}' },
  stockOk: { 'zh-CN': '与上年现行有效件数及本年增减一致', en: 'matches last year’s stock and this year’s changes' },
  stockBad: { 'zh-CN': '按上年现行有效件数及本年增减应为{n}', en: 'last year’s stock and this year’s changes give {n}' },
  copied: { 'zh-CN': '与上年相同的文字', en: 'Prose copied from last year' },
  notCopied: { 'zh-CN': '未发现大段照搬上年的文字（similar-to-last-year）。', en: 'No prose found copied from last year (similar-to-last-year).' },
  legend: { 'zh-CN': '图例：', en: 'Legend: ' },
  lClean: { 'zh-CN': '无问题', en: 'clean' },
  lWarn: { 'zh-CN': '只有警告', en: 'warnings only' },
  lErr: { 'zh-CN': '有错误', en: 'errors' },
  lGap: { 'zh-CN': '缺少的年度', en: 'missing year' },
  lCheckOk: { 'zh-CN': '✓ 跨年度核对一致', en: '✓ cross-year check holds' },
  lCheckBad: { 'zh-CN': '✗ 跨年度核对不一致', en: '✗ cross-year check fails' },
  lUnread: { 'zh-CN': '— 未读出', en: '— not read' },
  generated: { 'zh-CN': '由 xxgk-lint 生成', en: 'Made by xxgk-lint' },
  notReports: { 'zh-CN': '另有{n}个文件不是年度报告，未检查。', en: '{n} more files are not annual reports and were not checked.' },
} as const satisfies MessageTable;
const words = messageTable(T);

/** A word of the page; `n` fills `{n}`, an object the named placeholders. */
function t(key: keyof typeof T, locale: Locale, n?: number | string | Readonly<Record<string, string>>): string {
  return words(key, locale, typeof n === 'object' ? n : { n: n ?? '' });
}
const e = escapeHtml;

/** The key figures charted per agency: where each is in the tables. */
export const KEY_FIGURES = [
  { id: 'received', cells: [['t3.new', '总计']], label: { 'zh-CN': '本年新收申请', en: 'Applications received' } },
  { id: 'handled', cells: [['t3.total', '总计']], label: { 'zh-CN': '办理结果总计', en: 'Applications handled' } },
  { id: 'review', cells: [['t4.review', '总计']], label: { 'zh-CN': '行政复议', en: 'Reconsiderations' } },
  {
    id: 'litigation',
    cells: [
      ['t4.direct', '总计'],
      ['t4.afterReview', '总计'],
    ],
    label: { 'zh-CN': '行政诉讼', en: 'Lawsuits' },
  },
  { id: 'inForce', cells: [['t2.normative', '现行有效件数']], label: { 'zh-CN': '现行有效规范性文件', en: 'Normative documents in force' } },
] as const;
type FigureId = (typeof KEY_FIGURES)[number]['id'];

/** The cells of a report packed: a shared layout (table, row, label, column per index) and the values. */
interface Layout {
  keys: { table: string; rowId: string; row: string; column: string }[];
  index: Map<string, number>;
}
interface Packed {
  layout: Layout;
  values: (number | null)[];
  reads: ReadHow[];
  /** Cells of this report that cross-year rules found wrong: index → message. */
  marks: Map<number, string>;
}

interface Summary {
  id: string;
  name: string;
  agency: string | null;
  year: number | null;
  errors: number;
  warnings: number;
  rules: Map<string, number>;
  figures: Partial<Record<FigureId, number | null>>;
  signed: { year: number; month: number; day: number } | null;
  government: boolean;
  cells: Packed | undefined;
  /** The similar-to-last-year finding, if any. */
  similar: { message: string; excerpt: string } | undefined;
  /** Comparisons of this report's year with the year before (id of the comparison element). */
  compared: string | undefined;
}

const CROSS_YEAR_RULES = new Set(['carry-over', 'stock-continuity']);

/** Builds the overview from the summaries it is given, report by report. */
export class Archive {
  readonly reports: Summary[] = [];
  private readonly layouts = new Map<string, Layout>();
  private readonly byAgencyYear = new Map<string, Summary>();
  notReports = 0;

  constructor(private readonly locale: Locale) {}

  private pack(result: LintResult, messages: readonly Diagnostic[]): Packed | undefined {
    const records = statisticsOf(result);
    if (records.length === 0) return undefined;
    const signature = records.map((r) => `${r.rowId}/${r.column}`).join('|');
    let layout = this.layouts.get(signature);
    if (!layout) {
      const keys = records.map((r) => ({ table: r.table, rowId: r.rowId, row: r.row, column: r.column }));
      layout = { keys, index: new Map(keys.map((k, i) => [`${k.rowId}/${k.column}`, i])) };
      this.layouts.set(signature, layout);
    }
    const marks = new Map<number, string>();
    const cross = messages.filter((m) => CROSS_YEAR_RULES.has(m.ruleId));
    if (cross.length > 0 && result.model) {
      for (const drawn of drawTables(result.model, cross))
        for (const block of drawn.blocks)
          for (const row of block.rows)
            for (const c of row.cells) {
              const i = layout.index.get(`${row.row.id}/${c.column}`);
              const first = c.findings[0];
              if (i !== undefined && first) marks.set(i, first.message);
            }
    }
    return { layout, values: records.map((r) => r.value), reads: records.map((r) => r.read), marks };
  }

  /** Adds a report; returns the comparisons it completes (with the year before or after, when both are in the run). */
  add(result: LintResult, id: string, name: string): Comparison[] {
    if (result.notReport) {
      this.notReports++;
      return [];
    }
    const { errors, warnings } = reportCounts(result);
    const rules = new Map<string, number>();
    for (const m of result.messages) rules.set(m.ruleId, (rules.get(m.ruleId) ?? 0) + 1);
    const { agency, year } = identityOf(result);
    const cells = this.pack(result, result.messages);
    const figures: Summary['figures'] = {};
    for (const f of KEY_FIGURES) {
      const values = f.cells.map(([rowId, column]) => {
        const i = cells?.layout.index.get(`${rowId}/${column}`);
        return i === undefined ? null : (cells?.values[i] ?? null);
      });
      figures[f.id] = values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + (b ?? 0), 0);
    }
    const model = result.model;
    const signed = model?.signature?.date ?? (model?.published ? { year: model.published.year, month: model.published.month, day: model.published.day } : null);
    const similarFinding = result.messages.find((m) => m.ruleId === 'similar-to-last-year');
    const summary: Summary = {
      id,
      name,
      agency,
      year,
      errors,
      warnings,
      rules,
      figures,
      signed,
      government: /人民政府$/.test(model?.signature?.agency ?? agency ?? ''),
      cells,
      similar: similarFinding ? { message: similarFinding.message, excerpt: String(similarFinding.data['excerpt'] ?? '') } : undefined,
      compared: undefined,
    };
    this.reports.push(summary);
    if (agency === null || year === null) return [];
    const key = (y: number): string => `${agency}\u0000${y}`;
    if (this.byAgencyYear.has(key(year))) return [];
    this.byAgencyYear.set(key(year), summary);
    const out: Comparison[] = [];
    const before = this.byAgencyYear.get(key(year - 1));
    if (before) out.push(this.comparison(before, summary));
    const after = this.byAgencyYear.get(key(year + 1));
    if (after) out.push(this.comparison(summary, after));
    return out;
  }

  /** Last year's and this year's tables cell by cell, with the cross-year checks (R5 carry-over, R6 stock). */
  private comparison(prev: Summary, now: Summary): Comparison {
    const id = `cmp-${now.id}`;
    now.compared = id;
    const cells: ComparisonCell[] = [];
    const a = prev.cells;
    const b = now.cells;
    if (a && b) {
      const value = (p: Packed, rowId: string, column: string): number | null => {
        const i = p.layout.index.get(`${rowId}/${column}`);
        return i === undefined ? null : (p.values[i] ?? null);
      };
      b.layout.keys.forEach((k, i) => {
        const previous = value(a, k.rowId, k.column);
        const current = b.values[i] ?? null;
        const cell: ComparisonCell = {
          table: k.table,
          rowId: k.rowId,
          row: k.row,
          column: k.column,
          previous,
          current,
          change: previous !== null && current !== null ? Math.round((current - previous) * 1e6) / 1e6 : null,
        };
        let expected: number | null = null;
        let check: ComparisonCell['check'];
        if (k.rowId === 't3.carried') {
          check = 'carry-over';
          expected = value(a, 't3.carryOver', k.column);
        } else if ((k.rowId === 't2.rules' || k.rowId === 't2.normative') && k.column === '现行有效件数') {
          check = 'stock';
          const last = value(a, k.rowId, '现行有效件数');
          const issued = value(b, k.rowId, '本年制发件数');
          const repealed = value(b, k.rowId, '本年废止件数');
          expected = last !== null && issued !== null && repealed !== null ? last + issued - repealed : null;
        }
        if (check && expected !== null && current !== null) Object.assign(cell, { check, expected, ok: expected === current });
        const finding = b.marks.get(i);
        if (finding) cell.finding = finding;
        cells.push(cell);
      });
    }
    return {
      id,
      agency: now.agency ?? '',
      year: now.year ?? 0,
      previousYear: prev.year ?? 0,
      file: now.name,
      previousFile: prev.name,
      cells,
      copied: now.similar ?? null,
    };
  }

  /** The overview, shown first on the page. */
  overview(rules: readonly Rule[]): string {
    const { locale } = this;
    const reports = this.reports;
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
    const agencyName = (a: string): string => (a === '' ? t('unknownAgency', locale) : a);
    const yearName = (y: number | null): string => (y === null ? t('unknownYear', locale) : String(y));
    const parts: string[] = [`<section class="overview" id="overview" data-testid="overview"><h2>${e(t('overview', locale))}</h2>`];

    // Filters.
    const option = (value: string, label: string): string => `<option value="${e(value)}">${e(label)}</option>`;
    parts.push(
      `<form class="filters" data-testid="filters" onsubmit="return false">${e(t('filters', locale))}` +
        `<label>${e(t('agency', locale))} <select data-filter="agency">${option('', t('all', locale))}${agencies.map((a) => option(a, agencyName(a))).join('')}</select></label> ` +
        `<label>${e(t('year', locale))} <select data-filter="year">${option('', t('all', locale))}${years.map((y) => option(y === null ? '?' : String(y), yearName(y))).join('')}</select></label> ` +
        `<label>${e(t('rule', locale))} <select data-filter="rule">${option('', t('all', locale))}${[...ruleTotals.keys()]
          .sort()
          .map((id) => option(id, id))
          .join('')}</select></label></form>`,
    );

    // The grid.
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

    // The rules that fail most.
    const byId = new Map(rules.map((r) => [r.meta.id, r]));
    const top = [...ruleTotals].sort((x, y) => y[1].findings - x[1].findings || x[0].localeCompare(y[0])).slice(0, 15);
    if (top.length > 0) {
      parts.push(
        `<h3>${e(t('topRules', locale))}</h3><table class="plain" data-testid="top-rules"><tr><th>${e(t('rule', locale))}</th><th>${e(t('findings', locale))}</th><th>${e(t('reportsWith', locale))}</th></tr>`,
      );
      for (const [id, total] of top) {
        const rule = byId.get(id);
        const url = rule ? ruleDocsUrl(rule) : undefined;
        const name = rule ? `${id}：${rule.meta.description[locale]}` : id;
        parts.push(
          `<tr data-rule="${e(id)}"><td>${url ? `<a href="${e(url)}" rel="noopener">${e(name)}</a>` : e(name)}</td><td class="num">${total.findings}</td><td class="num">${total.reports}</td></tr>`,
        );
      }
      parts.push('</table>');
    }

    // Missing years.
    parts.push(`<h3>${e(t('missing', locale))}</h3>`);
    parts.push(
      missing.length === 0
        ? `<p class="muted">${e(t('noMissing', locale))}</p>`
        : `<ul data-testid="missing">${missing.map((m) => `<li data-agency="${e(m.agency)}" data-year="${m.year}">${e(m.agency)} ${m.year}</li>`).join('')}</ul>`,
    );

    // Publication dates.
    const dated = reports.filter((r) => r.year !== null);
    if (dated.length > 0) {
      parts.push(
        `<h3>${e(t('dates', locale))}</h3><div class="scroll"><table class="plain" data-testid="dates"><tr><th>${e(t('agency', locale))}</th><th>${e(t('year', locale))}</th><th>${e(t('date', locale))}</th><th>${e(t('deadline', locale))}</th><th>${e(t('status', locale))}</th></tr>`,
      );
      for (const r of [...dated].sort((x, y) => (x.agency ?? '').localeCompare(y.agency ?? '', 'zh-CN') || (x.year ?? 0) - (y.year ?? 0))) {
        const year = r.year as number;
        const deadline = r.government ? { year: year + 1, month: 3, day: 31 } : { year: year + 1, month: 1, day: 31 };
        const show = (d: { year: number; month: number; day: number }): string =>
          `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
        let status: string;
        let cls: string;
        if (!r.signed) {
          status = t('noDate', locale);
          cls = 'muted';
        } else {
          const days = Math.round(
            (Date.UTC(r.signed.year, r.signed.month - 1, r.signed.day) - Date.UTC(deadline.year, deadline.month - 1, deadline.day)) / 86_400_000,
          );
          const beforeEnd = Date.UTC(r.signed.year, r.signed.month - 1, r.signed.day) <= Date.UTC(year, 11, 31);
          if (beforeEnd) {
            status = t('early', locale);
            cls = 'g-warn';
          } else if (days > 0) {
            status = t('late', locale, days);
            cls = 'g-err';
          } else {
            status = t('onTime', locale);
            cls = 'g-ok';
          }
        }
        parts.push(
          `<tr data-agency="${e(r.agency ?? '')}" data-year="${year}"><td>${e(agencyName(r.agency ?? ''))}</td><td><a href="#${e(r.id)}">${year}</a></td><td>${r.signed ? show(r.signed) : '—'}</td><td>${show(deadline)}</td><td class="${cls}">${e(status)}</td></tr>`,
        );
      }
      parts.push('</table></div>');
    }

    // Charts and comparisons per agency.
    parts.push(`<h3>${e(t('charts', locale))}</h3><p class="muted">${e(t('chartNote', locale))}</p>`);
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

    // Contents: every report.
    parts.push(`<h3>${e(t('contents', locale))}</h3><ol class="contents" data-testid="contents">`);
    for (const r of reports) {
      parts.push(
        `<li data-agency="${e(r.agency ?? '')}" data-year="${r.year ?? '?'}" data-rules="${e([...r.rules.keys()].join(' '))}"><a href="#${e(r.id)}">${e(r.name)}</a> ${badgesHtml(r.errors, r.warnings, locale)}</li>`,
      );
    }
    parts.push('</ol>');
    if (this.notReports > 0) parts.push(`<p class="muted">${e(t('notReports', locale, this.notReports))}</p>`);
    parts.push('</section>');
    return parts.join('');
  }
}

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

const ARCHIVE_CSS = `
main{display:flex;flex-direction:column}
main>h1{order:-2}
.overview{order:-1;background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:.4em 0}
.filters select{font:inherit}
table.grid,table.plain{border-collapse:collapse;font-size:.88em}
.grid th,.grid td,.plain th,.plain td{border:1px solid var(--line);padding:3px 6px;text-align:center}
.grid th.agency{text-align:left;font-weight:600;background:#fff}
.grid a{display:inline-block;min-width:3.2em;border-radius:3px;padding:0 4px;text-decoration:none;font-variant-numeric:tabular-nums}
.g-ok{background:#dafbe1;color:#1a7f37}
.g-warn{background:var(--warn-bg);color:var(--warn)}
.g-err{background:var(--err-bg);color:var(--err);font-weight:600}
.g-gap{background:repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 4px,#fff 4px,#fff 8px);color:var(--err);font-weight:600}
.legend .g-ok,.legend .g-warn,.legend .g-err,.legend .g-gap{outline:1px solid var(--line)}
.plain td{text-align:left}.plain td.num{text-align:right}
.muted{color:var(--muted)}
.charts{display:flex;flex-wrap:wrap;gap:8px}
figure.chart{margin:0;border:1px solid var(--line);border-radius:4px;padding:2px 4px;background:#fff}
figure.chart figcaption{font-size:.8em;color:var(--muted)}
.comparison{border-top:2px solid var(--line);margin-top:1em}
table.cmp td{white-space:nowrap}
.cmp .prev{color:var(--muted)}
.up{color:#1a7f37;font-size:.8em;margin-left:3px}
.down{color:var(--err);font-size:.8em;margin-left:3px}
.chk.ok{color:#1a7f37;font-weight:700}
.chk.bad{color:var(--err);font-weight:700}
td.chk-bad{background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px}
td.chk-ok{background:#f0fff4}
mark.copied{background:#fff3a0}
[hidden]{display:none!important}
.dim{opacity:.25}
@media screen{.report{content-visibility:auto;contain-intrinsic-size:auto 1400px}}
@media print{.filters{display:none}.overview{border:0;padding:0}.g-ok,.g-warn,.g-err,.g-gap,td.chk-bad,td.chk-ok,mark.copied{-webkit-print-color-adjust:exact;print-color-adjust:exact}.agency-charts{break-inside:avoid}}
`;

/** The filters: agency and year hide what does not match; a rule hides reports without it and dims grid cells. */
const FILTER_SCRIPT = `(function(){
var f=document.querySelector('.filters');if(!f)return;
function v(n){return f.querySelector('[data-filter="'+n+'"]').value}
function apply(){var a=v('agency'),y=v('year'),r=v('rule');
document.querySelectorAll('[data-agency],[data-year]').forEach(function(el){
if(el.closest('.filters'))return;
var ea=el.getAttribute('data-agency'),ey=el.getAttribute('data-year');
var hide=(a!==''&&ea!==null&&ea!==a)||(y!==''&&ey!==null&&ey!==y&&!el.closest('tr.head'));
if(el.tagName==='TH'&&ey!==null)hide=y!==''&&ey!==y;
el.hidden=hide;});
document.querySelectorAll('[data-rules]').forEach(function(el){var has=r===''||(' '+el.getAttribute('data-rules')+' ').indexOf(' '+r+' ')>=0;
if(el.tagName==='A')el.classList.toggle('dim',!has);else if(!el.hidden)el.hidden=!has;});
document.querySelectorAll('section.report').forEach(function(el){var rs=el.getAttribute('data-rules');if(r!==''&&rs!==null&&(' '+rs+' ').indexOf(' '+r+' ')<0)el.hidden=true;});
document.querySelectorAll('[data-rule]').forEach(function(el){if(el.tagName==='TR')el.hidden=r!==''&&el.getAttribute('data-rule')!==r;});}
f.addEventListener('change',apply);})();`;

function pageHead(locale: Locale, title: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing from elsewhere: the page must open inside an office network without internet.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${e(title)}</title><style>${HTML_CSS}${ARCHIVE_CSS}</style></head>`,
    `<body><main><h1>${e(title)}</h1>`,
  ].join('\n');
}

/**
 * `--format html`, report by report: each report's section (findings, tables, and the comparison
 * with the year before when both are in the run), then the overview.
 */
export const htmlStream: StreamingFormatter = (context: FormatterContext): FormatterStream => {
  const { locale } = context;
  const archive = new Archive(locale);
  let started = false;
  let count = 0;
  const head = (): string => {
    if (started) return '';
    started = true;
    return pageHead(locale, t('title', locale));
  };
  return {
    file(result) {
      const start = head();
      if (result.notReport) {
        archive.add(result, '', '');
        return start;
      }
      const id = `r${++count}`;
      const name = displayName(result.filePath, context.cwd);
      const comparisons = archive
        .add(result, id, name)
        .map((c) => comparisonHtml(c, locale))
        .join('');
      const { agency, year } = identityOf(result);
      const section = reportHtml(result, { locale, rules: context.rules, name, idPrefix: id }, comparisons);
      // The section carries what the filters match on.
      const attrs = ` data-agency="${e(agency ?? '')}" data-year="${year ?? '?'}" data-rules="${e([...new Set(result.messages.map((m) => m.ruleId))].join(' '))}"`;
      return start + section.replace('<section class="report"', `<section class="report"${attrs}`);
    },
    end() {
      // One report needs no overview: its section has its own jump links.
      const overview = archive.reports.length > 1 ? archive.overview(context.rules) : '';
      const script = overview ? `<script>${FILTER_SCRIPT}</script>` : '';
      return `${head()}${overview}<footer>${e(t('generated', locale))}</footer></main>${script}</body></html>\n`;
    },
  };
};

export const html: Formatter = whole(htmlStream);

/**
 * `--format json-archive`: ESLint's JSON array (the `json` format, key for key) with two more keys
 * per report, so that tools reading ESLint's results read it unchanged: `statistics`, the report's
 * cells as `--format csv` has them (without the file, agency, year and counts the result already
 * holds), and `comparisons`, the year-against-year comparisons this report completes (with the
 * same agency's report of the year before or after, when it came earlier in the run).
 */
export const jsonArchiveStream: StreamingFormatter = (context: FormatterContext): FormatterStream => {
  const archive = new Archive(context.locale);
  let count = 0;
  return {
    file(result) {
      const id = `r${count + 1}`;
      const comparisons = archive.add(result, id, displayName(result.filePath, context.cwd));
      const statistics = statisticsOf(result, { cwd: context.cwd }).map(({ table, template, rowId, row, column, value, read, raw, line, rowStatus }) => ({
        table,
        template,
        rowId,
        row,
        column,
        value,
        read,
        raw,
        line,
        rowStatus,
      }));
      const entry = { ...toEslintResult(result), ...(result.notReport ? {} : { statistics, comparisons }) };
      return `${count++ === 0 ? '[' : ','}${JSON.stringify(entry)}`;
    },
    end: () => (count === 0 ? '[]' : ']'),
  };
};

export const jsonArchive: Formatter = whole(jsonArchiveStream);

/** The year-against-year comparisons of a run's reports (what `--format json-archive` attaches), for the library. */
export function compareYears(results: Iterable<LintResult>, options: { cwd?: string; locale?: Locale } = {}): Comparison[] {
  const archive = new Archive(options.locale ?? 'zh-CN');
  const out: Comparison[] = [];
  let n = 0;
  for (const r of results) out.push(...archive.add(r, `r${++n}`, options.cwd === undefined ? r.filePath : displayName(r.filePath, options.cwd)));
  return out;
}
