/**
 * The page tree the template stage hands to layout: everything a template decided (page size,
 * grid, styles, which blocks and photos go where), with content still as text.
 */
import type { SourceRef } from '../diagnostics';
import type { Pt } from '../units';

export interface Cmyk {
  readonly c: number; readonly m: number; readonly y: number; readonly k: number;
}

export interface TextStyleSpec {
  readonly name: string;
  readonly font: string;
  /** Font role for CJK punctuation (`punct-font`), e.g. 宋体 marks in 楷体 text. */
  readonly punctuationFont?: string;
  readonly size: Pt;
  readonly color: string;
  /** Space between baselines for this style's own lines (display text); body text uses the grid pitch. */
  readonly leading: Pt;
  readonly align: 'justify' | 'start' | 'center' | 'end';
  /** First-line indent in pt. */
  readonly indent: Pt;
}

export interface GridSpec {
  readonly columns: number;
  readonly columnWidth: Pt;
  readonly gutter: Pt;
  /** Baseline-to-baseline distance of body text; every block takes whole multiples of it. */
  readonly pitch: Pt;
  /** Copyfit may open the leading up to this pitch when photos cannot grow further. */
  readonly pitchMax: Pt;
  readonly bodySize: Pt;
  /** Grid lines in the type area. */
  readonly lines: number;
}

export interface PageGeometry {
  readonly trimWidth: Pt;
  readonly trimHeight: Pt;
  readonly marginTop: Pt;
  readonly marginRight: Pt;
  readonly marginBottom: Pt;
  readonly marginLeft: Pt;
  readonly bleed: Pt;
  readonly typeAreaWidth: Pt;
  readonly typeAreaHeight: Pt;
}

/** Inline text with emphasis, as in the markup (`<b>`). */
export interface MarkupSpan {
  readonly text: string;
  readonly bold: boolean;
}

/** 1-based inclusive column range, as templates write it ("5-8"). */
export interface ColumnRange {
  readonly first: number;
  readonly last: number;
}

export interface TextLineSpec {
  readonly style: string;
  readonly spans: readonly MarkupSpan[];
  readonly source: SourceRef;
}

/** What display blocks and photos share: where they stack and how copyfit may change them. */
interface StackedSpec {
  readonly columns: ColumnRange;
  /** Alternatives copyfit may use instead (the i-th of every block and photo together). */
  readonly columnChoices: readonly ColumnRange[];
  readonly anchor: 'top' | 'bottom';
  /** Blank grid lines kept after the block (before for bottom-anchored ones). */
  readonly spaceAfter: number;
  /** Copyfit may give it up to this many more grid lines (a photo grows, a block gets air). */
  readonly growLines: number;
  readonly source: SourceRef;
}

/** A display block: title, part head. Stacked in its columns, whole grid lines high. */
export interface DisplayBlockSpec extends StackedSpec {
  readonly kind: 'display';
  /** Draw a rule under the block. */
  readonly ruleBelow: boolean;
  /** Set each line as a vertical (竖排) column, the first at the right. */
  readonly vertical: boolean;
  readonly lines: readonly TextLineSpec[];
}

export interface PhotoFrameSpec extends StackedSpec {
  readonly kind: 'photo';
  /** Index into the edition's photo list. */
  readonly photo: number;
  /** Width : height the frame starts from. */
  readonly aspect: number;
  readonly caption: TextLineSpec;
  /**
   * Set inside the story's columns at grid line `line`, `widthColumns` columns wide (fractions
   * allowed); the story's text runs around it. Absent: the photo takes whole columns of its own.
   */
  readonly inStory?: { readonly line: number; readonly widthColumns: number };
}

export type StoryItemKind = 'paragraph' | 'lead-paragraph' | 'section' | 'keywords' | 'subhead' | 'credit' | 'kicker' | 'headline';

export interface StoryItemSpec {
  readonly kind: StoryItemKind;
  readonly style: string;
  readonly spans: readonly MarkupSpan[];
  /** Blank grid lines before the item (dropped at a column top). */
  readonly spaceBefore: number;
  readonly source: SourceRef;
}

export interface StorySpec {
  readonly columns: ColumnRange;
  /** Balance the last columns so they end within a line of each other (default true). */
  readonly balance: boolean;
  readonly items: readonly StoryItemSpec[];
  readonly source: SourceRef;
}

export interface HeaderSpec {
  readonly cells: readonly { readonly align: 'start' | 'center' | 'end'; readonly line: TextLineSpec }[];
  readonly lines: number;
  readonly source: SourceRef;
}

export interface PageSpec {
  /** 版次. */
  readonly number: number;
  readonly geometry: PageGeometry;
  readonly grid: GridSpec;
  readonly header?: HeaderSpec;
  readonly blocks: readonly (DisplayBlockSpec | PhotoFrameSpec)[];
  readonly story?: StorySpec;
  readonly source: SourceRef;
}

/** House typesetting rules a template sets on <edition> (clreq options; defaults in src/typeset). */
export interface TypesettingRules {
  readonly punctuation?: 'kaiming' | 'quanshen';
  readonly kinsoku?: 'gb' | 'strict';
  /** em of the body size, ⅛ to ½. */
  readonly cjkLatinGap?: number;
  readonly minLastLineChars?: number;
  readonly trimOpeningAtLineStart?: boolean;
}

export interface EditionLayoutSpec {
  readonly styles: ReadonlyMap<string, TextStyleSpec>;
  readonly palette: ReadonlyMap<string, Cmyk>;
  readonly rules: TypesettingRules;
  readonly pages: readonly PageSpec[];
}
