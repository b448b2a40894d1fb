/** Path helpers: output shows paths with forward slashes on every platform. */
import path from 'node:path';

/** `a/b.md` for a file inside cwd; the absolute path (forward slashes) otherwise. */
export function relativePath(filePath: string, cwd: string): string {
  // `<text>` and other non-paths are shown as given.
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  return isInside(relative) ? toPosix(relative) : toPosix(filePath);
}

/** Whether a path.relative() result points inside its base (and is not the base itself). */
export function isInside(relative: string): boolean {
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
