/**
 * Render stage: placed pages → PDF/X-1a:2001 files. The only module that imports pdfkit. Paints
 * exactly what layout placed, in reading order, so the text layer extracts story by story, then
 * the printer's marks outside the bleed. Every colour is DeviceCMYK (or the registration
 * separation); see colour.ts.
 */
import type { PreparedPhoto } from '../images';
import type { PlacedItem, PlacedPage } from '../layout/types';
import type { Cmyk } from '../template/types';
import { BLACK, fillCmyk, isBlackOnly, overprint, strokeCmyk } from './colour';
import { printGeometry, type PrintGeometry } from './geometry';
import { paintGlyphRun } from './glyphs';
import { paintMarks, planMarks, type Mark, type TrimFrame } from './marks';
import { addPrintPage, collect, createPrintDocument, type OutputIntentProfile } from './pdfx';

export { MARK_AREA, printGeometry, trimOrigin, type PdfBox, type PrintGeometry } from './geometry';
export { CONTROL_PATCHES, MARK_WIDTH, type Mark, type Rect } from './marks';
export { inkCount, isBlackOnly, totalInk } from './colour';
export type { OutputIntentProfile } from './pdfx';

export interface NativeFontSource {
  roles(): readonly string[];
  nativeFont(key: string): unknown;
}

export interface PageInfo {
  readonly title: string;
  readonly paper: string;
  /** ISO date of the edition. */
  readonly date: string;
  readonly section: string;
  /** Unique per file: PDFKit derives /ID from Info. */
  readonly pageId: string;
  readonly producer: string;
  /** The fixed build time (creation date and slug), never the wall clock, so builds are reproducible. */
  readonly buildTime: Date;
  /** Where buildTime came from, printed in the slug: "edition date" or "SOURCE_DATE_EPOCH". */
  readonly buildTimeSource: string;
}

export interface RenderContext {
  readonly fonts: NativeFontSource;
  readonly photos: ReadonlyMap<number, PreparedPhoto>;
  readonly info: PageInfo;
  /** The CMYK output profile the photos were separated with; embedded as the OutputIntent. */
  readonly profile: OutputIntentProfile;
}

export interface RenderedPage {
  readonly pdf: Buffer;
  readonly geometry: PrintGeometry;
  /** Marks as painted, in media top-left coordinates. */
  readonly marks: readonly Mark[];
}

/** The slug's font: a sans face with Latin and the paper's name. */
const SLUG_FONT = 'hei';
const PROOF_WARNING = '校样 不得付印 PROOF – NOT FOR PRESS';

interface Offset { readonly x: number; readonly y: number }

function paintText(doc: PDFKit.PDFDocument, item: Extract<PlacedItem, { kind: 'text' }>, page: PlacedPage, at: Offset): void {
  for (const run of item.line.runs) {
    const colour = page.palette.get(run.color ?? 'black') ?? BLACK;
    doc.save();
    if (isBlackOnly(colour)) overprint(doc);
    fillCmyk(doc, colour);
    paintGlyphRun(doc, run, at.x + item.x, at.y + item.baseline);
    doc.restore();
  }
}

function paintItem(doc: PDFKit.PDFDocument, item: PlacedItem, page: PlacedPage, context: RenderContext, at: Offset): void {
  switch (item.kind) {
    case 'text':
      paintText(doc, item, page, at);
      return;
    case 'rule':
      doc.save().lineWidth(item.width);
      if (isBlackOnly(item.color)) overprint(doc);
      strokeCmyk(doc, item.color);
      doc.moveTo(at.x + item.x1, at.y + item.y1).lineTo(at.x + item.x2, at.y + item.y2).stroke().restore();
      return;
    case 'box':
      if (item.fill) {
        doc.save();
        fillCmyk(doc, item.fill);
        doc.rect(at.x + item.x, at.y + item.y, item.width, item.height).fill().restore();
      }
      if (item.stroke && item.strokeWidth > 0) {
        doc.save().lineWidth(item.strokeWidth);
        strokeCmyk(doc, item.stroke);
        doc.rect(at.x + item.x, at.y + item.y, item.width, item.height).stroke().restore();
      }
      return;
    case 'photo': {
      const photo = context.photos.get(item.photo);
      if (!photo) {
        // A missing photo is already an error diagnostic; the proof shows where it belongs.
        doc.save().lineWidth(0.5);
        strokeCmyk(doc, { c: 0, m: 100, y: 0, k: 0 } satisfies Cmyk);
        doc.rect(at.x + item.x, at.y + item.y, item.width, item.height)
          .moveTo(at.x + item.x, at.y + item.y).lineTo(at.x + item.x + item.width, at.y + item.y + item.height).stroke().restore();
        return;
      }
      doc.image(photo.jpeg, at.x + item.x, at.y + item.y, { width: item.width, height: item.height });
      return;
    }
  }
}

function slugText(info: PageInfo, pages: string): string {
  const built = `${info.buildTime.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${info.buildTimeSource})`;
  return `${info.paper}  ${info.date}  ${pages}  ${info.section}  built ${built}  ${info.producer}  plates`;
}

function registerFonts(doc: PDFKit.PDFDocument, fonts: NativeFontSource): void {
  for (const role of fonts.roles()) {
    (doc as unknown as { registerFont(name: string, src: unknown): void }).registerFont(role, fonts.nativeFont(role));
  }
}

/** Pages side by side on one sheet; a single page is the press file, several are a proof. */
async function renderSheet(pages: readonly PlacedPage[], context: RenderContext, pressReady: boolean, slug: string): Promise<RenderedPage> {
  const first = pages[0];
  if (!first) throw new Error('nothing to render');
  const geometry = printGeometry(first.geometry, pages.reduce((sum, p) => sum + p.geometry.trimWidth, 0));
  const doc = createPrintDocument({ title: context.info.title, producer: context.info.producer, date: context.info.buildTime, id: context.info.pageId }, context.profile, pressReady);
  registerFonts(doc, context.fonts);
  const finished = collect(doc);
  addPrintPage(doc, geometry);
  let x = geometry.origin;
  for (const page of pages) {
    for (const item of page.items) paintItem(doc, item, page, context, { x, y: geometry.origin });
    x += page.geometry.trimWidth;
  }
  const frame: TrimFrame = { left: geometry.origin, top: geometry.origin, width: x - geometry.origin, height: first.geometry.trimHeight, bleed: first.geometry.bleed };
  doc.font(SLUG_FONT);
  const marks = planMarks(frame, slug, (text, size) => doc.fontSize(size).widthOfString(text));
  paintMarks(doc, marks, SLUG_FONT);
  doc.end();
  return { pdf: await finished, geometry, marks };
}

export function renderPage(page: PlacedPage, context: RenderContext): Promise<RenderedPage> {
  return renderSheet([page], context, true, slugText(context.info, `第${page.number}版`));
}

/** Facing pages on one sheet for proofing: not PDF/X, and the slug says it is not for press. */
export function renderProofSpread(pages: readonly PlacedPage[], context: RenderContext): Promise<RenderedPage> {
  const numbers = pages.map((p) => p.number).join('–');
  return renderSheet(pages, context, false, `${PROOF_WARNING}  ${slugText(context.info, `第${numbers}版`)}`);
}
