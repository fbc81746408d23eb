/**
 * Issue 11 §3: the same edition folder and Newsprint version give byte-identical files: print
 * PDFs, the archive PDF, page texts, ALTO, previews and manifests. Dates come from the edition,
 * IDs and subset names from content, and every order is stable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildArchived } from '../publish/archive-sample';

function hashes(root: string): Map<string, string> {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return new Map(walk(root).sort().map((file) => [relative(root, file), createHash('sha256').update(readFileSync(file)).digest('hex')]));
}

test('issue-11: a cold build (no photo cache) and a warm one give byte-identical print and archive files', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'newsprint-photo-cache-'));
  const uncached = await buildArchived(undefined, false);
  const filling = await buildArchived(undefined, cache);
  const warm = await buildArchived(undefined, cache);
  assert.ok(readdirSync(cache).length > 0, 'the last build read the photos from the cache the one before wrote');
  for (const sub of ['print', 'archive']) {
    const expected = hashes(join(warm.outDir, 'hengnan-2021', sub));
    assert.ok(expected.size > 0);
    for (const [name, build] of [['without a cache', uncached], ['filling the cache', filling]] as const) {
      const actual = hashes(join(build.outDir, 'hengnan-2021', sub));
      assert.deepEqual([...actual.keys()], [...expected.keys()], `${sub}: the same files`);
      for (const [file, hash] of expected) assert.equal(actual.get(file), hash, `${sub}/${file} built ${name} differs from the warm build`);
    }
  }
});
