/** Issue 11: layout hands render CMYK values; a colour name the palette lacks is an error, never silent black. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEdition } from '../../src/content';
import { loadFontBook } from '../../src/io/fonts';
import { readTemplateSources } from '../../src/io/templates';
import { resolveColours } from '../../src/layout';
import { layoutForPhotos } from '../../src/pipeline';
import { applyTemplate } from '../../src/template';
import { SAMPLE } from '../render/sample';

async function sampleLayout() {
  const edition = loadEdition(SAMPLE);
  const { spec } = applyTemplate(edition, readTemplateSources(edition.meta.template));
  return layoutForPhotos(edition, spec, loadFontBook());
}

test('issue-11: every text run leaves layout with the CMYK value of its palette colour', async () => {
  const layout = await sampleLayout();
  assert.equal(layout.diagnostics.filter((d) => d.code === 'unknown-colour').length, 0);
  for (const page of layout.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      assert.equal(item.inks.length, item.line.runs.length);
      item.line.runs.forEach((run, i) => assert.deepEqual(item.inks[i], page.palette.get(run.color ?? 'black')));
    }
  }
  const title = layout.pages[0]?.items.find((i) => i.kind === 'text' && i.line.text.startsWith('打造产业集聚新高地'));
  assert.deepEqual(title?.kind === 'text' ? title.inks[0] : undefined, { c: 0, m: 100, y: 100, k: 10 });
});

test('issue-11: a colour the palette lacks is an error naming the line that uses it, and paints magenta, not black', async () => {
  const layout = await sampleLayout();
  const withoutRed = layout.pages.map((page) => ({ ...page, palette: new Map([...page.palette].filter(([name]) => name !== 'red')) }));
  const { pages, diagnostics } = resolveColours(withoutRed);
  const unknown = diagnostics.filter((d) => d.code === 'unknown-colour');
  assert.ok(unknown.length > 0);
  assert.ok(unknown.every((d) => d.severity === 'error' && d.message.includes('"red"') && d.source?.file));
  assert.ok(unknown.some((d) => d.source?.file === 'manuscript.txt' && d.source.line === 12), 'section A head, manuscript line 12');
  const title = pages[0]?.items.find((i) => i.kind === 'text' && i.line.text.startsWith('打造产业集聚新高地'));
  assert.deepEqual(title?.kind === 'text' ? title.inks[0] : undefined, { c: 0, m: 100, y: 0, k: 0 });
});
