/**
 * The config file's names and its schema: the zod schema the loader checks with, and the JSON
 * Schema generated from it (schema/config.json, `npm run docs`) with every rule's options.
 */
import * as z from 'zod';
import type { Rule } from '../../rule.ts';

export const CONFIG_FILE_NAME = '.xxgk-lint.json';
/** JavaScript configs (`export default { … }`): they may hold plugin objects, and they run code. */
export const JS_CONFIG_FILE_NAMES = ['xxgk-lint.config.js', 'xxgk-lint.config.mjs'] as const;
/** JSON configs: JSONC (comments and trailing commas allowed, as in VS Code's settings). */
export const JSON_CONFIG_FILE_NAMES = [CONFIG_FILE_NAME, '.xxgk-lint.jsonc'] as const;
/** A `package.json` counts as a config file when it has this key (whose value is the config). */
export const PACKAGE_JSON_KEY = 'xxgk-lint';
/**
 * Every name looked for in each folder, in this order of precedence. A package.json without the
 * `xxgk-lint` key is passed over (loadConfig goes on looking in the folders above).
 */
export const CONFIG_FILE_NAMES = [...JS_CONFIG_FILE_NAMES, ...JSON_CONFIG_FILE_NAMES, 'package.json'] as const;
/** The JSON Schema of the config file, shipped with the package (`"$schema"` in a config). */
export const CONFIG_SCHEMA_PATH = 'schema/config.json';

/** What folders may contain besides .md: text, saved portal pages, Word drafts. */
export const FOLDER_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.docx', '.pdf'] as const;

/**
 * The config object. The JSON Schema (schema/config.json) is generated from this one, so the two
 * cannot disagree; the descriptions are what editors show.
 */
const RulesSchema = z.record(z.string(), z.unknown()).describe('Rule severities and options: "<rule id>": "off" | "warn" | "error" | [severity, options]');
const AgenciesSchema = z
  .record(z.string().min(1), z.array(z.string().min(1)))
  .describe('Names of one agency for the cross-report rules: { "<current name>": ["<former name>", …] }');
// Issue 21 item 5: ESLint's key (a boolean or "off" / "warn"; the unused comments are warnings).
const LinterOptionsSchema = z
  .strictObject({
    reportUnusedDisableDirectives: z
      .union([z.boolean(), z.enum(['off', 'warn'])])
      .describe('Report xxgk-lint-disable comments that suppress nothing, as warnings (as --report-unused-disable-directives)')
      .optional(),
  })
  .describe("Linting options, as ESLint's linterOptions");
const Patterns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * One entry of `overrides` (issue 21 item 1, as ESLint's eslintrc overrides): settings for the
 * files its patterns match, laid over the config's own in order (a later entry wins).
 */
export const OverrideSchema = z
  .strictObject({
    files: Patterns.describe('The files this entry applies to (gitignore syntax, relative to the config file)'),
    excludedFiles: Patterns.describe('Files among those that it does not apply to (gitignore syntax, relative to the config file)').optional(),
    rules: RulesSchema.optional(),
    agencies: AgenciesSchema.optional(),
    linterOptions: LinterOptionsSchema.optional(),
  })
  .describe('Settings for some files only, laid over the rest of this config');
/** The keys an `overrides` entry may have. */
export const OVERRIDE_KEYS: readonly string[] = Object.keys(OverrideSchema.shape);

export const FileSchema = z.strictObject({
  root: z.boolean().describe("Stop looking for config files in the folders above this one (as ESLint's root: true)").optional(),
  rules: RulesSchema.optional(),
  overrides: z.array(OverrideSchema).describe("Settings for the files matched by patterns, as ESLint's overrides; later entries win").optional(),
  ignores: z.array(z.string()).describe('Files not to lint (gitignore syntax, relative to the config file)').optional(),
  extensions: z
    .array(z.enum(FOLDER_EXTENSIONS))
    .min(1)
    .describe('The files folders contribute, by extension (default: .md only); files named on the command line are always linted')
    .optional(),
  // Checked entry by entry (resolve.ts), with messages of their own; in JSON, package names or ./paths.
  plugins: z.array(z.unknown()).describe('Plugin packages (or ./paths) whose rules to add').optional(),
  ruleFiles: z.array(z.string()).describe('Files (ES modules) that export rules made with defineRule').optional(),
  reports: z.array(z.string()).describe('Files that are reports whatever their content looks like (gitignore syntax, relative to the config file)').optional(),
  notReports: z.array(z.string()).describe('Files that are never reports (gitignore syntax, relative to the config file); wins over reports').optional(),
  agencies: AgenciesSchema.optional(),
  linterOptions: LinterOptionsSchema.optional(),
  $schema: z.string().describe('The JSON Schema editors check the file with').optional(),
});
/** The keys a config may have, from its schema (the remark plugin tells its options from a config by them). */
export const CONFIG_KEYS: readonly string[] = Object.keys(FileSchema.shape);

/**
 * The JSON Schema of a JSON config file (schema/config.json, generated by `npm run docs`): the
 * top-level keys, and for each rule its severity and options as its zod schema describes them,
 * so that editors complete and check `.xxgk-lint.json` given `"$schema"`.
 */
export function configJsonSchema(rules: readonly Rule[]): Record<string, unknown> {
  // Draft 7: the draft editors' JSON language services (VS Code's among them) support best.
  const severity = { $ref: '#/definitions/severity' };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const options: Record<string, unknown> = z.toJSONSchema(rule.meta.options, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
    delete options.$schema;
    ruleProperties[rule.meta.id] = {
      description: `${rule.meta.description['zh-CN']}\n${rule.meta.description.en}`,
      anyOf: [severity, { type: 'array', items: [severity, options], additionalItems: false, minItems: 1 }],
    };
  }
  const generated = z.toJSONSchema(FileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  const topLevel = generated.properties;
  const rulesProperty = {
    ...topLevel.rules,
    type: 'object',
    properties: ruleProperties,
    // Plugin rules: `<plugin>/<rule id>`.
    patternProperties: { '^[^/]+/[^/]+$': { anyOf: [severity, { type: 'array', items: [severity, {}], additionalItems: false, minItems: 1 }] } },
    additionalProperties: false,
  };
  const overrides = topLevel.overrides as { items: { properties: Record<string, unknown> } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'xxgk-lint configuration (.xxgk-lint.json, .xxgk-lint.jsonc, package.json "xxgk-lint")',
    type: 'object',
    additionalProperties: false,
    definitions: {
      severity: { description: 'off | warn | error (0 | 1 | 2)', enum: ['off', 'warn', 'error', 0, 1, 2] },
    },
    properties: {
      ...topLevel,
      rules: rulesProperty,
      // The same rule settings in each `overrides` entry.
      overrides: { ...overrides, items: { ...overrides.items, properties: { ...overrides.items.properties, rules: rulesProperty } } },
      // In a JSON file, a plugin is named by its package or path (a JavaScript config may hold the object).
      plugins: { ...topLevel.plugins, type: 'array', items: { type: 'string' } },
    },
  };
}
