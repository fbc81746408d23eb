/**
 * Sets one line: trims marks at the line edges (GB §5.1.10), compresses or expands to the measure
 * in clreq's priority order (reference §2 R2.4, §3 R3.1) and produces glyph origins.
 *   compress: word spaces → CJK–Latin gaps → blanks of marks still wider than ½ em
 *   expand:   word spaces → CJK–Latin gaps (up to ½ em) → every justifiable gap equally
 */
import type { Junction, Piece, Unit } from './model';
import type { LineAlign } from './types';

export interface PlacedGlyph {
  readonly piece: Piece;
  readonly x: number;
  readonly drawn: number;
}

export interface SetLineParams {
  readonly units: readonly Unit[];
  readonly junctions: readonly Junction[];
  readonly from: number;
  readonly to: number;
  /** x where the line's content may start (the indent on a first line). */
  readonly offset: number;
  readonly avail: number;
  /** Justify this line (a non-final line of a justified paragraph). */
  readonly justify: boolean;
  /** Alignment when not justified. */
  readonly align: LineAlign;
  readonly trimOpening: boolean;
}

export interface SetLine {
  readonly glyphs: PlacedGlyph[];
  readonly start: number;
  readonly end: number;
  /** Set when the line could not be made to fit its measure exactly. */
  readonly problem?: 'overfull' | 'underfull';
}

const EPS = 1e-6;
/** Letter-spacing allowed on a line made only of a broken URL or word, in em per gap. */
export const MAX_LETTER_SPACING = 0.15;

/** Takes `amount` out of (or adds it to) items proportionally to their caps; returns what was used. */
function spread(amount: number, caps: Float64Array, target: Float64Array, sign: 1 | -1): number {
  let total = 0;
  for (const c of caps) total += c;
  if (total <= EPS || amount <= EPS) return 0;
  const used = Math.min(amount, total);
  for (let i = 0; i < caps.length; i++) target[i]! += sign * caps[i]! * (used / total);
  return used;
}

export function setLine(p: SetLineParams): SetLine {
  const { units, junctions, from, to } = p;
  const count = to - from;
  const lb = new Float64Array(count), rb = new Float64Array(count);
  for (let i = 0; i < count; i++) { lb[i] = units[from + i]!.lb; rb[i] = units[from + i]!.rb; }
  rb[count - 1] = 0; // any mark at line end takes ½ em
  // clreq: an opening bracket at a line start may lose its blank half; by default it keeps it, so
  // the column's left edge stays visible and the mark's ink starts ½ em in.
  if (units[from]!.punct === 'open') lb[0] = p.trimOpening ? 0 : units[from]!.lbNat;
  // glue of interior junctions from+1 … to−1, index i ↔ junction from+1+i
  const gaps = Math.max(0, count - 1);
  const space = new Float64Array(gaps), gap = new Float64Array(gaps), extra = new Float64Array(gaps);
  let width = 0;
  for (let i = 0; i < count; i++) width += units[from + i]!.core + lb[i]! + rb[i]!;
  for (let i = 0; i < gaps; i++) {
    const jn = junctions[from + 1 + i]!;
    space[i] = jn.space;
    gap[i] = jn.gap;
    width += jn.space + jn.gap;
  }
  let need = p.avail - width;
  let problem: SetLine['problem'];

  if (need < -EPS) {
    let rest = -need;
    const caps = new Float64Array(gaps);
    for (let i = 0; i < gaps; i++) caps[i] = junctions[from + 1 + i]!.spaceShrink;
    rest -= spread(rest, caps, space, -1);
    for (let i = 0; i < gaps; i++) caps[i] = junctions[from + 1 + i]!.gapShrink;
    rest -= spread(rest, caps, gap, -1);
    // Squeeze the marks' blanks; the blank half of an opening mark at the line start goes last,
    // so the column's left edge stays clean unless nothing else can give.
    const startBlank = units[from]!.punct === 'open' ? lb[0]! : 0;
    lb[0]! -= startBlank;
    let blanks = 0;
    for (let i = 0; i < count; i++) if (units[from + i]!.punct !== undefined) blanks += lb[i]! + rb[i]!;
    if (rest > EPS && blanks > EPS) {
      const keep = 1 - Math.min(rest, blanks) / blanks;
      for (let i = 0; i < count; i++) if (units[from + i]!.punct !== undefined) { lb[i]! *= keep; rb[i]! *= keep; }
      rest -= Math.min(rest, blanks);
    }
    const fromStart = Math.min(rest, startBlank);
    lb[0]! += startBlank - fromStart;
    rest -= fromStart;
    if (rest > 1e-3) problem = 'overfull';
    need = -rest;
  } else if (need > EPS && p.justify) {
    let rest = need;
    const caps = new Float64Array(gaps);
    for (let i = 0; i < gaps; i++) { const jn = junctions[from + 1 + i]!; caps[i] = jn.space > 0 ? jn.spaceStretch : 0; }
    rest -= spread(rest, caps, space, 1);
    for (let i = 0; i < gaps; i++) caps[i] = junctions[from + 1 + i]!.gapStretch;
    rest -= spread(rest, caps, gap, 1);
    if (rest > EPS) {
      let targets = 0;
      for (let i = 0; i < gaps; i++) { caps[i] = junctions[from + 1 + i]!.justifiable ? 1 : 0; targets += caps[i]!; }
      if (targets === 0) for (let i = 0; i < gaps; i++) { caps[i] = junctions[from + 1 + i]!.space > 0 ? 1 : 0; targets += caps[i]!; }
      if (targets > 0) {
        for (let i = 0; i < gaps; i++) extra[i] = (rest * caps[i]!) / targets;
        rest = 0;
      } else problem = 'underfull';
    }
    need = rest;
  }
  // A line that is only a piece of a broken URL or word has no gap to widen: as a last resort it
  // is letter-spaced, at most MAX_LETTER_SPACING em per gap, rather than left ragged.
  let letterSpacing = 0;
  if (problem === 'underfull') {
    let pieces = 0;
    for (let i = 0; i < count; i++) pieces += units[from + i]!.pieces.length;
    const em = units[from]!.em;
    if (pieces > 1 && need / (pieces - 1) <= MAX_LETTER_SPACING * em) {
      letterSpacing = need / (pieces - 1);
      need = 0;
      problem = undefined;
    }
  }

  let x = p.offset;
  if (need > EPS && !(p.justify && problem === undefined)) {
    if (p.align === 'center') x += need / 2;
    else if (p.align === 'end') x += need;
  }
  const glyphs: PlacedGlyph[] = [];
  const zeroWidth = (pieces: readonly Piece[]): void => { for (const s of pieces) glyphs.push({ piece: s, x, drawn: 0 }); };
  if (from === 0) zeroWidth(junctions[0]!.spaces);
  const start = x;
  for (let i = 0; i < count; i++) {
    const u = units[from + i]!;
    const box = u.core + lb[i]! + rb[i]!;
    const shift = -(u.lbNat - lb[i]!);
    const single = u.pieces.length === 1;
    u.pieces.forEach((piece, k) => glyphs.push({ piece, x: x + piece.dx + shift + k * letterSpacing, drawn: single ? box : piece.advance }));
    x += box + (i < count - 1 ? u.pieces.length : u.pieces.length - 1) * letterSpacing;
    if (i < gaps) {
      const jn = junctions[from + 1 + i]!;
      const glue = space[i]! + gap[i]! + extra[i]!;
      let visible = 0;
      for (const s of jn.spaces) if (s.advance > 0) visible++;
      let sx = x;
      for (const s of jn.spaces) {
        const w = s.advance > 0 ? (space[i]! + extra[i]!) / visible : 0;
        glyphs.push({ piece: s, x: sx, drawn: w });
        sx += w;
      }
      x += glue;
    }
  }
  const end = x;
  zeroWidth(junctions[to]!.spaces);
  return { glyphs, start, end, ...(problem ? { problem } : {}) };
}
