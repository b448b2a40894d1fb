// Inline control comments: <!-- xxgk-lint-disable … -->, -enable, -disable-line, -disable-next-line,
// and the report of unused ones (--report-unused-disable).
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import type { LintTextOptions } from '../src/engine/lint.ts';
import { main } from '../src/adapters/cli/main.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { blankComments, findComments, parseDirectives } from '../src/engine/directives.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');
const LINES = DEFECTS.split('\n');
/** The line (1-based) of table 三's （七）总计 row, where the three table-sums findings are. */
const TOTAL = LINES.findIndex((l) => l.includes('（七）总计')) + 1;
const FEE = LINES.findIndex((l) => l.includes('六、其他需要报告的事项')) + 1;

const ids = (source: string, options: LintTextOptions = {}) => lintText(source, options).messages.map((m) => `${m.ruleId}/${m.messageId}`);
const withLines = (edit: (lines: string[]) => void): string => {
  const lines = [...LINES];
  edit(lines);
  return lines.join('\n');
};
const BASE = ids(DEFECTS);

describe('the base report', () => {
  it('has the five planted defects, one of them table-sums on the （七）总计 row', () => {
    expect(BASE).toHaveLength(5);
    expect(
      lintText(DEFECTS)
        .messages.filter((m) => m.ruleId === 'table-sums')
        .map((m) => m.line),
    ).toEqual([TOTAL]);
  });
});

describe('xxgk-lint-disable-line and -disable-next-line', () => {
  it('disable-line at the end of a table row suppresses that row’s findings of the named rule, and no cell is added', () => {
    const source = withLines((l) => (l[TOTAL - 1] += ' <!-- xxgk-lint-disable-line table-sums -->'));
    const result = lintText(source);
    expect(result.messages.map((m) => `${m.ruleId}/${m.messageId}`)).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
    expect(result.suppressedMessages?.map((m) => m.messageId)).toEqual(['several']);
    expect(result.errorCount).toBe(4);
  });

  it('disable-next-line on its own line inside the table', () => {
    const source = withLines((l) => l.splice(TOTAL - 1, 0, '<!-- xxgk-lint-disable-next-line table-sums -->'));
    expect(ids(source)).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
  });

  it('without ids suppresses every rule on that line only', () => {
    const source = withLines((l) => (l[FEE - 1] += ' <!-- xxgk-lint-disable-line -->'));
    expect(ids(source)).toEqual(BASE.filter((id) => id !== 'fee-statement/missing'));
  });

  it('does not touch other rules or other lines', () => {
    const other = withLines((l) => (l[TOTAL - 1] += ' <!-- xxgk-lint-disable-line fee-statement -->'));
    expect(ids(other)).toEqual(BASE);
    const twoBefore = withLines((l) => l.splice(TOTAL - 2, 0, '<!-- xxgk-lint-disable-next-line table-sums -->'));
    expect(ids(twoBefore)).toEqual(BASE);
  });

  it('takes ids separated by commas or spaces, and a description after --', () => {
    const source = withLines((l) => (l[TOTAL - 1] += ' <!-- xxgk-lint-disable-line table-sums,fee-statement table-structure -- 原件如此 -->'));
    expect(ids(source)).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
  });
});

describe('xxgk-lint-disable … xxgk-lint-enable', () => {
  it('disables from the comment on, for the named rules', () => {
    const source = withLines((l) => l.splice(TOTAL - 3, 0, '<!-- xxgk-lint-disable table-sums, fee-statement -->', ''));
    expect(ids(source)).toEqual(BASE.filter((id) => !id.startsWith('table-sums') && !id.startsWith('fee-statement')));
  });

  it('enables again', () => {
    const source = withLines((l) => {
      l.splice(FEE - 2, 0, '<!-- xxgk-lint-enable fee-statement -->', '');
      l.splice(TOTAL - 3, 0, '<!-- xxgk-lint-disable table-sums, fee-statement -->', '');
    });
    expect(ids(source)).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
  });

  it('a disable of every rule at the top covers findings about the whole report (at 1:1)', () => {
    const source = '<!-- xxgk-lint-disable -->\n\n' + DEFECTS;
    const result = lintText(source);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toHaveLength(5);
    const whole = lintText('<!-- xxgk-lint-disable contact-info, report-title -->\n\n一、总体情况\n', { classify: 'report' });
    expect(whole.messages.some((m) => m.ruleId === 'contact-info' || m.ruleId === 'report-title')).toBe(false);
    expect(whole.messages.length).toBeGreaterThan(0);
  });

  it('enable of one rule inside disable-all', () => {
    const source = '<!-- xxgk-lint-disable -->\n\n' + withLines((l) => l.splice(FEE - 2, 0, '<!-- xxgk-lint-enable fee-statement -->', ''));
    expect(ids(source)).toEqual(['fee-statement/missing']);
  });

  it('ignores comments in code and other comments, and does not let any comment change the model', () => {
    const inCode = '```\n<!-- xxgk-lint-disable -->\n```\n\n' + DEFECTS;
    expect(ids(inCode)).toEqual(BASE);
    const inline = DEFECTS.replace('（七）总计', '（七）总计`<!-- xxgk-lint-disable -->`');
    expect(ids(inline).filter((id) => id.startsWith('table-sums'))).toHaveLength(1);
    const remarkComments = withLines((l) => {
      l.splice(TOTAL - 1, 0, '<!-- lint disable table-sums 12 34 -->');
      l[TOTAL] += ' <!-- 56 -->';
    });
    // remark's comment is a directive too (test/directives-remark.test.ts); its numbers are no cells.
    expect(ids(remarkComments)).toEqual(BASE.filter((id) => !id.startsWith('table-sums')));
    const otherComments = withLines((l) => {
      l.splice(TOTAL - 1, 0, '<!-- 备注 12 34 -->');
      l[TOTAL] += ' <!-- 56 -->';
    });
    expect(ids(otherComments)).toEqual(BASE);
  });
});

describe('reading the comments', () => {
  it('finds comments outside code, linear in the presence of an unclosed one', () => {
    const source = 'a <!-- one --> `<!-- code -->` b\n<!-- xxgk-lint-disable-line x, y -- why -->\n<!-- never closed';
    const comments = findComments(source, parseMarkdown(source));
    expect(comments.map((c) => c.body)).toEqual([' one ', ' xxgk-lint-disable-line x, y -- why ']);
    expect(parseDirectives(source, comments)).toEqual([
      expect.objectContaining({ kind: 'disable-line', ruleIds: ['x', 'y'], start: { line: 2, column: 1 }, end: { line: 2, column: 44 } }),
    ]);
    const blanked = blankComments(source, comments);
    expect(blanked).toHaveLength(source.length);
    expect(blanked.split('\n')[1]?.trim()).toBe('');
    const long = '<!--'.repeat(200_000);
    // No wall-clock assertion: quadratic work on 800,000 characters would run into jest's timeout.
    expect(findComments(long, parseMarkdown('x'))).toEqual([]);
  });

  it('needs the keyword to stand alone', () => {
    const source = '<!-- xxgk-lint-disabled -->\n<!-- xxgk-lint-disable-foo -->\n<!--xxgk-lint-enable-->\n';
    expect(parseDirectives(source, findComments(source, parseMarkdown(source))).map((d) => d.kind)).toEqual(['enable']);
  });
});

describe('unused disable comments', () => {
  it('are reported as unused-disable warnings when asked for, with unknown rule ids', () => {
    const source = '<!-- xxgk-lint-disable contact-info, table-sum -->\n' + withLines((l) => (l[TOTAL - 1] += ' <!-- xxgk-lint-disable-line -->'));
    expect(lintText(source).messages.some((m) => m.ruleId === 'unused-disable')).toBe(false);
    const result = lintText(source, { reportUnusedDisable: true, locale: 'en' });
    const unused = result.messages.filter((m) => m.ruleId === 'unused-disable');
    expect(unused.map((m) => `${m.line}:${m.column} ${m.severity} ${m.messageId} ${m.message}`)).toEqual([
      '1:1 1 unusedDisableRule Unused xxgk-lint-disable comment (no problems were reported from contact-info)',
      '1:1 1 unknownDisableRule The xxgk-lint-disable comment names the rule table-sum, which does not exist',
    ]);
    expect(result.warningCount).toBe(2);
    // The used one (disable-line on the total row) is not reported.
    expect(unused.some((m) => m.line === TOTAL + 1)).toBe(false);
    expect(
      lintText(source, { reportUnusedDisable: 2 })
        .messages.filter((m) => m.ruleId === 'unused-disable')
        .every((m) => m.severity === 2),
    ).toBe(true);
  });

  it('a disable without ids that suppresses nothing is unused', () => {
    const result = lintText('<!-- xxgk-lint-disable-next-line -->\n' + readFileSync(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8'), {
      reportUnusedDisable: true,
    });
    expect(result.messages.map((m) => `${m.ruleId}/${m.messageId}`)).toEqual(['unused-disable/unusedDisable']);
    expect(result.messages[0]?.message).toBe('未使用的 xxgk-lint-disable-next-line 注释（此处没有需要屏蔽的问题）');
  });

  it('through the CLI: --report-unused-disable', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      'a.md': '<!-- xxgk-lint-disable-line fee-statement -->\n' + readFileSync(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8'),
    });
    const run = async (argv: string[]) => {
      let stdout = '';
      const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, cwd: root, env: {} });
      return { code, stdout };
    };
    expect(await run(['-f', 'json'])).toMatchObject({ code: 0 });
    const flagged = await run(['-f', 'json', '--report-unused-disable', '--max-warnings', '0']);
    expect(flagged.code).toBe(1);
    const [file] = JSON.parse(flagged.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; severity: number }> }>;
    expect(file?.messages).toEqual([expect.objectContaining({ ruleId: 'unused-disable', line: 1, severity: 1 })]);
  });
});
