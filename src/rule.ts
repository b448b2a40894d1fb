/**
 * The rule authoring API. Built-in rules (rules/*.ts) use exactly this, and so do users' own rules.
 */
import type * as z from 'zod';
import type { Root } from 'mdast';
import type { Locale, Point, SeverityName } from './types.ts';
import type { ReportModel, Row, Table } from './model/schema.ts';

export { formatMessage, type LocalizedText } from './i18n.ts';
import type { LocalizedText } from './i18n.ts';

/**
 * A report built from the sample every rule's docs share (src/testing/sample.ts), changed by
 * `replace`: plain data, so that rules carry no fixture builder. Each replacement must change the
 * text, or the example fails to build.
 */
export interface SampleSpec {
  year?: number;
  /** The table form: tsv (default), gfm, html, layout, cellPerLine, gfmMerged, htmlMerged. */
  form?: 'gfm' | 'tsv' | 'html' | 'layout' | 'cellPerLine' | 'gfmMerged' | 'htmlMerged';
  title?: string | null;
  opening?: string | null;
  part6?: string;
  signature?: string | null;
  /**
   * Table 三's figures (six applicant columns each; 总计 and row 一 are computed so that the table
   * adds up): outcomes by row id (`t3.open`, …), row 二 `carried` and row 四 `carryOver`.
   */
  t3?: { outcomes?: Readonly<Record<string, readonly number[]>>; carried?: readonly number[]; carryOver?: readonly number[] };
  /** Table 二's 规章 and 行政规范性文件 rows: [本年制发件数, 本年废止件数, 现行有效件数]. */
  t2?: { rules?: readonly [number, number, number]; normative?: readonly [number, number, number] };
  /** Replacements applied in order, as String.prototype.replace does (first match, `$1` allowed). */
  replace?: ReadonlyArray<readonly [string | RegExp, string]>;
}

/** Another report of the same run, for examples and tests of cross-report rules (`checkSet`). */
export interface RelatedExample {
  code?: string;
  sample?: SampleSpec;
  /** Its path in the run (shown in messages); default `related-<n>.md`. File names never identify a report. */
  filePath?: string;
}

export interface RuleExample {
  /** Markdown text of a (usually short) report; or `sample` to build one from the shared sample. */
  code?: string;
  sample?: SampleSpec;
  /** The example's own path (default `<text>`). */
  filePath?: string;
  /** Other reports of the same run (last year's report, say), for rules with `checkSet`. */
  related?: readonly RelatedExample[];
  /** Options for the rule, if not the defaults. */
  options?: unknown;
  /** What the example shows, for the docs. */
  title?: string;
}

export interface InvalidRuleExample extends RuleExample {
  /** The message ids the rule must report, in order. */
  errors: readonly string[];
  /**
   * The text after one pass of the rule's fixes (ESLint's RuleTester `output`): the text, or a
   * `{ sample }` built like the example's; `null` asserts that the rule offers no fix. Shown in the docs.
   */
  output?: ExampleOutput;
}

/** A fixed text: the text itself, or a sample report; `null` = no fix. */
export type ExampleOutput = string | null | { sample: SampleSpec };

export interface RuleMeta<Options extends z.ZodType = z.ZodType> {
  /** kebab-case, permanent: a public contract. */
  id: string;
  description: LocalizedText;
  /** Why the rule exists, with the legal basis where there is one (Chinese and English). */
  rationale: LocalizedText;
  defaultSeverity: Exclude<SeverityName, 'off'>;
  /** zod schema of the options object; every field must have a default. */
  options: Options;
  messages: Readonly<Record<string, LocalizedText>>;
  examples: { valid: readonly RuleExample[]; invalid: readonly InvalidRuleExample[] };
  /** Deprecated rules stay registered so that configs naming them keep working. */
  deprecated?: boolean;
  /**
   * Where the rule's documentation is (shown by editors and in SARIF). Built-in rules leave it out:
   * theirs is docs/rules/<id>.md in the repository (see `ruleDocsUrl`).
   */
  url?: string;
  /**
   * The rule's reports may carry a `fix` (an edit that is certainly right, applied by `--fix`).
   * As ESLint's: `'code'` (or `'whitespace'`). A rule that reports a fix without it fails.
   */
  fixable?: 'code' | 'whitespace';
  /** The rule's reports may carry `suggest`: edits a person must confirm (never applied by `--fix`). */
  hasSuggestions?: boolean;
}

/**
 * An edit of the source, as ESLint's: replace the UTF-16 offsets `[start, end)` of the decoded text
 * (`context.source`, the offsets of `span.start.offset`/`span.end.offset`) by `text`. An insertion
 * has start === end; a deletion has text ''.
 */
export interface Fix {
  range: readonly [number, number];
  text: string;
}

/** A suggested edit: what it does (a message id of the rule, or a text in both locales) and the edit. */
export interface SuggestionDescriptor {
  messageId?: string;
  /** Used when there is no messageId. */
  desc?: LocalizedText;
  data?: Record<string, string | number>;
  fix: Fix;
}

/** A fix replacing a span of the model (spans' end offsets are exclusive). */
export function replaceSpan(span: { start: { offset: number }; end: { offset: number } }, text: string): Fix {
  return { range: [span.start.offset, span.end.offset], text };
}

/** A fix inserting `text` at an offset. */
export function insertAt(offset: number, text: string): Fix {
  return { range: [offset, offset], text };
}

/** Where a finding points: a point or a span; `end` defaults to `start`. */
export interface At {
  start: Point;
  end?: Point;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  at: At;
  /** An edit that is certainly right (needs `meta.fixable`); applied by `--fix`. */
  fix?: Fix;
  /** Edits a person must confirm (needs `meta.hasSuggestions`); shown by editors and the Action. */
  suggest?: readonly SuggestionDescriptor[];
}

export interface RuleContext<O> {
  /**
   * The typed model of the report (read-only; frozen when rules other than the built-in ones run):
   * rules read this, never the raw text.
   */
  readonly model: ReportModel;
  /** The mdast tree the model was built from (read-only). */
  readonly tree: Readonly<Root>;
  /** The source text (decoded). */
  readonly source: string;
  readonly options: O;
  readonly locale: Locale;
  report(descriptor: ReportDescriptor): void;
}

// ---- Reports as a set ---------------------------------------------------------------------------

/** A table as cross-report rules see it: the model's table without its structure issues. */
export type DigestTable = Pick<Table, 'id' | 'found' | 'template' | 'columns'> & { rows: readonly Row[] };

/** A piece of prose on one source line: text outside tables, headings, HTML and code, as written. */
export interface ProseSegment {
  text: string;
  /** Where `text` starts (1-based line and column; columns count UTF-16 code units). */
  line: number;
  column: number;
  /** Offset of `text` in the source. */
  offset: number;
  /** The statutory part (1–6) the text stands in; null before the first part heading. */
  part: number | null;
}

/**
 * How a report is known across the run: agency and year, and where they were read. A plain,
 * serialisable object (it may come back from a worker process): no functions, no mdast.
 */
export interface ReportIdentity {
  /** The agency as written (title, else signature), null when none was found. */
  agencyText: string | null;
  /**
   * The key reports of one agency share: the name normalised (full/half width, spaces removed)
   * and mapped through the config's `agencies`; null when no agency was found.
   */
  agency: string | null;
  year: number | null;
  /** Where agency and year were read (`config` when the config's `agencies` renamed it). */
  identifiedBy: { agency: 'title' | 'signature' | 'config' | null; year: 'title' | 'period' | null };
}

/**
 * What the engine keeps of each report for cross-report rules: its identity, its three tables
 * (cells with their spans) and its prose. Produced per file; rules never see another file's
 * model, tree or source.
 */
export interface ReportDigest extends ReportIdentity {
  filePath: string;
  tables: { readonly t2: DigestTable; readonly t3: DigestTable; readonly t4: DigestTable };
  prose: readonly ProseSegment[];
}

export interface SetRuleContext<O> {
  /** This report (the one findings are reported in). */
  readonly current: ReportDigest;
  /**
   * The same agency's report for the year before (`current.year - 1`), from anywhere in the run,
   * or undefined when the run has none or this report has no agency or year. When the run holds
   * two reports for that year, the first by path.
   */
  previousYear(): ReportDigest | undefined;
  /** The same agency's report for any year, or undefined. */
  sameAgency(year: number): ReportDigest | undefined;
  /** Every report of the run (including those read only as context, e.g. by the Action). */
  readonly reports: readonly ReportDigest[];
  readonly options: O;
  readonly locale: Locale;
  /** Reports a finding in this report (`current.filePath`). */
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<Options extends z.ZodType = z.ZodType> {
  meta: RuleMeta<Options>;
  /** Checks one report. */
  check?(context: RuleContext<z.output<Options>>): void;
  /**
   * Checks one report against the others of the run (cross-report rules): called once per linted
   * report after every report of the run has been read. A rule has `check`, `checkSet` or both.
   */
  checkSet?(context: SetRuleContext<z.output<Options>>): void;
}

export { builtinRule, defineRule } from './define-rule.ts';

export const REPOSITORY_URL = 'https://github.com/xxgk-lint/xxgk-lint';

/**
 * The rule's documentation: `meta.url` when the rule gives one, else (for a built-in rule, whose id
 * has no `plugin/` part) its page docs/rules/<id>.md; undefined for a plugin rule without a url.
 */
export function ruleDocsUrl(rule: Rule): string | undefined {
  if (rule.meta.url) return rule.meta.url;
  return rule.meta.id.includes('/') ? undefined : `${REPOSITORY_URL}/blob/main/docs/rules/${rule.meta.id}.md`;
}

/** The issue form for a wrong finding (.github/ISSUE_TEMPLATE/wrong-finding.yml). */
export const WRONG_FINDING_TEMPLATE = 'wrong-finding.yml';

/**
 * A link that opens the issue form for a wrong finding, prefilled (GitHub fills a form's fields
 * from query parameters named by their ids): the rule, the message, the text it is about. Long
 * text is cut so that the link stays well below what browsers and GitHub accept.
 */
export function wrongFindingUrl(finding: { ruleId?: string; message?: string; snippet?: string }): string {
  // Cut by the length once percent-encoded (a Chinese character takes 9): about 6,000 in all.
  const cut = (text: string, budget: number) => {
    let used = 0;
    let end = 0;
    for (const ch of text) {
      used += encodeURIComponent(ch).length;
      if (used > budget) return `${text.slice(0, end)}…`;
      end += ch.length;
    }
    return text;
  };
  const params = new URLSearchParams({ template: WRONG_FINDING_TEMPLATE });
  if (finding.ruleId) {
    params.set('title', `Wrong finding: ${finding.ruleId}`);
    params.set('rule', finding.ruleId);
  }
  if (finding.message) params.set('message', cut(finding.message, 1500));
  if (finding.snippet) params.set('snippet', cut(finding.snippet, 4000));
  return `${REPOSITORY_URL}/issues/new?${params.toString()}`;
}
