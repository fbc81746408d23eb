/**
 * Lines of a printed page that stop short inside a paragraph, read from the PDF's text runs (one
 * run a line) and the build's column sidecar (work/sidecar.json): a line in a column whose next
 * line, one baseline pitch below in the same column, starts at the column's left edge (no indent:
 * the paragraph goes on) must reach the column's right edge, or pass it by at most half an em
 * (a line-end mark set half-width keeps its full box in the text run). Only body-size text (`em`)
 * is read: heads and pull quotes are set ragged on purpose.
 */
import type { PdfPage } from './pdf';

export interface SidecarPage { readonly page: number; readonly baseline_pitch: number; readonly columns: readonly (readonly [number, number])[] }

export interface ShortLine { readonly page: number; readonly column: number; readonly y: number; readonly text: string; readonly short: number }

const TOL = 0.5;

export function shortLinesInParagraphs(page: PdfPage, side: SidecarPage, em = 9): ShortLine[] {
  const out: ShortLine[] = [];
  side.columns.forEach(([left, right], column) => {
    // text runs inside the column (a line-end mark may pass its edge by half an em), joined into
    // lines by baseline: pdf.js cuts a line into runs where compressed marks shift the glyphs
    const byBase = new Map<number, { x: number; end: number; text: string }>();
    for (const it of page.items) {
      if (it.text.trim() === '' || Math.abs(it.height - em) > 0.05 || it.x < left - TOL || it.x + it.width > right + em / 2 + TOL) continue;
      const key = Math.round(it.y * 10);
      const line = byBase.get(key);
      if (!line) byBase.set(key, { x: it.x, end: it.x + it.width, text: it.text });
      else { line.x = Math.min(line.x, it.x); line.end = Math.max(line.end, it.x + it.width); line.text += it.text; }
    }
    const lines = [...byBase.entries()].map(([key, l]) => ({ y: key / 10, ...l })).sort((a, b) => a.y - b.y);
    for (const line of lines) {
      // a column's own lines start at its edge or at the paragraph indent
      if (Math.abs(line.x - left) > TOL && Math.abs(line.x - left - 2 * em) > TOL) continue;
      const next = lines.find((n) => Math.abs(n.y - line.y - side.baseline_pitch) <= 0.15);
      if (!next || Math.abs(next.x - left) > TOL) continue;
      if (line.end < right - TOL) out.push({ page: side.page, column: column + 1, y: line.y, text: line.text, short: right - line.end });
    }
  });
  return out;
}
