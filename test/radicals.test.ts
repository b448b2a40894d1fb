/**
 * Radicals standing for characters (“⼈⺠政府”, “⼯作”): what some fonts' maps give for 人, 民, 工
 * in a PDF's text, and what text copied from such PDFs carries. Read as the characters they
 * stand for (in PDFs and in Markdown alike), with one `radical-characters` finding in a text file
 * whose fix gives the characters back.
 */
import { describe, expect, it, jest } from '@jest/globals';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import { applyFixes } from '../src/engine/fix.ts';
import { lintFilesToArray } from '../src/engine/run.ts';
import { findRadicals, unifyRadicals } from '../src/model/radicals.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';

jest.setTimeout(120_000);

/** 一 人 工 民 长 written as the radicals a PDF's font map gives for them. */
const asRadicals = (text: string): string =>
  text.replace(/[一人工民长]/g, (c) => ({ 一: '\u2F00', 人: '\u2F08', 工: '\u2F2F', 民: '\u2EA0', 长: '\u2ED3' })[c] ?? c);

const findings = (r: LintResult) => r.messages.map((m) => `${m.ruleId}/${m.messageId}`).sort();

describe('unifyRadicals', () => {
  it('maps every Kangxi radical to one ideograph, one UTF-16 unit for one', () => {
    for (let c = 0x2f00; c <= 0x2fd5; c++) {
      const out = unifyRadicals(String.fromCharCode(c));
      expect(out).toHaveLength(1);
      expect(out.charCodeAt(0)).toBeGreaterThanOrEqual(0x3400);
    }
  });

  it('keeps the length of any text and leaves component radicals (亻 氵) as they are', () => {
    for (let c = 0x2e80; c <= 0x2eff; c++) expect(unifyRadicals(String.fromCharCode(c))).toHaveLength(1);
    expect(unifyRadicals('\u2E85\u2EA1')).toBe('\u2E85\u2EA1');
    expect(unifyRadicals('福州市⼈⺠政府⼯作报告，⻓乐区')).toBe('福州市人民政府工作报告，长乐区');
  });

  it('finds how many, which, and from where to where', () => {
    const found = findRadicals('ab⼈⺠c⼈', (start, end) => [start, end]);
    expect(found).toEqual({
      count: 3,
      examples: [
        { written: '⼈', meant: '人' },
        { written: '⺠', meant: '民' },
      ],
      span: [2, 6],
    });
    expect(findRadicals('人民', (a, b) => [a, b])).toBeNull();
  });
});

describe('a Markdown report copied from such a PDF', () => {
  const original = sampleReport({ form: 'gfm' });
  const copied = asRadicals(original);

  it('reads as the report it shows, with one radical-characters finding more', () => {
    const before = lintText(original, { filePath: 'r.md' });
    const after = lintText(copied, { filePath: 'r.md', keepModel: true });
    expect(findings(after)).toEqual([...findings(before), 'radical-characters/radicals'].sort());
    expect(after.model?.parts.map((p) => p.part)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after.model?.title?.text).toBe(lintText(original, { filePath: 'r.md', keepModel: true }).model?.title?.text);
  });

  it('is fixed back to the characters, exactly', () => {
    const result = lintText(copied, { filePath: 'r.md' });
    const fix = result.messages.find((m) => m.ruleId === 'radical-characters')?.fix;
    expect(fix).toBeDefined();
    expect(applyFixes(copied, fix ? [fix] : []).output).toBe(original);
  });
});

describe('a PDF whose font maps characters to radicals', () => {
  it('reads as the same report printed with another font', async () => {
    const dir = path.resolve(import.meta.dirname, 'fixtures/pdf');
    const [serif, plain] = await lintFilesToArray([path.join(dir, 'serif-radicals.pdf'), path.join(dir, 'bordered.pdf')], { concurrency: 'off' });
    expect(findings(serif as LintResult)).toEqual(findings(plain as LintResult));
    expect((serif as LintResult).messages.map((m) => m.message)).toEqual((plain as LintResult).messages.map((m) => m.message));
  });
});
