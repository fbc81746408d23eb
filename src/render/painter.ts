/**
 * The narrow interface between what layout placed and a file format, after SILE's outputter
 * (outputters/base.lua): a painter knows pages, inks, shapes, glyph runs and images, never
 * stories or templates. `paint.ts` walks the placed pages and calls it; the painters are the PDF
 * one (print PDF/X-1a and archive PDF/A-2u, pdf-painter.ts) and the text trace (trace-painter.ts).
 */
import type { Cmyk } from '../template/types';
import type { GlyphRun } from '../typeset/types';
import type { PdfBox } from './geometry';

/** A process colour, or the registration colour that marks every plate. */
export type Ink = Cmyk | 'registration';

export interface Rect { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

/** Shapes in the page's top-left coordinates, in pt. */
export type Shape =
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }
  | { readonly kind: 'circle'; readonly cx: number; readonly cy: number; readonly r: number }
  | ({ readonly kind: 'rect' } & Rect);

export interface PageSetup {
  /** 版次, for traces and the outline. */
  readonly number: number;
  readonly mediaWidth: number;
  readonly mediaHeight: number;
  /** PDF user space (origin bottom-left); absent where the media is the trim (archive). */
  readonly trimBox?: PdfBox;
  readonly bleedBox?: PdfBox;
}

/** One outline (bookmark) entry: page → part → section, landing on its heading. */
export interface OutlineEntry {
  readonly title: string;
  /** 0-based index of the page in this file. */
  readonly pageIndex: number;
  /** Top of the heading, in the page's top-left coordinates. */
  readonly top: number;
  readonly left: number;
  readonly children: readonly OutlineEntry[];
}

export interface Painter<Output> {
  beginPage(setup: PageSetup): void;
  /** A run's glyphs at the positions typesetting computed; `baseline` and `lineX` in page coordinates. */
  glyphRun(run: GlyphRun, lineX: number, baseline: number, ink: Cmyk, overprint: boolean): void;
  /** Each shape stroked on its own, all with one width and ink. */
  stroke(shapes: readonly Shape[], width: number, ink: Ink, overprint: boolean): void;
  fill(rect: Rect, ink: Cmyk): void;
  /** A short label in a registered font role, shaped by the painter (the slug). */
  label(text: string, x: number, baseline: number, font: string, size: number, ink: Cmyk): void;
  /** Advance width of a label, in pt. */
  measure(text: string, font: string, size: number): number;
  /** A prepared (CMYK JPEG) photo; `alt` is its caption, the archive's alternate text. */
  image(rect: Rect, jpeg: Buffer, alt: string): void;
  outline(entries: readonly OutlineEntry[]): void;
  finish(): Promise<Output>;
}
