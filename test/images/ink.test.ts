import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { cmykTiff, wrapCmyk } from '../../src/images/cmyk-tiff';
import { planCrop } from '../../src/images/geometry';
import { inkReport, inkUnits, limitBlocks, limitForJpeg, limitTotalInk, maxGrayInk, maxTotalInk } from '../../src/images/ink';
import { sharpenFor, sharpenPlates } from '../../src/images/sharpen';

const pixels = (...values: number[][]) => Uint8Array.from(values.flat());

test('maxTotalInk and maxGrayInk in percent', () => {
  assert.equal(maxTotalInk(pixels([0, 0, 0, 0], [255, 255, 255, 255])), 400);
  assert.equal(maxTotalInk(pixels([51, 51, 0, 0])), 40);
  assert.equal(maxGrayInk(Uint8Array.from([255, 0, 200])), 100);
});

test('limitTotalInk replaces grey by K, then scales CMY, never above the limit', () => {
  const data = pixels([255, 255, 255, 255], [200, 180, 160, 100], [255, 255, 0, 200], [255, 255, 0, 0], [0, 0, 0, 255]);
  const before = Uint8Array.from(data);
  const changed = limitTotalInk(data, 240);
  assert.equal(changed, 3);
  assert.equal(maxTotalInk(data), 240);
  // A rich grey: the grey component moves to K (two units of ink saved per unit moved).
  assert.deepEqual([...data.subarray(4, 8)], [186, 166, 146, 114]);
  assert.ok(data[7]! > before[7]!);
  // No grey component: C and M are scaled down together, K kept.
  assert.deepEqual([...data.subarray(8, 12)], [206, 206, 0, 200]);
  // Pixels under the limit are untouched.
  assert.deepEqual([...data.subarray(12)], [255, 255, 0, 0, 0, 0, 0, 255]);
});

test('random pixels all end up under the limit', () => {
  const data = new Uint8Array(4 * 10_000).map(() => Math.floor(Math.random() * 256));
  limitTotalInk(data, 220);
  assert.ok(maxTotalInk(data) <= 220);
});

test('inkReport finds the JPEG blocks that are over; limitBlocks lowers only those', () => {
  const width = 16, height = 8;
  const data = new Uint8Array(width * height * 4);
  data.set([200, 200, 200, 0], (3 * width + 12) * 4); // one pixel of 235 % in block 1
  const { max, over } = inkReport(data, width, 200);
  assert.equal(max, 235.29);
  assert.deepEqual([...over.keys()], [1]);
  limitBlocks(data, width, height, new Map([[1, 400]]));
  assert.ok(maxTotalInk(data) <= (400 / 255) * 100);
});

test('limitForJpeg: every pixel under the limit, and contrasty blocks near it further under', () => {
  const width = 24, height = 8; // three 8×8 blocks
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      if (x < 8) data.set([160, 160, 160, 160], at); // flat, far over the limit
      else if (x < 16) data.set(x % 2 ? [200, 40, 100, 250] : [40, 200, 100, 250], at); // cyan and magenta trade places
      else data.set([10, 10, 10, 10], at); // light, untouched
    }
  }
  const light = Uint8Array.from(data.subarray(16 * 4, 24 * 4));
  const limit = inkUnits(240);
  const limits = limitForJpeg(data, width, height, limit);
  assert.ok(maxTotalInk(data) <= 240);
  // The flat block is only brought to the limit (allowance: 2 units for rounding).
  assert.equal(limits.get(0), limit - 2);
  // The alternating block has a flat total (590) but 320 units of channel range: it rings.
  assert.ok(limits.get(1)! <= limit - 30, `block 1 limit ${limits.get(1)}`);
  assert.equal(limits.has(2), false);
  assert.deepEqual([...data.subarray(16 * 4, 24 * 4)], [...light]);
});

test('cmykTiff round-trips through sharp as CMYK, and sharp writes an Adobe CMYK JPEG from it', async () => {
  const data = new Uint8Array(16 * 16 * 4);
  for (let i = 0; i < data.length; i += 4) data.set([200, 100, 50, 20], i);
  const tiff = cmykTiff(data, 16, 16);
  assert.equal((await sharp(tiff).metadata()).space, 'cmyk');
  const jpeg = await sharp(tiff).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: 100, chromaSubsampling: '4:4:4' }).toBuffer();
  const back = await sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
  assert.deepEqual([...back.subarray(0, 4)], [200, 100, 50, 20]);
});

test('planCrop: frame aspect, focus, no upsampling', () => {
  const plan = planCrop({ width: 2560, height: 1600 }, { width: 492, height: 328 }, 300, { x: 0, y: 0.5 });
  assert.deepEqual(plan.window, { left: 0, top: 0, width: 2400, height: 1600 });
  assert.equal(plan.width, 2050);
  assert.equal(plan.height, 1367);
  const small = planCrop({ width: 300, height: 200 }, { width: 288, height: 192 }, 300);
  assert.equal(small.width, 300);
  assert.equal(small.effectivePpi, 75);
});

test('sharpening radius follows the output resolution', () => {
  const at300 = sharpenFor(300);
  assert.ok(Math.abs(at300.sigma - 0.7) < 1e-9);
  assert.ok(sharpenFor(600).sigma > at300.sigma);
  assert.equal(sharpenFor(100).sigma, 0.4);
});

test('sharpenPlates steepens an edge on every ink and leaves flat areas alone', async () => {
  const width = 32, height = 16;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < 16 ? [40, 30, 20, 60] : [160, 120, 80, 200], (y * width + x) * 4);
  }
  const image = wrapCmyk(data, width, height);
  await sharpenPlates(image, sharpenFor(300));
  const at = (x: number) => [...image.pixels.subarray((8 * width + x) * 4, (8 * width + x) * 4 + 4)];
  assert.deepEqual(at(4), [40, 30, 20, 60]);
  assert.deepEqual(at(28), [160, 120, 80, 200]);
  at(15).forEach((ink, c) => assert.ok(ink < [40, 30, 20, 60][c]!, `light side of the edge, channel ${c}: ${ink}`));
  at(16).forEach((ink, c) => assert.ok(ink > [160, 120, 80, 200][c]!, `dark side of the edge, channel ${c}: ${ink}`));
});
