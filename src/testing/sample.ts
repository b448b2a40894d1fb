/**
 * Builds complete, consistent sample reports in every table form real reports arrive in. Used by
 * the rules' examples (and so by their docs and tests) and by the property tests.
 */
import { T3_2021, T3_COLUMNS, T4_COLUMNS, T4_GROUPS } from '../model/templates.ts';
import type { RuleExample, SampleSpec } from '../rule.ts';

export type TableForm = 'gfm' | 'tsv' | 'html' | 'layout' | 'cellPerLine' | 'gfmMerged' | 'htmlMerged';

export interface SampleData {
  /** Table 三: values by row id, the six applicant columns (总计 is computed). */
  t3: Record<string, number[]>;
  /** Table 四: three groups of four values (总计 is computed). */
  t4: number[][];
}

export interface SampleOptions {
  year?: number;
  form?: TableForm;
  data?: SampleData;
  /** Replace parts of the text: applied to the generated report; throws when it changes nothing. */
  edit?: (text: string) => string;
  /** Replacements applied in order (see SampleSpec); each must change the text. */
  replace?: SampleSpec['replace'];
  /** Overwrite one written cell after all totals were computed (row index in table order, column index incl. 总计). */
  override?: { table: 't3' | 't4'; row: number; column: number; value: number };
  /** Table 三 figures as rule examples give them (see SampleSpec.t3); ignored when `data` is given. */
  t3?: SampleSpec['t3'];
  /** Table 二's 规章 and 行政规范性文件 rows (see SampleSpec.t2). */
  t2?: SampleSpec['t2'];
  title?: string | null;
  opening?: string | null;
  part6?: string;
  /** The closing agency and date lines; null leaves them out. */
  signature?: string | null;
}

const OUTCOMES = T3_2021.rows.filter((r) => !['t3.new', 't3.carried', 't3.total', 't3.carryOver'].includes(r.id));

/** A consistent data set: row 一 + 二 = （七） + 四 in every column. */
export function consistentData(
  outcomes: Record<string, number[]> = {},
  carried: number[] = [0, 0, 0, 0, 0, 0],
  carryOver: number[] = [0, 0, 0, 0, 0, 0],
  t4: number[][] = [
    [2, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ],
): SampleData {
  const t3: Record<string, number[]> = {};
  const totals = [0, 0, 0, 0, 0, 0];
  for (const row of OUTCOMES) {
    const v = outcomes[row.id] ?? [0, 0, 0, 0, 0, 0];
    t3[row.id] = v;
    v.forEach((x, i) => (totals[i] = (totals[i] ?? 0) + x));
  }
  t3['t3.total'] = totals;
  t3['t3.carried'] = carried;
  t3['t3.carryOver'] = carryOver;
  t3['t3.new'] = totals.map((t, i) => t + (carryOver[i] ?? 0) - (carried[i] ?? 0));
  return { t3, t4 };
}

const DEFAULT_OUTCOMES: Record<string, number[]> = { 't3.open': [7, 1, 0, 0, 0, 0], 't3.partial': [2, 0, 0, 0, 0, 0], 't3.unable.1': [8, 0, 0, 0, 0, 1] };
export const DEFAULT_DATA: SampleData = consistentData(DEFAULT_OUTCOMES, [1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0]);

/** Table 三's rows in template order with the computed 总计 column appended. */
export function t3Rows(data: SampleData): Array<{ label: string; values: number[] }> {
  const order = ['t3.new', 't3.carried', ...OUTCOMES.map((r) => r.id), 't3.total', 't3.carryOver'];
  return order.map((id) => {
    const row = T3_2021.rows.find((r) => r.id === id);
    const v = data.t3[id] ?? [0, 0, 0, 0, 0, 0];
    const label = (row?.label ?? id).replace(/^（[三四五六]）[^·]+·/, '');
    return { label, values: [...v, v.reduce((s, x) => s + x, 0)] };
  });
}

export function t4Values(data: SampleData): number[] {
  return data.t4.flatMap((g) => [...g, g.reduce((s, x) => s + x, 0)]);
}

/**
 * Table 三 as converters write the official layout: a three-row header with merged cells, and
 * labels in up to three columns (group, item, sub-item). GFM flattens the merges into empty
 * cells (pandoc, PDF converters); HTML keeps them as rowspan/colspan (MinerU).
 */
function mergedT3(form: 'gfmMerged' | 'htmlMerged', rows: Array<[string, ...number[]]>): string {
  const GROUPS: Record<string, string> = {
    't3.deny': '（三）不予公开',
    't3.unable': '（四）无法提供',
    't3.reject': '（五）不予处理',
    't3.other': '（六）其他处理',
  };
  const ids = ['t3.new', 't3.carried', ...OUTCOMES.map((r) => r.id), 't3.total', 't3.carryOver'];
  const body = rows.map((r, i) => {
    const id = ids[i] ?? '';
    const group = Object.keys(GROUPS).find((g) => id.startsWith(`${g}.`));
    const first = group ? ids.findIndex((x) => x.startsWith(`${group}.`)) === i : false;
    const outcome = i >= 2 && i < rows.length - 2;
    const label = String(r[0]);
    const labels = !outcome
      ? [label, '', '']
      : group
        ? [i === 2 ? '三、本年度办理结果' : '', first ? (GROUPS[group] ?? '') : '', label]
        : [i === 2 ? '三、本年度办理结果' : '', label, ''];
    return { labels, values: r.slice(1) as number[], group, first, i, outcome };
  });
  if (form === 'gfmMerged') {
    const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
    return [
      line(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况', '', '', '', '', '', '']),
      `|${Array(10).fill('---').join('|')}|`,
      line(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计']),
      line(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']),
      ...body.map((b) => line([...b.labels, ...b.values])),
    ].join('\n');
  }
  const td = (text: string | number, attrs = '') => `<td${attrs}>${text}</td>`;
  const groupSize = (g: string) => ids.filter((x) => x.startsWith(`${g}.`)).length;
  return [
    '<table>',
    `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>`,
    `<tr>${td('自然人', ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>`,
    `<tr>${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => td(h)).join('')}</tr>`,
    ...body.map((b) => {
      const cells: string[] = [];
      if (!b.outcome) cells.push(td(b.labels[0] ?? '', ' colspan="3"'));
      else {
        if (b.i === 2) cells.push(td('三、本年度办理结果', ` rowspan="${rows.length - 4}"`));
        if (b.group) {
          if (b.first) cells.push(td(GROUPS[b.group] ?? '', ` rowspan="${groupSize(b.group)}"`));
          cells.push(td(b.labels[2] ?? ''));
        } else cells.push(td(b.labels[1] ?? '', ' colspan="2"'));
      }
      return `<tr>${cells.join('')}${b.values.map((v) => td(v)).join('')}</tr>`;
    }),
    '</table>',
  ].join('\n');
}

function table(form: TableForm, header: string[], rows: Array<[string, ...Array<string | number>]>): string {
  switch (form) {
    case 'gfmMerged':
      return table('gfm', header, rows);
    case 'htmlMerged':
      return table('html', header, rows);
    case 'gfm':
      return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
    case 'tsv':
      return [header.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n');
    case 'html':
      return [
        '<table>',
        `<tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>`,
        ...rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`),
        '</table>',
      ].join('\n');
    case 'layout':
      return [
        '    ' + header.join('    '),
        '',
        ...rows.map(
          (r) =>
            `    ${String(r[0])}${' '.repeat(6)}${r
              .slice(1)
              .map((c) => String(c).padStart(5))
              .join('   ')}`,
        ),
      ].join('\n');
    case 'cellPerLine':
      return [...header.map((h) => `${h} |`), ...rows.flatMap((r) => r.map((c) => `${c} |`))].join('\n');
  }
}

export function sampleReport(options: SampleOptions = {}): string {
  const year = options.year ?? 2024;
  const form = options.form ?? 'tsv';
  const spec = options.t3;
  const data =
    options.data ??
    (spec
      ? consistentData(
          Object.fromEntries(Object.entries(spec.outcomes ?? DEFAULT_OUTCOMES).map(([k, v]) => [k, [...v]])),
          [...(spec.carried ?? [0, 0, 0, 0, 0, 0])],
          [...(spec.carryOver ?? [0, 0, 0, 0, 0, 0])],
        )
      : DEFAULT_DATA);
  const docs = { rules: options.t2?.rules ?? [0, 0, 0], normative: options.t2?.normative ?? [1, 0, 3] };
  const title = options.title === undefined ? `福州市示例区工业和信息化局${year}年政府信息公开工作年度报告` : options.title;
  const opening =
    options.opening === undefined
      ? `本报告依据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。如对本报告有疑问，请与本局办公室联系（地址：福州市示例路1号，邮编：350001，电话：0591-87654321，电子邮箱：xxgk@example.gov.cn）。`
      : options.opening;
  const t3 = t3Rows(data).map((r): [string, ...number[]] => [r.label, ...r.values]);
  const t4 = t4Values(data);
  const o = options.override;
  if (o?.table === 't3' && t3[o.row]) t3[o.row]![o.column + 1] = o.value;
  if (o?.table === 't4') t4[o.row * 5 + o.column] = o.value;
  const parts = [
    title,
    opening,
    '一、总体情况',
    `${year}年，本局认真贯彻落实《条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。`,
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    table(
      form,
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      [
        ['规章', ...docs.rules],
        ['行政规范性文件', ...docs.normative],
      ],
    ),
    '第二十条第（五）项',
    table(form, ['信息内容', '本年处理决定数量'], [['行政许可', 21]]),
    '第二十条第（六）项',
    table(
      form,
      ['信息内容', '本年处理决定数量'],
      [
        ['行政处罚', 2],
        ['行政强制', 0],
      ],
    ),
    '第二十条第（八）项',
    table(form, ['信息内容', '本年收费金额（单位：万元）'], [['行政事业性收费', 0]]),
    '三、收到和处理政府信息公开申请情况',
    form === 'gfmMerged' || form === 'htmlMerged'
      ? mergedT3(form, t3)
      : table(form, ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ...T3_COLUMNS], t3),
    '四、政府信息公开行政复议、行政诉讼情况',
    table(
      form,
      T4_GROUPS.flatMap(() => [...T4_COLUMNS]),
      [[String(t4[0]), ...t4.slice(1)]],
    ),
    '五、存在的主要问题及改进情况',
    '（一）存在的主要问题：政策解读形式还不够丰富。（二）改进措施：丰富解读形式。',
    '六、其他需要报告的事项',
    options.part6 ?? `${year}年度本单位未收取信息处理费。`,
    options.signature === undefined ? `福州市示例区工业和信息化局\n\n${year + 1}年1月15日` : options.signature,
  ].filter((p): p is string => p !== null);
  return changed(parts.join('\n\n') + '\n', options);
}

/** The sample with the options' replacements and edit applied; each must change the text. */
function changed(sample: string, options: SampleOptions): string {
  let text = sample;
  for (const [pattern, replacement] of options.replace ?? []) {
    const next = text.replace(pattern, replacement);
    if (next === text) throw new Error(`sampleReport: the replacement of ${String(pattern)} changed nothing`);
    text = next;
  }
  if (options.edit) {
    const next = options.edit(text);
    if (next === text) throw new Error('sampleReport: the edit changed nothing');
    text = next;
  }
  return text;
}

/** The Markdown of a rule example: its `code`, or the sample its `sample` describes. */
export function exampleCode(example: RuleExample): string {
  if (typeof example.code === 'string') return example.code;
  if (example.sample) return sampleReport(example.sample);
  throw new Error('a rule example needs `code` or `sample`');
}
