import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkup } from '../../src/template/markup';
import { readLayoutSpec } from '../../src/template/page-spec';
import { renderTemplate, photosByPage } from '../../src/template/render';
import { chineseDate, chineseDateWithWeekday, chineseNumeral, lunarDate, weekday } from '../../src/template/helpers';
import { readTemplateSources } from '../../src/io/templates';
import { PipelineError } from '../../src/diagnostics';

test('Chinese date helpers', () => {
  assert.equal(chineseDate('2021-03-05'), '2021年3月5日');
  assert.equal(weekday('2021-03-05'), '星期五');
  assert.equal(chineseNumeral(12), '十二');
  assert.equal(chineseNumeral(40), '四十');
  assert.throws(() => chineseDate('5 March'), /ISO date/);
});

test('issue-12: the date helpers give the 报眉 forms: 2021年3月5日 星期五, 农历 辛丑年正月廿二, numerals to 9999', () => {
  assert.equal(chineseDateWithWeekday('2021-03-05'), '2021年3月5日 星期五');
  assert.equal(chineseDateWithWeekday('2024-02-29'), '2024年2月29日 星期四');
  assert.throws(() => chineseDate('2023-02-29'), /not an ISO date/, 'a day the calendar lacks');
  // 2021-03-05 is 正月廿二 of 辛丑 (牛); 2023-03-22 is the first day of the leap second month (闰二月初一).
  assert.equal(lunarDate('2021-03-05'), '辛丑年正月廿二');
  assert.equal(lunarDate('2023-03-22'), '癸卯年闰二月初一');
  assert.equal(lunarDate('2024-02-10'), '甲辰年正月初一');
  assert.deepEqual([0, 10, 15, 20, 105, 110, 1010, 2021, 9999].map(chineseNumeral),
    ['〇', '十', '十五', '二十', '一百零五', '一百一十', '一千零一十', '二千零二十一', '九千九百九十九']);
  assert.throws(() => chineseNumeral(10000), /outside/);
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

test('issue-12: a style inherits what it does not set from its base, through a chain; a cycle or an unknown base is an error at its line', () => {
  const edition = (styles: string): string => `<edition><palette><colour name="red" cmyk="0 100 100 10"/></palette><styles>
  <style name="body" font="song" size="小五" align="justify" indent="2字" leading="15pt"/>
  <style name="body-bold" base="body" font="hei-bold" indent="0"/>
  <style name="caption" font="kai" size="8pt" align="start"/>
${styles}
</styles>
<page number="1" trim="390mm 543mm" margins="20mm 20mm 23mm 20mm" columns="8" column-width="13字" body-size="小五" pitch="15pt"><story columns="1-8"/></page></edition>`;
  const spec = readLayoutSpec(parseMarkup(edition('<style name="lead" base="body-bold" size="五号" color="red"/>'), 's.xml'), 's.xml', 'm.txt');
  const lead = spec.styles.get('lead');
  assert.equal(lead?.font, 'hei-bold', 'from body-bold');
  assert.equal(lead?.align, 'justify', 'from body, through body-bold');
  assert.equal(lead?.indent, 0, 'body-bold\'s own indent overrides body\'s');
  assert.equal(lead?.leading, 15, 'from body');
  assert.equal(lead?.color, 'red', 'its own');
  assert.equal(lead?.size, 10.5, '五号 is 10.5 pt, its own');
  assert.equal(spec.styles.get('body-bold')?.size, 9, '小五 from body');
  const failure = (styles: string): string => {
    try {
      readLayoutSpec(parseMarkup(edition(styles), 's.xml'), 's.xml', 'm.txt');
    } catch (error) {
      assert.ok(error instanceof PipelineError);
      return error.diagnostics.map((d) => `${d.source?.line}: ${d.message}`).join('\n');
    }
    return 'no error';
  };
  assert.match(failure('<style name="a" base="b"/>\n<style name="b" base="a"/>'), /^6: style "b" inherits from itself \(a → b → a\)/);
  assert.match(failure('<style name="a" base="nope"/>'), /^5: style "a": base="nope" is not a style \(styles: a, body, body-bold, caption\)/);
});
