// The OASIS SARIF 2.1.0 JSON Schema (draft-04, as @microsoft/jest-sarif ships it: its matcher
// needs packages it does not declare, so only its schema file is used), checked with Ajv. Its
// pattern for `language` is not valid with the u flag: patterns are compiled without it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);
// A CommonJS module whose exports are the class, with itself as `default` (how TypeScript sees it).
const Ajv = AjvDraft04.default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

/** The schema's complaints about a log (empty when it is valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
