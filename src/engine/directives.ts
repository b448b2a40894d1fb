/**
 * Inline control comments in the Markdown, as ESLint's:
 *
 *   <!-- xxgk-lint-disable -->                          every rule, from here on
 *   <!-- xxgk-lint-disable table-sums, citations -->    these rules, from here on
 *   <!-- xxgk-lint-enable [ids] -->                     on again (all, or these)
 *   <!-- xxgk-lint-disable-line [ids] -->               findings that start on this line
 *   <!-- xxgk-lint-disable-next-line [ids] -->          findings that start on the next line
 *
 * remark's own comments (remark-message-control, name `lint`) mean the same, so that a report
 * annotated for remark-cli or an editor's remark integration gives the same findings in the CLI
 * and the Action:
 *
 *   <!-- lint disable fee-statement -->   = xxgk-lint-disable fee-statement
 *   <!-- lint enable [ids] -->            = xxgk-lint-enable [ids]
 *   <!-- lint ignore [ids] -->            ≈ xxgk-lint-disable-next-line [ids] (remark ignores the
 *                                            next node, which for a report is the next line)
 *
 * Text after ` -- ` is a description (`<!-- xxgk-lint-disable-line table-sums -- 原件如此 -->`).
 * `disable` and `enable` act from the comment's position (line and column) on, as ESLint's block
 * comments do; a finding counts where it starts. Comments inside code (fenced, indented or inline)
 * are text, not directives.
 *
 * HTML comments are not report content: the model is built from the source with every comment
 * blanked out (same length, line breaks kept), so that a comment inside or beside a table does not
 * become a cell or stray text. remark's `<!-- lint disable … -->` comments are blanked the same way.
 */
import type { Root } from 'mdast';
import { LineIndex } from '../reading/text.ts';
import { t } from './messages.ts';
import type { Diagnostic, Locale, Point, SeverityLevel } from '../types.ts';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** The rule ids named; empty = every rule. */
  ruleIds: string[];
  /** The text after ` -- ` (why the finding is suppressed); '' when none. */
  justification?: string;
  /** The comment's span (1-based, as diagnostics). */
  start: Point;
  end: Point;
  /** Offsets of the comment in the source. */
  startOffset: number;
  endOffset: number;
  /** How the comment named it (`xxgk-lint-disable`, `lint disable`), for messages about it. */
  written: string;
}

/** The id under which unused (or unknown) directives are reported; not a rule, cannot be configured. */
export const UNUSED_DISABLE_ID = 'unused-disable';

export interface HtmlComment {
  start: number;
  /** Offset after `-->`. */
  end: number;
  /** The text between `<!--` and `-->`. */
  body: string;
}

/**
 * The HTML comments of the source that are not inside code. Linear: an unclosed `<!--` ends the
 * search, since no later comment can be closed either.
 */
export function findComments(source: string, tree: Root): HtmlComment[] {
  const code = codeRanges(tree);
  const found: HtmlComment[] = [];
  let from = 0;
  let c = 0;
  for (;;) {
    const start = source.indexOf('<!--', from);
    if (start < 0) break;
    const close = source.indexOf('-->', start + 4);
    if (close < 0) break;
    const end = close + 3;
    while (c < code.length && (code[c]?.[1] ?? 0) <= start) c++;
    const range = code[c];
    if (range && range[0] <= start && start < range[1]) {
      from = start + 4;
      continue;
    }
    found.push({ start, end, body: source.slice(start + 4, close) });
    from = end;
  }
  return found;
}

/** Offsets of code and inline code, sorted. */
function codeRanges(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const walk = (node: { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }): void => {
    if (node.type === 'code' || node.type === 'inlineCode') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
      return;
    }
    for (const child of node.children ?? []) walk(child as Parameters<typeof walk>[0]);
  };
  walk(tree);
  return ranges.sort((a, b) => a[0] - b[0]);
}

const DIRECTIVE = /^\s*xxgk-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;
/** remark-message-control's syntax with the name `lint`, as remark-lint and our remark plugin use. */
const REMARK_DIRECTIVE = /^\s*lint\s+(disable|enable|ignore)(?=\s|$)([\s\S]*)$/;
const REMARK_KINDS: Record<string, DirectiveKind> = { disable: 'disable', enable: 'enable', ignore: 'disable-next-line' };

export function parseDirectives(source: string, comments: readonly HtmlComment[]): Directive[] {
  if (comments.length === 0) return [];
  const lines = new LineIndex(source);
  const out: Directive[] = [];
  for (const comment of comments) {
    const own = DIRECTIVE.exec(comment.body);
    const remark = own ? null : REMARK_DIRECTIVE.exec(comment.body);
    const m = own ?? remark;
    if (!m) continue;
    // ` -- description` is not part of the list.
    const [list = '', ...description] = (m[2] ?? '').split(/(?:^|\s)--(?:\s|$)/);
    const start = lines.point(comment.start);
    const end = lines.point(comment.end);
    out.push({
      kind: own ? (m[1] as DirectiveKind) : (REMARK_KINDS[m[1] ?? ''] ?? 'disable'),
      written: own ? `xxgk-lint-${m[1] ?? ''}` : `lint ${m[1] ?? ''}`,
      ruleIds: list.split(/[\s,]+/).filter((id) => id !== ''),
      justification: description.join(' -- ').trim(),
      start: { line: start.line, column: start.column },
      end: { line: end.line, column: end.column },
      startOffset: comment.start,
      endOffset: comment.end,
    });
  }
  return out;
}

/** The source with every comment replaced by spaces (line breaks kept): offsets stay valid. */
export function blankComments(source: string, comments: readonly HtmlComment[]): string {
  if (comments.length === 0) return source;
  const parts: string[] = [];
  let last = 0;
  for (const c of comments) {
    parts.push(source.slice(last, c.start), source.slice(c.start, c.end).replace(/[^\r\n]/g, ' '));
    last = c.end;
  }
  parts.push(source.slice(last));
  return parts.join('');
}

export interface ApplyOptions {
  /** Every rule id that exists (whether it ran or not): other ids in directives are unknown. */
  knownRuleIds: ReadonlySet<string>;
  /** Report directives that suppressed nothing, at this severity (0 or undefined = do not). */
  reportUnused?: SeverityLevel | 0;
  locale: Locale;
}

export interface ApplyResult {
  messages: Diagnostic[];
  suppressed: Diagnostic[];
  /** Diagnostics for unused or unknown directives (empty unless asked for). */
  unused: Diagnostic[];
}

/** A directive (by index) and one of its rule ids ('' for all) that suppressed a finding. */
const usedKey = (index: number, id: string): string => `${index}\u0000${id}`;

const before = (a: Point, b: Point): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * Splits the findings into those that stay and those the directives suppress. One pass over the
 * findings and the block directives in document order; line directives are looked up by line.
 */
export function applyDirectives(messages: readonly Diagnostic[], directives: readonly Directive[], options: ApplyOptions): ApplyResult {
  if (directives.length === 0) return { messages: [...messages], suppressed: [], unused: [] };
  // Which directive (and which of its ids: '' for all) suppressed something.
  const used = new Set<string>();

  const byLine = new Map<number, number[]>();
  const blocks: number[] = [];
  directives.forEach((d, i) => {
    if (d.kind === 'disable' || d.kind === 'enable') {
      blocks.push(i);
      return;
    }
    const from = d.kind === 'disable-line' ? d.start.line : d.end.line + 1;
    const to = d.kind === 'disable-line' ? d.end.line : d.end.line + 1;
    for (let line = from; line <= to; line++) byLine.set(line, [...(byLine.get(line) ?? []), i]);
  });

  // Block state, advanced as the findings (sorted by position) pass the directives.
  let next = 0;
  let all: number | null = null; // the `disable` (no ids) in force
  const perRule = new Map<string, number>(); // rule id → the `disable <id>` in force
  const reenabled = new Set<string>(); // ids enabled again while `all` is in force
  const advanceTo = (at: Point): void => {
    while (next < blocks.length) {
      const index = blocks[next] as number;
      const d = directives[index] as Directive;
      if (before(at, d.start)) return;
      next++;
      if (d.kind === 'disable') {
        if (d.ruleIds.length === 0) {
          all = index;
          perRule.clear();
          reenabled.clear();
        } else {
          for (const id of d.ruleIds) {
            perRule.set(id, index);
            reenabled.delete(id);
          }
        }
      } else if (d.ruleIds.length === 0) {
        all = null;
        perRule.clear();
        reenabled.clear();
      } else {
        for (const id of d.ruleIds) {
          perRule.delete(id);
          if (all !== null) reenabled.add(id);
        }
      }
    }
  };

  const sorted = [...messages].sort((a, b) => a.line - b.line || a.column - b.column);
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const m of sorted) {
    advanceTo(m);
    let by: string | null = null;
    for (const index of byLine.get(m.line) ?? []) {
      const d = directives[index] as Directive;
      if (d.ruleIds.length === 0) by = usedKey(index, '');
      else if (d.ruleIds.includes(m.ruleId)) by = usedKey(index, m.ruleId);
      if (by) break;
    }
    if (!by) {
      const rule = perRule.get(m.ruleId);
      if (rule !== undefined) by = usedKey(rule, m.ruleId);
      else if (all !== null && !reenabled.has(m.ruleId)) by = usedKey(all, '');
    }
    if (by) {
      used.add(by);
      const justification = directives[Number(by.split('\u0000')[0])]?.justification ?? '';
      suppressed.push({ ...m, suppressions: [{ kind: 'directive', justification }] });
    } else {
      kept.push(m);
    }
  }

  return { messages: kept, suppressed, unused: unusedDirectives(directives, used, options) };
}

/** The directives that suppressed nothing, or name a rule that does not exist (--report-unused-disable-directives). */
function unusedDirectives(directives: readonly Directive[], used: ReadonlySet<string>, options: ApplyOptions): Diagnostic[] {
  const unused: Diagnostic[] = [];
  const severity = options.reportUnused ?? 0;
  if (severity === 0) return unused;
  directives.forEach((d, index) => {
    if (d.kind === 'enable') return;
    const at = { line: d.start.line, column: d.start.column, endLine: d.end.line, endColumn: d.end.column };
    const push = (messageId: 'unusedDisable' | 'unusedDisableRule' | 'unknownDisableRule', data: Record<string, string>) =>
      unused.push({ ruleId: UNUSED_DISABLE_ID, messageId, severity, message: t(messageId, options.locale, data), data, ...at });
    const directive = d.written;
    if (d.ruleIds.length === 0) {
      if (!used.has(usedKey(index, ''))) push('unusedDisable', { directive });
      return;
    }
    for (const id of d.ruleIds) {
      if (!options.knownRuleIds.has(id)) push('unknownDisableRule', { directive, rule: id });
      else if (!used.has(usedKey(index, id))) push('unusedDisableRule', { directive, rule: id });
    }
  });
  return unused;
}
