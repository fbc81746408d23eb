/**
 * A story's items as flow units of whole grid lines, and their flow through the columns of a page:
 * column by column, top to bottom, with the keep rules a desk expects.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { StoryItemSpec, StorySpec } from '../template/types';
import type { LineBox } from '../typeset/types';
import { pt, type Pt } from '../units';
import type { PageGrid } from './grid';
import { lineCharCount, setText, type TextSetter } from './set-text';
import type { PlacedItem, TextRole } from './types';

export interface FlowItem {
  readonly spec: StoryItemSpec;
  readonly lines: readonly LineBox[];
  /** Horizontal offset of the lines inside the column (insets). */
  readonly inset: Pt;
  readonly role: TextRole;
  readonly keepTogether: boolean;
  readonly keepWithNext: boolean;
  /** Blank grid lines after the item (a box needs air below). */
  readonly spaceAfter: number;
  readonly framed: boolean;
}

export interface ColumnSpace {
  readonly column: number;
  /** First free grid line. */
  readonly top: number;
  /** One past the last usable grid line. */
  readonly bottom: number;
}

export interface FlowOutcome {
  readonly items: PlacedItem[];
  readonly diagnostics: Diagnostic[];
  /** Lines of text that found no room. */
  readonly oversetLines: number;
  /** Grid lines left empty at column feet. */
  readonly slack: number;
}

/** Keyword boxes sit ½ 字 inside their column. */
const BOX_INSET_ZI = 0.5;

export function prepareStory(story: StorySpec, setter: TextSetter, grid: PageGrid): { items: FlowItem[]; diagnostics: Diagnostic[] } {
  const width = grid.spec.columnWidth;
  const diagnostics: Diagnostic[] = [];
  const items = story.items.map((spec): FlowItem => {
    const framed = spec.kind === 'keywords';
    const inset = framed ? pt(BOX_INSET_ZI * grid.spec.bodySize) : pt(0);
    const display = spec.kind === 'section' || spec.kind === 'subhead';
    const heading = display;
    const set = setText(setter, spec.style, spec.spans, pt(width - 2 * inset), spec.source, display);
    diagnostics.push(...set.diagnostics);
    return {
      spec, lines: set.lines, inset, framed,
      role: framed ? 'inset' : display ? 'display' : 'body',
      keepTogether: framed || heading || spec.kind === 'credit',
      keepWithNext: heading,
      spaceAfter: framed ? 1 : 0,
    };
  });
  return { items, diagnostics };
}

interface Cursor { columnIndex: number; line: number }

/** Flows prepared items into the given column spaces, in order. */
export function flowStory(items: readonly FlowItem[], spaces: readonly ColumnSpace[], grid: PageGrid, storyId: string): FlowOutcome {
  const placed: PlacedItem[] = [];
  const cursor: Cursor = { columnIndex: 0, line: spaces[0]?.top ?? 0 };
  const space = (): ColumnSpace | undefined => spaces[cursor.columnIndex];
  const atColumnTop = (): boolean => cursor.line === space()?.top;
  const remaining = (): number => (space()?.bottom ?? 0) - cursor.line;
  let slack = 0;
  const nextColumn = (): void => {
    slack += Math.max(0, remaining());
    cursor.columnIndex += 1;
    cursor.line = space()?.top ?? 0;
  };

  const placeLine = (item: FlowItem, line: LineBox): void => {
    const column = space();
    if (!column) return;
    placed.push({
      kind: 'text', role: item.role, line, story: storyId, source: item.spec.source,
      x: pt(grid.columnLeft(column.column) + item.inset), baseline: grid.baseline(cursor.line),
    });
    cursor.line += 1;
  };

  const frame = (first: number, count: number): void => {
    const column = space();
    if (!column) return;
    const pad = grid.spec.bodySize * 0.45;
    placed.push({
      kind: 'box', x: grid.columnLeft(column.column), y: pt(grid.lineTop(first) - pad),
      width: grid.spec.columnWidth, height: pt(grid.blockBottom(first, count) - grid.lineTop(first) + 2 * pad),
      fill: { c: 0, m: 6, y: 16, k: 0 }, strokeWidth: pt(0),
    });
  };

  let itemIndex = 0;
  let lineIndex = 0;
  while (itemIndex < items.length && space()) {
    const item = items[itemIndex] as FlowItem;
    const next = items[itemIndex + 1];
    if (lineIndex === 0) {
      const before = atColumnTop() ? 0 : item.spec.spaceBefore;
      let needed = before + item.lines.length;
      if (item.keepWithNext && next) needed += Math.min(2, next.lines.length) + (next.spec.spaceBefore);
      if (!item.keepTogether && !item.keepWithNext) needed = before + Math.min(2, item.lines.length);
      if (needed > remaining() && !atColumnTop()) { nextColumn(); continue; }
      if (!atColumnTop()) cursor.line += before;
    }
    const left = item.lines.length - lineIndex;
    const room = remaining();
    if (room <= 0) { nextColumn(); continue; }
    let take = Math.min(left, room);
    // Never leave a paragraph's last line alone at the head of the next column.
    if (take < left && left - take === 1 && take >= 3) take -= 1;
    if (item.framed && lineIndex === 0) frame(cursor.line, Math.min(take, item.lines.length));
    for (let i = 0; i < take; i++) placeLine(item, item.lines[lineIndex + i] as LineBox);
    lineIndex += take;
    if (lineIndex >= item.lines.length) {
      cursor.line += item.spaceAfter;
      itemIndex += 1;
      lineIndex = 0;
    } else {
      nextColumn();
    }
  }
  if (space()) slack += Math.max(0, remaining());
  for (let c = cursor.columnIndex + 1; c < spaces.length; c++) {
    const s = spaces[c] as ColumnSpace;
    slack += s.bottom - s.top;
  }

  const diagnostics: Diagnostic[] = [];
  let oversetLines = 0;
  if (itemIndex < items.length) {
    const rest = items.slice(itemIndex);
    oversetLines = rest.reduce((n, item) => n + item.lines.length, 0) - lineIndex;
    const chars = rest.flatMap((item, i) => item.lines.slice(i === 0 ? lineIndex : 0)).reduce((n, line) => n + lineCharCount(line), 0);
    const first = rest[0] as FlowItem;
    diagnostics.push(oversetDiagnostic(storyId, first.spec.source, first.spec.kind, chars, oversetLines));
  }
  return { items: placed, diagnostics, oversetLines, slack };
}

function oversetDiagnostic(storyId: string, source: SourceRef, kind: string, chars: number, lines: number): Diagnostic {
  return {
    severity: 'error', code: 'overset', source,
    message: `${storyId}: ${chars} characters (${lines} lines) do not fit, from the ${kind} at ${source.file}:${source.line ?? '?'} on`,
    hint: 'shorten the text, shrink a photo in the template, or give the story more columns; --force writes the pages anyway',
  };
}
