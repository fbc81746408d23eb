/**
 * Render stage: resolved pages → files, through the narrow Painter interface (painter.ts). The
 * print painter writes PDF/X-1a:2001 pages with the printer's marks outside the bleed; the
 * archive painter writes the whole edition as PDF/A-2u (archive.ts); the trace painter writes
 * readable text for tests and review (trace-painter.ts). Only pdfkit-internals.ts touches
 * PDFKit's internals.
 */
import type { PreparedPhoto } from '../images';
import type { ResolvedPage } from '../layout/resolve-colours';
import { printGeometry, type PrintGeometry } from './geometry';
import { paintMarks, planMarks, type Mark, type TrimFrame } from './marks';
import { paintOpenArea } from './open-area';
import { paintPageItems, type PhotoSource } from './paint';
import { PdfPainter } from './pdf-painter';
import { deriveNamesFromContent } from './pdfkit-internals';
import { createPrintDocument, type OutputIntentProfile } from './pdfx';
import { TracePainter } from './trace-painter';

export { MARK_AREA, printGeometry, trimOrigin, type PdfBox, type PrintGeometry } from './geometry';
export { CONTROL_PATCHES, MARK_WIDTH, type Mark, type Rect } from './marks';
export { inkCount, isBlackOnly, totalInk } from './colour';
export type { OutputIntentProfile } from './pdfx';
export type { OutlineEntry, Painter } from './painter';

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
  /** Which page of which edition, kept in the Info /Subject. */
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
  /** Each photo's caption, its alternate text in the archive. */
  readonly captions?: ReadonlyMap<number, string>;
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

export const photoSource = (context: Pick<RenderContext, 'photos' | 'captions'>): PhotoSource => ({
  jpeg: (index) => context.photos.get(index)?.jpeg,
  alt: (index) => context.captions?.get(index) ?? '',
});

function slugText(info: PageInfo, pages: string): string {
  const built = `${info.buildTime.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${info.buildTimeSource})`;
  return `${info.paper}  ${info.date}  ${pages}  ${info.section}  built ${built}  ${info.producer}  plates`;
}

/** Pages side by side on one sheet; a single page is the press file, several are a proof. */
async function renderSheet(pages: readonly ResolvedPage[], context: RenderContext, pressReady: boolean, slug: string): Promise<RenderedPage> {
  const first = pages[0];
  if (!first) throw new Error('nothing to render');
  const geometry = printGeometry(first.geometry, pages.reduce((sum, p) => sum + p.geometry.trimWidth, 0));
  const doc = createPrintDocument({ title: context.info.title, producer: context.info.producer, date: context.info.buildTime, id: context.info.pageId }, context.profile, pressReady);
  deriveNamesFromContent(doc);
  const painter = new PdfPainter(doc, context.fonts, { altText: false });
  painter.beginPage({ number: first.number, mediaWidth: geometry.mediaWidth, mediaHeight: geometry.mediaHeight, trimBox: geometry.trimBox, bleedBox: geometry.bleedBox });
  let x = geometry.origin;
  for (const page of pages) {
    paintPageItems(painter, page, photoSource(context), { x, y: geometry.origin });
    if (!pressReady) paintOpenArea(painter, page, { x, y: geometry.origin }, SLUG_FONT);
    x += page.geometry.trimWidth;
  }
  const frame: TrimFrame = { left: geometry.origin, top: geometry.origin, width: x - geometry.origin, height: first.geometry.trimHeight, bleed: first.geometry.bleed };
  const marks = planMarks(frame, slug, (text, size) => painter.measure(text, SLUG_FONT, size));
  paintMarks(painter, marks, SLUG_FONT);
  return { pdf: await painter.finish(), geometry, marks };
}

export function renderPage(page: ResolvedPage, context: RenderContext): Promise<RenderedPage> {
  return renderSheet([page], context, true, slugText(context.info, `第${page.number}版`));
}

/** Facing pages on one sheet for proofing: not PDF/X, and the slug says it is not for press. */
export function renderProofSpread(pages: readonly ResolvedPage[], context: RenderContext): Promise<RenderedPage> {
  const numbers = pages.map((p) => p.number).join('–');
  return renderSheet(pages, context, false, `${PROOF_WARNING}  ${slugText(context.info, `第${numbers}版`)}`);
}

/**
 * A page's layout as text (trim coordinates): what each painter is asked to draw, without the
 * printer's marks. Photos are traced as frames with their alternate text.
 */
export function tracePage(page: ResolvedPage, captions: ReadonlyMap<number, string> = new Map()): Promise<string> {
  const painter = new TracePainter();
  painter.beginPage({ number: page.number, mediaWidth: page.geometry.trimWidth, mediaHeight: page.geometry.trimHeight });
  paintPageItems(painter, page, { jpeg: () => Buffer.alloc(0), alt: (index) => captions.get(index) ?? '' }, { x: 0, y: 0 });
  return painter.finish();
}

export { renderArchive, type ArchiveInput, type ArchiveMetadata } from './archive';
export { escapeXml } from './xmp';
