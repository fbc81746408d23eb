/** One preflight finding: what was checked, on which element, and how it came out. */
import type { SourceRef } from '../diagnostics';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface PreflightCheck {
  /** Stable name of the rule, e.g. "boxes", "small-text-colour", "diagnostic:overset". */
  readonly check: string;
  readonly status: CheckStatus;
  readonly message: string;
  /** 版次 of the page, when the finding concerns one. */
  readonly page?: number;
  /** The print file the finding concerns. */
  readonly file?: string;
  /** The element on the page: "text 'A 坚持…' at 120.3 mm", "photo 2", "rule 1". */
  readonly item?: string;
  /** Manuscript or edition-file line behind the element. */
  readonly source?: SourceRef;
  /** The measured figure, when there is one. */
  readonly measured?: number | string | Readonly<Record<string, number>>;
}

export const check = (fields: PreflightCheck): PreflightCheck => fields;
