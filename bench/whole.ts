/**
 * npm run bench, whole processes: each case runs the package's bin (what a global install runs)
 * in a fresh node process, several times; prints median, min and max wall time and the peak RSS
 * (largest over the runs; GNU time's maximum resident set of the process and its children).
 * "cold" starts with an empty photo cache, "warm" after a build of the same edition filled it.
 * Targets (issue 13): sample warm ≤ 0.5 s, cold ≤ 2 s; 16 pages warm ≤ 3 s, cold ≤ 8 s; peak RSS
 * ≤ 400 MB at any size; the spread's print PDFs ≤ 8 MB. Measured, never asserted in tests.
 * BENCH_RUNS (default 5) sets the runs per case; BENCH_CASES (e.g. "help,sample") picks cases.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEdition } from './editions';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'newsprint.js');
const SAMPLE = join(ROOT, 'assets', 'editions', 'hengnan-2021');
const GNU_TIME = '/usr/bin/time';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Run { readonly seconds: number; readonly peakMb: number }

/** One whole process: wall time measured here, peak RSS by GNU time (or the process's own, without it). */
function runOnce(args: readonly string[]): Run {
  const withTime = existsSync(GNU_TIME);
  const command = withTime ? GNU_TIME : process.execPath;
  const argv = withTime ? ['-f', 'PEAK_RSS_KB %M', process.execPath, BIN, ...args] : ['--require', join(__dirname, 'peak-rss.js'), BIN, ...args];
  const start = process.hrtime.bigint();
  const run = spawnSync(command, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0 && !(args[0] === 'build' && run.status === 1 && /preflight: 0 failed/.test(run.stdout))) {
    throw new Error(`newsprint ${args.join(' ')} exited ${run.status}:\n${run.stderr.slice(-2000)}`);
  }
  const kb = Number(/PEAK_RSS_KB (\d+)/.exec(run.stderr)?.[1] ?? 0);
  return { seconds, peakMb: kb / 1024 };
}

interface CaseResult { readonly name: string; readonly runs: readonly Run[] }

function measure(name: string, runs: number, before: () => void, args: () => readonly string[]): CaseResult {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    results.push(runOnce(args()));
  }
  return { name, runs: results };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function row(result: CaseResult): string {
  const seconds = result.runs.map((r) => r.seconds);
  const peak = Math.max(...result.runs.map((r) => r.peakMb));
  return `| ${result.name} | ${median(seconds).toFixed(2)} s | ${Math.min(...seconds).toFixed(2)} s | ${Math.max(...seconds).toFixed(2)} s | ${peak.toFixed(0)} MB |`;
}

const folderBytes = (folder: string): number => readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);

function editionCases(label: string, edition: string, work: string): CaseResult[] {
  const out = join(work, `out-${label}`);
  const build = (): string[] => ['build', edition, '--out', out];
  const cold = measure(`${label}, cold`, RUNS, () => rmSync(out, { recursive: true, force: true }), build);
  const warm = measure(`${label}, warm`, RUNS, () => undefined, build); // the cold runs filled the cache
  return [warm, cold];
}

function main(): void {
  const wanted = process.env.BENCH_CASES?.split(',');
  const want = (name: string): boolean => !wanted || wanted.includes(name);
  const work = mkdtempSync(join(tmpdir(), 'newsprint-bench-whole-'));
  const lines: string[] = [];
  const print = (text: string): void => { lines.push(text); console.log(text); };
  print(`whole processes through bin/newsprint.js, ${RUNS} runs a case, ${new Date().toISOString()}, load average at start ${(require('node:os') as typeof import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  print('');
  print('| case | median | min | max | peak RSS |');
  print('|---|---|---|---|---|');
  if (want('help')) print(row(measure('start-up: newsprint --help', RUNS, () => undefined, () => ['--help'])));
  let spreadBytes = 0;
  if (want('sample')) {
    for (const result of editionCases('sample spread', SAMPLE, work)) print(row(result));
    spreadBytes = folderBytes(join(work, 'out-sample spread', 'hengnan-2021', 'print'));
  }
  for (const pages of [4, 8, 16]) {
    if (!want(String(pages))) continue;
    const edition = makeEdition(pages, join(work, `edition-${pages}`));
    for (const result of editionCases(`${pages} pages`, edition, work)) print(row(result));
  }
  if (spreadBytes) {
    print('');
    print(`print PDF size, sample spread (two pages): ${(spreadBytes / 1e6).toFixed(1)} MB (${spreadBytes} bytes)`);
  }
  rmSync(work, { recursive: true, force: true });
}

main();
