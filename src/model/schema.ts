/**
 * The typed report model: what the parser read from one annual report, with a source span on
 * every element. Built once per file (src/model/build.ts), validated by these schemas, frozen.
 */
import * as z from 'zod';

export const RELATION_IDS = ['R1', 'R2', 'R3', 'R4'] as const;

/**
 * The schemas, built on first use ({@link modelSchemas}): only a check of a model (tests, plugins:
 * `buildModel(..., { check: true })`) parses with them, and building them cost every start of the
 * command line and of each worker some 7 ms of CPU (issue #22). The model's types are read from them.
 */
// eslint-disable-next-line max-lines-per-function -- the model's schemas as one declaration, only moved into a function
function defineSchemas() {
  const PointSchema = z.object({ line: z.number().int().min(1), column: z.number().int().min(1), offset: z.number().int().min(0) });
  const SpanSchema = z.object({ start: PointSchema, end: PointSchema });

  const TitleSchema = z.object({
    text: z.string(),
    agency: z.string().nullable(),
    year: z.number().int().nullable(),
    /** The title does not use the standard words 政府信息公开工作年度报告. */
    standardWording: z.boolean(),
    span: SpanSchema,
  });

  const PeriodSchema = z.object({
    text: z.string(),
    start: z.object({ year: z.number().int().nullable(), month: z.number().int(), day: z.number().int() }),
    end: z.object({ year: z.number().int().nullable(), month: z.number().int(), day: z.number().int() }),
    span: SpanSchema,
  });

  const ContactItemSchema = z.object({ text: z.string(), span: SpanSchema });
  const ContactSchema = z.object({
    phones: z.array(ContactItemSchema.extend({ hasAreaCode: z.boolean() })),
    emails: z.array(ContactItemSchema),
    postcodes: z.array(ContactItemSchema.extend({ digits: z.string() })),
  });

  const PartSchema = z.object({
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

  const CellSchema = z.object({
    /** Column id within the row (e.g. 自然人, 总计, 本年制发件数). */
    column: z.string(),
    /** missing = the text has no cell here (a cell was lost); its value, if any, was solved. */
    kind: z.enum(['number', 'blank', 'placeholder', 'invalid', 'missing']),
    /** The value: as written, split from digits run together (or joined from a number wrapped over two lines), or (blank and missing cells) solved from the row's relation. */
    value: z.number().nullable(),
    raw: z.string(),
    span: SpanSchema,
    /**
     * How the value was obtained: written as such; split from digits run together, or joined from
     * the two pieces of a number wrapped over two lines (the row's `decoded.how` tells which); solved
     * (a blank or missing cell).
     */
    read: z.enum(['written', 'split', 'solved']),
  });

  const RelationIdSchema = z.enum(RELATION_IDS);

  const RowSchema = z.object({
    /** Stable row id, e.g. `t3.r1`, `t3.c3.1`, `t3.total`. */
    id: z.string(),
    /** The official label, e.g. （七）总计. */
    label: z.string(),
    /** The label as found in the file, with its span; null if the row was not found. */
    found: z.object({ text: z.string(), span: SpanSchema, typo: z.boolean() }).nullable(),
    /**
     * read = the row has its cells (as written or decoded, see `decoded`); missing = no label;
     * blank = a label with no value at all; count = the values cannot make the template's cells; ambiguous = several readings remain;
     * unsolvable = digits or cells that no reading makes add up; unclear = values mixed with other
     * text or out of place. Only `read` rows take part in sums.
     */
    status: z.enum(['read', 'missing', 'blank', 'count', 'ambiguous', 'unsolvable', 'unclear']),
    /** The cells in template order; empty unless status is `read`. */
    cells: z.array(CellSchema),
    /** Number of value tokens found for the row. */
    valuesFound: z.number().int(),
    /**
     * How a row that was not written cell for cell was read: from digits run together (split), with
     * a cell lost (missingCell) or left empty (blankCell), with one value too many (extraValue), or
     * with a number wrapped over two lines joined (joined: its lower piece away from its column);
     * `text` is the row's values as printed; `chosenBy` the column relations that chose this
     * reading among others (they cannot then confirm it).
     */
    decoded: z
      .object({
        how: z.enum(['split', 'missingCell', 'blankCell', 'extraValue', 'joined']),
        text: z.string(),
        chosenBy: z.array(RelationIdSchema),
      })
      .nullable(),
  });

  const RowRefSchema = z.object({ id: z.string(), label: z.string() });
  const factBase = { span: SpanSchema };

  /**
   * What the table reader found that a rule may want to report: neutral facts with the numbers,
   * labels and text involved, never messages. `table-structure` and `table-sums` turn them into
   * findings. Row and column labels are the format's own (Chinese) words; `text` is quoted from the file.
   */
  const TableFactSchema = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('missingTable'), ...factBase }),
    z.object({ kind: z.literal('missingRow'), row: RowRefSchema, ...factBase }),
    /** The values cannot make the row's cells: too many or too few, or one short where no relation can tell which. */
    z.object({ kind: z.literal('cellCount'), row: RowRefSchema, found: z.number().int(), expected: z.number().int(), blanks: z.number().int(), ...factBase }),
    /** Empty cells where the layout shows which columns they are. `solved` is the value the row relation gives for a single one. */
    z.object({ kind: z.literal('blankCells'), row: RowRefSchema, columns: z.array(z.string()), solved: z.number().nullable(), ...factBase }),
    /** A row with no values at all, its cells empty. */
    z.object({ kind: z.literal('blankRow'), row: RowRefSchema, ...factBase }),
    /** A cell lost: `columns` are where it can be (one when known), `value` what the relations make it (null if they do not). */
    z.object({
      kind: z.literal('missingCell'),
      row: RowRefSchema,
      columns: z.array(z.string()),
      value: z.number().nullable(),
      /** How many values the row has in the template (7 in table 三, 15 in table 四). */
      expected: z.number().int(),
      ...factBase,
    }),
    /** One value too many, read by leaving out `text` (the only value whose removal makes the row add up). */
    z.object({ kind: z.literal('extraValue'), row: RowRefSchema, text: z.string(), ...factBase }),
    /** Several readings remain (digits run together, a lost cell): `readings` lists them (the first few), `count` how many. */
    z.object({
      kind: z.literal('ambiguous'),
      row: RowRefSchema,
      text: z.string(),
      how: z.enum(['split', 'missingCell', 'extraValue', 'mixed']),
      readings: z.array(z.array(z.number())),
      count: z.number().int(),
      expected: z.number().int(),
      ...factBase,
    }),
    /** No reading of the row's text adds up: a sum error. `required` is what the other rows require of it, if they say. */
    z.object({
      kind: z.literal('noReading'),
      row: RowRefSchema,
      text: z.string(),
      how: z.enum(['split', 'missingCell', 'extraValue', 'mixed']),
      expected: z.number().int(),
      required: z.array(z.number()).nullable(),
      relation: z.enum(['R1', 'R2']).nullable(),
      ...factBase,
    }),
    /** Digits run together that allow too many readings to look at, or (without a row relation) more than one. */
    z.object({ kind: z.literal('runTogether'), row: RowRefSchema, text: z.string(), expected: z.number().int(), ...factBase }),
    z.object({ kind: z.literal('nonNumeric'), row: RowRefSchema, column: z.string(), text: z.string(), ...factBase }),
    z.object({ kind: z.literal('negative'), row: RowRefSchema, column: z.string(), text: z.string(), ...factBase }),
    z.object({ kind: z.literal('unexpectedText'), row: RowRefSchema, text: z.string(), ...factBase }),
    z.object({ kind: z.literal('labelTypo'), row: RowRefSchema, found: z.string(), ...factBase }),
    z.object({ kind: z.literal('headerTypo'), found: z.string(), expected: z.string(), ...factBase }),
    z.object({ kind: z.literal('missingNote'), note: z.string(), ...factBase }),
    z.object({ kind: z.literal('mixedTemplate'), found2019: z.number().int(), found2021: z.number().int(), ...factBase }),
    z.object({ kind: z.literal('strayValues'), count: z.number().int(), text: z.string(), ...factBase }),
    z.object({ kind: z.literal('rowOrder'), row: RowRefSchema, ...factBase }),
    /** Values split by other text into `runs` (a PDF read column by column); `row` null for the whole of table 四. */
    z.object({ kind: z.literal('interleaved'), row: RowRefSchema.nullable(), runs: z.number().int(), ...factBase }),
    /** Single digits one space apart in a table whose letter spacing cannot be read: one number's digits, or cells (tables/spaced.ts). */
    z.object({ kind: z.literal('spacedDigits'), row: RowRefSchema, text: z.string(), ...factBase }),
  ]);

  const TemplateSchema = z.enum(['2019', '2021', 'unknown']);

  const TableSchema = z.object({
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
    /** What the reader found about the table's structure, in document order. */
    facts: z.array(TableFactSchema),
  });

  const ClaimSchema = z.object({
    /** What the sentence states: applications received (本年新收), none received, handled (办结), reconsiderations, lawsuits. */
    kind: z.enum(['received', 'noneReceived', 'concluded', 'review', 'litigation']),
    /** An integer; beyond 2^53 (zod's int() refuses those) only an approximation of `stated`. */
    value: z.number().refine(Number.isInteger, 'expected an integer'),
    /** The number as written (digits), for messages. */
    stated: z.string(),
    text: z.string(),
    span: SpanSchema,
  });

  const FeeStatementSchema = z.object({
    text: z.string(),
    span: SpanSchema,
    /** The part the statement stands in (6 = 其他需要报告的事项), null before the first part. */
    part: z.number().int().nullable(),
  });

  const ReportModelSchema = z.object({
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
    /** YAML (`---`) or TOML (`+++`) front matter at the top of the file, as static-site generators write it. */
    frontMatter: z.object({ span: SpanSchema }).nullable(),
    /** The publication date given outside the body (the front matter's `date`). */
    published: z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int(), span: SpanSchema }).nullable(),
    /**
     * What shows the file is an annual report at all, outside fenced code blocks: a title with a
     * year, how many of the six parts have their heading, how many table rows were read, whether a
     * statistical period is stated. The engine decides from it (a README or a writing guide is not).
     */
    evidence: z.object({ title: z.boolean(), parts: z.number().int(), tableRows: z.number().int(), period: z.boolean() }),
    /** Span of the document start, where findings about the whole report are placed. */
    documentStart: SpanSchema,
    /** Offsets of the text before the first part heading (title, opening paragraph). */
    preamble: z.object({ start: z.number().int(), end: z.number().int() }),
    /**
     * Radicals written where whole characters are meant (“⼯作”, “⼈⺠”: text copied from PDFs whose
     * font maps those glyphs to the radicals' code points): how many, a few of them with the
     * character meant, and the span from the first to the last. The rest of the model reads them as
     * the characters. Null when the text has none.
     */
    radicals: z
      .object({
        count: z.number().int(),
        examples: z.array(z.object({ written: z.string(), meant: z.string() })),
        span: SpanSchema,
      })
      .nullable(),
  });
  return {
    PointSchema,
    SpanSchema,
    TitleSchema,
    PeriodSchema,
    ContactItemSchema,
    ContactSchema,
    PartSchema,
    CellSchema,
    RelationIdSchema,
    RowSchema,
    TableFactSchema,
    TemplateSchema,
    TableSchema,
    ClaimSchema,
    FeeStatementSchema,
    ReportModelSchema,
  };
}

type ModelSchemas = ReturnType<typeof defineSchemas>;
let built: ModelSchemas | undefined;

/** The model's zod schemas (ReportModelSchema validates a whole model), built once. */
export function modelSchemas(): ModelSchemas {
  built ??= defineSchemas();
  return built;
}

export type Span = z.infer<ModelSchemas['SpanSchema']>;
export type Cell = z.infer<ModelSchemas['CellSchema']>;
export type RelationId = z.infer<ModelSchemas['RelationIdSchema']>;
export type Row = z.infer<ModelSchemas['RowSchema']>;
export type TableFact = z.infer<ModelSchemas['TableFactSchema']>;
export type TableFactKind = TableFact['kind'];
export type Template = z.infer<ModelSchemas['TemplateSchema']>;
export type Table = z.infer<ModelSchemas['TableSchema']>;
export type ReportModel = z.infer<ModelSchemas['ReportModelSchema']>;
export type Title = z.infer<ModelSchemas['TitleSchema']>;
export type Period = z.infer<ModelSchemas['PeriodSchema']>;
export type Contact = z.infer<ModelSchemas['ContactSchema']>;
