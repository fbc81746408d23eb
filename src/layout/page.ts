/**
 * Composes one page for a given photo growth: header, display blocks and photos stacked in their
 * columns in template order. What is left of each column is the story's room (copyfit.ts).
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk, DisplayBlockSpec, PageSpec, PhotoFrameSpec, TextLineSpec, TextStyleSpec } from '../template/types';
import { pt, type Pt } from '../units';
import { IDEOGRAPHIC_ASCENT, PageGrid } from './grid';
import { setText, type TextSetter } from './set-text';
import { typesetVertical } from '../typeset';
import type { Obstacle } from './slots';
import type { PlacedItem } from './types';

export interface ColumnState { top: number; bottom: number }



const BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };

export interface Composition {
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

function composeDisplay(block: DisplayBlockSpec, grow: number, grid: PageGrid, setter: TextSetter, out: Composition): void {
  if (block.vertical) {
    composeVertical(block, grid, setter, out);
    return;
  }
  const width = grid.rangeWidth(block.columns);
  const x = grid.rangeLeft(block.columns);
  const placedLines: { style: TextStyleSpec; line: PlacedItem & { kind: 'text' } }[] = [];
  let y = 0;
  for (const spec of block.lines) {
    const { style, set } = fitDisplayLine(setter, spec, width);
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

export function compose(page: PageSpec, setter: TextSetter, grow: number): Composition & { grid: PageGrid } {
  const grid = new PageGrid(page.geometry, page.grid);
  const out: Composition = { items: [], diagnostics: [], obstacles: [], columns: Array.from({ length: page.grid.columns }, () => ({ top: 0, bottom: grid.lines })) };
  composeHeader(page, grid, setter, out);
  for (const block of page.blocks) {
    if (block.kind === 'display') composeDisplay(block, Math.min(grow, block.growLines), grid, setter, out);
    else composePhoto(block, Math.min(grow, block.growLines), grid, setter, out);
  }
  return { ...out, grid };
}
