/**
 * Option schemas shared by built-in rules, strict about content (not only type): a config with
 * `departmentDeadline: "00-00"` or `fromYear: 21` is rejected with the option's path instead of
 * producing nonsense such as “2025年0月0日”. They also appear, with their patterns and ranges, in
 * the JSON Schema of the config file (schema/config.json).
 */
import * as z from 'zod';

/** A real month and day (02-29 allowed: leap years), as MM-DD. */
const MONTH_DAY = /^(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2\d))$/;

export function monthDay(defaultValue: string) {
  return z
    .string()
    .regex(MONTH_DAY, { error: '须为实际存在的“月-日”，写作 MM-DD，如 01-31（must be a real month and day written MM-DD, e.g. 01-31）' })
    .default(defaultValue);
}

/** The first annual reports are for 2008 (条例 2007); a year outside 2008–2100 is a typo. */
export function reportYear(defaultValue: number) {
  return z.number().int().min(2008).max(2100).default(defaultValue);
}
