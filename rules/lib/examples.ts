/** Pairs of consecutive-year sample reports for the cross-report rules' examples (plain data). */
import type { SampleSpec } from '../../src/rule.ts';

/**
 * This year's report (`year`) and last year's, consistent with each other: last year carried
 * `forward` into this year (default 2 natural persons, this year's 上年结转), and table 二's stock
 * follows (last year 3 行政规范性文件 in force, this year 1 issued, 0 repealed, 4 in force).
 */
export function consistentPair(year: number, forward: readonly number[] = [2, 0, 0, 0, 0, 0]): { current: SampleSpec; previous: SampleSpec } {
  return {
    current: { year, t3: { carried: [2, 0, 0, 0, 0, 0], carryOver: [1, 0, 0, 0, 0, 0] }, t2: { rules: [0, 0, 2], normative: [1, 0, 4] } },
    previous: {
      year: year - 1,
      t3: { outcomes: { 't3.open': [5, 0, 0, 0, 0, 0], 't3.partial': [1, 0, 0, 0, 0, 0] }, carried: [0, 0, 0, 0, 0, 0], carryOver: [...forward] },
      t2: { rules: [0, 0, 2], normative: [2, 1, 3] },
      part6: `${year - 1}年度本单位未收取信息处理费，全年没有因依申请公开收取费用的情况。`,
    },
  };
}
