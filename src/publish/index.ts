/**
 * Publish stage: writes the output folder. Every file goes to a temporary name first and is
 * renamed into place, so a failed build never leaves a partial PDF over a good one.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatDiagnostic, formatSource, type Diagnostic } from '../diagnostics';

export function writeAtomically(path: string, data: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

export interface PreflightReport {
  readonly edition: string;
  readonly passed: boolean;
  readonly forced: boolean;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly diagnostics: readonly Diagnostic[];
}

export function preflightReport(edition: string, diagnostics: readonly Diagnostic[], forced: boolean): PreflightReport {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  return {
    edition, forced, passed: count('error') === 0,
    counts: { error: count('error'), warning: count('warning'), info: count('info') },
    diagnostics,
  };
}

export function preflightText(report: PreflightReport): string {
  const lines = [
    `Preflight for ${report.edition}: ${report.passed ? 'PASS' : report.forced ? 'FAIL (written anyway with --force)' : 'FAIL'}`,
    `${report.counts.error} errors, ${report.counts.warning} warnings, ${report.counts.info} notes`,
    '',
    ...report.diagnostics.map(formatDiagnostic),
  ];
  return `${lines.join('\n')}\n`;
}

export interface PublishInput {
  readonly outDir: string;
  readonly editionId: string;
  readonly printFiles: readonly { readonly name: string; readonly pdf: Buffer }[];
  readonly report: PreflightReport;
  /** Generated layout markup, kept for inspection. */
  readonly markup: string;
  /** Column guides per page, for checking tools (the judge's --sidecar). */
  readonly sidecar: unknown;
}

export function publish(input: PublishInput): { folder: string; files: string[] } {
  const folder = join(input.outDir, input.editionId);
  const files: string[] = [];
  for (const file of input.printFiles) {
    const path = join(folder, 'print', file.name);
    writeAtomically(path, file.pdf);
    files.push(path);
  }
  writeAtomically(join(folder, 'preflight.json'), `${JSON.stringify(input.report, null, 2)}\n`);
  writeAtomically(join(folder, 'preflight.txt'), preflightText(input.report));
  writeAtomically(join(folder, 'work', 'layout.xml'), input.markup);
  writeAtomically(join(folder, 'work', 'sidecar.json'), `${JSON.stringify(input.sidecar, null, 1)}\n`);
  return { folder, files };
}

export { formatSource };
