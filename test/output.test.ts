// The CLI writes stylish, json and github output file by file (finish → openOutput): the output is
// the same whether it goes to a pipe that pushes back, to a plain writer or to --output-file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/** A stdout that, like a full pipe, answers every write with false and drains a moment later. */
function pipeLike(): {
  stream: { write(text: string | Uint8Array): boolean; once(event: 'drain', f: () => void): void };
  text: () => string;
  waits: () => number;
} {
  let out = '';
  let waits = 0;
  return {
    stream: {
      write: (text) => {
        out += String(text);
        return false;
      },
      once: (_event, f) => {
        waits++;
        setImmediate(f);
      },
    },
    text: () => out,
    waits: () => waits,
  };
}

async function reports(count: number): Promise<string> {
  const dir = await makeTempDir();
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++)
    files[`r${String(i).padStart(3, '0')}.md`] = sampleReport({ year: 2024, override: { table: 't3', row: 2, column: 0, value: 50 + i } });
  files['readme.md'] = '# 说明\n\n这里放各年度的报告。\n';
  await writeTree(dir, files);
  return dir;
}

describe('streamed output', () => {
  // The 40 reports are linted once: every run (3 writers × 3 formats) goes through --cache, so the
  // first lints and writes the cache and the others read their results from it. What is tested is
  // how the results are written, and cached results go through the same finish → openOutput.
  let dir = '';
  let cache = '';
  beforeAll(async () => {
    dir = await reports(40);
    cache = path.join(await makeTempDir(), 'cache');
  });

  it.each(['stylish', 'json', 'github'])(
    '%s: the same through a pipe that pushes back, a plain writer and --output-file',
    async (format) => {
      const args = ['-f', format, '--concurrency', 'off', '--no-color', '--cache', '--cache-location', cache, '.'];
      let plain = '';
      const plainCode = await main(args, { stdout: { write: (s) => (plain += String(s)) }, stderr: { write: () => true }, cwd: dir, env: {} });
      const pipe = pipeLike();
      const pipeCode = await main(args, { stdout: pipe.stream, stderr: { write: () => true }, cwd: dir, env: {} });
      expect(pipeCode).toBe(plainCode);
      expect(plainCode).toBe(1);
      expect(pipe.text()).toBe(plain);
      // 40 reports' findings are more than one chunk: the writer waited for the pipe to drain.
      expect(pipe.waits()).toBeGreaterThan(0);
      await main([...args, '-o', `out/${format}.txt`], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
      expect(await readFile(path.join(dir, `out/${format}.txt`), 'utf8')).toBe(plain);
      expect(plain.endsWith('\n')).toBe(true);
      if (format === 'json') expect((JSON.parse(plain) as unknown[]).length).toBe(41);
      if (format === 'stylish') expect(plain).toContain('1 个文件');
    },
    60_000,
  );
});
