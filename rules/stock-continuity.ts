import * as z from 'zod';
import { builtinRule } from '../src/rule.ts';
import { consistentPair } from './lib/examples.ts';
import { cleanRow, relativeTo } from './lib/related.ts';

const ISSUED = '本年制发件数';
const REPEALED = '本年废止件数';
const IN_FORCE = '现行有效件数';

export default builtinRule({
  meta: {
    id: 'stock-continuity',
    description: {
      'zh-CN': '表二规章、行政规范性文件的现行有效件数 = 上一年度的现行有效件数 + 本年制发件数 − 本年废止件数（R6）',
      en: 'Table 二: documents in force = last year’s in force + issued this year − repealed this year, for 规章 and 行政规范性文件 (R6)',
    },
    rationale: {
      'zh-CN':
        '现行有效的规章和行政规范性文件，等于上一年末现行有效的件数，加上本年制发的，减去本年废止的（R6）。集中清理、修改或失效（而非废止）的文件会合理地打破这一关系，所以本规则只是警告，请核对后说明。仅在本年和上年的表二都使用2021年格式（有“现行有效件数”列）且两行都读取可靠时比较；上一年度报告按机关和年份在同一次检查中查找。',
      en: 'The rules and normative documents in force at the end of the year are those in force a year before, plus those issued, minus those repealed (R6). Clean-ups, amendments and documents that lapse rather than being repealed break it legitimately, hence a warning to check and explain. Compared only when both years use the 2021 table 二 (with 现行有效件数) and both rows were read with certainty; last year’s report is found among the reports of the run by agency and year.',
    },
    defaultSeverity: 'warn',
    options: z.object({}).strict(),
    messages: {
      mismatch: {
        'zh-CN': '{row}·现行有效件数为{actual}，按上一年度报告（{file}:{line}）的{previous}件 + 本年制发{issued}件 − 本年废止{repealed}件，应为{expected}件',
        en: '{row}: {actual} in force, but last year’s {previous} ({file}:{line}) + {issued} issued − {repealed} repealed makes {expected}',
      },
    },
    examples: {
      valid: [
        { title: '3 + 1 − 0 = 4', sample: consistentPair(2024).current, related: [{ sample: consistentPair(2024).previous, filePath: 'b.md' }] },
        {
          title: 'GFM 表格',
          sample: { ...consistentPair(2024).current, form: 'gfm' },
          related: [{ sample: { ...consistentPair(2024).previous, form: 'layout' }, filePath: 'b.md' }],
        },
      ],
      invalid: [
        {
          title: '上年 3 件，本年制发 1 件、废止 0 件，本年却写 5 件',
          sample: { ...consistentPair(2024).current, t2: { rules: [0, 0, 2], normative: [1, 0, 5] } },
          related: [{ sample: consistentPair(2024).previous, filePath: 'b.md' }],
          errors: ['mismatch'],
        },
      ],
    },
  },
  checkSet(context) {
    const previous = context.previousYear();
    if (!previous) return;
    for (const id of ['t2.rules', 't2.normative']) {
      const now = cleanRow(context.current.tables.t2, id);
      const before = cleanRow(previous.tables.t2, id);
      if (!now || !before) continue;
      const cell = (row: typeof now, column: string) => row.cells.find((c) => c.column === column);
      const issued = cell(now, ISSUED);
      const repealed = cell(now, REPEALED);
      const inForce = cell(now, IN_FORCE);
      const lastInForce = cell(before, IN_FORCE);
      if (!issued || !repealed || !inForce || !lastInForce) continue;
      const expected = (lastInForce.value ?? 0) + (issued.value ?? 0) - (repealed.value ?? 0);
      if (expected === inForce.value) continue;
      context.report({
        messageId: 'mismatch',
        data: {
          row: now.label,
          actual: inForce.value ?? '',
          previous: lastInForce.value ?? '',
          issued: issued.value ?? '',
          repealed: repealed.value ?? '',
          expected,
          file: relativeTo(context.current.filePath, previous.filePath),
          line: lastInForce.span.start.line,
        },
        at: { start: inForce.span.start, end: inForce.span.end },
      });
    }
  },
});
