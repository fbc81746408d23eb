/**
 * Hand-made placed pages on the sample's broadsheet grid (390 × 543 mm, 8 columns of 13 字 at
 * 9 pt, 18 pt pitch), for checks that work on the page model. Grid line k is the k-th 18 pt slot
 * from the type area's top; a body line's baseline sits 14 pt into its slot.
 */
import type { OpenArea, PlacedItem, PlacedPage, PlacedPhoto, PlacedText, TextRole } from '../../src/layout/types';
import type { Cmyk, PageGeometry } from '../../src/template/types';
import type { LineBox } from '../../src/typeset/types';
import type { Pt } from '../../src/units';

const p = (v: number) => v as Pt;
const MM = 72 / 25.4;

export const geometry: PageGeometry = {
  trimWidth: p(390 * MM), trimHeight: p(543 * MM), bleed: p(3 * MM),
  marginTop: p(20 * MM), marginRight: p(20 * MM), marginBottom: p(23 * MM), marginLeft: p(20 * MM),
  typeAreaWidth: p(350 * MM), typeAreaHeight: p(500 * MM),
};
export const PITCH = 18;
/** Grid lines that fit in the type area. */
export const LINES = Math.floor(geometry.typeAreaHeight / PITCH);
const COLUMN_WIDTH = 117;
const GUTTER = (geometry.typeAreaWidth - 8 * COLUMN_WIDTH) / 7;
export const columns = Array.from({ length: 8 }, (_, i) => ({
  left: p(geometry.marginLeft + i * (COLUMN_WIDTH + GUTTER)), right: p(geometry.marginLeft + i * (COLUMN_WIDTH + GUTTER) + COLUMN_WIDTH),
}));
const palette = new Map<string, Cmyk>([['black', { c: 0, m: 0, y: 0, k: 100 }], ['tint', { c: 0, m: 6, y: 16, k: 0 }]]);

export const slotTop = (line: number): number => geometry.marginTop + line * PITCH;
const baseline = (line: number): number => slotTop(line) + 14;
/** Left edge of column `first` (1-based) and the width through column `last`. */
const span = (first: number, last: number) => ({ x: columns[first - 1]!.left, width: columns[last - 1]!.right - columns[first - 1]!.left });

function lineBox(text: string, size: number, width: number): LineBox {
  return { runs: [{ font: 'song', size: p(size), color: 'black', glyphs: [] }], measure: p(width), start: p(0), end: p(width), size: p(size), isFirst: true, isLast: true, text };
}

export function text(role: TextRole, story: string, words: string, column: number, line: number, options: { size?: number; lastColumn?: number; inset?: number } = {}): PlacedText {
  const { x, width } = span(column, options.lastColumn ?? column);
  const inset = options.inset ?? 0;
  return {
    kind: 'text', role, story, line: lineBox(words, options.size ?? 9, width - 2 * inset), x: p(x + inset), baseline: p(baseline(line)),
    source: { file: 'manuscript.txt', line: 10 + line },
  };
}

/** Body lines of one column on grid lines from..to−1. */
export const body = (column: number, from: number, to: number): PlacedText[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, k) => text('body', 'story', `正文第${from + k}行，列${column}。`, column, from + k));

/** A photo over grid lines from..to−1, columns first..last. */
export function photo(index: number, first: number, last: number, from: number, to: number): PlacedPhoto {
  const { x, width } = span(first, last);
  return { kind: 'photo', photo: index, x: p(x), y: p(slotTop(from)), width: p(width), height: p((to - from) * PITCH), source: { file: 'edition.yaml', line: 20 + index } };
}

export const caption = (index: number, column: number, line: number, lastColumn = column): PlacedText =>
  text('caption', `caption ${index}`, `图${index + 1}说明 ■记者 摄`, column, line, { size: 8, lastColumn });

export const tintedBox = (column: number, from: number, to: number): PlacedItem => {
  const { x, width } = span(column, column);
  return { kind: 'box', x: p(x), y: p(slotTop(from)), width: p(width), height: p((to - from) * PITCH), fill: palette.get('tint')!, strokeWidth: p(0) };
};

/** The 报眉 on grid line 0 and its rule across the type area on line 1. */
export const header = (): PlacedItem[] => [
  text('header', 'header', '衡南日报', 1, 0, { size: 14 }),
  { kind: 'rule', x1: p(geometry.marginLeft), x2: p(geometry.marginLeft + geometry.typeAreaWidth), y1: p(slotTop(1) + 9), y2: p(slotTop(1) + 9), width: p(0.75), color: palette.get('black')! },
];

/** Body text in every column from grid line 2 to the foot, except where `skip` says (column → lines). */
export function fullPage(skip: (column: number, line: number) => boolean = () => false): PlacedItem[] {
  return [...header(), ...columns.flatMap((_, i) => body(i + 1, 2, LINES).filter((t) => !skip(i + 1, lineOf(t))))];
}

const lineOf = (t: PlacedText): number => Math.round((t.baseline - 14 - geometry.marginTop) / PITCH);

/** An open area over columns first..last from grid line `from` to the foot. */
export function openArea(first: number, last: number, from: number): OpenArea {
  const { x, width } = span(first, last);
  const lines = LINES - from;
  return { x: p(x), y: p(slotTop(from)), width: p(width), height: p(geometry.marginTop + geometry.typeAreaHeight - slotTop(from)), columns: { first, last }, lines, bodyChars: lines * 13 * (last - first + 1) };
}

export const placedPage = (items: readonly PlacedItem[], extra: Partial<PlacedPage> = {}): PlacedPage => ({
  number: 4, geometry, items, columns, pitch: p(PITCH), palette, ...extra,
});
