import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';
import { consistentPair } from './lib/examples.ts';
import { cleanRow, relativeTo } from './lib/related.ts';

export default builtinRule({
  meta: {
    id: 'carry-over',
    description: {
      'zh-CN': '表三“二、上年结转政府信息公开申请数量”与上一年度报告的“四、结转下年度继续办理”逐列相等（R5）',
      en: 'Table 三’s 二、上年结转 row equals last year’s 四、结转下年度继续办理 row in every column (R5)',
    },
    rationale: {
      'zh-CN':
        '上一年度结转到本年度继续办理的申请，就是本年度的上年结转申请：本年表三第二项必须等于上年表三第四项，七列都一样（R5，跨年度结转）。本规则在同一次检查中按机关和年份（取自标题，文件名和文件夹不起作用）找到同一机关上一年度的报告；两份报告的这两行都读取可靠时才比较，否则不报告。机关改名时在配置的 agencies 中写明新旧名称。',
      en: 'The applications carried over into this year are those last year’s report carried forward: this year’s table 三 row 二 must equal last year’s row 四 in all seven columns (R5). The rule finds the same agency’s report for the year before among the reports of the run, by agency and year read from the title (never from file names or folders), and compares only when both rows were read with certainty. For renamed agencies, list the names under `agencies` in the config.',
    },
    defaultSeverity: 'error',
    options: z.object({}).strict(),
    messages: {
      mismatch: {
        'zh-CN': '上年结转·{column}为{actual}，而上一年度报告（{file}:{line}）的结转下年度继续办理·{column}为{expected}',
        en: '上年结转, {column}: {actual}, but last year’s report ({file}:{line}) carried {expected} forward (结转下年度继续办理, {column})',
      },
    },
    examples: {
      valid: [
        {
          title: '与上年报告的结转数一致',
          sample: consistentPair(2024).current,
          related: [{ sample: consistentPair(2024).previous, filePath: 'reports/a.md' }],
        },
        { title: '没有上一年度报告：不比较', sample: consistentPair(2024).current },
        {
          title: 'HTML 合并单元格形式',
          sample: { ...consistentPair(2024).current, form: 'htmlMerged' },
          related: [{ sample: { ...consistentPair(2024).previous, form: 'gfm' }, filePath: 'x/report.md' }],
        },
      ],
      invalid: [
        {
          title: '上年结转 2 件，而上年报告结转下年度 3 件',
          sample: consistentPair(2024).current,
          related: [{ sample: consistentPair(2024, [3, 0, 0, 0, 0, 0]).previous, filePath: 'archive/report-a.md' }],
          errors: ['mismatch', 'mismatch'],
        },
      ],
    },
  },
  checkSet(context) {
    const previous = context.previousYear();
    if (!previous) return;
    const carried = cleanRow(context.current.tables.t3, 't3.carried');
    const forward = cleanRow(previous.tables.t3, 't3.carryOver');
    if (!carried || !forward) return;
    for (const cell of carried.cells) {
      const before = forward.cells.find((c) => c.column === cell.column);
      if (!before || before.value === cell.value) continue;
      context.report({
        messageId: 'mismatch',
        data: {
          column: cell.column,
          actual: cell.value ?? '',
          expected: before.value ?? '',
          file: relativeTo(context.current.filePath, previous.filePath),
          line: before.span.start.line,
        },
        at: { start: cell.span.start, end: cell.span.end },
      });
    }
  },
});
