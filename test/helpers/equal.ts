/**
 * `expect(actual).toEqual(expected)` for large values (a PDF's pages as read, a report's model):
 * Node's deep strict equality first, which costs a fraction of jest's comparison, then jest's
 * `toEqual` only when they differ, for its message and diff. Deep strict equality is the stricter
 * (it also compares prototypes and undefined properties), so a pass here is a pass of `toEqual`;
 * values it finds different (from two realms, say) still pass or fail as `toEqual` says.
 */
import { expect } from '@jest/globals';
import { isDeepStrictEqual } from 'node:util';

export function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}
