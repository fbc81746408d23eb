/** `newsprint build <edition-dir> [options]`, `newsprint verify <archive-dir>`, `newsprint preview <dir|pdf>`: a thin shell over the pipeline. */
import { relative } from 'node:path';
import { formatDiagnostic, PipelineError, type Diagnostic } from '../diagnostics';
import { CACHE_LOCATIONS, type CacheLocation } from '../images/cache';
import { fileSystemDiagnostic, isFileSystemError } from '../io/fs-errors';
import { namePatternProblem } from '../publish/naming';

const USAGE = 'usage: newsprint build <edition-dir> [--out <dir>] [--force] [--name-pattern "{date}-{page}.pdf"] [--proof-spread] [--archive] [--cache out|xdg|none] [--verify-ink] [--debug]\n'
  + '       newsprint verify <archive-dir>\n       newsprint preview <edition-output-dir|file.pdf>';

/** Anything that is not already a diagnostic, as one: no stack trace unless --debug asks for it. */
export function unexpectedFailure(error: unknown): Diagnostic {
  if (isFileSystemError(error)) return fileSystemDiagnostic(error, 'read or write a file');
  const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
  return {
    severity: 'error', code: 'internal-error', message: `Newsprint stopped unexpectedly: ${message}`,
    hint: 'build again with --debug to see where it stopped, and report it with the edition folder',
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  // Each command loads what it needs when it runs: the pipeline pulls in pdfkit, fontkit and
  // sharp (~0.25 s), which --help and a usage error do not need.
  if (command === 'verify') return (require('./verify') as typeof import('./verify')).verifyCommand(rest);
  if (command === 'preview') return (require('./preview') as typeof import('./preview')).previewCommand(rest);
  if (command !== 'build') {
    console.error(USAGE);
    return 2;
  }
  let folder: string | undefined;
  let outDir = 'output';
  let force = false;
  let namePattern: string | undefined;
  let proofSpread = false;
  let cache: CacheLocation = 'out';
  let debug = false;
  let verifyInk = false;
  let archive = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--out') outDir = rest[++i] ?? outDir;
    else if (arg === '--force') force = true;
    else if (arg === '--name-pattern') namePattern = rest[++i];
    else if (arg === '--proof-spread') proofSpread = true;
    else if (arg === '--debug') debug = true;
    else if (arg === '--verify-ink') verifyInk = true;
    else if (arg === '--archive') archive = true;
    else if (arg === '--cache') {
      const value = rest[++i] as CacheLocation;
      if (!CACHE_LOCATIONS.includes(value)) { console.error(`--cache takes ${CACHE_LOCATIONS.join(', ')}\n${USAGE}`); return 2; }
      cache = value;
    } else if (arg?.startsWith('--')) { console.error(`unknown option ${arg}\n${USAGE}`); return 2; }
    else folder = arg;
  }
  if (!folder) { console.error(USAGE); return 2; }
  const patternProblem = namePattern === undefined ? undefined : namePatternProblem(namePattern);
  if (patternProblem) { console.error(`--name-pattern "${namePattern}": ${patternProblem}\n${USAGE}`); return 2; }
  const started = Date.now();
  try {
    const { buildEdition } = require('../pipeline') as typeof import('../pipeline');
    const result = await buildEdition(folder, { outDir, force, namePattern, proofSpread, cache, archive, log: (m) => console.log(`· ${m}`),
      ...(verifyInk ? { preflight: { renderInk: true } } : {}) });
    for (const d of result.report.diagnostics) console.log(formatDiagnostic(d));
    for (const file of [...result.files, ...result.proofs]) console.log(`wrote ${relative(process.cwd(), file)}`);
    if (result.archive) console.log(`wrote ${relative(process.cwd(), result.archive.folder)}/ (BagIt, ${result.archive.files.length} payload files; previews ${result.archive.previewSecondsPerPage.toFixed(2)} s a page)`);
    const { summary, counts } = result.report;
    console.log(`preflight: ${summary.fail} failed, ${summary.warn} warnings, ${summary.pass} passed; ${counts.error} errors, ${counts.warning} warnings; ${Date.now() - started} ms`);
    // --force writes the pages, but an error is still an error: the exit code says so.
    if (!result.report.passed) {
      console.error('preflight FAILED: the files were written only because of --force');
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof PipelineError) {
      for (const d of error.diagnostics) console.error(formatDiagnostic(d));
      const report = error.reportFolder ? `; this build's report: ${relative(process.cwd(), error.reportFolder) || '.'}/preflight.txt` : '';
      console.error(`build failed: no pages written, the last good build (if any) is untouched${report} (use --force to write the pages despite errors, where possible)`);
      return 1;
    }
    console.error(formatDiagnostic(unexpectedFailure(error)));
    if (debug) console.error(error);
    return 1;
  }
}

/** Runs the CLI and sets the exit code; whatever escapes main is still printed as a diagnostic. */
export function runCli(argv: readonly string[]): Promise<void> {
  return main(argv).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(formatDiagnostic(unexpectedFailure(error)));
    if (argv.includes('--debug')) console.error(error);
    process.exitCode = 1;
  });
}

if (require.main === module) void runCli(process.argv.slice(2));
