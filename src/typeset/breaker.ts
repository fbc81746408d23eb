/**
 * Total-fit line breaking (Knuth–Plass style dynamic programme over the junctions where a line may
 * end). Kinsoku-forbidden junctions are never candidates; each line costs by how much it must
 * stretch or shrink; the last line must hold enough content characters (孤字, clreq
 * #adjustments_of_orphans_and_widows), which the programme achieves by re-breaking earlier lines.
 *
 * Cost of a line with natural width W, shrink Z, comfortable stretch Y and available width M:
 *   justified, W ≤ M:  400·r²  (+ 10⁴·(r−1)² beyond r = 1), r = (M−W)/Y, Y = ½ em per justifiable gap
 *                      + CJK–Latin gap and word-space allowances; a line with no stretch (pieces of a
 *                      broken URL or word) is letter-spaced: 400·r², r over the letter-spacing cap,
 *                      and beyond the cap → 10⁶ (ragged)
 *   justified, W > M:  2·r², r = (W−M)/Z; r > 1 impossible (squeezing punctuation is preferred to
 *                      pushing a character down: clreq 先挤进，后推出)
 *   last line (and a line ending at a forced break): 0 if it fits at natural width, else as shrink
 *   ragged (start/center/end) lines: 1000·((M−W)/M)²
 * plus 1 per line and the junction's penalty (over-wide word/URL splits). 孤字 on the last line adds
 * 10⁸; an unavoidable overfull line costs 10¹⁰.
 */
import { MAX_LETTER_SPACING } from './justify';
import type { Junction, Unit } from './model';
import { boxWidth, unitShrink } from './model';

export interface BreakParams {
  readonly units: readonly Unit[];
  readonly junctions: readonly Junction[];
  /** Available width of line i (the first line's indent already subtracted). */
  readonly avail: (line: number) => number;
  /**
   * avail(i) is the same for every i ≥ uniformFrom (1 for a plain column): states on those lines
   * collapse, so a paragraph running past a photo costs little more than one in a plain column.
   */
  readonly uniformFrom: number;
  readonly justify: boolean;
  readonly trimOpening: boolean;
  readonly minLastLineChars: number;
}

export interface Breaks {
  /** Junction indices where lines start, then units.length: lines are [b[i], b[i+1]). */
  readonly starts: readonly number[];
  readonly widow: boolean;
}

interface Node { readonly cost: number; readonly j: number; readonly line: number; readonly prev: Node | undefined }

const WIDOW = 1e8;
const OVERFULL = 1e10;

export function breakLines(p: BreakParams): Breaks {
  const { units, junctions } = p;
  const n = units.length;
  if (n === 0) return { starts: [0, 0], widow: false };
  // prefix sums: units [0, i) and junctions [1, i) (junction 0 is a line edge)
  const UW = new Float64Array(n + 1), US = new Float64Array(n + 1), UC = new Float64Array(n + 1);
  // glyph pieces [0, i): a line with no gap to widen is letter-spaced between them (justify.ts)
  const UP = new Float64Array(n + 1);
  const JW = new Float64Array(n + 1), JS = new Float64Array(n + 1), JY = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    UW[i + 1] = UW[i]! + boxWidth(u);
    US[i + 1] = US[i]! + unitShrink(u);
    UC[i + 1] = UC[i]! + u.content;
    UP[i + 1] = UP[i]! + u.pieces.length;
    const jn = junctions[i]!;
    const inner = i > 0;
    const em = inner ? Math.max(u.em, units[i - 1]!.em) : 0;
    JW[i + 1] = JW[i]! + (inner ? jn.space + jn.gap : 0);
    JS[i + 1] = JS[i]! + (inner ? jn.spaceShrink + jn.gapShrink : 0);
    JY[i + 1] = JY[i]! + (inner ? jn.spaceStretch + jn.gapStretch + (jn.justifiable ? em / 2 : 0) : 0);
  }
  const totalContent = UC[n]!;

  const levels: Map<number, Node>[] = Array.from({ length: n + 1 }, () => new Map());
  levels[0]!.set(0, { cost: 0, j: 0, line: 0, prev: undefined });
  const keyOf = (line: number): number => Math.min(line, Math.max(1, p.uniformFrom));

  for (let j = 0; j < n; j++) {
    for (const node of levels[j]!.values()) {
      const avail = p.avail(node.line);
      const first = units[j]!;
      // An opening mark at a line start keeps its blank half (full width) unless trimming is asked for.
      const startTrim = first.punct === 'open' ? (p.trimOpening ? first.lb : first.lb - first.lbNat) : 0;
      // The restored blank is not there to be squeezed (justify gives it up only as a last resort).
      const startShrink = first.punct === 'open' && p.trimOpening ? first.lb : 0;
      let candidates = 0;
      for (let t = j + 1; t <= n; t++) {
        const last = units[t - 1]!;
        const natural = UW[t]! - UW[j]! + JW[t]! - JW[j + 1]! - startTrim - last.rb;
        const shrink = US[t]! - US[j]! + JS[t]! - JS[j + 1]! - startShrink - last.rb;
        const jt = junctions[t]!;
        const isEnd = t === n;
        if (isEnd || jt.allow) {
          const finalLike = isEnd || jt.forced;
          const letters = Math.max(0, UP[t]! - UP[j]! - 1) * MAX_LETTER_SPACING * first.em;
          let cost = lineCost(avail - natural, shrink, JY[t]! - JY[j + 1]!, avail, finalLike, p.justify, letters);
          if (cost === Infinity) {
            if (candidates > 0) break;
            cost = OVERFULL;
          }
          if (isEnd && j > 0 && UC[n]! - UC[j]! < p.minLastLineChars && totalContent >= p.minLastLineChars) cost += WIDOW;
          candidates++;
          const total = node.cost + 1 + cost + (isEnd ? 0 : jt.penalty);
          const key = keyOf(node.line + 1);
          const seen = levels[t]!.get(key);
          if (!seen || total < seen.cost) levels[t]!.set(key, { cost: total, j: t, line: node.line + 1, prev: node });
        }
        if (!isEnd && jt.forced) break;
        if (candidates > 0 && natural - shrink > avail + last.em) break;
      }
    }
  }
  let best: Node | undefined;
  for (const node of levels[n]!.values()) if (!best || node.cost < best.cost) best = node;
  const starts: number[] = [];
  for (let node = best; node; node = node.prev) starts.push(node.j);
  starts.reverse();
  const lastStart = starts[starts.length - 2] ?? 0;
  const widow = lastStart > 0 && UC[n]! - UC[lastStart]! < p.minLastLineChars && totalContent >= p.minLastLineChars;
  return { starts, widow };
}

/** Cost of one line; Infinity if it cannot be squeezed into its measure. */
export function lineCost(need: number, shrink: number, stretch: number, avail: number, finalLike: boolean, justify: boolean, letterSpacing = 0): number {
  const eps = 1e-6;
  if (need < -eps) {
    if (-need > shrink + eps) return Infinity;
    const r = -need / Math.max(shrink, eps);
    return 2 * r * r;
  }
  if (finalLike) return 0;
  if (!justify) return 1000 * (need / Math.max(avail, eps)) ** 2;
  if (need <= 1e-3) return 0;
  if (stretch <= eps) {
    // only a broken URL or word: letter-spaced up to its cap, else left ragged
    if (need > letterSpacing + 1e-3) return 1e6;
    const r = need / letterSpacing;
    return 400 * r * r;
  }
  const r = need / stretch;
  return 400 * r * r + (r > 1 ? 1e4 * (r - 1) ** 2 : 0);
}
