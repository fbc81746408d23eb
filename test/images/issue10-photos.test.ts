/**
 * Issue 10, photos: a damaged photo stops the build instead of printing garbage; the cache
 * checks the bytes it hands out, lives where it is told, and an unwritable cache is only a
 * warning that blames no photo. (That every sample photo still decodes under fail-on-warning is
 * the "sample photos" suite of images.test.ts, which prepares all five without an error.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cacheFolder, preparePhotos } from '../../src/images';
import { request, sample } from './fixtures';

const temp = (label: string) => mkdtempSync(join(tmpdir(), `newsprint-i10-${label}-`));

/** The sample's cups photo with 4 KB zeroed in the middle, same length: what a bad disk sector leaves. */
function zeroedPhoto(): string {
  const bytes = readFileSync(sample('colorful-cups'));
  const middle = Math.floor(bytes.length / 2);
  bytes.fill(0, middle, middle + 4096);
  const path = join(temp('zeroed'), 'colorful-cups.jpg');
  writeFileSync(path, bytes);
  return path;
}

describe('issue 10: damaged photos', () => {
  test('a JPEG with 4 KB zeroed is an error naming the photo and its edition line, and is not cached', async () => {
    const cacheDir = temp('cache');
    const req = request(zeroedPhoto(), 200, 150, { source: { file: 'edition.yaml', line: 23, context: 'photo photos/colorful-cups.jpg' } });
    const { photos, diagnostics } = await preparePhotos([req], { cacheDir });
    assert.equal(photos.size, 0, 'nothing to print');
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.code, d.source?.line]), [['error', 'photo-damaged', 23]]);
    assert.match(diagnostics[0]?.message ?? '', /colorful-cups\.jpg .*is damaged: the decoder reports "VipsJpeg: Corrupt JPEG data/);
    assert.deepEqual(readdirSync(cacheDir), []);
  });
});

describe('issue 10: the cache knows its contents', () => {
  test('an entry damaged in place (same size) is noticed, noted and rebuilt, never handed out', async () => {
    const cacheDir = temp('cache');
    const req = request(sample('kite-sky'), 120, 80);
    const fresh = await preparePhotos([req], { cacheDir });
    const good = fresh.photos.get(req.index)!.jpeg;
    const entry = join(cacheDir, readdirSync(cacheDir).find((name) => name.endsWith('.jpg'))!);
    const damaged = readFileSync(entry);
    damaged.fill(0, 2000, 2100);
    writeFileSync(entry, damaged);

    const again = await preparePhotos([req], { cacheDir });
    const photo = again.photos.get(req.index)!;
    assert.equal(photo.cached, false);
    assert.deepEqual(photo.jpeg, good, 'the rebuilt photo, not the damaged bytes');
    assert.deepEqual(again.diagnostics.map((d) => [d.severity, d.code]), [['info', 'cache-entry-rebuilt']]);
    assert.match(again.diagnostics[0]?.message ?? '', /do not match the checksum/);
    assert.deepEqual(readFileSync(entry), good, 'the entry itself is repaired');
    const third = await preparePhotos([req], { cacheDir });
    assert.equal(third.photos.get(req.index)?.cached, true);
    assert.deepEqual(third.diagnostics, []);
  });

  test('an unwritable cache is one warning naming the cache, and the photos are still prepared', async () => {
    const blocker = join(temp('blocked'), 'file');
    writeFileSync(blocker, 'not a folder');
    const cacheDir = join(blocker, 'images'); // ENOTDIR: works even when the tests run as root
    const requests = [request(sample('kite-sky'), 120, 80), request(sample('seedlings'), 120, 80)];
    const { photos, diagnostics } = await preparePhotos(requests, { cacheDir });
    assert.equal(photos.size, 2);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.code]), [['warning', 'cache-unwritable']]);
    assert.match(diagnostics[0]?.message ?? '', /photo cache .*file\/images cannot be written \(ENOTDIR/);
    assert.ok(!diagnostics.some((d) => d.code.startsWith('photo-')), 'no photo is blamed');
  });

  test('the cache lives in the output folder by default, or under $XDG_CACHE_HOME when asked', () => {
    assert.equal(cacheFolder('out', '/srv/out'), '/srv/out/.cache/images');
    assert.equal(cacheFolder('xdg', '/srv/out', { XDG_CACHE_HOME: '/home/desk/.cache-x' }), '/home/desk/.cache-x/newsprint/images');
    assert.match(String(cacheFolder('xdg', '/srv/out', {})), /\/\.cache\/newsprint\/images$/);
    assert.equal(cacheFolder('none', '/srv/out'), false);
  });
});
