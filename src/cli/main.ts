/** `newsprint build <edition-dir> [--out <dir>] [--force] [--name-pattern <p>] [--proof-spread] [--archive]`, `verify`, `preview`: a thin shell over the pipeline. */
import { relative } from 'node:path';
import { formatDiagnostic, PipelineError } from '../diagnostics';
import { buildEdition } from '../pipeline';
import { namePatternProblem } from '../publish';
import { previewCommand } from './preview';
import { verifyCommand } from './verify';

const USAGE = 'usage: newsprint build <edition-dir> [--out <dir>] [--force] [--name-pattern "{date}-{page}.pdf"] [--proof-spread] [--archive]\n'
  + '       newsprint verify <archive-dir>\n       newsprint preview <edition-output-dir|file.pdf>';

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'verify') return verifyCommand(rest);
  if (command === 'preview') return previewCommand(rest);
  if (command !== 'build') {
    console.error(USAGE);
    return 2;
  }
  let folder: string | undefined;
  let outDir = 'output';
  let force = false;
  let namePattern: string | undefined;
  let proofSpread = false;
  let archive = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--out') outDir = rest[++i] ?? outDir;
    else if (arg === '--force') force = true;
    else if (arg === '--name-pattern') namePattern = rest[++i];
    else if (arg === '--proof-spread') proofSpread = true;
    else if (arg === '--archive') archive = true;
    else if (arg?.startsWith('--')) { console.error(`unknown option ${arg}\n${USAGE}`); return 2; }
    else folder = arg;
  }
  if (!folder) { console.error(USAGE); return 2; }
  const patternProblem = namePattern === undefined ? undefined : namePatternProblem(namePattern);
  if (patternProblem) { console.error(`--name-pattern "${namePattern}": ${patternProblem}\n${USAGE}`); return 2; }
  const started = Date.now();
  try {
    const result = await buildEdition(folder, { outDir, force, namePattern, proofSpread, archive, log: (m) => console.log(`· ${m}`) });
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
      console.error('build failed: no pages written; see preflight.txt (use --force to write them despite errors, where possible)');
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
