/** A synthetic font world with exact metrics: CJK 1000 units, Western 500, space 250 (1000/em). */
import { isCjkChar } from '../../src/typeset/classes';
import { typesetParagraph } from '../../src/typeset';
import type { FontFace, FontResolver, LineBox, ParagraphInput, ShapedGlyph, TypesetOptions, TypesetResult } from '../../src/typeset/types';
import { pt } from '../../src/units';

export class SyntheticFace implements FontFace {
  readonly unitsPerEm = 1000;
  readonly postscriptName: string;
  constructor(readonly key: string, private readonly covers: (cp: number) => boolean) { this.postscriptName = `Syn-${key}`; }
  hasCodePoint(cp: number): boolean { return this.covers(cp); }
  shape(text: string, _features: readonly string[]): readonly ShapedGlyph[] {
    return [...text].map((ch) => {
      const cp = ch.codePointAt(0)!;
      const advance = cp === 0x20 ? 250 : isCjkChar(cp) ? 1000 : 500;
      return { id: cp, codePoints: [cp], advance, xOffset: 0, yOffset: 0 };
    });
  }
}

/** Code points no face has. */
export const MISSING = 0xe000;
/** A character only the fallback face has. */
export const FALLBACK_ONLY = '𠀀';

export const synthetic: FontResolver = (() => {
  const main = new SyntheticFace('body', (cp) => cp !== MISSING && cp !== FALLBACK_ONLY.codePointAt(0));
  const fb = new SyntheticFace('fallback', (cp) => cp !== MISSING);
  return {
    face: (key: string) => (key === 'fallback' ? fb : main),
    faceFor: (key: string, cp: number) => [key === 'fallback' ? fb : main, fb].find((f) => f.hasCodePoint(cp)),
  };
})();

/** Em = 10 pt, so widths are round numbers. */
export const EM = 10;

export function set(text: string, widthEm: number | ((i: number) => number), opts: Partial<TypesetOptions> = {}, extra: Partial<ParagraphInput> = {}): TypesetResult {
  const width = typeof widthEm === 'number' ? () => widthEm * EM : (i: number) => widthEm(i) * EM;
  return typesetParagraph({
    spans: [{ text, style: { font: 'body', size: pt(EM) } }],
    firstLineIndent: pt(0), align: 'justify', lastLineAlign: 'start', source: { file: 'test.txt', line: 3 }, ...extra,
  }, (i) => pt(width(i)), synthetic, opts);
}

export interface Flat { text: string; x: number; advance: number }
export const glyphsOf = (line: LineBox): Flat[] => line.runs.flatMap((r) => r.glyphs.map((g) => ({ text: g.text, x: g.x, advance: g.advance })));

/** Effective advance of each glyph: distance to the next glyph's origin (last: to line end). */
export function effective(line: LineBox): { text: string; w: number }[] {
  const gs = glyphsOf(line).filter((g) => g.text !== ' ' || g.advance > 0);
  return gs.map((g, i) => ({ text: g.text, w: (i + 1 < gs.length ? gs[i + 1]!.x : line.end) - g.x }));
}

export const lineTexts = (r: TypesetResult): string[] => r.lines.map((l) => l.text);
