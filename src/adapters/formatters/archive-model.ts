/**
 * What the archive page (archive.ts) keeps of each report, and the page's words. Pure: no
 * `node:` modules.
 */
import { messageTable, type MessageTable } from '../../i18n.ts';
import type { Locale } from '../../types.ts';
import { escapeHtml } from './html.ts';
import type { ReadHow } from './statistics.ts';

export const T = {
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
export function t(key: keyof typeof T, locale: Locale, n?: number | string | Readonly<Record<string, string>>): string {
  return words(key, locale, typeof n === 'object' ? n : { n: n ?? '' });
}
export const e = escapeHtml;

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
export type FigureId = (typeof KEY_FIGURES)[number]['id'];

/** The cells of a report packed: a shared layout (table, row, label, column per index) and the values. */
export interface Layout {
  keys: { table: string; rowId: string; row: string; column: string }[];
  index: Map<string, number>;
}
export interface Packed {
  layout: Layout;
  values: (number | null)[];
  reads: ReadHow[];
  /** Cells of this report that cross-year rules found wrong: index → message. */
  marks: Map<number, string>;
}

export interface Summary {
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
