/**
 * Printer's marks, all between the BleedBox and the MediaBox: crop marks at the trim corners,
 * registration targets in the registration colour, a CMYK control strip and the slug line.
 * Marks are planned as data first (pt, media top-left) so preflight and tests can check where
 * they are without reading the PDF back.
 */
import type { Cmyk } from '../template/types';
import { BLACK } from './colour';
import type { Painter, Shape } from './painter';

/** The trim on the media (top-left coordinates) and the bleed around it. */
export interface TrimFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly bleed: number;
}

export interface Rect { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

export type Mark =
  | { readonly kind: 'crop'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly bounds: Rect }
  | { readonly kind: 'registration'; readonly cx: number; readonly cy: number; readonly bounds: Rect }
  | { readonly kind: 'patch'; readonly colour: Cmyk; readonly label: string; readonly bounds: Rect }
  | { readonly kind: 'slug'; readonly text: string; readonly colour: Cmyk; readonly size: number; readonly bounds: Rect };

export const MARK_WIDTH = 0.25; // pt: the thinnest rule the press holds, and the brief's minimum
const GAP = 3; // pt between the bleed edge and the nearest mark
const CROP_LENGTH = 20;
const TARGET_RADIUS = 5;
const TARGET_ARM = 8;
const PATCH = { width: 14, height: 12 };
const SLUG_SIZE = 6;

/**
 * Control strip after CY/T 197-2019 Annex B in spirit (its exact patch list is not to hand):
 * solids, the 40 % and 80 % tints that ISO 12647-3 uses for tone value increase, two-colour
 * overprints, and a three-colour grey beside the black tint it should match. Nothing above
 * 200 % total ink.
 */
export const CONTROL_PATCHES: readonly { readonly label: string; readonly colour: Cmyk }[] = [
  { label: 'C100', colour: { c: 100, m: 0, y: 0, k: 0 } },
  { label: 'M100', colour: { c: 0, m: 100, y: 0, k: 0 } },
  { label: 'Y100', colour: { c: 0, m: 0, y: 100, k: 0 } },
  { label: 'K100', colour: { c: 0, m: 0, y: 0, k: 100 } },
  { label: 'C80', colour: { c: 80, m: 0, y: 0, k: 0 } },
  { label: 'M80', colour: { c: 0, m: 80, y: 0, k: 0 } },
  { label: 'Y80', colour: { c: 0, m: 0, y: 80, k: 0 } },
  { label: 'K80', colour: { c: 0, m: 0, y: 0, k: 80 } },
  { label: 'C40', colour: { c: 40, m: 0, y: 0, k: 0 } },
  { label: 'M40', colour: { c: 0, m: 40, y: 0, k: 0 } },
  { label: 'Y40', colour: { c: 0, m: 0, y: 40, k: 0 } },
  { label: 'K40', colour: { c: 0, m: 0, y: 0, k: 40 } },
  { label: 'M+Y', colour: { c: 0, m: 100, y: 100, k: 0 } },
  { label: 'C+Y', colour: { c: 100, m: 0, y: 100, k: 0 } },
  { label: 'C+M', colour: { c: 100, m: 100, y: 0, k: 0 } },
  { label: 'CMY grey', colour: { c: 40, m: 30, y: 30, k: 0 } },
  { label: 'K grey', colour: { c: 0, m: 0, y: 0, k: 40 } },
];

/** The plate labels in the slug, each printed in its own ink so every plate shows its name. */
export const PLATES: readonly { readonly label: string; readonly colour: Cmyk }[] = [
  { label: 'C', colour: { c: 100, m: 0, y: 0, k: 0 } },
  { label: 'M', colour: { c: 0, m: 100, y: 0, k: 0 } },
  { label: 'Y', colour: { c: 0, m: 0, y: 100, k: 0 } },
  { label: 'K', colour: { c: 0, m: 0, y: 0, k: 100 } },
];

const line = (x1: number, y1: number, x2: number, y2: number): Mark => ({
  kind: 'crop', x1, y1, x2, y2,
  bounds: { x: Math.min(x1, x2) - MARK_WIDTH / 2, y: Math.min(y1, y2) - MARK_WIDTH / 2, width: Math.abs(x2 - x1) + MARK_WIDTH, height: Math.abs(y2 - y1) + MARK_WIDTH },
});

/** `measure(text, size)` is the slug font's advance width, in pt. */
export function planMarks(frame: TrimFrame, slug: string, measure: (text: string, size: number) => number): Mark[] {
  const { left, top, bleed } = frame;
  const right = left + frame.width;
  const bottom = top + frame.height;
  const near = bleed + GAP;
  const far = near + CROP_LENGTH;
  const marks: Mark[] = [];
  for (const [x, y, dx, dy] of [[left, top, -1, -1], [right, top, 1, -1], [left, bottom, -1, 1], [right, bottom, 1, 1]] as const) {
    marks.push(line(x + dx * near, y, x + dx * far, y), line(x, y + dy * near, x, y + dy * far));
  }
  const centreX = (left + right) / 2;
  const centreY = (top + bottom) / 2;
  const distance = near + TARGET_ARM + 1;
  for (const [cx, cy] of [[centreX, top - distance], [centreX, bottom + distance], [left - distance, centreY], [right + distance, centreY]] as const) {
    const reach = TARGET_ARM + MARK_WIDTH / 2;
    marks.push({ kind: 'registration', cx, cy, bounds: { x: cx - reach, y: cy - reach, width: 2 * reach, height: 2 * reach } });
  }
  // The strip runs right of the foot's registration target, clear of the corner's crop mark.
  const stripTop = bottom + near + 2;
  CONTROL_PATCHES.forEach((patch, i) => {
    marks.push({ kind: 'patch', ...patch, bounds: { x: centreX + 3 * TARGET_ARM + i * PATCH.width, y: stripTop, width: PATCH.width, height: PATCH.height } });
  });
  // The slug sits under everything else, and shrinks rather than run past the trim's width.
  const baseline = bottom + far + SLUG_SIZE + 2;
  const plates = PLATES.map((p) => p.label).join(' ');
  const fullWidth = measure(`${slug}  ${plates}`, SLUG_SIZE);
  const size = Math.min(SLUG_SIZE, (SLUG_SIZE * frame.width) / Math.max(fullWidth, 1));
  marks.push({ kind: 'slug', text: slug, colour: BLACK, size, bounds: { x: left, y: baseline - size, width: measure(slug, size), height: size * 1.3 } });
  let x = left + measure(`${slug}  `, size);
  for (const plate of PLATES) {
    marks.push({ kind: 'slug', text: plate.label, colour: plate.colour, size, bounds: { x, y: baseline - size, width: measure(plate.label, size), height: size * 1.3 } });
    x += measure(`${plate.label} `, size);
  }
  return marks;
}

/** `font` is a registered font role that has the slug's characters. */
export function paintMarks<T>(painter: Painter<T>, marks: readonly Mark[], font: string): void {
  const strokes: Shape[] = marks.flatMap((mark): Shape[] => {
    if (mark.kind === 'crop') return [{ kind: 'line', x1: mark.x1, y1: mark.y1, x2: mark.x2, y2: mark.y2 }];
    if (mark.kind !== 'registration') return [];
    return [
      { kind: 'circle', cx: mark.cx, cy: mark.cy, r: TARGET_RADIUS },
      { kind: 'line', x1: mark.cx - TARGET_ARM, y1: mark.cy, x2: mark.cx + TARGET_ARM, y2: mark.cy },
      { kind: 'line', x1: mark.cx, y1: mark.cy - TARGET_ARM, x2: mark.cx, y2: mark.cy + TARGET_ARM },
    ];
  });
  painter.stroke(strokes, MARK_WIDTH, 'registration', false);
  for (const mark of marks) {
    if (mark.kind === 'patch') painter.fill(mark.bounds, mark.colour);
    if (mark.kind === 'slug') painter.label(mark.text, mark.bounds.x, mark.bounds.y + mark.size, font, mark.size, mark.colour);
  }
}
