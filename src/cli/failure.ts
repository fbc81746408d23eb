/** Anything that is not already a diagnostic, as one: no stack trace unless --debug asks for it. */
import type { Diagnostic } from '../diagnostics';
import { fileSystemDiagnostic, isFileSystemError } from '../io/fs-errors';

export function unexpectedFailure(error: unknown): Diagnostic {
  if (isFileSystemError(error)) return fileSystemDiagnostic(error, 'read or write a file');
  const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
  return {
    severity: 'error', code: 'internal-error', message: `Newsprint stopped unexpectedly: ${message}`,
    hint: 'build again with --debug to see where it stopped, and report it with the edition folder',
  };
}
