/**
 * Issue 12 §1: a story threaded over pages (<story thread>), on real fonts. What one page cannot
 * hold goes on to the next page of the thread, a cut paragraph continuing where it stopped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkup } from '../../src/template/markup';
import { readLayoutSpec } from '../../src/template/page-spec';
import { layoutEdition, type PlacedPage, type PlacedText } from '../../src/layout';
import { remainderSpans } from '../../src/layout/threads';
import { loadFontBook } from '../../src/io/fonts';

const fonts = loadFontBook();
const PARAGRAPH = '衡南县坚持创新驱动引领开放崛起，加快建设现代产业体系，全年引进项目一百三十四个，实际到位资金六十一亿元，同比增长百分之二十七。';

function thread(items: string): string {
  const page = (n: number, body: string): string => `
<page number="${n}" trim="270mm 390mm" margins="18mm 15mm 20mm 15mm" columns="3" column-width="12字" body-size="五号" pitch="17pt">
  <story columns="1-3" line="1" thread="t" jump-to="（转第{page}版）" jump-from="（上接第{page}版）" jump-style="jump">${body}</story>
</page>`;
  return `<edition><styles>
  <style name="body" font="song" size="五号" align="justify" indent="2字"/>
  <style name="body-bold" font="hei-bold" size="五号"/>
  <style name="caption" font="kai" size="8pt" align="start"/>
  <style name="jump" font="kai" size="8pt" align="end"/>
</styles>${page(1, items)}${page(2, '')}</edition>`;
}

const layout = (xml: string): PlacedPage[] => {
  const spec = readLayoutSpec(parseMarkup(xml, 't.xml'), 't.xml', 'ms.txt');
  const result = layoutEdition(spec, fonts);
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  return [...result.pages];
};
const story = (page: PlacedPage): PlacedText[] => page.items.filter((i): i is PlacedText => i.kind === 'text' && i.story === `page ${page.number} story`);

test('the rest of a paragraph is found after the lines set, whatever spaces and hyphens a line break made', () => {
  const spans = [{ text: '衡南县 坚持 ', bold: false }, { text: 'innovation驱动', bold: true }, { text: '引领开放。', bold: false }];
  assert.deepEqual(remainderSpans(spans, '衡南县坚持inno-'), [{ text: 'vation驱动', bold: true }, { text: '引领开放。', bold: false }]);
  assert.deepEqual(remainderSpans(spans, '衡南县坚持'), [{ text: 'innovation驱动', bold: true }, { text: '引领开放。', bold: false }]);
  assert.deepEqual(remainderSpans(spans, ''), [{ text: '衡南县 坚持 ', bold: false }, ...spans.slice(1)]);
});

test('a page the story goes on from is full to its foot, closes with 转第2版, and page 2 opens with 上接第1版 and the rest', () => {
  const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>${PARAGRAPH.repeat(2).slice(0, 40 + ((i * 29) % 60))}。</p>`).join('');
  const [first, second] = layout(thread(paragraphs)) as [PlacedPage, PlacedPage];
  const one = story(first);
  const two = story(second);
  assert.equal(one[one.length - 1]?.line.text, '（转第2版）');
  assert.equal(two[0]?.line.text, '（上接第1版）');
  const typed = (lines: PlacedText[]): string => lines.filter((l) => !/^（/.test(l.line.text)).map((l) => l.line.text).join('');
  const expected = Array.from({ length: 40 }, (_, i) => `${PARAGRAPH.repeat(2).slice(0, 40 + ((i * 29) % 60))}。`).join('');
  assert.equal((typed(one) + typed(two)).replace(/\s/g, ''), expected, 'every character, once, in order');
  const foot = Math.max(...one.map((l) => l.baseline));
  for (const column of first.columns) {
    const inColumn = one.filter((l) => l.x >= column.left - 0.5 && l.x < column.right);
    assert.ok(foot - Math.max(...inColumn.map((l) => l.baseline)) < 17 * 2, 'every column runs to the foot');
  }
});

test('a paragraph cut at the page foot never leaves its last line alone at the head of the next page (the widow rule holds across pages)', () => {
  let cuts = 0;
  for (let extra = 0; extra < 30; extra++) {
    // Long paragraphs, so that some run from one column into the last and over the page's foot.
    const paragraphs = Array.from({ length: 14 }, (_, i) => `<p>${PARAGRAPH.repeat(6).slice(0, 160 + ((i * 31 + extra * 7) % 150))}。</p>`).join('');
    const [one, second] = layout(thread(paragraphs)) as [PlacedPage, PlacedPage];
    const before = story(one).filter((l) => !/^（转/.test(l.line.text));
    const first = story(second)[1];
    if (!first || before[before.length - 1]?.line.isLast) continue;
    cuts += 1;
    assert.ok(!first.line.isLast, `with ${extra}: the carried-over line “${first.line.text}” is not alone`);
  }
  assert.ok(cuts >= 5, `the lengths tried cut a paragraph at the foot (${cuts} times)`);
});
