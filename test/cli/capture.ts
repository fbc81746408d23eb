/** Runs the CLI in-process and captures what a user would see on stdout and stderr. */
import { main } from '../../src/cli/main';

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { log: console.log, error: console.error };
  console.log = (...parts: unknown[]) => { out.push(parts.join(' ')); };
  console.error = (...parts: unknown[]) => { err.push(parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' ')); };
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    Object.assign(console, saved);
  }
}

export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
