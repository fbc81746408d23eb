/**
 * Where the font files fonts/fonts.json names are, and reading them ahead (issue 13). A build's
 * fonts are ~68 MB; started on the thread pool before the build loads its modules (pdfkit,
 * fontkit, sharp: ~150 ms on the main thread), the copy runs on another core. Nothing here loads
 * fontkit, so the CLI can start the reads first.
 */
import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FontsConfig } from '../typeset/fonts';

export const projectRoot = resolve(__dirname, '..', '..');
export const fontsDir = join(projectRoot, 'fonts');
export const fontsConfigPath = join(fontsDir, 'fonts.json');

export function fontFilePath(role: string, config: FontsConfig): string {
  const entry = config.roles[role];
  if (!entry) throw new Error(`unknown font role ${role}`);
  if (!entry.package) return join(fontsDir, entry.file);
  const packageJson = require.resolve(`${entry.package}/package.json`, { paths: [projectRoot] });
  return join(dirname(packageJson), entry.file);
}

const readAhead = new Map<string, Buffer>();
let reading: Promise<void> | undefined;
let taken = false;

/** One file in one read on the thread pool; undefined when it cannot be read whole (loadFontBook then reads it and reports why). */
function readWhole(path: string): Promise<Buffer | undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((done) => {
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.allocUnsafe(size);
      read(fd, buffer, 0, size, 0, (error, bytes) => {
        closeSync(fd);
        done(error || bytes !== size ? undefined : buffer);
      });
    } catch {
      closeSync(fd);
      done(undefined);
    }
  });
}

/**
 * Starts reading every font file fonts/fonts.json names; resolves when all reads are done. Never
 * rejects: anything that goes wrong is left to loadFontBook, which reads the file itself.
 */
export function readFontFilesAhead(): Promise<void> {
  reading ??= (async () => {
    let paths: string[];
    try {
      const config = JSON.parse(readFileSync(fontsConfigPath, 'utf8')) as FontsConfig;
      paths = Object.keys(config.roles).map((role) => fontFilePath(role, config));
    } catch {
      return;
    }
    await Promise.all(paths.map(async (path) => {
      const buffer = await readWhole(path);
      if (buffer && !taken) readAhead.set(path, buffer);
    }));
  })();
  return reading;
}

/** The bytes read ahead for `path`, once; after the first call nothing more is kept, so no late read holds memory. */
export function takeFontFile(path: string): Buffer | undefined {
  taken = true;
  const buffer = readAhead.get(path);
  readAhead.delete(path);
  return buffer;
}
