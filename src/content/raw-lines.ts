/**
 * Turns manuscript text into numbered segments: control characters gone, whitespace-only lines
 * blank, and a part kicker that the extraction glued behind a photo credit split onto its own
 * segment (same line number), so that every later recogniser sees one thing at a time.
 */
import type { Diagnostic } from '../diagnostics';
import { isBlank, trimSpace } from './inline';
import { gluedKickerIndex } from './patterns';

export interface Segment {
  /** Trimmed; '' for a blank line. */
  readonly text: string;
  /** 1-based manuscript line. */
  readonly line: number;
}

/** Characters XML 1.0 forbids (the pages end up in XML-based formats), plus DEL. */
const ILLEGAL_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const readSegments = (text: string, file: string): { segments: Segment[]; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const segments: Segment[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const found = raw.match(ILLEGAL_CONTROL);
    const clean = found ? raw.replace(ILLEGAL_CONTROL, '') : raw;
    if (found) {
      const codes = [...new Set(found)].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
      diagnostics.push({
        severity: 'warning',
        code: 'control-character',
        message: `removed ${found.length} control character(s) ${codes.join(', ')} from line ${line}`,
        source: { file, line },
        hint: 'usually debris from copying out of a PDF or Word; check the line reads right',
      });
    }
    if (isBlank(clean)) {
      segments.push({ text: '', line });
      return;
    }
    const trimmed = trimSpace(clean);
    const split = gluedKickerIndex(trimmed);
    if (split > 0) {
      segments.push({ text: trimSpace(trimmed.slice(0, split)), line });
      segments.push({ text: trimSpace(trimmed.slice(split)), line });
    } else {
      segments.push({ text: trimmed, line });
    }
  });
  return { segments, diagnostics };
};
