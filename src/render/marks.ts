/** Printer's marks outside the bleed: crop marks and registration targets in all four inks. */
import type { PageGeometry } from '../template/types';

/** Registration colour: 100 % of every ink, so the mark appears on each plate. */
const REGISTRATION: [number, number, number, number] = [100, 100, 100, 100];
const MARK_LENGTH = 20; // pt
const MARK_WIDTH = 0.25; // pt, the thinnest rule the press holds

/** `origin` is where the trim's top-left sits on the media. */
export function paintMarks(doc: PDFKit.PDFDocument, geometry: PageGeometry, origin: number): void {
  const left = origin;
  const top = origin;
  const right = origin + geometry.trimWidth;
  const bottom = origin + geometry.trimHeight;
  const offset = geometry.bleed + 3; // marks start outside the bleed
  doc.save().lineWidth(MARK_WIDTH).strokeColor(REGISTRATION);
  for (const [x, y, dx, dy] of [[left, top, -1, -1], [right, top, 1, -1], [left, bottom, -1, 1], [right, bottom, 1, 1]] as const) {
    doc.moveTo(x + dx * offset, y).lineTo(x + dx * (offset + MARK_LENGTH), y).stroke();
    doc.moveTo(x, y + dy * offset).lineTo(x, y + dy * (offset + MARK_LENGTH)).stroke();
  }
  const centreX = (left + right) / 2;
  const centreY = (top + bottom) / 2;
  const distance = offset + MARK_LENGTH / 2 + 2;
  for (const [x, y] of [[centreX, top - distance], [centreX, bottom + distance], [left - distance, centreY], [right + distance, centreY]] as const) {
    doc.circle(x, y, 5).stroke();
    doc.moveTo(x - 8, y).lineTo(x + 8, y).stroke();
    doc.moveTo(x, y - 8).lineTo(x, y + 8).stroke();
  }
  doc.restore();
}
