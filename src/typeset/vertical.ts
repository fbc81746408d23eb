/**
 * Vertical (竖排) display text: one character per em, top to bottom, with the fonts' `vert`
 * forms (rotated brackets and quotes, 。，in the upper right; GB/T 15834-2011 §5.2, clreq
 * #table_of_punctuation_marks). fontkit has no vertical metrics, so every character takes
 * 1 em and narrower glyphs (digits, Latin) are centred upright in it.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import { pt } from '../units';
import type { CharStyle, FontResolver, LineBox } from './types';

export interface VerticalResult {
  /** One box per character, top to bottom; each box's measure is 1 em. */
  readonly cells: readonly LineBox[];
  readonly diagnostics: readonly Diagnostic[];
}

export function typesetVertical(text: string, style: CharStyle, fonts: FontResolver, source?: SourceRef): VerticalResult {
  const diagnostics: Diagnostic[] = [];
  const size = style.size;
  const cells = [...text].map((char, i, all): LineBox => {
    const codePoint = char.codePointAt(0) ?? 0;
    const face = fonts.faceFor(style.font, codePoint) ?? fonts.face(style.font);
    if (!fonts.faceFor(style.font, codePoint) && !/\s/u.test(char)) {
      diagnostics.push({
        severity: 'error', code: 'missing-glyph', ...(source ? { source } : {}),
        message: `no font has U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} "${char}"`,
        hint: 'replace the character or add a font that has it to fonts/fonts.json',
      });
    }
    const glyph = face.shape(char, ['vert'])[0];
    const advance = ((glyph?.advance ?? face.unitsPerEm) * size) / face.unitsPerEm;
    const x = pt(Math.max(0, (size - advance) / 2));
    return {
      runs: [{ font: face.key, size, ...(style.color ? { color: style.color } : {}), glyphs: [{ id: glyph?.id ?? 0, text: char, x, advance: pt(advance), yOffset: pt(0) }] }],
      measure: size, start: x, end: pt(x + advance), size,
      isFirst: i === 0, isLast: i === all.length - 1, text: char,
    };
  });
  return { cells, diagnostics };
}
