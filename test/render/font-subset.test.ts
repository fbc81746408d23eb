/**
 * Issue 13: the print files' font subsets copy simple glyphs without fontkit decoding their
 * outlines (copyGlyphsVerbatim in src/render/pdfkit-internals.ts). The subset must stay
 * byte-for-byte the one fontkit itself encodes, for simple, empty and composite glyphs alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFontBook } from '../../src/io/fonts';
import { copyGlyphsVerbatim } from '../../src/render/pdfkit-internals';

interface Subset { includeGlyph(gid: number): number; encode(): Uint8Array; glyphs: number[] }
interface Font {
  numGlyphs: number;
  createSubset(): Subset;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readInt16BE(): number };
}

/** Glyph ids of each kind in a font: composite (negative contour count), empty (no bytes), simple. */
function glyphKinds(font: Font): { composite: number[]; empty: number[]; simple: number[] } {
  const kinds = { composite: [] as number[], empty: [] as number[], simple: [] as number[] };
  const offsets = font.loca.offsets;
  for (let gid = 0; gid < font.numGlyphs; gid++) {
    const start = offsets[gid] as number;
    if (offsets[gid + 1] === start) { kinds.empty.push(gid); continue; }
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    (stream.readInt16BE() < 0 ? kinds.composite : kinds.simple).push(gid);
  }
  return kinds;
}

function encode(font: Font, glyphs: readonly number[], fast: boolean): Buffer {
  const subset = font.createSubset();
  if (fast) copyGlyphsVerbatim(subset);
  for (const gid of glyphs) subset.includeGlyph(gid);
  return Buffer.from(subset.encode());
}

test('a subset with glyphs copied verbatim is byte-for-byte the one fontkit encodes, in every font role', () => {
  const fonts = loadFontBook();
  let composites = 0;
  for (const role of fonts.roles()) {
    const font = fonts.nativeFont(role) as unknown as Font;
    const { composite, empty, simple } = glyphKinds(font);
    // Spread over the font, a few of each kind, in an order that is not the glyph order.
    const every = (list: number[], count: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / count)) === 0).slice(0, count);
    const glyphs = [...every(simple, 300).reverse(), ...every(empty, 3), ...every(composite, 20)];
    composites += Math.min(composite.length, 20);
    const expected = encode(font, glyphs, false);
    const actual = encode(font, glyphs, true);
    assert.ok(expected.length > 1000, `${role}: a real subset`);
    assert.ok(actual.equals(expected), `${role}: ${actual.length} bytes against fontkit's ${expected.length}`);
  }
  // LXGW WenKai has composite glyphs: the path that renumbers their components is exercised too.
  assert.ok(composites > 0, 'some role has composite glyphs');
});

test('copyGlyphsVerbatim changes nothing twice and leaves subsets without TrueType glyphs alone', () => {
  const font = loadFontBook().nativeFont('kai') as unknown as Font;
  const subset = font.createSubset();
  copyGlyphsVerbatim(subset);
  const patched = (subset as unknown as { _addGlyph: unknown })._addGlyph;
  copyGlyphsVerbatim(subset);
  assert.equal((subset as unknown as { _addGlyph: unknown })._addGlyph, patched);
  const other = { includeGlyph: () => 0 };
  copyGlyphsVerbatim(other);
  assert.deepEqual(Object.keys(other), ['includeGlyph']);
});
