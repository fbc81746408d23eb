/**
 * The plan score: what a layout editor looks at when judging a page, each term counted in grid
 * lines or photos and weighted by the template (docs/decisions/page-plans.md says why each term
 * is there). Lower is better.
 */
import type { PageSpec, ScoreWeights } from '../template/types';
import type { ResolvedFrame } from './frames';
import type { Composition } from './page';
import type { FlowOutcome } from './story';

export interface ScoreTerms {
  /** Lines of text that found no room. */
  readonly oversetLines: number;
  /** White runs of 3 or more lines between the text and an element below it, in lines. */
  readonly holeLines: number;
  /** Lines by which column feet stand above the module's foot, beyond the one line allowed. */
  readonly unlevelLines: number;
  /** Column-lines given up below the module. */
  readonly openArea: number;
  /** Sum over photos of how far below the resolution floor they fall (share of the floor). */
  readonly lowResolution: number;
  /** Sum over photos of the share of their area the crop removes. */
  readonly crop: number;
  /** Head lines beyond the manuscript's. */
  readonly extraHeadLines: number;
  /** Story columns of 1–5 lines beside a photo. */
  readonly shortColumns: number;
  /** Photos standing before a photo that precedes them in the manuscript. */
  readonly orderInversions: number;
  /** Half-point steps away from the template's pitch, squared. */
  readonly leadingSteps: number;
  /** The deepest white in any story column (above an element, or at the module's foot), in lines. */
  readonly worstWhite: number;
  /** Fillers and designed air used. */
  readonly fillers: number;
  /** Columns by which photos are narrower than the widest frame their plan allows. */
  readonly photoNarrowing: number;
}

export interface ScoreInput {
  readonly page: PageSpec;
  readonly composition: Composition;
  readonly flow: FlowOutcome;
  readonly frames: readonly ResolvedFrame[];
  readonly widestSpans: readonly number[];
  readonly depth: number;
  readonly gridLines: number;
  readonly storyColumns: readonly number[];
  readonly moduleTop: number;
  readonly pitchSteps: number;
  readonly fillers: number;
  readonly minPpi: number;
  /** Column-lines the candidate leaves open (below a shallow module, or beside a narrow one). */
  readonly openArea: number;
  /** Something stands below the module (another module): white at a column's foot is a hole. */
  readonly closedFoot?: boolean;
}

/** Lines of white at a column's foot that still count as full. */
const FOOT_ALLOWANCE = 1;
const HOLE_FROM = 3;
const UNLEVEL_UP_TO = 3;
const SHORT_COLUMN_UNDER = 6;
/** Blank lines around frames (a caption's space after, a foot photo's space before). */
const FRAME_AIR = 2;
/** Two white lines at the module's foot are a short page, not yet an open area. */
export const OPEN_AREA_FROM = 2;

export function scoreTerms(input: ScoreInput): ScoreTerms {
  const { composition, flow, depth } = input;
  let holeLines = 0;
  let unlevelLines = 0;
  let shortColumns = 0;
  let worstWhite = 0;
  for (const column of input.storyColumns) {
    const state = composition.columns[column - 1];
    if (!state || state.bottom <= state.top) continue;
    const last = flow.lastRow.get(column) ?? state.top - 1;
    // A column left without text between two frames is white from the caption above to the photo
    // below: the air each frame keeps is part of the hole a reader sees.
    const empty = !flow.lastRow.has(column) && state.bottom < depth && state.top > input.moduleTop;
    const white = state.bottom - (last + 1) + (empty ? FRAME_AIR : 0);
    worstWhite = Math.max(worstWhite, white);
    const framed = state.bottom < depth || state.top > input.moduleTop;
    // White above an element is a hole; at the module's foot a short column is unlevel, and past
    // a few lines it reads as a hole too (preflight fails feet more than 4 lines apart).
    if (((state.bottom < depth || input.closedFoot) && white >= HOLE_FROM) || white > UNLEVEL_UP_TO) holeLines += white;
    else unlevelLines += Math.max(0, white - FOOT_ALLOWANCE);
    const room = state.bottom - state.top;
    if (framed && room > 0 && room < SHORT_COLUMN_UNDER) shortColumns += 1;
  }
  holeLines += composition.stackGaps;
  const expectedHead = input.page.head?.lines.length ?? 0;
  // Photos read top to bottom, then left to right, as placed.
  const placed = composition.items.flatMap((item) => (item.kind === 'photo' ? [item] : []));
  let orderInversions = 0;
  placed.forEach((a, i) => placed.slice(i + 1).forEach((b) => {
    const aFirst = a.y < b.y - 1 || (Math.abs(a.y - b.y) <= 1 && a.x < b.x);
    if ((a.photo < b.photo) !== aFirst) orderInversions += 1;
  }));
  return {
    oversetLines: flow.oversetLines + (composition.invalid ? 1000 : 0),
    holeLines, unlevelLines, shortColumns, orderInversions, worstWhite,
    openArea: input.openArea,
    lowResolution: input.frames.reduce((sum, f) => sum + Math.max(0, (input.minPpi - f.ppi) / input.minPpi), 0),
    crop: input.frames.reduce((sum, f) => sum + f.crop, 0),
    extraHeadLines: Math.max(0, composition.headLines - expectedHead),
    leadingSteps: input.pitchSteps * input.pitchSteps,
    fillers: input.fillers,
    photoNarrowing: input.frames.reduce((sum, f, i) => sum + Math.max(0, (input.widestSpans[i] ?? 0) - (f.columns.last - f.columns.first + 1)), 0),
  };
}

export function totalScore(terms: ScoreTerms, w: ScoreWeights): number {
  return w.overset * terms.oversetLines + w.hole * terms.holeLines + w.unlevel * terms.unlevelLines
    + w.openArea * terms.openArea + w.lowResolution * 10 * terms.lowResolution + w.crop * terms.crop
    + w.headLines * terms.extraHeadLines + w.shortColumn * terms.shortColumns + w.order * terms.orderInversions
    + w.leading * terms.leadingSteps + w.filler * terms.fillers + w.smallPhoto * terms.photoNarrowing;
}
