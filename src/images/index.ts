/**
 * Photos for print: orient, crop to the frame's aspect around the focus, resample to the target
 * resolution at the placed size, separate to CMYK with the output profile under the ink limit.
 * The only module that imports sharp. Results are cached by content (see cache.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, SourceRef } from '../diagnostics';
import { projectRoot } from '../io/fonts';
import { formatBytes, INPUT_LIMITS } from '../io/limits';
import type { Pt } from '../units';
import { cacheKey, hashBytes, readCached, writeCached, type CachedMeta } from './cache';
import { PhotoFailure, processPhoto, type ProcessSettings } from './process';
import { sharpenFor } from './sharpen';
import { defaultProfilePath, outputProfile } from './profile';
import sharp from 'sharp';

// libvips' operation cache (by default up to 50 MB, 100 operations, 20 files) never hits here:
// every pipeline reads another photo or another size, and a cached photo skips libvips entirely.
// Off, it cannot hold memory while the next photos are prepared.
sharp.cache(false);

export { outputProfile, defaultProfilePath, type OutputProfile } from './profile';
export { cacheFolder, CACHE_LOCATIONS, type CacheLocation } from './cache';
export { sharpenFor } from './sharpen';

export interface PhotoRequest {
  readonly index: number;
  readonly path: string;
  readonly width: Pt;
  readonly height: Pt;
  readonly focus?: { readonly x: number; readonly y: number };
  readonly caption: string;
  readonly source: SourceRef;
}

export interface PreparedPhoto {
  readonly index: number;
  /** Adobe-style CMYK JPEG (or 1-channel gray), no profile attached (the output intent carries it). */
  readonly jpeg: Buffer;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Resolution at the placed size, after resampling. */
  readonly effectivePpi: number;
  readonly colourSpace: 'cmyk' | 'gray';
  readonly channels: number;
  /** Largest C+M+Y+K of any pixel of the encoded JPEG, in percent, measured after encoding. */
  readonly maxInk: number;
  /** True when the result came from the cache and no image work was done. */
  readonly cached: boolean;
}

export interface PhotoProgress {
  readonly done: number;
  readonly total: number;
  readonly index: number;
  readonly path: string;
  readonly cached: boolean;
  readonly ok: boolean;
  readonly ms: number;
}

export interface ImageOptions {
  readonly targetPpi: number;
  readonly warnBelowPpi: number;
  readonly failBelowPpi: number;
  /** Guard against decompression bombs. */
  readonly maxInputPixels: number;
  /** Total area coverage limit, percent of C+M+Y+K. */
  readonly maxInk: number;
  readonly colour: 'cmyk' | 'gray';
  /** CMYK output profile (class prtr); the render stage must embed the same one. */
  readonly profilePath: string;
  /** Unsharp mask tuned to the output ppi (see sharpenFor). */
  readonly sharpen: boolean;
  readonly jpegQuality: number;
  /** Where prepared photos are cached; false to always recompute. */
  readonly cacheDir: string | false;
  /**
   * Photos in flight at once. sharp runs each photo's libvips pipeline on one libuv thread (its
   * own concurrency is 1 on glibc) and part of each photo's work is JavaScript on the main
   * thread, so one photo more than the cores keeps them busy while a photo is in JavaScript.
   * Each photo in flight holds 60–120 MB (libvips buffers, the CMYK plates, each encode round's
   * decoded check), and glibc keeps much of it after the photo is done, so more in flight buys
   * memory, not time: CPU-bound on this 2-core machine, a cold sample build took the same CPU
   * with 3 or 5 in flight, and peaked at ~480 MB against ~560 MB (docs/performance.md).
   */
  readonly concurrency: number;
  readonly onProgress?: (progress: PhotoProgress) => void;
}

export const defaultImageOptions: ImageOptions = {
  targetPpi: 300, warnBelowPpi: 200, failBelowPpi: 100, maxInputPixels: INPUT_LIMITS.photoPixels,
  maxInk: 240, colour: 'cmyk', profilePath: defaultProfilePath, sharpen: true, jpegQuality: 73,
  cacheDir: join(projectRoot, 'output', '.cache', 'images'),
  concurrency: Math.min(8, availableParallelism() + 1),
};

/** Bump when the processing changes in a way that changes output bytes. */
const PIPELINE_VERSION = 5;

/** The photo as the edition file names it (its SourceRef's context), else its path. */
const describe = (request: PhotoRequest): string => `${request.source?.context ?? `photo ${request.path}`} (caption "${request.caption}")`;

export function resolutionDiagnostics(request: PhotoRequest, ppi: number, options: ImageOptions): Diagnostic[] {
  const at = `${describe(request)}: ${ppi.toFixed(0)} ppi at the placed size`;
  const hint = 'supply a larger original or place the photo smaller';
  if (ppi < options.failBelowPpi) {
    return [{ severity: 'error', code: 'photo-resolution', source: request.source, message: `${at}, below the minimum of ${options.failBelowPpi}`, hint }];
  }
  if (ppi < options.warnBelowPpi) {
    return [{ severity: 'warning', code: 'photo-resolution', source: request.source, message: `${at}, below ${options.warnBelowPpi}`, hint }];
  }
  return [];
}

function failure(request: PhotoRequest, code: string, message: string, hint: string): { diagnostics: Diagnostic[] } {
  return { diagnostics: [{ severity: 'error', code, source: request.source, message: `${describe(request)} ${message}`, hint }] };
}

/**
 * Read synchronously: a photo is at most a few megabytes, read in a millisecond, while the promise
 * API reads in 512 KB chunks, each a thread-pool round trip that waits behind running libvips jobs.
 */
function readSource(request: PhotoRequest): Buffer {
  try {
    // The content stage confined and capped the file already; checked again because this stage
    // may be called on its own, and a device or a FIFO must never be read.
    const stats = statSync(request.path);
    if (!stats.isFile()) throw new PhotoFailure('photo-not-a-file', 'is not a regular file', 'name a photo file inside the edition folder');
    if (stats.size > INPUT_LIMITS.photoFileBytes) {
      throw new PhotoFailure('photo-file-too-big', `is ${formatBytes(stats.size)}, more than the cap of ${formatBytes(INPUT_LIMITS.photoFileBytes)}`, 'supply a smaller file');
    }
    return readFileSync(request.path);
  } catch (error) {
    if (error instanceof PhotoFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PhotoFailure('photo-missing', code === 'ENOENT' ? 'is missing: no such file' : `cannot be opened: ${(error as Error).message}`,
      'check the photo path in the edition file');
  }
}

interface PhotoOutcome {
  readonly photo?: PreparedPhoto;
  readonly diagnostics: Diagnostic[];
  /** Why the prepared photo could not be stored in the cache (the photo itself is fine). */
  readonly cacheProblem?: string;
}

interface Produced {
  readonly meta: CachedMeta;
  readonly jpeg: Buffer;
  readonly cached: boolean;
  /** Why the cache entry was rebuilt, when it was damaged. */
  readonly damaged?: string;
  readonly cacheProblem?: string;
}

/** From the cache, or processed and stored there. */
async function producePhoto(bytes: Buffer, settings: ProcessSettings, key: string, options: ImageOptions): Promise<Produced> {
  const read = options.cacheDir ? readCached(options.cacheDir, key) : { kind: 'miss' as const };
  if (read.kind === 'hit') return { meta: read.meta, jpeg: read.jpeg, cached: true };
  const result = await processPhoto(bytes, settings);
  const jpeg = result.jpeg;
  const meta: CachedMeta = {
    pixelWidth: result.pixelWidth, pixelHeight: result.pixelHeight, effectivePpi: result.effectivePpi,
    maxInk: result.maxInk, colourSpace: result.colourSpace, channels: result.channels, bytes: jpeg.length, sha256: hashBytes(jpeg),
  };
  let cacheProblem: string | undefined;
  if (options.cacheDir) {
    try {
      await writeCached(options.cacheDir, key, jpeg, meta);
    } catch (error) {
      cacheProblem = (error as Error).message;
    }
  }
  return { meta, jpeg, cached: false, ...(read.kind === 'damaged' ? { damaged: read.reason } : {}), ...(cacheProblem === undefined ? {} : { cacheProblem }) };
}

/**
 * Photos being prepared, by cache key: a second request for the same pixels (the same photo in
 * frames of one size, or a second build in this process) waits for the first instead of doing
 * the work again. An entry leaves when its work ends; the cache on disk answers after that.
 */
const inFlight = new Map<string, Promise<Produced>>();

function onceInFlight(key: string, work: () => Promise<Produced>): Promise<Produced> {
  let running = inFlight.get(key);
  if (!running) {
    running = work().finally(() => inFlight.delete(key));
    inFlight.set(key, running);
  }
  return running;
}

async function preparePhoto(request: PhotoRequest, options: ImageOptions): Promise<PhotoOutcome> {
  if (!(request.width > 0 && request.height > 0)) {
    return failure(request, 'photo-frame', `has a frame of no size (${request.width} × ${request.height} pt)`, 'give the photo frame a width and a height');
  }
  try {
    const bytes = readSource(request);
    const settings = {
      widthPt: request.width, heightPt: request.height, focus: request.focus, targetPpi: options.targetPpi,
      maxInk: options.maxInk, colour: options.colour, profilePath: options.profilePath, sharpen: options.sharpen,
      jpegQuality: options.jpegQuality, maxInputPixels: options.maxInputPixels,
    };
    const profile = options.colour === 'cmyk' ? outputProfile(options.profilePath).sha256 : null;
    const { profilePath: _path, maxInputPixels: _limit, ...pixelSettings } = settings;
    const key = cacheKey({ v: PIPELINE_VERSION, source: hashBytes(bytes), profile, ...pixelSettings, unsharp: settings.sharpen && sharpenFor(300) });
    const made = await onceInFlight(`${options.cacheDir}|${key}`, () => producePhoto(bytes, settings, key, options));
    const { meta, jpeg, cacheProblem } = made;
    const diagnostics: Diagnostic[] = made.damaged === undefined ? [] : [{
      severity: 'info', code: 'cache-entry-rebuilt', source: request.source,
      message: `${describe(request)}: its cache entry ${key.slice(0, 12)}… in ${options.cacheDir} was damaged (${made.damaged}); prepared again`,
    }];
    diagnostics.push(...resolutionDiagnostics(request, meta.effectivePpi, options));
    if (meta.colourSpace === 'cmyk' && meta.maxInk > options.maxInk) {
      diagnostics.push({ severity: 'warning', code: 'photo-ink', source: request.source, message: `${describe(request)}: ${meta.maxInk.toFixed(0)}% total ink after encoding, above ${options.maxInk}%` });
    }
    const { bytes: _size, sha256: _sha, ...fields } = meta;
    const photo: PreparedPhoto = { index: request.index, ...fields, jpeg, cached: made.cached };
    return { photo, diagnostics, ...(cacheProblem === undefined ? {} : { cacheProblem }) };
  } catch (error) {
    if (error instanceof PhotoFailure) return failure(request, error.code, error.message, error.hint);
    return failure(request, 'photo-unreadable', `cannot be prepared: ${(error as Error).message}`, 'replace the file with a JPEG, PNG, TIFF or WebP that opens');
  }
}

/** One warning for the whole build when the cache could not be written: the photos are fine. */
function cacheWarning(dir: string | false, problems: readonly string[]): Diagnostic[] {
  if (!dir || problems.length === 0) return [];
  return [{
    severity: 'warning', code: 'cache-unwritable', source: { file: dir },
    message: `the photo cache ${dir} cannot be written (${problems[0]}); ${problems.length} prepared photo${problems.length === 1 ? ' was' : 's were'} used but not kept, so the next build prepares ${problems.length === 1 ? 'it' : 'them'} again`,
    hint: 'make the folder writable, or build with --cache xdg (your cache folder) or --cache none',
  }];
}

export async function preparePhotos(requests: readonly PhotoRequest[], given: Partial<ImageOptions> = {}): Promise<{ photos: Map<number, PreparedPhoto>; diagnostics: Diagnostic[] }> {
  const options = { ...defaultImageOptions, ...given };
  const results: PhotoOutcome[] = new Array(requests.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < requests.length) {
      const at = next++;
      const request = requests[at]!;
      const start = performance.now();
      const result = await preparePhoto(request, options);
      results[at] = result;
      options.onProgress?.({
        done: ++done, total: requests.length, index: request.index, path: request.path,
        cached: result.photo?.cached ?? false, ok: result.photo !== undefined, ms: performance.now() - start,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, requests.length)) }, worker));
  const photos = new Map<number, PreparedPhoto>();
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    if (result.photo) photos.set(result.photo.index, result.photo);
    diagnostics.push(...result.diagnostics);
  }
  diagnostics.push(...cacheWarning(options.cacheDir, results.flatMap((r) => (r.cacheProblem === undefined ? [] : [r.cacheProblem]))));
  return { photos, diagnostics };
}

/** Pixel size of a photo as it will be used (EXIF orientation applied); undefined when it cannot be read. */
export async function photoPixelSize(path: string): Promise<{ width: number; height: number } | undefined> {
  try {
    const meta = await sharp(path, { limitInputPixels: false }).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined; // preparePhotos reports the unreadable file with its caption
  }
}
