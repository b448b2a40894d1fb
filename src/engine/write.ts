/**
 * Writing a fixed file back (--fix) without losing anything:
 *
 * - only if the file still holds the bytes that were read: a file edited while it was being
 *   linted (an editor saving, a second run) is left as it is, never overwritten with the old text
 *   plus the fixes;
 * - through a temporary file in the same folder, renamed over the file: a crash, a full disk or a
 *   killed process leaves either the old file or the new one, never half of one. The temporary
 *   file takes the file's permissions; a symbolic link is followed (the file it points to is
 *   replaced, the link stays).
 *
 * The check and the rename are two steps, so an edit in the instant between them can still be
 * lost: the window is that of one comparison, not of a whole lint.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { t } from './messages.ts';
import type { Locale } from '../types.ts';

/** The file no longer holds what was read. `code` is the reason in words (the CLI prints it). */
export class FileChangedError extends Error {
  readonly code: string;
  constructor(locale: Locale) {
    const reason = t('fixFileChanged', locale);
    super(reason);
    this.name = 'FileChangedError';
    this.code = reason;
  }
}

/** The SHA-256 of some bytes, hex: what a worker sends back of the bytes it read. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sameBytes(a: Uint8Array, b: Uint8Array | string): boolean {
  if (typeof b === 'string') return hashBytes(a) === b;
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Writes `bytes` over `file` if it still holds `expected` (the bytes that were read, or their
 * hashBytes; without them, as a caller that read none, the file is written unchecked). Throws FileChangedError when the
 * file changed, and the file-system error (ENOENT, EACCES…) when it cannot be written.
 */
export async function writeFileIfUnchanged(
  file: string,
  bytes: Uint8Array,
  expected: Uint8Array | string | undefined,
  locale: Locale = 'zh-CN',
): Promise<void> {
  const target = await realpath(file);
  const unchanged = async (): Promise<boolean> => expected === undefined || sameBytes(await readFile(target), expected);
  if (!(await unchanged())) throw new FileChangedError(locale);
  const { mode } = await stat(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.xxgk-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // `wx`: never through a file or link someone put at that name.
  const handle = await open(temp, 'wx', mode & 0o777);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode & 0o7777);
    if (!(await unchanged())) throw new FileChangedError(locale);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
