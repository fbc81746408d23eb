/**
 * How the photos' JPEG quality trades bytes for fidelity, on the sample's five photos at their
 * placed sizes (docs/decisions/jpeg-quality.md). Against a quality-98 reference: PSNR per pixel,
 * and per 100 lpi halftone cell (the press prints a cell's average, not its pixels), with the
 * worst cell away from the ink limit (where the limiter's own per-block lowering differs by
 * quality). Writes side-by-side crops at 2× to docs/decisions/ with --crops.
 * Usage: tsx bench/jpeg-quality.ts [--crops] 90 85 80 75 70
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { loadEdition } from '../src/content';
import { preparePhotos, type PreparedPhoto } from '../src/images';
import { loadFontBook } from '../src/io/fonts';
import { readTemplateSources } from '../src/io/templates';
import { layoutForPhotos, photoRequests } from '../src/pipeline';
import { applyTemplate } from '../src/template';

const ROOT = join(__dirname, '..');
const DECISIONS = join(ROOT, 'docs', 'decisions');
const LPI = 100;

async function storedPixels(jpeg: Buffer): Promise<Buffer> {
  const meta = await sharp(jpeg).metadata();
  const image = meta.space === 'cmyk' ? sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk') : sharp(jpeg);
  return image.raw().toBuffer();
}

interface Fidelity { psnr: number; cellPsnr: number; worstCell: number }

function compare(photo: PreparedPhoto, a: Buffer, b: Buffer, totals: { se: number; n: number; cse: number; cn: number; worst: number }): void {
  for (let k = 0; k < a.length; k++) { const d = a[k]! - b[k]!; totals.se += d * d; }
  totals.n += a.length;
  const ch = photo.channels, w = photo.pixelWidth, h = photo.pixelHeight, cell = Math.max(1, Math.round(photo.effectivePpi / LPI));
  for (let y = 0; y + cell <= h; y += cell) {
    for (let x = 0; x + cell <= w; x += cell) {
      let ink = 0;
      if (ch === 4) for (let c = 0; c < 4; c++) ink += b[(y * w + x) * 4 + c]!;
      for (let c = 0; c < ch; c++) {
        let sa = 0, sb = 0;
        for (let dy = 0; dy < cell; dy++) for (let dx = 0; dx < cell; dx++) { const o = ((y + dy) * w + x + dx) * ch + c; sa += a[o]!; sb += b[o]!; }
        const d = (sa - sb) / (cell * cell);
        totals.cse += d * d; totals.cn++;
        if (ink < 2 * 255 && Math.abs(d) > totals.worst) totals.worst = Math.abs(d);
      }
    }
  }
}

const psnr = (se: number, n: number): number => 10 * Math.log10((255 * 255) / (se / n));

/** A region of a prepared photo as sRGB for the screen, enlarged 2× without smoothing. */
async function crop(jpeg: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<Buffer> {
  return sharp(jpeg).extract(region).resize(region.width * 2, region.height * 2, { kernel: 'nearest' }).toColourspace('srgb').png().toBuffer();
}

async function sideBySide(before: Buffer, after: Buffer, region: { left: number; top: number; width: number; height: number }, file: string): Promise<void> {
  const gap = 8;
  const [left, right] = [await crop(before, region), await crop(after, region)];
  await sharp({ create: { width: region.width * 4 + gap, height: region.height * 2, channels: 3, background: '#ffffff' } })
    .composite([{ input: left, left: 0, top: 0 }, { input: right, left: region.width * 2 + gap, top: 0 }])
    .png({ compressionLevel: 9, palette: false }).toFile(join(DECISIONS, file));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const crops = args.includes('--crops');
  const qualities = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const edition = loadEdition(join(ROOT, 'assets', 'editions', 'hengnan-2021'));
  const { spec } = applyTemplate(edition, readTemplateSources(edition.meta.template));
  const layout = await layoutForPhotos(edition, spec, loadFontBook());
  const requests = photoRequests(edition, layout.pages);
  const reference = await preparePhotos(requests, { cacheDir: false, jpegQuality: 98 });
  const referencePixels = new Map<number, Buffer>();
  for (const [index, photo] of reference.photos) referencePixels.set(index, await storedPixels(photo.jpeg));
  console.log('| quality | five photos | PSNR per pixel | PSNR per 100 lpi cell | worst cell under 200 % ink | max ink |');
  console.log('|---|---|---|---|---|---|');
  const prepared = new Map<number, Map<number, PreparedPhoto>>();
  for (const quality of qualities) {
    const { photos } = await preparePhotos(requests, { cacheDir: false, jpegQuality: quality });
    prepared.set(quality, photos);
    const totals = { se: 0, n: 0, cse: 0, cn: 0, worst: 0 };
    let bytes = 0, maxInk = 0;
    for (const [index, photo] of photos) {
      bytes += photo.jpeg.length;
      maxInk = Math.max(maxInk, photo.maxInk);
      compare(photo, await storedPixels(photo.jpeg), referencePixels.get(index)!, totals);
    }
    const fidelity: Fidelity = { psnr: psnr(totals.se, totals.n), cellPsnr: psnr(totals.cse, totals.cn), worstCell: totals.worst / 2.55 };
    console.log(`| ${quality} | ${(bytes / 1e6).toFixed(2)} MB | ${fidelity.psnr.toFixed(1)} dB | ${fidelity.cellPsnr.toFixed(1)} dB | ${fidelity.worstCell.toFixed(1)} % | ${maxInk} % |`);
  }
  if (crops && qualities.length >= 2) {
    const [before, after] = [prepared.get(qualities[0]!)!, prepared.get(qualities[qualities.length - 1]!)!];
    const byName = (name: string) => requests.find((r) => r.path.endsWith(name))!.index;
    // Centre of each crop as a fraction of the prepared photo: the kite (colour edges on smooth
    // sky), the forest path (fine detail), the rim of a dark cup (near the ink limit).
    const views: Array<[photo: string, label: string, fx: number, fy: number]> = [
      ['kite-sky.jpg', 'kite', 0.83, 0.35], ['path-forest.jpg', 'forest', 0.12, 0.72], ['colorful-cups.jpg', 'cups', 0.55, 0.45],
    ];
    for (const [name, label, fx, fy] of views) {
      const index = byName(name);
      const photo = before.get(index)!;
      const region = { width: 200, height: 140, left: Math.round(photo.pixelWidth * fx) - 100, top: Math.round(photo.pixelHeight * fy) - 70 };
      await sideBySide(photo.jpeg, after.get(index)!.jpeg, region, `jpeg-quality-${label}-q${qualities[0]}-q${qualities[qualities.length - 1]}.png`);
    }
  }
}

void main();
