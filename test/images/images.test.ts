import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { preparePhotos, outputProfile, type PhotoProgress, type PhotoRequest, type PreparedPhoto } from '../../src/images';
import { maxTotalInk } from '../../src/images/ink';
import type { Diagnostic } from '../../src/diagnostics';
import { makeFixtures, meanChannels, request, sample, sampleNames, storedPixels, tempDir, type Fixtures } from './fixtures';

let fx: Fixtures;
const dirs: string[] = [];
before(async () => { fx = await makeFixtures(); dirs.push(fx.dir); });
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

/** Prepares one photo with a fresh cache directory (or none). */
async function one(req: PhotoRequest, options: Parameters<typeof preparePhotos>[1] = {}): Promise<{ photo?: PreparedPhoto; diagnostics: Diagnostic[] }> {
  const { photos, diagnostics } = await preparePhotos([req], { cacheDir: false, ...options });
  return { photo: photos.get(req.index), diagnostics };
}

async function assertPrintJpeg(photo: PreparedPhoto, limit = 240): Promise<void> {
  const meta = await sharp(photo.jpeg).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.space, 'cmyk');
  assert.equal(meta.channels, 4);
  assert.equal(meta.icc, undefined, 'the profile must not be attached');
  assert.ok(meta.orientation === undefined || meta.orientation === 1, `orientation tag ${meta.orientation}`);
  assert.equal(meta.width, photo.pixelWidth);
  assert.equal(meta.height, photo.pixelHeight);
  assert.ok(photo.jpeg.includes(Buffer.from('Adobe')), 'Adobe APP14 marker (PDFKit decodes CMYK JPEGs as Adobe-inverted)');
  const { data } = await storedPixels(photo.jpeg);
  const measured = maxTotalInk(data);
  assert.ok(measured <= limit, `max ink ${measured.toFixed(1)}% > ${limit}%`);
  assert.equal(photo.maxInk, measured, 'the reported maxInk is the measured one');
}

const only = (diagnostics: Diagnostic[], severity: string) => diagnostics.filter((d) => d.severity === severity);

describe('sample photos at a 4-column frame (492 × 328 pt)', () => {
  test('exact pixels at 300 ppi, CMYK under 240 % ink, cached on the second run', async () => {
    const cacheDir = tempDir('cache');
    dirs.push(cacheDir);
    const requests = sampleNames.map((name) => request(sample(name), 492, 328, { caption: name }));
    const progress: PhotoProgress[] = [];
    const first = await preparePhotos(requests, { cacheDir, onProgress: (p) => progress.push(p) });
    assert.deepEqual(first.diagnostics, []);
    assert.equal(first.photos.size, 5);
    assert.deepEqual(progress.map((p) => p.done), [1, 2, 3, 4, 5]);
    assert.ok(progress.every((p) => p.total === 5 && p.ok && !p.cached));
    for (const photo of first.photos.values()) {
      assert.equal(photo.pixelWidth, 2050);
      assert.equal(photo.pixelHeight, 1367);
      assert.ok(Math.abs(photo.effectivePpi - 300) < 0.2);
      assert.equal(photo.colourSpace, 'cmyk');
      assert.equal(photo.cached, false);
      await assertPrintJpeg(photo);
    }
    const second = await preparePhotos(requests, { cacheDir });
    assert.ok([...second.photos.values()].every((p) => p.cached), 'all from the cache');
    for (const [index, photo] of second.photos) assert.ok(photo.jpeg.equals(first.photos.get(index)!.jpeg));
    // A cache entry cut short (a crash, a full disk) is not used: the photo is made again.
    const entry = readdirSync(cacheDir).find((name) => name.endsWith('.jpg'))!;
    truncateSync(join(cacheDir, entry), 1000);
    const third = await preparePhotos(requests, { cacheDir });
    assert.equal([...third.photos.values()].filter((p) => !p.cached).length, 1);
    for (const [index, photo] of third.photos) assert.ok(photo.jpeg.equals(first.photos.get(index)!.jpeg));
    // A parameter that changes the pixels misses the cache.
    const changed = await preparePhotos(requests.slice(0, 1), { cacheDir, maxInk: 220 });
    const photo = [...changed.photos.values()][0]!;
    assert.equal(photo.cached, false);
    await assertPrintJpeg(photo, 220);
  });
});

describe('orientation, crop and resolution', () => {
  test('EXIF orientation 6 is applied once and not kept', async () => {
    assert.equal((await sharp(fx.orientation6).metadata()).orientation, 6);
    const { photo, diagnostics } = await one(request(fx.orientation6, 96, 144), { targetPpi: 300 });
    assert.deepEqual(diagnostics, []);
    assert.ok(photo);
    assert.equal(photo.pixelWidth, 400); // 1.33 in at 300 ppi would be 400 px
    assert.equal(photo.pixelHeight, 600);
    await assertPrintJpeg(photo);
    const { data, info } = await storedPixels(photo.jpeg);
    const [c1, m1] = meanChannels(data, info.width, 4, { left: 100, top: 50, width: 200, height: 150 });
    const [c2, m2] = meanChannels(data, info.width, 4, { left: 100, top: 400, width: 200, height: 150 });
    assert.ok(m1! > 150 && c1! < 60, `top should be red, got C${c1} M${m1}`);
    assert.ok(c2! > 150, `bottom should be blue, got C${c2} M${m2}`);
  });

  test('focus picks the crop window; without focus the attention strategy is used', async () => {
    const ink = async (photo: PreparedPhoto | undefined) => {
      const { data, info } = await storedPixels(photo!.jpeg);
      return meanChannels(data, info.width, 4, { left: 0, top: 0, width: info.width, height: info.height }).reduce((a, b) => a + b, 0);
    };
    const left = await one(request(fx.blackWhite, 96, 96, { focus: { x: 0, y: 0.5 } }));
    const right = await one(request(fx.blackWhite, 96, 96, { focus: { x: 1, y: 0.5 } }));
    assert.equal(left.photo?.pixelWidth, 400);
    assert.equal(left.photo?.pixelHeight, 400);
    // 600×400 source, square frame: the left window is 3/4 black, the right one 1/4.
    const [darker, lighter] = [await ink(left.photo), await ink(right.photo)];
    assert.ok(darker > 400 && lighter < 200, `left ${darker}, right ${lighter}`);
    const auto = await one(request(fx.blackWhite, 96, 96));
    assert.equal(auto.photo?.pixelWidth, 400);
  });

  test('never upsamples; warns below 200 ppi and fails below 100 ppi, naming photo, caption and ppi', async () => {
    // 300×200 px in a 144 × 96 pt (2 × 1.33 in) frame: 150 ppi.
    const warn = await one(request(fx.small, 144, 96, { caption: '放风筝的孩子' }));
    assert.equal(warn.photo?.pixelWidth, 300);
    assert.equal(warn.photo?.pixelHeight, 200);
    assert.ok(Math.abs(warn.photo!.effectivePpi - 150) < 0.01);
    const [warning] = only(warn.diagnostics, 'warning');
    assert.equal(warning?.code, 'photo-resolution');
    assert.match(warning!.message, /small\.jpg/);
    assert.match(warning!.message, /放风筝的孩子/);
    assert.match(warning!.message, /150 ppi/);
    assert.equal(warning?.source?.file, 'edition.yaml');
    // The same photo 4 in wide: 75 ppi.
    const fail = await one(request(fx.small, 288, 192, { caption: 'too small' }));
    const [error] = only(fail.diagnostics, 'error');
    assert.equal(error?.code, 'photo-resolution');
    assert.match(error!.message, /small\.jpg.*too small.*75 ppi/);
    // Thresholds are options.
    const lenient = await one(request(fx.small, 144, 96), { warnBelowPpi: 120 });
    assert.deepEqual(lenient.diagnostics, []);
  });

  test('targetPpi is configurable', async () => {
    const { photo } = await one(request(sample('kite-sky'), 144, 96), { targetPpi: 150 });
    assert.equal(photo?.pixelWidth, 300);
    assert.equal(photo?.pixelHeight, 200);
  });
});

describe('inputs and colour', () => {
  const inputs = { cmykJpeg: ['jpeg', 'cmyk'], tiff: ['tiff', 'srgb'], webp: ['webp', 'srgb'], png16: ['png', 'rgb16'], png8: ['png', 'srgb'] } as const;
  for (const [kind, [format, space]] of Object.entries(inputs) as Array<[keyof typeof inputs, readonly [string, string]]>) {
    test(`${kind} becomes a CMYK JPEG under the ink limit`, async () => {
      const input = await sharp(fx[kind]).metadata();
      assert.deepEqual([input.format, input.space], [format, space]);
      const { photo, diagnostics } = await one(request(fx[kind], 96, 60));
      assert.deepEqual(diagnostics, []);
      assert.equal(photo?.pixelWidth, 400);
      assert.equal(photo?.pixelHeight, 250);
      await assertPrintJpeg(photo!);
    });
  }

  test('a 16-bit PNG separates like the same pixels in 8 bits', async () => {
    const [a, b] = await Promise.all([one(request(fx.png16, 96, 60)), one(request(fx.png8, 96, 60))]);
    const [pa, pb] = await Promise.all([storedPixels(a.photo!.jpeg), storedPixels(b.photo!.jpeg)]);
    const whole = { left: 0, top: 0, width: 400, height: 250 };
    const ma = meanChannels(pa.data, 400, 4, whole);
    const mb = meanChannels(pb.data, 400, 4, whole);
    ma.forEach((value, c) => assert.ok(Math.abs(value - mb[c]!) < 3, `channel ${c}: ${value} vs ${mb[c]}`));
  });

  test('alpha is flattened onto white (no ink where transparent)', async () => {
    const { photo } = await one(request(fx.alphaPng, 48, 48, { focus: { x: 0.5, y: 0.5 } }));
    await assertPrintJpeg(photo!);
    const { data, info } = await storedPixels(photo!.jpeg);
    const transparent = meanChannels(data, info.width, 4, { left: 10, top: 10, width: 70, height: 180 });
    const opaque = meanChannels(data, info.width, 4, { left: 120, top: 10, width: 70, height: 180 });
    assert.ok(transparent.every((v) => v < 3), `transparent side has ink: ${transparent}`);
    assert.ok(opaque[0]! > 100, `opaque side should be blue: ${opaque}`);
  });

  test("colour: 'gray' gives one channel", async () => {
    const { photo } = await one(request(sample('grey-architecture'), 96, 64), { colour: 'gray' });
    const meta = await sharp(photo!.jpeg).metadata();
    assert.equal(meta.channels, 1);
    assert.equal(meta.space, 'b-w');
    assert.equal(meta.icc, undefined);
    assert.equal(photo?.colourSpace, 'gray');
    assert.ok(photo!.maxInk > 0 && photo!.maxInk <= 100);
  });

  test('outputProfile() is the committed CMYK output profile', () => {
    const profile = outputProfile();
    assert.equal(profile.bytes.toString('latin1', 36, 40), 'acsp');
    assert.equal(profile.bytes.toString('latin1', 16, 20), 'CMYK');
    assert.equal(profile.bytes.toString('latin1', 12, 16), 'prtr');
    // Issue 11: our own build from FOGRA29 data is not the registered FOGRA29 condition.
    assert.equal(profile.identifier, 'Custom');
    assert.match(profile.info, /FOGRA29L characterisation data/);
    assert.match(profile.info, /240/);
  });
});

describe('bad input', () => {
  const cases: Array<[string, () => PhotoRequest, string, Record<string, unknown>?]> = [
    ['missing file', () => request('/nonexistent/photo.jpg', 96, 64), 'photo-missing'],
    ['truncated JPEG', () => request(fx.truncated, 96, 64), 'photo-damaged'],
    ['unsupported format (GIF)', () => request(fx.gif, 96, 64), 'photo-format'],
    ['not an image', () => request(fx.notAnImage, 96, 64), 'photo-format'],
    ['decompression bomb', () => request(fx.bomb, 96, 64), 'photo-too-large'],
    ['pixel limit option', () => request(sample('kite-sky'), 96, 64), 'photo-too-large', { maxInputPixels: 1_000_000 }],
    ['zero-size frame', () => request(sample('kite-sky'), 0, 64), 'photo-frame'],
  ];
  for (const [label, make, code, options] of cases) {
    test(`${label}: a clear error naming the photo and its caption, nothing cached`, async () => {
      const cacheDir = tempDir('bad');
      dirs.push(cacheDir);
      const req = { ...make(), caption: '坏照片' };
      const { photo, diagnostics } = await one(req, { cacheDir, ...options });
      assert.equal(photo, undefined);
      assert.equal(diagnostics.length, 1);
      const [error] = diagnostics;
      assert.equal(error?.severity, 'error');
      assert.equal(error?.code, code);
      assert.ok(error!.message.includes(req.path), error!.message);
      assert.match(error!.message, /坏照片/);
      assert.ok(error?.hint);
      assert.deepEqual(readdirSync(cacheDir), []);
    });
  }

  test('one bad photo does not stop the others', async () => {
    const good = request(sample('kite-sky'), 96, 64);
    const bad = request(fx.truncated, 96, 64);
    const { photos, diagnostics } = await preparePhotos([bad, good], { cacheDir: false });
    assert.ok(photos.has(good.index));
    assert.ok(!photos.has(bad.index));
    assert.equal(diagnostics.length, 1);
  });
});
