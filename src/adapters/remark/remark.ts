/**
 * The remark plugin (`xxgk-lint/remark`): our rules inside unified, for remark-cli, editors'
 * remark integrations (vscode-remark, …) and users' own pipelines.
 *
 *   remark --use xxgk-lint/remark --no-stdout reports/
 *   unified().use(remarkParse).use(remarkXxgkLint, { rules: { 'contact-info': 'off' } })
 *
 * Options are the config object of `.xxgk-lint.json` (`rules`, `ignores`, `plugins` as objects or
 * package names, `ruleFiles`), plus `locale` ('zh-CN' by default, or 'en'), `reportUnusedDisable`
 * and `config`. Given none of the config keys, the plugin reads the project's config file as the
 * CLI does (the nearest xxgk-lint.config.js, xxgk-lint.config.mjs or .xxgk-lint.json from the
 * working directory up), so that `remark --use xxgk-lint/remark` and `xxgk-lint` agree;
 * `config: 'path'` names the file, `config: false` uses none. Findings become vfile messages with `ruleId`, `source: 'xxgk-lint'`,
 * `url` (the rule's page), the position, and `fatal: true` for errors (`false` for warnings), so
 * remark-cli exits with 1 on errors (with `--frail`, on warnings too).
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
import { checkBudget } from '../../engine/budget.ts';
import { decodeBuffer, fileError, readReport } from '../../engine/decode.ts';
import type { FileError } from '../../engine/decode.ts';
import { isStackOverflow, lintText, rulesToRun } from '../../engine/lint.ts';
import { t } from '../../engine/messages.ts';
import type { MessageId } from '../../engine/messages.ts';
import type { ResolvedConfig } from '../../engine/lint.ts';
import { ruleDocsUrl } from '../../rule.ts';
import type { Rule } from '../../rule.ts';
import type { Locale } from '../../types.ts';

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
  return { config: loaded.config, ignores: loaded.ignores, baseDir: loaded.baseDir };
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
  let byId: Map<string, Rule> | undefined;
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
    const { config: resolvedConfig, ignores, baseDir } = await setup;
    byId ??= new Map(rulesToRun({ config: resolvedConfig }).map((rule) => [rule.meta.id, rule]));
    if (ignores.length > 0 && file.path) {
      const relative = path.relative(baseDir, path.resolve(file.cwd, file.path));
      if (relative && !relative.startsWith('..') && !path.isAbsolute(relative) && ignore().add(ignores).ignores(relative.split(path.sep).join('/'))) return;
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
    const result = lintText(input.text, { ...parsed, filePath: file.path, locale, config: resolvedConfig, reportUnusedDisable });
    if (result.fatal) {
      const message = file.message(result.fatal.message, { ruleId: result.fatal.messageId, source: MESSAGE_SOURCE });
      message.fatal = true;
    }
    for (const m of result.messages) {
      const message = file.message(m.message, {
        place: { start: { line: m.line, column: m.column }, end: { line: m.endLine, column: m.endColumn } },
        ruleId: m.ruleId,
        source: MESSAGE_SOURCE,
      });
      message.fatal = m.severity === 2;
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
