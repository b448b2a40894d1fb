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
import type { Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { comparisonHtml, type Comparison, type ComparisonCell } from './archive-compare.ts';
import { e, KEY_FIGURES, t, type Layout, type Packed, type Summary } from './archive-model.ts';
import { overviewHtml } from './archive-overview.ts';
import { reportCounts, reportHtml } from './html.ts';
import { HTML_CSS } from './html-css.ts';
import { toEslintResult } from './json.ts';
import { displayName, identityOf, statisticsOf } from './statistics.ts';
import { drawTables } from './tables.ts';
import { whole, type Formatter, type FormatterContext, type FormatterStream, type StreamingFormatter } from './types.ts';

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
    return overviewHtml(this.reports, this.notReports, this.locale, rules);
  }
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
