/**
 * `--format html`: one self-contained page (inline CSS only: no CDN, fonts or scripts from elsewhere,
 * so it opens from disk inside an office network) for the people who write the reports. Per report:
 * a summary, each finding with its rule, message, place and documentation link, and the three
 * tables redrawn from the model with every cell a finding concerns marked and the expected value
 * beside it. Readable printed on A4 and on a phone. The web page (site/) uses the same rendering.
 * Pure: no `node:` modules.
 */
import { ruleDocsUrl, type Rule } from '../../rule.ts';
import type { ReportModel } from '../../model/schema.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { cellText, drawTables, TABLE_TITLES, type DrawnCell, type DrawnRow, type DrawnTable } from './tables.ts';
import type { Formatter } from './types.ts';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const TEXT = {
  title: { 'zh-CN': '政府信息公开年度报告检查结果', en: 'Annual report check results' },
  errors: { 'zh-CN': '错误', en: 'errors' },
  warnings: { 'zh-CN': '警告', en: 'warnings' },
  error: { 'zh-CN': '错误', en: 'error' },
  warning: { 'zh-CN': '警告', en: 'warning' },
  clean: { 'zh-CN': '未发现问题', en: 'No problems found' },
  byRule: { 'zh-CN': '按规则', en: 'By rule' },
  findings: { 'zh-CN': '问题', en: 'Findings' },
  tables: { 'zh-CN': '统计表（按模板重绘，问题单元格已标出）', en: 'Tables (redrawn as the template lays them out, cells with findings marked)' },
  line: { 'zh-CN': '第 {n} 行', en: 'line {n}' },
  docs: { 'zh-CN': '规则说明', en: 'rule docs' },
  expected: { 'zh-CN': '应为', en: 'expected' },
  notFound: { 'zh-CN': '未找到此表', en: 'Table not found' },
  rowUnread: { 'zh-CN': '此行未能读出', en: 'row not read' },
  content: { 'zh-CN': '信息内容', en: 'Item' },
  applicant: { 'zh-CN': '申请人情况', en: 'Applicants' },
  review: { 'zh-CN': '行政复议', en: 'Reconsideration' },
  litigation: { 'zh-CN': '行政诉讼', en: 'Litigation' },
  direct: { 'zh-CN': '未经复议直接起诉', en: 'Direct' },
  afterReview: { 'zh-CN': '复议后起诉', en: 'After reconsideration' },
  legend: { 'zh-CN': '图例：', en: 'Legend: ' },
  legendError: { 'zh-CN': '有错误的单元格', en: 'cell with an error' },
  legendWarning: { 'zh-CN': '有警告的单元格', en: 'cell with a warning' },
  legendUnread: { 'zh-CN': '未能读出', en: 'could not be read' },
  fatal: { 'zh-CN': '无法检查此文件', en: 'This file could not be checked' },
  other: { 'zh-CN': '表内其他问题', en: 'Other findings in this table' },
  generated: { 'zh-CN': '由 xxgk-lint 生成', en: 'Made by xxgk-lint' },
} as const satisfies Record<string, Record<Locale, string>>;

export function text(key: keyof typeof TEXT, locale: Locale, n?: number | string): string {
  return TEXT[key][locale].replace('{n}', String(n ?? ''));
}

/** The page's style sheet: screen, phone (narrow) and print (A4). */
export const HTML_CSS = `
:root{--err:#c62828;--err-bg:#ffebee;--warn:#b26a00;--warn-bg:#fff4e0;--unread:#6b6b6b;--line:#c9ced6;--fg:#1f2328;--muted:#59636e}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;color:var(--fg);background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.4em;margin:.4em 0}
h2{font-size:1.2em;margin:1.2em 0 .4em;word-break:break-all}
h3{font-size:1.05em;margin:1em 0 .3em}
.report{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:16px 0}
.summary{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:.3em 0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.9em;border:1px solid}
.badge.error{color:var(--err);border-color:var(--err);background:var(--err-bg)}
.badge.warning{color:var(--warn);border-color:var(--warn);background:var(--warn-bg)}
.badge.ok{color:#1a7f37;border-color:#1a7f37;background:#dafbe1}
.by-rule{color:var(--muted);font-size:.9em}
ol.findings{padding-left:1.6em;margin:.3em 0}
ol.findings li{margin:.35em 0}
.finding .sev{font-weight:600;margin-right:.3em}
.finding.error .sev{color:var(--err)}
.finding.warning .sev{color:var(--warn)}
.finding .where,.finding .rule{color:var(--muted);font-size:.88em;margin-left:.4em}
.finding a{color:#0550ae}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4em 0 1em}
table.report-table{border-collapse:collapse;font-size:.88em;min-width:100%}
.report-table th,.report-table td{border:1px solid var(--line);padding:3px 6px;vertical-align:middle}
.report-table th{background:#eef1f5;font-weight:600;text-align:center}
.report-table td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.report-table td.label{min-width:8em}
.report-table td.bad-error{background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px;color:var(--err);font-weight:700}
.report-table td.bad-warning{background:var(--warn-bg);outline:2px solid var(--warn);outline-offset:-2px;font-weight:700}
.report-table td.unread{color:var(--unread);font-style:italic;background:repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 4px,#fff 4px,#fff 8px)}
.report-table tr.row-bad td.label{color:var(--err)}
.expected{display:block;font-size:.8em;font-weight:600;color:#1a7f37;white-space:nowrap}
.legend{font-size:.85em;color:var(--muted)}
.legend span{display:inline-block;padding:0 6px;margin:0 4px;border-radius:3px}
.legend .l-error{background:var(--err-bg);outline:1px solid var(--err)}
.legend .l-warning{background:var(--warn-bg);outline:1px solid var(--warn)}
.legend .l-unread{background:#eee;font-style:italic}
.fatal{color:var(--err);font-weight:600}
footer{color:var(--muted);font-size:.8em;text-align:center;margin:2em 0 1em}
@media (max-width:640px){body{font-size:14px}main{padding:8px}.report{padding:8px;border-radius:0;margin:8px -8px}.report-table{font-size:.8em}.report-table td.label{min-width:6em}}
@media print{@page{size:A4;margin:12mm}body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}.report{border:0;padding:0;margin:0 0 8mm;break-before:page}.report:first-of-type{break-before:auto}.scroll{overflow:visible}table.report-table{font-size:8pt}.report-table tr{break-inside:avoid}.report-table td.bad-error,.report-table td.bad-warning,.badge,.report-table td.unread{-webkit-print-color-adjust:exact;print-color-adjust:exact}.finding a{color:inherit;text-decoration:none}footer{display:none}}
`;

export interface RenderOptions {
  locale: Locale;
  rules: readonly Rule[];
  /** The name to show for the file. */
  name: string;
  /** Prefix for element ids, unique per report on the page. */
  idPrefix: string;
}

function severityOf(findings: readonly Diagnostic[]): 'error' | 'warning' | undefined {
  if (findings.length === 0) return undefined;
  return findings.some((f) => f.severity === 2) ? 'error' : 'warning';
}

function cellTd(drawn: DrawnCell, options: RenderOptions, findingIds: Map<Diagnostic, string>): string {
  const { locale } = options;
  const shown = cellText(drawn.cell, locale);
  const severity = severityOf(drawn.findings);
  const classes = ['num'];
  if (severity) classes.push(`bad-${severity}`);
  else if (shown.unread) classes.push('unread');
  const title = [...(shown.note ? [shown.note] : []), ...drawn.findings.map((f) => f.message)].join('\n');
  const refs = drawn.findings.map((f) => findingIds.get(f)).filter((id) => id !== undefined);
  const attrs = [
    `class="${classes.join(' ')}"`,
    title ? `title="${escapeHtml(title)}"` : '',
    severity ? `data-testid="bad-cell" data-column="${escapeHtml(drawn.column)}"` : '',
    refs.length > 0 ? `aria-describedby="${escapeHtml(refs.join(' '))}"` : '',
  ].filter(Boolean);
  const expected = drawn.expected !== undefined ? `<span class="expected">${escapeHtml(text('expected', locale))} ${escapeHtml(drawn.expected)}</span>` : '';
  return `<td ${attrs.join(' ')}>${escapeHtml(shown.text)}${expected}</td>`;
}

function labelTd(row: DrawnRow, colspan: number): string {
  return `<td class="label"${colspan > 1 ? ` colspan="${colspan}"` : ''}>${escapeHtml(row.item)}</td>`;
}

function rowTr(row: DrawnRow, labelCells: string, options: RenderOptions, findingIds: Map<Diagnostic, string>): string {
  const unread = row.row.status !== 'read';
  const bad = row.findings.length > 0 || unread;
  const cells = row.cells.map((c) => cellTd(c, options, findingIds)).join('');
  const note = unread ? ` title="${escapeHtml(text('rowUnread', options.locale))}"` : '';
  return `<tr${bad ? ' class="row-bad"' : ''}${note} data-row="${escapeHtml(row.row.id)}">${labelCells}${cells}</tr>`;
}

function drawT2(table: DrawnTable, options: RenderOptions, ids: Map<Diagnostic, string>): string {
  return table.blocks
    .map((block) => {
      const head = `<tr><th>${escapeHtml(text('content', options.locale))}</th>${block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
      const body = block.rows.map((r) => rowTr(r, labelTd(r, 1), options, ids)).join('');
      return `<div class="scroll"><table class="report-table">${head}${body}</table></div>`;
    })
    .join('');
}

function drawT3(table: DrawnTable, options: RenderOptions, ids: Map<Diagnostic, string>): string {
  const rows = table.blocks.flatMap((b) => b.rows);
  const columns = table.blocks[0]?.columns ?? [];
  const head = `<tr><th colspan="2">${escapeHtml(text('applicant', options.locale))}</th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r, i) => {
      let label: string;
      if (r.group === undefined) label = labelTd(r, 2);
      else if (rows[i - 1]?.group === r.group) label = labelTd(r, 1);
      else {
        let n = 1;
        while (rows[i + n]?.group === r.group) n++;
        label = `<td class="label" rowspan="${n}">${escapeHtml(r.group)}</td>${labelTd(r, 1)}`;
      }
      return rowTr(r, label, options, ids);
    })
    .join('');
  return `<div class="scroll"><table class="report-table">${head}${body}</table></div>`;
}

function drawT4(table: DrawnTable, options: RenderOptions, ids: Map<Diagnostic, string>): string {
  const { locale } = options;
  const rows = table.blocks.flatMap((b) => b.rows);
  const columns = table.blocks[0]?.columns ?? [];
  const width = columns.length;
  const head1 = `<tr><th colspan="${width}">${escapeHtml(text('review', locale))}</th><th colspan="${width * 2}">${escapeHtml(text('litigation', locale))}</th></tr>`;
  const head2 = `<tr><th colspan="${width}"></th><th colspan="${width}">${escapeHtml(text('direct', locale))}</th><th colspan="${width}">${escapeHtml(text('afterReview', locale))}</th></tr>`;
  const head3 = `<tr>${rows.map(() => columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')).join('')}</tr>`;
  const cells = rows.map((r) => r.cells.map((c) => cellTd(c, options, ids)).join('')).join('');
  return `<div class="scroll"><table class="report-table">${head1}${head2}${head3}<tr>${cells}</tr></table></div>`;
}

/** The three tables with their marked cells. */
export function tablesHtml(model: ReportModel, messages: readonly Diagnostic[], options: RenderOptions, ids: Map<Diagnostic, string>): string {
  const { locale } = options;
  return drawTables(model, messages)
    .map((drawn) => {
      const title = `<h3>${escapeHtml(TABLE_TITLES[drawn.table.id][locale])}</h3>`;
      if (!drawn.table.found) return `${title}<p class="fatal">${escapeHtml(text('notFound', locale))}</p>`;
      const body = drawn.table.id === 't2' ? drawT2(drawn, options, ids) : drawn.table.id === 't3' ? drawT3(drawn, options, ids) : drawT4(drawn, options, ids);
      return `<section class="table" data-table="${drawn.table.id}">${title}${body}</section>`;
    })
    .join('');
}

function where(d: Diagnostic, locale: Locale): string {
  return d.place ?? text('line', locale, d.line);
}

/** One report: summary, findings, tables. */
export function reportHtml(result: LintResult, options: RenderOptions): string {
  const { locale, rules } = options;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const errors = result.messages.filter((m) => m.severity === 2).length + (result.fatal ? 1 : 0);
  const warnings = result.messages.filter((m) => m.severity === 1).length;
  const parts: string[] = [`<section class="report" data-testid="report"><h2>${escapeHtml(options.name)}</h2>`];
  const badges =
    errors + warnings === 0
      ? `<span class="badge ok">${escapeHtml(text('clean', locale))}</span>`
      : `<span class="badge error">${errors} ${escapeHtml(text('errors', locale))}</span><span class="badge warning">${warnings} ${escapeHtml(text('warnings', locale))}</span>`;
  const counts = new Map<string, number>();
  for (const m of result.messages) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
  const perRule = [...counts].map(([id, n]) => `${escapeHtml(id)} ${n}`).join(' · ');
  parts.push(`<div class="summary">${badges}${perRule ? `<span class="by-rule">${escapeHtml(text('byRule', locale))}：${perRule}</span>` : ''}</div>`);
  if (result.fatal) parts.push(`<p class="fatal" data-testid="finding">${escapeHtml(text('fatal', locale))}：${escapeHtml(result.fatal.message)}</p>`);

  const ids = new Map<Diagnostic, string>();
  result.messages.forEach((m, i) => ids.set(m, `${options.idPrefix}-f${i + 1}`));
  if (result.messages.length > 0) {
    parts.push(`<h3>${escapeHtml(text('findings', locale))}</h3><ol class="findings">`);
    for (const m of result.messages) {
      const rule = byId.get(m.ruleId);
      const sev = m.severity === 2 ? 'error' : 'warning';
      const url = rule ? ruleDocsUrl(rule) : undefined;
      const name = rule ? `${rule.meta.description[locale]}（${m.ruleId}）` : m.ruleId;
      const link = url ? ` <a href="${escapeHtml(url)}" rel="noopener">${escapeHtml(text('docs', locale))}</a>` : '';
      parts.push(
        `<li class="finding ${sev}" id="${escapeHtml(ids.get(m) ?? '')}" data-testid="finding" data-rule="${escapeHtml(m.ruleId)}" data-message-id="${escapeHtml(m.messageId)}">` +
          `<span class="sev">${escapeHtml(text(sev, locale))}</span>${escapeHtml(m.message)}` +
          `<span class="where">${escapeHtml(where(m, locale))}</span><span class="rule">${escapeHtml(name)}</span>${link}</li>`,
      );
    }
    parts.push('</ol>');
  }
  if (result.model) {
    parts.push(`<h3>${escapeHtml(text('tables', locale))}</h3>`);
    parts.push(
      `<p class="legend">${escapeHtml(text('legend', locale))}<span class="l-error">${escapeHtml(text('legendError', locale))}</span><span class="l-warning">${escapeHtml(text('legendWarning', locale))}</span><span class="l-unread">${escapeHtml(text('legendUnread', locale))}</span></p>`,
    );
    parts.push(tablesHtml(result.model, result.messages, options, ids));
  }
  parts.push('</section>');
  return parts.join('');
}

/** A whole page around the reports' sections. */
export function htmlPage(body: string, locale: Locale, title = text('title', locale)): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing from elsewhere: the page must open inside an office network without internet.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title><style>${HTML_CSS}</style></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1>${body}<footer>${escapeHtml(text('generated', locale))}</footer></main></body></html>`,
    '',
  ].join('\n');
}

function displayName(filePath: string, cwd: string): string {
  const base = cwd.endsWith('/') || cwd.endsWith('\\') ? cwd : `${cwd}${cwd.includes('\\') && !cwd.includes('/') ? '\\' : '/'}`;
  return filePath.startsWith(base) ? filePath.slice(base.length).replaceAll('\\', '/') : filePath;
}

export const html: Formatter = (results, context) => {
  const body = results
    .map((result, i) =>
      reportHtml(result, { locale: context.locale, rules: context.rules, name: displayName(result.filePath, context.cwd), idPrefix: `r${i + 1}` }),
    )
    .join('');
  return htmlPage(body, context.locale);
};
