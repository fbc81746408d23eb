/**
 * Paints a glyph run at the exact positions typesetting computed, as one TJ per run. PDFKit has
 * no public API that takes glyph ids, so this reaches into its embedded-font object; the e2e tests
 * pin the result (fonts embedded and subset, text extractable, glyphs where we put them).
 */
import type PDFDocument from 'pdfkit';
import type { GlyphRun } from '../typeset/types';

interface EmbeddedFontInternals {
  id: string;
  scale: number;
  widths: number[];
  unicode: number[][];
  subset: { includeGlyph(id: number): number };
  font: { getGlyph(id: number): { advanceWidth: number } };
  ref(): unknown;
}

interface DocumentInternals {
  _font: EmbeddedFontInternals;
  page: { fonts: Record<string, unknown>; height: number };
  addContent(content: string): void;
}

const hex4 = (value: number): string => value.toString(16).padStart(4, '0');
const num = (value: number): string => (Math.round(value * 1000) / 1000).toString();

/** `lineX` and `baseline` are in PDFKit's top-left coordinates. */
export function paintGlyphRun(doc: PDFKit.PDFDocument, run: GlyphRun, lineX: number, baseline: number): void {
  if (run.glyphs.length === 0) return;
  doc.font(run.font).fontSize(run.size);
  const internals = doc as unknown as DocumentInternals;
  const font = internals._font;
  internals.page.fonts[font.id] ??= font.ref();
  const size = run.size;
  const codes = run.glyphs.map((glyph) => {
    const gid = font.subset.includeGlyph(glyph.id);
    font.widths[gid] ??= font.font.getGlyph(glyph.id).advanceWidth * font.scale;
    font.unicode[gid] ??= [...glyph.text].map((c) => c.codePointAt(0) ?? 0);
    return gid;
  });
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    parts.push(`<${hex4(codes[i] as number)}>`);
    const next = run.glyphs[i + 1];
    if (!next) return;
    const natural = ((font.widths[codes[i] as number] ?? 0) * size) / 1000;
    const adjust = ((next.x - glyph.x - natural) * 1000) / size;
    if (Math.abs(adjust) > 0.001) parts.push(num(-adjust));
  });
  const first = run.glyphs[0] as GlyphRun['glyphs'][number];
  const height = internals.page.height;
  doc.save();
  // Undo PDFKit's y flip so the text matrix is in plain PDF space, as PDFKit's own text() does.
  doc.transform(1, 0, 0, -1, 0, height);
  internals.addContent(`BT /${font.id} ${num(size)} Tf 1 0 0 1 ${num(lineX + first.x)} ${num(height - baseline)} Tm [${parts.join(' ')}] TJ ET`);
  doc.restore();
}

export type { PDFDocument };
