/**
 * Elements that collide, and captions that do not stand against their photos. A template asks
 * for text over a box only as an inset inside its tinted box, and for rules anywhere; every other
 * overlap is a fault a reader would see.
 */
import type { PlacedItem, PlacedPage, PlacedPhoto, PlacedText } from '../layout/types';
import { check, type PreflightCheck } from './check';
import type { Box } from './checks-page';
import type { LayoutRules } from './checks-layout';
import { captionPhoto, contains, mmText, overlapOf, photoName, type PageElement } from './layout-elements';

/** Findings per page beyond which overlaps are counted, not listed one by one. */
const MAX_LISTED = 20;

/** Why two overlapping items are a fault, or undefined when the template asked for it. */
function conflict(a: PageElement & { item: PlacedItem }, b: PageElement & { item: PlacedItem }, tolerance: number): string | undefined {
  const [first, second] = a.item.kind <= b.item.kind ? [a, b] : [b, a];
  const pair = `${first.item.kind}/${second.item.kind}`;
  switch (pair) {
    case 'box/box': return first.item.kind === 'box' && second.item.kind === 'box' && first.item.fill && second.item.fill ? 'tinted box over tinted box' : undefined;
    case 'box/photo': return 'photo over a box';
    case 'box/text': {
      const text = second.item as PlacedText;
      return text.role === 'inset' && contains(first.box, second.box, tolerance) ? undefined : `${text.role} text over a box`;
    }
    case 'photo/photo': return 'photo over a photo';
    case 'photo/text': return `${(second.item as PlacedText).role} text over a photo`;
    case 'text/text': return `${(first.item as PlacedText).role} text over ${(second.item as PlacedText).role} text`;
    default: return undefined; // rules may cross anything
  }
}

export function overlapChecks(page: PlacedPage, elements: readonly PageElement[], rules: LayoutRules): PreflightCheck[] {
  const tolerance = rules.layoutTolerance;
  const items = elements.filter((e): e is PageElement & { item: PlacedItem } => e.item !== undefined && e.item.kind !== 'rule')
    .sort((a, b) => a.box.y0 - b.box.y0);
  const found: PreflightCheck[] = [];
  let unlisted = 0;
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    for (let j = i + 1; j < items.length && items[j]!.box.y0 < a.box.y1 - tolerance; j++) {
      const b = items[j]!;
      const o = overlapOf(a.box, b.box);
      if (o.x <= tolerance || o.y <= tolerance) continue;
      const reason = conflict(a, b, tolerance);
      if (!reason) continue;
      if (found.length >= MAX_LISTED) { unlisted++; continue; }
      found.push(check({
        check: 'layout-overlap', page: page.number, status: 'fail', item: `${a.name} / ${b.name}`,
        ...(sourceOf(a.item) ?? sourceOf(b.item) ? { source: (sourceOf(a.item) ?? sourceOf(b.item))! } : {}),
        measured: { overlapX: Math.round(o.x * 10) / 10, overlapY: Math.round(o.y * 10) / 10 },
        message: `${reason}: ${a.name} and ${b.name} overlap by ${o.x.toFixed(1)} × ${o.y.toFixed(1)} pt at y=${mmText(Math.max(a.box.y0, b.box.y0))}`,
      }));
    }
  }
  if (unlisted) found.push(check({ check: 'layout-overlap', page: page.number, status: 'fail', measured: unlisted, message: `and ${unlisted} more overlaps on this page` }));
  if (!found.length) found.push(check({ check: 'layout-overlap', page: page.number, status: 'pass', message: 'no element overlaps another but inset text on its box and rules' }));
  return found;
}

const sourceOf = (item: PlacedItem) => (item.kind === 'text' || item.kind === 'photo' ? item.source : undefined);

const union = (boxes: readonly Box[]): Box => ({
  x0: Math.min(...boxes.map((b) => b.x0)), x1: Math.max(...boxes.map((b) => b.x1)),
  y0: Math.min(...boxes.map((b) => b.y0)), y1: Math.max(...boxes.map((b) => b.y1)),
});

const photoBox = (p: PlacedPhoto): Box => ({ x0: p.x, x1: p.x + p.width, y0: p.y, y1: p.y + p.height });

/** How a caption block stands against a photo: 'below' or 'beside' within one grid line, or why not. */
function standing(caption: Box, photo: Box, pitch: number, tolerance: number): { ok: boolean; gapLines: number } {
  const below = caption.y0 - photo.y1;
  const withinWidth = caption.x0 >= photo.x0 - tolerance && caption.x1 <= photo.x1 + tolerance;
  if (withinWidth && below >= -tolerance && below <= pitch + tolerance) return { ok: true, gapLines: below / pitch };
  const beside = caption.x0 >= photo.x1 - tolerance ? caption.x0 - photo.x1 : photo.x0 - caption.x1;
  const withinHeight = caption.y0 >= photo.y0 - tolerance && caption.y1 <= photo.y1 + tolerance;
  if (withinHeight && beside >= -tolerance && beside <= pitch + tolerance) return { ok: true, gapLines: beside / pitch };
  return { ok: false, gapLines: (withinHeight ? beside : below) / pitch };
}

/** Each caption directly below or beside its own photo, within one grid line and its extent, its lines together. */
export function captionChecks(page: PlacedPage, elements: readonly PageElement[], rules: LayoutRules): PreflightCheck[] {
  const tolerance = rules.layoutTolerance;
  const groups = new Map<string, { item: PlacedText; box: Box; name: string }[]>();
  for (const e of elements) {
    if (e.item?.kind !== 'text' || e.item.role !== 'caption') continue;
    const list = groups.get(e.item.story) ?? [];
    list.push({ item: e.item, box: e.box, name: e.name });
    groups.set(e.item.story, list);
  }
  const photos = page.items.filter((i): i is PlacedPhoto => i.kind === 'photo');
  const found: PreflightCheck[] = [];
  for (const [story, lines] of groups) {
    const first = lines[0]!;
    const base = { check: 'caption-placement', page: page.number, item: first.name, ...(first.item.source ? { source: first.item.source } : {}) };
    const index = captionPhoto(first.item);
    const photo = index === undefined ? undefined : photos.find((p) => p.photo === index);
    if (index === undefined || !photo) {
      found.push(check({ ...base, status: 'fail', message: index === undefined ? `caption lines of "${story}" name no photo` : `the caption of ${photoName(index)} stands on page ${page.number}, but ${photoName(index)} is not on this page` }));
      continue;
    }
    const block = union(lines.map((l) => l.box));
    const sorted = [...lines].sort((a, b) => a.box.y0 - b.box.y0);
    const apart = sorted.find((l, k) => k > 0 && l.box.y0 - sorted[k - 1]!.box.y1 > page.pitch + tolerance);
    const against = standing(block, photoBox(photo), page.pitch, tolerance);
    const at = `at ${mmText(block.x0)}, ${mmText(block.y0)}`;
    if (apart) {
      found.push(check({ ...base, status: 'fail', message: `a line of the caption of ${photoName(index)} ("${apart.item.line.text}") stands apart from the others, at y=${mmText(apart.box.y0)}` }));
    } else if (!against.ok) {
      const under = photos.find((p) => p !== photo && standing(block, photoBox(p), page.pitch, tolerance).ok);
      const why = under ? `it stands against ${photoName(under.photo)} instead` : `it stands ${against.gapLines.toFixed(1)} lines from ${photoName(index)} or outside its width`;
      found.push(check({ ...base, status: 'fail', measured: Math.round(against.gapLines * 10) / 10, message: `the caption of ${photoName(index)} (${at}) does not stand against ${photoName(index)}: ${why}; a caption goes directly below or beside its photo, within one grid line and within its width` }));
    } else {
      found.push(check({ ...base, status: 'pass', measured: Math.round(against.gapLines * 10) / 10, message: `the caption stands against ${photoName(index)}, ${against.gapLines.toFixed(1)} lines from it` }));
    }
  }
  return found;
}
