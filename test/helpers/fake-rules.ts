/** Small rules for adapter tests, independent of the built-in rules' behaviour. */
import { z } from 'zod';
import { defineRule } from '../../src/rule.ts';
import type { Rule } from '../../src/rule.ts';

const text = (s: string) => ({ 'zh-CN': s, en: s });

export const tableSums = defineRule({
  meta: {
    id: 'table-sums',
    description: { 'zh-CN': '表格合计应等于各项之和', en: 'Table totals equal the sum of their items' },
    rationale: text('rationale of table-sums'),
    defaultSeverity: 'error',
    options: z.object({ tolerance: z.number().min(0).default(0), skipColumns: z.array(z.string()).default([]) }),
    messages: { mismatch: { 'zh-CN': '合计为 {total}，各项之和为 {sum}', en: 'Total is {total}, items sum to {sum}' } },
    examples: { valid: [], invalid: [] },
  },
  check() {},
});

export const tableStructure = defineRule({
  meta: {
    id: 'table-structure',
    description: text('table structure'),
    rationale: text('rationale of table-structure'),
    defaultSeverity: 'warn',
    options: z.object({}),
    messages: { bad: text('bad table') },
    examples: { valid: [], invalid: [] },
  },
  check() {},
});

export const feeStatement = defineRule({
  meta: {
    id: 'fee-statement',
    description: text('fee statement'),
    rationale: text('rationale of fee-statement'),
    defaultSeverity: 'warn',
    options: z.object({ mode: z.enum(['strict', 'loose']).default('loose') }),
    messages: { missing: text('missing fee statement') },
    examples: { valid: [], invalid: [] },
  },
  check() {},
});

export const fakeRules: readonly Rule[] = [feeStatement, tableStructure, tableSums] as readonly Rule[];
