/** Config mistakes: every problem found, with the path to fix and a suggestion where one is close. */
import { t } from '../messages.ts';
import type { Locale } from '../../types.ts';
import { CONFIG_FILE_NAME } from './schema.ts';

export interface ConfigProblem {
  /** Where in the config, e.g. `rules.table-sums[1].tolerance`; empty for the whole file. */
  path: string;
  message: string;
}

/** A user mistake in the configuration. Carries every problem found; never shown with a stack. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];
  readonly filePath: string | undefined;

  constructor(problems: readonly ConfigProblem[], filePath: string | undefined, locale: Locale = 'en') {
    super(formatConfigProblems(problems, filePath, locale));
    this.problems = problems;
    this.filePath = filePath;
  }
}

/** The text the CLI prints: a header naming the file, then one `! path  message` line per problem. */
export function formatConfigProblems(problems: readonly ConfigProblem[], filePath: string | undefined, locale: Locale): string {
  const header = t('configProblems', locale, { file: filePath ?? CONFIG_FILE_NAME });
  const lines = problems.map((p) => (p.path ? `  ! ${p.path}  ${p.message}` : `  ! ${p.message}`));
  return [header, ...lines].join('\n');
}

export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Known names within a small edit distance of `name`, or containing it; closest first, at most 3. */
export function closeMatches(name: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return known
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter(({ candidate, distance }) => distance <= limit || (name.length >= 4 && candidate.includes(name)))
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
