// Applying fixes (src/engine/fix.ts): one pass never applies overlapping edits, the text outside the
// edits is untouched, and fixing until stable settles (fixing the output again changes nothing).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { applyFixes, fixUntilStable, MAX_FIX_PASSES } from '../src/engine/fix.ts';
import { lintText, summarize } from '../src/engine/lint.ts';
import { decodeBuffer } from '../src/engine/decode.ts';
import { encodeText } from '../src/engine/encode.ts';
import { defineRule } from '../src/rule.ts';
import type { Rule } from '../src/rule.ts';
import { builtinRules } from '../rules/index.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { Diagnostic, TextEdit } from '../src/types.ts';

const edit = (start: number, end: number, text: string): TextEdit => ({ range: [start, end], text });

describe('applyFixes', () => {
  it('applies edits in the order of the text, whatever their order in the list', () => {
    const r = applyFixes('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A'), edit(2, 2, '+')]);
    expect(r.output).toBe('Ab+cdEf');
    expect(r.applied.map((e) => e.range[0])).toEqual([0, 2, 4]);
    expect(r.skipped).toEqual([]);
  });

  it('leaves an overlapping or touching edit for the next pass, as ESLint does', () => {
    const overlap = applyFixes('abcdef', [edit(1, 4, 'X'), edit(3, 5, 'Y')]);
    expect(overlap.output).toBe('aXef');
    expect(overlap.skipped).toEqual([edit(3, 5, 'Y')]);
    const touching = applyFixes('abcdef', [edit(1, 3, 'X'), edit(3, 4, 'Y')]);
    expect(touching.output).toBe('aXdef');
    const twoInserts = applyFixes('ab', [edit(1, 1, 'X'), edit(1, 1, 'Y')]);
    expect(twoInserts.output).toBe('aXb');
    expect(twoInserts.skipped).toHaveLength(1);
  });

  it('drops edits that change nothing and refuses ranges outside the text', () => {
    expect(applyFixes('abc', [edit(0, 1, 'a')])).toEqual({ output: 'abc', applied: [], skipped: [] });
    expect(applyFixes('abc', [edit(2, 9, 'x'), edit(2, 1, 'y')]).skipped).toHaveLength(2);
  });

  it('keeps CRLF line endings and everything else outside the edits', () => {
    expect(applyFixes('一\r\n2023年\r\n', [edit(3, 7, '2024')]).output).toBe('一\r\n2024年\r\n');
  });

  // An arbitrary text and arbitrary edits inside it.
  const textAndEdits = fc.string({ maxLength: 40 }).chain((text) =>
    fc.tuple(
      fc.constant(text),
      fc.array(
        fc
          .tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }), fc.string({ maxLength: 4 }))
          .map(([a, b, t]) => edit(Math.min(a, b), Math.max(a, b), t)),
        { maxLength: 8 },
      ),
    ),
  );

  it('property: applied edits never overlap or touch, and the text between them is kept', () => {
    fc.assert(
      fc.property(textAndEdits, ([text, edits]) => {
        const { output, applied, skipped } = applyFixes(text, edits);
        for (let i = 1; i < applied.length; i++) expect(applied[i]!.range[0]).toBeGreaterThan(applied[i - 1]!.range[1]);
        expect(applied.length + skipped.length).toBeLessThanOrEqual(edits.length);
        // Rebuild the output from the applied edits alone: same text.
        let rebuilt = '';
        let at = 0;
        for (const e of applied) {
          rebuilt += text.slice(at, e.range[0]) + e.text;
          at = e.range[1];
        }
        expect(output).toBe(rebuilt + text.slice(at));
        // Applying the skipped edits is the next pass's business; applying none changes nothing.
        expect(applyFixes(output, []).output).toBe(output);
      }),
    );
  });
});

// A rule whose fixes depend on one another: each pass can only do part of the work.
const upper = defineRule({
  meta: {
    id: 'upper',
    description: { 'zh-CN': '大写', en: 'Upper case' },
    rationale: { 'zh-CN': '测试用', en: 'for tests' },
    defaultSeverity: 'error',
    fixable: 'code',
    options: z.object({}).strict(),
    messages: { lower: { 'zh-CN': '小写字母 {c}', en: 'lower-case {c}' } },
    examples: { valid: [], invalid: [] },
  },
  check(context) {
    // Fixes "ab" pairs, overlapping each other in "aab…": some are left for the next pass.
    for (const m of context.source.matchAll(/[a-z]{1,2}/g)) {
      context.report({
        messageId: 'lower',
        data: { c: m[0] },
        at: { start: { line: 1, column: 1 } },
        fix: { range: [m.index, m.index + m[0].length], text: m[0].toUpperCase() },
      });
      // A second, overlapping fix for the same letters: never applied in the same pass.
      context.report({
        messageId: 'lower',
        data: { c: m[0] },
        at: { start: { line: 1, column: 1 } },
        fix: { range: [m.index, m.index + 1], text: m[0][0]!.toUpperCase() },
      });
    }
  },
}) as Rule;

const lintUpper = (text: string) => lintText(text, { rules: [upper], classify: 'report' });

describe('fixUntilStable', () => {
  it('fixes in passes until nothing is left, and the result is the last lint', () => {
    const run = fixUntilStable('ab-cd', lintUpper);
    expect(run.output).toBe('AB-CD');
    expect(run.fixed).toBe(true);
    expect(run.result.messages).toEqual([]);
  });

  it('stops after MAX_FIX_PASSES when fixes never settle', () => {
    const flip = (text: string) =>
      summarize('<text>', [
        {
          ruleId: 'flip',
          messageId: 'x',
          severity: 2,
          message: 'x',
          data: {},
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          fix: edit(0, 1, text[0] === 'a' ? 'b' : 'a'),
        } as Diagnostic,
      ]);
    const run = fixUntilStable('a', flip);
    expect(run.passes).toBe(MAX_FIX_PASSES);
  });

  it('property: fixing is idempotent (the output of a run is stable under another run)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z \n-]{0,30}$/), (text) => {
        const once = fixUntilStable(text, lintUpper);
        const twice = fixUntilStable(once.output, lintUpper);
        expect(twice.output).toBe(once.output);
        expect(twice.fixed).toBe(false);
      }),
    );
  });

  it('property: with the built-in rules, fixing a report with a wrong period year or part numeral is idempotent', () => {
    const lintReport = (text: string) => lintText(text, { rules: builtinRules });
    fc.assert(
      fc.property(
        fc.integer({ min: 2019, max: 2030 }).filter((y) => y !== 2024),
        fc.constantFrom('七', '五', '八'),
        fc.boolean(),
        (wrongYear, numeral, crlf) => {
          let text = sampleReport({
            replace: [
              [/自2024年1月1日起至2024年12月31日止/, `自${wrongYear}年1月1日起至${wrongYear}年12月31日止`],
              ['六、其他需要报告的事项', `${numeral}、其他需要报告的事项`],
            ],
          });
          if (crlf) text = text.replace(/\n/g, '\r\n');
          const once = fixUntilStable(text, lintReport);
          expect(once.output).toContain('自2024年1月1日起至2024年12月31日止');
          expect(once.output).toContain('六、其他需要报告的事项');
          expect(once.result.messages.filter((m) => m.fix)).toEqual([]);
          expect(fixUntilStable(once.output, lintReport).fixed).toBe(false);
          if (crlf) expect(once.output.replace(/\r\n/g, '')).not.toContain('\n');
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe('encodeText (writing fixed files back)', () => {
  it('writes UTF-8 and UTF-16 in the encoding read, with the BOM read', () => {
    for (const [encoding, bom] of [
      ['utf-8', false],
      ['utf-8', true],
      ['utf-16le', true],
      ['utf-16be', true],
      ['utf-16le', false],
    ] as const) {
      const text = '| 2024 | 1 | 2 |\r\n一、总体情况 2024\r\n';
      const bytes = encodeText(text, encoding, bom);
      expect(bytes).toBeDefined();
      const back = decodeBuffer(bytes!);
      expect(back).toEqual({ text, encoding, ...(bom ? { bom: true } : {}) });
    }
  });

  it('refuses GB18030 (Node has no encoder for it)', () => {
    expect(encodeText('一', 'gb18030')).toBeUndefined();
  });
});
