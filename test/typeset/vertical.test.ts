/** Issue 3 §9: vertical (竖排) heads use the fonts' vert forms, one character per em, top to bottom. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typesetVertical } from '../../src/typeset';
import { loadFontBook } from '../../src/io/fonts';
import { pt } from '../../src/units';

const fonts = loadFontBook();

test('brackets and marks take their vertical forms; digits stay upright and centred', () => {
  const text = '《展望》，2021';
  const { cells, diagnostics } = typesetVertical(text, { font: 'hei-bold', size: pt(22) }, fonts);
  assert.deepEqual(diagnostics, []);
  assert.equal(cells.map((c) => c.text).join(''), text);
  const face = fonts.face('hei-bold');
  for (const mark of ['《', '》', '，']) {
    const cell = cells.find((c) => c.text === mark);
    const horizontal = face.shape(mark, [])[0]?.id;
    assert.notEqual(cell?.runs[0]?.glyphs[0]?.id, horizontal, `${mark} uses its vert glyph`);
  }
  const digit = cells.find((c) => c.text === '2');
  assert.ok((digit?.runs[0]?.glyphs[0]?.x ?? 0) > 3, 'a half-width digit is centred in its em');
});

test('a character no font has is an error, not a blank', () => {
  const { diagnostics } = typesetVertical('上篇\u0E01', { font: 'hei-bold', size: pt(22) }, fonts, { file: 'm.txt', line: 3 });
  assert.equal(diagnostics[0]?.code, 'missing-glyph');
  assert.equal(diagnostics[0]?.source?.line, 3);
});
