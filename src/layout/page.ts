/**
 * Composes one page for a candidate: header, fixed display blocks and photos stacked in their
 * columns in template order, then the part head and the plan's frames in the module. What is left
 * of each column is the story's room (plan-search.ts).
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk, ColumnRange, DisplayBlockSpec, PageSpec, PhotoFrameSpec, TextLineSpec, TextStyleSpec } from '../template/types';
import type { ResolvedFrame } from './frames';
import { pt, type Pt } from '../units';
import { IDEOGRAPHIC_ASCENT, PageGrid } from './grid';
import { phraseBreaks, setText, type TextSetter } from './set-text';
import { typesetVertical } from '../typeset';
import type { LineBox } from '../typeset/types';
import type { Obstacle } from './slots';
import type { PlacedItem } from './types';

export interface ColumnState { top: number; bottom: number }

/** What a candidate decides about the page: the plan's head width and frames, the module's depth, the air. */
export interface PageChoice {
  readonly head?: ColumnRange;
  readonly frames: readonly ResolvedFrame[];
  /** Grid line the module ends before: its frames anchored at the bottom stand on it, and below it is open. */
  readonly depth: number;
  /** Blank grid lines added to display blocks that allow it (designed air). */
  readonly air: number;
  /** First grid line of the module's region (a module below another on the page); 0 by default. */
  readonly top?: number;
}

export interface Composition {
  readonly items: PlacedItem[];
  readonly columns: ColumnState[];
  readonly obstacles: Obstacle[];
  readonly diagnostics: Diagnostic[];
  /** Lines the part head took (more than the manuscript's lines means it wrapped). */
  headLines: number;
  /** A frame or block did not fit in its columns above the module's foot, or frames from both sides met. */
  invalid: boolean;
  /** Column-lines of white that stacking left above a frame (a frame wider than what stands over it). */
  stackGaps: number;
}

interface ComposeContext {
  readonly setter: TextSetter;
  readonly palette: ReadonlyMap<string, Cmyk>;
  readonly page: PageSpec;
}

const colourOf = (context: ComposeContext, name: string): Cmyk => context.palette.get(name) ?? { c: 0, m: 0, y: 0, k: 100 };

function styleOf(setter: TextSetter, name: string): TextStyleSpec {
  const style = setter.styles.get(name);
  if (!style) throw new Error(`unknown style ${name}`);
  return style;
}

function composeHeader(context: ComposeContext, grid: PageGrid, out: Composition): void {
  const { page, setter } = context;
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
  out.items.push({ kind: 'rule', x1: grid.columnLeft(1), y1: ruleY, x2: grid.columnRight(page.grid.columns), y2: ruleY, width: page.house.headerRule, color: colourOf(context, page.house.ruleColour) });
  out.columns.forEach((c) => { c.top = Math.max(c.top, header.lines); });
}

/** First free line shared by every column of a range (top) or last (bottom). */
function claim(out: Composition, first: number, last: number, lines: number, anchor: 'top' | 'bottom'): number {
  const states = out.columns.slice(first - 1, last);
  if (anchor === 'top') {
    const start = Math.max(...states.map((s) => s.top));
    states.forEach((s) => { out.stackGaps += start - s.top; s.top = start + lines; });
    return start;
  }
  const end = Math.min(...states.map((s) => s.bottom));
  states.forEach((s) => { out.stackGaps += s.bottom - end; s.bottom = end - lines; });
  return end - lines;
}

/** Frames from the left and the right at the same anchor may not share a column. */
const sidesMeet = (frames: readonly ResolvedFrame[]): boolean => frames.some((a) => frames.some((b) =>
  a.side === 'left' && b.side === 'right' && a.anchor === b.anchor && a.columns.last >= b.columns.first));

/** Whether every column still has its top above its bottom (nothing stacked past the module's foot). */
const fits = (out: Composition): boolean => out.columns.every((c) => c.top <= c.bottom);

/** One 竖排 column of a block or head: its style and its characters, one cell each. */
interface VerticalColumn { readonly style: TextStyleSpec; readonly cells: readonly LineBox[]; readonly source: TextLineSpec['source'] }

function setVerticalColumn(text: string, style: TextStyleSpec, setter: TextSetter, source: TextLineSpec['source'], out: Composition): VerticalColumn {
  const set = typesetVertical(text, { font: style.font, size: style.size, color: style.color }, setter.fonts, source);
  out.diagnostics.push(...set.diagnostics);
  return { style, cells: set.cells, source };
}

/** A column's characters one under another, from `top` (pt), centred in the column's leading from `x`. */
function placeVerticalColumn(column: VerticalColumn, x: number, top: number, story: string, out: Composition): void {
  const left = x + (column.style.leading - column.style.size) / 2;
  column.cells.forEach((cell, i) => out.items.push({
    kind: 'text', role: 'display', line: cell, x: pt(left), story, source: column.source,
    baseline: pt(top + i * column.style.size + IDEOGRAPHIC_ASCENT * column.style.size),
  }));
}

/** A vertical block: each line a column of characters, the first column at the right. */
function composeVertical(block: DisplayBlockSpec, grid: PageGrid, setter: TextSetter, out: Composition): void {
  const right = grid.rangeLeft(block.columns) + grid.rangeWidth(block.columns);
  const columns = block.lines.map((spec) => setVerticalColumn(spec.spans.map((s) => s.text).join(''), styleOf(setter, spec.style), setter, spec.source, out));
  const height = Math.max(0, ...columns.map((c) => c.cells.length * c.style.size));
  const lines = Math.max(1, Math.ceil(height / grid.pitch));
  const start = claim(out, block.columns.first, block.columns.last, lines + block.spaceAfter, block.anchor);
  const top = grid.lineTop(block.anchor === 'top' ? start : start + block.spaceAfter);
  let x = right;
  for (const column of columns) {
    x -= column.style.leading;
    placeVerticalColumn(column, x, top, `block ${block.source.line}`, out);
  }
}

/** Smallest share of its size a display line may be set at to stay on one line. */
const MIN_DISPLAY_SCALE = 0.8;

/**
 * A display line that does not fit its block is set a little smaller (in 5 % steps, down to
 * 80 %) rather than broken, as a desk fits a headline to its space; past that it breaks at a
 * phrase boundary.
 */
function fitDisplayLine(setter: TextSetter, spec: TextLineSpec, width: Pt): { style: TextStyleSpec; set: ReturnType<typeof setText> } {
  const style = styleOf(setter, spec.style);
  const first = setText(setter, spec.style, spec.spans, width, spec.source, true);
  if (first.lines.length <= 1) return { style, set: first };
  for (let scale = 0.95; scale >= MIN_DISPLAY_SCALE - 1e-9; scale -= 0.05) {
    const smaller = { ...style, size: pt(style.size * scale), leading: pt(style.leading * scale) };
    const styles = new Map(setter.styles).set(spec.style, smaller);
    const set = setText({ ...setter, styles }, spec.style, spec.spans, width, spec.source, true);
    if (set.lines.length === 1) return { style: smaller, set };
  }
  return { style, set: first };
}

function composeDisplay(block: DisplayBlockSpec & { measureWhite?: boolean }, grow: number, grid: PageGrid, context: ComposeContext, out: Composition): number {
  const { setter } = context;
  if (block.vertical) {
    composeVertical(block, grid, setter, out);
    return block.lines.length;
  }
  const width = grid.rangeWidth(block.columns);
  const x = grid.rangeLeft(block.columns);
  const placedLines: { style: TextStyleSpec; line: PlacedItem & { kind: 'text' } }[] = [];
  let y = 0;
  // Lines of one style in a block are set at one size: the smallest any of them needed to stay
  // on its line (a headline is never half large, half small).
  const fitted = block.lines.map((spec) => fitDisplayLine(setter, spec, width));
  const smallest = new Map<string, TextStyleSpec>();
  block.lines.forEach((spec, i) => {
    const style = (fitted[i] as { style: TextStyleSpec }).style;
    const known = smallest.get(spec.style);
    if (!known || style.size < known.size) smallest.set(spec.style, style);
  });
  for (const [i, spec] of block.lines.entries()) {
    const own = fitted[i] as { style: TextStyleSpec; set: ReturnType<typeof setText> };
    const shared = smallest.get(spec.style) as TextStyleSpec;
    const { style, set } = shared.size < own.style.size
      ? { style: shared, set: setText({ ...setter, styles: new Map(setter.styles).set(spec.style, shared) }, spec.style, spec.spans, width, spec.source, true) }
      : own;
    out.diagnostics.push(...set.diagnostics);
    for (const line of set.lines) {
      const baseline = pt(y + (style.leading - style.size) / 2 + IDEOGRAPHIC_ASCENT * style.size);
      placedLines.push({ style, line: { kind: 'text', role: 'display', line, x, baseline, story: `block ${block.source.line}`, source: spec.source } });
      y += style.leading;
    }
  }
  const lines = Math.max(1, Math.ceil(y / grid.pitch)) + Math.max(0, grow);
  const start = claim(out, block.columns.first, block.columns.last, lines + block.spaceAfter, block.anchor);
  const blockTop = block.anchor === 'top' ? start : start + block.spaceAfter;
  // Centre the block's text in the lines it takes.
  const offset = grid.lineTop(blockTop) + (lines * grid.pitch - y) / 2;
  for (const { line } of placedLines) out.items.push({ ...line, baseline: pt(line.baseline + offset) });
  if (block.measureWhite) {
    // White a head leaves beside its short lines, column by column: below the kicker's rule (or
    // from the block's top) down to the first line that reaches into the column, and under the
    // last such line. Three lines or more of it is a hole in the module like any other.
    const step = grid.spec.columnWidth + grid.spec.gutter;
    const columns = block.columns.last - block.columns.first + 1;
    const kickerRuled = context.page.house.kickerRule > 0 && placedLines.length > 1;
    for (let k = 1; k < columns; k++) {
      let run = 0;
      let worst = 0;
      placedLines.forEach(({ style, line }, i) => {
        const reaches = line.line.end > k * step + grid.spec.bodySize || (kickerRuled && i === 0);
        run = reaches ? 0 : run + style.leading;
        worst = Math.max(worst, run);
      });
      const whiteLines = worst / grid.pitch;
      if (whiteLines >= 3) out.stackGaps += Math.round(whiteLines);
    }
    // Whole columns beside the longest line are white for the block's whole depth.
    const widest = Math.max(0, ...placedLines.map(({ line }) => line.line.end));
    out.stackGaps += Math.floor((width - widest + grid.spec.gutter) / step) * lines;
  }
  if (block.ruleBelow) {
    const ruleY = pt(grid.lineTop(blockTop + lines) + (block.spaceAfter > 0 ? grid.pitch / 2 - 2 : 0));
    out.items.push({ kind: 'rule', x1: x, y1: ruleY, x2: pt(x + width), y2: ruleY, width: context.page.house.blockRule, color: colourOf(context, context.page.house.ruleColour) });
  }
  return placedLines.length;
}

function composePhoto(frame: PhotoFrameSpec, grid: PageGrid, setter: TextSetter, out: Composition): void {
  const step = grid.spec.columnWidth + grid.spec.gutter;
  const width = frame.inStory ? pt(frame.inStory.widthColumns * step - grid.spec.gutter) : grid.rangeWidth(frame.columns);
  const x = grid.rangeLeft(frame.columns);
  const photoLines = Math.max(2, Math.round(width / frame.aspect / grid.pitch));
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

/** Fewest lines of text a middle frame leaves above and below itself in the columns it stands in. */
const MIDDLE_CLEARANCE = 3;

/** A plan's frame: the photo in its columns, its caption under it on the grid. */
function composeFrame(frame: ResolvedFrame, grid: PageGrid, context: ComposeContext, out: Composition): void {
  const spec = context.page.photos.find((p) => p.photo === frame.photo);
  if (!spec) return;
  const x = frame.x;
  const caption = setText(context.setter, spec.caption.style, spec.caption.spans, frame.width, spec.caption.source, true);
  out.diagnostics.push(...caption.diagnostics);
  const total = frame.lines + caption.lines.length + frame.spaceAfter;
  let top: number;
  if (frame.anchor === 'middle') {
    // Half-way down the text under everything stacked at the top, with a blank line above; the
    // story runs around it, so it claims no column.
    const states = out.columns.slice(frame.columns.first - 1, frame.columns.last);
    const from = Math.max(...states.map((c) => c.top));
    const to = Math.min(...states.map((c) => c.bottom));
    top = from + 1 + Math.floor((to - from - 1 - total) / 2);
    if (top - from - 1 < MIDDLE_CLEARANCE || to - (top + total) < MIDDLE_CLEARANCE) out.invalid = true;
    out.obstacles.push({ fromRow: top - 1, toRow: top + total, left: x, right: pt(x + frame.width) });
  } else {
    const start = claim(out, frame.columns.first, frame.columns.last, total, frame.anchor);
    top = frame.anchor === 'top' ? start : start + frame.spaceAfter;
  }
  out.items.push({ kind: 'photo', x, y: grid.lineTop(top), width: frame.width, height: frame.height, photo: frame.photo, source: spec.source });
  caption.lines.forEach((line, i) => out.items.push({
    kind: 'text', role: 'caption', line, x, baseline: grid.baseline(top + frame.lines + i), story: `caption ${frame.photo}`, source: spec.caption.source,
  }));
}

/** Characters a 竖排 head column may hold, shortest first: the head takes the shortest that fits its width. */
const VERTICAL_HEAD_CHARS = [5, 6, 7, 8, 10, 12];

/** A head line as 竖排 columns of at most `most` characters, broken at phrases. */
function verticalColumns(text: string, most: number): string[] {
  if ([...text].length <= most) return [text];
  const cut = phraseBreaks(text)[0];
  if (!cut) return [text];
  return [...verticalColumns(text.slice(0, cut), most), ...verticalColumns(text.slice(cut), most)];
}

/**
 * The whole head in 竖排 columns, the kicker at the right, centred across the plan's head columns
 * at the top of the module; the story starts under it there. Lines break at phrases into as many
 * short columns as the head's width holds, so the head is a compact block and as shallow as it
 * can be: a deep head over a short story would leave the other columns white beside it.
 */
function composeVerticalHead(page: PageSpec, columns: ColumnRange, grid: PageGrid, context: ComposeContext, out: Composition): void {
  const head = page.head as NonNullable<PageSpec['head']>;
  const lines = head.lines.map((line) => ({ line, style: styleOf(context.setter, line.style), text: line.spans.map((span) => span.text).join('').trim() }))
    .filter((entry) => entry.text !== '');
  const room = grid.rangeWidth(columns);
  const split = (most: number) => lines.flatMap((entry) => verticalColumns(entry.text, most).map((part) => ({ ...entry, part })));
  const fitting = VERTICAL_HEAD_CHARS.map(split).find((parts) => parts.reduce((sum, p) => sum + p.style.leading, 0) <= room);
  const cells = (fitting ?? split(VERTICAL_HEAD_CHARS[VERTICAL_HEAD_CHARS.length - 1] as number))
    .map(({ line, style, part }) => setVerticalColumn(part, style, context.setter, line.source, out));
  if (cells.length === 0) return;
  const width = cells.reduce((sum, c) => sum + c.style.leading, 0);
  const height = Math.max(...cells.map((c) => c.cells.length * c.style.size));
  // The head stands from the highest free line of its columns; each grid column is then taken
  // down to the foot of the 竖排 columns standing in it, so text starts right under a short one.
  const states = out.columns.slice(columns.first - 1, columns.last);
  const top = Math.max(...states.map((state) => state.top));
  const reach = new Map<number, number>();
  let x = grid.rangeLeft(columns) + (grid.rangeWidth(columns) + width) / 2;
  for (const column of cells) {
    x -= column.style.leading;
    const cellLeft = x + (column.style.leading - column.style.size) / 2;
    // A shorter column (the kicker beside a long headline) stands centred in the head's depth,
    // so the head reads as one block and no column of it ends far above the others.
    const own = column.cells.length * column.style.size;
    const drop = (height - own) / 2;
    placeVerticalColumn(column, x, grid.lineTop(top) + drop, `head ${head.source.line}`, out);
    const depth = Math.ceil((drop + own) / grid.pitch);
    for (let c = columns.first; c <= columns.last; c++) {
      const overlaps = cellLeft < grid.columnRight(c) + grid.spec.gutter / 2 && cellLeft + column.style.size > grid.columnLeft(c) - grid.spec.gutter / 2;
      if (overlaps) reach.set(c, Math.max(reach.get(c) ?? 0, depth));
    }
  }
  states.forEach((state, i) => {
    const lines = reach.get(columns.first + i);
    if (lines === undefined) return;
    out.stackGaps += top - state.top;
    state.top = top + lines + head.spaceAfter;
  });
  out.headLines = head.lines.length;
}

/** The part head as a display block in the plan's columns; a 竖排 kicker takes the first column. */
function composeHead(page: PageSpec, columns: ColumnRange, grid: PageGrid, context: ComposeContext, out: Composition): void {
  const head = page.head;
  if (!head || head.lines.length === 0) return;
  const block = (lines: DisplayBlockSpec['lines'], range: ColumnRange, vertical: boolean): DisplayBlockSpec & { measureWhite: boolean } => ({
    kind: 'display', columns: range, anchor: 'top', spaceAfter: head.spaceAfter, growLines: 0, ruleBelow: false, vertical, lines, source: head.source,
    measureWhite: true,
  });
  if (head.vertical) {
    composeVerticalHead(page, columns, grid, context, out);
    return;
  }
  if (head.verticalKicker && columns.last > columns.first) {
    composeDisplay(block(head.lines.slice(0, 1), { first: columns.first, last: columns.first }, true), 0, grid, context, out);
    out.headLines = composeDisplay(block(head.lines.slice(1), { first: columns.first + 1, last: columns.last }, false), 0, grid, context, out) + 1;
    return;
  }
  const before = out.items.length;
  out.headLines = composeDisplay(block(head.lines, columns, false), 0, grid, context, out);
  const kicker = out.items.slice(before).find((item): item is PlacedItem & { kind: 'text' } => item.kind === 'text');
  const rule = page.house.kickerRule;
  if (kicker && rule > 0 && head.lines.length > 1) {
    // The kicker stands on a rule across the head: the head reads as one band, not a ragged shape.
    const y = pt(kicker.baseline + kicker.line.size * 0.2 + rule / 2);
    const x = grid.rangeLeft(columns);
    out.items.push({ kind: 'rule', x1: x, y1: y, x2: pt(x + grid.rangeWidth(columns)), y2: y, width: rule, color: colourOf(context, page.house.kickerRuleColour) });
  }
}

export function compose(page: PageSpec, setter: TextSetter, palette: ReadonlyMap<string, Cmyk>, choice: PageChoice): Composition & { grid: PageGrid } {
  const grid = new PageGrid(page.geometry, page.grid);
  const context: ComposeContext = { setter, palette, page };
  const depth = Math.min(choice.depth, grid.lines);
  const out: Composition = {
    items: [], diagnostics: [], obstacles: [], headLines: 0, invalid: false, stackGaps: 0,
    columns: Array.from({ length: page.grid.columns }, () => ({ top: choice.top ?? 0, bottom: depth })),
  };
  composeHeader(context, grid, out);
  for (const block of page.blocks) {
    if (block.kind === 'display') composeDisplay(block, Math.max(0, Math.min(choice.air, block.growLines, page.house.maxBlockAir)), grid, context, out);
    else composePhoto(block, grid, setter, out);
  }
  // The module starts level under everything fixed above it.
  const moduleTop = Math.max(...out.columns.map((c) => c.top));
  out.columns.forEach((c) => { c.top = moduleTop; });
  out.stackGaps = 0;
  if (choice.head) composeHead(page, choice.head, grid, context, out);
  // Middle frames go last: they centre in what the others leave.
  for (const frame of choice.frames.filter((f) => f.anchor !== 'middle')) composeFrame(frame, grid, context, out);
  for (const frame of choice.frames.filter((f) => f.anchor === 'middle')) composeFrame(frame, grid, context, out);
  out.invalid = out.invalid || !fits(out) || sidesMeet(choice.frames) || out.obstacles.some((o) => o.toRow > depth);
  return { ...out, grid };
}
