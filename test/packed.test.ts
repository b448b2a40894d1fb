// What a run keeps between its phases: packed digests (src/engine/packed.ts) give back exactly the
// digest they were made from, and phase two (finishEach) releases each outcome as it goes.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digestText } from '../src/engine/lint.ts';
import { analyzeFile, finishEach, finishRun, type FileOutcome } from '../src/engine/lint-file.ts';
import { packDigest, unpackDigest } from '../src/engine/packed.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';
import { expectEqual } from './helpers/equal.ts';

afterAll(removeTempDirs);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures');
/** The real reports copied into test/fixtures (and their PDF renderings and noise variants). */
const corpusFiles = ['seeds', 'peers', 'derived', 'noise'].flatMap((dir) =>
  readdirSync(path.join(fixtures, dir))
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => path.join(fixtures, dir, f)),
);

/** A digest as plain data (getters read), for deep comparison. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('packed digests', () => {
  it('unpack to the digest they were packed from, for every report of the corpus and every table form', () => {
    const texts = [
      ...corpusFiles.map((f) => readFileSync(f, 'utf8')),
      ...(['gfm', 'tsv', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'] as const).map((form) => sampleReport({ form })),
    ];
    let compared = 0;
    for (const text of texts) {
      const digest = digestText(text, { filePath: 'r.md' });
      if (!digest) continue;
      const packed = packDigest(digest);
      // The identity stays as it is (the index of the run reads only that); the rest is one string.
      expect(Object.keys(packed).sort()).toEqual(['agency', 'agencyText', 'filePath', 'id', 'identifiedBy', 'packed', 'year']);
      expect(typeof packed.packed).toBe('string');
      expectEqual(plain(unpackDigest(packed)), plain(digest));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('survive the structured clone a worker process sends them through, and a cache file (JSON)', () => {
    const digest = digestText(sampleReport({ form: 'tsv' }), { filePath: 'r.md' });
    expect(digest).not.toBeNull();
    const packed = packDigest(digest as NonNullable<typeof digest>);
    expect(plain(unpackDigest(structuredClone(packed)))).toEqual(plain(digest));
    expect(plain(unpackDigest(JSON.parse(JSON.stringify(packed))))).toEqual(plain(digest));
  });
});

describe('finishEach', () => {
  it('gives the results of finishRun one at a time, releasing each outcome as it goes', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'a-2023.md': sampleReport({ year: 2023 }),
      'b-2024.md': sampleReport({ year: 2024, override: { table: 't3', row: 2, column: 0, value: 77 } }),
      'c.md': '# 不是报告\n\n随便写写。\n',
    });
    const files = ['a-2023.md', 'b-2024.md', 'c.md'].map((f) => path.join(dir, f));
    const options = { locale: 'zh-CN' as const };
    const outcomes: Array<FileOutcome | undefined> = [];
    for (const file of files) outcomes.push(await analyzeFile(file, options));
    const whole = finishRun(outcomes as FileOutcome[], [], options);
    expect(whole.map((r) => path.basename(r.filePath))).toEqual(['a-2023.md', 'b-2024.md', 'c.md']);
    expect(whole[1]?.messages.length).toBeGreaterThan(0);
    expect(whole[2]?.notReport).toBe(true);

    const slots = [...outcomes];
    const seen: string[] = [];
    for (const result of finishEach(slots, [], options)) {
      seen.push(JSON.stringify(result));
      // The outcome of the result just given is gone; the next ones are still there.
      expect(slots[seen.length - 1]).toBeUndefined();
      if (seen.length < slots.length) expect(slots[seen.length]).toBeDefined();
    }
    expect(seen).toEqual(whole.map((r) => JSON.stringify(r)));
  });
});

describe('DigestSpool', () => {
  it('moves packed digests to a temporary file and reads them back when a rule opens them; close() removes the file', async () => {
    const { DigestSpool } = await import('../src/engine/digest-spool.ts');
    const { existsSync } = await import('node:fs');
    const dir = await makeTempDir();
    await writeTree(dir, {
      'a-2023.md': sampleReport({ year: 2023 }),
      'b-2024.md': sampleReport({ year: 2024, override: { table: 't3', row: 2, column: 0, value: 77 } }),
    });
    const options = { locale: 'zh-CN' as const };
    const outcomes: FileOutcome[] = [];
    for (const f of ['a-2023.md', 'b-2024.md']) outcomes.push(await analyzeFile(path.join(dir, f), options));
    const results = finishRun(outcomes, [], options);
    expect(results.flatMap((r) => r.messages.map((m) => m.ruleId)).some((id) => id === 'carry-over' || id === 'stock-continuity')).toBe(true);
    const expected = results.map((r) => JSON.stringify(r));

    // Made on the first bytes moved: a run that moves none (a warm one) makes no folder.
    const unused = DigestSpool.open();
    expect(unused.folder).toBeUndefined();
    unused.close();
    const spool = DigestSpool.open();
    const spooled = outcomes.map((o) => (o.analysis?.digest ? { ...o, analysis: { ...o.analysis, digest: spool.spill(o.analysis.digest) } } : o));
    for (const o of spooled) {
      expect(o.analysis?.digest?.packed).toBe('');
      expect(o.analysis?.digest?.spooled?.[1]).toBeGreaterThan(0);
    }
    // The cross-report findings (carry-over, stock continuity) come out the same.
    expect([...finishEach(spooled, [], options)].map((r) => JSON.stringify(r))).toEqual(expected);
    const file = spool.folder as string;
    expect(existsSync(file)).toBe(true);
    spool.close();
    expect(existsSync(file)).toBe(false);
  });
});
