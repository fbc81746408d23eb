/**
 * Total area coverage (TAC) on raw 8-bit CMYK pixels (interleaved C,M,Y,K; 0 = no ink, 255 = solid).
 * Pure functions: no sharp, no I/O, so they are cheap to test and to reason about.
 */

/** JPEG codes 8×8 blocks independently; its ringing stays inside a block (4:4:4, no subsampling). */
export const JPEG_BLOCK = 8; // the hot loops divide by it as >>> 3

const toUnits = (percent: number): number => Math.floor((percent * 255) / 100 + 1e-9);
/** Units → percent, rounded to 0.01 so that the limit itself reads back as exactly the limit. */
const toPercent = (units: number): number => Math.round((units * 10_000) / 255) / 100;

/**
 * The pixels as 32-bit words (one CMYK pixel each), so the hot loops read one word instead of
 * four bytes; copies when the buffer is not 4-byte aligned (Node pools small Buffers).
 */
function words(cmyk: Uint8Array): Uint32Array {
  const aligned = cmyk.byteOffset % 4 === 0 ? cmyk : new Uint8Array(cmyk);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
}

/** C+M+Y+K of one pixel word (byte order does not matter for a sum). */
const inkOf = (word: number): number => (word & 0xff) + ((word >>> 8) & 0xff) + ((word >>> 16) & 0xff) + (word >>> 24);

/** Largest C+M+Y+K of any pixel, in percent (0–400). */
export function maxTotalInk(cmyk: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < cmyk.length; i += 4) {
    const sum = cmyk[i]! + cmyk[i + 1]! + cmyk[i + 2]! + cmyk[i + 3]!;
    if (sum > max) max = sum;
  }
  return toPercent(max);
}

/** Largest ink of a DeviceGray image (0 = black) in percent. */
export function maxGrayInk(gray: Uint8Array): number {
  let min = 255;
  for (let i = 0; i < gray.length; i++) if (gray[i]! < min) min = gray[i]!;
  return toPercent(255 - min);
}

/**
 * Brings the pixel at byte offset i to at most `limit` units of ink. First grey component
 * replacement: the common part of C, M and Y moves to K (each unit moved saves two units of ink,
 * and the colour stays close because K replaces the neutral CMY mixture). Where K is already
 * full or no grey component is left, C, M and Y are scaled down together (hue kept).
 */
function limitPixel(cmyk: Uint8Array, i: number, limit: number): boolean {
  let c = cmyk[i]!, m = cmyk[i + 1]!, y = cmyk[i + 2]!, k = cmyk[i + 3]!;
  const excess = c + m + y + k - limit;
  if (excess <= 0) return false;
  const grey = Math.max(0, Math.min(Math.ceil(excess / 2), c, m, y, 255 - k));
  c -= grey; m -= grey; y -= grey; k += grey;
  if (k >= limit) {
    c = m = y = 0; k = Math.max(0, limit);
  } else if (c + m + y + k > limit) {
    const scale = (limit - k) / (c + m + y);
    c = Math.floor(c * scale); m = Math.floor(m * scale); y = Math.floor(y * scale);
  }
  cmyk[i] = c; cmyk[i + 1] = m; cmyk[i + 2] = y; cmyk[i + 3] = k;
  return true;
}

/** Limits every pixel to `limitPercent` total ink, in place. Returns how many pixels changed. */
export function limitTotalInk(cmyk: Uint8Array, limitPercent: number): number {
  const limit = toUnits(limitPercent);
  const pixels = words(cmyk);
  let changed = 0;
  for (let p = 0; p < pixels.length; p++) if (inkOf(pixels[p]!) > limit && limitPixel(cmyk, p * 4, limit)) changed++;
  return changed;
}

/**
 * The largest total ink of a decoded image (percent) and, for each JPEG block in which some pixel
 * is over the limit, the largest excess in units (1/255 of a solid), keyed by block number.
 */
export function inkReport(cmyk: Uint8Array, width: number, limitPercent: number): { max: number; over: Map<number, number> } {
  const limit = toUnits(limitPercent);
  const perRow = Math.ceil(width / JPEG_BLOCK);
  const over = new Map<number, number>();
  const pixels = words(cmyk);
  let max = 0;
  for (let p = 0; p < pixels.length; p++) {
    const sum = inkOf(pixels[p]!);
    if (sum > max) max = sum;
    if (sum <= limit) continue;
    const block = Math.floor(p / width / JPEG_BLOCK) * perRow + Math.floor((p % width) / JPEG_BLOCK);
    if (sum - limit > (over.get(block) ?? 0)) over.set(block, sum - limit);
  }
  return { max: toPercent(max), over };
}

/** Limits the pixels of the given blocks to their own limits (in units), in place. */
export function limitBlocks(cmyk: Uint8Array, width: number, height: number, limits: ReadonlyMap<number, number>): void {
  const perRow = Math.ceil(width / JPEG_BLOCK);
  for (const [block, limit] of limits) {
    const x0 = (block % perRow) * JPEG_BLOCK;
    const y0 = Math.floor(block / perRow) * JPEG_BLOCK;
    for (let y = y0; y < Math.min(height, y0 + JPEG_BLOCK); y++) {
      for (let x = x0; x < Math.min(width, x0 + JPEG_BLOCK); x++) limitPixel(cmyk, (y * width + x) * 4, limit);
    }
  }
}

/**
 * A first guess at where JPEG ringing will push ink over the limit: blocks that come within 60
 * units of `limit` get a lower limit, by a quarter of their own ink range (their contrast, which
 * is what rings), at most 40 units. On the sample photos at quality 90 this makes one encode
 * enough for most photos, instead of three to five.
 */
export function riskyBlockLimits(cmyk: Uint8Array, width: number, height: number, limit: number): Map<number, number> {
  const perRow = Math.ceil(width / JPEG_BLOCK);
  const count = perRow * Math.ceil(height / JPEG_BLOCK);
  const high = new Int16Array(count);
  const low = new Int16Array(count).fill(1020);
  const pixels = words(cmyk);
  for (let y = 0, p = 0; y < height; y++) {
    const rowBase = (y >>> 3) * perRow;
    for (let x = 0; x < width; x++, p++) {
      const sum = inkOf(pixels[p]!);
      const block = rowBase + (x >>> 3);
      if (sum > high[block]!) high[block] = sum;
      if (sum < low[block]!) low[block] = sum;
    }
  }
  const limits = new Map<number, number>();
  for (let block = 0; block < count; block++) {
    if (high[block]! > limit - 60) limits.set(block, limit - Math.min(40, Math.round((high[block]! - low[block]!) / 4)));
  }
  return limits;
}

export const inkUnits = toUnits;
