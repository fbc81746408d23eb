/**
 * Render stage: placed pages → PDF bytes. The only module that imports pdfkit. Paints exactly
 * what layout placed, in reading order, so the text layer extracts story by story.
 */
import PDFDocument from 'pdfkit';
import type { PreparedPhoto } from '../images';
import type { PlacedItem, PlacedPage } from '../layout/types';
import type { Cmyk } from '../template/types';
import { paintGlyphRun } from './glyphs';
import { paintMarks } from './marks';

export interface NativeFontSource {
  roles(): readonly string[];
  nativeFont(key: string): unknown;
}

export interface PageInfo {
  readonly title: string;
  readonly paper: string;
  /** ISO date of the edition; also the PDF's creation date, so builds are reproducible. */
  readonly date: string;
  readonly section: string;
  /** Unique per file: PDFKit derives /ID from Info. */
  readonly pageId: string;
  readonly producer: string;
}

export interface RenderContext {
  readonly fonts: NativeFontSource;
  readonly photos: ReadonlyMap<number, PreparedPhoto>;
  readonly info: PageInfo;
}

/** Room for marks and slug outside the bleed. */
export const MARK_AREA = 36;

const cmykArray = (colour: Cmyk): [number, number, number, number] => [colour.c, colour.m, colour.y, colour.k];
const BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };

function paintItem(doc: PDFKit.PDFDocument, item: PlacedItem, page: PlacedPage, context: RenderContext, origin: number): void {
  switch (item.kind) {
    case 'text':
      for (const run of item.line.runs) {
        doc.fillColor(cmykArray(page.palette.get(run.color ?? 'black') ?? BLACK));
        paintGlyphRun(doc, run, origin + item.x, origin + item.baseline);
      }
      return;
    case 'rule':
      doc.save().lineWidth(item.width).strokeColor(cmykArray(item.color))
        .moveTo(origin + item.x1, origin + item.y1).lineTo(origin + item.x2, origin + item.y2).stroke().restore();
      return;
    case 'box':
      doc.save();
      doc.rect(origin + item.x, origin + item.y, item.width, item.height);
      if (item.fill) doc.fillColor(cmykArray(item.fill)).fill();
      doc.restore();
      if (item.stroke) {
        doc.save().lineWidth(item.strokeWidth).strokeColor(cmykArray(item.stroke))
          .rect(origin + item.x, origin + item.y, item.width, item.height).stroke().restore();
      }
      return;
    case 'photo': {
      const photo = context.photos.get(item.photo);
      if (!photo) {
        // A missing photo is already an error diagnostic; the proof shows where it belongs.
        doc.save().lineWidth(0.5).strokeColor([0, 100, 0, 0]).rect(origin + item.x, origin + item.y, item.width, item.height)
          .moveTo(origin + item.x, origin + item.y).lineTo(origin + item.x + item.width, origin + item.y + item.height).stroke().restore();
        return;
      }
      doc.image(photo.jpeg, origin + item.x, origin + item.y, { width: item.width, height: item.height });
      return;
    }
  }
}

function paintSlug(doc: PDFKit.PDFDocument, page: PlacedPage, info: PageInfo, origin: number): void {
  const text = `${info.paper}  ${info.date}  第${page.number}版  ${info.section}  C M Y K  ${info.producer}`;
  doc.save().font('hei').fontSize(6).fillColor([0, 0, 0, 100]);
  doc.text(text, origin, origin + page.geometry.trimHeight + page.geometry.bleed + 14, { lineBreak: false, features: [] } as PDFKit.Mixins.TextOptions);
  doc.restore();
}

export async function renderPage(page: PlacedPage, context: RenderContext): Promise<Buffer> {
  const { geometry } = page;
  const origin = geometry.bleed + MARK_AREA;
  const mediaWidth = geometry.trimWidth + 2 * origin;
  const mediaHeight = geometry.trimHeight + 2 * origin;
  const date = new Date(`${context.info.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: [mediaWidth, mediaHeight], margin: 0, autoFirstPage: false, pdfVersion: '1.4', compress: true,
    info: {
      Title: context.info.title, Producer: context.info.producer, Creator: context.info.producer,
      CreationDate: date, ModDate: date, Subject: context.info.pageId,
    },
  } as PDFKit.PDFDocumentOptions);
  for (const role of context.fonts.roles()) {
    (doc as unknown as { registerFont(name: string, src: unknown): void }).registerFont(role, context.fonts.nativeFont(role));
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.addPage();
  const boxes = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
  boxes.TrimBox = [origin, origin, origin + geometry.trimWidth, origin + geometry.trimHeight];
  boxes.BleedBox = [origin - geometry.bleed, origin - geometry.bleed, origin + geometry.trimWidth + geometry.bleed, origin + geometry.trimHeight + geometry.bleed];
  for (const item of page.items) paintItem(doc, item, page, context, origin);
  paintMarks(doc, geometry, origin);
  paintSlug(doc, page, context.info, origin);
  doc.end();
  return finished;
}
