/**
 * `newsprint build | lint | preview | verify`: a thin shell over the pipeline. Arguments go through
 * node:util parseArgs (src/cli/args.ts); exit codes 0 ok, 1 content errors, 2 usage errors.
 */
import { formatDiagnostic } from '../diagnostics';
import { EXIT, UsageError } from './args';
import { buildCommand } from './build';
import { unexpectedFailure } from './failure';
import { HELP, helpFor } from './help';
import { lintCommand } from './lint';
import { previewCommand } from './preview';
import { verifyCommand } from './verify';

export { unexpectedFailure } from './failure';

const COMMANDS: Readonly<Record<string, (args: readonly string[]) => Promise<number> | number>> = {
  build: buildCommand, lint: lintCommand, preview: previewCommand, verify: verifyCommand,
};

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (command === undefined) { console.error(HELP.main); return EXIT.usage; }
    console.log(topic ? helpFor(topic) : HELP.main);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`newsprint: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')})\n\n${HELP.main}`);
    return EXIT.usage;
  }
  try {
    return await run(rest);
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
