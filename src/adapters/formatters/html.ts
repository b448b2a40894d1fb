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
import { messageTable, type MessageTable } from '../../i18n.ts';
import { cellText, drawTables, inSpan, TABLE_TITLES, type DrawnCell, type DrawnRow, type DrawnTable } from './tables.ts';

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
  legendRow: { 'zh-CN': '红色行名：此行未能读出或整行有问题', en: 'red row label: the row could not be read or has a finding' },
  legendExpected: { 'zh-CN': '应为：按勾稽关系应填的值', en: 'expected: the value the relations give' },
  legendSolved: { 'zh-CN': '（空）推算为：空格按本行关系算出的值', en: '(blank) solved: an empty cell’s value from its row' },
  legendSplit: { 'zh-CN': '虚线下划线：从连写的数字中拆出', en: 'dotted underline: split from digits run together' },
  legendHeader: { 'zh-CN': '表头有错字：原文，并标出应为', en: 'header typo: as printed, with what it should read' },
  legendBack: { 'zh-CN': '↩：跳到此格的问题', en: '↩: jump to the finding' },
  toCell: { 'zh-CN': '在表中查看', en: 'show in table' },
  contents: { 'zh-CN': '目录', en: 'Contents' },
  reports: { 'zh-CN': '份报告', en: 'reports' },
  fatal: { 'zh-CN': '无法检查此文件', en: 'This file could not be checked' },
  other: { 'zh-CN': '表内其他问题', en: 'Other findings in this table' },
  generated: { 'zh-CN': '由 xxgk-lint 生成', en: 'Made by xxgk-lint' },
} as const satisfies MessageTable;
const words = messageTable(TEXT);

export function text(key: keyof typeof TEXT, locale: Locale, n?: number | string): string {
  return words(key, locale, { n: n ?? '' });
}

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

function backLinks(findings: readonly Diagnostic[], findingIds: Map<Diagnostic, string>): string {
  return findings
    .map((f) => findingIds.get(f))
    .filter((id) => id !== undefined)
    .map((id) => `<a class="back" href="#${escapeHtml(id)}" aria-label="↩">↩</a>`)
    .join('');
}

function cellTd(drawn: DrawnCell, options: RenderOptions, findingIds: Map<Diagnostic, string>, id?: string): string {
  const { locale } = options;
  const shown = cellText(drawn.cell, locale);
  const severity = severityOf(drawn.findings);
  const classes = ['num'];
  if (severity) classes.push(`bad-${severity}`);
  else if (shown.unread) classes.push('unread');
  if (drawn.cell?.read === 'split') classes.push('split');
  const title = [...(shown.note ? [shown.note] : []), ...drawn.findings.map((f) => f.message)].join('\n');
  const refs = drawn.findings.map((f) => findingIds.get(f)).filter((id) => id !== undefined);
  const attrs = [
    id ? `id="${escapeHtml(id)}"` : '',
    `class="${classes.join(' ')}"`,
    title ? `title="${escapeHtml(title)}"` : '',
    severity ? `data-testid="bad-cell" data-column="${escapeHtml(drawn.column)}"` : '',
    refs.length > 0 ? `aria-describedby="${escapeHtml(refs.join(' '))}"` : '',
  ].filter(Boolean);
  const expected = drawn.expected !== undefined ? `<span class="expected">${escapeHtml(text('expected', locale))} ${escapeHtml(drawn.expected)}</span>` : '';
  return `<td ${attrs.join(' ')}>${escapeHtml(shown.text)}${expected}${backLinks(drawn.findings, findingIds)}</td>`;
}

/** Ids of the places in the drawn tables that findings concern, so that each finding links to its place. */
interface Places {
  prefix: string;
  /** Finding → the id of the cell, row label or header it concerns. */
  of: Map<Diagnostic, string>;
}

function placeId(places: Places, ...parts: (string | number)[]): string {
  return `${places.prefix}-${parts.join('-')}`.replace(/[^\w.-]/g, '_');
}

function claim(places: Places, findings: readonly Diagnostic[], id: string): void {
  for (const f of findings) if (!places.of.has(f)) places.of.set(f, id);
}

function labelTd(row: DrawnRow, colspan: number, places: Places, ids: Map<Diagnostic, string>): string {
  const id = placeId(places, row.row.id, 'label');
  claim(places, row.findings, id);
  const typo = row.row.found?.typo ? ` title="${escapeHtml(row.row.found.text)}"` : '';
  return `<td id="${escapeHtml(id)}" class="label"${colspan > 1 ? ` colspan="${colspan}"` : ''}${typo}>${escapeHtml(row.item)}${backLinks(row.findings, ids)}</td>`;
}

function rowCells(row: DrawnRow, options: RenderOptions, ids: Map<Diagnostic, string>, places: Places): string {
  return row.cells
    .map((c, i) => {
      const id = placeId(places, row.row.id, i);
      claim(places, c.findings, id);
      return cellTd(c, options, ids, id);
    })
    .join('');
}

function rowTr(row: DrawnRow, labelCells: string, options: RenderOptions, ids: Map<Diagnostic, string>, places: Places): string {
  const unread = row.row.status !== 'read';
  const bad = row.findings.length > 0 || unread;
  const note = unread ? ` title="${escapeHtml(text('rowUnread', options.locale))}"` : '';
  return `<tr${bad ? ' class="row-bad"' : ''}${note} data-row="${escapeHtml(row.row.id)}">${labelCells}${rowCells(row, options, ids, places)}</tr>`;
}

const normalizeWord = (word: string): string => word.replace(/[（(]/g, '(').replace(/[）)]/g, ')').replace(/[：:]/g, ':').replace(/\s+/g, '');

/** The headers as drawn: a header the report misspells shows as printed, marked, with what it should read. */
interface HeaderTypo {
  found: string;
  expected: string;
  findings: Diagnostic[];
}

function headerTypos(table: DrawnTable, messages: readonly Diagnostic[]): HeaderTypo[] {
  const out: HeaderTypo[] = [];
  for (const fact of table.table.facts) {
    if (fact.kind !== 'headerTypo') continue;
    const findings = messages.filter((m) => inSpan(m, fact.span));
    out.push({ found: fact.found, expected: fact.expected, findings });
  }
  return out;
}

function th(column: string, typos: readonly HeaderTypo[], options: RenderOptions, ids: Map<Diagnostic, string>, places: Places, key: string): string {
  const typo = typos.find((t) => normalizeWord(t.expected) === normalizeWord(column));
  if (!typo) return `<th>${escapeHtml(column)}</th>`;
  const id = placeId(places, key, 'head');
  claim(places, typo.findings, id);
  const severity = severityOf(typo.findings) ?? 'error';
  return (
    `<th id="${escapeHtml(id)}" class="bad-head bad-${severity}" data-testid="bad-header" title="${escapeHtml(`${typo.found} → ${column}`)}">` +
    `<s>${escapeHtml(typo.found)}</s><span class="expected">${escapeHtml(text('expected', options.locale))} ${escapeHtml(column)}</span>${backLinks(typo.findings, ids)}</th>`
  );
}

function drawT2(table: DrawnTable, options: RenderOptions, ids: Map<Diagnostic, string>, places: Places, typos: HeaderTypo[]): string {
  return table.blocks
    .map((block, b) => {
      const head = `<tr><th>${escapeHtml(text('content', options.locale))}</th>${block.columns.map((c, i) => th(c, typos, options, ids, places, `t2-${b}-${i}`)).join('')}</tr>`;
      const body = block.rows.map((r) => rowTr(r, labelTd(r, 1, places, ids), options, ids, places)).join('');
      return `<div class="scroll"><table class="report-table">${head}${body}</table></div>`;
    })
    .join('');
}

function drawT3(table: DrawnTable, options: RenderOptions, ids: Map<Diagnostic, string>, places: Places, typos: HeaderTypo[]): string {
  const rows = table.blocks.flatMap((b) => b.rows);
  const columns = table.blocks[0]?.columns ?? [];
  const head = `<tr><th colspan="2">${escapeHtml(text('applicant', options.locale))}</th>${columns.map((c, i) => th(c, typos, options, ids, places, `t3-${i}`)).join('')}</tr>`;
  const body = rows
    .map((r, i) => {
      let label: string;
      if (r.group === undefined) label = labelTd(r, 2, places, ids);
      else if (rows[i - 1]?.group === r.group) label = labelTd(r, 1, places, ids);
      else {
        let n = 1;
        while (rows[i + n]?.group === r.group) n++;
        label = `<td class="label" rowspan="${n}">${escapeHtml(r.group)}</td>${labelTd(r, 1, places, ids)}`;
      }
      return rowTr(r, label, options, ids, places);
    })
    .join('');
  return `<div class="scroll"><table class="report-table">${head}${body}</table></div>`;
}

function drawT4(table: DrawnTable, options: RenderOptions, ids: Map<Diagnostic, string>, places: Places, typos: HeaderTypo[]): string {
  const { locale } = options;
  const rows = table.blocks.flatMap((b) => b.rows);
  const columns = table.blocks[0]?.columns ?? [];
  const width = columns.length;
  const head1 = `<tr><th colspan="${width}">${escapeHtml(text('review', locale))}</th><th colspan="${width * 2}">${escapeHtml(text('litigation', locale))}</th></tr>`;
  const head2 = `<tr><th colspan="${width}"></th><th colspan="${width}">${escapeHtml(text('direct', locale))}</th><th colspan="${width}">${escapeHtml(text('afterReview', locale))}</th></tr>`;
  const head3 = `<tr>${rows.map((_, g) => columns.map((c, i) => th(c, typos, options, ids, places, `t4-${g}-${i}`)).join('')).join('')}</tr>`;
  const cells = rows.map((r) => rowCells(r, options, ids, places)).join('');
  return `<div class="scroll"><table class="report-table">${head1}${head2}${head3}<tr data-row="t4">${cells}</tr></table></div>`;
}

/** The three tables with their marked cells; `places` (when given) learns where each finding is drawn. */
export function tablesHtml(
  model: ReportModel,
  messages: readonly Diagnostic[],
  options: RenderOptions,
  ids: Map<Diagnostic, string>,
  places?: Map<Diagnostic, string>,
): string {
  const { locale } = options;
  const where: Places = { prefix: options.idPrefix, of: places ?? new Map() };
  return drawTables(model, messages)
    .map((drawn) => {
      const title = `<h3>${escapeHtml(TABLE_TITLES[drawn.table.id][locale])}</h3>`;
      if (!drawn.table.found) return `${title}<p class="fatal">${escapeHtml(text('notFound', locale))}</p>`;
      const typos = headerTypos(drawn, messages);
      const body =
        drawn.table.id === 't2'
          ? drawT2(drawn, options, ids, where, typos)
          : drawn.table.id === 't3'
            ? drawT3(drawn, options, ids, where, typos)
            : drawT4(drawn, options, ids, where, typos);
      return `<section class="table" data-table="${drawn.table.id}">${title}${body}</section>`;
    })
    .join('');
}

function where(d: Diagnostic, locale: Locale): string {
  return d.place ?? text('line', locale, d.line);
}

function legendHtml(locale: Locale): string {
  const item = (cls: string, key: Parameters<typeof text>[0]): string => `<span class="${cls}">${escapeHtml(text(key, locale))}</span>`;
  return (
    `<p class="legend" data-testid="legend">${escapeHtml(text('legend', locale))}` +
    item('l-error', 'legendError') +
    item('l-warning', 'legendWarning') +
    item('l-unread', 'legendUnread') +
    item('l-row', 'legendRow') +
    item('l-expected', 'legendExpected') +
    item('l-solved', 'legendSolved') +
    item('l-split', 'legendSplit') +
    item('l-head', 'legendHeader') +
    item('l-back', 'legendBack') +
    '</p>'
  );
}

/** Error and warning counts as ESLint counts them (an unreadable file: one error). */
export function reportCounts(result: LintResult): { errors: number; warnings: number } {
  return {
    errors: result.messages.filter((m) => m.severity === 2).length + (result.fatal ? 1 : 0),
    warnings: result.messages.filter((m) => m.severity === 1).length,
  };
}

export function badgesHtml(errors: number, warnings: number, locale: Locale): string {
  return errors + warnings === 0
    ? `<span class="badge ok">${escapeHtml(text('clean', locale))}</span>`
    : `<span class="badge error">${errors} ${escapeHtml(text('errors', locale))}</span><span class="badge warning">${warnings} ${escapeHtml(text('warnings', locale))}</span>`;
}

/** One report: summary, jump links, findings (each linked to its place in the tables and back), tables. */
export function reportHtml(result: LintResult, options: RenderOptions, extra = ''): string {
  const { locale, rules } = options;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const { errors, warnings } = reportCounts(result);
  const prefix = options.idPrefix;
  const parts: string[] = [`<section class="report" id="${escapeHtml(prefix)}" data-testid="report"><h2>${escapeHtml(options.name)}</h2>`];
  const counts = new Map<string, number>();
  for (const m of result.messages) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
  const perRule = [...counts].map(([id, n]) => `${escapeHtml(id)} ${n}`).join(' · ');
  parts.push(
    `<div class="summary">${badgesHtml(errors, warnings, locale)}${perRule ? `<span class="by-rule">${escapeHtml(text('byRule', locale))}：${perRule}</span>` : ''}</div>`,
  );
  const jumps: string[] = [];
  if (result.messages.length > 0)
    jumps.push(`<a href="#${escapeHtml(prefix)}-findings">${escapeHtml(text('findings', locale))}（${result.messages.length}）</a>`);
  if (result.model) jumps.push(`<a href="#${escapeHtml(prefix)}-tables">${escapeHtml(text('tables', locale)).replace(/（.*|\s\(.*/, '')}</a>`);
  if (jumps.length > 0) parts.push(`<nav class="jumps">${jumps.join(' · ')}</nav>`);
  if (result.fatal) parts.push(`<p class="fatal" data-testid="finding">${escapeHtml(text('fatal', locale))}：${escapeHtml(result.fatal.message)}</p>`);

  const ids = new Map<Diagnostic, string>();
  result.messages.forEach((m, i) => ids.set(m, `${prefix}-f${i + 1}`));
  // The tables are drawn first so that each finding knows the id of its place in them.
  const places = new Map<Diagnostic, string>();
  const tables = result.model ? tablesHtml(result.model, result.messages, options, ids, places) : '';
  if (result.messages.length > 0) {
    parts.push(`<h3 id="${escapeHtml(prefix)}-findings">${escapeHtml(text('findings', locale))}</h3><ol class="findings">`);
    for (const m of result.messages) {
      const rule = byId.get(m.ruleId);
      const sev = m.severity === 2 ? 'error' : 'warning';
      const url = rule ? ruleDocsUrl(rule) : undefined;
      const name = rule ? `${rule.meta.description[locale]}（${m.ruleId}）` : m.ruleId;
      const link = url ? ` <a href="${escapeHtml(url)}" rel="noopener">${escapeHtml(text('docs', locale))}</a>` : '';
      const place = places.get(m);
      const toCell = place ? ` <a class="to-cell" data-testid="to-cell" href="#${escapeHtml(place)}">${escapeHtml(text('toCell', locale))}</a>` : '';
      parts.push(
        `<li class="finding ${sev}" id="${escapeHtml(ids.get(m) ?? '')}" data-testid="finding" data-rule="${escapeHtml(m.ruleId)}" data-message-id="${escapeHtml(m.messageId)}">` +
          `<span class="sev">${escapeHtml(text(sev, locale))}</span>${escapeHtml(m.message)}` +
          `<span class="where">${escapeHtml(where(m, locale))}</span><span class="rule">${escapeHtml(name)}</span>${toCell}${link}</li>`,
      );
    }
    parts.push('</ol>');
  }
  if (result.model) {
    parts.push(`<h3 id="${escapeHtml(prefix)}-tables">${escapeHtml(text('tables', locale))}</h3>`);
    parts.push(legendHtml(locale));
    parts.push(tables);
  }
  parts.push(extra);
  parts.push('</section>');
  return parts.join('');
}
