/** `newsprint build <edition-dir>`: one build, or with --watch a build on every change. */
import { watch, type FSWatcher } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { formatDiagnostic, PipelineError, type Diagnostic } from '../diagnostics';
import { CACHE_LOCATIONS, type CacheLocation } from '../images/cache';
import { buildEdition, type BuildOptions } from '../pipeline';
import { namePatternProblem } from '../publish/naming';
import { templatesDir } from '../io/templates';
import { readFontFilesAhead } from '../io/font-files';
import { EXIT, HELP_OPTION, parseCommand, UsageError } from './args';
import { diagnosticAsGiven, onceEach, Progress } from './display';
import { unexpectedFailure } from './failure';
import { HELP } from './help';

export const BUILD_OPTIONS = {
  ...HELP_OPTION,
  out: { type: 'string' }, force: { type: 'boolean' }, 'name-pattern': { type: 'string' }, 'proof-spread': { type: 'boolean' },
  archive: { type: 'boolean' }, cache: { type: 'string' }, templates: { type: 'string' }, template: { type: 'string' }, watch: { type: 'boolean' },
  verbose: { type: 'boolean' }, debug: { type: 'boolean' }, 'verify-ink': { type: 'boolean' },
} as const;

export interface BuildCommand { readonly folder: string; readonly options: BuildOptions; readonly watch: boolean; readonly verbose: boolean; readonly debug: boolean }

/** The arguments of `build`, checked: a usage error for anything the build could not use. */
export function readBuildArguments(args: readonly string[]): BuildCommand | 'help' {
  const { values, positionals } = parseCommand(args, BUILD_OPTIONS, { min: 1, max: 1, names: 'the edition folder' });
  if (values.help) return 'help';
  const cache = values.cache ?? 'out';
  if (!(CACHE_LOCATIONS as readonly string[]).includes(cache)) throw new UsageError(`--cache takes ${CACHE_LOCATIONS.join(', ')}, not "${cache}"`);
  const namePattern = values['name-pattern'];
  const problem = namePattern === undefined ? undefined : namePatternProblem(namePattern);
  if (problem) throw new UsageError(`--name-pattern "${namePattern}": ${problem}`);
  return {
    folder: positionals[0] as string,
    watch: values.watch === true, verbose: values.verbose === true, debug: values.debug === true,
    options: {
      outDir: values.out ?? 'output', force: values.force === true, proofSpread: values['proof-spread'] === true,
      archive: values.archive === true, cache: cache as CacheLocation,
      ...(namePattern === undefined ? {} : { namePattern }),
      ...(values.templates === undefined ? {} : { templatesDir: values.templates }),
      ...(values.template === undefined ? {} : { template: values.template }),
      ...(values['verify-ink'] ? { preflight: { renderInk: true } } : {}),
    },
  };
}

const print = (diagnostics: readonly Diagnostic[], folder: string, to: (line: string) => void): void => {
  for (const d of onceEach(diagnostics.map((x) => diagnosticAsGiven(x, folder)))) to(formatDiagnostic(d));
};

/** One build, its diagnostics and files printed; returns the exit code. */
export async function runBuild(command: BuildCommand): Promise<number> {
  const { folder, options } = command;
  const started = Date.now();
  const progress = new Progress(process.stdout, command.verbose);
  try {
    const result = await buildEdition(folder, { ...options, log: (m) => progress.step(m) });
    progress.done();
    print(result.report.diagnostics, folder, console.log);
    for (const file of [...result.files, ...result.proofs]) console.log(`wrote ${relative(process.cwd(), file)}`);
    if (result.archive) console.log(`wrote ${relative(process.cwd(), result.archive.folder)}/ (BagIt, ${result.archive.files.length} payload files; previews ${result.archive.previewSecondsPerPage.toFixed(2)} s a page)`);
    const { summary, counts } = result.report;
    console.log(`preflight: ${summary.fail} failed, ${summary.warn} warnings, ${summary.pass} passed; ${counts.error} errors, ${counts.warning} warnings; ${Date.now() - started} ms`);
    // --force writes the pages, but an error is still an error: the exit code says so.
    if (!result.report.passed) {
      console.error('preflight FAILED: the files were written only because of --force');
      return EXIT.contentErrors;
    }
    return EXIT.ok;
  } catch (error) {
    progress.done();
    if (error instanceof PipelineError) {
      print(error.diagnostics, folder, console.error);
      const report = error.reportFolder ? `; this build's report: ${relative(process.cwd(), error.reportFolder) || '.'}/preflight.txt` : '';
      console.error(`build failed: no pages written, the last good build (if any) is untouched${report} (use --force to write the pages despite errors, where possible)`);
      return EXIT.contentErrors;
    }
    console.error(formatDiagnostic(unexpectedFailure(error)));
    if (command.debug) console.error(error);
    return EXIT.contentErrors;
  }
}

/** Names under the edition folder that are output, not input: a change there must not rebuild. */
const isOutput = (path: string, outDir: string): boolean => {
  const out = resolve(outDir);
  return path === out || path.startsWith(out + sep) || /(^|[\\/])(\.cache|output)([\\/]|$)|\.tmp$|~$/.test(path);
};

/**
 * Builds, then builds again after each change to the edition folder (manuscript, edition.yaml,
 * photos) or the templates folder, until `signal` aborts. Changes within 150 ms are one rebuild;
 * a change during a build queues one more build after it.
 */
export async function watchBuild(command: BuildCommand, signal: AbortSignal, onBuilt?: (code: number, ms: number) => void): Promise<number> {
  let code = await timed(command, onBuilt);
  // Rebuilds estimate the ink from the photos and the colours instead of rendering each page with
  // Ghostscript (about half a second a build): the first build, and every plain build, measures it.
  const rebuildCommand: BuildCommand = { ...command, options: { ...command.options, preflight: { ...command.options.preflight, renderInk: false } } };
  const folders = [resolve(command.folder), resolve(command.options.templatesDir ?? templatesDir)];
  let pending: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const rebuild = (): void => {
    if (running) { again = true; return; }
    running = (async () => {
      do {
        again = false;
        console.log(`\n— change seen, building ${command.folder} again (ink estimated, not rendered) —`);
        code = await timed(rebuildCommand, onBuilt);
      } while (again && !signal.aborted);
      running = undefined;
    })();
  };
  const watchers: FSWatcher[] = folders.map((folder) => watch(folder, { recursive: true, signal }, (_event, name) => {
    if (!name || isOutput(resolve(folder, name.toString()), command.options.outDir)) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(rebuild, 150);
  }));
  console.log(`watching ${folders.map((f) => relative(process.cwd(), f) || '.').join(' and ')} (Ctrl-C stops)`);
  await new Promise<void>((done) => signal.addEventListener('abort', () => done(), { once: true }));
  if (pending) clearTimeout(pending);
  for (const watcher of watchers) watcher.close();
  await running;
  return code;
}

async function timed(command: BuildCommand, onBuilt?: (code: number, ms: number) => void): Promise<number> {
  const started = performance.now();
  const code = await runBuild(command);
  onBuilt?.(code, performance.now() - started);
  return code;
}

export async function buildCommand(args: readonly string[]): Promise<number> {
  const command = readBuildArguments(args);
  if (command === 'help') { console.log(HELP.build); return EXIT.ok; }
  await readFontFilesAhead(); // started by main before this module loaded; done by now, or nearly
  if (!command.watch) return runBuild(command);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  return watchBuild(command, stop.signal);
}
