/**
 * What a cache record must look like to be used: everything the run and the formatters read,
 * with its type. Well-formed JSON of another shape (a hand-edited or foreign file) makes the
 * record corrupt: noted, and its file is linted again.
 *
 * Checked by hand, not with zod: a warm run checks every record it reads, and a schema library
 * cost it more than reading them (a third of a warm run's CPU on 300 reports). Keys not named
 * here are allowed (a record of a newer tool may carry more).
 */
import type { FileOutcome } from './lint-file.ts';
import type { CrossRecord } from './set-cache.ts';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const string: Check = (v) => typeof v === 'string';
const number: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const position: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const arrayOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const tuple =
  (...checks: Check[]): Check =>
  (v) =>
    Array.isArray(v) && v.length === checks.length && checks.every((check, i) => check(v[i]));
/** An object (not an array) whose named keys pass their checks; other keys are allowed. */
const object =
  (shape: Record<string, Check>): Check =>
  (v) => {
    if (!isObject(v)) return false;
    for (const key in shape) if (!(shape[key] as Check)(v[key])) return false;
    return true;
  };
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v);

const edit = object({ range: tuple(position, position), text: string });
const diagnostic = object({
  ruleId: string,
  messageId: string,
  severity: oneOf(1, 2),
  message: string,
  data: isObject,
  line: position,
  column: position,
  endLine: position,
  endColumn: position,
  fix: optional(edit),
  suggestions: optional(arrayOf(object({ desc: string, fix: edit }))),
});
const result = object({
  filePath: string,
  messages: arrayOf(diagnostic),
  errorCount: number,
  warningCount: number,
  fatal: optional(object({ messageId: string, message: string })),
  suppressedMessages: optional(arrayOf(diagnostic)),
});
const point = object({ line: position, column: position });
/** A packed digest without its bytes (they follow the outcome in the record). */
const digest = object({
  filePath: string,
  id: string,
  packed: oneOf(''),
  agencyText: nullable(string),
  agency: nullable(string),
  year: nullable((v) => Number.isSafeInteger(v)),
  identifiedBy: object({ agency: nullable(string), year: nullable(string) }),
  bodyless: optional(oneOf(true)),
});
const analysis = object({
  filePath: string,
  messages: arrayOf(diagnostic),
  directives: arrayOf(object({ kind: string, ruleIds: arrayOf(string), start: point, end: point })),
  digest: nullable(digest),
  failed: optional(result),
  model: optional(isObject),
});
const outcome = object({
  result: optional(result),
  analysis: optional(analysis),
  encoding: optional(string),
  input: optional(object({ kind: oneOf('html', 'docx', 'pdf'), origins: Array.isArray, places: optional(Array.isArray) })),
});

/** A stored outcome (JSON text), or undefined when it is not of this shape. */
export function parseOutcome(text: string): FileOutcome | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    return outcome(data) && ((data as FileOutcome).result !== undefined || (data as FileOutcome).analysis !== undefined) ? (data as FileOutcome) : undefined;
  } catch {
    return undefined;
  }
}

const read = tuple(oneOf('p', 's', 'a'), number, nullable(string), nullable(string));
const cross = object({
  self: tuple(string, string),
  rules: arrayOf(tuple(string, arrayOf(read), arrayOf(diagnostic))),
});

/** A stored cross-report record (JSON text), or undefined when it is not of this shape. */
export function parseCross(text: string): CrossRecord | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    return cross(data) ? (data as CrossRecord) : undefined;
  } catch {
    return undefined;
  }
}
