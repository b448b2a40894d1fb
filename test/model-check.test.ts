/**
 * The model is checked against its schema and frozen only where it crosses a trust boundary
 * (issue 22 item 3): when rules other than the built-in ones read it, or when asked.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildModel, mustCheckModel } from '../src/reading/build.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { lintText } from '../src/engine/lint.ts';
import { builtinRules } from '../rules/index.ts';
import { z } from 'zod';
import { defineRule } from '../src/define-rule.ts';
import type { Rule } from '../src/rule.ts';
import type { ReportModel } from '../src/model/schema.ts';
import { sampleReport } from '../src/testing/sample.ts';

const seeds = path.resolve(import.meta.dirname, '../../shared/corpus/seeds');

describe('checking the model', () => {
  it.each(readdirSync(seeds).map((f) => [f]))('%s: the schema changes nothing of the model; checked, it is frozen', (name) => {
    const text = readFileSync(path.join(seeds, name), 'utf8');
    const tree = parseMarkdown(text);
    const plain = buildModel(text, tree);
    const checked = buildModel(text, tree, { check: true });
    expect(checked).toEqual(plain);
    expect(Object.isFrozen(checked.tables.t3.rows[0] ?? checked.tables)).toBe(true);
    expect(Object.isFrozen(plain)).toBe(false);
  });

  it('is done when asked or when other rules than the built-in ones read the model', () => {
    const mine = rules(() => {})[0] as Rule;
    expect(mustCheckModel({}, builtinRules)).toBe(false);
    expect(mustCheckModel({ rules: builtinRules }, builtinRules)).toBe(false);
    expect(mustCheckModel({ rules: [...builtinRules] }, builtinRules)).toBe(false);
    expect(mustCheckModel({ rules: [mine] }, builtinRules)).toBe(true);
    expect(mustCheckModel({ config: { pluginRules: [mine] } }, builtinRules)).toBe(true);
    expect(mustCheckModel({ checkModel: true }, builtinRules)).toBe(true);
    expect(mustCheckModel({ rules: [mine], checkModel: false }, builtinRules)).toBe(false);
  });

  it("keeps a plugin's rule from changing what the next rule reads", () => {
    const seen: Array<number | null> = [];
    const [mutator, reader] = rules(
      (model) => void ((model as { year: number | null }).year = 1900),
      (model) => void seen.push(model.year),
    );
    const result = lintText(sampleReport({ year: 2024 }), { rules: [mutator as Rule, reader as Rule] });
    expect(seen).toEqual([2024]);
    // The mutating rule threw (the model is frozen): one ruleError finding, the run goes on.
    expect(result.messages.map((m) => m.ruleId)).toContain('mutate');
  });
});

/** Plugin-like rules that run `body` on the model. */
function rules(...bodies: Array<(model: ReportModel) => void>): Rule[] {
  return bodies.map((body, i) =>
    defineRule({
      meta: {
        id: i === 0 ? 'mutate' : 'read',
        description: { 'zh-CN': '例', en: 'Example' },
        rationale: { 'zh-CN': '例', en: 'Example' },
        defaultSeverity: 'warn',
        options: z.object({}),
        messages: { m: { 'zh-CN': '例', en: 'Example' } },
        examples: { valid: [], invalid: [] },
      },
      check: ({ model }: { model: ReportModel }) => body(model),
    } as unknown as Rule),
  );
}
