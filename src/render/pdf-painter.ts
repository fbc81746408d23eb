/**
 * The PDF painter, on PDFKit: the same painting for the print file (PDF/X-1a:2001), a proof and
 * the archive (PDF/A-2u); the flavour decides only the document structure (pdfx.ts, pdfa.ts).
 * Every colour is DeviceCMYK or the registration separation.
 */
import type { NativeFontSource } from './index';
import type { Cmyk } from '../template/types';
import type { GlyphRun } from '../typeset/types';
import type { Ink, OutlineEntry, PageSetup, Painter, Rect, Shape } from './painter';
import {
  addPage, beginAltText, collect, endMarkedContent, fillCmyk, overprint, paintGlyphRun, strokeCmyk, useRegistration, writeOutline, type Doc,
} from './pdfkit-internals';

export interface PdfPainterOptions {
  /** Mark each photo with its caption as alternate text (the archive). */
  readonly altText: boolean;
}

export class PdfPainter implements Painter<Buffer> {
  private readonly bytes: Promise<Buffer>;
  private readonly pageHeights: number[] = [];

  constructor(private readonly doc: Doc, fonts: NativeFontSource, private readonly options: PdfPainterOptions) {
    for (const role of fonts.roles()) {
      (doc as unknown as { registerFont(name: string, src: unknown): void }).registerFont(role, fonts.nativeFont(role));
    }
    this.bytes = collect(doc);
  }

  beginPage(setup: PageSetup): void {
    addPage(this.doc, [setup.mediaWidth, setup.mediaHeight], { trimBox: setup.trimBox, bleedBox: setup.bleedBox });
    this.pageHeights.push(setup.mediaHeight);
  }

  glyphRun(run: GlyphRun, lineX: number, baseline: number, ink: Cmyk, overprinting: boolean): void {
    this.doc.save();
    if (overprinting) overprint(this.doc);
    fillCmyk(this.doc, ink);
    paintGlyphRun(this.doc, run, lineX, baseline);
    this.doc.restore();
  }

  stroke(shapes: readonly Shape[], width: number, ink: Ink, overprinting: boolean): void {
    const doc = this.doc;
    doc.save().lineWidth(width);
    if (overprinting) overprint(doc);
    if (ink === 'registration') useRegistration(doc, true);
    else strokeCmyk(doc, ink);
    for (const shape of shapes) {
      if (shape.kind === 'line') doc.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2).stroke();
      else if (shape.kind === 'circle') doc.circle(shape.cx, shape.cy, shape.r).stroke();
      else doc.rect(shape.x, shape.y, shape.width, shape.height).stroke();
    }
    doc.restore();
  }

  fill(rect: Rect, ink: Cmyk): void {
    this.doc.save();
    fillCmyk(this.doc, ink);
    this.doc.rect(rect.x, rect.y, rect.width, rect.height).fill().restore();
  }

  label(text: string, x: number, baseline: number, font: string, size: number, ink: Cmyk): void {
    this.doc.save().font(font).fontSize(size);
    fillCmyk(this.doc, ink);
    this.doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: [] } as PDFKit.Mixins.TextOptions);
    this.doc.restore();
  }

  measure(text: string, font: string, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  image(rect: Rect, jpeg: Buffer, alt: string): void {
    if (this.options.altText) beginAltText(this.doc, alt);
    this.doc.image(jpeg, rect.x, rect.y, { width: rect.width, height: rect.height });
    if (this.options.altText) endMarkedContent(this.doc);
  }

  outline(entries: readonly OutlineEntry[]): void {
    writeOutline(this.doc, entries, this.pageHeights);
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.bytes;
  }
}
