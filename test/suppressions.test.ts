import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  applySuppressions,
  parseSuppressions,
  pruneMissing,
  pruneResult,
  readSuppressions,
  recordResult,
  serializeSuppressions,
  SuppressionsFileError,
  writeSuppressions,
  type Suppressions,
} from '../src/engine/suppressions.ts';
import type { Diagnostic, LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const BASE = path.resolve('/repo');

function diag(ruleId: string, severity: 1 | 2 = 2, line = 1): Diagnostic {
  return { ruleId, severity, message: ruleId, line, column: 1 } as Diagnostic;
}

function result(file: string, messages: Diagnostic[]): LintResult {
  return {
    filePath: path.join(BASE, file),
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

describe('recording', () => {
  it('counts errors per file and rule, never warnings, with paths relative to the file and /', () => {
    const r = result(path.join('reports', 'a.md'), [diag('x'), diag('x'), diag('y'), diag('z', 1)]);
    expect(recordResult({}, r, BASE, 'all')).toEqual({ 'reports/a.md': { x: { count: 2 }, y: { count: 1 } } });
    expect(recordResult({}, r, path.join(BASE, 'ci'), 'all')).toEqual({ '../reports/a.md': { x: { count: 2 }, y: { count: 1 } } });
  });

  it('records only the chosen rules and keeps the other records', () => {
    const before: Suppressions = { 'a.md': { y: { count: 5 }, gone: { count: 1 } }, 'b.md': { x: { count: 1 } } };
    const r = result('a.md', [diag('x'), diag('y')]);
    expect(recordResult(before, r, BASE, new Set(['x', 'gone']))).toEqual({ 'a.md': { x: { count: 1 }, y: { count: 5 } }, 'b.md': { x: { count: 1 } } });
  });
});

describe('applying', () => {
  const recorded: Suppressions = { 'a.md': { x: { count: 2 } } };

  it('hides a rule’s errors while there are no more than recorded, and moves them aside', () => {
    const { result: out, unused } = applySuppressions(recorded, result('a.md', [diag('x'), diag('x', 2, 3), diag('y'), diag('x', 1)]), BASE);
    expect(out.messages.map((m) => `${m.ruleId}/${m.severity}`)).toEqual(['y/2', 'x/1']);
    expect(out.errorCount).toBe(1);
    expect(out.suppressedMessages).toHaveLength(2);
    expect(unused).toEqual([]);
  });

  it('shows every error of the rule when there are more than recorded (which is new is not known)', () => {
    const { result: out } = applySuppressions(recorded, result('a.md', [diag('x'), diag('x'), diag('x')]), BASE);
    expect(out.messages).toHaveLength(3);
  });

  it('names the records used fewer times than counted', () => {
    const { unused } = applySuppressions(recorded, result('a.md', [diag('x')]), BASE);
    expect(unused).toEqual([{ file: 'a.md', ruleId: 'x', count: 2, found: 1 }]);
  });

  it('after recording, nothing is left and nothing is unused (any findings)', () => {
    const findings = fc.array(fc.record({ rule: fc.constantFrom('a', 'b', 'c'), severity: fc.constantFrom<1 | 2>(1, 2) }), { maxLength: 12 });
    fc.assert(
      fc.property(findings, (list) => {
        const r = result(
          'f.md',
          list.map((f) => diag(f.rule, f.severity)),
        );
        const { result: out, unused } = applySuppressions(recordResult({}, r, BASE, 'all'), r, BASE);
        expect(out.errorCount).toBe(0);
        expect(out.messages.every((m) => m.severity === 1)).toBe(true);
        expect(unused).toEqual([]);
      }),
    );
  });
});

describe('pruning', () => {
  it('lowers counts to what occurs and removes what no longer does', () => {
    const before: Suppressions = { 'a.md': { x: { count: 3 }, y: { count: 1 } }, 'b.md': { x: { count: 1 } } };
    expect(pruneResult(before, result('a.md', [diag('x')]), BASE)).toEqual({ 'a.md': { x: { count: 1 } }, 'b.md': { x: { count: 1 } } });
    expect(pruneResult(before, result('b.md', []), BASE)).toEqual({ 'a.md': before['a.md'] });
    expect(pruneMissing(before, (key) => key === 'b.md')).toEqual({ 'b.md': { x: { count: 1 } } });
  });
});

describe('the file', () => {
  it('is written sorted, atomically, and read back the same', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'sup.json');
    const data: Suppressions = { 'z.md': { b: { count: 1 }, a: { count: 2 } }, 'a.md': { c: { count: 3 } }, 'empty.md': {} };
    await writeSuppressions(file, data);
    const text = await readFile(file, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['a.md', 'z.md']);
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'));
    expect(text).toBe(serializeSuppressions(await readSuppressions(file)));
    // No temporary file is left behind.
    expect(await readdir(dir)).toEqual(['sup.json']);
  });

  it('a missing file is no suppressions; a damaged one is an error naming the file', async () => {
    const dir = await makeTempDir();
    expect(await readSuppressions(path.join(dir, 'none.json'))).toEqual({});
    expect(() => parseSuppressions('[1]', 'f.json')).toThrow(SuppressionsFileError);
    expect(() => parseSuppressions('{"a.md": {"x": {"count": -1}}}', 'f.json')).toThrow(/f\.json/);
    expect(() => parseSuppressions('{', 'f.json')).toThrow(SuppressionsFileError);
  });
});
