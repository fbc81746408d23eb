/**
 * npm run bench (archive part, issue 11): a build with --archive against a plain build, and the
 * seconds per page the previews take (pdf.js on @napi-rs/canvas, 1,200 px wide). Measured, never
 * asserted in tests.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition } from '../src/pipeline';
import { renderPreviews } from '../src/publish/archive';

const edition = join(__dirname, '..', 'assets', 'editions', 'hengnan-2021');

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'newsprint-bench-archive-'));
  let start = Date.now();
  await buildEdition(edition, { outDir: out, force: false });
  console.log(`plain build: ${Date.now() - start} ms`);
  start = Date.now();
  const result = await buildEdition(edition, { outDir: out, force: false, archive: true });
  console.log(`build --archive: ${Date.now() - start} ms (previews ${result.archive?.previewSecondsPerPage.toFixed(2)} s a page inside it)`);
  const pdf = readFileSync(join(out, 'hengnan-2021', 'archive', 'data', 'edition.pdf'));
  for (const run of ['first', 'again']) {
    const previews = await renderPreviews(pdf);
    const seconds = previews.map((p) => p.ms / 1000);
    console.log(`preview, ${run}: ${(seconds.reduce((a, b) => a + b, 0) / seconds.length).toFixed(2)} s a page (${seconds.map((s) => s.toFixed(2)).join(', ')}; 1,200 px wide + 150 px thumbnail)`);
  }
}

void main();
