/**
 * Total area coverage from what the render stage paints, without rendering: the paint is ours
 * (vector colours in DeviceCMYK, in a known order) and each photo's largest C+M+Y+K was measured
 * on its encoded JPEG by the images stage. Where things stack, the rules are the render stage's:
 * black-only text and rules overprint (OPM 1), so their K lands on the C, M and Y of whatever lies
 * under them; everything else knocks out what lies under it. The answer is an upper bound: an
 * overprint counts every item its box touches, and a photo under black counts its whole maximum.
 */
import type { PreparedPhoto } from '../images';
import type { InkedText } from '../layout/resolve-colours';
import type { PlacedItem, PlacedPage } from '../layout/types';
import { BLACK, isBlackOnly, totalInk } from '../render/colour';
import type { Cmyk } from '../template/types';
import { boundsOf, type Box } from './checks-page';

/** Ink of the render stage's "photo missing" cross (magenta). */
const MISSING_PHOTO_INK = 100;

interface PaintedMark {
  readonly box: Box;
  /** C+M+Y+K of the mark where nothing lies under it. */
  readonly ink: number;
  /** C+M+Y the mark leaves for an overprint above it (a photo: its whole measured maximum). */
  readonly underInk: number;
  /** K of a black-only overprinting mark; undefined for a mark that knocks out. */
  readonly overprintK?: number;
  readonly what: string;
}

export interface PaintedInk {
  readonly maxInk: number;
  /** Which mark reaches it, e.g. "box 12" or "text 头版 over box 3". */
  readonly where: string;
}

const cmy = (colour: Cmyk): number => colour.c + colour.m + colour.y;

function marksOf(item: PlacedItem, index: number, page: PlacedPage, photos: ReadonlyMap<number, PreparedPhoto>): PaintedMark[] {
  const box = boundsOf(item);
  const vector = (colour: Cmyk, overprints: boolean, markBox: Box = box): PaintedMark => ({
    box: markBox, ink: totalInk(colour), underInk: cmy(colour), what: `${item.kind} ${index + 1}`,
    ...(overprints && isBlackOnly(colour) ? { overprintK: colour.k } : {}),
  });
  switch (item.kind) {
    case 'text': {
      // Layout resolved each run's colour to the ink render paints; a bare page model still has names.
      const inks = 'inks' in item ? (item as InkedText).inks : item.line.runs.map((run) => page.palette.get(run.color ?? 'black') ?? BLACK);
      return inks.map((ink) => vector(ink, true));
    }
    case 'rule':
      return [vector(item.color, true)];
    case 'box': {
      const half = item.strokeWidth / 2;
      const stroked: Box = { x0: box.x0 - half, y0: box.y0 - half, x1: box.x1 + half, y1: box.y1 + half };
      return [
        ...(item.fill ? [vector(item.fill, false)] : []),
        ...(item.stroke && item.strokeWidth > 0 ? [vector(item.stroke, false, stroked)] : []),
      ];
    }
    case 'photo': {
      const photo = photos.get(item.photo);
      const ink = photo ? photo.maxInk : MISSING_PHOTO_INK;
      return [{ box, ink, underInk: ink, what: `photo ${item.photo + 1}` }];
    }
  }
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The largest C+M+Y+K anywhere on the page as painted (inside the bleed; the marks lie outside it). */
export function paintedInk(page: PlacedPage, photos: ReadonlyMap<number, PreparedPhoto>): PaintedInk {
  const marks = page.items.flatMap((item, index) => marksOf(item, index, page, photos));
  let best: PaintedInk = { maxInk: 0, where: 'nothing painted' };
  // Marks that leave C, M or Y for an overprint to land on: few on a page (tints, photos, colour).
  const coloured: PaintedMark[] = [];
  for (const mark of marks) {
    if (mark.ink > best.maxInk) best = { maxInk: mark.ink, where: mark.what };
    if (mark.overprintK !== undefined) {
      for (const under of coloured) {
        const stacked = under.underInk + mark.overprintK;
        if (stacked > best.maxInk && overlaps(mark.box, under.box)) best = { maxInk: stacked, where: `${mark.what} overprinting ${under.what}` };
      }
    } else if (mark.underInk > 0) {
      coloured.push(mark);
    }
  }
  return best;
}
