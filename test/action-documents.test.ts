// The Action on .html and .docx reports (issue 17): annotations on the lines of the file in the
// pull request (the page's own line, not the intermediate Markdown's); a suggestion GitHub would
// refuse (over 65,536 characters) is left out alone, with a note.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findingsOf, toCheckAnnotation } from '../src/adapters/action/annotations.ts';
import { buildSuggestions, MAX_COMMENT_BODY, type DroppedSuggestion } from '../src/adapters/action/suggestions.ts';
import { github } from '../src/adapters/formatters/github.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import type { Diagnostic, LintResult } from '../src/types.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/documents');

describe('annotations of converted documents', () => {
  it('an .html report is annotated on the lines of the page, a .docx on line 1 with the place in words', async () => {
    const page = await lintFile(path.join(fixtures, 'portal-page.html'), { locale: 'zh-CN' });
    const source = new TextDecoder('gb18030').decode(readFileSync(path.join(fixtures, 'portal-page.html'))).split('\n');
    const findings = findingsOf([page], fixtures);
    expect(findings.length).toBe(page.messages.length);
    const sums = findings.find((f) => f.ruleId === 'table-sums');
    // The cell the finding is about, on its line of the page (not the Markdown's line).
    expect(source[(sums?.line ?? 0) - 1]).toBe('<td>16</td>');
    const markdownLine = page.messages.find((m) => m.ruleId === 'table-sums')?.line;
    expect(sums?.line).not.toBe(markdownLine);
    for (const f of findings) expect(f.line).toBeLessThanOrEqual(source.length);
    expect(toCheckAnnotation(sums!)).toMatchObject({ start_line: sums?.line, end_line: sums?.line });

    const docx = await lintFile(path.join(fixtures, 'report.docx'), { locale: 'zh-CN' });
    const onDocx = findingsOf([docx], fixtures).find((f) => f.ruleId === 'table-sums');
    expect(onDocx).toMatchObject({ line: 1, endLine: 1 });
    expect(onDocx?.message.startsWith('表 5 第 25 行第 2 格: ')).toBe(true);
  }, 60_000);

  it('the github format (workflow commands) too', async () => {
    const page = await lintFile(path.join(fixtures, 'portal-page.html'), { locale: 'zh-CN' });
    const line = page.messages.find((m) => m.ruleId === 'table-sums')?.placeLine;
    expect(line).toBeGreaterThan(0);
    const out = github([page], { cwd: fixtures, locale: 'zh-CN' } as Parameters<typeof github>[1]);
    expect(out).toContain(`file=portal-page.html,line=${line},title=table-sums`);
  }, 60_000);
});

describe('suggestions GitHub would refuse', () => {
  const finding = (over: Partial<Diagnostic>): Diagnostic => ({
    ruleId: 'r',
    messageId: 'm',
    severity: 2,
    message: 'm',
    data: {},
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    ...over,
  });

  it('one longer than a comment may be is left out alone; the others are kept', () => {
    const long = 'x'.repeat(MAX_COMMENT_BODY + 10);
    const text = `a\n${long}\nc\n`;
    const result: LintResult = {
      filePath: 'x.md',
      messages: [
        finding({ fix: { range: [0, 1], text: 'A' } }),
        finding({ line: 2, endLine: 2, fix: { range: [2, 3], text: 'X' } }),
        finding({ line: 3, endLine: 3, fix: { range: [text.length - 2, text.length - 1], text: 'C' } }),
      ],
      errorCount: 3,
      warningCount: 0,
    };
    const dropped: DroppedSuggestion[] = [];
    const built = buildSuggestions([{ path: 'x.md', text, result, patch: '@@ -1,3 +1,3 @@\n+a\n+x\n+c' }], dropped);
    expect(built.map((s) => s.line)).toEqual([1, 3]);
    expect(dropped).toEqual([{ path: 'x.md', line: 2, length: expect.any(Number) }]);
    expect(dropped[0]?.length).toBeGreaterThan(MAX_COMMENT_BODY);
    for (const s of built) expect(s.body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY);
  });
});
