/**
 * The rule authoring API. Built-in rules (rules/*.ts) use exactly this, and so do users' own rules.
 */
import type { z } from 'zod';
import type { Root } from 'mdast';
import type { Locale, Point, SeverityName } from './types.ts';
import type { ReportModel } from './model/schema.ts';

/** A message in both locales; `{name}` placeholders are filled from the report's data. */
export type LocalizedText = Readonly<Record<Locale, string>>;

export interface RuleExample {
  /** Markdown text of a (usually short) report. */
  code: string;
  /** Options for the rule, if not the defaults. */
  options?: unknown;
  /** What the example shows, for the docs. */
  title?: string;
}

export interface InvalidRuleExample extends RuleExample {
  /** The message ids the rule must report, in order. */
  errors: readonly string[];
}

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
}

export interface RuleContext<O> {
  /** The typed, frozen model of the report: rules read this, never the raw text. */
  readonly model: ReportModel;
  /** The mdast tree the model was built from (read-only). */
  readonly tree: Readonly<Root>;
  /** The source text (decoded). */
  readonly source: string;
  readonly options: O;
  readonly locale: Locale;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<Options extends z.ZodType = z.ZodType> {
  meta: RuleMeta<Options>;
  check(context: RuleContext<z.output<Options>>): void;
}

/** Declares a rule. Only checks the metadata's shape; the registry checks ids and messages. */
export function defineRule<Options extends z.ZodType>(rule: Rule<Options>): Rule<Options> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(rule.meta.id)) {
    throw new Error(`rule id "${rule.meta.id}" must be kebab-case`);
  }
  return Object.freeze(rule);
}

/** Fills `{name}` placeholders. Unknown placeholders are left visible so tests can catch them. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
