/**
 * npx tsx bench/images.ts: image time for the sample edition's photos at the frames its layout
 * gives them (what `npm start` prepares). Targets on this 2-core machine: ≤ 1.0 s cold for the
 * five photos, ≤ 20 ms cached.
 *
 * cold: a fresh process each time (libvips, lcms and the JIT start cold too) with an empty cache.
 * cached: a fresh process each time, the cache filled: what a rebuild with nothing changed pays.
 * Each is run several times; the machine is a shared VM, so the median is the figure to quote.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEdition } from '../src/content';
import { preparePhotos, type ImageOptions, type PhotoRequest } from '../src/images';
import { loadFontBook } from '../src/io/fonts';
import { readTemplateSources } from '../src/io/templates';
import { layoutForPhotos, photoRequests } from '../src/pipeline';
import { applyTemplate } from '../src/template';

const edition = join(__dirname, '..', 'assets', 'editions', 'hengnan-2021');
const RUNS = 5;

async function sampleRequests(): Promise<PhotoRequest[]> {
  const content = loadEdition(edition);
  const { spec } = applyTemplate(content, readTemplateSources(content.meta.template));
  const layout = await layoutForPhotos(content, spec, loadFontBook());
  return photoRequests(content, layout.pages);
}

interface ChildResult { readonly ms: number; readonly cpuMs: number; readonly photos: number; readonly cached: number; readonly maxInk: number[] }

/** In a child process: prepare the photos once and print the result as JSON. */
async function child(cacheDir: string, options: Partial<ImageOptions>): Promise<void> {
  const requests = await sampleRequests();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const { photos } = await preparePhotos(requests, { ...options, cacheDir });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const result: ChildResult = {
    ms, cpuMs: (used.user + used.system) / 1000, photos: photos.size, cached: [...photos.values()].filter((p) => p.cached).length,
    maxInk: [...photos.values()].map((p) => p.maxInk),
  };
  console.log(JSON.stringify(result));
}

function inChild(cacheDir: string, options: Partial<ImageOptions> = {}): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', cacheDir, JSON.stringify(options)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

function report(label: string, runs: ChildResult[]): void {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  const cpu = runs.map((r) => r.cpuMs).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  console.log(`${label}: median ${median.toFixed(1)} ms, min ${ms[0]!.toFixed(1)}, max ${ms[ms.length - 1]!.toFixed(1)}; median CPU ${cpu.toFixed(0)} ms `
    + `(${runs.length} fresh processes; ${runs[0]!.photos} photos, ${runs[0]!.cached} from cache)`);
}

async function main(): Promise<void> {
  const requests = await sampleRequests();
  console.log(`sample photos at their frames: ${requests.map((r) => `${r.path.split('/').pop()} ${r.width.toFixed(0)}×${r.height.toFixed(0)} pt`).join(', ')}`);
  const cacheDirs: string[] = [];
  const freshCache = (): string => { const dir = mkdtempSync(join(tmpdir(), 'newsprint-bench-images-')); cacheDirs.push(dir); return dir; };
  try {
    const cold = Array.from({ length: RUNS }, () => inChild(freshCache()));
    report('cold', cold);
    console.log(`  max ink per photo, measured on the encoded JPEG: ${cold[0]!.maxInk.map((ink) => `${ink.toFixed(1)} %`).join(', ')}`);
    const filled = cacheDirs[0]!;
    report('cached', Array.from({ length: RUNS }, () => inChild(filled)));
    report('cold, no sharpening', Array.from({ length: 3 }, () => inChild(freshCache(), { sharpen: false })));
    report('cold, gray', Array.from({ length: 3 }, () => inChild(freshCache(), { colour: 'gray' })));
    const start = performance.now();
    await preparePhotos(requests, { cacheDir: false });
    console.log(`warm process, no cache: ${(performance.now() - start).toFixed(1)} ms`);
  } finally {
    for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--child');
if (at > 0) void child(process.argv[at + 1]!, JSON.parse(process.argv[at + 2] ?? '{}') as Partial<ImageOptions>);
else void main();
