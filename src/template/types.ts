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
  /** Copyfit may close the leading down to this pitch before it reports overset. */
  readonly pitchMin: Pt;
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
  readonly anchor: 'top' | 'bottom';
  /** Blank grid lines kept after the block (before for bottom-anchored ones). */
  readonly spaceAfter: number;
  readonly source: SourceRef;
}

/** A display block: title, part head. Stacked in its columns, whole grid lines high. */
export interface DisplayBlockSpec extends StackedSpec {
  readonly kind: 'display';
  /** Copyfit may give it up to this many blank grid lines of designed air (see house max-block-air). */
  readonly growLines: number;
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

export type StoryItemKind = 'paragraph' | 'lead-paragraph' | 'section' | 'keywords' | 'subhead' | 'credit' | 'kicker' | 'headline'
  | 'pull-quote' | 'data-box' | 'jump';

export interface StoryItemSpec {
  readonly kind: StoryItemKind;
  readonly style: string;
  readonly spans: readonly MarkupSpan[];
  /** Blank grid lines before the item (dropped at a column top). */
  readonly spaceBefore: number;
  readonly source: SourceRef;
  /** A filler (引语, 数据 box): layout sets it only when the page has room to spare. */
  readonly filler?: 'pull-quote' | 'data-box';
  /** The rest of a paragraph carried over from an earlier page: no first-line indent. */
  readonly continued?: boolean;
}

/**
 * A story that runs on from page to page: every page of the thread has a <story thread="id">, the
 * first one holding the text; what does not fit goes on to the next page of the thread, with a
 * jump line at the foot (转第X版) and one at the head of the continuation (上接第X版).
 */
export interface ThreadSpec {
  readonly id: string;
  /** Jump line texts with `{page}` for the other page's number; absent: no jump line. */
  readonly jumpTo?: string;
  readonly jumpFrom?: string;
  readonly jumpStyle: string;
  /** Style of the 上接 line (default: jumpStyle). */
  readonly jumpFromStyle: string;
}

export interface StorySpec {
  readonly columns: ColumnRange;
  /** Balance the last columns so they end within a line of each other (default true). */
  readonly balance: boolean;
  readonly items: readonly StoryItemSpec[];
  readonly thread?: ThreadSpec;
  readonly source: SourceRef;
}

export interface HeaderSpec {
  readonly cells: readonly { readonly align: 'start' | 'center' | 'end'; readonly line: TextLineSpec }[];
  readonly lines: number;
  readonly source: SourceRef;
}

/** How a photo's pixels are shaped; plans give each shape its own frame widths. */
export type PhotoShape = 'landscape' | 'portrait' | 'square' | 'panorama';
export const PHOTO_SHAPES: readonly PhotoShape[] = ['landscape', 'portrait', 'square', 'panorama'];

/** A photo the page carries, not yet placed: a plan's frame decides where and how large. */
export interface PagePhotoSpec {
  /** Index into the edition's photo list. */
  readonly photo: number;
  readonly caption: TextLineSpec;
  readonly source: SourceRef;
}

/** The part head (kicker and headline) a plan places; its width comes from the plan. */
export interface HeadSpec {
  readonly lines: readonly TextLineSpec[];
  /** The kicker (first line) as a 竖排 column at the head's left, the headline beside it. */
  readonly verticalKicker: boolean;
  /**
   * The whole head in 竖排 columns (kicker at the right), standing at the edge of the plan's head
   * columns with the story's text running beside it.
   */
  readonly vertical: boolean;
  readonly spaceAfter: number;
  readonly source: SourceRef;
}

/** One photo frame of a plan: where it stands in the module and how many columns it may take. */
export interface FrameSpec {
  /** `middle`: centred across the module, half-way down its text, the story running around it. */
  readonly anchor: 'top' | 'bottom' | 'middle';
  /**
   * Frames stand against the module's left or right edge, and frames on one side stack; `after`
   * stands beside the plan's previous frame at the same anchor, to its right (a row of photos);
   * `before` to its left (a row built from the right edge).
   */
  readonly side: 'left' | 'right' | 'after' | 'before';
  /** Column counts the frame may take for each photo shape, smallest first; 0 = the module's width. */
  readonly spans: Readonly<Record<PhotoShape, readonly number[]>>;
  readonly spaceAfter: number;
  readonly source: SourceRef;
}

/** A page plan: the story's module, the head's width and the photo frames, for one photo count. */
export interface PlanSpec {
  readonly name: string;
  readonly photos: number;
  /** Which pages may use it: the opening page (with the feature title), a following page, or any. */
  readonly role: 'opening' | 'following' | 'any';
  /** Widths the part head may take, within the module (`columns="1-4|1-3"`), first preferred. */
  readonly heads: readonly ColumnRange[];
  /**
   * The story's module when narrower than the story's columns: it then runs to the page's foot and
   * the columns beside it are the open area (a strip for another story or an ad).
   */
  readonly module?: ColumnRange;
  readonly frames: readonly FrameSpec[];
  /**
   * Score points taken off the plan's candidates: the arrangement the template wants when the
   * page allows it (a signature photo mid-column), without overriding a real fault.
   */
  readonly preference?: number;
  readonly source: SourceRef;
}

/** House style the template sets and layout applies (box tint, rules, wrap minimum, photo limits). */
export interface HouseStyle {
  readonly boxTint: string;
  /** Tint padding above and below a box's text, and its inset from the column edges. */
  readonly boxPadding: Pt;
  readonly boxInset: Pt;
  /** A sliver narrower than this beside an obstacle stays empty. */
  readonly wrapMin: Pt;
  readonly headerRule: Pt;
  readonly blockRule: Pt;
  readonly quoteRule: Pt;
  readonly ruleColour: string;
  /** A rule under the part head's kicker, across the head's width (0: none), and its colour. */
  readonly kickerRule: Pt;
  readonly kickerRuleColour: string;
  /** Photos may be enlarged until their effective resolution reaches this (ppi). */
  readonly photoMinPpi: number;
  /** Largest share of a photo's area a crop may remove without a focus point. */
  readonly maxCrop: number;
  /** Blank grid lines copyfit may add to a display block marked `grow` (designed air). */
  readonly maxBlockAir: number;
}

/** Weights of the plan score's terms (docs/decisions/page-plans.md says why each is there). */
export interface ScoreWeights {
  readonly overset: number;
  readonly hole: number;
  readonly unlevel: number;
  readonly openArea: number;
  readonly lowResolution: number;
  readonly crop: number;
  readonly headLines: number;
  readonly shortColumn: number;
  readonly order: number;
  readonly leading: number;
  readonly filler: number;
  readonly smallPhoto: number;
}

/** One story with its head and photos on a page that holds several (each part its own module). */
export interface ModuleSpec {
  readonly head?: HeadSpec;
  readonly photos: readonly PagePhotoSpec[];
  readonly story?: StorySpec;
  /** Blank grid lines between this module and the one above it; a rule stands in the middle. */
  readonly spaceBefore: number;
  readonly ruleAbove: boolean;
  readonly source: SourceRef;
}

export interface PageSpec {
  /** 版次. */
  readonly number: number;
  /** The opening page carries the feature title; plans can be kept to one role. */
  readonly role: 'opening' | 'following';
  readonly geometry: PageGeometry;
  readonly grid: GridSpec;
  readonly header?: HeaderSpec;
  /** Display blocks fixed by the template (the feature title), stacked before the module. */
  readonly blocks: readonly (DisplayBlockSpec | PhotoFrameSpec)[];
  readonly head?: HeadSpec;
  /** Photos a plan places. */
  readonly photos: readonly PagePhotoSpec[];
  readonly plans: readonly PlanSpec[];
  readonly story?: StorySpec;
  /** Modules stacked down the page (<module>), when the page holds more than one story. */
  readonly modules?: readonly ModuleSpec[];
  readonly house: HouseStyle;
  readonly weights: ScoreWeights;
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
  /** Threads may take more pages than the template was given (<edition add-pages="true">). */
  readonly addPages: boolean;
  readonly styles: ReadonlyMap<string, TextStyleSpec>;
  readonly palette: ReadonlyMap<string, Cmyk>;
  readonly rules: TypesettingRules;
  readonly pages: readonly PageSpec[];
}
