/**
 * Body lines of a printed page read back from the PDF's text runs and the build's column sidecar
 * (work/sidecar.json). pdf.js cuts a line into runs where compressed marks shift the glyphs, so
 * runs are joined into lines by baseline, column by column. Only body-size text (`em`) is read:
 * heads and pull quotes are set ragged on purpose.
 *
 * shortLinesInParagraphs: a line whose next line, one baseline pitch below in the same column,
 * starts at the column's left edge (no indent: the paragraph goes on) must reach the column's
 * right edge, or pass it by at most half an em (a line-end mark set half-width keeps its full box
 * in the text run). A box's lines (关键词, 数据), set in by its padding (under an em) on both
 * sides, must reach as far in from the right edge as they start from the left.
 */
import type { PdfPage } from './pdf';

export interface SidecarPage { readonly page: number; readonly baseline_pitch: number; readonly columns: readonly (readonly [number, number])[] }

export interface ColumnLine { readonly page: number; readonly column: number; readonly y: number; readonly x: number; readonly end: number; readonly text: string }
export interface ShortLine { readonly page: number; readonly column: number; readonly y: number; readonly text: string; readonly short: number }

const TOL = 0.5;

export function columnLines(page: PdfPage, side: SidecarPage, em = 9): ColumnLine[][] {
  return side.columns.map(([left, right], column) => {
    const byBase = new Map<number, { x: number; end: number; parts: { x: number; text: string }[] }>();
    for (const it of page.items) {
      // a blank that takes room (an ideographic space drawn 1 em wide) is part of the line's text,
      // but not of its ink: the line's start and end are its visible characters'
      const blank = it.text.trim() === '';
      if ((blank && it.width < TOL) || Math.abs(it.height - em) > 0.05 || it.x < left - TOL || it.x + it.width > right + em / 2 + TOL) continue;
      const key = Math.round(it.y * 10);
      const line = byBase.get(key) ?? { x: Infinity, end: -Infinity, parts: [] };
      byBase.set(key, line);
      if (!blank) { line.x = Math.min(line.x, it.x); line.end = Math.max(line.end, it.x + it.width); }
      line.parts.push({ x: it.x, text: it.text });
    }
    return [...byBase.entries()].filter(([, l]) => l.end > l.x)
      .map(([key, l]) => ({ page: side.page, column: column + 1, y: key / 10, x: l.x, end: l.end, text: l.parts.sort((a, b) => a.x - b.x).map((p) => p.text).join('') }))
      .sort((a, b) => a.y - b.y);
  });
}

export function shortLinesInParagraphs(page: PdfPage, side: SidecarPage, em = 9): ShortLine[] {
  const out: ShortLine[] = [];
  columnLines(page, side, em).forEach((lines, column) => {
    const [left, right] = side.columns[column]!;
    for (const line of lines) {
      const pad = Math.abs(line.x - left - 2 * em) <= TOL ? 0 : line.x - left;
      if (pad < -TOL || pad > em) continue;
      const next = lines.find((n) => Math.abs(n.y - line.y - side.baseline_pitch) <= 0.15);
      if (!next || Math.abs(next.x - left - pad) > TOL) continue;
      if (line.end < right - pad - TOL) out.push({ page: side.page, column: column + 1, y: line.y, text: line.text, short: right - pad - line.end });
    }
  });
  return out;
}

/**
 * Lines of a box (set in by its padding, under an em) whose next line, one pitch below, starts
 * further in: a box's paragraph has no indent, so the extra room is a blank the line opens with.
 */
export function indentedBoxLines(page: PdfPage, side: SidecarPage, em = 9): ColumnLine[] {
  return columnLines(page, side, em).flatMap((lines, column) => {
    const left = side.columns[column]![0];
    return lines.filter((line) => {
      const prev = lines.find((p) => Math.abs(line.y - p.y - side.baseline_pitch) <= 0.15);
      if (!prev) return false;
      const pad = prev.x - left;
      return pad > TOL && pad < em && line.x - left > pad + TOL;
    });
  });
}
