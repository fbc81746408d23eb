/**
 * Copyfit: makes a page's story fill its columns. Photos marked `grow` grow line by line (never
 * past the size at which their crop keeps the target resolution) and display blocks marked `grow`
 * take more air around their text; if that cannot take up the
 * room, the leading opens in half-point steps up to the template's `pitch-max`; then the last
 * columns are balanced. Text that still does not fit is an overset error, room left over an
 * underset warning.
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk, PageSpec, PhotoFrameSpec } from '../template/types';
import { pt, type Pt } from '../units';
import { PageGrid } from './grid';
import { compose, type ColumnState } from './page';
import type { TextSetter } from './set-text';
import { buildSlots, type ColumnSpace } from './slots';
import { flowStory, prepareStory, type FlowItem } from './story';
import type { PlacedPage } from './types';

/** More empty lines than this per story column is a page with a hole in it. */
const UNDERSET_LINES_PER_COLUMN = 4;
const PITCH_STEP = 0.5;
/** Copyfit may add up to this many blank lines before each head (撑版 with air, not with text). */
const MAX_EXTRA_HEAD_SPACE = 2;

/** The story with `extra` more blank lines before every head. */
const withHeadSpace = (items: readonly FlowItem[], extra: number): FlowItem[] =>
  extra === 0 ? [...items] : items.map((item) => (item.keepWithNext ? { ...item, spec: { ...item.spec, spaceBefore: item.spec.spaceBefore + extra } } : item));

export interface PhotoLimits {
  /** Pixel size of each photo (by edition index), orientation applied. */
  readonly pixels: ReadonlyMap<number, { readonly width: number; readonly height: number }>;
  /** Resolution a photo must keep at its placed size. */
  readonly minPpi: number;
}

/**
 * Grid lines a photo may grow before its crop falls below `minPpi`; negative when even the
 * template's frame is too tall for the photo, which then shrinks instead.
 */
function growLimit(frame: PhotoFrameSpec, grid: PageGrid, limits: PhotoLimits | undefined): number {
  const pixels = limits?.pixels.get(frame.photo);
  if (!pixels) return frame.growLines;
  const step = grid.spec.columnWidth + grid.spec.gutter;
  const width = frame.inStory ? frame.inStory.widthColumns * step - grid.spec.gutter : grid.rangeWidth(frame.columns);
  // A frame wider than the photo holds at minPpi gets the best resolution its width allows.
  const reachable = Math.min(limits!.minPpi, (pixels.width * 72) / width);
  const maxHeight = (pixels.height * 72) / reachable;
  const maxLines = Math.floor((maxHeight - grid.spec.bodySize) / grid.pitch) + 1;
  const baseLines = Math.max(2, Math.round(width / frame.aspect / grid.pitch));
  return Math.min(frame.growLines, maxLines - baseLines);
}

type Attempt = { composition: ReturnType<typeof compose>; flow: ReturnType<typeof flowStory>; spaces: ColumnSpace[] };
/** A fitted page and the grid lines its story left empty before balancing moved them to the feet. */
type Fitted = { best: Attempt; empty: number };
type AttemptAt = (grow: number, feet?: ReadonlyMap<number, number>) => Attempt;

function withPitch(page: PageSpec, pitch: Pt): PageSpec {
  const lines = Math.floor((page.geometry.typeAreaHeight - page.grid.bodySize) / pitch) + 1;
  return { ...page, grid: { ...page.grid, pitch, lines } };
}

/** The best growth and balance at one pitch. */
function fitAtPitch(page: PageSpec, setter: TextSetter, prepared: readonly FlowItem[], limits: PhotoLimits | undefined): Fitted {
  const grid = new PageGrid(page.geometry, page.grid);
  const limited: PageSpec = { ...page, blocks: page.blocks.map((b) => (b.kind === 'photo' ? { ...b, growLines: growLimit(b, grid, limits) } : b)) };
  const storyColumns = page.story ? grid.columnsOf(page.story.columns) : [];
  // The composition depends on the growth only; balancing tries many feet for the same growth.
  const compositions = new Map<number, ReturnType<typeof compose>>();
  const attempt: AttemptAt = (grow, feet = new Map()) => {
    let composition = compositions.get(grow);
    if (!composition) compositions.set(grow, (composition = compose(limited, setter, grow)));
    const spaces: ColumnSpace[] = storyColumns.map((column) => {
      const state = composition.columns[column - 1] as ColumnState;
      return { column, top: state.top, bottom: Math.min(state.bottom, feet.get(column) ?? Infinity) };
    });
    const slots = buildSlots(spaces, composition.obstacles, composition.grid);
    return { composition, flow: flowStory(prepared, slots, composition.grid, `page ${page.number} story`), spaces };
  };
  const maxGrow = Math.max(0, ...limited.blocks.map((b) => b.growLines));
  let best = attempt(0);
  let grow = 0;
  if (best.flow.oversetLines === 0 && maxGrow > 0) {
    let low = 0;
    let high = maxGrow;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      const trial = attempt(mid);
      if (trial.flow.oversetLines === 0) { low = mid; best = trial; } else { high = mid - 1; }
    }
    grow = low;
  }
  const empty = best.flow.slack;
  if (page.story?.balance && best.flow.oversetLines === 0) best = balance(best, grow, attempt);
  return { best, empty };
}

/** The page with every block and photo in its `variant`-th column choice (or its last one). */
function arrangement(page: PageSpec, variant: number): PageSpec {
  if (variant === 0) return page;
  return {
    ...page,
    blocks: page.blocks.map((b) => ({ ...b, columns: b.columnChoices[Math.min(variant, b.columnChoices.length - 1)] ?? b.columns })),
  };
}

/** One arrangement: the leading that leaves least room empty, then more air before heads. */
function fitArrangement(page: PageSpec, setter: TextSetter, prepared: readonly FlowItem[], limits: PhotoLimits | undefined, columnCount: number): { fitted: Fitted; pitch: Pt } {
  let fitted = fitAtPitch(page, setter, prepared, limits);
  let pitch = page.grid.pitch;
  // Open the leading while that leaves less of the columns empty (compared in pt, not lines).
  for (let candidate = pitch + PITCH_STEP; fitted.best.flow.oversetLines === 0 && candidate <= page.grid.pitchMax + 1e-9; candidate += PITCH_STEP) {
    const trial = fitAtPitch(withPitch(page, pt(candidate)), setter, prepared, limits);
    if (trial.best.flow.oversetLines > 0) break;
    if (trial.empty * candidate < fitted.empty * pitch) { fitted = trial; pitch = pt(candidate); }
  }
  // Still room to spare: give the heads more air, as a desk would.
  for (let extra = 1; extra <= MAX_EXTRA_HEAD_SPACE && fitted.empty > UNDERSET_LINES_PER_COLUMN * columnCount; extra++) {
    const trial = fitAtPitch(withPitch(page, pitch), setter, withHeadSpace(prepared, extra), limits);
    if (trial.best.flow.oversetLines > 0) break;
    if (trial.empty < fitted.empty) fitted = trial;
  }
  return { fitted, pitch };
}

export function layoutPage(
  page: PageSpec, setter: TextSetter, palette: ReadonlyMap<string, Cmyk>, limits?: PhotoLimits,
): { page: PlacedPage; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const story = page.story;
  const prepared: FlowItem[] = [];
  if (story) {
    const set = prepareStory(story, setter, new PageGrid(page.geometry, page.grid));
    prepared.push(...set.items);
    diagnostics.push(...set.diagnostics);
  }
  const columnCount = story ? story.columns.last - story.columns.first + 1 : 0;
  // The template may offer column alternatives for its blocks and photos; try each arrangement.
  const variants = Math.max(1, ...page.blocks.map((b) => b.columnChoices.length));
  let fitted: Fitted | undefined;
  let pitch = page.grid.pitch;
  for (let variant = 0; variant < variants; variant++) {
    const trial = fitArrangement(arrangement(page, variant), setter, prepared, limits, columnCount);
    const better = !fitted
      || (fitted.best.flow.oversetLines > 0 && trial.fitted.best.flow.oversetLines < fitted.best.flow.oversetLines)
      || (trial.fitted.best.flow.oversetLines === 0 && trial.fitted.empty * trial.pitch < fitted.empty * pitch - 1e-6);
    if (better) { fitted = trial.fitted; pitch = trial.pitch; }
  }
  if (!fitted) throw new Error('no arrangement was tried');
  const best = fitted.best;
  diagnostics.push(...best.composition.diagnostics, ...best.flow.diagnostics);
  if (story && best.flow.oversetLines === 0 && fitted.empty > UNDERSET_LINES_PER_COLUMN * columnCount) {
    diagnostics.push({
      severity: 'warning', code: 'underset', source: story.source,
      message: `page ${page.number}: the story leaves ${fitted.empty} grid lines of its columns empty even with every photo at its largest and the leading at ${pitch} pt`,
      hint: 'add text, give photos more room to grow in the template, or choose a template with fewer columns',
    });
  }
  const grid = best.composition.grid;
  return {
    diagnostics,
    page: {
      number: page.number,
      geometry: page.geometry,
      items: [...best.composition.items, ...best.flow.items],
      columns: grid.columnsOf({ first: 1, last: page.grid.columns }).map((c) => ({ left: grid.columnLeft(c), right: grid.columnRight(c) })),
      pitch,
      palette,
    },
  };
}

/**
 * Balances the story's last columns: the trailing columns that share the last column's foot are
 * cut to the lowest common foot at which the story still fits, then the earlier of them one line
 * shorter each while it still fits, so they end within a line of each other instead of one
 * column running short.
 */
function balance(fitted: Attempt, grow: number, attempt: AttemptAt): Attempt {
  const spaces = fitted.spaces;
  const last = spaces[spaces.length - 1];
  if (!last) return fitted;
  const group: number[] = [];
  for (let i = spaces.length - 1; i >= 0 && (spaces[i] as ColumnSpace).bottom === last.bottom; i--) group.unshift((spaces[i] as ColumnSpace).column);
  if (group.length < 2) return fitted;
  const feetAt = (foot: number, shorter = 0) => new Map(group.map((column, i) => [column, i < shorter ? foot - 1 : foot]));
  let low = Math.max(...spaces.filter((s) => group.includes(s.column)).map((s) => s.top));
  let high = last.bottom;
  let best = fitted;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const trial = attempt(grow, feetAt(mid));
    if (trial.flow.oversetLines === 0) { high = mid; best = trial; } else { low = mid + 1; }
  }
  // Keep rules can leave a foot empty; among nearby cuts take the one whose feet differ least.
  const spread = (trial: Attempt): number => {
    const feet = group.map((column) => Math.max(-Infinity, ...trial.flow.items
      .filter((item) => item.kind === 'text' && Math.abs(item.x - (trial.composition.grid.columnLeft(column))) < trial.composition.grid.spec.columnWidth)
      .map((item) => (item.kind === 'text' ? item.baseline : 0))));
    const used = feet.filter((f) => f > -Infinity);
    return used.length === 0 ? 0 : Math.max(...used) - Math.min(...used);
  };
  let bestSpread = spread(best);
  for (let foot = high; foot <= Math.min(last.bottom, high + 2); foot++) {
    for (let shorter = 0; shorter < group.length; shorter++) {
      const trial = attempt(grow, feetAt(foot, shorter));
      if (trial.flow.oversetLines > 0) continue;
      const s = spread(trial);
      if (s < bestSpread - 1e-6) { best = trial; bestSpread = s; }
    }
  }
  return best;
}
