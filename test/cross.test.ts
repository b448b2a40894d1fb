/**
 * Reports as a set: identity by agency and year (never by file name), the cross-report rules on
 * pairs of reports in every table form, the Action's context files, the summary format, and the
 * similarity figures on real consecutive years.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import carryOver from '../rules/carry-over.ts';
import { consistentPair } from '../rules/lib/examples.ts';
import { comparableProse, normalizeProse, repetition } from '../rules/lib/similarity.ts';
import similarToLastYear from '../rules/similar-to-last-year.ts';
import stockContinuity from '../rules/stock-continuity.ts';
import { summary } from '../src/adapters/formatters/summary.ts';
import { json } from '../src/adapters/formatters/json.ts';
import { resolveConfig } from '../src/engine/config.ts';
import { normalizeAgency } from '../src/engine/digest.ts';
import { lintFilesToArray as lintFiles } from '../src/engine/run.ts';
import { digestText, lintText } from '../src/engine/lint.ts';
import { ReportIndex, sameAgency } from '../src/engine/set.ts';
import { builtinRules } from '../rules/index.ts';
import { main } from '../src/adapters/cli/main.ts';
import { definePlugin } from '../src/engine/plugins.ts';
import type { ReportDigest, Rule, SampleSpec } from '../src/rule.ts';
import { buildModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { sampleReport, type TableForm } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const CROSS: readonly Rule[] = [carryOver, stockContinuity, similarToLastYear];
const FORMS: readonly TableForm[] = ['tsv', 'gfm', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'];
const ruleIds = (result: LintResult | undefined) => (result?.messages ?? []).map((m) => m.ruleId);

/** Lints `files` (name → sample) as one run with the cross-report rules only; results by name. */
async function run(
  files: Record<string, SampleSpec | string>,
  options: { agencies?: Record<string, string[]>; rules?: readonly Rule[] } = {},
): Promise<Record<string, LintResult>> {
  const dir = await makeTempDir();
  const texts = Object.fromEntries(Object.entries(files).map(([name, spec]) => [name, typeof spec === 'string' ? spec : sampleReport(spec)]));
  await writeTree(dir, texts);
  const names = Object.keys(files);
  const config = { rules: {}, ...(options.agencies ? { agencies: options.agencies } : {}) };
  const results = await lintFiles(
    names.map((n) => path.join(dir, n)),
    { locale: 'zh-CN', rules: options.rules ?? CROSS, config },
  );
  return Object.fromEntries(names.map((n, i) => [n, results[i] as LintResult]));
}

/** The cell of this year's report that a finding must point at. */
const models = new Map<string, ReturnType<typeof buildModel>>();
function cellAt(text: string, table: 't2' | 't3', rowId: string, column: string): { line: number; column: number } {
  const model = models.get(text) ?? buildModel(text, parseMarkdown(text));
  models.set(text, model);
  const cell = model.tables[table].rows.find((r) => r.id === rowId)?.cells.find((c) => c.column === column);
  if (!cell) throw new Error(`no cell ${rowId}/${column}`);
  return { line: cell.span.start.line, column: cell.span.start.column };
}

describe.each(FORMS)('pairs of reports in the %s form', (form) => {
  // Last year's report in another form: an agency may change its converter between years.
  const other = FORMS[(FORMS.indexOf(form) + 3) % FORMS.length] as TableForm;
  const pair = consistentPair(2024);
  const current: SampleSpec = { ...pair.current, form };
  const previous: SampleSpec = { ...pair.previous, form: other };

  it('raises nothing on a consistent pair whose file names say nothing of the year', async () => {
    const results = await run({ '甲/报告.md': current, '乙/报告.md': previous });
    expect(ruleIds(results['甲/报告.md'])).toEqual([]);
    expect(ruleIds(results['乙/报告.md'])).toEqual([]);
  });

  it('carry-over and stock-continuity: each defect at this year’s cell, with last year’s file, line and figures', async () => {
    const wrongPrevious: SampleSpec = { ...previous, t3: { ...pair.previous.t3, carryOver: [3, 0, 0, 1, 0, 0] } };
    const wrongCurrent: SampleSpec = { ...current, t2: { rules: [1, 0, 2], normative: [1, 0, 4] } };
    const results = await run({ 'x.md': wrongCurrent, 'y.md': wrongPrevious });
    const found = results['x.md']?.messages ?? [];
    const text = sampleReport(wrongCurrent);
    const stock = found.filter((m) => m.ruleId === 'stock-continuity');
    expect(stock.map((m) => [m.severity, m.data.row, m.data.previous, m.data.issued, m.data.repealed, m.data.expected, m.data.actual])).toEqual([
      [1, '规章', 2, 1, 0, 3, 2],
    ]);
    expect({ line: stock[0]?.line, column: stock[0]?.column }).toEqual(cellAt(text, 't2', 't2.rules', '现行有效件数'));
    const carry = found.filter((m) => m.ruleId === 'carry-over');
    expect(carry.map((m) => [m.severity, m.data.column, m.data.actual, m.data.expected])).toEqual([
      [2, '自然人', 2, 3],
      [2, '社会公益组织', 0, 1],
      [2, '总计', 2, 4],
    ]);
    for (const m of carry) {
      expect({ line: m.line, column: m.column }).toEqual(cellAt(text, 't3', 't3.carried', String(m.data.column)));
      expect(m.data.file).toBe('y.md');
      expect(m.data.line).toBe(cellAt(sampleReport(wrongPrevious), 't3', 't3.carryOver', String(m.data.column)).line);
    }
    expect(found).toHaveLength(4);
    // Last year's report is not judged against the year before it (there is none in the run).
    expect(ruleIds(results['y.md'])).toEqual([]);
  });
});

describe('identity: agency and year, not file names', () => {
  const pair = consistentPair(2024);
  const wrongForward = { ...pair.previous, t3: { ...pair.previous.t3, carryOver: [5, 0, 0, 0, 0, 0] } };

  it('ignores misleading file names: the titles decide which report is last year’s', async () => {
    const results = await run({ '2023.md': pair.current, '2024.md': wrongForward });
    expect(ruleIds(results['2023.md'])).toEqual(['carry-over', 'carry-over']);
    expect(results['2023.md']?.year).toBe(2024);
    expect(results['2024.md']?.year).toBe(2023);
  });

  it('pairs nothing across agencies, or across a missing year', async () => {
    const otherAgency = { ...wrongForward, title: '福州市示例区财政局2023年政府信息公开工作年度报告' };
    expect(ruleIds((await run({ 'a.md': pair.current, 'b.md': otherAgency }))['a.md'])).toEqual([]);
    const twoYearsBefore = { ...wrongForward, year: 2022 };
    expect(ruleIds((await run({ 'a.md': pair.current, 'b.md': twoYearsBefore }))['a.md'])).toEqual([]);
  });

  it('normalises widths and spaces in agency names', async () => {
    const spaced = { ...wrongForward, title: '福州市示例区 工业和信息化局 ２０２３年政府信息公开工作年度报告' };
    expect(ruleIds((await run({ 'a.md': pair.current, 'b.md': spaced }))['a.md'])).toEqual(['carry-over', 'carry-over']);
    expect(normalizeAgency('福州市　示例区（工信局）')).toBe(normalizeAgency('福州市示例区(工信局)'));
  });

  it('maps renamed agencies through the config’s agencies', async () => {
    const renamed = { ...wrongForward, title: '福州市示例区经济和信息化局2023年政府信息公开工作年度报告' };
    expect(ruleIds((await run({ 'a.md': pair.current, 'b.md': renamed }))['a.md'])).toEqual([]);
    const results = await run({ 'a.md': pair.current, 'b.md': renamed }, { agencies: { 福州市示例区工业和信息化局: ['福州市示例区经济和信息化局'] } });
    expect(ruleIds(results['a.md'])).toEqual(['carry-over', 'carry-over']);
    expect(results['b.md']?.agency).toBe('福州市示例区工业和信息化局');
  });

  it('the config validates agencies', () => {
    expect(() => resolveConfig({ agencies: { 甲: '乙' } }, builtinRules)).toThrow(/agencies/);
    expect(resolveConfig({ agencies: { 甲: ['乙'] } }, builtinRules).config.agencies).toEqual({ 甲: ['乙'] });
  });

  it('takes a city in front of the name as the same agency (淮安市洪泽区人民政府 / 洪泽区人民政府)', () => {
    expect(sameAgency('淮安市洪泽区人民政府', '洪泽区人民政府')).toBe(true);
    expect(sameAgency('福州市人民政府', '人民政府')).toBe(false);
    expect(sameAgency('淮安市人民政府', '洪泽区人民政府')).toBe(false);
    const digest = (agency: string, year: number, filePath: string) => ({ ...(digestText(sampleReport({ year })) as ReportDigest), agency, year, filePath });
    const short = digest('鼓楼区人民政府', 2024, 'a.md');
    // Unambiguous: the short name finds the long one's year before.
    expect(new ReportIndex([short, digest('福州市鼓楼区人民政府', 2023, 'b.md')]).find(short, 2023)?.filePath).toBe('b.md');
    // Two cities have a 鼓楼区: no guess.
    expect(
      new ReportIndex([short, digest('福州市鼓楼区人民政府', 2023, 'b.md'), digest('南京市鼓楼区人民政府', 2023, 'c.md')]).find(short, 2023),
    ).toBeUndefined();
  });

  it('falls back to the signature’s agency and the period’s year when the title has none', () => {
    const text = sampleReport({ year: 2024, title: '政府信息公开工作年度报告' });
    const digest = digestText(text) as ReportDigest;
    expect([digest.agency, digest.identifiedBy.agency, digest.year]).toEqual(['福州市示例区工业和信息化局', 'signature', 2024]);
  });
});

describe('the engine and the adapters', () => {
  const pair = consistentPair(2024);
  const wrongForward = { ...pair.previous, t3: { ...pair.previous.t3, carryOver: [5, 0, 0, 0, 0, 0] } };

  it('finds last year’s report among candidates without reporting on it (the Action with only-changed)', async () => {
    const dir = await makeTempDir();
    // Last year's report has defects of its own (no fee statement): they must not be reported.
    const last = sampleReport({ ...wrongForward, part6: '无。' });
    await writeTree(dir, {
      'changed/new.md': sampleReport(pair.current),
      'old/a.md': last,
      'old/b.md': sampleReport({ ...pair.previous, title: '福州市示例区财政局2023年政府信息公开工作年度报告' }),
    });
    const files = ['changed/new.md', 'old/a.md', 'old/b.md'].map((f) => path.join(dir, f));
    const results = await lintFiles([files[0] as string], { locale: 'en', config: { rules: {} }, contextCandidates: files });
    expect(results).toHaveLength(1);
    const cross = (results[0]?.messages ?? []).filter((m) => m.ruleId === 'carry-over');
    expect(cross.map((m) => m.data.file)).toEqual(['../old/a.md', '../old/a.md']);
    // Without the candidates there is nothing to compare with.
    const alone = await lintFiles([files[0] as string], { locale: 'en', config: { rules: {} } });
    expect(ruleIds(alone[0]).filter((id) => id === 'carry-over')).toEqual([]);
  });

  it('lintText compares with the related reports it is given, and inline directives apply to cross-report findings', () => {
    const related = [digestText(sampleReport(wrongForward), { filePath: 'last.md' }) as ReportDigest];
    const text = sampleReport(pair.current);
    expect(ruleIds(lintText(text, { rules: CROSS, related }))).toEqual(['carry-over', 'carry-over']);
    const disabled = `<!-- xxgk-lint-disable carry-over -- 上年数据有误，已说明 -->\n${text}`;
    const result = lintText(disabled, { rules: CROSS, related, reportUnusedDisable: true });
    expect(ruleIds(result)).toEqual([]);
    expect(result.suppressedMessages?.map((m) => m.ruleId)).toEqual(['carry-over', 'carry-over']);
  });

  it('a rule with only checkSet is a valid rule; one that throws yields ruleError, not a crash', () => {
    const failing: Rule = {
      ...carryOver,
      meta: { ...carryOver.meta, id: 'boom' },
      checkSet: () => {
        throw new Error('x');
      },
    };
    expect(lintText(sampleReport(pair.current), { rules: [failing] }).messages.map((m) => m.messageId)).toEqual(['ruleError']);
  });

  it('results carry agency and year; --format json keeps them; --format summary tabulates by agency and year', async () => {
    const results = await run(
      {
        'a.md': pair.current,
        'b.md': wrongForward,
        'c.md': { ...pair.current, title: '福州市示例区财政局2024年政府信息公开工作年度报告', replace: [['2024年度本单位未收取信息处理费。', '无。']] },
        'd.md': '# 会议纪要\n\n本次会议研究了下一阶段的工作安排。\n',
      },
      { rules: builtinRules },
    );
    const all = Object.values(results);
    const parsed = JSON.parse(json(all, { locale: 'zh-CN', cwd: '/', rules: builtinRules })) as Array<{ agency?: string; year?: number }>;
    expect(parsed.map((r) => [r.agency, r.year])).toEqual([
      ['福州市示例区工业和信息化局', 2024],
      ['福州市示例区工业和信息化局', 2023],
      ['福州市示例区财政局', 2024],
      [undefined, undefined],
    ]);
    const cwd = path.dirname(results['a.md']?.filePath ?? '');
    const table = summary(all, { locale: 'en', cwd, rules: builtinRules });
    const lines = table.split('\n');
    const section = (name: string) => lines.slice(lines.indexOf(`## ${name}`));
    expect(section('福州市示例区工业和信息化局').slice(4, 6)).toEqual([
      `| 2023 | b.md | ${results['b.md']?.errorCount} | ${results['b.md']?.warningCount} | no problems |`,
      `| 2024 | a.md | 2 | 0 | carry-over 2/0 |`,
    ]);
    expect(table).toContain('## (agency not identified)');
    expect(table).toContain(`| 2024 | c.md | ${results['c.md']?.errorCount} |`);
    expect(table).toMatch(/fee-statement 1\/0/);
    expect(table.trimEnd().split('\n').at(-1)).toMatch(/^Total: 2 agencies, 4 reports/);
  });
});

describe('plugins and the CLI', () => {
  const pair = consistentPair(2024);

  it('a plugin rule with only checkSet loads and runs under its prefixed id', () => {
    const plugin = definePlugin({
      name: 'archive',
      rules: [
        {
          meta: {
            ...carryOver.meta,
            id: 'has-last-year',
            messages: { none: { 'zh-CN': '没有上一年度报告', en: 'No report for the year before' } },
            examples: { valid: [], invalid: [] },
          },
          checkSet(context) {
            if (!context.previousYear()) context.report({ messageId: 'none', at: { start: { line: 1, column: 1 } } });
          },
        },
      ],
    });
    const { config } = resolveConfig({ plugins: [plugin] }, builtinRules);
    const rule = config.pluginRules?.[0] as Rule;
    expect(rule.meta.id).toBe('archive/has-last-year');
    const text = sampleReport(pair.current);
    expect(ruleIds(lintText(text, { rules: [rule] }))).toEqual(['archive/has-last-year']);
    expect(ruleIds(lintText(text, { rules: [rule], related: [digestText(sampleReport(pair.previous)) as ReportDigest] }))).toEqual([]);
  });

  it('the CLI lints every file of the run as one set and prints the summary', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'a/一.md': sampleReport(pair.current),
      'b/二.md': sampleReport({ ...pair.previous, t3: { ...pair.previous.t3, carryOver: [4, 0, 0, 0, 0, 0] } }),
    });
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, cwd: dir, env: {} };
    expect(await main(['--locale', 'en', '-f', 'json', '.'], io)).toBe(1);
    const parsed = JSON.parse(stdout) as Array<{ filePath: string; year: number; messages: Array<{ ruleId: string; message: string }> }>;
    expect(parsed.map((r) => [path.basename(r.filePath), r.year, r.messages.filter((m) => m.ruleId === 'carry-over').length])).toEqual([
      ['一.md', 2024, 2],
      ['二.md', 2023, 0],
    ]);
    expect(parsed[0]?.messages.find((m) => m.ruleId === 'carry-over')?.message).toContain('(../b/二.md:');
    stdout = '';
    await main(['-f', 'summary', '.'], io);
    expect(stdout).toContain('## 福州市示例区工业和信息化局');
    expect(stdout).toMatch(/\| 2024 \| a\/一\.md \| 2 \| 0 \| carry-over 2\/0 \|/);
  });
});

describe('similarity', () => {
  it('is exact on constructed texts: copies cover everything, unrelated texts nothing', () => {
    const text = '政府信息公开工作坚持以人民为中心，推进决策、执行、管理、服务、结果公开。'.repeat(3);
    expect(repetition(text, text, 16).covered).toBe(text.length);
    expect(repetition('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未', '申酉戌亥天地玄黄宇宙洪荒日月盈昃', 4).covered).toBe(0);
    const r = repetition('前言：这是一段被原样照抄的文字，足够长以至于超过阈值。完毕', '开头，这是一段被原样照抄的文字，足够长以至于超过阈值。收尾', 16);
    expect(r.longest && r.longest.end - r.longest.start).toBe('这是一段被原样照抄的文字，足够长以至于超过阈值。'.length);
  });

  it('runs in linear time on long texts', () => {
    const unit = '本机关坚持以公开为常态、不公开为例外，';
    const big = Array.from({ length: 4000 }, (_, i) => `${unit}第${i}项工作。`).join('');
    // No wall-clock assertion (a loaded machine): a quadratic pass on these 60,000 characters would
    // run into jest's timeout.
    const r = repetition(big, big.split('').reverse().join(''), 16);
    expect(r.total).toBe(big.length);
  });

  // The figures the rule's docs state, measured on the real consecutive years in the test corpus.
  const peers = (name: string) => readFileSync(path.join('test/fixtures/peers', name), 'utf8');
  const share = (current: string, previous: string): number => {
    const [a, b] = [digestText(peers(current)) as ReportDigest, digestText(peers(previous)) as ReportDigest];
    const r = repetition(normalizeProse(comparableProse(a.prose, a.agencyText)).text, normalizeProse(comparableProse(b.prose, b.agencyText)).text, 16);
    return Math.round((100 * r.covered) / r.total);
  };
  const pingtan = [
    '04-pingtan-2019.txt',
    '05-pingtan-2020.txt',
    '06-pingtan-2021.txt',
    '07-pingtan-2022.txt',
    '08-pingtan-2023.txt',
    '09-pingtan-2024.txt',
    '10-pingtan-2025.txt',
  ];

  it('matches the figures in the rule’s rationale', () => {
    const consecutive = pingtan.slice(1).map((file, i) => share(file, pingtan[i] as string));
    const hongze = share('12-huaian-hongzequ-2024.layout.txt', '11-huaian-hongzequ-2023.layout.txt');
    const control = [
      share('13-huaian-shizf-2024.layout.txt', '11-huaian-hongzequ-2023.layout.txt'),
      share('13-huaian-shizf-2024.layout.txt', '12-huaian-hongzequ-2024.layout.txt'),
    ];
    const { rationale } = similarToLastYear.meta;
    expect(rationale.en).toContain(`consecutive years: ${consecutive.map((p) => `${p}%`).join(', ')}`);
    expect(rationale.en).toContain(`2024/2023: ${hongze}%`);
    expect(new Set(control).size).toBe(1);
    expect(rationale.en).toContain(`): ${control[0]}%`);
    expect(Math.max(...consecutive, hongze)).toBeLessThan(50);
  });

  it('the real consecutive years raise no cross-report finding (their carry-over and stock add up)', async () => {
    const files = [...pingtan, '11-huaian-hongzequ-2023.layout.txt', '12-huaian-hongzequ-2024.layout.txt'].map((f) => path.resolve('test/fixtures/peers', f));
    const results = await lintFiles(files, { locale: 'zh-CN', rules: CROSS, config: { rules: {} } });
    expect(results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(results.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2023, 2024]);
    // One agency, one group in the summary, whichever way its title names it.
    expect(results.slice(-2).map((r) => r.agency)).toEqual(['淮安市洪泽区人民政府', '淮安市洪泽区人民政府']);
  });
});
