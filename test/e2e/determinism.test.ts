/**
 * Issue 11 §3: the same edition folder and Newsprint version give byte-identical files: print
 * PDFs, the archive PDF, page texts, ALTO, previews and manifests. Dates come from the edition,
 * IDs and subset names from content, and every order is stable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildArchived } from '../publish/archive-sample';

function hashes(root: string): Map<string, string> {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return new Map(walk(root).sort().map((file) => [relative(root, file), createHash('sha256').update(readFileSync(file)).digest('hex')]));
}

test('issue-11: a build without a photo cache, one filling it and one reading it give byte-identical print and archive files', async () => {
  const uncached = await buildArchived(undefined, { cache: 'none' });
  const filling = await buildArchived(undefined, { cache: 'out' });
  const folders = (build: typeof uncached): Map<string, Map<string, string>> =>
    new Map(['print', 'archive'].map((sub) => [sub, hashes(join(build.outDir, 'hengnan-2021', sub))]));
  const expected = folders(filling);
  // The same --out again: the photos now come from <out>/.cache.
  const warm = await buildArchived(undefined, { cache: 'out', outDir: filling.outDir });
  assert.ok(readdirSync(join(filling.outDir, '.cache', 'images')).length > 0, 'the photo cache was filled and read');
  for (const [name, actual] of [['without a cache', folders(uncached)], ['from the warm cache', folders(warm)]] as const) {
    for (const [sub, files] of expected) {
      assert.ok(files.size > 0);
      assert.deepEqual([...(actual.get(sub)?.keys() ?? [])], [...files.keys()], `${sub}: the same files`);
      for (const [file, hash] of files) assert.equal(actual.get(sub)?.get(file), hash, `${sub}/${file} built ${name} differs`);
    }
  }
});
