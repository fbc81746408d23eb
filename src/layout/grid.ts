/** The page's type-area grid: column edges and baseline positions, in pt from the trim's top-left. */
import { pt, type Pt } from '../units';
import type { ColumnRange, GridSpec, PageGeometry } from '../template/types';

/** Share of the em box above the baseline in CJK fonts (OS/2 typo metrics: +880/−120). */
export const IDEOGRAPHIC_ASCENT = 0.88;

export class PageGrid {
  constructor(readonly geometry: PageGeometry, readonly spec: GridSpec) {}

  get lines(): number { return this.spec.lines; }
  get pitch(): Pt { return this.spec.pitch; }

  columnLeft(column: number): Pt {
    return pt(this.geometry.marginLeft + (column - 1) * (this.spec.columnWidth + this.spec.gutter));
  }

  columnRight(column: number): Pt {
    return pt(this.columnLeft(column) + this.spec.columnWidth);
  }

  rangeLeft(range: ColumnRange): Pt { return this.columnLeft(range.first); }

  rangeWidth(range: ColumnRange): Pt {
    return pt(this.columnRight(range.last) - this.columnLeft(range.first));
  }

  /** Top of the body em box on grid line `index` (0-based). */
  lineTop(index: number): Pt {
    return pt(this.geometry.marginTop + index * this.spec.pitch);
  }

  /** Baseline of body text on grid line `index`. */
  baseline(index: number): Pt {
    return pt(this.lineTop(index) + IDEOGRAPHIC_ASCENT * this.spec.bodySize);
  }

  /** Bottom of the body em box on the last of `count` lines starting at `index`. */
  blockBottom(index: number, count: number): Pt {
    return pt(this.lineTop(index + count - 1) + this.spec.bodySize);
  }

  columnsOf(range: ColumnRange): number[] {
    const result: number[] = [];
    for (let c = range.first; c <= range.last; c++) result.push(c);
    return result;
  }
}
