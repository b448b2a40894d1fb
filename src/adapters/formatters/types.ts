import type { Rule } from '../../rule.ts';
import type { LintResult, Locale } from '../../types.ts';

export interface FormatterContext {
  locale: Locale;
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** The rules that were available (for SARIF's rule table). */
  rules: readonly Rule[];
  /** ANSI colours (stylish only). The CLI decides from TTY and NO_COLOR; formatters stay pure. */
  color?: boolean;
  /** Name every file skipped as not a report (stylish; `--verbose`). */
  verbose?: boolean;
}

export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;
