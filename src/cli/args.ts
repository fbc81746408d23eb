/**
 * Command-line arguments through node:util parseArgs, strictly: an unknown option, an option
 * missing its value, or a value that looks like the next option is a usage error (exit 2), never
 * silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes, as documented in README.md and `newsprint --help`. */
export const EXIT = { ok: 0, contentErrors: 1, usage: 2 } as const;

/** A mistake in how the command was called: the message, then the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommand<O extends Options> {
  readonly values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  readonly positionals: readonly string[];
}

/** Parses `args` for one command; `positionals` is how many plain arguments it takes (min, max). */
export function parseCommand<O extends Options>(args: readonly string[], options: O, positionals: { min: number; max: number; names: string }): ParsedCommand<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(plainParseMessage(error));
  }
  const count = parsed.positionals.length;
  if (parsed.values.help !== true && (count < positionals.min || count > positionals.max)) {
    throw new UsageError(count < positionals.min ? `missing ${positionals.names}` : `unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}`);
  }
  return { values: parsed.values as ParsedCommand<O>['values'], positionals: parsed.positionals };
}

/** parseArgs' messages, shortened to what the user typed wrong. */
function plainParseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^']*)'/.exec(message)?.[1]?.replace(/ <value>$/, '') ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(message)) return `${option} needs a value`;
    if (/ambiguous/.test(message)) return `${option} needs a value (found the next option instead; to pass a value starting with -, write ${option.split(', ').pop()}=VALUE)`;
    if (/does not take an argument/.test(message)) return `${option} takes no value`;
  }
  return message.split('\n')[0] ?? message;
}

/** The --help option every command takes. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
