/**
 * The tool's two languages: one way to read a locale, to fill a message table, to count and to
 * list. Each layer keeps its own table, one shape for all (id → { 'zh-CN', en }): the engine's
 * in engine/messages.ts, the CLI's in adapters/cli/messages.ts, each formatter's in its module,
 * the web page's in site/src/main.ts, a rule's in its meta; and fills it with `messageTable`. No
 * module writes `locale === 'en' ? … : …` for a text of its own.
 */
import type { Locale } from './types.ts';

export type { Locale };

/** A message in both locales; `{name}` placeholders are filled from the report's data. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** Fills `{name}` placeholders. Unknown placeholders are left visible so tests can catch them. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** A locale as users write it (`zh`, `zh-CN`, `en`, any case, spaces around), or undefined. */
export function parseLocale(value: unknown): Locale | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'zh' || lower === 'zh-cn') return 'zh-CN';
  if (lower === 'en') return 'en';
  return undefined;
}

/** A table of messages by id, each in every locale, with `{name}` placeholders. */
export type MessageTable = Readonly<Record<string, LocalizedText>>;

/** The function that fills `table`'s messages: `t(id, locale, data)`. */
export function messageTable<T extends MessageTable>(
  table: T,
): (id: keyof T & string, locale: Locale, data?: Readonly<Record<string, string | number>>) => string {
  return (id, locale, data = {}) => formatMessage((table[id] as LocalizedText)[locale], data);
}

/** The text for this locale (for texts too long for a table entry, such as the help). */
export function pick<T>(locale: Locale, texts: Readonly<Record<Locale, T>>): T {
  return texts[locale];
}

/** English needs singular/plural words; Chinese does not. */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** A count of findings as the messages that say “{total} {problemWord} ({errors} {errorWord}, …)” take it. */
export function problemCounts(
  errors: number,
  warnings: number,
): { total: number; errors: number; warnings: number; problemWord: string; errorWord: string; warningWord: string } {
  return {
    total: errors + warnings,
    errors,
    warnings,
    problemWord: plural(errors + warnings, 'problem', 'problems'),
    errorWord: plural(errors, 'error', 'errors'),
    warningWord: plural(warnings, 'warning', 'warnings'),
  };
}

const SEPARATORS: Readonly<Record<Locale, { and: string; or: string }>> = {
  'zh-CN': { and: '、', or: '或' },
  en: { and: ', ', or: ' or ' },
};

/** `a、b、c` / `a, b, c`. */
export function list(items: readonly string[], locale: Locale): string {
  return items.join(SEPARATORS[locale].and);
}

/** `a或b` / `a or b`. */
export function orList(items: readonly string[], locale: Locale): string {
  return items.join(SEPARATORS[locale].or);
}
