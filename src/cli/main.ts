/** `newsprint build <edition-dir> [--out <dir>] [--force]`: a thin shell over the pipeline. */
import { relative } from 'node:path';
import { formatDiagnostic, PipelineError } from '../diagnostics';
import { buildEdition } from '../pipeline';

const USAGE = 'usage: newsprint build <edition-dir> [--out <dir>] [--force]';

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'build') {
    console.error(USAGE);
    return 2;
  }
  let folder: string | undefined;
  let outDir = 'output';
  let force = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--out') outDir = rest[++i] ?? outDir;
    else if (arg === '--force') force = true;
    else if (arg?.startsWith('--')) { console.error(`unknown option ${arg}\n${USAGE}`); return 2; }
    else folder = arg;
  }
  if (!folder) { console.error(USAGE); return 2; }
  const started = Date.now();
  try {
    const result = await buildEdition(folder, { outDir, force, log: (m) => console.log(`· ${m}`) });
    for (const d of result.report.diagnostics) console.log(formatDiagnostic(d));
    for (const file of result.files) console.log(`wrote ${relative(process.cwd(), file)}`);
    console.log(`${result.report.counts.error} errors, ${result.report.counts.warning} warnings; ${Date.now() - started} ms`);
    return result.report.counts.error > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof PipelineError) {
      for (const d of error.diagnostics) console.error(formatDiagnostic(d));
      console.error('build failed: no pages written (use --force to write them despite errors, where possible)');
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
