/**
 * Issue 9: page plans chosen by score. Frames follow their photo's shape and resolution, a short
 * story becomes a module with one open area under level feet, a long one tightens its leading
 * before it is overset, and the flow's keep rules hold on every candidate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkup } from '../../src/template/markup';
import { readLayoutSpec } from '../../src/template/page-spec';
import { layoutEdition, type PhotoLimits, type PlacedPage, type PlacedPhoto, type PlacedText } from '../../src/layout';
import { cropLoss } from '../../src/layout/frames';
import { loadFontBook } from '../../src/io/fonts';

const fonts = loadFontBook();
const SENTENCE = '县里坚持创新驱动引领开放崛起，加快建设现代产业体系，全年引进项目一百三十四个，实际到位资金六十一亿元。';
const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `<p line="${i + 10}">${SENTENCE.repeat(2 + (i % 3)).slice(0, 60 + ((i * 41) % 90))}。</p>`).join('');

const PLANS = `<plans>
  <plan name="text" photos="0"><head columns="1-8|1-4"/></plan>
  <plan name="top-right" photos="1"><head columns="1-4|1-3"/>
    <frame anchor="top" side="right" landscape="3 4 5" portrait="2 3" square="3 4" panorama="4"/></plan>
  <plan name="band" photos="1"><head columns="1-8"/>
    <frame anchor="top" side="right" landscape="5 6" portrait="3" square="4" panorama="all"/></plan>
</plans>`;

function edition(story: string, photos: number, pitchMin = '15pt'): string {
  return `<edition><styles>
  <style name="body" font="song" size="小五" align="justify" indent="2字"/>
  <style name="body-bold" font="hei-bold" size="小五"/>
  <style name="caption" font="kai" size="8pt" align="start"/>
  <style name="subhead" font="hei-bold" size="五号" align="center"/>
  <style name="headline" font="song-bold" size="一号" align="start" leading="34pt"/>
</styles>${PLANS}
<page number="3" role="following" trim="390mm 543mm" margins="20mm 20mm 23mm 20mm" columns="8" column-width="13字" body-size="小五" pitch="15pt" pitch-min="${pitchMin}" pitch-max="15pt">
  <head><line style="headline">发展新篇章</line></head>
  ${Array.from({ length: photos }, (_, i) => `<photo photo="${i}"><caption>图说${i} ■摄影 摄</caption></photo>`).join('')}
  <story columns="1-8" line="1">${story}</story>
</page></edition>`;
}

const layout = (xml: string, limits?: PhotoLimits) => layoutEdition(readLayoutSpec(parseMarkup(xml, 't.xml'), 't.xml', 'ms.txt'), fonts, undefined, limits);
const bodyLines = (p: PlacedPage): PlacedText[] => p.items.filter((i): i is PlacedText => i.kind === 'text' && i.role === 'body');
const photoOf = (p: PlacedPage): PlacedPhoto => p.items.find((i): i is PlacedPhoto => i.kind === 'photo') as PlacedPhoto;
const onePhoto = (width: number, height: number): PhotoLimits => ({ pixels: new Map([[0, { width, height }]]), minPpi: 200 });

test('a short story becomes a module: level feet and one open area below it, reported with its size', () => {
  const result = layout(edition(paragraphs(12), 0));
  const page = result.pages[0] as PlacedPage;
  assert.ok(page.openArea, 'an open area is reported');
  const lines = bodyLines(page);
  const feet = page.columns.map((c) => Math.max(...lines.filter((l) => l.x >= c.left - 0.5 && l.x < c.right).map((l) => l.baseline)));
  assert.ok(Math.max(...feet) - Math.min(...feet) <= 15 + 1e-6, `feet within one line: ${feet.map((f) => f.toFixed(0)).join(' ')}`);
  for (const item of page.items) {
    const top = item.kind === 'text' ? item.baseline : item.kind === 'rule' ? item.y1 : item.y;
    assert.ok(top < page.openArea.y, `nothing stands in the open area (${item.kind} at ${top.toFixed(0)})`);
  }
  assert.equal(page.openArea.columns.last - page.openArea.columns.first + 1, 8);
  assert.ok(page.openArea.bodyChars > 13 * 8, `about ${page.openArea.bodyChars} 字 would fill it`);
  assert.ok(!result.diagnostics.some((d) => d.code === 'overset'));
});

test('a phone photo of 900 × 600 px takes two columns, not four: its frame keeps 200 ppi', () => {
  const page = layout(edition(paragraphs(40), 1), onePhoto(900, 600)).pages[0] as PlacedPage;
  const photo = photoOf(page);
  assert.ok(photo.width < 2 * 117 + 20, `${photo.width.toFixed(0)} pt wide`);
  assert.ok((900 * 72) / photo.width >= 199, `${((900 * 72) / photo.width).toFixed(0)} ppi`);
});

test('a portrait photo gets a portrait frame, a panorama a band across the module; no crop removes more than 20 %', () => {
  const portrait = photoOf(layout(edition(paragraphs(60), 1), onePhoto(1600, 2400)).pages[0] as PlacedPage);
  assert.ok(portrait.height > portrait.width, `portrait frame ${portrait.width.toFixed(0)} × ${portrait.height.toFixed(0)}`);
  assert.ok(cropLoss(1600 / 2400, portrait.width / portrait.height) <= 0.2 + 1e-6);
  const panorama = photoOf(layout(edition(paragraphs(60), 1), onePhoto(3600, 1200)).pages[0] as PlacedPage);
  assert.ok(panorama.width > 7 * 117, `panorama across the module: ${panorama.width.toFixed(0)} pt`);
  assert.ok(cropLoss(3, panorama.width / panorama.height) <= 0.2 + 1e-6, `panorama crop ${cropLoss(3, panorama.width / panorama.height).toFixed(2)}`);
});

test('copyfit closes the leading to pitch-min before it reports overset', () => {
  // Find a length that oversets at 15 pt, then check that with pitch-min 14 pt it fits.
  let n = 60;
  while (!layout(edition(paragraphs(n), 0)).diagnostics.some((d) => d.code === 'overset')) n += 2;
  const tightened = layout(edition(paragraphs(n), 0, '14pt'));
  const page = tightened.pages[0] as PlacedPage;
  if (tightened.diagnostics.some((d) => d.code === 'overset')) assert.fail(`${n} paragraphs still overset at 14 pt`);
  assert.ok(page.pitch < 15, `leading closed to ${page.pitch} pt`);
});

test('no paragraph leaves its last line alone at the head of a column (widow refit), on any plan', () => {
  let total = 0;
  for (let n = 70; n <= 90; n += 2) {
    const result = layout(edition(paragraphs(n), 0));
    const page = result.pages[0] as PlacedPage;
    const widowNotes = result.diagnostics.filter((d) => d.code === 'widow-line').length;
    let widows = 0;
    for (const column of page.columns) {
      const inColumn = bodyLines(page).filter((l) => l.x >= column.left - 0.5 && l.x < column.right).sort((a, b) => a.baseline - b.baseline);
      const head = inColumn[0];
      if (head && head.line.isLast && !head.line.isFirst) widows += 1;
    }
    assert.ok(widows <= widowNotes, `${n} paragraphs: ${widows} last lines alone at a column head, ${widowNotes} reported`);
    total += widows;
  }
  // Only a paragraph with fewer than three lines above the foot may keep a widow (and says so).
  assert.ok(total <= 1, `${total} widows over all lengths`);
});

test('a head never ends a column on any plan: two lines of what follows stand under it (keep with next)', () => {
  const withHeads = (n: number): string => Array.from({ length: n }, (_, i) =>
    `${i % 4 === 3 ? `<subhead line="${i + 200}" space-before="1">——要坚持构建现代产业体系${i}</subhead>` : ''}${paragraphs(i + 1).split('</p>').slice(i, i + 1).join('')}</p>`).join('');
  let checked = 0;
  for (let n = 60; n <= 100; n += 5) {
    const page = layout(edition(withHeads(n), 0)).pages[0] as PlacedPage;
    const heads = page.items.filter((i): i is PlacedText => i.kind === 'text' && i.role === 'display' && i.line.text.startsWith('——'));
    for (const head of heads) {
      const column = page.columns.find((c) => head.x >= c.left - 0.5 && head.x < c.right);
      assert.ok(column);
      const under = bodyLines(page).filter((l) => l.x >= column.left - 0.5 && l.x < column.right && l.baseline > head.baseline);
      assert.ok(under.length >= 2, `${n} paragraphs: head “${head.line.text}” has ${under.length} lines under it`);
      checked += 1;
    }
  }
  assert.ok(checked > 20, `${checked} heads checked`);
});

test('a plan may keep the feature in fewer columns down the full depth: the strip beside it is the open area', () => {
  const narrowPlans = `<plans><plan name="narrow" photos="0" module="1-6"><head columns="1-4"/></plan></plans>`;
  const result = layout(edition(paragraphs(60), 0).replace(PLANS, narrowPlans));
  const page = result.pages[0] as PlacedPage;
  assert.equal(page.plan?.name, 'narrow');
  assert.ok(!result.diagnostics.some((d) => d.code === 'overset'));
  const open = page.openArea;
  assert.ok(open, 'the strip is reported');
  assert.deepEqual(open.columns, { first: 7, last: 8 });
  assert.ok(open.height > 400, `it runs down the page (${open.height.toFixed(0)} pt)`);
  const text = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.role !== 'header');
  assert.ok(text.length > 100);
  for (const item of text) assert.ok(item.x + 1 < open.x || item.baseline < open.y, `nothing stands in the strip: “${item.line.text}” at x ${item.x.toFixed(0)}`);
});
