// The engine's pipeline (src/engine/run.ts) in this process: shards that add up, results in file
// order whatever the shard.
import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { lintFilesToArray } from '../src/engine/run.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/** Two agencies' reports over three years: every later year has cross-report findings (carry-over…). */
async function archive(): Promise<{ dir: string; files: string[] }> {
  const dir = await makeTempDir();
  const tree: Record<string, string> = {};
  for (const agency of ['福州市示例区财政局', '福州市示例区教育局']) {
    for (const year of [2022, 2023, 2024]) {
      tree[`${agency}/${year}.md`] = sampleReport({ year, title: `${agency}${year}年政府信息公开工作年度报告` });
    }
  }
  await writeTree(dir, tree);
  return { dir, files: Object.keys(tree).map((f) => path.join(dir, f)) };
}

const CROSS = new Set(['carry-over', 'stock-continuity', 'similar-to-last-year']);

describe('shards', () => {
  it('add up: the union of the shards of a 1–7-way split is the full run, cross-report findings included', async () => {
    const { dir, files } = await archive();
    const options = { locale: 'en' as const, config: { rules: {} }, cwd: dir };
    const full = await lintFilesToArray(files, options);
    expect(full.map((r) => r.filePath)).toEqual(files);
    const crossFindings = full.flatMap((r) => r.messages.filter((m) => CROSS.has(m.ruleId)));
    expect(crossFindings.length).toBeGreaterThan(files.length / 2);
    for (let count = 1; count <= 7; count++) {
      const shards: LintResult[][] = [];
      for (let index = 1; index <= count; index++) shards.push(await lintFilesToArray(files, { ...options, shard: { index, count } }));
      const union = shards.flat();
      // Disjoint, each in file order, and together every file with exactly the full run's result.
      expect(union).toHaveLength(files.length);
      for (const shard of shards)
        expect(shard.map((r) => files.indexOf(r.filePath))).toEqual(shard.map((r) => files.indexOf(r.filePath)).sort((a, b) => a - b));
      const byFile = new Map(union.map((r) => [r.filePath, r]));
      for (const result of full) expect(byFile.get(result.filePath)).toEqual(result);
    }
  }, 60_000);
});
