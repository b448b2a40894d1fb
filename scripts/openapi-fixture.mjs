// Writes test/fixtures/github-openapi.json: the parts of GitHub's published OpenAPI description
// (api.github.com, from the @octokit/openapi package) that the Action's tests check requests,
// responses and event payloads against — the operations the Action calls, with every schema,
// parameter, response and example they refer to, and every path template (without operations) so
// that a request to another endpoint is still recognised as one. The whole description is 13 MB
// in a 394 MB package; the tests need a few hundred kB of it.
//
//   npm install --no-save @octokit/openapi && node scripts/openapi-fixture.mjs
//   node scripts/openapi-fixture.mjs path/to/api.github.com.json
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(root, 'test/fixtures/github-openapi.json');
/** The operations the Action calls (test/helpers/fake-github.ts serves them). */
const OPERATIONS = ['pulls/list-files', 'pulls/list-review-comments', 'pulls/create-review-comment', 'checks/create', 'checks/update'];
/** Components the tests name directly: error bodies, response examples, webhook payloads. */
const COMPONENTS = [
  '#/components/schemas/basic-error',
  '#/components/schemas/check-run',
  '#/components/schemas/diff-entry',
  '#/components/schemas/webhook-pull-request-synchronize',
  '#/components/schemas/webhook-push',
  '#/components/examples/diff-entry-items',
  '#/components/examples/check-run-example-of-in-progress-conclusion',
  '#/components/examples/check-run-example-of-completed-conclusion',
  '#/components/examples/pull-request-review-comment',
];

const source = process.argv[2] ?? createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
const spec = JSON.parse(readFileSync(source, 'utf8'));

const components = {};
const seen = new Set();
function keep(ref) {
  if (seen.has(ref)) return;
  seen.add(ref);
  const [, , kind, name] = ref.split('/');
  const value = spec.components[kind]?.[name];
  if (value === undefined) throw new Error(`${ref} is not in the description`);
  (components[kind] ??= {})[name] = value;
  collect(value);
}
function collect(value) {
  if (Array.isArray(value)) value.forEach(collect);
  else if (value && typeof value === 'object') {
    if (typeof value.$ref === 'string') keep(value.$ref);
    Object.values(value).forEach(collect);
  }
}

const paths = {};
for (const [template, item] of Object.entries(spec.paths)) {
  const used = Object.values(item).some((op) => op && typeof op === 'object' && OPERATIONS.includes(op.operationId));
  paths[template] = used ? item : {};
  if (used) collect(item);
}
const found = Object.values(paths).flatMap((item) => Object.values(item).map((op) => op?.operationId));
for (const id of OPERATIONS) if (!found.includes(id)) throw new Error(`operation ${id} is not in the description`);
COMPONENTS.forEach(keep);

const sorted = (object) =>
  Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, object[key]]),
  );
const fixture = {
  openapi: spec.openapi,
  info: { ...spec.info, description: `${spec.info.description ?? ''} (A subset for xxgk-lint's tests: scripts/openapi-fixture.mjs.)`.trim() },
  paths,
  components: sorted(Object.fromEntries(Object.entries(components).map(([kind, entries]) => [kind, sorted(entries)]))),
};
writeFileSync(OUT, `${JSON.stringify(fixture)}\n`);
console.log(
  `${path.relative(root, OUT)}: ${Object.keys(paths).length} paths (${OPERATIONS.length} operations), ${seen.size} components, ${(Buffer.byteLength(JSON.stringify(fixture)) / 1024).toFixed(0)} kB`,
);
