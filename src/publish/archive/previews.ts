/**
 * Page previews rendered from the archive PDF: a PNG about 1,200 px wide and a thumbnail about
 * 150 px wide per page. pdf.js (pdfjs-dist, Apache-2.0) draws on @napi-rs/canvas (MIT), both
 * installed from npm; mupdf would be faster but is AGPL, and sharp's prebuilt libvips reads no PDF.
 */
import { createCanvas } from '@napi-rs/canvas';

export const PREVIEW_WIDTH = 1200;
export const THUMBNAIL_WIDTH = 150;

export interface PagePreview {
  /** 0-based page index in the PDF. */
  readonly index: number;
  readonly preview: Buffer;
  readonly thumbnail: Buffer;
  readonly ms: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export async function renderPreviews(pdf: Buffer, onPage?: (done: number, total: number) => void): Promise<PagePreview[]> {
  const { getDocument } = await loadPdfJs();
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const previews: PagePreview[] = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const started = performance.now();
      const page = await document.getPage(n);
      const unscaled = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PREVIEW_WIDTH / unscaled.width });
      const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
      const thumbHeight = Math.round((canvas.height * THUMBNAIL_WIDTH) / canvas.width);
      const thumb = createCanvas(THUMBNAIL_WIDTH, thumbHeight);
      const thumbContext = thumb.getContext('2d');
      thumbContext.imageSmoothingEnabled = true;
      thumbContext.imageSmoothingQuality = 'high';
      thumbContext.drawImage(canvas, 0, 0, THUMBNAIL_WIDTH, thumbHeight);
      previews.push({ index: n - 1, preview: await canvas.encode('png'), thumbnail: await thumb.encode('png'), ms: performance.now() - started });
      page.cleanup();
      onPage?.(n, document.numPages);
    }
  } finally {
    await document.destroy();
  }
  return previews;
}
