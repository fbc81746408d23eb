/**
 * Copyfit by plan: the first round evaluates every plan × head width × frame size at the
 * template's pitch; the best few are refined the way a desk works (larger photos, fillers, air,
 * leading for a short page; less air and a tighter leading for a long one; a foot photo nudged
 * into white a keep rule left), balanced and scored again; the best balanced candidate is the page.
 * What its module cannot fill is one open area (open-area.ts).
 */
import type { Diagnostic } from '../diagnostics';
import type { PageSpec, StoryItemSpec } from '../template/types';
import { pt, type Pt } from '../units';
import { openAreaOf } from './open-area';
import { PageSearch, PITCH_STEP, type Evaluated, type FillerKind, type PageLayoutContext, type PageTask } from './plan-search';
import { continuation } from './threads';
import type { PlacedPage, UsedFiller } from './types';

/** Candidates refined further (growth, fillers, air, leading) after the first round. */
const REFINE_BEST = 3;
/** Candidates balanced and scored again before the choice. */
const BALANCE_BEST = 8;
/** Most grid lines a photo may be made deeper than its aspect gives. */
const MAX_GROW = 12;

/** Pitches from the template's pitch towards `to`, in half-point steps. */
export function pitchesToward(from: Pt, to: Pt): Pt[] {
  const result: Pt[] = [];
  const sign = Math.sign(to - from);
  for (let p = from + sign * PITCH_STEP; sign !== 0 && (sign > 0 ? p <= to + 1e-9 : p >= to - 1e-9); p += sign * PITCH_STEP) result.push(pt(p));
  return result;
}

function refine(search: PageSearch, start: Evaluated): void {
  const page = search.page;
  const base = start.candidate;
  if (start.terms.oversetLines > 0) {
    // 缩版: less air before heads, then a tighter leading, down to pitch-min.
    if (search.evaluate({ ...base, air: -1 }).terms.oversetLines === 0) return;
    for (const pitch of pitchesToward(page.grid.pitch, page.grid.pitchMin)) {
      if (search.evaluate({ ...base, pitch, air: -1 }).terms.oversetLines === 0) break;
    }
    return;
  }
  if (start.terms.openArea === 0 && start.terms.unlevelLines === 0) return;
  // 撑版, in a desk's order: larger photos, fillers, designed air, then the leading.
  let current = start;
  if (base.plan.frames.length > 0) {
    let low = 0;
    let high = MAX_GROW;
    // Frames stop growing at their crop allowance, so the largest growth usually fits at once.
    if (search.evaluate({ ...base, grow: MAX_GROW }).terms.oversetLines === 0) low = MAX_GROW;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      const trial = search.evaluate({ ...base, grow: mid });
      if (trial.terms.oversetLines === 0) low = mid; else high = mid - 1;
    }
    const grown = search.evaluate({ ...base, grow: low });
    if (grown.score < current.score) current = grown;
  }
  current = closeHoles(search, current);
  const kinds = search.fillerKinds;
  const fillerSets: FillerKind[][] = kinds.length === 2 ? [[kinds[0] as FillerKind], [kinds[1] as FillerKind], kinds] : kinds.map((k) => [k]);
  for (const fillers of fillerSets) {
    const trial = search.evaluate({ ...current.candidate, fillers });
    if (trial.score < current.score) current = trial;
  }
  for (let air = 1; air <= page.house.maxBlockAir; air++) {
    const trial = search.evaluate({ ...current.candidate, air });
    if (trial.score < current.score) current = trial;
  }
  // Leading is house style: it opens only to make a nearly full page full, never to shrink an
  // open area the desk must fill anyway.
  for (const pitch of pitchesToward(page.grid.pitch, page.grid.pitchMax)) {
    const trial = search.evaluate({ ...current.candidate, pitch });
    if (trial.terms.oversetLines > 0) break;
    if (trial.terms.openArea === 0 && trial.score < current.score) current = trial;
  }
}

/**
 * A keep rule can leave white above a foot frame (a head and its two lines went to the next
 * column). The desk's last nudge: that photo a few lines deeper, rising into the white, or
 * shallower, so the head fits above it.
 */
function closeHoles(search: PageSearch, start: Evaluated): Evaluated {
  let current = start;
  for (let round = 0; round < 2 && current.terms.holeLines > 0; round++) {
    const { composition, flow } = current.attempt;
    const frames = current.frames;
    for (const [index, frame] of frames.entries()) {
      let white = 0;
      for (let column = frame.columns.first; column <= frame.columns.last && frame.anchor === 'bottom'; column++) {
        const state = composition.columns[column - 1];
        if (!state || state.bottom >= current.depth) continue;
        white = Math.max(white, state.bottom - ((flow.lastRow.get(column) ?? state.top - 1) + 1));
      }
      // White above this foot frame: let it rise into it. White elsewhere (a short column at the
      // module's foot): any frame a line or two deeper or shallower moves the breaks.
      if (white < 3) continue;
      const extras = [white, white - 1, white + 1, -1, -2, -3];
      for (const extra of extras) {
        const frameGrow = frames.map((_, i) => (current.candidate.frameGrow?.[i] ?? 0) + (i === index ? extra : 0));
        const trial = search.evaluate({ ...current.candidate, frameGrow });
        if (trial.score < current.score) current = trial;
      }
    }
  }
  return current;
}

export interface PageOutcome {
  readonly page: PlacedPage;
  readonly diagnostics: Diagnostic[];
  readonly flows: number;
  /** Grid line the module ends before. */
  readonly depth: number;
  /** Lines of text that found no room (for a page the story goes on from: what goes on). */
  readonly oversetLines: number;
  /** For a page the story goes on from: the story items still to set, the first one cut where it stopped. */
  readonly rest?: readonly StoryItemSpec[];
}

export function layoutPage(page: PageSpec, context: PageLayoutContext, task: PageTask = {}): PageOutcome {
  const search = new PageSearch(page, context, task);
  for (const plan of search.plans()) {
    for (let head = 0; head < plan.heads.length; head++) {
      for (let level = 0; level < search.steps(plan); level++) {
        search.evaluate({ plan, head, level, grow: 0, pitch: page.grid.pitch, fillers: [], air: 0 });
      }
    }
  }
  // A page the story goes on from is full whatever its plan: nothing to grow or tighten.
  if (!search.continues) for (const start of search.ranked(REFINE_BEST)) refine(search, start);
  // Balancing evens the last columns; it changes the feet the score sees, so the best few are balanced and scored again.
  for (const top of search.ranked(BALANCE_BEST)) search.evaluate(top.candidate, true);
  const best = search.best();
  const flowDiagnostics = search.continues ? best.attempt.flow.diagnostics.filter((d) => d.code !== 'overset') : best.attempt.flow.diagnostics;
  const diagnostics = [...search.diagnostics, ...best.attempt.composition.diagnostics, ...flowDiagnostics];
  const rest = search.continues && best.attempt.flow.rest ? continuation(page, best.attempt.flow.rest) : undefined;
  const grid = best.attempt.composition.grid;
  const used = usedFillers(page, best.candidate.fillers);
  return {
    diagnostics,
    flows: search.flows,
    depth: best.depth,
    oversetLines: best.attempt.flow.oversetLines,
    ...(rest ? { rest } : {}),
    page: {
      number: page.number,
      geometry: page.geometry,
      items: [...best.attempt.composition.items, ...best.attempt.flow.items],
      columns: grid.columnsOf({ first: 1, last: page.grid.columns }).map((c) => ({ left: grid.columnLeft(c), right: grid.columnRight(c) })),
      pitch: best.candidate.pitch,
      palette: context.palette,
      plan: { name: best.candidate.plan.name, score: Math.round(best.score * 100) / 100 },
      ...(best.terms.openArea > 0 ? { openArea: openAreaOf(grid, best, page, [...best.attempt.composition.items, ...best.attempt.flow.items]) } : {}),
      ...(used.length > 0 ? { fillers: used } : {}),
    },
  };
}

function usedFillers(page: PageSpec, kinds: readonly FillerKind[]): UsedFiller[] {
  return (page.story?.items ?? []).flatMap((item) => (item.filler && kinds.includes(item.filler)
    ? [{ kind: item.filler, text: item.spans.map((s) => s.text).join(''), source: item.source }]
    : []));
}


export type { PhotoLimits, PageLayoutContext, PageTask } from './plan-search';
