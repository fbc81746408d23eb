/**
 * Photo frames that follow their photo: the shape class of its pixels, the frame aspect that
 * crops least, the columns a plan allows for that shape, the grid lines it takes, and what the
 * frame costs in crop and resolution. No I/O: pixel sizes come from the images stage.
 */
import type { ColumnRange, FrameSpec, PhotoShape } from '../template/types';
import { pt, type Pt } from '../units';
import type { PageGrid } from './grid';

export interface PhotoPixels { readonly width: number; readonly height: number }

/** 2:1 or wider is a panorama (a band across the module); nearly square photos get square frames. */
const PANORAMA_FROM = 1.95;
const SQUARE_WITHIN = 1.15;

export function shapeOf(pixels: PhotoPixels | undefined): PhotoShape {
  if (!pixels) return 'landscape';
  const aspect = pixels.width / pixels.height;
  if (aspect >= PANORAMA_FROM) return 'panorama';
  if (aspect > SQUARE_WITHIN) return 'landscape';
  if (aspect < 1 / SQUARE_WITHIN) return 'portrait';
  return 'square';
}

/** The frame aspects a desk uses for each shape; a panorama keeps its own. */
const FRAME_ASPECTS: Readonly<Record<Exclude<PhotoShape, 'panorama'>, readonly number[]>> = {
  landscape: [3 / 2, 4 / 3],
  portrait: [2 / 3, 3 / 4],
  square: [1],
};

/** Share of the photo's area a frame of `frameAspect` cuts away. */
export const cropLoss = (photoAspect: number, frameAspect: number): number =>
  1 - Math.min(frameAspect / photoAspect, photoAspect / frameAspect);

/** The frame aspect that crops least; the photo's own when every standard one crops too much. */
export function frameAspect(pixels: PhotoPixels | undefined, maxCrop: number): number {
  if (!pixels) return 3 / 2;
  const aspect = pixels.width / pixels.height;
  const shape = shapeOf(pixels);
  if (shape === 'panorama') return aspect;
  const best = [...FRAME_ASPECTS[shape]].sort((a, b) => cropLoss(aspect, a) - cropLoss(aspect, b))[0] as number;
  // Keep half the crop allowance for rounding the height to whole grid lines and for growth.
  return cropLoss(aspect, best) <= maxCrop / 2 ? best : aspect;
}

/** Resolution the photo keeps when cropped to cover a frame of this size. */
export function effectivePpi(pixels: PhotoPixels | undefined, width: Pt, height: Pt): number {
  if (!pixels) return Infinity;
  return 72 / Math.max(width / pixels.width, height / pixels.height);
}

/** Height in pt of a photo `lines` grid lines deep (top of the first em box to the foot of the last). */
export const photoHeight = (grid: PageGrid, lines: number): Pt => pt((lines - 1) * grid.pitch + grid.spec.bodySize);

export interface ResolvedFrame {
  readonly photo: number;
  readonly anchor: 'top' | 'bottom' | 'middle';
  readonly side: 'left' | 'right';
  /** Columns the frame stands in (a middle frame: the columns it reaches into). */
  readonly columns: ColumnRange;
  /** Left edge, pt from the trim. */
  readonly x: Pt;
  readonly lines: number;
  readonly width: Pt;
  readonly height: Pt;
  readonly ppi: number;
  readonly crop: number;
  readonly spaceAfter: number;
}

export interface FrameContext {
  readonly grid: PageGrid;
  readonly module: ColumnRange;
  readonly minPpi: number;
  readonly maxCrop: number;
}

/** Column counts the frame allows for this photo, smallest first, within the module. */
export function spanChoices(frame: FrameSpec, pixels: PhotoPixels | undefined, moduleColumns: number): number[] {
  const spans = frame.spans[shapeOf(pixels)].map((span) => (span === 0 ? moduleColumns : Math.min(span, moduleColumns)));
  return [...new Set(spans)].sort((a, b) => a - b);
}

/**
 * The frame at size step `level` (0 = smallest width the plan allows), stepped down while the
 * photo would fall below `minPpi`, `grow` grid lines deeper (or shallower) than its aspect gives,
 * as far as the crop allowance and the resolution floor permit.
 */
export function resolveFrame(
  frame: FrameSpec, photo: number, pixels: PhotoPixels | undefined, level: number, grow: number, context: FrameContext, previous?: ResolvedFrame,
): ResolvedFrame {
  const { grid, module } = context;
  const moduleColumns = module.last - module.first + 1;
  const choices = spanChoices(frame, pixels, moduleColumns);
  const aspect = frameAspect(pixels, context.maxCrop);
  const widthOf = (span: number): Pt => grid.rangeWidth({ first: 1, last: span });
  const baseLines = (width: Pt): number => Math.max(2, Math.round((width / aspect - grid.spec.bodySize) / grid.pitch) + 1);
  let index = Math.min(level, choices.length - 1);
  while (index > 0 && effectivePpi(pixels, widthOf(choices[index] as number), photoHeight(grid, baseLines(widthOf(choices[index] as number)))) < context.minPpi) index--;
  let span = choices[index] as number;
  // A small photo gets a frame it can fill at the floor, narrower than the plan's narrowest if need be.
  while (span > 1 && effectivePpi(pixels, widthOf(span), photoHeight(grid, baseLines(widthOf(span)))) < context.minPpi) span -= 1;
  // A frame in a row starts right of the one before it (or ends left of it) and keeps within the module.
  const next = previous ? previous.columns.last + 1 : undefined;
  const after = frame.side === 'after' && next !== undefined && next <= module.last ? next : undefined;
  if (after !== undefined) span = Math.max(1, Math.min(span, module.last - after + 1));
  const end = frame.side === 'before' && previous && previous.columns.first - 1 >= module.first ? previous.columns.first - 1 : undefined;
  if (end !== undefined) span = Math.max(1, Math.min(span, end - module.first + 1));
  const middle = frame.anchor === 'middle' ? middleFrame(grid, module, span, widthOf(span)) : undefined;
  const width = middle?.width ?? widthOf(span);
  const photoAspect = pixels ? pixels.width / pixels.height : aspect;
  let lines = baseLines(width);
  const acceptable = (n: number): boolean => n >= 2
    && cropLoss(photoAspect, width / photoHeight(grid, n)) <= context.maxCrop + 1e-9
    && effectivePpi(pixels, width, photoHeight(grid, n)) >= Math.min(context.minPpi, effectivePpi(pixels, width, photoHeight(grid, lines)));
  for (let step = 0; step < Math.abs(grow); step++) {
    const next = lines + Math.sign(grow);
    if (!acceptable(next)) break;
    lines = next;
  }
  const height = photoHeight(grid, lines);
  if (middle) return { ...middle, photo, anchor: 'middle', side: 'left', lines, height, ...quality(pixels, photoAspect, width, height), spaceAfter: frame.spaceAfter };
  const first = after ?? (end !== undefined ? end - span + 1 : frame.side === 'right' ? module.last - span + 1 : module.first);
  return {
    x: grid.columnLeft(first),
    photo, anchor: frame.anchor, side: frame.side === 'right' || frame.side === 'before' ? 'right' : 'left', columns: { first, last: first + span - 1 }, lines, width, height,
    ppi: effectivePpi(pixels, width, height), crop: cropLoss(photoAspect, width / height), spaceAfter: frame.spaceAfter,
  };
}

const quality = (pixels: PhotoPixels | undefined, photoAspect: number, width: Pt, height: Pt): { ppi: number; crop: number } =>
  ({ ppi: effectivePpi(pixels, width, height), crop: cropLoss(photoAspect, width / height) });

/**
 * A frame centred across the module. When it cannot stand on whole columns (an odd number of
 * columns left beside it), its edges fall inside a column on each side, leaving the text there a
 * whole number of 字 and a gutter: the photo stands mid-column and the story runs around it.
 */
function middleFrame(grid: PageGrid, module: ColumnRange, span: number, spanWidth: Pt): { x: Pt; width: Pt; columns: ColumnRange } {
  const moduleColumns = module.last - module.first + 1;
  const beside = moduleColumns - span;
  if (beside % 2 === 0) {
    const first = module.first + beside / 2;
    return { x: grid.columnLeft(first), width: spanWidth, columns: { first, last: first + span - 1 } };
  }
  const { columnWidth, gutter, bodySize } = grid.spec;
  const first = module.first + (beside - 1) / 2;
  const last = first + span;
  // Text beside the photo: whole 字, about half the column.
  const sideText = Math.max(1, Math.floor((columnWidth - gutter) / 2 / bodySize)) * bodySize;
  const x = pt(grid.columnLeft(first) + sideText + gutter);
  const right = grid.columnRight(last) - sideText - gutter;
  return { x, width: pt(right - x), columns: { first, last } };
}

/** How many distinct size steps a plan's frames offer (the most of any frame). */
export function sizeSteps(frames: readonly FrameSpec[], pixels: readonly (PhotoPixels | undefined)[], moduleColumns: number): number {
  return Math.max(1, ...frames.map((frame, i) => spanChoices(frame, pixels[i], moduleColumns).length));
}
