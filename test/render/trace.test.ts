/**
 * Issue 11: text traces of the sample's pages, one line per glyph run, stroke, fill and image.
 * They are committed snapshots: a layout change shows up in review as lines that moved. Run with
 * UPDATE_TRACES=1 to rewrite them after a change you meant, and review the diff in that commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEdition } from '../../src/content';
import { loadFontBook } from '../../src/io/fonts';
import { readTemplateSources } from '../../src/io/templates';
import { layoutForPhotos } from '../../src/pipeline';
import { tracePage } from '../../src/render';
import { applyTemplate } from '../../src/template';
import { SAMPLE } from './sample';

const snapshots = join(__dirname, '..', 'snapshots', 'trace');

async function sampleTraces(): Promise<{ name: string; trace: string }[]> {
  const edition = loadEdition(SAMPLE);
  const { spec } = applyTemplate(edition, readTemplateSources(edition.meta.template));
  const layout = await layoutForPhotos(edition, spec, loadFontBook());
  const captions = new Map(edition.photos.map((photo, i) => [i, photo.caption.text]));
  return Promise.all(layout.pages.map(async (page) => ({ name: `hengnan-2021-page-${page.number}.trace.txt`, trace: await tracePage(page, captions) })));
}

test('issue-11: the trace of each sample page matches its committed snapshot', async () => {
  const traces = await sampleTraces();
  assert.equal(traces.length, 2);
  for (const { name, trace } of traces) {
    const path = join(snapshots, name);
    if (process.env.UPDATE_TRACES === '1') writeFileSync(path, trace);
    assert.ok(existsSync(path), `${name} has no snapshot: run UPDATE_TRACES=1 node --import tsx --test test/render/trace.test.ts and review it`);
    const expected = readFileSync(path, 'utf8').split('\n');
    const actual = trace.split('\n');
    const first = actual.findIndex((line, i) => line !== expected[i]);
    assert.ok(first === -1 && actual.length === expected.length,
      `${name} changed at line ${first + 1}:\n  was: ${expected[first]}\n  now: ${actual[first]}\n(UPDATE_TRACES=1 rewrites the snapshots; review the diff)`);
  }
});

test('issue-11: a trace names every glyph run, rule, box and photo with its position and ink', async () => {
  const [page4] = await sampleTraces();
  const lines = (page4?.trace ?? '').split('\n');
  assert.match(lines[0] ?? '', /^page 4 media \d+\.\d\d×\d+\.\d\d$/);
  const runs = lines.filter((l) => l.startsWith('glyphs '));
  assert.ok(runs.length > 200, `${runs.length} glyph runs`);
  assert.ok(runs.some((l) => /cmyk\(0,100,100,10\) "打造产业集聚新高地/.test(l)), 'the title in red');
  assert.ok(runs.every((l) => /^glyphs x=\d+\.\d\d baseline=\d+\.\d\d w=\d+\.\d\d \S+ \d+\.\d\dpt cmyk\(/.test(l)), 'every run has x, baseline, width, font, size and ink');
  assert.equal(lines.filter((l) => l.startsWith('image ')).length, 2);
  assert.ok(lines.some((l) => /^image .* alt="衡南工业集中区/.test(l)), 'photo with its caption');
  assert.ok(lines.some((l) => l.startsWith('stroke line ')), 'rules');
  assert.ok(lines.some((l) => l.startsWith('fill ')), 'boxes');
});
