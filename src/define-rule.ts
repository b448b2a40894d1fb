/**
 * `defineRule`, the one way to declare a rule, built-in or a user's: it checks all of the
 * metadata at once (the same checks as loading a plugin and RuleTester) and throws one error
 * listing every problem, in the user's language, so that a rule file is fixed in one round.
 * Part of the rule API: imports only the model's types, zod and the i18n helpers.
 */
import * as z from 'zod';
import { en, zhCN } from 'zod/locales';
import { messageTable, type LocalizedText } from './i18n.ts';
import type { Rule } from './rule.ts';
import type { Locale } from './types.ts';

/** A rule id as written in a rule: kebab-case. Plugin rules are known as `<plugin>/<id>`. */
export const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The words of the checks below (the rule API's own). */
const messages = {
  ruleDefinitionProblems: {
    'zh-CN': 'defineRule：规则“{id}”有 {count} 处问题：',
    en: 'defineRule: the rule "{id}" has {count} problem(s):',
  },
  ruleOptionsNoDefaults: {
    'zh-CN': '选项的 zod schema 必须为每个字段设置默认值（schema.parse({}) 应当成功）',
    en: 'the options schema must give every field a default (schema.parse({}) must succeed)',
  },
  rulePlaceholdersDiffer: {
    'zh-CN': '两种语言的占位符不同：zh-CN 为 {zh}，en 为 {en}',
    en: 'the two locales use different placeholders: zh-CN has {zh}, en has {en}',
  },
  ruleUnknownMessageId: { 'zh-CN': '未知的消息 id “{id}”', en: 'unknown message id "{id}"' },
  ruleOutputNotFixable: {
    'zh-CN': '示例给出了修复后的文本（output），但规则没有声明 meta.fixable',
    en: 'the example states a fixed text (output) but the rule does not set meta.fixable',
  },
} as const satisfies Record<string, LocalizedText>;
const tr = messageTable(messages);

/** One problem of a definition: where (`rule.meta.id`) and what. */
export interface Problem {
  path: string;
  message: string;
}

const Localized = z.object({ 'zh-CN': z.string().trim().min(1), en: z.string().trim().min(1) });
const isZodSchema = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';
const Example = z
  .object({ code: z.string().optional(), sample: z.object({}).passthrough().optional(), title: z.string().optional() })
  .refine((e) => typeof e.code === 'string' || e.sample !== undefined, 'needs `code` (a report) or `sample`');

const RuleShape = z
  .object({
    meta: z.object({
      id: z.string().regex(RULE_ID, 'must be kebab-case (a-z, 0-9, -)'),
      description: Localized,
      rationale: Localized,
      defaultSeverity: z.enum(['warn', 'error']),
      options: z.custom<z.ZodType>(isZodSchema, 'must be a zod schema (z.object({...}))'),
      messages: z.record(z.string(), Localized).refine((m) => Object.keys(m).length > 0, 'must have at least one message'),
      examples: z.object({
        valid: z.array(Example),
        invalid: z.array(
          Example.and(
            z.object({
              errors: z.array(z.string()).min(1),
              output: z
                .union([z.string(), z.object({ sample: z.object({}).passthrough() })])
                .nullable()
                .optional(),
            }),
          ),
        ),
      }),
      url: z.string().optional(),
      deprecated: z.boolean().optional(),
      fixable: z.enum(['code', 'whitespace'], "must be 'code' or 'whitespace' (as ESLint's)").optional(),
      hasSuggestions: z.boolean().optional(),
    }),
    check: z.custom<Rule['check']>((value) => value === undefined || typeof value === 'function', 'must be a function').optional(),
    checkSet: z.custom<Rule['checkSet']>((value) => value === undefined || typeof value === 'function', 'must be a function').optional(),
  })
  .refine((rule) => typeof rule.check === 'function' || typeof rule.checkSet === 'function', {
    message: 'needs check(context) or checkSet(context)',
    path: ['check'],
  });

export type ErrorMap = z.core.$ZodErrorMap;

/** `a.b[1].c` from zod's path segments. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('');
}

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();

/**
 * The problems of one rule's shape and metadata (empty when it is fine): what loading a plugin and
 * `RuleTester` check, so that a user's rule fails early and by name, not in the middle of a run.
 */
export function ruleProblems(value: unknown, at: string, locale: Locale, errorMap?: ErrorMap): Problem[] {
  const shape = RuleShape.safeParse(value, errorMap ? { error: errorMap } : undefined);
  if (!shape.success) return shape.error.issues.map((issue) => ({ path: `${at}${formatPath(issue.path)}`, message: issue.message }));
  const rule = value as Rule;
  const problems: Problem[] = [];
  if (!rule.meta.options.safeParse({}).success) problems.push({ path: `${at}.meta.options`, message: tr('ruleOptionsNoDefaults', locale) });
  for (const [id, text] of Object.entries(rule.meta.messages as Record<string, LocalizedText>)) {
    const zh = placeholders(text['zh-CN']).join(', ');
    const en = placeholders(text.en).join(', ');
    if (zh !== en) problems.push({ path: `${at}.meta.messages.${id}`, message: tr('rulePlaceholdersDiffer', locale, { zh: zh || '—', en: en || '—' }) });
  }
  rule.meta.examples.invalid.forEach((example, i) => {
    for (const id of example.errors) {
      if (!(id in rule.meta.messages)) problems.push({ path: `${at}.meta.examples.invalid[${i}].errors`, message: tr('ruleUnknownMessageId', locale, { id }) });
    }
    if (example.output !== undefined && example.output !== null && !rule.meta.fixable) {
      problems.push({ path: `${at}.meta.examples.invalid[${i}].output`, message: tr('ruleOutputNotFixable', locale) });
    }
  });
  return problems;
}

/** zod's own messages (a wrong type, a missing key) in each locale. */
const ZOD_LOCALES: Readonly<Record<Locale, () => { localeError: ErrorMap }>> = { 'zh-CN': zhCN, en };

/** The error map that words zod's messages in `locale`. */
export function zodErrorMap(locale: Locale): ErrorMap {
  return ZOD_LOCALES[locale]().localeError;
}

/** The environment's variables under Node; none in a browser (the web page bundles the rules). */
const processEnv = (): Readonly<Record<string, string | undefined>> =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/**
 * The user's language for messages outside a lint run (defineRule at import time): LC_ALL,
 * LC_MESSAGES or LANG; Chinese unless one of them names another language.
 */
export function environmentLocale(env: Readonly<Record<string, string | undefined>> = processEnv()): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  // No preference (unset, C, POSIX): the project's default language, as the CLI's --locale.
  if (value === '' || /^(C|POSIX)(\.|$)/.test(value) || /^zh/i.test(value)) return 'zh-CN';
  return 'en';
}

/** Declares a rule: checks it (see above) and returns it frozen. */
export function defineRule<Options extends z.ZodType>(rule: Rule<Options>): Rule<Options> {
  const locale = environmentLocale();
  const problems = ruleProblems(rule, 'rule', locale, zodErrorMap(locale));
  if (problems.length > 0) {
    const id = typeof rule === 'object' && rule !== null && typeof rule.meta?.id === 'string' ? rule.meta.id : '?';
    const lines = problems.map((p) => `  ! ${p.path}  ${p.message}`);
    throw new Error([tr('ruleDefinitionProblems', locale, { id, count: problems.length }), ...lines].join('\n'));
  }
  return Object.freeze(rule);
}

/**
 * Declares a built-in rule: frozen as defineRule freezes it, not checked at import — every start of
 * the command line and of each worker would pay for zod reading the metadata of every rule again
 * (some 12 ms of CPU each, issue #22). test/docs.test.ts checks every built-in rule with
 * {@link ruleProblems} instead.
 */
export function builtinRule<Options extends z.ZodType>(rule: Rule<Options>): Rule<Options> {
  return Object.freeze(rule);
}
