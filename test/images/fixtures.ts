/** Test photos made with sharp in a temporary directory, plus helpers to read results back. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { PhotoRequest } from '../../src/images';
import { pt } from '../../src/units';

export const samplesDir = join(__dirname, '..', '..', 'assets', 'editions', 'hengnan-2021', 'photos');
export const sample = (name: string): string => join(samplesDir, `${name}.jpg`);
export const sampleNames = ['colorful-cups', 'grey-architecture', 'kite-sky', 'path-forest', 'seedlings'];

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `newsprint-images-${label}-`));

let nextIndex = 1;
export function request(path: string, widthPt: number, heightPt: number, extra: Partial<PhotoRequest> = {}): PhotoRequest {
  const index = nextIndex++;
  return { index, path, width: pt(widthPt), height: pt(heightPt), caption: `caption ${index}`, source: { file: 'edition.yaml', line: index }, ...extra };
}

/** Left half one colour, right half another. */
async function halves(width: number, height: number, left: [number, number, number], right: [number, number, number]): Promise<sharp.Sharp> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? left : right, (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

export interface Fixtures {
  readonly dir: string;
  /** Stored 600×400 (left red, right blue) with EXIF orientation 6: displays as 400×600, red on top. */
  readonly orientation6: string;
  /** 600×400, left black, right white, for focus tests. */
  readonly blackWhite: string;
  readonly small: string; // 300×200
  readonly cmykJpeg: string;
  readonly alphaPng: string; // 200×200, left half transparent
  readonly png16: string;
  readonly png8: string; // the same pixels as png16, 8-bit
  readonly truncated: string;
  readonly tiff: string;
  readonly webp: string;
  readonly gif: string;
  readonly notAnImage: string;
  readonly bomb: string; // a PNG header claiming 20000×20000 (400 MP)
}

export async function makeFixtures(): Promise<Fixtures> {
  const dir = tempDir('fixtures');
  const at = (name: string) => join(dir, name);
  const cups = sample('colorful-cups');
  await (await halves(600, 400, [220, 20, 20], [20, 20, 220])).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(at('orientation6.jpg'));
  await (await halves(600, 400, [0, 0, 0], [255, 255, 255])).png().toFile(at('black-white.png'));
  await sharp(cups).resize(300, 200).jpeg().toFile(at('small.jpg'));
  await sharp(cups).resize(640, 400).toColourspace('cmyk').jpeg({ quality: 95 }).toFile(at('cmyk.jpg'));
  const rgba = Buffer.alloc(200 * 200 * 4);
  for (let i = 0; i < 200 * 200; i++) rgba.set([30, 90, 160, i % 200 < 100 ? 0 : 255], i * 4);
  await sharp(rgba, { raw: { width: 200, height: 200, channels: 4 } }).png().toFile(at('alpha.png'));
  await sharp(cups).resize(640, 400).toColourspace('rgb16').png().toFile(at('16bit.png'));
  await sharp(cups).resize(640, 400).png().toFile(at('8bit.png'));
  const jpeg = readFileSync(cups);
  writeFileSync(at('truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  await sharp(cups).resize(640, 400).tiff().toFile(at('photo.tiff'));
  await sharp(cups).resize(640, 400).webp().toFile(at('photo.webp'));
  await sharp(cups).resize(64, 40).gif().toFile(at('photo.gif'));
  writeFileSync(at('notes.jpg'), 'this is a text file, not a photo\n');
  writeFileSync(at('bomb.png'), await pngClaiming(20_000, 20_000));
  return {
    dir, orientation6: at('orientation6.jpg'), blackWhite: at('black-white.png'), small: at('small.jpg'), cmykJpeg: at('cmyk.jpg'),
    alphaPng: at('alpha.png'), png16: at('16bit.png'), png8: at('8bit.png'), truncated: at('truncated.jpg'), tiff: at('photo.tiff'),
    webp: at('photo.webp'), gif: at('photo.gif'), notAnImage: at('notes.jpg'), bomb: at('bomb.png'),
  };
}

/** A valid tiny PNG whose header is rewritten to claim a huge size (a decompression bomb's signature). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** The stored pixels of a JPEG without colour conversion (CMYK stays CMYK). */
export async function storedPixels(jpeg: Buffer): Promise<{ data: Buffer; info: sharp.OutputInfo }> {
  const meta = await sharp(jpeg).metadata();
  const image = meta.space === 'cmyk' ? sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk') : sharp(jpeg);
  return image.raw().toBuffer({ resolveWithObject: true });
}

/** Mean of each channel over a region of interleaved pixels. */
export function meanChannels(data: Buffer, width: number, channels: number, region: { left: number; top: number; width: number; height: number }): number[] {
  const sums = new Array<number>(channels).fill(0);
  for (let y = region.top; y < region.top + region.height; y++) {
    for (let x = region.left; x < region.left + region.width; x++) {
      for (let c = 0; c < channels; c++) sums[c]! += data[(y * width + x) * channels + c]!;
    }
  }
  return sums.map((sum) => sum / (region.width * region.height));
}
