/**
 * The search over a page's candidates: every plan the template offers for the page, at each frame
 * size, head width, growth, filler set, air and leading, composed with the story's module as
 * shallow as the text allows, balanced when asked, and scored (score.ts). Evaluations are memoised
 * by their parameters and compositions by their choice; ties go to the earlier evaluation.
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk, ColumnRange, PageSpec, PlanSpec, TextLineSpec } from '../template/types';
import { pt } from '../units';
import type { Pt } from '../units';
import type { PlacedItem } from './types';
import { resolveFrame, spanChoices, sizeSteps, type PhotoPixels, type ResolvedFrame } from './frames';
import { PageGrid } from './grid';
import { compose, type ColumnState, type PageChoice } from './page';
import { OPEN_AREA_FROM, scoreTerms, totalScore, type ScoreTerms } from './score';
import { setText, type TextSetter } from './set-text';
import { buildSlots, type ColumnSpace, type Slot } from './slots';
import { flowStory, prepareStory, storyLook, type FlowItem, type FlowOutcome, type StoryLook } from './story';

export const PITCH_STEP = 0.5;

export interface PhotoLimits {
  /** Pixel size of each photo (by edition index), orientation applied. */
  readonly pixels: ReadonlyMap<number, PhotoPixels>;
  /** Resolution down to which copyfit may enlarge a photo (the higher of this and the template's floor). */
  readonly minPpi: number;
  /** Photos with a focus point, whose crop may go past the template's allowance. */
  readonly focused?: ReadonlySet<number>;
}


export type FillerKind = 'pull-quote' | 'data-box';

export interface Candidate {
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

export interface Attempt {
  readonly composition: ReturnType<typeof compose>;
  readonly flow: FlowOutcome;
}

export interface Evaluated {
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
  readonly module: ColumnRange;
}

/** The page on a grid of `pitch`: as many lines as then fit its type area. */
export function withPitch(page: PageSpec, pitch: Pt): PageSpec {
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

/** What the page's place in the edition asks of its search, beyond the template's page. */
export interface PageTask {
  /** Grid lines the module may use: a module below another on the same page starts lower. */
  readonly region?: { readonly top: number; readonly bottom: number };
  /**
   * The story goes on on a later page: the module fills the page whatever the text's length,
   * and the line `jump` (转第X版), if any, closes its last column.
   */
  readonly continues?: { readonly jump?: TextLineSpec };
  /** Another module stands below this one: white at its foot is a hole above that module. */
  readonly closedFoot?: boolean;
}

export class PageSearch {
  private readonly evaluated: Evaluated[] = [];
  private readonly memo = new Map<string, Evaluated>();
  private readonly look: StoryLook;
  private readonly prepared: FlowItem[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly module: ColumnRange;
  flows = 0;

  constructor(readonly page: PageSpec, readonly context: PageLayoutContext, readonly task: PageTask = {}) {
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
    const plans = this.page.plans.filter((plan) => plan.photos === count && (plan.role === 'any' || plan.role === this.page.role)
      && this.fitsModule(plan));
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

  /** The plan's module, within the story's columns; the story's own columns by default. */
  moduleOf(plan: PlanSpec): ColumnRange {
    return plan.module ?? this.module;
  }

  private fitsModule(plan: PlanSpec): boolean {
    const module = this.moduleOf(plan);
    const within = (range: ColumnRange): boolean => range.first >= module.first && range.last <= module.last;
    return within(module) && module.first >= this.module.first && module.last <= this.module.last && plan.heads.every(within)
      // A narrower module leaves the rest as one strip beside it: it must stand at one edge.
      && (module.first === this.module.first || module.last === this.module.last);
  }

  /** A module narrower than the story's columns runs the full depth; the strip beside it is open. */
  private isNarrow(module: ColumnRange): boolean {
    return module.first !== this.module.first || module.last !== this.module.last;
  }

  steps(plan: PlanSpec): number {
    const pixels = this.page.photos.map((p) => this.pixelsOf(p.photo));
    const module = this.moduleOf(plan);
    return sizeSteps(plan.frames, pixels, module.last - module.first + 1);
  }

  private framesFor(candidate: Candidate, grid: PageGrid): ResolvedFrame[] {
    const minPpi = Math.max(this.context.limits?.minPpi ?? 0, this.page.house.photoMinPpi);
    const resolved: ResolvedFrame[] = [];
    candidate.plan.frames.forEach((frame, i) => {
      const photo = this.page.photos[i]?.photo ?? 0;
      const focused = this.context.limits?.focused?.has(photo) ?? false;
      const previous = [...resolved].reverse().find((r) => r.anchor === frame.anchor);
      resolved.push(resolveFrame(frame, photo, this.pixelsOf(photo), candidate.level, candidate.grow + (candidate.frameGrow?.[i] ?? 0), {
        grid, module: this.moduleOf(candidate.plan), minPpi, maxCrop: focused ? 0.5 : this.page.house.maxCrop,
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

  private flow(page: PageSpec, choice: PageChoice, items: readonly FlowItem[], module: ColumnRange, feet: ReadonlyMap<number, number> = new Map()): Attempt {
    const composition = this.composed(page, choice);
    const spaces: ColumnSpace[] = [];
    for (let column = module.first; column <= module.last; column++) {
      const state = composition.columns[column - 1] as ColumnState;
      spaces.push({ column, top: state.top, bottom: Math.min(state.bottom, feet.get(column) ?? Infinity) });
    }
    this.flows += 1;
    const slots = buildSlots(spaces, composition.obstacles, composition.grid, page.house.wrapMin);
    const jump = this.task.continues?.jump;
    const jumpSlot = jump ? slots.pop() : undefined;
    const flow = flowStory(items, slots, composition.grid, `page ${page.number} story`, this.look);
    if (!jump || !jumpSlot) return { composition, flow };
    return { composition, flow: { ...flow, items: [...flow.items, ...this.jumpLine(jump, jumpSlot, composition.grid)] } };
  }

  /** 转第X版 in the last line of the last column, where the reader's eye leaves the page. */
  private jumpLine(jump: TextLineSpec, slot: Slot, grid: PageGrid): PlacedItem[] {
    const set = setText(this.context.setter, jump.style, jump.spans, slot.width, jump.source, true);
    return set.lines.slice(0, 1).map((line) => ({
      kind: 'text', role: 'display', line, x: pt(slot.x), baseline: grid.baseline(slot.row), story: `page ${this.page.number} story`, source: jump.source,
    }));
  }

  /** Last grid line (exclusive) the module may use. */
  private bottomOf(grid: PageGrid): number {
    return Math.min(this.task.region?.bottom ?? grid.lines, grid.lines);
  }

  get continues(): boolean { return this.task.continues !== undefined; }

  evaluate(candidate: Candidate, balanced = false): Evaluated {
    const key = JSON.stringify([balanced, candidate.plan.name, candidate.head, candidate.level, candidate.grow, candidate.pitch, candidate.fillers, candidate.air, candidate.frameGrow ?? []]);
    const known = this.memo.get(key);
    if (known) return known;
    const page = withPitch(this.page, candidate.pitch);
    const grid = new PageGrid(page.geometry, page.grid);
    const frames = this.framesFor(candidate, grid);
    const items = withHeadSpace(this.prepared.filter((item) => !item.spec.filler || candidate.fillers.includes(item.spec.filler)), candidate.air);
    const head = candidate.plan.heads[candidate.head];
    const module = this.moduleOf(candidate.plan);
    const narrow = this.isNarrow(module);
    const top = this.task.region?.top ?? 0;
    const attemptAt = (depth: number, feet?: ReadonlyMap<number, number>): Attempt => this.flow(page, { head, frames, depth, air: candidate.air, ...(top > 0 ? { top } : {}) }, items, module, feet);
    // A page the story goes on from is full by definition: what does not fit is not overset.
    const continues = this.continues;
    const fits = (a: Attempt): boolean => !a.composition.invalid && (continues || a.flow.oversetLines === 0);
    const bottom = this.bottomOf(grid);
    let depth = bottom;
    let best = attemptAt(depth);
    if (fits(best) && !narrow && !continues) {
      // The shallowest module that holds the story: the empty lines at full depth say about how
      // many rows can go; search near that guess.
      const guess = bottom - Math.floor(best.flow.slack / spacesOf(module).length);
      let low = Math.max(top + 1, guess - 2);
      let high = bottom;
      if (low > top + 1 && fits(attemptAt(low))) { high = low; low = top + 1; }
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        const trial = attemptAt(mid);
        if (fits(trial)) { high = mid; best = trial; } else { low = mid + 1; }
      }
      depth = high;
      best = attemptAt(depth);
      // A page one line short is a full page: the module keeps the page's foot.
      if (bottom - depth < OPEN_AREA_FROM) { depth = bottom; best = attemptAt(depth); }
    }
    const moduleTop = Math.min(...best.composition.columns.slice(module.first - 1, module.last).map((c) => c.top));
    const widest = candidate.plan.frames.map((frame, i) => Math.max(...spanChoices(frame, this.pixelsOf(this.page.photos[i]?.photo ?? 0), module.last - module.first + 1)));
    const sideColumns = this.page.grid.columns - (module.last - module.first + 1);
    const judge = (attempt: Attempt, at: number): { terms: ScoreTerms; score: number } => {
      const terms = scoreTerms({
        page, composition: attempt.composition, flow: continues ? { ...attempt.flow, oversetLines: 0 } : attempt.flow, frames, widestSpans: widest, depth: at, gridLines: bottom, closedFoot: this.task.closedFoot ?? false,
        storyColumns: spacesOf(module), moduleTop, pitchSteps: Math.round(Math.abs(candidate.pitch - this.page.grid.pitch) / PITCH_STEP),
        openArea: narrow ? sideColumns * (bottom - moduleTop) : bottom - at >= OPEN_AREA_FROM ? (bottom - at) * this.page.grid.columns : 0,
        fillers: candidate.fillers.length + Math.abs(candidate.air), minPpi: this.page.house.photoMinPpi,
      });
      return { terms, score: totalScore(terms, this.page.weights) - (candidate.plan.preference ?? 0) };
    };
    const finish = (attempt: Attempt, at: number): Attempt => (fits(attempt) && balanced && !continues && this.page.story?.balance ? balance(attempt, at, attemptAt, module) : attempt);
    best = finish(best, depth);
    let { terms, score } = judge(best, depth);
    // The shallowest module can leave a column short where a keep rule broke; a line or two
    // deeper moves the breaks. Only the balanced (final) evaluation looks.
    for (let deeper = 1; balanced && !narrow && !continues && fits(best) && terms.holeLines + terms.unlevelLines > 0 && deeper <= 2 && depth + deeper <= bottom; deeper++) {
      const trial = finish(attemptAt(depth + deeper), depth + deeper);
      if (!fits(trial)) continue;
      const judged = judge(trial, depth + deeper);
      if (judged.score < score) { best = trial; terms = judged.terms; score = judged.score; depth += deeper; deeper = 0; }
    }
    const evaluated: Evaluated = {
      candidate, order: this.evaluated.length, frames, attempt: best, depth, gridLines: grid.lines, terms, score, balanced, module,
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

  /** A page whose deepest white reaches this many lines fails preflight's layout check. */
  private static readonly FAILING_WHITE = 4;

  /** The best balanced candidate: the search scores unbalanced ones, the page is always balanced. */
  best(): Evaluated {
    const balanced = this.evaluated.filter((e) => e.balanced);
    const tiers = [
      balanced.filter((e) => this.admissible(e) && e.terms.worstWhite < PageSearch.FAILING_WHITE),
      balanced.filter((e) => this.admissible(e)),
      balanced,
    ];
    const choices = tiers.find((tier) => tier.length > 0) ?? [];
    return choices.reduce((a, b) => (b.score < a.score - 1e-9 ? b : a));
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

export const spacesOf = (module: ColumnRange): number[] => Array.from({ length: module.last - module.first + 1 }, (_, i) => module.first + i);

/**
 * Balances the story's last columns: the trailing columns that share the last column's foot are
 * cut to the lowest common foot at which the story still fits, then the earlier of them one line
 * shorter each while it still fits, so they end within a line of each other instead of one
 * column running short.
 */
function balance(fitted: Attempt, depth: number, attempt: (depth: number, feet?: ReadonlyMap<number, number>) => Attempt, module: ColumnRange): Attempt {
  // Columns a head or frame fills to the foot hold no story: they take no part in balancing.
  const columns = spacesOf(module).map((column) => ({ column, ...(fitted.composition.columns[column - 1] as ColumnState) }))
    .filter((state) => state.top < state.bottom);
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
  // A column that must stay deep (a head kept with a whole box) holds the common foot down: the
  // columns after it may still end level with each other, lower.
  for (let kept = 1; kept < group.length && bestSpread > 1; kept++) {
    let lowFoot = Math.max(...columns.filter((s) => group.includes(s.column)).map((s) => s.top));
    let highFoot = high;
    let found: Attempt | undefined;
    const cut = (foot: number) => new Map(group.map((column, i) => [column, i < kept ? high : foot]));
    while (lowFoot < highFoot) {
      const mid = Math.floor((lowFoot + highFoot) / 2);
      const trial = attempt(depth, cut(mid));
      if (ok(trial)) { highFoot = mid; found = trial; } else { lowFoot = mid + 1; }
    }
    if (found && spread(found) < bestSpread) { best = found; bestSpread = spread(found); }
  }
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

