/**
 * The typed report model: what the parser read from one annual report, with a source span on
 * every element. Built once per file (src/model/build.ts), validated by these schemas, frozen.
 */
import { z } from 'zod';

export const PointSchema = z.object({ line: z.number().int().min(1), column: z.number().int().min(1), offset: z.number().int().min(0) });
export const SpanSchema = z.object({ start: PointSchema, end: PointSchema });
export type Span = z.infer<typeof SpanSchema>;

export const TitleSchema = z.object({
  text: z.string(),
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The title does not use the standard words 政府信息公开工作年度报告. */
  standardWording: z.boolean(),
  span: SpanSchema,
});

export const PeriodSchema = z.object({
  text: z.string(),
  start: z.object({ year: z.number().int().nullable(), month: z.number().int(), day: z.number().int() }),
  end: z.object({ year: z.number().int().nullable(), month: z.number().int(), day: z.number().int() }),
  span: SpanSchema,
});

export const ContactItemSchema = z.object({ text: z.string(), span: SpanSchema });
export const ContactSchema = z.object({
  phones: z.array(ContactItemSchema.extend({ hasAreaCode: z.boolean() })),
  emails: z.array(ContactItemSchema),
  postcodes: z.array(ContactItemSchema.extend({ digits: z.string() })),
});

export const PART_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
export const PartSchema = z.object({
  /** Which of the six statutory parts (1 = 总体情况 … 6 = 其他需要报告的事项). */
  part: z.number().int().min(1).max(6),
  /** The numeral as written (一, 二, …) and what it stands for. */
  numeral: z.string(),
  numeralValue: z.number().int(),
  /** The heading text after the numeral, as written. */
  text: z.string(),
  /** exact = the official heading; alias = a wording seen in real reports; fuzzy = a near miss (typo). */
  match: z.enum(['exact', 'alias', 'fuzzy']),
  span: SpanSchema,
  /** Offsets of the part's body: from after the heading to the next part's heading. */
  bodyStart: z.number().int(),
  bodyEnd: z.number().int(),
});

export const CellSchema = z.object({
  /** Column id within the row (e.g. 自然人, 总计, 本年制发件数). */
  column: z.string(),
  kind: z.enum(['number', 'blank', 'placeholder', 'invalid']),
  value: z.number().nullable(),
  raw: z.string(),
  span: SpanSchema,
});
export type Cell = z.infer<typeof CellSchema>;

export const RowSchema = z.object({
  /** Stable row id, e.g. `t3.r1`, `t3.c3.1`, `t3.total`. */
  id: z.string(),
  /** The official label, e.g. （七）总计. */
  label: z.string(),
  /** The label as found in the file, with its span; null if the row was not found. */
  found: z.object({ text: z.string(), span: SpanSchema, typo: z.boolean() }).nullable(),
  /** read = exactly the expected cells were found; otherwise the row is not used in any sum. */
  status: z.enum(['read', 'missing', 'count', 'unclear']),
  /** The cells in template order; empty unless status is `read`. */
  cells: z.array(CellSchema),
  /** Number of value tokens found for the row (for `count`). */
  valuesFound: z.number().int(),
});
export type Row = z.infer<typeof RowSchema>;

export const StructureIssueSchema = z.object({
  code: z.enum([
    'missingTable',
    'missingRow',
    'cellCount',
    'runTogether',
    'blankCell',
    'nonNumeric',
    'negative',
    'unexpectedText',
    'labelTypo',
    'headerTypo',
    'missingNote',
    'mixedTemplate',
    'strayValues',
    'rowOrder',
    'interleaved',
  ]),
  /** Data for the message (row label, counts, expected text…). */
  data: z.record(z.string(), z.union([z.string(), z.number()])),
  span: SpanSchema,
});
export type StructureIssue = z.infer<typeof StructureIssueSchema>;

export const TemplateSchema = z.enum(['2019', '2021', 'unknown']);
export type Template = z.infer<typeof TemplateSchema>;

export const TableSchema = z.object({
  id: z.enum(['t2', 't3', 't4']),
  /** The part whose table this is: 二, 三 or 四. */
  name: z.string(),
  found: z.boolean(),
  template: TemplateSchema,
  /** Where the template shows itself: a 2019-only caption or row, for findings about the template. */
  templateAt: SpanSchema.nullable(),
  span: SpanSchema.nullable(),
  columns: z.array(z.string()),
  rows: z.array(RowSchema),
  issues: z.array(StructureIssueSchema),
});
export type Table = z.infer<typeof TableSchema>;

export const ClaimSchema = z.object({
  /** What the sentence states: applications received (本年新收), none received, handled (办结), reconsiderations, lawsuits. */
  kind: z.enum(['received', 'noneReceived', 'concluded', 'review', 'litigation']),
  /** An integer; beyond 2^53 (zod's int() refuses those) only an approximation of `stated`. */
  value: z.number().refine(Number.isInteger, 'expected an integer'),
  /** The number as written (digits), for messages. */
  stated: z.string(),
  text: z.string(),
  span: SpanSchema,
});
export type Claim = z.infer<typeof ClaimSchema>;

export const FeeStatementSchema = z.object({
  text: z.string(),
  span: SpanSchema,
  /** The part the statement stands in (6 = 其他需要报告的事项), null before the first part. */
  part: z.number().int().nullable(),
});

export const ReportModelSchema = z.object({
  /** The report year: from the title, else from the statistical period. */
  year: z.number().int().nullable(),
  title: TitleSchema.nullable(),
  period: PeriodSchema.nullable(),
  contact: ContactSchema,
  parts: z.array(PartSchema),
  tables: z.object({ t2: TableSchema, t3: TableSchema, t4: TableSchema }),
  /** The closing signature: agency line and date line at the end of the report. */
  signature: z
    .object({
      agency: z.string().nullable(),
      date: z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int() }),
      span: SpanSchema,
    })
    .nullable(),
  /** Documents cited as 《title》（number）. */
  citations: z.array(z.object({ title: z.string(), number: z.string().nullable(), span: SpanSchema })),
  /** The State Council order numbers cited for the 条例 (492 for 2007, 711 for the 2019 revision). */
  orderNumbers: z.array(z.object({ number: z.number().int(), span: SpanSchema })),
  /** The sub-topics of the overview (part 一) that its text mentions; null without a part 一. */
  overviewTopics: z.array(z.string()).nullable(),
  /** Numbers the prose of the preamble and part 一 states about the tables. */
  claims: z.array(ClaimSchema),
  /** Sentences that state the information-processing fees (信息处理费) collected. */
  fees: z.array(FeeStatementSchema),
  /** Span of the document start, where findings about the whole report are placed. */
  documentStart: SpanSchema,
  /** Offsets of the text before the first part heading (title, opening paragraph). */
  preamble: z.object({ start: z.number().int(), end: z.number().int() }),
});
export type ReportModel = z.infer<typeof ReportModelSchema>;
