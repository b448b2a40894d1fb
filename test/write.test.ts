// Writing fixes back safely (issue 17): only over the bytes that were read, through a temporary
// file renamed into place; a file edited during --fix keeps the edit.
import { afterAll, describe, expect, it } from '@jest/globals';
import { lstatSync, writeFileSync } from 'node:fs';
import { chmod, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { z } from 'zod';
import { builtinRules } from '../rules/index.ts';
import { defineRule, type Rule } from '../src/rule.ts';
import { FileChangedError, writeFileIfUnchanged } from '../src/engine/write.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const good = sampleReport();
const wrongYear = sampleReport({ replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] });
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('writeFileIfUnchanged', () => {
  it('replaces a file that still holds what was read, keeping its permissions and leaving no temporary file', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeFileIfUnchanged(file, bytes('new'), bytes('old'));
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('refuses a file that changed since it was read, and leaves it as it is', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'edited by someone');
    await expect(writeFileIfUnchanged(file, bytes('fixed'), bytes('old'), 'en')).rejects.toBeInstanceOf(FileChangedError);
    await expect(writeFileIfUnchanged(file, bytes('fixed'), bytes('old'), 'en')).rejects.toThrow(/changed while it was being fixed/);
    expect(await readFile(file, 'utf8')).toBe('edited by someone');
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('writes through a symbolic link to the file it points to, and the link stays', async () => {
    const dir = await makeTempDir();
    const target = path.join(dir, 'real.md');
    const link = path.join(dir, 'link.md');
    await writeFile(target, 'old');
    await symlink(target, link);
    await writeFileIfUnchanged(link, bytes('new'), bytes('old'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a missing file is the file-system error', async () => {
    const dir = await makeTempDir();
    await expect(writeFileIfUnchanged(path.join(dir, 'gone.md'), bytes('x'), bytes('y'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('--fix on a file edited while it is being fixed', () => {
  it('keeps the edit, writes nothing and says so; an unchanged file is fixed', async () => {
    const dir = await makeTempDir();
    const edited = path.join(dir, 'edited.md');
    const other = path.join(dir, 'other.md');
    const marked = `${wrongYear}\n编辑标记\n`;
    await writeFile(edited, marked);
    await writeFile(other, wrongYear);
    const edit = `${marked}\n追加的一段。\n`;
    let touched = false;
    // A rule that, the first time it checks edited.md, is someone saving it in an editor.
    const saver = defineRule({
      meta: {
        id: 'saver',
        description: { 'zh-CN': '测试', en: 'test' },
        rationale: { 'zh-CN': '测试', en: 'test' },
        defaultSeverity: 'warn',
        options: z.object({}).strict(),
        messages: { x: { 'zh-CN': 'x', en: 'x' } },
        examples: { valid: [], invalid: [] },
      },
      check: (c) => {
        if (!touched && c.source.includes('编辑标记')) {
          touched = true;
          writeFileSync(edited, edit);
        }
      },
    }) as Rule;
    let stderr = '';
    const code = await main(
      ['--fix', '--locale', 'en', 'edited.md', 'other.md'],
      { stdout: { write: () => undefined }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} },
      { rules: [...builtinRules, saver] },
    );
    expect(touched).toBe(true);
    expect(await readFile(edited, 'utf8')).toBe(edit);
    expect(await readFile(other, 'utf8')).toBe(good);
    expect(stderr).toMatch(/edited\.md.*changed while it was being fixed/);
    expect(code).not.toBe(0);
  }, 60_000);
});
