/** Internal data of one paragraph between segmentation, breaking and justification (all in pt). */
import type { PunctKind } from './classes';

export interface Piece {
  readonly id: number;
  readonly text: string;
  /** Glyph origin relative to the unit's natural origin (before blank trimming). */
  readonly dx: number;
  readonly advance: number;
  readonly yOffset: number;
  readonly font: string;
  readonly size: number;
  readonly color?: string;
}

export type UnitKind = 'ideo' | 'latin' | 'punct' | 'other';

/** An unbreakable atom: a CJK character, a Western word/number/URL piece, a 2-em dash pair … */
export interface Unit {
  kind: UnitKind;
  punct?: PunctKind;
  /** String offsets into the paragraph text. */
  start: number;
  end: number;
  /** Glyphs (shared with the shaping cache: never mutate). */
  pieces: readonly Piece[];
  /** Body size of the unit (its em). */
  em: number;
  /** Ink core width; box width = core + lb + rb. */
  core: number;
  /** Natural blank on each side of a full-width mark (the glyph's empty half). */
  lbNat: number;
  rbNat: number;
  /** Blanks in effect mid-line after style and adjacent-mark compression. */
  lb: number;
  rb: number;
  startProhibited: boolean;
  endProhibited: boolean;
  /** Content characters (letters, digits, ideographs) for the 孤字 rule. */
  content: number;
  /** Connectors and solidus: no inter-character expansion next to them. */
  rigid: boolean;
}

/** What sits between unit j−1 and unit j (junction 0 is before the first unit, n after the last). */
export interface Junction {
  /** Space / newline glyphs found in the text here, in order. */
  spaces: Piece[];
  /** Natural glue of the spaces (0 for newlines), with shrink and comfortable stretch. */
  space: number;
  spaceShrink: number;
  spaceStretch: number;
  /** CJK–Latin gap (0 if none or if source spaces are present). */
  gap: number;
  gapShrink: number;
  gapStretch: number;
  /** A line may break here. */
  allow: boolean;
  /** A line must break here. */
  forced: boolean;
  /** Extra demerits for breaking here (splitting an over-wide word or URL). */
  penalty: number;
  /** Takes part in the final, equal inter-character expansion. */
  justifiable: boolean;
}

export const boxWidth = (u: Unit): number => u.core + u.lb + u.rb;

/** Blank a justified line may still squeeze out of a mark mid-line (full-width marks only). */
export const unitShrink = (u: Unit): number => (u.punct === undefined ? 0 : u.lb + u.rb);
