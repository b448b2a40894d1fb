/**
 * GitHub's published OpenAPI description as a test oracle — the parts of it the Action's requests,
 * the fake server's responses and the event payloads touch, committed as
 * test/fixtures/github-openapi.json (scripts/openapi-fixture.mjs cuts it from the @octokit/openapi
 * package, which is 394 MB and so not a dependency; rerun it to update the fixture): finds
 * the operation a request is for, and checks the request — method, path parameters, query
 * parameters, JSON body — and the fake server's responses against it. A fake GitHub that answered
 * requests the real one would reject would prove nothing; this keeps it honest.
 *
 * The validator implements the JSON Schema keywords (OpenAPI 3.0 dialect) that the description
 * uses; a keyword it does not know is reported as a problem rather than skipped, so that a new
 * release of the description cannot make it pass silently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Schema = { [keyword: string]: unknown };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
  examples?: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> } | { $ref: string };
  responses: Record<string, { content?: Record<string, MediaType> } | { $ref: string }>;
}

export interface OpenApi {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

export const OPENAPI_FILE = path.join(process.cwd(), 'test/fixtures/github-openapi.json');

let cached: OpenApi | undefined;

/** The description of api.github.com (the fixture's part of it: read once per test file). */
export function githubOpenApi(): OpenApi {
  cached ??= JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApi;
  return cached;
}

/** Follows `$ref`s (local ones: `#/components/...`) until a value that is not a reference. */
export function deref<T>(spec: OpenApi, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let depth = 0; isObject(current) && typeof current.$ref === 'string'; depth++) {
    if (depth > 50) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), spec);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current as T;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- Operations ---------------------------------------------------------------------------------

export interface MatchedOperation {
  /** The path template, e.g. /repos/{owner}/{repo}/check-runs/{check_run_id}. */
  template: string;
  method: string;
  operation: Operation;
  pathParams: Record<string, string>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The operation for a method and path: the template with the most literal segments wins, as routers do. */
export function matchOperation(spec: OpenApi, method: string, pathname: string): MatchedOperation | { problem: string } {
  const segments = pathname.split('/');
  let best: { template: string; literal: number; params: Record<string, string> } | undefined;
  for (const template of Object.keys(spec.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literal = 0;
    let ok = true;
    for (const [i, part] of parts.entries()) {
      const segment = segments[i] ?? '';
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        if (segment === '') ok = false;
        else params[param[1] ?? ''] = decodeURIComponent(segment);
      } else if (part === segment) literal++;
      else ok = false;
      if (!ok) break;
    }
    if (ok && (!best || literal > best.literal)) best = { template, literal, params };
  }
  if (!best) return { problem: `${method} ${pathname}: no such path in GitHub's REST API` };
  const item = spec.paths[best.template] ?? {};
  const operation = item[method.toLowerCase()];
  if (!METHODS.includes(method.toLowerCase()) || !isObject(operation)) {
    const allowed = Object.keys(item).filter((m) => METHODS.includes(m));
    return { problem: `${method} ${best.template}: method not allowed (the path has ${allowed.join(', ').toUpperCase()})` };
  }
  return { template: best.template, method: method.toUpperCase(), operation: operation as unknown as Operation, pathParams: best.params };
}

export interface IncomingRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface CheckedRequest {
  match: MatchedOperation | undefined;
  query: Record<string, string>;
  body: unknown;
  problems: string[];
}

/** Checks a request against the description: the operation, its parameters and its JSON body. */
export function checkRequest(spec: OpenApi, request: IncomingRequest): CheckedRequest {
  const url = new URL(request.url, 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  const matched = matchOperation(spec, request.method, url.pathname);
  let body: unknown = undefined;
  if (request.body !== '') {
    try {
      body = JSON.parse(request.body);
    } catch {
      return { match: undefined, query, body: request.body, problems: [`${request.method} ${url.pathname}: the body is not JSON`] };
    }
  }
  if ('problem' in matched) return { match: undefined, query, body, problems: [matched.problem] };

  const where = `${matched.method} ${matched.template}`;
  const problems: string[] = [];
  const item = spec.paths[matched.template] ?? {};
  const parameters = [...((item.parameters as Operation['parameters']) ?? []), ...(matched.operation.parameters ?? [])].map((p) => deref<Parameter>(spec, p));
  for (const param of parameters.filter((p) => p.in === 'path')) {
    const value = matched.pathParams[param.name];
    if (value === undefined) problems.push(`${where}: path parameter ${param.name} is missing`);
    else if (param.schema)
      problems.push(...validate(spec, param.schema, coerce(spec, param.schema, value), `path parameter ${param.name}`).map((p) => `${where}: ${p}`));
  }
  const queryParams = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(query)) {
    const param = queryParams.get(name);
    if (!param) problems.push(`${where}: unknown query parameter ${name}`);
    else if (param.schema)
      problems.push(...validate(spec, param.schema, coerce(spec, param.schema, value), `query parameter ${name}`).map((p) => `${where}: ${p}`));
  }
  for (const param of queryParams.values()) {
    if (param.required && !(param.name in query)) problems.push(`${where}: required query parameter ${param.name} is missing`);
  }

  const requestBody = matched.operation.requestBody ? deref(spec, matched.operation.requestBody) : undefined;
  if (!requestBody) {
    if (body !== undefined) problems.push(`${where}: the operation takes no request body`);
  } else if (body === undefined) {
    if (requestBody.required) problems.push(`${where}: the request body is required`);
  } else {
    const contentType =
      String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    const media = requestBody.content[contentType];
    if (!media) problems.push(`${where}: content-type ${contentType || '(none)'} is not one of ${Object.keys(requestBody.content).join(', ')}`);
    else if (media.schema) problems.push(...validate(spec, media.schema, body, 'body', { strict: true }).map((p) => `${where}: ${p}`));
  }
  return { match: matched, query, body, problems };
}

/** Checks a response body the fake sends against the schema documented for its status. */
export function checkResponse(spec: OpenApi, match: MatchedOperation, status: number, body: unknown): string[] {
  const documented = match.operation.responses[String(status)];
  const where = `${match.method} ${match.template} → ${status}`;
  if (!documented) {
    // GitHub answers errors the description does not list for every operation (403 for a
    // read-only token, 404): those use the basic-error shape.
    if (status >= 400) return validate(spec, { $ref: '#/components/schemas/basic-error' }, body, 'response').map((p) => `${where}: ${p}`);
    return [`${where}: status not documented`];
  }
  const schema = deref(spec, documented).content?.['application/json']?.schema;
  return schema ? validate(spec, schema, body, 'response').map((p) => `${where}: ${p}`) : [];
}

/** A response example of the description, by its name under components/examples (a deep copy). */
export function exampleValue<T = unknown>(spec: OpenApi, name: string): T {
  const example = spec.components.examples?.[name] as { value?: unknown } | undefined;
  if (!example || example.value === undefined) throw new Error(`no example ${name} in the OpenAPI description`);
  return structuredClone(example.value) as T;
}

/** Path and query values are strings on the wire; the schema's type says what they stand for. */
function coerce(spec: OpenApi, schema: Schema, value: string): unknown {
  const type = deref<Schema>(spec, schema).type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

// ---- JSON Schema (the OpenAPI 3.0 subset GitHub's description uses) -----------------------------

export interface ValidateOptions {
  /**
   * Reject properties an object schema does not declare, unless it says additionalProperties.
   * For what we send: a misspelt field would be ignored by GitHub, and the test must notice.
   */
  strict?: boolean;
}

/** Keywords that only describe. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'externalDocs',
  'xml',
  'discriminator',
]);
const ASSERTIONS = new Set([
  '$ref',
  'type',
  'nullable',
  'format',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

export function validate(spec: OpenApi, schemaOrRef: Schema, value: unknown, at: string, options: ValidateOptions = {}): string[] {
  const schema = deref<Schema>(spec, schemaOrRef);
  const problems: string[] = [];
  for (const keyword of Object.keys(schema)) {
    if (!ASSERTIONS.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
      problems.push(`${at}: the validator does not know the keyword "${keyword}"`);
    }
  }
  if (value === null && schema.nullable === true) return problems;
  if (value === null && schema.type === undefined) {
    // No type: null passes, unless a composition (anyOf, oneOf, allOf) rules it out.
    if (!hasComposition(schema) || compositionAllowsNull(spec, schema)) return problems;
    problems.push(`${at}: is null, which is not allowed`);
    return problems;
  }

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) {
      problems.push(`${at}: expected ${types.join(' or ')}, got ${describe(value)}`);
      return problems;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength} characters`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${at}: does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
      problems.push(`${at}: ${JSON.stringify(value)} is not an ISO 8601 date-time`);
    }
    if (schema.format === 'uri' && !URL.canParse(value)) problems.push(`${at}: ${JSON.stringify(value)} is not a URI`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${at}: less than ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${at}: more than ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items (${value.length})`);
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items (${value.length})`);
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) problems.push(`${at}: items are not unique`);
    if (isObject(schema.items)) value.forEach((item, i) => problems.push(...validate(spec, schema.items as Schema, item, `${at}[${i}]`, options)));
  }
  if (isObject(value)) problems.push(...validateObject(spec, schema, value, at, options));

  if (Array.isArray(schema.allOf)) for (const part of schema.allOf as Schema[]) problems.push(...validate(spec, part, value, at, { strict: false }));
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as Schema[]).map((branch) => validate(spec, branch, value, at, { strict: false }));
    if (!branches.some((p) => p.length === 0)) problems.push(`${at}: matches none of anyOf (${branches.map((p) => p[0]).join(' | ')})`);
  }
  if (Array.isArray(schema.oneOf)) {
    const branches = (schema.oneOf as Schema[]).map((branch) => validate(spec, branch, value, at, { strict: false }));
    const matching = branches.filter((p) => p.length === 0).length;
    if (matching !== 1)
      problems.push(`${at}: matches ${matching} of oneOf, not exactly 1${matching === 0 ? ` (${branches.map((p) => p[0]).join(' | ')})` : ''}`);
  }
  if (isObject(schema.not) && validate(spec, schema.not as Schema, value, at).length === 0) problems.push(`${at}: matches a schema it must not`);
  return problems;
}

function validateObject(spec: OpenApi, schema: Schema, value: Record<string, unknown>, at: string, options: ValidateOptions): string[] {
  const problems: string[] = [];
  const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (!(name in value)) problems.push(`${at}: required property ${name} is missing`);
  }
  if (typeof schema.maxProperties === 'number' && Object.keys(value).length > schema.maxProperties)
    problems.push(`${at}: more than ${schema.maxProperties} properties`);
  if (typeof schema.minProperties === 'number' && Object.keys(value).length < schema.minProperties)
    problems.push(`${at}: fewer than ${schema.minProperties} properties`);
  const declared = new Set([...Object.keys(properties), ...allOfProperties(spec, schema)]);
  for (const [name, item] of Object.entries(value)) {
    const where = `${at}.${name}`;
    const property = properties[name];
    if (property) {
      problems.push(...validate(spec, property, item, where, options));
    } else if (isObject(schema.additionalProperties)) {
      problems.push(...validate(spec, schema.additionalProperties as Schema, item, where, options));
    } else if (
      schema.additionalProperties === false ||
      (options.strict && schema.additionalProperties === undefined && declared.size > 0 && !declared.has(name))
    ) {
      problems.push(`${where}: property not in the schema`);
    }
  }
  return problems;
}

/** Properties declared by allOf parts: they count as declared for strict checking. */
function allOfProperties(spec: OpenApi, schema: Schema): string[] {
  if (!Array.isArray(schema.allOf)) return [];
  return (schema.allOf as Schema[]).flatMap((part) => {
    const resolved = deref<Schema>(spec, part);
    return [...(isObject(resolved.properties) ? Object.keys(resolved.properties) : []), ...allOfProperties(spec, resolved)];
  });
}

function hasComposition(schema: Schema): boolean {
  return Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf) || Array.isArray(schema.allOf);
}

function compositionAllowsNull(spec: OpenApi, schema: Schema): boolean {
  const branches = [...((schema.anyOf as Schema[]) ?? []), ...((schema.oneOf as Schema[]) ?? [])];
  const parts = (schema.allOf as Schema[]) ?? [];
  if (parts.length > 0 && !parts.every((part) => validate(spec, part, null, '').length === 0)) return false;
  return branches.length === 0 || branches.some((branch) => validate(spec, branch, null, '').length === 0);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}
