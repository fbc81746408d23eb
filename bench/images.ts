/**
 * npx tsx bench/images.ts: prepares the five sample photos at a realistic frame size (4 columns,
 * 492 × 328 pt at 300 ppi = 2050 × 1367 px), cold (empty cache) and then cached.
 * Targets on this 2-core machine: ≤ 1.0 s cold for the five, ≤ 20 ms cached.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePhotos, type PhotoRequest } from '../src/images';
import { pt } from '../src/units';

const photos = join(__dirname, '..', 'assets', 'editions', 'hengnan-2021', 'photos');
const requests: PhotoRequest[] = readdirSync(photos).filter((f) => f.endsWith('.jpg')).sort().map((file, index) => ({
  index, path: join(photos, file), width: pt(492), height: pt(328), caption: file, source: { file },
}));

async function main(): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'newsprint-bench-images-'));
  try {
    for (const label of ['cold', 'cached', 'cached']) {
      const start = performance.now();
      const { photos: out, diagnostics } = await preparePhotos(requests, { cacheDir });
      const ms = performance.now() - start;
      const inks = [...out.values()].map((p) => p.maxInk.toFixed(1)).join(' ');
      const cached = [...out.values()].filter((p) => p.cached).length;
      const megabytes = [...out.values()].reduce((sum, p) => sum + p.jpeg.length, 0) / 1e6;
      console.log(`${label}: ${ms.toFixed(1)} ms for ${out.size} photos (${cached} from cache, ${diagnostics.length} diagnostics; `
        + `max ink % ${inks}; ${megabytes.toFixed(1)} MB of JPEG)`);
    }
    await timed('again without cache (warm process)', () => preparePhotos(requests, { cacheDir: false }));
    await timed('again without cache, no sharpening', () => preparePhotos(requests, { cacheDir: false, sharpen: false }));
    await timed('again without cache, gray', () => preparePhotos(requests, { cacheDir: false, colour: 'gray' }));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  return result;
}

void main();
