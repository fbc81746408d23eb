/**
 * The placed page as a reader sees it: every element with the area it marks and a name a desk
 * understands ("photo 3", "head “A 撸起袖子…”", "the page header"), for the layout checks.
 */
import type { PlacedItem, PlacedPage, PlacedText } from '../layout/types';
import { boundsOf, type Box } from './checks-page';
import { pt, ptToMm } from '../units';

export interface PageElement {
  readonly name: string;
  readonly box: Box;
  /** Absent for the title block, which stands for several items. */
  readonly item?: PlacedItem;
}

export const mmText = (value: number): string => `${ptToMm(pt(value)).toFixed(1)} mm`;

/** Photos are numbered from 1 for the desk, as in the edition file and the other checks. */
export const photoName = (index: number): string => `photo ${index + 1}`;

const quoted = (text: string): string => `“${text.length > 12 ? `${text.slice(0, 12)}…` : text}”`;

function textName(item: PlacedText): string {
  switch (item.role) {
    case 'header': return 'the page header';
    case 'display': return `head ${quoted(item.line.text)}`;
    case 'inset': return `inset ${quoted(item.line.text)}`;
    case 'caption': {
      const index = captionPhoto(item);
      return index === undefined ? `caption ${quoted(item.line.text)}` : `caption of ${photoName(index)}`;
    }
    default: return `body text ${quoted(item.line.text)}`;
  }
}

/** The photo a caption line belongs to: layout names its story `caption <photo index>`. */
export function captionPhoto(item: PlacedText): number | undefined {
  const match = /^caption (\d+)$/.exec(item.story);
  return match ? Number(match[1]) : undefined;
}

const isHorizontalRule = (item: PlacedItem): item is Extract<PlacedItem, { kind: 'rule' }> =>
  item.kind === 'rule' && Math.abs(item.y1 - item.y2) < 1;

/**
 * Items with their areas and names. A rule just under the header text is the header's own rule
 * (报眉线). A title block closed by a rule across the type area is one designed element: its
 * centred lines leave white at their sides on purpose, which is no hole.
 */
export function pageElements(page: PlacedPage): PageElement[] {
  const boxes = page.items.map(boundsOf);
  const headerBottom = Math.max(-Infinity, ...page.items.flatMap((item, i) => (item.kind === 'text' && item.role === 'header' ? [boxes[i]!.y1] : [])));
  const isHeaderRule = (item: PlacedItem, box: Box) => isHorizontalRule(item) && box.y0 >= headerBottom - 1 && box.y0 <= headerBottom + page.pitch;
  const elements: PageElement[] = page.items.flatMap((item, i) => {
    if (item.kind === 'text' && !item.line.text.trim()) return [];
    const box = boxes[i]!;
    const name = item.kind === 'text' ? textName(item) : item.kind === 'photo' ? photoName(item.photo)
      : item.kind === 'rule' ? (isHeaderRule(item, box) ? 'the page header' : 'rule') : item.fill ? 'tinted box' : 'box';
    return [{ name, box, item }];
  });
  const title = titleBlock(page, elements, headerBottom);
  return title ? [...elements, title] : elements;
}

function titleBlock(page: PlacedPage, elements: readonly PageElement[], headerBottom: number): PageElement | undefined {
  const { marginLeft, marginTop, typeAreaWidth, typeAreaHeight } = page.geometry;
  const isDisplay = (e: PageElement) => e.item?.kind === 'text' && e.item.role === 'display';
  for (const closing of [...elements].sort((a, b) => a.box.y0 - b.box.y0)) {
    const wide = closing.item && isHorizontalRule(closing.item) && closing.box.x1 - closing.box.x0 >= 0.9 * typeAreaWidth;
    if (!wide || closing.name === 'the page header' || closing.box.y0 > marginTop + 0.45 * typeAreaHeight) continue;
    const above = elements.filter((e) => e.box.y1 <= closing.box.y0 + 0.5 && e.box.y0 > headerBottom && e.name !== 'the page header');
    // Only display lines and rules make a title block; body text or a photo above the rule means it closes something else.
    if (!above.some(isDisplay) || !above.every((e) => isDisplay(e) || e.item?.kind === 'rule')) continue;
    const y0 = Math.min(...above.map((e) => e.box.y0));
    return { name: 'the title block', box: { x0: marginLeft, x1: marginLeft + typeAreaWidth, y0, y1: closing.box.y1 } };
  }
  return undefined;
}

/** How far two areas overlap, horizontally and vertically (negative: apart). */
export const overlapOf = (a: Box, b: Box): { x: number; y: number } => ({
  x: Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0),
  y: Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0),
});

export const contains = (outer: Box, inner: Box, tolerance: number): boolean =>
  inner.x0 >= outer.x0 - tolerance && inner.x1 <= outer.x1 + tolerance && inner.y0 >= outer.y0 - tolerance && inner.y1 <= outer.y1 + tolerance;
