/**
 * npm run bench: times the stages on the sample edition. Targets (this 2-core machine):
 * typesetting all body text ≤ 100 ms; five photos ≤ 1 s cold and ≤ 20 ms cached (bench/images.ts);
 * a whole build in seconds. Measured, never asserted in tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEdition } from '../src/content';
import { loadFontBook } from '../src/io/fonts';
import { readTemplateSources } from '../src/io/templates';
import { buildEdition } from '../src/pipeline';
import { applyTemplate } from '../src/template';
import { layoutEdition } from '../src/layout';
import { prepareStory, storyLook } from '../src/layout/story';
import { PageGrid } from '../src/layout/grid';

const edition = join(__dirname, '..', 'assets', 'editions', 'hengnan-2021');

function time<T>(label: string, runs: number, work: () => T): T {
  const coldStart = process.hrtime.bigint();
  let result = work(); // the first run also fills the glyph caches
  const cold = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: median ${samples[Math.floor(samples.length / 2)]?.toFixed(1)} ms (min ${samples[0]?.toFixed(1)}, ${runs} runs; first run ${cold.toFixed(1)} ms)`);
  return result;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const fonts = loadFontBook();
  console.log(`fonts: opened in ${Date.now() - t0} ms`);
  const content = loadEdition(edition);
  const { spec } = applyTemplate(content, readTemplateSources(content.meta.template));
  time('typeset all body text of both pages', 10, () => {
    // A fresh resolver each run, so layout's cache of set text does not answer for the typesetter.
    const resolver = { face: (key: string) => fonts.face(key), faceFor: (key: string, cp: number) => fonts.faceFor(key, cp) };
    for (const page of spec.pages) {
      if (page.story) prepareStory(page.story, { fonts: resolver, styles: spec.styles }, new PageGrid(page.geometry, page.grid), storyLook(page.house, spec.palette));
    }
  });
  const laid = time('layout (typeset + flow + plans + copyfit), both pages', 5, () => layoutEdition(spec, fonts));
  console.log(`layout: ${laid.storyFlows} story flows for ${laid.pages.length} pages (every plan and copyfit candidate); plans ${laid.pages.map((p) => p.plan?.name).join(', ')}`);
  const out = mkdtempSync(join(tmpdir(), 'newsprint-bench-'));
  for (const label of ['whole build, first in process', 'whole build, again']) {
    const start = Date.now();
    await buildEdition(edition, { outDir: out, force: false });
    console.log(`${label}: ${Date.now() - start} ms`);
  }
  console.log(`peak RSS: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
}

void main();
