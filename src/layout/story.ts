/**
 * A story's items and their flow through the line slots of a page: in reading order, each item
 * set to the widths of the slots it will occupy (so text runs around photos), with the keep
 * rules a desk expects: heads stay with what follows, boxes stay whole, a paragraph's first line
 * never stands alone at a column foot nor its last line alone at a column head.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { Cmyk, HouseStyle, StoryItemSpec, StorySpec } from '../template/types';
import type { LineBox } from '../typeset/types';
import { pt, type Pt } from '../units';
import type { PageGrid } from './grid';
import { lineCharCount, setText, type TextSetter } from './set-text';
import { isSegmentStart, nextSegmentStart, roomInSegment, type Slot } from './slots';
import type { PlacedItem, TextRole } from './types';

export interface FlowItem {
  readonly spec: StoryItemSpec;
  /** Lines set to the plain column width. */
  readonly lines: readonly LineBox[];
  /** Sets the item to the given line widths (the slots it will fill); cached. */
  readonly setTo: (widths: readonly Pt[]) => readonly LineBox[];
  /** Horizontal offset of the lines inside their slot (insets). */
  readonly inset: Pt;
  readonly role: TextRole;
  readonly keepTogether: boolean;
  readonly keepWithNext: boolean;
  /** Blank grid lines after the item (a box needs air below). */
  readonly spaceAfter: number;
  readonly framed: boolean;
  /** Rules above and below (a pull quote). */
  readonly ruled: boolean;
}

/** How boxes and pull quotes look: the template's house style with its colours resolved. */
export interface StoryLook {
  readonly boxFill: Cmyk;
  readonly boxPadding: Pt;
  readonly boxInset: Pt;
  readonly rule: Pt;
  readonly ruleColour: Cmyk;
}

export function storyLook(house: HouseStyle, palette: ReadonlyMap<string, Cmyk>): StoryLook {
  const colour = (name: string): Cmyk => palette.get(name) ?? { c: 0, m: 0, y: 0, k: 100 };
  return { boxFill: colour(house.boxTint), boxPadding: house.boxPadding, boxInset: house.boxInset, rule: house.quoteRule, ruleColour: colour(house.ruleColour) };
}

export interface FlowOutcome {
  readonly items: PlacedItem[];
  readonly diagnostics: Diagnostic[];
  /** Lines of text that found no room. */
  readonly oversetLines: number;
  /** Slots left empty at the feet of segments (blank lines the rules put between items do not count). */
  readonly slack: number;
  /** Index of the first slot after the story. */
  readonly end: number;
  /** Last grid row holding story text, per column. */
  readonly lastRow: ReadonlyMap<number, number>;
  /**
   * What found no room, for a story that goes on on another page: the items from the first one
   * not set whole, and the text of that item's lines that were set here.
   */
  readonly rest?: { readonly items: readonly FlowItem[]; readonly placedText: string };
}

/** Boxes of this many lines or more may break across columns. */
const LONG_BOX_LINES = 6;

export function prepareStory(story: StorySpec, setter: TextSetter, grid: PageGrid, look: StoryLook): { items: FlowItem[]; diagnostics: Diagnostic[] } {
  const width = grid.spec.columnWidth;
  const diagnostics: Diagnostic[] = [];
  const items = story.items.map((spec): FlowItem => {
    // The rest of a paragraph from an earlier page goes on where it stopped: no indent.
    const style = setter.styles.get(spec.style);
    const itemSetter = spec.continued && style ? { ...setter, styles: new Map(setter.styles).set(spec.style, { ...style, indent: pt(0) }) } : setter;
    const framed = spec.kind === 'keywords' || spec.kind === 'data-box';
    const ruled = spec.kind === 'pull-quote';
    const inset = framed ? look.boxInset : pt(0);
    const display = spec.kind === 'section' || spec.kind === 'subhead' || ruled;
    const set = setText(itemSetter, spec.style, spec.spans, pt(width - 2 * inset), spec.source, display);
    diagnostics.push(...set.diagnostics);
    const cache = new Map<string, readonly LineBox[]>();
    const setTo = (widths: readonly Pt[]): readonly LineBox[] => {
      if (widths.every((w) => w === width)) return set.lines;
      const key = widths.map((w) => w.toFixed(2)).join(',');
      let lines = cache.get(key);
      if (!lines) {
        const last = widths[widths.length - 1] ?? width;
        lines = setText(itemSetter, spec.style, spec.spans, (i) => pt((widths[i] ?? last) - 2 * inset), spec.source, display).lines;
        cache.set(key, lines);
      }
      return lines;
    };
    return {
      spec, lines: set.lines, setTo, inset, framed,
      role: framed ? 'inset' : display || spec.kind === 'jump' ? 'display' : 'body',
      // A long box may break across columns (each part keeps its tint and at least two lines),
      // as desks break a 关键词 box rather than leave a column short above a photo.
      keepTogether: (framed && set.lines.length < LONG_BOX_LINES) || display || spec.kind === 'credit' || spec.kind === 'jump',
      // 上接第X版 opens the continuation and stays with its first lines.
      keepWithNext: (display && !ruled) || spec.kind === 'jump',
      spaceAfter: framed || ruled ? 1 : 0,
      ruled,
    };
  });
  return { items, diagnostics };
}

/**
 * Sets an item to the slots from `at`. The lines are consistent once every line was set to the
 * width of the slot it lands in, i.e. once there were at least as many slots as lines; a narrow
 * run beside a photo can need more lines, so collect more slots and set again.
 */
function fit(item: FlowItem, slots: readonly Slot[], at: number, skip: ReadonlySet<number>): { lines: readonly LineBox[]; placement: number[] } {
  let lines = item.lines;
  let placement: number[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    placement = [];
    for (let s = at; placement.length < lines.length + 2 && s < slots.length; s++) if (!skip.has(s)) placement.push(s);
    const widths = placement.map((s) => (slots[s] as Slot).width);
    lines = item.setTo(widths.length > 0 ? widths : [pt(0)]);
    if (lines.length <= placement.length) break;
  }
  return { lines, placement: placement.slice(0, lines.length) };
}

export function flowStory(storyItems: readonly FlowItem[], slots: readonly Slot[], grid: PageGrid, storyId: string, look: StoryLook): FlowOutcome {
  const items = [...storyItems];
  /** Fillers already set back by one item: a filler moves once, never past the story's end. */
  const deferred = new Set<FlowItem>();
  const placed: PlacedItem[] = [];
  /** The slot each placed item stands on, parallel to `placed` (for feathering). */
  const anchors: number[] = [];
  /** Slots where a head, box or quote starts after blank lines: where a short column can take air. */
  const gaps: number[] = [];
  const diagnostics: Diagnostic[] = [];
  let cursor = 0;
  let itemIndex = 0;
  /** Last slot holding text, per segment. */
  const lastUsed = new Map<number, number>();
  const push = (item: PlacedItem, slot: number): void => { placed.push(item); anchors.push(slot); };

  const frame = (first: Slot, count: number, at: number): void => {
    const pad = look.boxPadding;
    push({
      kind: 'box', x: first.x, y: pt(grid.lineTop(first.row) - pad),
      width: first.width, height: pt(grid.blockBottom(first.row, count) - grid.lineTop(first.row) + 2 * pad),
      fill: look.boxFill, strokeWidth: pt(0),
    }, at);
  };
  const rules = (first: number, last: number): void => {
    const top = slots[first] as Slot;
    const above = pt(grid.lineTop(top.row) - grid.pitch / 2 + grid.spec.bodySize / 2);
    const below = pt(grid.blockBottom((slots[last] as Slot).row, 1) + grid.pitch / 2 - grid.spec.bodySize / 2);
    for (const [y, at] of [[above, first], [below, last]] as const) push({ kind: 'rule', x1: top.x, y1: y, x2: pt(top.x + top.width), y2: y, width: look.rule, color: look.ruleColour }, at);
  };
  let lastFitted: FlowItem | undefined;

  while (itemIndex < items.length && cursor < slots.length) {
    const item = items[itemIndex] as FlowItem;
    const next = items[itemIndex + 1];
    if (!isSegmentStart(slots, cursor)) cursor = Math.min(nextSegmentStart(slots, cursor), cursor + item.spec.spaceBefore);
    if (cursor >= slots.length) break;
    let { lines, placement } = fit(item, slots, cursor, new Set());
    const room = roomInSegment(slots, cursor);
    // A head needs what follows beside it: two lines of a paragraph, or the whole of a box.
    const followWith = (following: FlowItem): number => following.spec.spaceBefore + (following.keepTogether ? following.lines.length : Math.min(2, following.lines.length));
    const needHere = item.keepWithNext && next ? lines.length + followWith(next)
      : item.keepTogether ? lines.length : Math.min(2, lines.length);
    if (needHere > room && !isSegmentStart(slots, cursor)) {
      // A filler is no part of the manuscript's order: let the next paragraph fill this column
      // and set the filler after it, rather than leave the column's foot white.
      if (item.spec.filler && next && !next.keepTogether && !next.keepWithNext && !deferred.has(item)) {
        deferred.add(item);
        items[itemIndex] = next;
        items[itemIndex + 1] = item;
        continue;
      }
      cursor = nextSegmentStart(slots, cursor);
      continue;
    }
    // A paragraph's last line alone at the head of the next segment: leave the foot slot empty.
    const inFirst = placement.filter((s) => (slots[s] as Slot).segment === (slots[cursor] as Slot).segment).length;
    if (!item.keepTogether && inFirst < lines.length && lines.length - inFirst === 1) {
      if (inFirst >= 3) {
        ({ lines, placement } = fit(item, slots, cursor, new Set([placement[inFirst - 1] as number])));
      } else {
        diagnostics.push({
          severity: 'info', code: 'widow-line', source: item.spec.source,
          message: `${storyId}: the last line of this paragraph stands alone at the head of a column; no better break exists here`,
        });
      }
    }
    const start = placement[0];
    if (start !== undefined && !isSegmentStart(slots, start) && (item.keepWithNext || item.framed || item.ruled) && (item.spec.spaceBefore > 0 || item.framed)) gaps.push(start);
    if (item.ruled && start !== undefined) rules(start, placement[placement.length - 1] as number);
    if (item.framed && start !== undefined) {
      const firstSlot = slots[start] as Slot;
      const sameSegment = placement.filter((s) => (slots[s] as Slot).segment === firstSlot.segment).length;
      frame(firstSlot, sameSegment, start);
      if (sameSegment < placement.length) frame(slots[placement[sameSegment] as number] as Slot, placement.length - sameSegment, placement[sameSegment] as number);
    }
    lines.forEach((line, i) => {
      const slot = slots[placement[i] as number];
      if (!slot) return;
      push({ kind: 'text', role: item.role, line, story: storyId, source: item.spec.source, x: pt(slot.x + item.inset), baseline: grid.baseline(slot.row) }, placement[i] as number);
      lastUsed.set(slot.segment, placement[i] as number);
    });
    if (placement.length < lines.length) {
      const left = lines.slice(placement.length);
      diagnostics.push(oversetDiagnostic(storyId, item.spec, left, items.slice(itemIndex + 1), lastFitted?.spec));
      const rest = { items: items.slice(itemIndex), placedText: lines.slice(0, placement.length).map((line) => line.text).join('') };
      return { items: placed, diagnostics, oversetLines: left.length + countLines(items.slice(itemIndex + 1)), slack: 0, end: slots.length, lastRow: lastRows(slots, lastUsed), rest };
    }
    lastFitted = item;
    const last = placement[placement.length - 1];
    cursor = last === undefined ? cursor : last + 1;
    if (item.spaceAfter > 0 && cursor < slots.length && !isSegmentStart(slots, cursor)) cursor = Math.min(nextSegmentStart(slots, cursor), cursor + item.spaceAfter);
    itemIndex += 1;
  }
  if (itemIndex < items.length) {
    const rest = items.slice(itemIndex);
    const first = rest[0] as FlowItem;
    diagnostics.push(oversetDiagnostic(storyId, first.spec, first.lines, rest.slice(1), lastFitted?.spec));
    return { items: placed, diagnostics, oversetLines: countLines(rest), slack: 0, end: slots.length, lastRow: lastRows(slots, lastUsed), rest: { items: rest, placedText: '' } };
  }
  feather(placed, anchors, gaps, slots, lastUsed, grid);
  return { items: placed, diagnostics, oversetLines: 0, slack: emptyFeet(slots, lastUsed), end: cursor, lastRow: lastRows(slots, lastUsed) };
}

/** Blank lines feathering may add to one gap before a head or box. */
const MAX_FEATHER_PER_GAP = 2;
/** Blank lines a gap may hold in all; three or more read as a hole of their own. */
const MAX_BLANK_LINES = 2;

/**
 * A keep rule that sends a head (or a box) on to the next column leaves white at the foot of this
 * one: a hole above whatever stands below, or a short column. As a desk does, that white goes
 * into the gaps before the column's heads and boxes instead, a whole grid line at a time (so the
 * baselines stay on the grid), at most two more per gap. The story's last column is left to
 * balancing and the open area.
 */
function feather(placed: PlacedItem[], anchors: readonly number[], gaps: readonly number[], slots: readonly Slot[], lastUsed: Map<number, number>, grid: PageGrid): void {
  const finalSegment = Math.max(-1, ...lastUsed.keys());
  for (const [segment, used] of lastUsed) {
    if (segment === finalSegment) continue;
    const end = nextSegmentStart(slots, used);
    const white = end - 1 - used;
    const first = slots.findIndex((slot) => slot.segment === segment);
    const inSegment = slots.slice(first, end);
    if (white < 2 || inSegment.some((slot) => slot.width !== inSegment[0]?.width || slot.x !== inSegment[0]?.x)) continue;
    const here = gaps.filter((gap) => gap > first && gap <= used).sort((a, b) => a - b);
    if (here.length === 0) continue;
    const extra = new Map(here.map((gap) => [gap, 0]));
    // A gap ends with at most MAX_BLANK_LINES blank lines, counting those it had: more reads as a hole.
    const room = new Map(here.map((gap) => {
      const before = Math.max(first - 1, ...anchors.filter((at) => at < gap));
      return [gap, Math.min(MAX_FEATHER_PER_GAP, Math.max(0, MAX_BLANK_LINES - (gap - before - 1)))];
    }));
    let left = white;
    for (let round = 0; round < MAX_FEATHER_PER_GAP && left > 0; round++) {
      for (const gap of [...here].reverse()) {
        if (left === 0) break;
        if ((extra.get(gap) ?? 0) >= (room.get(gap) ?? 0)) continue;
        extra.set(gap, (extra.get(gap) ?? 0) + 1);
        left -= 1;
      }
    }
    placed.forEach((item, index) => {
      const at = anchors[index] as number;
      if (at < first || at > used) return;
      const lines = here.reduce((sum, gap) => sum + (gap <= at ? extra.get(gap) ?? 0 : 0), 0);
      if (lines > 0) placed[index] = shifted(item, lines * grid.pitch);
    });
    lastUsed.set(segment, used + (white - left));
  }
}

function shifted(item: PlacedItem, by: number): PlacedItem {
  switch (item.kind) {
    case 'text': return { ...item, baseline: pt(item.baseline + by) };
    case 'box': case 'photo': return { ...item, y: pt(item.y + by) };
    case 'rule': return { ...item, y1: pt(item.y1 + by), y2: pt(item.y2 + by) };
  }
}

function lastRows(slots: readonly Slot[], lastUsed: ReadonlyMap<number, number>): Map<number, number> {
  const rows = new Map<number, number>();
  for (const index of lastUsed.values()) {
    const slot = slots[index] as Slot;
    rows.set(slot.column, Math.max(rows.get(slot.column) ?? -1, slot.row));
  }
  return rows;
}

function emptyFeet(slots: readonly Slot[], lastUsed: ReadonlyMap<number, number>): number {
  let empty = 0;
  slots.forEach((slot, index) => { if (index > (lastUsed.get(slot.segment) ?? -1)) empty += 1; });
  return empty;
}

const countLines = (items: readonly FlowItem[]): number => items.reduce((n, item) => n + item.lines.length, 0);

function oversetDiagnostic(storyId: string, spec: StoryItemSpec, left: readonly LineBox[], rest: readonly FlowItem[], lastFitted: StoryItemSpec | undefined): Diagnostic {
  // Fillers are optional: they are never part of what must be cut.
  const needed = rest.filter((item) => !item.spec.filler);
  const lines = left.length + countLines(needed);
  const chars = [...left, ...needed.flatMap((item) => item.lines)].reduce((n, line) => n + lineCharCount(line), 0);
  const source: SourceRef = spec.source;
  const fitted = lastFitted
    ? `the last ${lastFitted.kind} that fits whole is at line ${lastFitted.source.line ?? '?'}`
    : 'nothing of the story fits';
  return {
    severity: 'error', code: 'overset', source,
    message: `${storyId}: ${chars} 字 (${lines} lines) must go: they do not fit from this ${spec.kind} on, even with the leading at its minimum and every photo at its smallest frame; ${fitted}`,
    hint: `cut ${chars} 字 (about ${lines} lines) from the text, or choose a template with more room; --force prints what fits and keeps this error`,
  };
}
