import { afterAll, describe, expect, it } from '@jest/globals';
import { readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { expandPaths } from '../src/engine/files.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/** A small project; returns its root. */
async function project(files: Record<string, string>): Promise<string> {
  const root = await makeTempDir();
  await writeTree(root, files);
  return root;
}

/** Expands and returns the files relative to root with forward slashes, for readable expectations. */
async function expand(root: string, args: string[], options: { ignores?: string[]; ignoresBase?: string } = {}) {
  const result = await expandPaths(args, { cwd: root, ...options });
  return {
    files: result.files.map((f) => path.relative(root, f).split(path.sep).join('/')),
    unmatched: result.unmatched,
  };
}

describe('expandPaths', () => {
  it('names a subfolder it cannot read instead of skipping it silently', async () => {
    const root = await project({ 'a.md': '#', 'locked/b.md': '#', 'open/c.md': '#' });
    const locked = path.join(root, 'locked');
    // As root every folder is readable: the listing is replaced to fail as it does for other users.
    const readDir = async (dir: string) => {
      if (dir === locked) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readdir(dir, { withFileTypes: true });
    };
    const result = await expandPaths([], { cwd: root, readDir });
    expect(result.unmatched).toEqual([{ pattern: 'locked', reason: 'unreadable' }]);
  });

  it('follows no symbolic link out of the folder searched, and lints each real file once (loops)', async () => {
    const outside = await project({ 'secret.md': '#', 'environ.md': '#' });
    const root = await project({ 'a.md': '#', 'inner/b.md': '#' });
    await symlink(path.join(outside, 'secret.md'), path.join(root, 'leak.md'));
    await symlink(outside, path.join(root, 'outdir'));
    await symlink('..', path.join(root, 'inner', 'loop'));
    await symlink('a.md', path.join(root, 'alias.md'));
    const found = await expand(root, []);
    expect(found.files).toEqual(['a.md', 'inner/b.md']);
    // A glob from the working directory as well; a file named explicitly is what was asked for.
    expect((await expand(root, ['**/*.md'])).files).toEqual(['a.md', 'inner/b.md']);
    expect((await expand(root, ['leak.md'])).files).toEqual(['leak.md']);
  });

  it('searches the working directory for .md files by default, recursively, sorted', async () => {
    const root = await project({
      'b.md': '#',
      'a.md': '#',
      'sub/deeper/c.md': '#',
      'notes.txt': 'x',
      'node_modules/pkg/readme.md': '#',
      '.git/info.md': '#',
    });
    expect(await expand(root, [])).toEqual({ files: ['a.md', 'b.md', 'sub/deeper/c.md'], unmatched: [] });
  });

  it('returns absolute paths', async () => {
    const root = await project({ 'a.md': '#' });
    const { files } = await expandPaths(['.'], { cwd: root });
    expect(files).toEqual([path.join(root, 'a.md')]);
  });

  it('expands folders and globs and removes duplicates', async () => {
    const root = await project({ '2023/a.md': '#', '2024/b.md': '#', '2024/c.txt': 'x' });
    expect(await expand(root, ['2024', '2024/*.txt', '**/*.md', '2024/b.md'])).toEqual({
      files: ['2023/a.md', '2024/b.md', '2024/c.txt'],
      unmatched: [],
    });
  });

  it('always lints an explicitly named file, whatever its extension', async () => {
    const root = await project({ 'report.txt': 'x', '.gitignore': 'report.txt\n' });
    expect((await expand(root, ['report.txt'])).files).toEqual(['report.txt']);
  });

  it("honours the working directory's .gitignore", async () => {
    const root = await project({ '.gitignore': 'drafts/\nold-*.md\n', 'a.md': '#', 'drafts/x.md': '#', 'sub/old-1.md': '#' });
    expect((await expand(root, ['.'])).files).toEqual(['a.md']);
    expect((await expand(root, ['**/*.md'])).files).toEqual(['a.md']);
  });

  it("honours the searched folder's own .gitignore, relative to that folder", async () => {
    const root = await project({ 'reports/.gitignore': '/tmp.md\n', 'reports/tmp.md': '#', 'reports/keep.md': '#', 'tmp.md': '#' });
    expect((await expand(root, ['reports', 'tmp.md'])).files).toEqual(['reports/keep.md', 'tmp.md']);
  });

  it('applies ignores from the config, relative to the config folder', async () => {
    const root = await project({ 'docs/a.md': '#', 'docs/archive/b.md': '#', 'docs/c.md': '#' });
    expect((await expand(root, ['docs'], { ignores: ['archive/', 'c.md'], ignoresBase: path.join(root, 'docs') })).files).toEqual(['docs/a.md']);
    // The same patterns relative to the root match nothing under docs/archive.
    expect((await expand(root, ['docs'], { ignores: ['/archive/'] })).files).toEqual(['docs/a.md', 'docs/archive/b.md', 'docs/c.md']);
  });

  it('reports paths and globs that match nothing instead of throwing', async () => {
    const root = await project({ 'a.md': '#', 'empty/readme.txt': 'x', 'ignored/x.md': '#', '.gitignore': 'ignored\n' });
    expect(await expand(root, ['missing.md', 'nope/**/*.md', 'empty', 'ignored', 'a.md'])).toEqual({
      files: ['a.md'],
      unmatched: [
        { pattern: 'missing.md', reason: 'noMatch' },
        { pattern: 'nope/**/*.md', reason: 'noMatch' },
        { pattern: 'empty', reason: 'emptyFolder' },
        { pattern: 'ignored', reason: 'allIgnored' },
      ],
    });
  });

  it('reports a folder without reports when nothing is given', async () => {
    const root = await project({ 'readme.txt': 'x' });
    expect(await expand(root, [])).toEqual({ files: [], unmatched: [{ pattern: '.', reason: 'emptyFolder' }] });
  });
});
