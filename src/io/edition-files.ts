/**
 * Files named by an edition (manuscript, photos) are read only from inside the edition folder:
 * the name is resolved, symlinks included (realpath), and must land inside the folder's own
 * realpath; it must be a regular file (not /dev/zero, a FIFO or a folder) under its size cap.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { formatBytes } from './limits';

/** A template is named, never pathed: letters, digits, - and _ (the file is templates/pages/<name>.hbs). */
export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export type EditionFileProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'outside'; readonly real: string }
  | { readonly kind: 'not-a-file'; readonly what: string }
  | { readonly kind: 'too-big'; readonly bytes: number; readonly cap: number }
  | { readonly kind: 'unreadable'; readonly reason: string };

export type EditionFileCheck =
  | { readonly ok: true; readonly path: string; readonly bytes: number }
  | { readonly ok: false; readonly path: string; readonly problem: EditionFileProblem };

const isInside = (folder: string, path: string): boolean => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

const kindOf = (stats: import('node:fs').Stats): string =>
  stats.isDirectory() ? 'a folder' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isFIFO() ? 'a pipe' : stats.isSocket() ? 'a socket' : 'not a regular file';

/** Where `name` (as written in edition.yaml) leads, and whether Newsprint may read it. */
export function checkEditionFile(folder: string, name: string, cap: number): EditionFileCheck {
  // The path as the desk typed it, for messages; absolute names are refused below anyway.
  const path = resolve(folder, name);
  let real: string;
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, path, problem: { kind: 'missing' } };
    return { ok: false, path, problem: { kind: 'unreadable', reason: (error as Error).message } };
  }
  if (isAbsolute(name) || !isInside(realFolder, real)) return { ok: false, path, problem: { kind: 'outside', real } };
  const stats = statSync(real);
  if (!stats.isFile()) return { ok: false, path, problem: { kind: 'not-a-file', what: kindOf(stats) } };
  if (stats.size > cap) return { ok: false, path, problem: { kind: 'too-big', bytes: stats.size, cap } };
  return { ok: true, path, bytes: stats.size };
}

/** The problem in words, for a diagnostic's message; `what` is "photo x.jpg" or "manuscript m.txt". */
export function describeProblem(what: string, problem: EditionFileProblem, folder: string): { message: string; hint: string } {
  switch (problem.kind) {
    case 'missing':
      return { message: `${what} does not exist`, hint: 'fix the path (relative to the edition folder) or add the file' };
    case 'outside':
      return {
        message: `${what} lies outside the edition folder (it leads to ${relative(folder, problem.real) || problem.real}); Newsprint reads only files inside the edition folder`,
        hint: 'copy the file into the edition folder and name it by a relative path without ".." (symlinks must stay inside too)',
      };
    case 'not-a-file':
      return { message: `${what} is ${problem.what}, not a file`, hint: 'name a regular file inside the edition folder' };
    case 'too-big':
      return {
        message: `${what} is ${formatBytes(problem.bytes)}, more than the cap of ${formatBytes(problem.cap)}`,
        hint: 'supply a smaller file (see docs/reliability.md for the caps)',
      };
    case 'unreadable':
      return { message: `${what} cannot be read: ${problem.reason}`, hint: 'check the file\'s permissions' };
  }
}
