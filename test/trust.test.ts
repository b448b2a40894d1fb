// What crosses a trust boundary is checked there (issue 17): a plugin rule's positions, a rule file
// that never finishes loading, the library's inputs, the exported applyFixes.
import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { z } from 'zod';
import { sarif } from '../src/adapters/formatters/sarif.ts';
import { applyFixes } from '../src/engine/fix.ts';
import { lintText } from '../src/engine/lint.ts';
import { importDefault } from '../src/engine/plugins.ts';
import { defineRule, type Rule } from '../src/rule.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const base = {
  description: { 'zh-CN': '测试', en: 'test' },
  rationale: { 'zh-CN': '测试', en: 'test' },
  defaultSeverity: 'error' as const,
  options: z.object({}).strict(),
  messages: { x: { 'zh-CN': '有 X', en: 'X found' } },
  examples: { valid: [], invalid: [] },
};

const reporting = (at: unknown): Rule =>
  defineRule({ meta: { ...base, id: 'positions' }, check: (c) => c.report({ messageId: 'x', at: at as { start: { line: number; column: number } } }) }) as Rule;

describe('a plugin rule’s positions', () => {
  it.each([
    ['a negative line', { start: { line: -5, column: 1 } }],
    ['NaN', { start: { line: Number.NaN, column: 1 } }],
    ['a fraction', { start: { line: 1.5, column: 1 } }],
    ['column 0', { start: { line: 1, column: 0 } }],
    ['no start', {}],
  ])('%s is the rule failing, never a position in the output', (_, at) => {
    const result = lintText('X', { rules: [reporting(at)], classify: 'report', locale: 'en' });
    expect(result.messages).toHaveLength(1);
    const [m] = result.messages;
    expect(m?.messageId).toBe('ruleError');
    expect(m?.message).toMatch(/invalid position/);
    expect(m).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    const log = JSON.parse(sarif([result], { cwd: process.cwd(), locale: 'en', rules: [] } as unknown as Parameters<typeof sarif>[1])) as {
      runs: Array<{ results: Array<{ locations?: Array<{ physicalLocation?: { region?: { startLine?: number } } }> }> }>;
    };
    for (const r of log.runs[0]?.results ?? []) for (const l of r.locations ?? []) expect(l.physicalLocation?.region?.startLine ?? 1).toBeGreaterThanOrEqual(1);
  });

  it('an end before the start, or not a position, becomes the start', () => {
    const before = lintText('X\nY', { rules: [reporting({ start: { line: 2, column: 1 }, end: { line: 1, column: 1 } })], classify: 'report' });
    expect(before.messages[0]).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 1 });
    const nan = lintText('X\nY', { rules: [reporting({ start: { line: 2, column: 1 }, end: { line: Number.NaN, column: 1 } })], classify: 'report' });
    expect(nan.messages[0]).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 1 });
  });
});

describe('loading rule files', () => {
  it('a module whose top-level await never settles is given up with a clear message', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'hang.mjs': 'await new Promise(() => {});\nexport default {};\n', 'ok.mjs': 'export default 42;\n' });
    await expect(importDefault(path.join(dir, 'hang.mjs'), 300)).rejects.toThrow(/did not finish loading within 0\.3 s/);
    await expect(importDefault(path.join(dir, 'ok.mjs'), 300)).resolves.toBe(42);
  });
});

describe('the library’s inputs', () => {
  it('lintText names a wrong argument instead of failing inside a rule', () => {
    expect(() => lintText(null as unknown as string)).toThrow(new TypeError('xxgk-lint: the text to lint must be a string, not null'));
    expect(() => lintText(42 as unknown as string)).toThrow(/must be a string, not number/);
    expect(() => lintText('x', { locale: 'xx' as 'en' })).toThrow(/unknown locale "xx"; use "zh-CN" or "en"/);
    expect(() => lintText('x', null as unknown as object)).toThrow(/options must be an object/);
  });

  it('applyFixes refuses malformed edits and skips those outside the text', () => {
    expect(() => applyFixes('abcdef', [{ range: [Number.NaN, 3], text: 'x' }])).toThrow(/invalid edit \{"range":\["NaN",3\]/);
    expect(() => applyFixes('abcdef', [{ range: [1.5, 3], text: 'x' }])).toThrow(TypeError);
    expect(() => applyFixes('abcdef', [{ range: [1, 3], text: 3 as unknown as string }])).toThrow(TypeError);
    expect(() => applyFixes('abcdef', [{ range: [1] as unknown as [number, number], text: 'x' }])).toThrow(TypeError);
    expect(applyFixes('abcdef', [{ range: [2, 99], text: 'x' }]).skipped).toHaveLength(1);
  });
});
