/**
 * What a cache record must look like to be used: everything the run and the formatters read,
 * with its type. Well-formed JSON of another shape (a hand-edited or foreign file) makes the
 * record corrupt: noted, and its file is linted again.
 */
import * as z from 'zod';
import type { FileOutcome } from './lint-file.ts';
import type { CrossRecord } from './set-cache.ts';

const position = z.number().int().min(0);
const edit = z.object({ range: z.tuple([position, position]), text: z.string() });
const diagnostic = z.looseObject({
  ruleId: z.string(),
  messageId: z.string(),
  severity: z.union([z.literal(1), z.literal(2)]),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  line: position,
  column: position,
  endLine: position,
  endColumn: position,
  fix: edit.optional(),
  suggestions: z.array(z.looseObject({ desc: z.string(), fix: edit })).optional(),
});
const result = z.looseObject({
  filePath: z.string(),
  messages: z.array(diagnostic),
  errorCount: z.number(),
  warningCount: z.number(),
  fatal: z.object({ messageId: z.string(), message: z.string() }).optional(),
  suppressedMessages: z.array(diagnostic).optional(),
});
const point = z.looseObject({ line: position, column: position });
/** A packed digest without its bytes (they follow the outcome in the record). */
const digest = z.looseObject({
  filePath: z.string(),
  id: z.string(),
  packed: z.literal(''),
  agencyText: z.string().nullable(),
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  identifiedBy: z.looseObject({ agency: z.string().nullable(), year: z.string().nullable() }),
  bodyless: z.literal(true).optional(),
});
const outcomeSchema = z
  .looseObject({
    result: result.optional(),
    analysis: z
      .looseObject({
        filePath: z.string(),
        messages: z.array(diagnostic),
        directives: z.array(z.looseObject({ kind: z.string(), ruleIds: z.array(z.string()), start: point, end: point })),
        digest: digest.nullable(),
        failed: result.optional(),
        model: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    encoding: z.string().optional(),
    input: z.looseObject({ kind: z.enum(['html', 'docx']), origins: z.array(z.unknown()) }).optional(),
  })
  .refine((o) => o.result !== undefined || o.analysis !== undefined);

/** A stored outcome (JSON text), or undefined when it is not of this shape. */
export function parseOutcome(text: string): FileOutcome | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    return outcomeSchema.safeParse(data).success ? (data as FileOutcome) : undefined;
  } catch {
    return undefined;
  }
}

const read = z.tuple([z.enum(['p', 's', 'a']), z.number(), z.string().nullable(), z.string().nullable()]);
const crossSchema = z.object({
  self: z.tuple([z.string(), z.string()]),
  rules: z.array(z.tuple([z.string(), z.array(read), z.array(diagnostic)])),
});

/** A stored cross-report record (JSON text), or undefined when it is not of this shape. */
export function parseCross(text: string): CrossRecord | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    return crossSchema.safeParse(data).success ? (data as CrossRecord) : undefined;
  } catch {
    return undefined;
  }
}
