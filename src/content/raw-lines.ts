/**
 * Turns manuscript text into numbered segments: control and invisible characters gone (each
 * named in a warning), whitespace-only lines blank, and a part kicker that the extraction glued
 * behind a photo credit split onto its own segment (same line number), so that every later
 * recogniser sees one thing at a time.
 *
 * The rules for characters that cannot be printed (docs/reliability.md, "Encoding rules"):
 * - control characters (C0 but tab, C1, DEL) and what XML forbids (U+FFFE, U+FFFF, lone
 *   surrogates) are removed: the pages end up in XML-based formats and no font draws them;
 * - invisible format characters (Unicode category Cf: zero-width space and joiners, word
 *   joiner, soft hyphen, a BOM inside the text, bidi controls) are removed: they print as
 *   nothing and extract from the PDF as U+FFFD;
 * - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR end the line, exactly as a line break
 *   does (in this manuscript format a line is a paragraph), on the same line number.
 * Each line gets at most one warning per rule, counting every character removed once.
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

/** Characters XML 1.0 forbids (the pages end up in XML-based formats), DEL and the C1 controls. */
const ILLEGAL_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Unicode format characters: zero-width and invisible, they print as nothing. */
const INVISIBLE = /\p{Cf}/gu;
const SEPARATORS = /[\u2028\u2029]/;

const codePoints = (found: readonly string[]): string =>
  [...new Set(found)].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(', ');

interface Removal {
  readonly pattern: RegExp;
  readonly code: string;
  readonly what: string;
  readonly hint: string;
}

const REMOVALS: readonly Removal[] = [
  { pattern: ILLEGAL_CONTROL, code: 'control-character', what: 'control character', hint: 'usually debris from copying out of a PDF or Word; check the line reads right' },
  { pattern: INVISIBLE, code: 'invisible-character', what: 'invisible character', hint: 'zero-width and format characters print as nothing; check the line reads right' },
];

export const readSegments = (text: string, file: string): { segments: Segment[]; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const segments: Segment[] = [];
  // A BOM at the start is the encoding's mark, not text: dropped without a word.
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    let clean = raw;
    for (const removal of REMOVALS) {
      const found = clean.match(removal.pattern);
      if (!found) continue;
      clean = clean.replace(removal.pattern, '');
      diagnostics.push({
        severity: 'warning', code: removal.code, source: { file, line }, hint: removal.hint,
        message: `removed ${found.length} ${removal.what}${found.length === 1 ? '' : 's'} (${codePoints(found)})`,
      });
    }
    const pieces = clean.split(SEPARATORS);
    if (pieces.length > 1) {
      const count = pieces.length - 1;
      diagnostics.push({
        severity: 'warning', code: 'line-separator', source: { file, line },
        message: `${count} Unicode line/paragraph separator${count === 1 ? '' : 's'} (${codePoints(clean.match(/[\u2028\u2029]/g) ?? [])}) ended the line: the text after ${count === 1 ? 'it starts' : 'each starts'} a new paragraph`,
        hint: 'if it is one paragraph, delete the separator; otherwise put a real line break there',
      });
    }
    pieces.forEach((piece) => pushSegments(segments, piece, line));
  });
  return { segments, diagnostics };
};

const pushSegments = (segments: Segment[], text: string, line: number): void => {
  if (isBlank(text)) {
    segments.push({ text: '', line });
    return;
  }
  const trimmed = trimSpace(text);
  const split = gluedKickerIndex(trimmed);
  if (split > 0) {
    segments.push({ text: trimSpace(trimmed.slice(0, split)), line });
    segments.push({ text: trimSpace(trimmed.slice(split)), line });
  } else {
    segments.push({ text: trimmed, line });
  }
};
