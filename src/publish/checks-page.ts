/**
 * Checks on the page model, where each element still knows its manuscript line: colour rules
 * for text and rules, rich black, the safe zone and the trim, marks outside the bleed, photos.
 */
import type { PreparedPhoto } from '../images';
import type { PlacedItem, PlacedPage } from '../layout/types';
import type { Mark, PrintGeometry } from '../render';
import { inkCount, isBlackOnly, totalInk } from '../render/colour';
import type { Cmyk } from '../template/types';
import { check, type PreflightCheck } from './check';
import { pt, ptToMm } from '../units';

export interface PageRules {
  /** Text below this size (pt) must use one ink. */
  readonly smallTextBelow: number;
  /** No rule or stroke thinner than this (pt). */
  readonly minRuleWidth: number;
  /** Rules up to this width (pt) count as hairlines and must use one ink. */
  readonly hairlineUpTo: number;
  /** Distance inside the trim (pt) where text and photos risk the knife. */
  readonly safeZone: number;
  /** The paper's rich black: the only multi-ink black allowed, and only for large areas. */
  readonly richBlack: Cmyk;
  /** Smallest side (pt) of an area that may use rich black. */
  readonly richBlackMinSide: number;
  readonly warnBelowPpi: number;
  readonly failBelowPpi: number;
}

const mm = (v: number) => `${ptToMm(pt(v)).toFixed(1)} mm`;
const cmyk = (c: Cmyk) => `C${c.c} M${c.m} Y${c.y} K${c.k}`;
const isRichBlack = (c: Cmyk) => c.k >= 85 && c.c + c.m + c.y > 0;
const sameColour = (a: Cmyk, b: Cmyk) => a.c === b.c && a.m === b.m && a.y === b.y && a.k === b.k;

export interface Box { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number }

/** The area an item marks: a text line's em box (0.88 above the baseline, 0.12 below), a rule with its width, a frame. */
export function boundsOf(item: PlacedItem): Box {
  switch (item.kind) {
    case 'text': return { x0: item.x + item.line.start, x1: item.x + item.line.end, y0: item.baseline - item.line.size * 0.88, y1: item.baseline + item.line.size * 0.12 };
    case 'rule': return { x0: Math.min(item.x1, item.x2), x1: Math.max(item.x1, item.x2), y0: Math.min(item.y1, item.y2) - item.width / 2, y1: Math.max(item.y1, item.y2) + item.width / 2 };
    default: return { x0: item.x, y0: item.y, x1: item.x + item.width, y1: item.y + item.height };
  }
}

function describe(item: PlacedItem, index: number): string {
  const at = (b: Box) => `at ${mm(b.x0)}, ${mm(b.y0)} from the trim's top-left`;
  switch (item.kind) {
    case 'text': return `text "${item.line.text.slice(0, 16)}${item.line.text.length > 16 ? '…' : ''}" (${item.story}) ${at(boundsOf(item))}`;
    case 'photo': return `photo ${item.photo + 1} ${at(boundsOf(item))}`;
    default: return `${item.kind} ${index + 1} ${at(boundsOf(item))}`;
  }
}

function textColours(page: PlacedPage, item: Extract<PlacedItem, { kind: 'text' }>, index: number, rules: PageRules): PreflightCheck[] {
  const found: PreflightCheck[] = [];
  for (const run of item.line.runs) {
    const colour = page.palette.get(run.color ?? 'black');
    const base = { page: page.number, item: describe(item, index), ...(item.source ? { source: item.source } : {}), measured: run.size };
    if (!colour) {
      found.push(check({ check: 'text-colour', ...base, status: 'fail', message: `colour "${run.color}" is not in the palette` }));
      continue;
    }
    if (item.role === 'body' && !sameColour(colour, { c: 0, m: 0, y: 0, k: 100 })) {
      found.push(check({ check: 'body-text-black', ...base, status: 'fail', message: `body text in ${cmyk(colour)}, not 100 % K` }));
    }
    if (run.size < rules.smallTextBelow && inkCount(colour) > 1) {
      found.push(check({ check: 'small-text-colour', ...base, status: 'fail', message: `${run.size} pt text in ${inkCount(colour)} inks (${cmyk(colour)}); below ${rules.smallTextBelow} pt use one ink` }));
    }
    if (isRichBlack(colour)) {
      found.push(check({ check: 'rich-black', ...base, status: 'fail', message: `text in rich black ${cmyk(colour)}; text is 100 % K` }));
    }
  }
  return found;
}

function strokeChecks(page: PlacedPage, item: PlacedItem, index: number, rules: PageRules): PreflightCheck[] {
  const stroke = item.kind === 'rule' ? { width: item.width, colour: item.color } : item.kind === 'box' && item.stroke && item.strokeWidth > 0 ? { width: item.strokeWidth, colour: item.stroke } : undefined;
  if (!stroke) return [];
  const base = { check: 'hairlines', page: page.number, item: describe(item, index), measured: stroke.width };
  if (stroke.width < rules.minRuleWidth) return [check({ ...base, status: 'fail', message: `${stroke.width} pt rule, below ${rules.minRuleWidth} pt` })];
  if (stroke.width <= rules.hairlineUpTo && inkCount(stroke.colour) > 1) return [check({ ...base, status: 'fail', message: `${stroke.width} pt rule in ${cmyk(stroke.colour)}; thin rules use one ink` })];
  return [];
}

function richBlackArea(page: PlacedPage, item: PlacedItem, index: number, rules: PageRules): PreflightCheck[] {
  if (item.kind !== 'box' || !item.fill || !isRichBlack(item.fill)) return [];
  const base = { check: 'rich-black', page: page.number, item: describe(item, index), measured: totalInk(item.fill) };
  if (!sameColour(item.fill, rules.richBlack)) return [check({ ...base, status: 'fail', message: `rich black ${cmyk(item.fill)} is not the paper's ${cmyk(rules.richBlack)}` })];
  if (Math.min(item.width, item.height) < rules.richBlackMinSide) return [check({ ...base, status: 'fail', message: `rich black on an area ${mm(Math.min(item.width, item.height))} wide; only large areas may use it` })];
  return [];
}

/** Inside the trim but too near it, or crossing it without running on to the bleed edge. */
function placement(page: PlacedPage, item: PlacedItem, index: number, rules: PageRules): PreflightCheck[] {
  const { trimWidth: w, trimHeight: h, bleed } = page.geometry;
  const b = boundsOf(item);
  const source = item.kind === 'text' || item.kind === 'photo' ? item.source : undefined;
  const base = { page: page.number, item: describe(item, index), ...(source ? { source } : {}) };
  const inside = b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h;
  if (!inside) {
    const crosses = b.x1 > 0 && b.y1 > 0 && b.x0 < w && b.y0 < h;
    const reachesBleed = (b.x0 >= 0 || b.x0 <= -bleed) && (b.y0 >= 0 || b.y0 <= -bleed) && (b.x1 <= w || b.x1 >= w + bleed) && (b.y1 <= h || b.y1 >= h + bleed);
    if (!crosses) return [check({ check: 'trim', ...base, status: 'warn', message: 'lies wholly outside the trim and will be cut off' })];
    if (item.kind === 'text' || !reachesBleed) return [check({ check: 'trim', ...base, status: 'fail', message: item.kind === 'text' ? 'text crosses the trim' : 'crosses the trim without running on to the bleed edge' })];
    return [];
  }
  const distance = Math.min(b.x0, b.y0, w - b.x1, h - b.y1);
  if (distance < rules.safeZone && item.kind !== 'box') {
    return [check({ check: 'safe-zone', ...base, status: 'warn', measured: Math.round(ptToMm(pt(distance)) * 10) / 10, message: `${mm(distance)} from the trim, inside the ${mm(rules.safeZone)} safe zone` })];
  }
  return [];
}

export function checkPageModel(page: PlacedPage, rules: PageRules): PreflightCheck[] {
  const found = page.items.flatMap((item, index) => [
    ...(item.kind === 'text' ? textColours(page, item, index, rules) : []),
    ...strokeChecks(page, item, index, rules),
    ...richBlackArea(page, item, index, rules),
    ...placement(page, item, index, rules),
  ]);
  const summaries: [string, string][] = [
    ['body-text-black', 'body text is 100 % K'],
    ['small-text-colour', `text under ${rules.smallTextBelow} pt uses one ink`],
    ['rich-black', 'no rich black text; rich black areas use the paper\'s formula'],
    ['hairlines', `rules are at least ${rules.minRuleWidth} pt; thin rules use one ink`],
    ['trim', 'nothing crosses the trim short of the bleed'],
    ['safe-zone', `no text or photo within ${mm(rules.safeZone)} of the trim`],
  ];
  for (const [name, message] of summaries) {
    if (!found.some((f) => f.check === name)) found.push(check({ check: name, page: page.number, status: 'pass', message }));
  }
  return found;
}

export function checkMarks(page: number | undefined, file: string, marks: readonly Mark[], geometry: PrintGeometry): PreflightCheck {
  // Marks are planned in media top-left coordinates; the boxes are bottom-left.
  const [bx0, by0, bx1, by1] = geometry.bleedBox;
  const top = geometry.mediaHeight - by1;
  const bottom = geometry.mediaHeight - by0;
  const intruders = marks.filter((m) => {
    const r = m.bounds;
    return r.x < bx1 && r.x + r.width > bx0 && r.y < bottom && r.y + r.height > top;
  });
  const offMedia = marks.filter((m) => m.bounds.x < 0 || m.bounds.y < 0 || m.bounds.x + m.bounds.width > geometry.mediaWidth || m.bounds.y + m.bounds.height > geometry.mediaHeight);
  const bad = [...intruders.map((m) => `${m.kind} inside the BleedBox`), ...offMedia.map((m) => `${m.kind} off the media`)];
  return check({
    check: 'marks', ...(page === undefined ? {} : { page }), file, status: bad.length ? 'fail' : 'pass',
    message: bad.length ? bad.join('; ') : `${marks.length} marks (crop, registration, control strip, slug) between the BleedBox and the MediaBox`,
  });
}

export function checkPhoto(page: PlacedPage, item: Extract<PlacedItem, { kind: 'photo' }>, photo: PreparedPhoto | undefined, rules: PageRules): PreflightCheck[] {
  const base = { page: page.number, item: `photo ${item.photo + 1}`, source: item.source };
  if (!photo) return [check({ check: 'images', ...base, status: 'fail', message: 'the photo was not prepared' })];
  const spaceOk = (photo.colourSpace === 'cmyk' && photo.channels === 4) || (photo.colourSpace === 'gray' && photo.channels === 1);
  const ppi = photo.effectivePpi;
  const ppiStatus = ppi < rules.failBelowPpi ? 'fail' : ppi < rules.warnBelowPpi ? 'warn' : 'pass';
  return [
    check({ check: 'image-colour', ...base, status: spaceOk ? 'pass' : 'fail', measured: `${photo.colourSpace}/${photo.channels}`, message: `${photo.colourSpace === 'cmyk' ? 'CMYK' : 'gray'} JPEG, ${photo.channels} channels, max ink ${photo.maxInk.toFixed(0)} %` }),
    check({ check: 'image-resolution', ...base, status: ppiStatus, measured: Math.round(ppi), message: `${Math.round(ppi)} ppi effective (${photo.pixelWidth} × ${photo.pixelHeight} px at ${mm(item.width)} × ${mm(item.height)}); warn below ${rules.warnBelowPpi}, fail below ${rules.failBelowPpi}` }),
  ];
}
