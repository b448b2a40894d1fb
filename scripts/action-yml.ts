/**
 * Reads action.yml: for the README's table of inputs and outputs (scripts/generate-docs.ts) and
 * for the tests, which fill in the inputs' defaults as the runner does.
 *
 * action.yml is written by us, so it is read with a deliberately small YAML reader: block
 * mappings, plain and quoted scalars, `|` and `>` block scalars, comments. Anything else
 * (sequences, flow collections, anchors, tags) is an error naming the line, never a silent
 * misreading; no YAML package is needed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export type YamlMapping = { [key: string]: YamlValue };
export type YamlValue = string | YamlMapping;

export class YamlError extends Error {
  override readonly name = 'YamlError';
}

interface Line {
  number: number;
  indent: number;
  text: string;
}

export function parseYaml(source: string): YamlMapping {
  const lines: Line[] = source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, i) => {
      if (/^ *\t/.test(raw)) throw new YamlError(`line ${i + 1}: tabs are not allowed in indentation`);
      const indent = raw.length - raw.trimStart().length;
      return { number: i + 1, indent, text: raw.slice(indent).trimEnd() };
    });
  const state = { index: 0 };
  const result = parseMapping(lines, state, 0);
  skipBlank(lines, state);
  const rest = lines[state.index];
  if (rest) throw new YamlError(`line ${rest.number}: unexpected indentation`);
  return result;
}

function isBlank(line: Line): boolean {
  return line.text === '' || line.text.startsWith('#');
}

function skipBlank(lines: readonly Line[], state: { index: number }): void {
  while (state.index < lines.length && isBlank(lines[state.index] as Line)) state.index++;
}

function parseMapping(lines: readonly Line[], state: { index: number }, indent: number): YamlMapping {
  const mapping: YamlMapping = {};
  for (;;) {
    skipBlank(lines, state);
    const line = lines[state.index];
    if (!line || line.indent < indent) return mapping;
    if (line.indent > indent) throw new YamlError(`line ${line.number}: unexpected indentation`);
    const match = /^([A-Za-z0-9_.-]+|"[^"]*"|'[^']*'):(?:[ ]+(.*))?$/.exec(line.text);
    if (!match) throw new YamlError(`line ${line.number}: expected "key: value" (only mappings and scalars are supported)`);
    const key = unquoteKey(match[1] ?? '');
    if (Object.hasOwn(mapping, key)) throw new YamlError(`line ${line.number}: duplicate key ${key}`);
    const rest = stripComment(match[2] ?? '');
    state.index++;
    if (rest === '') {
      skipBlank(lines, state);
      const next = lines[state.index];
      mapping[key] = next && next.indent > indent ? parseMapping(lines, state, next.indent) : '';
    } else if (/^[|>][-]?$/.test(rest)) {
      mapping[key] = parseBlockScalar(lines, state, indent, rest, line.number);
    } else {
      mapping[key] = parseScalar(rest, line.number);
    }
  }
}

function unquoteKey(key: string): string {
  return /^["']/.test(key) ? key.slice(1, -1) : key;
}

/** ` # comment` after a value; a `#` inside quotes or without a space before it is content. */
function stripComment(value: string): string {
  if (/^["']/.test(value)) {
    const quote = value[0];
    let i = 1;
    for (; i < value.length; i++) {
      if (quote === "'" && value[i] === "'" && value[i + 1] === "'") i++;
      else if (quote === '"' && value[i] === '\\') i++;
      else if (value[i] === quote) break;
    }
    const after = value.slice(i + 1);
    return /^\s*(#.*)?$/.test(after) ? value.slice(0, i + 1) : value;
  }
  return value.replace(/(^|\s+)#.*$/, '').trim();
}

function parseScalar(value: string, lineNumber: number): string {
  if (value.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(value)) throw new YamlError(`line ${lineNumber}: unterminated single-quoted string`);
    return value.slice(1, -1).replaceAll("''", "'");
  }
  if (value.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(value)) throw new YamlError(`line ${lineNumber}: unterminated double-quoted string`);
    return value.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
      if (escape.startsWith('u')) return String.fromCharCode(parseInt(escape.slice(1), 16));
      const simple: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', '0': '\0' };
      const char = simple[escape];
      if (char === undefined) throw new YamlError(`line ${lineNumber}: unsupported escape \\${escape}`);
      return char;
    });
  }
  // Indicators that start something this reader does not support.
  if (/^[-?:,[\]{}&*!|>%@`]/.test(value) && !/^-[^\s]/.test(value)) {
    throw new YamlError(`line ${lineNumber}: unsupported value ${value} (quote it)`);
  }
  if (/:\s/.test(value)) throw new YamlError(`line ${lineNumber}: ": " in a plain value (quote it)`);
  return value;
}

function parseBlockScalar(lines: readonly Line[], state: { index: number }, parentIndent: number, header: string, lineNumber: number): string {
  const body: Line[] = [];
  while (state.index < lines.length) {
    const line = lines[state.index] as Line;
    if (line.text !== '' && line.indent <= parentIndent) break;
    body.push(line);
    state.index++;
  }
  while (body.length > 0 && (body[body.length - 1] as Line).text === '') body.pop();
  const first = body.find((line) => line.text !== '');
  if (!first) throw new YamlError(`line ${lineNumber}: empty block scalar`);
  const indent = first.indent;
  const texts = body.map((line) => {
    if (line.text !== '' && line.indent < indent) throw new YamlError(`line ${line.number}: less indented than the block's first line`);
    return line.text === '' ? '' : ' '.repeat(line.indent - indent) + line.text;
  });
  // Folded: single line breaks become spaces, blank lines become line breaks.
  const text = header.startsWith('>')
    ? texts
        .join('\n')
        .replace(/([^\n])\n(?=[^\n])/g, '$1 ')
        .replace(/\n\n/g, '\n')
    : texts.join('\n');
  return header.endsWith('-') ? text : `${text}\n`;
}

// ---- action.yml ---------------------------------------------------------------------------------

const Input = z.strictObject({
  description: z.string().min(1),
  required: z.enum(['true', 'false']).optional(),
  default: z.string().optional(),
  deprecationMessage: z.string().optional(),
});
const Output = z.strictObject({ description: z.string().min(1) });

const ActionManifest = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  author: z.string().optional(),
  branding: z.strictObject({ icon: z.string(), color: z.string() }).optional(),
  inputs: z.record(z.string(), Input),
  outputs: z.record(z.string(), Output),
  runs: z.strictObject({ using: z.string(), main: z.string() }),
});

export type ActionManifest = z.infer<typeof ActionManifest>;
export const ACTION_FILE = 'action.yml';

export function parseActionManifest(source: string): ActionManifest {
  const parsed = ActionManifest.safeParse(parseYaml(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new YamlError(`${ACTION_FILE}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export function readActionManifest(root: string): ActionManifest {
  return parseActionManifest(readFileSync(path.join(root, ACTION_FILE), 'utf8'));
}
