/**
 * Publish stage: preflight and the output folder. Every file goes to a temporary name first and
 * is renamed into place, so a failed build never leaves a partial PDF over a good one.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatSource, type Diagnostic } from '../diagnostics';
import type { CheckStatus, PreflightCheck } from './check';

export { buildTime, DEFAULT_NAME_PATTERN, namePatternProblem, printFileName, proofFileName } from './naming';
export { defaultPreflightRules, diagnosticChecks, runPreflight, type PreflightRules } from './preflight';
export type { CheckStatus, PreflightCheck } from './check';

export function writeAtomically(path: string, data: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

export interface PreflightReport {
  readonly edition: string;
  /** No check failed. */
  readonly passed: boolean;
  readonly forced: boolean;
  /** The diagnostics' severities (as before preflight had its own checks). */
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** Every finding, diagnostics included. */
  readonly summary: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly PreflightCheck[];
  readonly diagnostics: readonly Diagnostic[];
}

export function preflightReport(edition: string, diagnostics: readonly Diagnostic[], checks: readonly PreflightCheck[], forced: boolean): PreflightReport {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const tally = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  const summary = { pass: tally('pass'), warn: tally('warn'), fail: tally('fail') };
  return {
    edition, forced, passed: summary.fail === 0,
    counts: { error: count('error'), warning: count('warning'), info: count('info') },
    summary, checks, diagnostics,
  };
}

/** Failed checks as diagnostics, for the PipelineError that stops an unforced build. */
export const failuresAsDiagnostics = (checks: readonly PreflightCheck[]): Diagnostic[] =>
  checks.filter((c) => c.status === 'fail' && !c.check.startsWith('diagnostic:')).map((c) => ({
    severity: 'error', code: `preflight-${c.check}`,
    message: `${c.page === undefined ? '' : `page ${c.page}: `}${c.item ? `${c.item}: ` : ''}${c.message}`,
    ...(c.source ? { source: c.source } : {}),
  }));

const where = (c: PreflightCheck): string => [
  c.page === undefined ? '' : `page ${c.page}`, c.item ?? '', formatSource(c.source),
].filter(Boolean).join(', ');

export function preflightText(report: PreflightReport): string {
  const verdict = report.passed ? 'PASS' : report.forced ? 'FAIL (written anyway with --force)' : 'FAIL (no print files written)';
  const line = (c: PreflightCheck) => `${c.status.toUpperCase().padEnd(4)} ${c.check}${where(c) ? ` [${where(c)}]` : ''}: ${c.message}`;
  const order: CheckStatus[] = ['fail', 'warn', 'pass'];
  const lines = [
    `Preflight for ${report.edition}: ${verdict}`,
    `${report.summary.fail} failed, ${report.summary.warn} warnings, ${report.summary.pass} passed; diagnostics: ${report.counts.error} errors, ${report.counts.warning} warnings, ${report.counts.info} notes`,
    '',
    ...order.flatMap((status) => report.checks.filter((c) => c.status === status).map(line)),
  ];
  return `${lines.join('\n')}\n`;
}

export interface PublishInput {
  readonly outDir: string;
  readonly editionId: string;
  /** Empty when preflight failed without --force: only the report is written. */
  readonly printFiles: readonly { readonly name: string; readonly pdf: Buffer }[];
  readonly proofFiles: readonly { readonly name: string; readonly pdf: Buffer }[];
  readonly report: PreflightReport;
  /** Generated layout markup, kept for inspection. */
  readonly markup: string;
  /** Column guides per page, for checking tools (the judge's --sidecar). */
  readonly sidecar: unknown;
}

export function publish(input: PublishInput): { folder: string; files: string[]; proofs: string[] } {
  const folder = join(input.outDir, input.editionId);
  const write = (sub: string, files: PublishInput['printFiles']) => files.map((file) => {
    const path = join(folder, sub, file.name);
    writeAtomically(path, file.pdf);
    return path;
  });
  const files = write('print', input.printFiles);
  // Proofs live apart from print/, so nothing that collects press files can pick one up.
  const proofs = write('proof', input.proofFiles);
  writePreflight(folder, input.report);
  writeAtomically(join(folder, 'work', 'layout.xml'), input.markup);
  writeAtomically(join(folder, 'work', 'sidecar.json'), `${JSON.stringify(input.sidecar, null, 1)}\n`);
  return { folder, files, proofs };
}

export function writePreflight(folder: string, report: PreflightReport): void {
  writeAtomically(join(folder, 'preflight.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(join(folder, 'preflight.txt'), preflightText(report));
}

