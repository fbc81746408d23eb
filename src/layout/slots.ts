/**
 * The story's room on a page as a sequence of line slots: one per grid row of each story column,
 * in reading order, with the width left beside any photo that text runs around. Contiguous rows
 * of one column form a segment; text moves from segment to segment as it moves between columns.
 */
import { pt, type Pt } from '../units';
import type { PageGrid } from './grid';

export interface ColumnSpace {
  readonly column: number;
  /** First free grid line. */
  readonly top: number;
  /** One past the last usable grid line. */
  readonly bottom: number;
}

/** Something text runs around: grid rows [fromRow, toRow) and x from left to right (pt from the trim). */
export interface Obstacle {
  readonly fromRow: number;
  readonly toRow: number;
  readonly left: Pt;
  readonly right: Pt;
}

export interface Slot {
  readonly column: number;
  readonly row: number;
  /** Left edge of the line in pt from the trim's left. */
  readonly x: Pt;
  readonly width: Pt;
  readonly segment: number;
}

/** A sliver narrower than this beside a photo is left empty (in body characters). */
const MIN_WRAP_ZI = 4;

export function buildSlots(spaces: readonly ColumnSpace[], obstacles: readonly Obstacle[], grid: PageGrid, wrapMin?: Pt): Slot[] {
  const slots: Slot[] = [];
  const gap = grid.spec.gutter;
  const minWidth = wrapMin ?? MIN_WRAP_ZI * grid.spec.bodySize;
  let segment = -1;
  let previous: { column: number; row: number } | undefined;
  for (const space of spaces) {
    const left = grid.columnLeft(space.column);
    const right = grid.columnRight(space.column);
    for (let row = space.top; row < space.bottom; row++) {
      let from = left;
      let to = right;
      for (const o of obstacles) {
        if (row < o.fromRow || row >= o.toRow || o.right <= left || o.left >= right) continue;
        // Text keeps to the wider side of the photo; CJK columns never run on both sides.
        if (o.left - left >= right - o.right) to = Math.min(to, o.left - gap) as Pt;
        else from = Math.max(from, o.right + gap) as Pt;
      }
      if (to - from < minWidth) { previous = undefined; continue; }
      const width = pt(to - from);
      const continues = previous && previous.column === space.column && previous.row === row - 1;
      if (!continues) segment += 1;
      slots.push({ column: space.column, row, x: pt(from), width, segment });
      previous = { column: space.column, row };
    }
    previous = undefined;
  }
  return slots;
}

export const isSegmentStart = (slots: readonly Slot[], index: number): boolean =>
  index === 0 || slots[index - 1]?.segment !== slots[index]?.segment;

/** Index of the first slot of the next segment after `index`, or slots.length. */
export function nextSegmentStart(slots: readonly Slot[], index: number): number {
  const segment = slots[index]?.segment;
  let i = index;
  while (i < slots.length && slots[i]?.segment === segment) i++;
  return i;
}

/** Slots left in the segment that holds `index`, `index` included. */
export const roomInSegment = (slots: readonly Slot[], index: number): number => nextSegmentStart(slots, index) - index;
