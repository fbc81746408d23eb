/**
 * Copyfit by plan: every candidate the template offers (each plan for the page's photo count, at
 * each frame size step, with photo growth, fillers, designed air and leading) is composed with the
 * story's module as shallow as the text allows, balanced and scored (score.ts); the best wins, the
 * same way every time. A module shallower than the page leaves one clean open area below it.
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk, ColumnRange, PageSpec, PlanSpec } from '../template/types';
import { pt, type Pt } from '../units';
import { resolveFrame, spanChoices, sizeSteps, type PhotoPixels, type ResolvedFrame } from './frames';
import { PageGrid } from './grid';
import { compose, type ColumnState, type PageChoice } from './page';
import { OPEN_AREA_FROM, scoreTerms, totalScore, type ScoreTerms } from './score';
import type { TextSetter } from './set-text';
import { buildSlots, type ColumnSpace } from './slots';
import { flowStory, prepareStory, storyLook, type FlowItem, type FlowOutcome, type StoryLook } from './story';
import type { OpenArea, PlacedItem, PlacedPage, UsedFiller } from './types';

const PITCH_STEP = 0.5;
/** Candidates refined further (growth, fillers, air, leading) after the first round. */
const REFINE_BEST = 3;
/** Most grid lines a photo may be made deeper than its aspect gives. */
const MAX_GROW = 12;

export interface PhotoLimits {
  /** Pixel size of each photo (by edition index), orientation applied. */
  readonly pixels: ReadonlyMap<number, PhotoPixels>;
  /** Resolution down to which copyfit may enlarge a photo (the higher of this and the template's floor). */
  readonly minPpi: number;
  /** Photos with a focus point, whose crop may go past the template's allowance. */
  readonly focused?: ReadonlySet<number>;
}

type FillerKind = 'pull-quote' | 'data-box';

interface Candidate {
  readonly plan: PlanSpec;
  readonly head: number;
  readonly level: number;
  readonly grow: number;
  readonly pitch: Pt;
  readonly fillers: readonly FillerKind[];
  readonly air: number;
  /** Grid lines one frame grows beyond `grow` (a foot frame rising into white above it). */
  readonly frameGrow?: readonly number[];
}

interface Attempt {
  readonly composition: ReturnType<typeof compose>;
  readonly flow: FlowOutcome;
}

interface Evaluated {
  readonly candidate: Candidate;
  /** Order of evaluation: ties go to the earlier candidate. */
  readonly order: number;
  readonly frames: readonly ResolvedFrame[];
  readonly attempt: Attempt;
  readonly depth: number;
  readonly gridLines: number;
  readonly terms: ScoreTerms;
  readonly score: number;
  readonly balanced: boolean;
}

function withPitch(page: PageSpec, pitch: Pt): PageSpec {
  const lines = Math.floor((page.geometry.typeAreaHeight - page.grid.bodySize) / pitch) + 1;
  return { ...page, grid: { ...page.grid, pitch, lines } };
}

/** A page without a plan for its photo count gets the head across the story's columns and no frames. */
function plainPlan(page: PageSpec, module: ColumnRange): PlanSpec {
  return { name: 'plain', photos: 0, role: 'any', heads: [module], frames: [], source: page.source };
}

export interface PageLayoutContext {
  readonly setter: TextSetter;
  readonly palette: ReadonlyMap<string, Cmyk>;
  readonly limits?: PhotoLimits;
}

class PageSearch {
  private readonly evaluated: Evaluated[] = [];
  private readonly memo = new Map<string, Evaluated>();
  private readonly look: StoryLook;
  private readonly prepared: FlowItem[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly module: ColumnRange;
  flows = 0;

  constructor(readonly page: PageSpec, readonly context: PageLayoutContext) {
    this.look = storyLook(page.house, context.palette);
    this.module = page.story?.columns ?? { first: 1, last: page.grid.columns };
    if (page.story) {
      const set = prepareStory(page.story, context.setter, new PageGrid(page.geometry, page.grid), this.look);
      this.prepared.push(...set.items);
      this.diagnostics.push(...set.diagnostics);
    }
  }

  get fillerKinds(): FillerKind[] {
    return (['pull-quote', 'data-box'] as const).filter((kind) => this.prepared.some((item) => item.spec.filler === kind));
  }

  private pixelsOf(photo: number): PhotoPixels | undefined { return this.context.limits?.pixels.get(photo); }

  plans(): PlanSpec[] {
    const count = this.page.photos.length;
    const plans = this.page.plans.filter((plan) => plan.photos === count && (plan.role === 'any' || plan.role === this.page.role));
    if (plans.length > 0) return plans;
    if (count > 0) {
      this.diagnostics.push({
        severity: 'error', code: 'no-plan', source: this.page.source,
        message: `page ${this.page.number} has ${count} photos, but the template offers no plan for ${count} photos on a ${this.page.role} page`,
        hint: 'add a <plan photos="N"> to the template\'s plans, or move a photo to another page in edition.yaml',
      });
    }
    return [plainPlan(this.page, this.module)];
  }

  steps(plan: PlanSpec): number {
    const pixels = this.page.photos.map((p) => this.pixelsOf(p.photo));
    return sizeSteps(plan.frames, pixels, this.module.last - this.module.first + 1);
  }

  private framesFor(candidate: Candidate, grid: PageGrid): ResolvedFrame[] {
    const minPpi = Math.max(this.context.limits?.minPpi ?? 0, this.page.house.photoMinPpi);
    const resolved: ResolvedFrame[] = [];
    candidate.plan.frames.forEach((frame, i) => {
      const photo = this.page.photos[i]?.photo ?? 0;
      const focused = this.context.limits?.focused?.has(photo) ?? false;
      const previous = [...resolved].reverse().find((r) => r.anchor === frame.anchor);
      resolved.push(resolveFrame(frame, photo, this.pixelsOf(photo), candidate.level, candidate.grow + (candidate.frameGrow?.[i] ?? 0), {
        grid, module: this.module, minPpi, maxCrop: focused ? 0.5 : this.page.house.maxCrop,
      }, previous));
    });
    return resolved;
  }

  private readonly compositions = new Map<string, ReturnType<typeof compose>>();

  /** Compositions depend on the choice alone; balancing and fillers reuse them. */
  private composed(page: PageSpec, choice: PageChoice): ReturnType<typeof compose> {
    const key = JSON.stringify([page.grid.pitch, choice]);
    let composition = this.compositions.get(key);
    if (!composition) this.compositions.set(key, (composition = compose(page, this.context.setter, this.context.palette, choice)));
    return composition;
  }

  private flow(page: PageSpec, choice: PageChoice, items: readonly FlowItem[], feet: ReadonlyMap<number, number> = new Map()): Attempt {
    const composition = this.composed(page, choice);
    const spaces: ColumnSpace[] = [];
    for (let column = this.module.first; column <= this.module.last; column++) {
      const state = composition.columns[column - 1] as ColumnState;
      spaces.push({ column, top: state.top, bottom: Math.min(state.bottom, feet.get(column) ?? Infinity) });
    }
    this.flows += 1;
    const slots = buildSlots(spaces, composition.obstacles, composition.grid, page.house.wrapMin);
    return { composition, flow: flowStory(items, slots, composition.grid, `page ${page.number} story`, this.look) };
  }

  evaluate(candidate: Candidate, balanced = false): Evaluated {
    const key = JSON.stringify([balanced, candidate.plan.name, candidate.head, candidate.level, candidate.grow, candidate.pitch, candidate.fillers, candidate.air, candidate.frameGrow ?? []]);
    const known = this.memo.get(key);
    if (known) return known;
    const page = withPitch(this.page, candidate.pitch);
    const grid = new PageGrid(page.geometry, page.grid);
    const frames = this.framesFor(candidate, grid);
    const items = withHeadSpace(this.prepared.filter((item) => !item.spec.filler || candidate.fillers.includes(item.spec.filler)), candidate.air);
    const head = candidate.plan.heads[candidate.head];
    const attemptAt = (depth: number, feet?: ReadonlyMap<number, number>): Attempt => this.flow(page, { head, frames, depth, air: candidate.air }, items, feet);
    const fits = (a: Attempt): boolean => !a.composition.invalid && a.flow.oversetLines === 0;
    let depth = grid.lines;
    let best = attemptAt(depth);
    if (fits(best)) {
      // The shallowest module that holds the story: the empty lines at full depth say about how
      // many rows can go; search near that guess.
      const guess = grid.lines - Math.floor(best.flow.slack / spacesOf(this.module).length);
      let low = Math.max(1, guess - 2);
      let high = grid.lines;
      if (low > 1 && fits(attemptAt(low))) { high = low; low = 1; }
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        const trial = attemptAt(mid);
        if (fits(trial)) { high = mid; best = trial; } else { low = mid + 1; }
      }
      depth = high;
      best = attemptAt(depth);
      // A page one line short is a full page: the module keeps the page's foot.
      if (grid.lines - depth < OPEN_AREA_FROM) { depth = grid.lines; best = attemptAt(depth); }
      if (balanced && this.page.story?.balance) best = balance(best, depth, attemptAt, this.module);
    }
    const moduleTop = Math.min(...best.composition.columns.slice(this.module.first - 1, this.module.last).map((c) => c.top));
    const widest = candidate.plan.frames.map((frame, i) => Math.max(...spanChoices(frame, this.pixelsOf(this.page.photos[i]?.photo ?? 0), this.module.last - this.module.first + 1)));
    const terms = scoreTerms({
      page, composition: best.composition, flow: best.flow, frames, widestSpans: widest, depth, gridLines: grid.lines,
      storyColumns: spacesOf(this.module), moduleTop, pitchSteps: Math.round(Math.abs(candidate.pitch - this.page.grid.pitch) / PITCH_STEP),
      fillers: candidate.fillers.length + Math.abs(candidate.air), minPpi: this.page.house.photoMinPpi,
    });
    const evaluated: Evaluated = {
      candidate, order: this.evaluated.length, frames, attempt: best, depth, gridLines: grid.lines, terms, score: totalScore(terms, this.page.weights), balanced,
    };
    this.memo.set(key, evaluated);
    this.evaluated.push(evaluated);
    return evaluated;
  }

  /**
   * Leading is house style: it opens only to make a page full, never to shrink an open area the
   * desk must fill anyway, so a candidate with both is not a choice.
   */
  private admissible(e: Evaluated): boolean {
    return !(e.candidate.pitch > this.page.grid.pitch && e.terms.openArea > 0);
  }

  /** The best balanced candidate: the search scores unbalanced ones, the page is always balanced. */
  best(): Evaluated {
    const choices = this.evaluated.filter((e) => e.balanced && this.admissible(e));
    return (choices.length > 0 ? choices : this.evaluated.filter((e) => e.balanced)).reduce((a, b) => (b.score < a.score - 1e-9 ? b : a));
  }

  ranked(count: number): Evaluated[] {
    return this.evaluated.filter((e) => !e.balanced && this.admissible(e)).sort((a, b) => a.score - b.score || a.order - b.order).slice(0, count);
  }
}

/** The story with `extra` more (or fewer) blank lines before every head: 撑版 and 缩版 with air. */
const withHeadSpace = (items: readonly FlowItem[], extra: number): readonly FlowItem[] =>
  extra === 0 ? items : items.map((item) => (item.keepWithNext
    ? { ...item, spec: { ...item.spec, spaceBefore: Math.max(0, item.spec.spaceBefore + extra) } }
    : item));

const spacesOf = (module: ColumnRange): number[] => Array.from({ length: module.last - module.first + 1 }, (_, i) => module.first + i);

/** Pitches from the template's pitch towards `to`, in half-point steps. */
function pitchesToward(from: Pt, to: Pt): Pt[] {
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
      if (frame.anchor !== 'bottom') continue;
      let white = 0;
      for (let column = frame.columns.first; column <= frame.columns.last; column++) {
        const state = composition.columns[column - 1];
        if (!state || state.bottom >= current.depth) continue;
        white = Math.max(white, state.bottom - ((flow.lastRow.get(column) ?? state.top - 1) + 1));
      }
      if (white < 3) continue;
      for (const extra of [white, white - 1, white + 1, -1, -2, -3]) {
        const frameGrow = frames.map((_, i) => (current.candidate.frameGrow?.[i] ?? 0) + (i === index ? extra : 0));
        const trial = search.evaluate({ ...current.candidate, frameGrow });
        if (trial.score < current.score) current = trial;
      }
    }
  }
  return current;
}

export function layoutPage(page: PageSpec, context: PageLayoutContext): { page: PlacedPage; diagnostics: Diagnostic[]; flows: number } {
  const search = new PageSearch(page, context);
  for (const plan of search.plans()) {
    for (let head = 0; head < plan.heads.length; head++) {
      for (let level = 0; level < search.steps(plan); level++) {
        search.evaluate({ plan, head, level, grow: 0, pitch: page.grid.pitch, fillers: [], air: 0 });
      }
    }
  }
  for (const start of search.ranked(REFINE_BEST)) refine(search, start);
  // Balancing evens the last columns; it changes the feet the score sees, so the best few are balanced and scored again.
  for (const top of search.ranked(REFINE_BEST)) search.evaluate(top.candidate, true);
  const best = search.best();
  const diagnostics = [...search.diagnostics, ...best.attempt.composition.diagnostics, ...best.attempt.flow.diagnostics];
  const grid = best.attempt.composition.grid;
  const used: UsedFiller[] = best.attempt.flow.items.length === 0 ? [] : usedFillers(page, best.candidate.fillers);
  return {
    diagnostics,
    flows: search.flows,
    page: {
      number: page.number,
      geometry: page.geometry,
      items: [...best.attempt.composition.items, ...best.attempt.flow.items],
      columns: grid.columnsOf({ first: 1, last: page.grid.columns }).map((c) => ({ left: grid.columnLeft(c), right: grid.columnRight(c) })),
      pitch: best.candidate.pitch,
      palette: context.palette,
      plan: { name: best.candidate.plan.name, score: Math.round(best.score * 100) / 100, ...(process.env.DBG ? { terms: best.terms } : {}) },
      ...(best.terms.openArea > 0 ? { openArea: openAreaOf(grid, best.depth, page, [...best.attempt.composition.items, ...best.attempt.flow.items]) } : {}),
      ...(used.length > 0 ? { fillers: used } : {}),
    },
  };
}

function usedFillers(page: PageSpec, kinds: readonly FillerKind[]): UsedFiller[] {
  return (page.story?.items ?? []).flatMap((item) => (item.filler && kinds.includes(item.filler)
    ? [{ kind: item.filler, text: item.spans.map((s) => s.text).join(''), source: item.source }]
    : []));
}

function openAreaOf(grid: PageGrid, depth: number, page: PageSpec, items: readonly PlacedItem[]): OpenArea {
  // Below the module's last grid line and below anything that reaches past it (a box's padding).
  const reach = Math.max(0, ...items.map((item) => (item.kind === 'box' || item.kind === 'photo' ? item.y + item.height : 0)));
  const top = pt(Math.max(grid.lineTop(depth) - (grid.pitch - grid.spec.bodySize) / 2, reach + 0.5));
  const bottom = pt(page.geometry.marginTop + page.geometry.typeAreaHeight);
  const lines = grid.lines - depth;
  const charsPerLine = Math.floor(grid.spec.columnWidth / grid.spec.bodySize);
  return {
    x: grid.columnLeft(1), y: top, width: grid.rangeWidth({ first: 1, last: page.grid.columns }), height: pt(bottom - top),
    columns: { first: 1, last: page.grid.columns }, lines, bodyChars: lines * page.grid.columns * charsPerLine,
  };
}

/**
 * Balances the story's last columns: the trailing columns that share the last column's foot are
 * cut to the lowest common foot at which the story still fits, then the earlier of them one line
 * shorter each while it still fits, so they end within a line of each other instead of one
 * column running short.
 */
function balance(fitted: Attempt, depth: number, attempt: (depth: number, feet?: ReadonlyMap<number, number>) => Attempt, module: ColumnRange): Attempt {
  const columns = spacesOf(module).map((column) => ({ column, ...(fitted.composition.columns[column - 1] as ColumnState) }));
  const last = columns[columns.length - 1];
  if (!last) return fitted;
  const group: number[] = [];
  for (let i = columns.length - 1; i >= 0 && (columns[i] as { bottom: number }).bottom === last.bottom; i--) group.unshift((columns[i] as { column: number }).column);
  if (group.length < 2) return fitted;
  const ok = (a: Attempt): boolean => a.flow.oversetLines === 0 && !a.composition.invalid;
  const feetAt = (foot: number, shorter = 0) => new Map(group.map((column, i) => [column, i < shorter ? foot - 1 : foot]));
  let low = Math.max(...columns.filter((s) => group.includes(s.column)).map((s) => s.top));
  let high = last.bottom;
  let best = fitted;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const trial = attempt(depth, feetAt(mid));
    if (ok(trial)) { high = mid; best = trial; } else { low = mid + 1; }
  }
  // Keep rules can leave a foot empty; among nearby cuts take the one whose feet differ least.
  const spread = (trial: Attempt): number => {
    const feet = group.flatMap((column) => (trial.flow.lastRow.has(column) ? [trial.flow.lastRow.get(column) as number] : []));
    return feet.length === 0 ? 0 : Math.max(...feet) - Math.min(...feet);
  };
  let bestSpread = spread(best);
  for (let foot = high; foot <= Math.min(last.bottom, high + 2); foot++) {
    for (let shorter = 0; shorter < group.length; shorter++) {
      const trial = attempt(depth, feetAt(foot, shorter));
      if (!ok(trial)) continue;
      const s = spread(trial);
      if (s < bestSpread) { best = trial; bestSpread = s; }
    }
  }
  return best;
}
