/** Rule settings: the effective severity and options of each rule, and the rule set of a run. */
import { builtinRules } from '../../rules/index.ts';
import type { AgencyAliases } from './digest.ts';
import type { Rule } from '../rule.ts';
import type { SeverityLevel } from '../types.ts';

/** The effective setting of one rule: 0 = off. `options` has been parsed by the rule's schema. */
export interface RuleSetting {
  severity: SeverityLevel | 0;
  options: unknown;
}

export interface ResolvedConfig {
  /** Settings by rule id; rules not listed run with their defaults. */
  rules: Readonly<Record<string, RuleSetting>>;
  /**
   * Rules from the config's plugins and ruleFiles (ids `<plugin>/<id>`), run after the built-in
   * rules whenever lintText is not given its own `rules`.
   */
  pluginRules?: readonly Rule[];
  /** The config's `agencies`: names of one agency (renamed agencies), for cross-report rules. */
  agencies?: AgencyAliases;
}

const SEVERITY: Record<'warn' | 'error', SeverityLevel> = { warn: 1, error: 2 };

export function defaultSetting(rule: Rule): RuleSetting {
  return { severity: SEVERITY[rule.meta.defaultSeverity], options: rule.meta.options.parse({}, { jitless: true }) };
}

/** The rule set of a run: the base rules (the built-in ones unless given) and the config's plugin rules. */
export function ruleSet(config: ResolvedConfig | undefined, base: readonly Rule[] = builtinRules): readonly Rule[] {
  const plugin = config?.pluginRules ?? [];
  return plugin.length > 0 ? [...base, ...plugin] : base;
}

/** The rules lintText runs for these options: its own `rules`, else the rule set of its config. */
export function rulesToRun(options: { rules?: readonly Rule[] | undefined; config?: ResolvedConfig | undefined }): readonly Rule[] {
  return options.rules ?? ruleSet(options.config);
}
