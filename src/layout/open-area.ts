/** The room a module leaves: one clean rectangle below a shallow module or beside a narrow one. */
import type { PageSpec } from '../template/types';
import { pt } from '../units';
import type { PageGrid } from './grid';
import type { Evaluated } from './plan-search';
import type { OpenArea, PlacedItem } from './types';

export function openAreaOf(grid: PageGrid, best: Evaluated, page: PageSpec, items: readonly PlacedItem[]): OpenArea {
  const bottom = pt(page.geometry.marginTop + page.geometry.typeAreaHeight);
  const charsPerLine = Math.floor(grid.spec.columnWidth / grid.spec.bodySize);
  const halfLeading = (grid.pitch - grid.spec.bodySize) / 2;
  const { module } = best;
  if (module.first > 1 || module.last < page.grid.columns) {
    // A narrow module: the strip beside it, from the module's top to the foot.
    const columns = module.first > 1 ? { first: 1, last: module.first - 1 } : { first: module.last + 1, last: page.grid.columns };
    const moduleTop = Math.min(...best.attempt.composition.columns.slice(module.first - 1, module.last).map((c) => c.top));
    const top = pt(grid.lineTop(moduleTop) - halfLeading);
    const lines = grid.lines - moduleTop;
    const count = columns.last - columns.first + 1;
    return { x: grid.columnLeft(columns.first), y: top, width: grid.rangeWidth(columns), height: pt(bottom - top), columns, lines, bodyChars: lines * count * charsPerLine };
  }
  // Below the module's last grid line and below anything that reaches past it (a box's padding).
  const reach = Math.max(0, ...items.map((item) => (item.kind === 'box' || item.kind === 'photo' ? item.y + item.height : 0)));
  const top = pt(Math.max(grid.lineTop(best.depth) - halfLeading, reach + 0.5));
  const lines = grid.lines - best.depth;
  return {
    x: grid.columnLeft(1), y: top, width: grid.rangeWidth({ first: 1, last: page.grid.columns }), height: pt(bottom - top),
    columns: { first: 1, last: page.grid.columns }, lines, bodyChars: lines * page.grid.columns * charsPerLine,
  };
}

