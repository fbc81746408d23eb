/**
 * Composes one page: header, display blocks and photos stacked in their columns in template
 * order, then the story flowed into what is left. Copyfit grows the photos that may grow until
 * the story just fits, so the columns end at the foot of the page.
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk, DisplayBlockSpec, PageSpec, PhotoFrameSpec, TextStyleSpec } from '../template/types';
import { pt, type Pt } from '../units';
import { IDEOGRAPHIC_ASCENT, PageGrid } from './grid';
import { setText, type TextSetter } from './set-text';
import { typesetVertical } from '../typeset';
import { buildSlots, type ColumnSpace, type Obstacle } from './slots';
import { flowStory, prepareStory, type FlowItem } from './story';
import type { PlacedItem, PlacedPage } from './types';

interface ColumnState { top: number; bottom: number }

/** More empty lines than this per story column is a page with a hole in it. */
const UNDERSET_LINES_PER_COLUMN = 4;

const BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };

interface Composition {
  readonly items: PlacedItem[];
  readonly columns: ColumnState[];
  readonly obstacles: Obstacle[];
  readonly diagnostics: Diagnostic[];
}

function styleOf(setter: TextSetter, name: string): TextStyleSpec {
  const style = setter.styles.get(name);
  if (!style) throw new Error(`unknown style ${name}`);
  return style;
}

function composeHeader(page: PageSpec, grid: PageGrid, setter: TextSetter, out: Composition): void {
  const header = page.header;
  if (!header) return;
  const width = grid.rangeWidth({ first: 1, last: page.grid.columns });
  const baselineLine = Math.max(0, header.lines - 2);
  for (const cell of header.cells) {
    const style = styleOf(setter, cell.line.style);
    const aligned = { ...setter, styles: new Map(setter.styles).set(cell.line.style, { ...style, align: cell.align }) };
    const set = setText(aligned, cell.line.style, cell.line.spans, width, cell.line.source);
    out.diagnostics.push(...set.diagnostics);
    set.lines.forEach((line) => out.items.push({
      kind: 'text', role: 'header', line, story: 'header', source: cell.line.source,
      x: grid.columnLeft(1), baseline: grid.baseline(baselineLine),
    }));
  }
  const ruleY = pt(grid.lineTop(header.lines - 1) + page.grid.bodySize * 0.5);
  out.items.push({ kind: 'rule', x1: grid.columnLeft(1), y1: ruleY, x2: grid.columnRight(page.grid.columns), y2: ruleY, width: pt(1.5), color: BLACK });
  out.columns.forEach((c) => { c.top = Math.max(c.top, header.lines); });
}

/** First free line shared by every column of a range (top) or last (bottom). */
function claim(out: Composition, first: number, last: number, lines: number, anchor: 'top' | 'bottom'): number {
  const states = out.columns.slice(first - 1, last);
  if (anchor === 'top') {
    const start = Math.max(...states.map((s) => s.top));
    states.forEach((s) => { s.top = start + lines; });
    return start;
  }
  const end = Math.min(...states.map((s) => s.bottom));
  states.forEach((s) => { s.bottom = end - lines; });
  return end - lines;
}

/** A vertical block: each line a column of characters, the first column at the right. */
function composeVertical(block: DisplayBlockSpec, grid: PageGrid, setter: TextSetter, out: Composition): void {
  const width = grid.rangeWidth(block.columns);
  const right = grid.rangeLeft(block.columns) + width;
  const columns = block.lines.map((spec) => {
    const style = styleOf(setter, spec.style);
    const set = typesetVertical(spec.spans.map((s) => s.text).join(''), { font: style.font, size: style.size, color: style.color }, setter.fonts, spec.source);
    out.diagnostics.push(...set.diagnostics);
    return { style, cells: set.cells, source: spec.source };
  });
  const height = Math.max(0, ...columns.map((c) => c.cells.length * c.style.size));
  const lines = Math.max(1, Math.ceil(height / grid.pitch));
  const start = claim(out, block.columns.first, block.columns.last, lines + block.spaceAfter, block.anchor);
  const top = grid.lineTop(block.anchor === 'top' ? start : start + block.spaceAfter);
  let x = right;
  for (const column of columns) {
    x -= column.style.leading;
    const left = x + (column.style.leading - column.style.size) / 2;
    column.cells.forEach((cell, i) => out.items.push({
      kind: 'text', role: 'display', line: cell, x: pt(left), story: `block ${block.source.line}`, source: column.source,
      baseline: pt(top + i * column.style.size + IDEOGRAPHIC_ASCENT * column.style.size),
    }));
  }
}

function composeDisplay(block: DisplayBlockSpec, grid: PageGrid, setter: TextSetter, out: Composition): void {
  if (block.vertical) {
    composeVertical(block, grid, setter, out);
    return;
  }
  const width = grid.rangeWidth(block.columns);
  const x = grid.rangeLeft(block.columns);
  const placedLines: { style: TextStyleSpec; line: PlacedItem & { kind: 'text' } }[] = [];
  let y = 0;
  for (const spec of block.lines) {
    const style = styleOf(setter, spec.style);
    const set = setText(setter, spec.style, spec.spans, width, spec.source, true);
    out.diagnostics.push(...set.diagnostics);
    for (const line of set.lines) {
      const baseline = pt(y + (style.leading - style.size) / 2 + IDEOGRAPHIC_ASCENT * style.size);
      placedLines.push({ style, line: { kind: 'text', role: 'display', line, x, baseline, story: `block ${block.source.line}`, source: spec.source } });
      y += style.leading;
    }
  }
  const lines = Math.max(1, Math.ceil(y / grid.pitch));
  const start = claim(out, block.columns.first, block.columns.last, lines + block.spaceAfter, block.anchor);
  const blockTop = block.anchor === 'top' ? start : start + block.spaceAfter;
  // Centre the block's text in the lines it takes.
  const offset = grid.lineTop(blockTop) + (lines * grid.pitch - y) / 2;
  for (const { line } of placedLines) out.items.push({ ...line, baseline: pt(line.baseline + offset) });
  if (block.ruleBelow) {
    const ruleY = pt(grid.lineTop(blockTop + lines) + (block.spaceAfter > 0 ? grid.pitch / 2 - 2 : 0));
    out.items.push({ kind: 'rule', x1: x, y1: ruleY, x2: pt(x + width), y2: ruleY, width: pt(0.75), color: BLACK });
  }
}

function composePhoto(frame: PhotoFrameSpec, grow: number, grid: PageGrid, setter: TextSetter, out: Composition): void {
  const step = grid.spec.columnWidth + grid.spec.gutter;
  const width = frame.inStory ? pt(frame.inStory.widthColumns * step - grid.spec.gutter) : grid.rangeWidth(frame.columns);
  const x = grid.rangeLeft(frame.columns);
  const photoLines = Math.max(2, Math.round(width / frame.aspect / grid.pitch)) + grow;
  const caption = setText(setter, frame.caption.style, frame.caption.spans, width, frame.caption.source, true);
  out.diagnostics.push(...caption.diagnostics);
  const total = photoLines + caption.lines.length + frame.spaceAfter;
  let top: number;
  if (frame.inStory) {
    top = frame.inStory.line;
    out.obstacles.push({ fromRow: top, toRow: top + total, left: x, right: pt(x + width) });
  } else {
    const start = claim(out, frame.columns.first, frame.columns.last, total, frame.anchor);
    top = frame.anchor === 'top' ? start : start + frame.spaceAfter;
  }
  out.items.push({
    kind: 'photo', x, y: grid.lineTop(top), width, height: pt(grid.blockBottom(top, photoLines) - grid.lineTop(top)),
    photo: frame.photo, source: frame.source,
  });
  caption.lines.forEach((line, i) => out.items.push({
    kind: 'text', role: 'caption', line, x, baseline: grid.baseline(top + photoLines + i), story: `caption ${frame.photo}`, source: frame.caption.source,
  }));
}

function compose(page: PageSpec, setter: TextSetter, grow: number): Composition & { grid: PageGrid } {
  const grid = new PageGrid(page.geometry, page.grid);
  const out: Composition = { items: [], diagnostics: [], obstacles: [], columns: Array.from({ length: page.grid.columns }, () => ({ top: 0, bottom: grid.lines })) };
  composeHeader(page, grid, setter, out);
  for (const block of page.blocks) {
    if (block.kind === 'display') composeDisplay(block, grid, setter, out);
    else composePhoto(block, Math.min(grow, block.growLines), grid, setter, out);
  }
  return { ...out, grid };
}

/** Grid lines a photo may grow before its crop falls below the resolution the desk accepts. */
export type GrowLimit = (frame: PhotoFrameSpec, grid: PageGrid) => number;

export function layoutPage(
  page: PageSpec, setter: TextSetter, palette: ReadonlyMap<string, Cmyk>, growLimit?: GrowLimit,
): { page: PlacedPage; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const story = page.story;
  const grid0 = new PageGrid(page.geometry, page.grid);
  const prepared: FlowItem[] = [];
  if (story) {
    const set = prepareStory(story, setter, grid0);
    prepared.push(...set.items);
    diagnostics.push(...set.diagnostics);
  }
  const limited: PageSpec = growLimit
    ? { ...page, blocks: page.blocks.map((b) => (b.kind === 'photo' ? { ...b, growLines: Math.max(0, Math.min(b.growLines, growLimit(b, grid0))) } : b)) }
    : page;
  const storyColumns = story ? grid0.columnsOf(story.columns) : [];
  /** Lays the page out with photos grown by `grow` lines and the story's trailing columns cut at `balanceBottom`. */
  const attempt = (grow: number, feet: ReadonlyMap<number, number> = new Map()) => {
    const composition = compose(limited, setter, grow);
    const spaces: ColumnSpace[] = storyColumns.map((column) => {
      const state = composition.columns[column - 1] as ColumnState;
      return { column, top: state.top, bottom: Math.min(state.bottom, feet.get(column) ?? Infinity) };
    });
    const slots = buildSlots(spaces, composition.obstacles, composition.grid);
    const flow = flowStory(prepared, slots, composition.grid, `page ${page.number} story`);
    return { composition, flow, spaces };
  };
  // Copyfit: every photo that may grow grows by the same number of lines (up to its own limit);
  // take the largest growth that still fits the story, so the columns end near the page foot.
  const maxGrow = Math.max(0, ...limited.blocks.map((b) => (b.kind === 'photo' ? b.growLines : 0)));
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
  if (story?.balance && best.flow.oversetLines === 0) best = balance(best, grow, attempt);
  diagnostics.push(...best.composition.diagnostics, ...best.flow.diagnostics);
  const columnCount = storyColumns.length;
  if (story && best.flow.oversetLines === 0 && best.flow.slack > UNDERSET_LINES_PER_COLUMN * columnCount) {
    diagnostics.push({
      severity: 'warning', code: 'underset', source: story.source,
      message: `page ${page.number}: the story leaves ${best.flow.slack} grid lines of its columns empty even with every photo at its largest`,
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
      pitch: page.grid.pitch,
      palette,
    },
  };
}

type Attempt = { composition: ReturnType<typeof compose>; flow: ReturnType<typeof flowStory>; spaces: ColumnSpace[] };

/**
 * Balances the story's last columns: the trailing columns that share the last column's foot are
 * cut to the lowest common foot at which the story still fits, then the earlier of them one line
 * shorter each while it still fits, so they end within a line of each other instead of one
 * column running short.
 */
function balance(fitted: Attempt, grow: number, attempt: (grow: number, feet?: ReadonlyMap<number, number>) => Attempt): Attempt {
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

export type { Pt };
