/**
 * Publish stage: preflight and the output folder. A build's files are written into a fresh
 * folder and swapped in whole (output.ts), so `<out>/<edition>/` never mixes two builds.
 */
import { join } from 'node:path';
import { formatSource, type Diagnostic } from '../diagnostics';
import type { CheckStatus, PreflightCheck } from './check';
import { writeEditionFolder, writeFailedReport, type EditionOutput, type OutputFile, type StagedEdition } from './output';

export { buildTime, DEFAULT_NAME_PATTERN, namePatternProblem, printFileName, proofFileName } from './naming';
export { defaultPreflightRules, diagnosticChecks, preflightPrintPage, preflightProof, runPreflight, type PreflightRules } from './preflight';
export { DEFAULT_LOCK_WAIT_MS, editionOutput, lockOutput, recoverOutput, stageEdition, type EditionOutput, type StagedEdition } from './output';
export type { CheckStatus, PreflightCheck } from './check';

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
  const verdict = report.passed ? 'PASS' : report.forced ? 'FAIL (written anyway with --force)' : 'FAILED BUILD (no print files written; the last good build, if any, is untouched)';
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
  readonly output: EditionOutput;
  /** Empty when preflight failed without --force: only the report is written. */
  readonly printFiles: readonly { readonly name: string; readonly pdf: Buffer }[];
  readonly proofFiles: readonly { readonly name: string; readonly pdf: Buffer }[];
  readonly report: PreflightReport;
  /** Generated layout markup, kept for inspection. */
  readonly markup: string;
  /** Column guides per page, for checking tools (the judge's --sidecar). */
  readonly sidecar: unknown;
  /** Returns an error when the output lock was lost during the build. */
  readonly lockLost: () => Error | undefined;
  /** More files for the same swap, paths inside the edition folder (the archive bag, issue 11). */
  readonly extraFiles?: readonly OutputFile[];
}

const reportFiles = (report: PreflightReport): OutputFile[] => [
  { path: 'preflight.json', data: `${JSON.stringify(report, null, 2)}\n` },
  { path: 'preflight.txt', data: preflightText(report) },
];

export function publish(input: PublishInput): { folder: string; files: string[]; proofs: string[] } {
  const print = input.printFiles.map((file) => ({ path: printPath(file.name), data: file.pdf }));
  // Proofs live apart from print/, so nothing that collects press files can pick one up.
  const proof = input.proofFiles.map((file) => ({ path: proofPath(file.name), data: file.pdf }));
  const written = writeEditionFolder(input.output, [
    ...print, ...proof, ...reportFiles(input.report),
    { path: join('work', 'layout.xml'), data: input.markup },
    { path: join('work', 'sidecar.json'), data: `${JSON.stringify(input.sidecar, null, 1)}\n` },
    ...(input.extraFiles ?? []),
  ], input.lockLost);
  return { folder: input.output.folder, files: written.slice(0, print.length), proofs: written.slice(print.length, print.length + proof.length) };
}

/** Where a print or proof file of a staged build goes inside the edition folder. */
export const printPath = (name: string): string => join('print', name);
export const proofPath = (name: string): string => join('proof', name);

/**
 * Finishes a build whose print and proof files were written into `staged` page by page (so no
 * page's PDF is held to the end): adds the reports and the work files, then swaps the folder in.
 */
export function publishStaged(staged: StagedEdition, input: Omit<PublishInput, 'printFiles' | 'proofFiles' | 'output'>): void {
  staged.finish([
    ...reportFiles(input.report),
    { path: join('work', 'layout.xml'), data: input.markup },
    { path: join('work', 'sidecar.json'), data: `${JSON.stringify(input.sidecar, null, 1)}\n` },
    ...(input.extraFiles ?? []),
  ], input.lockLost);
}

/** A build that stops writes only its report, beside the last good build; returns the report's folder. */
export const publishFailure = (output: EditionOutput, report: PreflightReport): string => writeFailedReport(output, reportFiles(report));
