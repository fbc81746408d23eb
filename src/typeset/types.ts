/**
 * Contracts of the typesetting stage. It knows fonts and text, never PDF: it turns styled text
 * and a width per line into lines of glyphs at exact positions, which the layout stage places
 * and the render stage paints as given.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { Pt } from '../units';

/** One glyph as a font shapes it, in font units. */
export interface ShapedGlyph {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

/**
 * What typesetting needs of a font. Backed by fontkit in production (fonts.ts) and by synthetic
 * metrics in algorithm tests.
 */
export interface FontFace {
  /** Role key from fonts/fonts.json: "song", "hei-bold", "kai", … */
  readonly key: string;
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  hasCodePoint(codePoint: number): boolean;
  /** Shapes a run; `features` is always an array (fontkit mutates feature objects). */
  shape(text: string, features: readonly string[]): readonly ShapedGlyph[];
}

/** Finds the face that draws a character: the style's own face, then the fallback chain. */
export interface FontResolver {
  face(key: string): FontFace;
  /** The first face in key's fallback chain that has the code point, or undefined. */
  faceFor(key: string, codePoint: number): FontFace | undefined;
}

export type PunctuationStyle = 'kaiming' | 'quanshen';
export type KinsokuLevel = 'gb' | 'strict';

export interface TypesetOptions {
  /** 开明式 (default) or 全身式; reference/cjk-typesetting.md §2.1. */
  readonly punctuation: PunctuationStyle;
  readonly kinsoku: KinsokuLevel;
  /** Gap between CJK and Latin/digits, in em of the body size: ⅛ to ½, default ¼. */
  readonly cjkLatinGap: number;
  /** A paragraph's last line must hold at least this many content characters (孤字 rule). */
  readonly minLastLineChars: number;
  /** An opening bracket at a line start loses its blank half (clreq allows it; off by default). */
  readonly trimOpeningAtLineStart: boolean;
}

export const defaultTypesetOptions: TypesetOptions = {
  punctuation: 'kaiming',
  kinsoku: 'gb',
  cjkLatinGap: 0.25,
  minLastLineChars: 2,
  trimOpeningAtLineStart: false,
};

export interface CharStyle {
  /** Font role key; the resolver falls back along its chain for characters the face lacks. */
  readonly font: string;
  /** Font role for CJK punctuation, when the style's own face draws it badly (Latin-width marks). */
  readonly punctuationFont?: string;
  readonly size: Pt;
  /** Colour name from the template's palette; the typesetter only carries it through. */
  readonly color?: string;
}

export interface StyledText {
  readonly text: string;
  readonly style: CharStyle;
}

export type LineAlign = 'justify' | 'start' | 'center' | 'end';

export interface ParagraphInput {
  readonly spans: readonly StyledText[];
  /** First-line indent (usually 2 字 of the body size). */
  readonly firstLineIndent: Pt;
  /** Alignment of every line but the last. */
  readonly align: LineAlign;
  /** Alignment of the last line ('start' for body text: natural width, flush left). */
  readonly lastLineAlign: LineAlign;
  /** Where the text came from, for diagnostics (missing glyphs name it). */
  readonly source?: SourceRef;
  /** Allowed break points the author forced (e.g. a headline's manuscript line breaks), as string offsets. */
  readonly forcedBreaks?: readonly number[];
}

export interface PositionedGlyph {
  readonly id: number;
  /** The characters this glyph stands for (for the PDF text layer). */
  readonly text: string;
  /** Origin, from the line's start edge. */
  readonly x: Pt;
  /** Advance as drawn (after compression), for overlap checks and traces. */
  readonly advance: Pt;
  readonly yOffset: Pt;
}

/** Glyphs of one face, size and colour, in visual order. */
export interface GlyphRun {
  readonly font: string;
  readonly size: Pt;
  readonly color?: string;
  readonly glyphs: readonly PositionedGlyph[];
}

export interface LineBox {
  readonly runs: readonly GlyphRun[];
  /** The width the line was set to. */
  readonly measure: Pt;
  /** Where the line's ink starts and ends (from the line start), after justification. */
  readonly start: Pt;
  readonly end: Pt;
  /** Largest font size on the line; layout uses it for leading of display lines. */
  readonly size: Pt;
  readonly isFirst: boolean;
  readonly isLast: boolean;
  /** The line's text, for traces and tests. */
  readonly text: string;
}

export interface TypesetResult {
  readonly lines: readonly LineBox[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Width of line i of a paragraph (0-based); lets text run around photos and be re-set for copyfit. */
export type LineWidthAt = (lineIndex: number) => Pt;
