/**
 * The configuration file `.xxgk-lint.json`:
 *
 *   { "rules": { "<rule id>": "off" | "warn" | "error" | [severity, options] }, "ignores": ["drafts/**"],
 *     "agencies": { "<agency's current name>": ["<former name>", …] } }
 *
 * Every problem in a file is collected and reported at once (as Astro does) so that users fix
 * their config in one round instead of one error per run.
 *
 * Split as ESLint splits its own: `config/find.ts` (where the file is), `config/load.ts` (reading
 * it: JSONC, JavaScript, plugins, rule files), `config/resolve.ts` (checking it against the rules,
 * merging over the defaults), `config/schema.ts` (the zod schema and the JSON Schema generated
 * from it) and `config/errors.ts` (every problem at once). This module is their public face.
 */
export { ConfigError, closeMatches } from './config/errors.ts';
export { configRunsCode, findConfigFile } from './config/find.ts';
export { loadConfig, searchSettings } from './config/cascade.ts';
export { parseJsonConfig, resolveConfigFrom, type LoadConfigOptions, type LoadedConfig } from './config/load.ts';
export { classifier, defaultConfig, resolveConfig } from './config/resolve.ts';
export { CONFIG_FILE_NAME, CONFIG_KEYS, CONFIG_SCHEMA_PATH, configJsonSchema } from './config/schema.ts';
