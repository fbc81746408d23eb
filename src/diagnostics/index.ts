/**
 * Every problem the pipeline finds travels as a Diagnostic with a SourceRef, from the stage that
 * found it to the preflight report, so that nothing is lost silently and each message can point
 * the desk at the file and line to fix.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceRef {
  readonly file: string;
  /** 1-based line in that file. */
  readonly line?: number;
  /** 1-based column in that line. */
  readonly column?: number;
  /** A short human label: "上篇 paragraph 7", "photo kite-sky.jpg". */
  readonly context?: string;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. "overset", "duplicate-paragraph". */
  readonly code: string;
  readonly message: string;
  readonly source?: SourceRef;
  /** What the desk should do about it. */
  readonly hint?: string;
}

export const formatSource = (source: SourceRef | undefined): string => {
  if (!source) return '';
  const position = source.line === undefined ? '' : `:${source.line}${source.column === undefined ? '' : `:${source.column}`}`;
  return `${source.file}${position}${source.context ? ` (${source.context})` : ''}`;
};

export const formatDiagnostic = (d: Diagnostic): string => {
  const where = formatSource(d.source);
  return `${d.severity}[${d.code}]${where ? ` ${where}` : ''}: ${d.message}${d.hint ? `\n  → ${d.hint}` : ''}`;
};

/** Thrown when a stage cannot go on; carries the diagnostics that explain why. */
export class PipelineError extends Error {
  /** `reportFolder`: where the stopped build's preflight report was written, when it was. */
  constructor(readonly diagnostics: readonly Diagnostic[], readonly reportFolder?: string) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'PipelineError';
  }
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
