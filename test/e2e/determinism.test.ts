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
import { archivedSample, buildArchived } from '../publish/archive-sample';

function hashes(root: string): Map<string, string> {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return new Map(walk(root).sort().map((file) => [relative(root, file), createHash('sha256').update(readFileSync(file)).digest('hex')]));
}

test('issue-11: two builds of the sample with --archive give byte-identical print and archive files', async () => {
  const first = await archivedSample();
  const second = await buildArchived();
  for (const sub of ['print', 'archive']) {
    const a = hashes(join(first.outDir, 'hengnan-2021', sub));
    const b = hashes(join(second.outDir, 'hengnan-2021', sub));
    assert.ok(a.size > 0);
    assert.deepEqual([...b.keys()], [...a.keys()], `${sub}: the same files`);
    for (const [file, hash] of a) assert.equal(b.get(file), hash, `${sub}/${file} differs between two builds`);
  }
});
