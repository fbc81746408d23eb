/**
 * File-system failures as diagnostics: the path, what went wrong in words, and what to do. A
 * raw Node error (with its stack) must never be what the desk sees.
 */
import type { Diagnostic } from '../diagnostics';

const ADVICE: Readonly<Record<string, { readonly what: string; readonly hint: string }>> = {
  EACCES: { what: 'permission denied', hint: 'choose an --out folder you may write to, or ask for write permission on it' },
  EPERM: { what: 'the operation is not permitted', hint: 'choose an --out folder you may write to, or ask for write permission on it' },
  EROFS: { what: 'the disk is read-only', hint: 'choose an --out folder on a writable disk' },
  ENOTDIR: { what: 'part of the path is a file, not a folder', hint: '--out must name a folder (or a path where one can be made); rename or remove the file in the way' },
  EISDIR: { what: 'a folder stands where a file must be written', hint: 'remove or rename that folder, or choose another --out' },
  ENOSPC: { what: 'the disk is full', hint: 'free some space on that disk, or choose an --out folder on another disk' },
  EDQUOT: { what: 'the disk quota is used up', hint: 'free some space within your quota, or choose another --out folder' },
  ENAMETOOLONG: { what: 'the file name is too long', hint: 'use a shorter --out path or --name-pattern' },
  EMFILE: { what: 'too many files are open', hint: 'close other programs, or raise the open-file limit (ulimit -n)' },
  ENOENT: { what: 'a folder on the path does not exist', hint: 'check the path; Newsprint makes --out itself but not a parent that vanished during the build' },
  EEXIST: { what: 'something already exists there', hint: 'remove it, or choose another --out folder' },
};

/** True for an error thrown by the file system (it has an errno code such as EACCES). */
export const isFileSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '');

/** `action` is what Newsprint was doing: "write the pages", "create the output folder". */
export function fileSystemDiagnostic(error: NodeJS.ErrnoException, action: string, fallbackPath?: string): Diagnostic {
  const path = error.path ?? fallbackPath ?? '';
  const code = error.code ?? 'EIO';
  const advice = ADVICE[code];
  return {
    severity: 'error', code: 'file-system',
    ...(path ? { source: { file: path } } : {}),
    message: `cannot ${action}: ${advice?.what ?? error.message} (${code})`,
    hint: advice?.hint ?? 'check the path and the disk, then build again',
  };
}
