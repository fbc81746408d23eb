/**
 * Issue 3: column flow on real fonts. Text runs around a photo placed inside the story, the
 * last columns are balanced, heads keep with what follows, and every body baseline is on the grid.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkup } from '../../src/template/markup';
import { readLayoutSpec } from '../../src/template/page-spec';
import { layoutEdition, type PlacedPage, type PlacedText } from '../../src/layout';
import { loadFontBook } from '../../src/io/fonts';

const PARAGRAPH = '衡南县坚持创新驱动引领开放崛起，加快建设现代产业体系，全年引进项目一百三十四个，实际到位资金六十一亿元，同比增长百分之二十七。';

function page(storyItems: string, photo = ''): string {
  return `<edition><styles>
  <style name="body" font="song" size="小五" align="justify" indent="2字"/>
  <style name="body-bold" font="hei-bold" size="小五"/>
  <style name="caption" font="kai" size="8pt" align="start"/>
  <style name="subhead" font="hei-bold" size="五号" align="center"/>
  <style name="section" font="hei-bold" size="小四" align="start"/>
  <style name="keywords" font="kai" punct-font="song" size="小五" align="justify"/>
</styles>
<page number="1" trim="390mm 543mm" margins="20mm 20mm 23mm 20mm" columns="8" column-width="13字" body-size="小五" pitch="15pt">
  ${photo}
  <story columns="1-4" line="1">${storyItems}</story>
</page></edition>`;
}

const fonts = loadFontBook();
const layout = (xml: string): PlacedPage => {
  const spec = readLayoutSpec(parseMarkup(xml, 't.xml'), 't.xml', 'ms.txt');
  const result = layoutEdition(spec, fonts);
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  return result.pages[0] as PlacedPage;
};
const bodyLines = (p: PlacedPage): PlacedText[] => p.items.filter((i): i is PlacedText => i.kind === 'text' && i.role === 'body');
/** Paragraphs of varied length, as real copy has. */
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>${PARAGRAPH.repeat(3).slice(0, 30 + ((i * 37) % 120))}。</p>`).join('');

test('text runs around a photo placed inside the story, then returns to the full measure', () => {
  const placed = layout(page(paragraphs(22), `<photo photo="0" columns="1-2" line="10" width="1.5" aspect="4:3" space-after="1"><caption>图说 ■摄影 摄</caption></photo>`));
  const photo = placed.items.find((i) => i.kind === 'photo');
  assert.ok(photo && photo.kind === 'photo');
  const lines = bodyLines(placed);
  const beside = lines.filter((l) => l.baseline > photo.y && l.baseline < photo.y + photo.height + 20 && l.x < photo.x + photo.width + 60);
  assert.ok(beside.length > 5, 'some lines stand beside the photo');
  for (const line of beside) {
    assert.ok(line.x >= photo.x + photo.width, `line at ${line.baseline.toFixed(1)} starts right of the photo`);
    assert.ok(line.line.measure < 117 - 1, 'and is set narrower than the column');
    assert.ok(Math.abs(line.x + line.line.measure - (photo.x + photo.width) - (line.line.measure + (line.x - photo.x - photo.width))) < 1e-6);
  }
  const column2 = lines.filter((l) => l.x > photo.x + 117 && l.x < photo.x + 117 + 20 && l.baseline > photo.y + photo.height + 40);
  assert.ok(column2.some((l) => Math.abs(l.line.measure - 117) < 0.01), 'below the photo lines take the whole column again');
});

test('every body baseline sits on the page grid, and the last columns end within one line', () => {
  const placed = layout(page(paragraphs(13)));
  const lines = bodyLines(placed);
  const first = Math.min(...lines.map((l) => l.baseline));
  for (const l of lines) assert.ok(Math.abs(((l.baseline - first) / 15) % 1) < 1e-6 || Math.abs(((l.baseline - first) / 15) % 1 - 1) < 1e-6, `baseline ${l.baseline}`);
  const columnFeet = placed.columns.slice(0, 4).map((c) => Math.max(...lines.filter((l) => l.x >= c.left - 0.1 && l.x < c.right).map((l) => l.baseline)));
  assert.ok(Math.max(...columnFeet) - Math.min(...columnFeet) <= 15 + 1e-6, `column feet ${columnFeet.map((f) => f.toFixed(0)).join(' ')}`);
});

test('a head never ends a column: it moves on with two lines of what follows', () => {
  for (let n = 14; n <= 22; n++) {
    const placed = layout(page(`${paragraphs(n)}<subhead space-before="1">——要坚持构建现代产业体系</subhead>${paragraphs(3)}`));
    const head = placed.items.filter((i): i is PlacedText => i.kind === 'text' && i.role === 'display');
    const lastHead = head[head.length - 1] as PlacedText;
    const after = bodyLines(placed).filter((l) => Math.abs(l.x - lastHead.x) < 60 && l.baseline > lastHead.baseline);
    assert.ok(after.length >= 2, `with ${n} paragraphs the head at ${lastHead.baseline.toFixed(0)} has ${after.length} lines under it`);
  }
});

test('copyfit takes the plan frame that leaves the least room empty', () => {
  // A short story: a 2-column photo leaves room; the plan's wider frame for it fills more.
  const xml = page(paragraphs(6), `<photo photo="0"><caption>图说</caption></photo>`)
    .replace('<page ', `<plans><plan name="foot" photos="1"><head columns="1-4"/><frame anchor="bottom" side="left" landscape="2 4" portrait="2" square="2" panorama="all"/></plan></plans><page `);
  const spec = readLayoutSpec(parseMarkup(xml, 't.xml'), 't.xml', 'ms.txt');
  assert.deepEqual(spec.pages[0]?.plans[0]?.frames[0]?.spans.landscape, [2, 4]);
  const placed = layoutEdition(spec, fonts).pages[0] as PlacedPage;
  const photo = placed.items.find((i) => i.kind === 'photo');
  assert.ok(photo && photo.kind === 'photo');
  assert.ok(photo.width > 3 * 117, `the wider frame was chosen (${photo.width.toFixed(0)} pt)`);
});

test('a two-line head breaks at a phrase boundary, not inside a word', () => {
  const placed = layout(page(`<subhead>——要坚持以文塑旅、以旅彰文</subhead>${paragraphs(2)}`));
  const head = placed.items.filter((i): i is PlacedText => i.kind === 'text' && i.role === 'display').map((l) => l.line.text);
  assert.deepEqual(head, ['——要坚持以文塑旅、', '以旅彰文']);
});

test('a head without punctuation breaks between words, never inside one (加强, 保障)', () => {
  for (const [head, expected] of [
    ['——要坚持加强生态文明建设', ['——要坚持加强', '生态文明建设']],
    ['——要坚持保障和改善民生', ['——要坚持', '保障和改善民生']],
  ] as const) {
    const placed = layout(page(`<subhead>${head}</subhead>${paragraphs(2)}`));
    const lines = placed.items.filter((i): i is PlacedText => i.kind === 'text' && i.role === 'display').map((l) => l.line.text);
    assert.deepEqual(lines, expected);
  }
});

test('a column a head must keep deep (the head with its whole box) does not hold the columns after it down: they end level with each other, lower', () => {
  const lead = `<p>${PARAGRAPH.slice(0, 30)}</p>`;
  const box = `<section space-before="1">A 系统修复，让湿地重现生机</section><keywords label="关键词">${PARAGRAPH.slice(0, 45)}</keywords>`;
  const rest = Array.from({ length: 4 }, (_, i) => `<p>${PARAGRAPH.repeat(2).slice(0, 70 + i * 5)}。</p>`).join('');
  const placed = layout(page(`${lead}${box}${rest}`));
  const lines = placed.items.filter((i): i is PlacedText => i.kind === 'text' && (i.role === 'body' || i.role === 'inset'));
  const feet = placed.columns.slice(0, 4).map((c) => Math.max(...lines.filter((l) => l.x >= c.left - 0.1 && l.x < c.right).map((l) => l.baseline)));
  assert.ok(Math.max(...feet) - Math.min(...feet) <= 3 * 15 + 1e-6, `column feet ${feet.map((f) => f.toFixed(0)).join(' ')} differ by ${((Math.max(...feet) - Math.min(...feet)) / 15).toFixed(1)} lines`);
});
