/**
 * Where a newspaper page sits on the PDF media. Layout works in pt from the trim's top-left;
 * the media adds the bleed and, outside it, room for printer's marks and the slug. The margin is
 * the same on all four sides so the trim is centred on the sheet.
 */
import type { PageGeometry } from '../template/types';
import { mm, mmToPt } from '../units';

/** Room for crop marks, registration targets, the control strip and the slug outside the bleed: 15 mm. */
export const MARK_AREA = mmToPt(mm(15));

/** [x0, y0, x1, y1] in PDF user space (origin bottom-left), as the page boxes are written. */
export type PdfBox = readonly [number, number, number, number];

export interface PrintGeometry {
  readonly mediaWidth: number;
  readonly mediaHeight: number;
  /** Offset of the trim's top-left from the media's top-left (equal in x and y). */
  readonly origin: number;
  readonly trimBox: PdfBox;
  readonly bleedBox: PdfBox;
  readonly mediaBox: PdfBox;
}

/** `width` lets a proof spread put several trims side by side on one sheet. */
export function printGeometry(page: PageGeometry, width: number = page.trimWidth): PrintGeometry {
  const origin = page.bleed + MARK_AREA;
  const mediaWidth = width + 2 * origin;
  const mediaHeight = page.trimHeight + 2 * origin;
  const trimBox: PdfBox = [origin, origin, origin + width, origin + page.trimHeight];
  const b = page.bleed;
  return {
    mediaWidth, mediaHeight, origin, trimBox,
    bleedBox: [trimBox[0] - b, trimBox[1] - b, trimBox[2] + b, trimBox[3] + b],
    mediaBox: [0, 0, mediaWidth, mediaHeight],
  };
}

/** Where the trim's top-left sits on the media: add it to layout coordinates for PDFKit's top-left space. */
export const trimOrigin = (page: PageGeometry): number => page.bleed + MARK_AREA;
