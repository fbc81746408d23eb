/** What layout hands to render: every item at its final position, in pt from the trim's top-left. */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { LineBox } from '../typeset/types';
import type { Cmyk, PageGeometry } from '../template/types';
import type { Pt } from '../units';

export type TextRole = 'body' | 'display' | 'caption' | 'header' | 'inset';

export interface PlacedText {
  readonly kind: 'text';
  readonly role: TextRole;
  readonly line: LineBox;
  /** Left edge of the line's measure. */
  readonly x: Pt;
  readonly baseline: Pt;
  /** Which story, block or caption the line belongs to; reading order is item order. */
  readonly story: string;
  readonly source?: SourceRef;
}

export interface PlacedRule {
  readonly kind: 'rule';
  readonly x1: Pt; readonly y1: Pt; readonly x2: Pt; readonly y2: Pt;
  readonly width: Pt;
  readonly color: Cmyk;
}

export interface PlacedBox {
  readonly kind: 'box';
  readonly x: Pt; readonly y: Pt; readonly width: Pt; readonly height: Pt;
  readonly fill?: Cmyk;
  readonly stroke?: Cmyk;
  readonly strokeWidth: Pt;
}

export interface PlacedPhoto {
  readonly kind: 'photo';
  readonly x: Pt; readonly y: Pt; readonly width: Pt; readonly height: Pt;
  /** Index into the edition's photos. */
  readonly photo: number;
  readonly source: SourceRef;
}

export type PlacedItem = PlacedText | PlacedRule | PlacedBox | PlacedPhoto;

export interface ColumnGuide {
  readonly left: Pt;
  readonly right: Pt;
}

/**
 * Room the feature could not fill: one clean rectangle below its module, whole columns wide,
 * left blank in print and reported so the desk can place another story or an ad there.
 */
export interface OpenArea {
  readonly x: Pt; readonly y: Pt; readonly width: Pt; readonly height: Pt;
  /** Grid columns it spans (1-based, inclusive) and grid lines it is deep. */
  readonly columns: { readonly first: number; readonly last: number };
  readonly lines: number;
  /** About how many 字 of body text would fill it. */
  readonly bodyChars: number;
}

/** Text a filler took from the manuscript (pull quote, 数据 box), verbatim, for the report. */
export interface UsedFiller {
  readonly kind: 'pull-quote' | 'data-box';
  readonly text: string;
  readonly source: SourceRef;
}

export interface PlacedPage {
  readonly number: number;
  /** The template plan layout chose, by name, and its score (lower is better). */
  readonly plan?: { readonly name: string; readonly score: number };
  readonly openArea?: OpenArea;
  readonly fillers?: readonly UsedFiller[];
  readonly geometry: PageGeometry;
  readonly items: readonly PlacedItem[];
  readonly columns: readonly ColumnGuide[];
  readonly pitch: Pt;
  /** Named colours of the template, resolved. */
  readonly palette: ReadonlyMap<string, Cmyk>;
}

export interface LayoutResult {
  readonly pages: readonly PlacedPage[];
  readonly diagnostics: readonly Diagnostic[];
  /** Story flows the plan search ran, for the bench. */
  readonly storyFlows?: number;
}
