/**
 * The output folder as one unit. A build writes every file into a fresh hidden folder beside
 * `<out>/<edition>/` and swaps it in at the end, so that folder always holds exactly one
 * build's files: the last good build's, or the new one's. A failed build's report goes to
 * `<out>/<edition>.FAILED/`, a name nobody takes for a good build. Two builds of one edition into
 * one --out take turns through a lock (proper-lockfile: a lock folder whose mtime the holder
 * keeps fresh, so a crashed holder's lock goes stale and is taken over).
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, write, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { lock } from 'proper-lockfile';
import { PipelineError } from '../diagnostics';
import { fileSystemDiagnostic, isFileSystemError } from '../io/fs-errors';

export interface EditionOutput {
  /** `<out>/<edition>`: the last good build. */
  readonly folder: string;
  /** `<out>/<edition>.FAILED`: the report of a build that wrote no pages. */
  readonly failedFolder: string;
  /** The lock folder proper-lockfile makes. */
  readonly lockPath: string;
  readonly outDir: string;
  readonly editionId: string;
}

const STAGING = '.building-';
const PREVIOUS = '.previous-';

export function editionOutput(outDir: string, editionId: string): EditionOutput {
  if (editionId === '' || editionId.startsWith('.') || /[/\\]/.test(editionId)) {
    throw new PipelineError([{
      severity: 'error', code: 'edition-folder-name', source: { file: editionId || '/' },
      message: `the edition folder's name "${editionId}" cannot name an output folder`,
      hint: 'build from an edition folder with a plain name, such as hengnan-2021',
    }]);
  }
  const root = resolve(outDir);
  return {
    outDir: root, editionId, folder: join(root, editionId), failedFolder: join(root, `${editionId}.FAILED`),
    lockPath: join(root, `.${editionId}.lock`),
  };
}

/** Runs `action`, turning a file-system error into a diagnostic that names the path. */
export function guarded<T>(action: string, path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isFileSystemError(error)) throw new PipelineError([fileSystemDiagnostic(error, action, path)]);
    throw error;
  }
}

/**
 * mkdir -p, one level at a time from the deepest folder that exists. Node's own recursive mkdir
 * loops for ever under /proc (each mkdir there says ENOENT), so a hostile --out could hang a build.
 */
function makeFolders(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  while (!existsSync(at)) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) mkdirSync(folder);
  if (missing.length === 0 && !statSync(at).isDirectory()) throw Object.assign(new Error(`${at} is a file`), { code: 'EEXIST', path: at });
}

/** Waiting for another build: this long by default, then a clear error. */
export const DEFAULT_LOCK_WAIT_MS = 120_000;
const LOCK_POLL_MS = 250;

/**
 * Takes the edition's output lock, waiting up to `waitMs` for another build to finish. Returns
 * the release function and a check that the lock was held throughout.
 */
export async function lockOutput(output: EditionOutput, waitMs = DEFAULT_LOCK_WAIT_MS): Promise<{ release: () => Promise<void>; lost: () => Error | undefined }> {
  guarded('create the output folder', output.outDir, () => {
    try {
      makeFolders(output.outDir);
    } catch (error) {
      // mkdir -p on an existing file says EEXIST; what the desk needs to hear is "that is a file".
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw Object.assign(new Error(`${output.outDir} is a file`), { code: 'ENOTDIR', path: output.outDir });
      throw error;
    }
  });
  let compromised: Error | undefined;
  try {
    const release = await lock(output.folder, {
      realpath: false, lockfilePath: output.lockPath, stale: 10_000,
      retries: { retries: Math.ceil(waitMs / LOCK_POLL_MS), factor: 1, minTimeout: LOCK_POLL_MS, maxTimeout: LOCK_POLL_MS },
      onCompromised: (error) => { compromised = error; },
    });
    return { release: () => release().catch(() => undefined), lost: () => compromised };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new PipelineError([{
        severity: 'error', code: 'output-locked', source: { file: output.lockPath },
        message: `another Newsprint build is writing ${output.folder} (waited ${Math.round(waitMs / 1000)} s for it)`,
        hint: `wait for that build to finish and build again; if none is running, the lock goes stale within 10 s (or delete ${output.lockPath})`,
      }]);
    }
    if (isFileSystemError(error)) throw new PipelineError([fileSystemDiagnostic(error, 'lock the output folder', output.lockPath)]);
    throw error;
  }
}

const leftovers = (output: EditionOutput, prefix: string): string[] => {
  const start = `.${output.editionId}${prefix}`;
  return readdirSync(output.outDir).filter((name) => name.startsWith(start)).map((name) => join(output.outDir, name));
};

/**
 * Repairs what a killed build left (called under the lock): half-written staging folders go; if
 * the kill fell between the two renames of a swap, the previous build is put back.
 */
export function recoverOutput(output: EditionOutput): void {
  guarded('tidy the output folder', output.outDir, () => {
    for (const staging of leftovers(output, STAGING)) rmSync(staging, { recursive: true, force: true });
    const previous = leftovers(output, PREVIOUS).sort();
    const last = previous.pop();
    if (last && !existsSync(output.folder)) renameSync(last, output.folder);
    else if (last) previous.push(last);
    for (const old of previous) rmSync(old, { recursive: true, force: true });
  });
}

const stamp = (): string => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** `path` lies inside `folder` (both resolved): nothing a name pattern makes may escape. */
export function assertInside(folder: string, path: string): void {
  const base = resolve(folder);
  const target = resolve(path);
  if (target.startsWith(base + sep)) return;
  throw new PipelineError([{
    severity: 'error', code: 'output-path-outside', source: { file: path },
    message: `the file name "${relative(base, target)}" would be written outside ${base}`,
    hint: 'check --name-pattern and the values it takes from edition.yaml',
  }]);
}

export interface OutputFile {
  /** Path inside the edition folder, e.g. print/2021-03-05-04.pdf. */
  readonly path: string;
  readonly data: Buffer | string;
}

/** A new build's folder while it is being written: files go in as they are made, the swap comes last. */
export interface StagedEdition {
  /** Writes one file now, so the build need not hold its bytes until the end. Returns its final path. */
  write(file: OutputFile): string;
  /**
   * The same, with the copy into the file on the thread pool (one write for the whole file), so
   * the main thread paints the next page meanwhile: ~8 ms for a 4 MB print page on this machine.
   */
  writeAsync(file: OutputFile): Promise<string>;
  /** Writes the last files and swaps the folder in for `<out>/<edition>/`. `stillLocked` is checked just before. */
  finish(files: readonly OutputFile[], stillLocked: () => Error | undefined): string[];
  /** Drops what was written: the build stopped, the last good build stays. */
  abandon(): void;
}

/** Starts a new build's folder: a fresh hidden folder beside `<out>/<edition>/` (recoverOutput removes it after a crash). */
export function stageEdition(output: EditionOutput): StagedEdition {
  const staging = join(output.outDir, `.${output.editionId}${STAGING}${stamp()}`);
  const put = (file: OutputFile): string => {
    const path = join(staging, file.path);
    assertInside(staging, path);
    guarded('write the new build', staging, () => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.data);
    });
    return join(output.folder, file.path);
  };
  const putAsync = async (file: OutputFile): Promise<string> => {
    const path = join(staging, file.path);
    assertInside(staging, path);
    const data = typeof file.data === 'string' ? Buffer.from(file.data) : file.data;
    const fd = guarded('write the new build', staging, () => {
      mkdirSync(dirname(path), { recursive: true });
      return openSync(path, 'w');
    });
    try {
      for (let at = 0; at < data.length;) {
        const { bytesWritten } = await new Promise<{ bytesWritten: number }>((done, fail) =>
          write(fd, data, at, data.length - at, at, (error, bytesWritten) => (error ? fail(error) : done({ bytesWritten }))));
        at += bytesWritten;
      }
    } catch (error) {
      if (isFileSystemError(error)) throw new PipelineError([fileSystemDiagnostic(error, 'write the new build', staging)]);
      throw error;
    } finally {
      closeSync(fd);
    }
    return join(output.folder, file.path);
  };
  return {
    write: put,
    writeAsync: putAsync,
    abandon: () => rmSync(staging, { recursive: true, force: true }),
    finish(files, stillLocked) {
      for (const file of files) assertInside(staging, join(staging, file.path));
      const paths = files.map(put);
      guarded('write the new build', staging, () => mkdirSync(staging, { recursive: true }));
      swapIn(output, staging, stillLocked);
      return paths;
    },
  };
}

/**
 * Writes `files` into a fresh folder and swaps it in for `<out>/<edition>/`. Returns the final
 * paths. `stillLocked` is checked just before the swap.
 */
export function writeEditionFolder(output: EditionOutput, files: readonly OutputFile[], stillLocked: () => Error | undefined): string[] {
  return stageEdition(output).finish(files, stillLocked);
}

function swapIn(output: EditionOutput, staging: string, stillLocked: () => Error | undefined): void {
  const lost = stillLocked();
  if (lost) {
    rmSync(staging, { recursive: true, force: true });
    throw new PipelineError([{
      severity: 'error', code: 'output-lock-lost', source: { file: output.lockPath },
      message: `the output lock was lost during the build (${lost.message}); the new files were not swapped in`,
      hint: 'build again; make sure no one removes the lock folder while a build runs',
    }]);
  }
  guarded('swap the new build into place', output.folder, () => {
    const previous = join(output.outDir, `.${output.editionId}${PREVIOUS}${stamp()}`);
    const hadPrevious = existsSync(output.folder);
    if (hadPrevious) renameSync(output.folder, previous);
    try {
      renameSync(staging, output.folder);
    } catch (error) {
      if (hadPrevious) renameSync(previous, output.folder);
      throw error;
    }
    if (hadPrevious) rmSync(previous, { recursive: true, force: true });
    // A failure report from an earlier build no longer describes what is in the folder.
    rmSync(output.failedFolder, { recursive: true, force: true });
  });
}

/** Writes a failed build's report under `<out>/<edition>.FAILED/`, leaving the last good build alone. */
export function writeFailedReport(output: EditionOutput, files: readonly OutputFile[]): string {
  const staging = join(output.outDir, `.${output.editionId}${STAGING}${stamp()}`);
  guarded('write the failed build\'s report', output.failedFolder, () => {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.data);
    }
    rmSync(output.failedFolder, { recursive: true, force: true });
    renameSync(staging, output.failedFolder);
  });
  return output.failedFolder;
}
