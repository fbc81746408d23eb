/**
 * Segmentation into unbreakable units and the junctions between them (reference §1 R1.3, R1.4;
 * §4 R4.1). Each CJK character is a unit; a Western word/number/URL (with its separators and
 * %-sign) is one unit; —— and …… pairs are one 2-em unit. Spaces and newlines live in junctions.
 */
import type { Diagnostic } from '../diagnostics';
import {
  NEWLINES, NO_BREAK_SPACES, PAIRING_LONG, SPACES, countContent, endProhibited, isAttaching, isCjkChar,
  isIdeograph, punctKind, startProhibited,
} from './classes';
import type { Junction, Piece, Unit } from './model';
import type { CharStyle, FontFace, FontResolver, ParagraphInput, TypesetOptions } from './types';
import { applyPunctWidths, compressAdjacent, preshapeIdeographs, shapePieces, type RunStyle } from './widths';

export interface Segmented {
  readonly text: string;
  readonly units: Unit[];
  /** junctions[j] sits before units[j]; length units.length + 1. */
  readonly junctions: Junction[];
}

interface Cluster {
  readonly text: string;
  readonly cp: number;
  readonly offset: number;
  readonly span: number;
  readonly style: CharStyle;
}

const IDEOGRAPHIC_SPACE = 0x3000;

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const faceCache = new WeakMap<FontResolver, Map<string, Map<number, FontFace | undefined>>>();

/** fonts.faceFor, memoised per resolver, role and code point (fonts do not change while loaded). */
function cachedFaceFor(fonts: FontResolver, key: string, cp: number): FontFace | undefined {
  let perResolver = faceCache.get(fonts);
  if (!perResolver) faceCache.set(fonts, (perResolver = new Map()));
  let perRole = perResolver.get(key);
  if (!perRole) perResolver.set(key, (perRole = new Map()));
  if (perRole.has(cp)) return perRole.get(cp);
  const face = fonts.faceFor(key, cp);
  perRole.set(cp, face);
  return face;
}

export const newJunction = (): Junction => ({
  spaces: [], space: 0, spaceShrink: 0, spaceStretch: 0, gap: 0, gapShrink: 0, gapStretch: 0,
  allow: false, forced: false, penalty: 0, justifiable: false,
});

function clusters(input: ParagraphInput): Cluster[] {
  const out: Cluster[] = [];
  let offset = 0;
  input.spans.forEach((span, si) => {
    const chars = [...span.text];
    let i = 0;
    while (i < chars.length) {
      let text = chars[i]!;
      const cp = text.codePointAt(0)!;
      let j = i + 1;
      // \r\n is one newline; combining marks and selectors stay with their base.
      if (cp === 0x0d && chars[j] === '\n') j++;
      while (j < chars.length && isAttaching(chars[j]!.codePointAt(0)!) && !NEWLINES.has(cp) && !SPACES.has(cp)) j++;
      text = chars.slice(i, j).join('');
      out.push({ text, cp, offset, span: si, style: span.style });
      offset += text.length;
      i = j;
    }
  });
  return out;
}

export function segment(input: ParagraphInput, fonts: FontResolver, options: TypesetOptions, diagnostics: Diagnostic[]): Segmented {
  const cl = clusters(input);
  const text = input.spans.map((s) => s.text).join('');
  const units: Unit[] = [];
  const junctions: Junction[] = [newJunction()];
  const missing = new Map<number, number>();
  const level = options.kinsoku;

  const faceOf = (c: Cluster): { face: FontFace; missing: boolean } => {
    // A style may take its CJK punctuation from another face (a 楷体 whose marks are Latin-width).
    const role = c.style.punctuationFont && punctKind(c.cp) !== undefined ? c.style.punctuationFont : c.style.font;
    const face = cachedFaceFor(fonts, role, c.cp) ?? cachedFaceFor(fonts, c.style.font, c.cp);
    if (face) return { face, missing: false };
    missing.set(c.cp, (missing.get(c.cp) ?? 0) + 1);
    return { face: fonts.face(c.style.font), missing: true };
  };
  const runStyle = (s: CharStyle): RunStyle => ({ font: s.font, size: s.size, ...(s.color === undefined ? {} : { color: s.color }) });
  const here = (): Junction => junctions[junctions.length - 1]!;
  const push = (u: Unit): void => { units.push(u); junctions.push(newJunction()); };
  const blank = (kind: Unit['kind'], start: number, end: number, em: number): Unit => ({
    kind, start, end, pieces: [], em, core: 0, lbNat: 0, rbNat: 0, lb: 0, rb: 0,
    startProhibited: false, endProhibited: false, content: 0, rigid: false,
  });

  const shapeCluster = (c: Cluster, t: string, features: readonly string[], cjk: boolean): { pieces: readonly Piece[]; width: number } => {
    const { face, missing: miss } = faceOf(c);
    if (!miss) {
      const shaped = shapePieces(face, t, runStyle(c.style), features);
      if (t.length === c.text.length || shaped.pieces.length > 0) return shaped;
    }
    const w = cjk ? c.style.size : c.style.size / 2;
    return { pieces: [{ id: 0, text: t, dx: 0, advance: w, yOffset: 0, font: face.key, size: c.style.size, ...(c.style.color === undefined ? {} : { color: c.style.color }) }], width: w };
  };

  // Western chunk being collected (one unit per span and chunk).
  let latin: Cluster[] = [];
  const flushLatin = (): void => {
    if (latin.length === 0) return;
    const first = latin[0]!;
    const last = latin[latin.length - 1]!;
    const u = blank('latin', first.offset, last.offset + last.text.length, first.style.size);
    let x = 0;
    let i = 0;
    const pieces: Piece[] = [];
    while (i < latin.length) {
      // one shaping run per face (kerning inside a run)
      const { face, missing: miss } = faceOf(latin[i]!);
      let j = i + 1;
      while (j < latin.length && !miss && cachedFaceFor(fonts, latin[j]!.style.font, latin[j]!.cp) === face) j++;
      const runText = latin.slice(i, j).map((c) => c.text).join('');
      const shaped = miss ? shapeCluster(latin[i]!, runText, [], false) : shapePieces(face, runText, runStyle(first.style));
      for (const p of shaped.pieces) pieces.push(x === 0 ? p : { ...p, dx: p.dx + x });
      x += shaped.width;
      i = j;
    }
    u.pieces = pieces;
    u.core = x;
    u.content = countContent(latin.map((c) => c.text).join(''));
    u.startProhibited = startProhibited(first.cp, level);
    u.endProhibited = endProhibited(last.cp, level);
    push(u);
    latin = [];
  };

  // one shaping call per face and style for the paragraph's ideographs (cold-cache speed)
  const batches = new Map<string, { face: FontFace; style: RunStyle; chars: string[] }>();
  for (const c of cl) {
    if (c.text.length > 2 || !isIdeograph(c.cp)) continue;
    const face = cachedFaceFor(fonts, c.style.font, c.cp);
    if (!face) continue;
    const key = `${face.key}\u0000${c.style.size}\u0000${c.style.color ?? ''}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { face, style: runStyle(c.style), chars: [] }));
    if (String.fromCodePoint(c.cp) === c.text) batch.chars.push(c.text);
  }
  for (const b of batches.values()) preshapeIdeographs(b.face, b.chars, b.style);

  // An ideographic space between two runs of text (■甲　■乙, 上篇　回首) is a space of 1 em: a line
  // may break there and the space then goes, as a word space does, so no line starts 1 em in or
  // stops 1 em short. At the paragraph's edges it stays a character (a header's trailing blank).
  const blankAt = (k: number): boolean => NEWLINES.has(cl[k]!.cp) || SPACES.has(cl[k]!.cp) || cl[k]!.cp === IDEOGRAPHIC_SPACE;
  const firstText = cl.findIndex((_, k) => !blankAt(k));
  let lastText = -1;
  for (let k = cl.length - 1; k >= 0 && lastText < 0; k--) if (!blankAt(k)) lastText = k;
  for (let k = 0; k < cl.length; k++) {
    const c = cl[k]!;
    const ideographicSpace = c.cp === IDEOGRAPHIC_SPACE && k > firstText && k < lastText;
    if (NEWLINES.has(c.cp) || SPACES.has(c.cp) || ideographicSpace) {
      flushLatin();
      const j = here();
      const isNewline = NEWLINES.has(c.cp);
      const { face } = ideographicSpace ? faceOf(c) : faceOf({ ...c, cp: 0x20 });
      const shaped = shapePieces(face, ideographicSpace ? c.text : ' ', runStyle(c.style));
      const glyph = shaped.pieces[0];
      j.spaces.push({ id: glyph?.id ?? 0, text: c.text, dx: 0, advance: isNewline ? 0 : shaped.width, yOffset: 0, font: face.key, size: c.style.size, ...(c.style.color === undefined ? {} : { color: c.style.color }) });
      if (isNewline) j.forced = true;
      else if (NO_BREAK_SPACES.has(c.cp)) j.penalty = Infinity;
      continue;
    }
    if (!isCjkChar(c.cp)) {
      if (latin.length > 0 && latin[0]!.span !== c.span) flushLatin();
      latin.push(c);
      continue;
    }
    flushLatin();
    const kind = punctKind(c.cp);
    // —— / …… / ⋯⋯: one 2-em unit (GB §5.1.4–5.1.5)
    const next = cl[k + 1];
    const paired = kind !== undefined && PAIRING_LONG.has(c.cp) && next !== undefined && next.cp === c.cp && next.span === c.span;
    const t = paired ? c.text + next.text : c.text;
    const features = c.cp === 0x2014 ? ['fwid'] : [];
    const shaped = shapeCluster(c, t, features, true);
    const u = blank(kind === undefined ? (isIdeograph(c.cp) ? 'ideo' : 'other') : 'punct', c.offset, c.offset + t.length, c.style.size);
    u.pieces = shaped.pieces;
    u.core = shaped.width;
    u.content = kind === undefined ? countContent(t) : 0;
    if (paired || kind === 'long') {
      u.punct = 'long';
      u.startProhibited = level === 'strict';
    } else {
      if (kind !== undefined) u.punct = kind;
      u.startProhibited = startProhibited(c.cp, level);
      u.endProhibited = endProhibited(c.cp, level);
    }
    u.rigid = kind === 'connect' || kind === 'solidus';
    if (u.punct !== undefined) applyPunctWidths(u, shaped.width, options.punctuation);
    push(u);
    if (paired) k++;
  }
  flushLatin();

  for (const [cp, count] of missing) {
    diagnostics.push({
      severity: 'error', code: 'missing-glyph',
      message: `no font in the "${input.spans[0]?.style.font ?? '?'}" chain draws ${String.fromCodePoint(cp)} (${hex(cp)})${count > 1 ? `, ${count} times` : ''}`,
      ...(input.source ? { source: input.source } : {}),
      hint: 'replace the character in the manuscript or add a fallback font that has it',
    });
  }

  finishJunctions(units, junctions, options, input.forcedBreaks ?? []);
  return { text, units, junctions };
}

function finishJunctions(units: Unit[], junctions: Junction[], options: TypesetOptions, forced: readonly number[]): void {
  const n = units.length;
  for (let j = 1; j < n; j++) {
    const a = units[j - 1]!;
    const b = units[j]!;
    const jn = junctions[j]!;
    const em = Math.max(a.em, b.em);
    const hasSpace = jn.spaces.length > 0;
    if (!hasSpace) compressAdjacent(a, b);
    const spaceGlyphs = jn.spaces.filter((s) => s.advance > 0);
    jn.space = spaceGlyphs.reduce((s, p) => s + p.advance, 0);
    if (spaceGlyphs.length > 0) {
      jn.spaceShrink = jn.space * 0.25;
      // an ideographic space is already 1 em: it widens only by the equal share every
      // justifiable gap takes, not first as a word space does
      jn.spaceStretch = spaceGlyphs.every((g) => g.text === '\u3000') ? 0 : em / 2;
    }
    // The gap is for Western words and numbers (with their signs: 5%, C++); a run of symbols
    // alone, as in 屋场+“恳谈”, sits close like the Han text around it.
    const ideoLatin = (a.kind === 'ideo' && b.kind === 'latin' && b.content > 0) || (a.kind === 'latin' && a.content > 0 && b.kind === 'ideo');
    if (!hasSpace && ideoLatin) {
      const ideoEm = a.kind === 'ideo' ? a.em : b.em;
      jn.gap = options.cjkLatinGap * ideoEm;
      jn.gapShrink = Math.max(0, jn.gap - ideoEm / 8);
      jn.gapStretch = Math.max(0, ideoEm / 2 - jn.gap);
    }
    let allow = !b.startProhibited && !a.endProhibited;
    if (!hasSpace && a.kind === 'latin' && b.kind === 'latin') allow = false;
    if (!hasSpace && a.punct === 'long' && b.punct === 'long') allow = false;
    if (jn.penalty === Infinity) { allow = false; jn.penalty = 0; }
    jn.allow = allow || jn.forced;
    jn.justifiable = !a.rigid && !b.rigid && !jn.forced;
  }
  // author's forced breaks: at the first unit boundary at or after each offset
  for (const offset of forced) {
    let j = units.findIndex((u) => u.start >= offset);
    if (j <= 0) continue;
    const jn = junctions[j]!;
    jn.forced = jn.allow = true;
    jn.justifiable = false;
  }
  // a newline before the first or after the last unit is no line break of its own
  junctions[0]!.forced = false;
  junctions[n]!.forced = false;
}
