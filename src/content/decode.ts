/**
 * Manuscript bytes → text. Chinese desks still save GBK/GB18030 files, and a GBK file read as
 * UTF-8 becomes hundreds of U+FFFD that no font draws; so the encoding is decided here, once,
 * with one diagnostic that says what was done. The rule (docs/reliability.md):
 *
 * - valid UTF-8 (with or without a BOM) is read as UTF-8;
 * - a UTF-16 BOM is an error (save as UTF-8);
 * - otherwise, if the file is mostly not UTF-8 (fewer valid multi-byte UTF-8 sequences than
 *   invalid bytes) and decodes as GB18030 without a single invalid sequence, it is read as GB18030
 *   with a warning;
 * - anything else is an error naming the line of the first byte that is not UTF-8.
 *
 * The "mostly not UTF-8" test matters because GB18030 accepts almost any byte pairs: a UTF-8
 * file with one damaged byte would otherwise "decode cleanly" into mojibake.
 */
import type { Diagnostic } from '../diagnostics';

export interface Decoded {
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

interface Utf8Scan {
  /** Byte offset of the first byte that does not start or continue a valid sequence, or -1. */
  readonly firstBad: number;
  readonly badBytes: number;
  readonly multiByte: number;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629 §4, no overlongs or surrogates). */
const sequenceLength = (bytes: Uint8Array, i: number): number => {
  const b = bytes[i] as number;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const c = bytes[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
};

const scanUtf8 = (bytes: Uint8Array): Utf8Scan => {
  let firstBad = -1;
  let badBytes = 0;
  let multiByte = 0;
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      if (firstBad < 0) firstBad = i;
      badBytes++;
      i++;
    } else {
      if (length > 1) multiByte++;
      i += length;
    }
  }
  return { firstBad, badBytes, multiByte };
};

const lineAt = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

const hexByte = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

export function decodeManuscript(bytes: Uint8Array, file: string): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      diagnostics: [{
        severity: 'error', code: 'manuscript-encoding', source: { file, line: 1 },
        message: 'the manuscript is saved as UTF-16, which Newsprint does not read',
        hint: 'save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)',
      }],
    };
  }
  const scan = scanUtf8(bytes);
  if (scan.firstBad < 0) return { text: new TextDecoder('utf-8').decode(bytes), diagnostics: [] };

  if (scan.multiByte < scan.badBytes) {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      return {
        text,
        diagnostics: [{
          severity: 'warning', code: 'manuscript-encoding', source: { file },
          message: 'the manuscript is not UTF-8; it was read as GB18030 (GBK), which decodes it without an error',
          hint: 'check a few lines of the pages read right, and save the manuscript as UTF-8 to silence this',
        }],
      };
    } catch {
      // Neither encoding fits: fall through to the error at the first bad byte.
    }
  }
  const line = lineAt(bytes, scan.firstBad);
  return {
    diagnostics: [{
      severity: 'error', code: 'manuscript-encoding', source: { file, line },
      message: `the manuscript is neither UTF-8 nor GB18030: byte ${hexByte(bytes[scan.firstBad] as number)} at byte offset ${scan.firstBad} is not valid UTF-8`,
      hint: 'open the file in an editor, fix or retype that line, and save it as UTF-8',
    }],
  };
}
