/**
 * The remark plugin (`xxgk-lint/remark`): our rules inside unified, for remark-cli, editors'
 * remark integrations (vscode-remark, …) and users' own pipelines.
 *
 *   remark --use xxgk-lint/remark --no-stdout reports/
 *   unified().use(remarkParse).use(remarkXxgkLint, { rules: { 'contact-info': 'off' } })
 *
 * Options are the config object of `.xxgk-lint.json` (`rules`, `ignores`, `plugins` as objects or
 * package names, `ruleFiles`), plus `locale` ('zh-CN' by default, or 'en'), `reportUnusedDisable`
 * and `config`. Given none of the config keys, the plugin reads each file's config as the CLI
 * does (the config files from the file's folder up, nearer winning, and the `overrides` that match
 * it; a file outside any gets the working folder's), so that `remark --use xxgk-lint/remark` and
 * `xxgk-lint` agree; `config: 'path'` names the one file, `config: false` uses none. Findings
 * become vfile messages with `ruleId`, `source: 'xxgk-lint'`, `url` (the rule's page), the position, and `fatal: true` for errors (`false` for warnings), so
 * remark-cli exits with 1 on errors (with `--frail`, on warnings too). A finding with a fix or
 * suggestions also gets `expected` (the texts that replace its range, the fix first), which the
 * remark language server (vscode-remark) offers as quick fixes; its range then covers every edit.
 *
 * Parse once: the plugin adds the syntax our own parser uses (GFM and CJK-friendly emphasis) to the
 * processor, and the engine builds the report model from the tree remark parsed. remark's own
 * `<!-- lint disable table-sums -->` comments work (remark-message-control, name `lint`), as do
 * our `<!-- xxgk-lint-disable … -->` comments.
 */
import { parseLocale } from '../../i18n.ts';
import path from 'node:path';
import type { Root } from 'mdast';
import ignore from 'ignore';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkMessageControl from 'remark-message-control';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { builtinRules } from '../../../rules/index.ts';
import { CONFIG_KEYS, ConfigError, loadConfig, resolveConfigFrom } from '../../engine/config.ts';
import type { ConfigCascade } from '../../engine/config/cascade.ts';
import { checkBudget } from '../../engine/budget.ts';
import { decodeBuffer, fileError, readReport } from '../../engine/decode.ts';
import type { FileError } from '../../engine/decode.ts';
import { isStackOverflow, lintText, rulesToRun } from '../../engine/lint.ts';
import { t } from '../../engine/messages.ts';
import type { MessageId } from '../../engine/messages.ts';
import type { ResolvedConfig } from '../../engine/lint.ts';
import { ruleDocsUrl } from '../../rule.ts';
import type { Rule } from '../../rule.ts';
import type { Diagnostic, Locale } from '../../types.ts';

/** The `source` of every message: what remark's `<!-- lint … -->` comments control. */
export const MESSAGE_SOURCE = 'xxgk-lint';

export interface RemarkXxgkLintOptions {
  /** As in `.xxgk-lint.json`. */
  rules?: Record<string, unknown>;
  /** Files not to lint (gitignore syntax, relative to the working directory). */
  ignores?: string[];
  /** Plugin objects, or package names resolved from the working directory. */
  plugins?: unknown[];
  /** Rule files, relative to the working directory. */
  ruleFiles?: string[];
  $schema?: string;
  /** Message language: 'zh-CN' (default, or 'zh') or 'en'. */
  locale?: string;
  /** Report `<!-- xxgk-lint-disable -->` comments that suppress nothing. */
  reportUnusedDisable?: boolean;
  /**
   * Without config keys in these options: a config file to read (relative to the working
   * directory), or false to read none. Default: the nearest config file, as the CLI finds it.
   */
  config?: string | false;
}

interface Setup {
  config: ResolvedConfig;
  ignores: string[];
  /** The folder `ignores` are relative to. */
  baseDir: string;
  /** `linterOptions.reportUnusedDisableDirectives` of the config. */
  reportUnusedDisable?: boolean;
  /** From config files: each file's own settings (its folder's config files, the overrides that match it), as the CLI's. */
  cascade?: ConfigCascade;
}

async function setUp(options: Record<string, unknown>, configFile: string | false | undefined, cwd: string, locale: Locale): Promise<Setup> {
  const inline = CONFIG_KEYS.some((key) => key in options);
  if (inline && typeof configFile === 'string') {
    throw new ConfigError(
      [{ path: 'config', message: 'give either a config file or config keys (rules, ignores, plugins, ruleFiles), not both' }],
      'xxgk-lint/remark options',
      locale,
    );
  }
  if (inline || configFile === false) {
    const resolved = await resolveConfigFrom(options, builtinRules, { locale, baseDir: cwd, filePath: 'xxgk-lint/remark options' });
    return { ...resolved, baseDir: cwd };
  }
  const loaded = await loadConfig({ cwd, configPath: configFile, rules: builtinRules, locale });
  return {
    config: loaded.config,
    ignores: loaded.ignores,
    baseDir: loaded.baseDir,
    ...(loaded.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
    ...(loaded.cascade ? { cascade: loaded.cascade } : {}),
  };
}

/**
 * The config a file is linted with: with config files, its own folder's (config per folder and
 * `overrides`, the engine's lookup as in the CLI); otherwise the plugin's one config. Undefined:
 * the file is ignored (the working folder's `ignores`, or its own config files').
 */
async function configFor(setup: Setup, file: VFile): Promise<Pick<Setup, 'config' | 'reportUnusedDisable'> | undefined> {
  if (!file.path) return setup;
  const absolute = path.resolve(file.cwd, file.path);
  const { ignores, baseDir } = setup;
  if (ignores.length > 0) {
    const relative = path.relative(baseDir, absolute);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative) && ignore().add(ignores).ignores(relative.split(path.sep).join('/')))
      return undefined;
  }
  if (!setup.cascade) return setup;
  if (await setup.cascade.ignores(absolute)) return undefined;
  return setup.cascade.forFile(absolute);
}

function readLocale(value: unknown): Locale {
  if (value === undefined || value === null) return 'zh-CN';
  const locale = parseLocale(String(value));
  if (locale) return locale;
  throw new Error(`xxgk-lint/remark: invalid locale "${String(value)}"; use "zh-CN" or "en"`);
}

export default function remarkXxgkLint(this: Processor, options?: RemarkXxgkLintOptions | null) {
  // The syntax our own parser (src/parse.ts) uses, so that the tree is the one the CLI builds.
  remarkGfm.call(this);
  remarkCjkFriendly.call(this);
  const { locale: localeOption, reportUnusedDisable, config: configFile, ...config } = options ?? {};
  const locale = readLocale(localeOption);
  const control = remarkMessageControl({ name: 'lint', source: [MESSAGE_SOURCE] });
  let setup: Promise<Setup> | undefined;
  // Each config's rules by id (a folder's config may add plugin rules): the messages' `url`.
  const rulesOf = new WeakMap<ResolvedConfig, Map<string, Rule>>();
  // Files refused before or during the parse: one fatal message each, no findings.
  const refused = new WeakSet<VFile>();
  const refuse = (file: VFile, messageId: MessageId, data?: Record<string, string | number>): Root => {
    refused.add(file);
    const message = file.message(t(messageId, locale, data), { ruleId: messageId, source: MESSAGE_SOURCE });
    message.fatal = true;
    return { type: 'root', children: [] };
  };
  // Guard the processor's parser as the CLI guards its own (src/engine/budget.ts): a file nested
  // thousands of levels deep would overflow the stack and end remark's whole run.
  const parse = this.parser;
  if (parse) {
    this.parser = (document, file) => {
      const exceeded = checkBudget(String(document).replace(/^\uFEFF/, ''));
      if (exceeded) return refuse(file, exceeded.messageId, exceeded.data);
      try {
        return parse(document, file);
      } catch (error) {
        if (isStackOverflow(error)) return refuse(file, 'fileStackOverflow');
        throw error;
      }
    };
  }

  return async function transform(tree: Root, file: VFile): Promise<undefined> {
    if (refused.has(file)) return undefined;
    // Set up on the first file: config files and plugin packages are found from its cwd.
    setup ??= setUp(config, configFile, file.cwd, locale);
    const own = await configFor(await setup, file);
    if (!own) return undefined;
    const resolvedConfig = own.config;
    let byId = rulesOf.get(resolvedConfig);
    if (!byId) {
      byId = new Map(rulesToRun({ config: resolvedConfig }).map((rule) => [rule.meta.id, rule]));
      rulesOf.set(resolvedConfig, byId);
    }
    const input = await sourceOf(file);
    if ('error' in input) {
      // As the CLI: one fatal message for the file, which is not linted as a report.
      const error = input.error;
      const message = file.message(t(error.messageId, locale, error.data), { ruleId: error.messageId, source: MESSAGE_SOURCE });
      message.fatal = true;
      return undefined;
    }
    // A file in another encoding was parsed from mis-decoded text: parse the decoded text again.
    const parsed = input.reparse ? {} : { tree };
    const result = lintText(input.text, {
      ...parsed,
      filePath: file.path,
      locale,
      config: resolvedConfig,
      reportUnusedDisable: reportUnusedDisable || own.reportUnusedDisable,
    });
    if (result.fatal) {
      const message = file.message(result.fatal.message, { ruleId: result.fatal.messageId, source: MESSAGE_SOURCE });
      message.fatal = true;
    }
    const lines = lineStarts(input.text);
    for (const m of result.messages) {
      // Editors' quick fixes (the remark language server's code actions) replace the message's
      // range by one of `expected`; a re-decoded file's text is not the editor's, so it gets none.
      const quickFix = input.reparse ? undefined : quickFixes(m, input.text, lines);
      const message = file.message(m.message, {
        place: quickFix?.place ?? { start: { line: m.line, column: m.column }, end: { line: m.endLine, column: m.endColumn } },
        ruleId: m.ruleId,
        source: MESSAGE_SOURCE,
      });
      message.fatal = m.severity === 2;
      if (quickFix) message.expected = quickFix.expected;
      const rule = byId.get(m.ruleId);
      const url = rule ? ruleDocsUrl(rule) : undefined;
      if (url) message.url = url;
    }
    // Our own and remark's comments were applied by lintText; remark-message-control also covers
    // messages of other plugins. A re-parsed file's tree does not match the text: skip it.
    if (!input.reparse) control(positioned(tree), file);
    return undefined;
  };
}

/** The offset each line starts at; lines end at \r\n, \r or \n, as in editors and the engine. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function offsetOf(starts: readonly number[], text: string, line: number, column: number): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0;
  return Math.min(start + Math.max(column, 1) - 1, text.length);
}

function pointOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/**
 * A finding's fix and suggestions as vfile's `expected`: the texts that can replace the message's
 * range, which is what the remark language server (unified-language-server) offers as quick fixes
 * ("Replace `x` with `y`"), the fix first (the preferred one when it is the only one). Each edit
 * is widened to the span covering the finding and every edit, so that all replace the same text;
 * the place stays the finding's own unless an edit reaches outside it.
 */
function quickFixes(m: Diagnostic, text: string, starts: readonly number[]): { place: Place; expected: string[] } | undefined {
  const edits = [...(m.fix ? [m.fix] : []), ...(m.suggestions ?? []).map((s) => s.fix)];
  if (edits.length === 0) return undefined;
  let start = offsetOf(starts, text, m.line, m.column);
  let end = Math.max(start, offsetOf(starts, text, m.endLine, m.endColumn));
  for (const edit of edits) {
    start = Math.min(start, edit.range[0]);
    end = Math.max(end, edit.range[1]);
  }
  if (start < 0 || end > text.length) return undefined;
  const expected = [...new Set(edits.map((edit) => text.slice(start, edit.range[0]) + edit.text + text.slice(edit.range[1], end)))];
  return { place: { start: pointOf(starts, start), end: pointOf(starts, end) }, expected };
}

/**
 * The text to lint, decoded as the CLI decodes files (src/engine/decode.ts). Some integrations
 * hand over the bytes (`file.value` is a Uint8Array): they are decoded here. remark-cli reads
 * every file as UTF-8, so a GBK or UTF-16 report arrives as text with U+FFFD (or NUL) characters:
 * then the file is read again from disk and decoded as the CLI does; without a file on disk it is
 * one fatal message naming the encoding problem, never a lint of mojibake.
 */
async function sourceOf(file: VFile): Promise<{ text: string; reparse: boolean } | { error: FileError }> {
  const value: unknown = file.value;
  if (value instanceof Uint8Array) {
    const decoded = decodeBuffer(value);
    if ('error' in decoded) return { error: fileError(decoded.error) };
    return { text: decoded.text.replace(/^\uFEFF/, ''), reparse: decoded.encoding !== 'utf-8' };
  }
  // micromark drops a leading BOM, so the tree's offsets count from after it; so does the CLI.
  const text = String(value ?? '').replace(/^\uFEFF/, '');
  const damaged = text.includes('\uFFFD') || text.includes('\0');
  if (!damaged) return text.trim() === '' ? { error: fileError('empty') } : { text, reparse: false };
  if (file.path) {
    const read = await readReport(path.resolve(file.cwd, file.path));
    // The file on disk is what the editor or remark-cli read, unless it changed since.
    if ('error' in read) {
      if (read.error.kind !== 'notFound') return read;
    } else if (read.encoding !== 'utf-8') return { text: read.text.replace(/^\uFEFF/, ''), reparse: true };
  }
  return { error: fileError(text.includes('\uFFFD') ? 'undecodable' : 'binary') };
}

interface Place {
  start: { line: number; column: number; offset?: number };
  end: { line: number; column: number; offset?: number };
}
type AnyNode = { position?: Place; children?: AnyNode[] };

/**
 * A copy of the tree in which every node has a position. remark-message-control treats the stretch
 * around a node without one as generated content (a "gap") and drops every message in it; GFM's
 * literal autolinks (`www.example.gov.cn`) split their paragraph's text into nodes without
 * positions, which would silently hide findings in whole paragraphs of real reports. Such a node
 * gets the span between its positioned neighbours. The user's tree is not touched.
 */
function positioned<T extends AnyNode>(node: T, fallback?: Place): T {
  const own = node.position ?? fallback;
  if (!node.children) return own === node.position ? node : { ...node, position: own };
  const children = node.children;
  // The start of the next positioned sibling, for each child (one pass from the end).
  const nextStart: Array<Place['start'] | undefined> = new Array<Place['start'] | undefined>(children.length);
  let upcoming = own?.end;
  for (let i = children.length - 1; i >= 0; i--) {
    nextStart[i] = upcoming;
    upcoming = children[i]?.position?.start ?? upcoming;
  }
  let previousEnd = own?.start;
  const copies = children.map((child, i) => {
    if (child.position) {
      previousEnd = child.position.end;
      return positioned(child);
    }
    const end = nextStart[i];
    return positioned(child, previousEnd && end ? { start: previousEnd, end } : undefined);
  });
  return { ...node, ...(own ? { position: own } : {}), children: copies };
}
