/** `--print-config FILE`: the config file used and every rule's severity and options, as JSON. */
import type { Rule } from '../../rule.ts';

/** What --print-config shows: the config file used and every rule's severity and options. */
export function printableConfig(
  loaded: { filePath: string | undefined; ignores: string[]; config: { rules: Record<string, { severity: number; options: unknown }> } },
  rules: readonly Rule[],
) {
  const names = ['off', 'warn', 'error'] as const;
  const entries = rules
    .map((rule) => rule.meta.id)
    .sort()
    .map((id) => {
      const setting = loaded.config.rules[id];
      const severity = names[setting?.severity ?? 0] ?? 'off';
      const options = setting?.options;
      const hasOptions = typeof options === 'object' && options !== null && Object.keys(options).length > 0;
      return [id, hasOptions ? [severity, options] : severity] as const;
    });
  return { configFile: loaded.filePath ?? null, ignores: loaded.ignores, rules: Object.fromEntries(entries) };
}
