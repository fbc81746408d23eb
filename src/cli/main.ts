/**
 * `newsprint build | lint | preview | verify`: a thin shell over the pipeline. Arguments go through
 * node:util parseArgs (src/cli/args.ts); exit codes 0 ok, 1 content errors, 2 usage errors.
 */
import { formatDiagnostic } from '../diagnostics';
import { readFontFilesAhead } from '../io/font-files';
import { EXIT, UsageError } from './args';
import { unexpectedFailure } from './failure';
import { HELP, helpFor } from './help';

export { unexpectedFailure } from './failure';

type Command = (args: readonly string[]) => Promise<number> | number;

// Each command loads what it needs when it runs: the pipeline pulls in pdfkit, fontkit and sharp
// (a quarter of a second), which --help and a usage error do not need.
const COMMANDS: Readonly<Record<string, () => Command>> = {
  build: () => (require('./build') as typeof import('./build')).buildCommand,
  lint: () => (require('./lint') as typeof import('./lint')).lintCommand,
  preview: () => (require('./preview') as typeof import('./preview')).previewCommand,
  verify: () => (require('./verify') as typeof import('./verify')).verifyCommand,
};

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (command === undefined) { console.error(HELP.main); return EXIT.usage; }
    console.log(topic ? helpFor(topic) : HELP.main);
    return EXIT.ok;
  }
  const load = COMMANDS[command];
  if (!load) {
    console.error(`newsprint: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')})\n\n${HELP.main}`);
    return EXIT.usage;
  }
  // A build's fonts (~68 MB) are read on the thread pool while its modules load (io/font-files.ts).
  if (command === 'build' && !rest.some((arg) => arg === '--help' || arg === '-h')) void readFontFilesAhead();
  try {
    return await load()(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`newsprint ${command}: ${error.message}\n\n${helpFor(command)}`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** Runs the CLI and sets the exit code; whatever escapes main is still printed as a diagnostic. */
export function runCli(argv: readonly string[]): Promise<void> {
  return main(argv).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(formatDiagnostic(unexpectedFailure(error)));
    if (argv.includes('--debug')) console.error(error);
    process.exitCode = EXIT.contentErrors;
  });
}

if (require.main === module) void runCli(process.argv.slice(2));
