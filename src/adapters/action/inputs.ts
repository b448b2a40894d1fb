/**
 * The Action's inputs, read once and validated with zod. A bad input is reported as one line
 * that names the input, the value received and what is allowed.
 *
 * The runner passes every input declared in action.yml as INPUT_<NAME> (upper case, hyphens
 * kept), filled with its default when the workflow does not set it; the defaults here apply
 * when the entry is run by hand without them. test/action/inputs.test.ts checks that they agree
 * with action.yml.
 */
import { parseLocale } from '../../i18n.ts';
import * as core from '@actions/core';
import * as z from 'zod';
import type { Locale } from '../../types.ts';
import { tr } from './messages.ts';

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Every input of action.yml with its default there (`${{ github.token }}` is filled in by the runner). */
export const INPUT_DEFAULTS = {
  files: '**/*.md',
  config: '',
  'only-changed': 'true',
  'fail-on': 'error',
  locale: 'zh-CN',
  'github-token': '${{ github.token }}',
  'sarif-file': '',
  'allow-code': 'false',
  suggestions: '20',
  'suppressions-location': 'xxgk-lint-suppressions.json',
  'working-directory': '',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;
export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[];

export interface Inputs {
  /** Files, folders or globs, one per line. */
  files: string[];
  /** An explicit config file; otherwise the nearest .xxgk-lint.json is used. */
  config: string | undefined;
  onlyChanged: boolean;
  failOn: FailOn;
  locale: Locale;
  /** Empty when there is none (a run by hand): then the Action makes no API calls. */
  githubToken: string;
  sarifFile: string | undefined;
  allowCode: boolean;
  /** At most this many fix and suggestion review comments per run (0: none). */
  suggestions: number;
  /** The suppressions file (bulk suppressions, as the CLI's --suppressions-location), relative to the working directory. */
  suppressionsLocation: string;
  /** The folder (relative to the workspace) the Action runs in as the CLI would: `files`, `config`, the config lookup and the paths shown. */
  workingDirectory: string | undefined;
}

/** A bad input: the message is the one line the step fails with. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** The `locale` input: empty is the default (zh-CN); otherwise as i18n reads a locale. */
function localeInput(value: string): Locale | undefined {
  return value.trim() === '' ? 'zh-CN' : parseLocale(value);
}

function inputSchema(locale: Locale) {
  // YAML 1.2 core-schema booleans, as core.getBooleanInput accepts; empty means the default.
  const boolean = (name: InputName, fallback: boolean) =>
    z
      .string()
      .refine((v) => v === '' || TRUE.includes(v) || FALSE.includes(v), {
        error: (issue) => tr('inputBoolean', locale, { name, value: String(issue.input) }),
      })
      .transform((v) => (v === '' ? fallback : TRUE.includes(v)));
  const path = (name: InputName) =>
    z
      .string()
      .refine((v) => !/[\n\r\0]/.test(v), {
        error: (issue) => tr('inputPath', locale, { name, value: String(issue.input), detail: tr('inputPathEmpty', locale) }),
      })
      .transform((v) => (v === '' ? undefined : v));
  return z
    .object({
      files: z.string().transform((v) => {
        const lines = v
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '');
        return lines.length > 0 ? lines : [INPUT_DEFAULTS.files];
      }),
      config: path('config'),
      'only-changed': boolean('only-changed', true),
      'fail-on': z
        .string()
        .refine((v) => v === '' || (FAIL_ON as readonly string[]).includes(v.toLowerCase()), {
          error: (issue) => tr('inputChoice', locale, { name: 'fail-on', value: String(issue.input), allowed: FAIL_ON.join(', ') }),
        })
        .transform((v): FailOn => (v === '' ? 'error' : (v.toLowerCase() as FailOn))),
      locale: z
        .string()
        .refine((v) => localeInput(v) !== undefined, {
          error: (issue) => tr('inputChoice', locale, { name: 'locale', value: String(issue.input), allowed: 'zh-CN, zh, en' }),
        })
        .transform((v): Locale => localeInput(v) ?? 'zh-CN'),
      'github-token': z.string(),
      'sarif-file': path('sarif-file'),
      'allow-code': boolean('allow-code', false),
      suggestions: z
        .string()
        .refine((v) => v === '' || /^\d{1,4}$/.test(v), {
          error: (issue) => tr('inputCount', locale, { name: 'suggestions', value: String(issue.input) }),
        })
        .transform((v) => (v === '' ? Number(INPUT_DEFAULTS.suggestions) : Number(v))),
      'suppressions-location': path('suppressions-location').transform((v) => v ?? INPUT_DEFAULTS['suppressions-location']),
      'working-directory': path('working-directory'),
    })
    .transform((raw): Inputs => ({
      files: raw.files,
      config: raw.config,
      onlyChanged: raw['only-changed'],
      failOn: raw['fail-on'],
      locale: raw.locale,
      githubToken: raw['github-token'],
      sarifFile: raw['sarif-file'],
      allowCode: raw['allow-code'],
      suggestions: raw.suggestions,
      suppressionsLocation: raw['suppressions-location'],
      workingDirectory: raw['working-directory'],
    }));
}

/** Validates raw input strings (missing ones count as empty). Throws InputError naming every bad input. */
export function parseInputs(raw: Readonly<Partial<Record<InputName, string>>>): Inputs {
  const values = Object.fromEntries(INPUT_NAMES.map((name) => [name, (raw[name] ?? '').trim()])) as Record<InputName, string>;
  // The messages' language: the locale input itself, if it is valid.
  const locale = localeInput(values.locale) ?? 'zh-CN';
  const parsed = inputSchema(locale).safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => issue.message);
  throw new InputError(problems.length === 1 ? (problems[0] ?? '') : tr('inputsInvalid', locale, { problems: problems.join('; ') }));
}

/** Reads the inputs from the runner's INPUT_* variables. */
export function getInputs(): Inputs {
  const raw: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return parseInputs(raw);
}
