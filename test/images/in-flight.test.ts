/** Issue 13: two requests for the same pixels in flight at once are prepared once, and both get the photo. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { defaultImageOptions, preparePhotos } from '../../src/images';
import { request, sample, tempDir } from './fixtures';

test('the same photo in two frames of one size is prepared once: both get the one JPEG, one cache entry', async () => {
  const cacheDir = tempDir('in-flight');
  try {
    const first = request(sample('kite-sky'), 200, 125);
    const second = request(sample('kite-sky'), 200, 125);
    const other = request(sample('kite-sky'), 150, 100);
    const { photos, diagnostics } = await preparePhotos([first, second, other], { cacheDir });
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
    const a = photos.get(first.index)!;
    const b = photos.get(second.index)!;
    // Computed twice, the JPEGs would be equal bytes in two buffers; shared, they are one buffer.
    assert.equal(a.jpeg, b.jpeg);
    assert.notEqual(photos.get(other.index)!.jpeg, a.jpeg, 'another frame size is other pixels');
    assert.equal(readdirSync(cacheDir).filter((name) => name.endsWith('.jpg')).length, 2);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('issue 13: libvips keeps no operation cache once the images stage is loaded, and one photo more than the cores is in flight', () => {
  const cache = sharp.cache();
  assert.equal(cache.memory.max, 0, 'no memory for cached operations');
  assert.equal(cache.items.max, 0, 'no cached operations');
  assert.equal(cache.files.max, 0, 'no open files kept');
  assert.equal(defaultImageOptions.concurrency, Math.min(8, availableParallelism() + 1));
});
