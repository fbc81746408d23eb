import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkup } from '../../src/template/markup';
import { readLayoutSpec } from '../../src/template/page-spec';
import { renderTemplate, photosByPage } from '../../src/template/render';
import { chineseDate, chineseNumeral, weekday } from '../../src/template/helpers';
import { readTemplateSources } from '../../src/io/templates';
import { PipelineError } from '../../src/diagnostics';

test('Chinese date helpers', () => {
  assert.equal(chineseDate('2021-03-05'), '2021年3月5日');
  assert.equal(weekday('2021-03-05'), '星期五');
  assert.equal(chineseNumeral(12), '十二');
  assert.equal(chineseNumeral(40), '四十');
  assert.throws(() => chineseDate('5 March'), /ISO date/);
});

test('markup errors carry line and column', () => {
  assert.throws(() => parseMarkup('<edition>\n  <page>\n</edition>', 'x.xml'), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    const d = error.diagnostics[0];
    assert.equal(d?.source?.line, 3);
    assert.equal(d?.code, 'markup-syntax');
    return true;
  });
});

test('content with markup characters prints literally: {{ }} escapes it into valid XML', () => {
  const xml = renderTemplate({ pagePath: 'p.hbs', page: '<edition><t>{{text}}</t></edition>', partials: new Map() }, { text: '<b>&amp; {{x}}' });
  const root = parseMarkup(xml, 'p.xml');
  const t = root.children[0];
  assert.ok(t && typeof t !== 'string');
  assert.equal(t.children.join(''), '<b>&amp; {{x}}');
});

test('a template referring to a missing field fails with its line', () => {
  assert.throws(() => renderTemplate({ pagePath: 'p.hbs', page: '<edition>\n{{nope}}</edition>', partials: new Map() }, {}), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    assert.equal(error.diagnostics[0]?.source?.line, 2);
    return true;
  });
});

test('page attributes are checked: columns that do not fit are an error naming the markup line', () => {
  const xml = `<edition><styles><style name="body" font="song" size="小五"/><style name="body-bold" font="hei-bold" size="小五"/><style name="caption" font="kai" size="小五"/></styles>
<page number="1" trim="390mm 543mm" margins="20mm 20mm 23mm 20mm" columns="9" column-width="13字" body-size="小五" pitch="15pt"/></edition>`;
  assert.throws(() => readLayoutSpec(parseMarkup(xml, 'm.xml'), 'm.xml', 'ms.txt'), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    assert.equal(error.diagnostics[0]?.source?.line, 2);
    assert.match(error.diagnostics[0]?.message ?? '', /do not fit/);
    return true;
  });
});

test('the feature template gives an 8-column grid of 13 字 columns on a 350 mm type area', () => {
  const sources = readTemplateSources('feature-spread');
  assert.ok(sources.partials.has('header'));
  const xml = `<edition><styles><style name="body" font="song" size="小五"/><style name="body-bold" font="hei-bold" size="小五"/><style name="caption" font="kai" size="小五"/></styles>
<page number="4" trim="390mm 543mm" margins="20mm 20mm 23mm 20mm" columns="8" column-width="13字" body-size="小五" pitch="15pt"/></edition>`;
  const spec = readLayoutSpec(parseMarkup(xml, 'm.xml'), 'm.xml', 'ms.txt');
  const grid = spec.pages[0]?.grid;
  assert.equal(grid?.columnWidth, 117);
  assert.ok(Math.abs((spec.pages[0]?.geometry.typeAreaWidth ?? 0) / (72 / 25.4) - 350) < 0.01);
  assert.ok(grid && grid.gutter > 7.5 && grid.gutter < 9);
});

test('photos go to the page the edition names, else spread evenly in order', () => {
  const photo = (page?: number) => ({ path: '', entry: { file: '', page, source: { file: '' } }, caption: { text: '', source: { file: '' }, partIndex: 0 } });
  assert.deepEqual(photosByPage([photo(5), photo(), photo(), photo()], [4, 5]), [[1, 2], [0, 3]]);
});

test('house typesetting rules on <edition> are read and checked', () => {
  const base = `<styles><style name="body" font="song" size="小五"/><style name="body-bold" font="hei-bold" size="小五"/><style name="caption" font="kai" size="小五"/></styles>
<page number="1" trim="390mm 543mm" margins="20mm 20mm 23mm 20mm" columns="8" column-width="13字" body-size="小五" pitch="15pt"/>`;
  const spec = readLayoutSpec(parseMarkup(`<edition punctuation="quanshen" kinsoku="strict" cjk-latin-gap="0.125">${base}</edition>`, 'm.xml'), 'm.xml', 'ms.txt');
  assert.deepEqual(spec.rules, { punctuation: 'quanshen', kinsoku: 'strict', cjkLatinGap: 0.125 });
  assert.throws(() => readLayoutSpec(parseMarkup(`<edition cjk-latin-gap="1">${base}</edition>`, 'm.xml'), 'm.xml', 'ms.txt'), /cjk-latin-gap/);
  assert.throws(() => readLayoutSpec(parseMarkup(`<edition punctuation="banjiao">${base}</edition>`, 'm.xml'), 'm.xml', 'ms.txt'), /kaiming, quanshen/);
});
