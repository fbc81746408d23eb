/**
 * Glyph widths: shaping a cluster into pieces (pt) and the punctuation width model 标点挤压
 * (reference/cjk-typesetting.md §2; clreq #punctuation_width_adjustment; GB/T 15834-2011 §5.1.10).
 * Positions are produced here, never by the fonts' halt/palt features (pdfkit xOffset bug).
 */
import type { PunctKind } from './classes';
import type { Piece, Unit } from './model';
import type { FontFace, PunctuationStyle } from './types';

export interface RunStyle {
  readonly font: string;
  readonly size: number;
  readonly color?: string;
}

const shapeCache = new WeakMap<FontFace, Map<string, { pieces: readonly Piece[]; width: number }>>();

/**
 * Shapes `text` with one face; pieces are laid end to end from 0. Cached per face, style and text;
 * the returned pieces are shared and must not be mutated.
 */
export function shapePieces(face: FontFace, text: string, style: RunStyle, features: readonly string[] = []): { pieces: readonly Piece[]; width: number } {
  let perFace = shapeCache.get(face);
  if (!perFace) shapeCache.set(face, (perFace = new Map()));
  const key = `${style.size}\u0000${style.color ?? ''}\u0000${features.join(',')}\u0000${text}`;
  let hit = perFace.get(key);
  if (!hit) perFace.set(key, (hit = shapeUncached(face, text, style, features)));
  return hit;
}

/**
 * Fills the cache for many single ideographs with one shaping call (fontkit's per-call overhead
 * dominates a cold run). Ideographs shape alone exactly as in a run: no kerning or contextual forms;
 * the batch is used only if every glyph maps back to exactly its own character.
 */
export function preshapeIdeographs(face: FontFace, chars: readonly string[], style: RunStyle): void {
  let perFace = shapeCache.get(face);
  if (!perFace) shapeCache.set(face, (perFace = new Map()));
  const prefix = `${style.size}\u0000${style.color ?? ''}\u0000\u0000`;
  const todo = [...new Set(chars)].filter((c) => !perFace.has(prefix + c));
  if (todo.length < 8) return;
  const shaped = face.shape(todo.join(''), []);
  if (shaped.length !== todo.length) return;
  const scale = style.size / face.unitsPerEm;
  for (let i = 0; i < todo.length; i++) {
    const g = shaped[i]!;
    if (g.codePoints.length !== 1 || g.codePoints[0] !== todo[i]!.codePointAt(0) || g.xOffset !== 0 || g.yOffset !== 0) return;
  }
  todo.forEach((c, i) => {
    const g = shaped[i]!;
    const piece: Piece = { id: g.id, text: c, dx: 0, advance: g.advance * scale, yOffset: 0, font: face.key, size: style.size, ...(style.color === undefined ? {} : { color: style.color }) };
    perFace.set(prefix + c, { pieces: [piece], width: piece.advance });
  });
}

function shapeUncached(face: FontFace, text: string, style: RunStyle, features: readonly string[]): { pieces: Piece[]; width: number } {
  const shaped = face.shape(text, features);
  const scale = style.size / face.unitsPerEm;
  const pieces: Piece[] = [];
  let x = 0;
  let mapped = '';
  for (const g of shaped) {
    const t = String.fromCodePoint(...g.codePoints);
    mapped += t;
    pieces.push({ id: g.id, text: t, dx: x + g.xOffset * scale, advance: g.advance * scale, yOffset: g.yOffset * scale, font: face.key, size: style.size, ...(style.color === undefined ? {} : { color: style.color }) });
    x += g.advance * scale;
  }
  if (mapped !== text) {
    // The font reordered or dropped code points: keep the text layer exact, all on the first glyph.
    pieces.forEach((p, i) => { (pieces[i] as { text: string }).text = i === 0 ? text : ''; });
    if (pieces.length === 0) pieces.push({ id: 0, text, dx: 0, advance: 0, yOffset: 0, font: face.key, size: style.size });
  }
  return { pieces, width: x };
}

export const isFullWidth = (advance: number, em: number): boolean => Math.abs(advance - em) < 0.05 * em;

/** Where the glyph of a mark keeps its ink inside the em box in SC fonts (reference §0.1). */
export const inkSide = (kind: PunctKind | undefined): 'left' | 'right' | 'center' | 'none' => {
  switch (kind) {
    case 'pause-full': case 'pause-half': case 'close': return 'left';
    case 'open': return 'right';
    case 'middle': return 'center';
    default: return 'none';
  }
};

/**
 * Sets core and blanks of a punctuation unit from its natural glyph. A full-width mark with its ink
 * in one half has core ½ em and a ½-em blank on the other side; 开明式 keeps that blank mid-line only
 * for sentence-end marks 。？！, 全身式 keeps it for all (reference §2.1). Marks drawn proportionally
 * by the face (e.g. a Latin-style quote in a kai face) keep their natural advance, no blanks.
 */
export function applyPunctWidths(unit: Unit, naturalWidth: number, style: PunctuationStyle): void {
  const em = unit.em;
  const side = inkSide(unit.punct);
  unit.core = naturalWidth;
  unit.lbNat = unit.rbNat = unit.lb = unit.rb = 0;
  if (side === 'center') {
    // 间隔号: ½ em box, ink centred (a 1 em glyph loses ¼ em each side).
    const shift = (em / 2 - naturalWidth) / 2;
    unit.pieces = unit.pieces.map((p) => ({ ...p, dx: p.dx + shift }));
    unit.core = em / 2;
    return;
  }
  if (unit.punct === 'long') {
    centreInSlots(unit, unit.pieces.length === 1 && naturalWidth > 1.5 * em ? 2 : unit.pieces.length);
    return;
  }
  if ((side !== 'left' && side !== 'right') || !isFullWidth(naturalWidth, em)) return;
  unit.core = em / 2;
  const keep = style === 'quanshen' || unit.punct === 'pause-full';
  if (side === 'left') { unit.rbNat = em / 2; unit.rb = keep ? em / 2 : 0; }
  else { unit.lbNat = em / 2; unit.lb = keep ? em / 2 : 0; }
}

/** A 2-em mark: each glyph centred in a 1-em slot (or one 2-em glyph centred in 2 em). */
function centreInSlots(unit: Unit, slots: number): void {
  const em = unit.em;
  if (unit.pieces.length === 1) {
    const p = unit.pieces[0]!;
    const box = slots * em;
    unit.pieces = [{ ...p, dx: (box - p.advance) / 2 }];
    unit.core = box;
    return;
  }
  unit.pieces = unit.pieces.map((p, i) => ({ ...p, dx: i * em + (em - p.advance) / 2 }));
  unit.core = unit.pieces.length * em;
}

/**
 * Adjacent marks (clreq #h-adjustment_of_adjacent_punctuation_marks, GB §5.1.2): two marks that
 * are both 1 em wide take 1.5 em; the blank between them goes (the first mark's right blank, else
 * the second's left blank) so brackets stay on the text they enclose. 开明式 pairs such as 。” are
 * already 1.5 em and stay so.
 */
export function compressAdjacent(a: Unit, b: Unit): void {
  if (a.punct === undefined || b.punct === undefined) return;
  const full = (u: Unit) => u.lbNat + u.rbNat > 0 && Math.abs(u.core + u.lb + u.rb - u.em) < 1e-6;
  if (!full(a) || !full(b)) return;
  if (a.rb > 0) a.rb = 0;
  else if (b.lb > 0) b.lb = 0;
}
