/**
 * Total area coverage (TAC) on raw 8-bit CMYK pixels (interleaved C,M,Y,K; 0 = no ink, 255 = solid).
 * Pure functions: no sharp, no I/O, so they are cheap to test and to reason about.
 */

/** JPEG codes 8×8 blocks independently; its ringing stays inside a block (4:4:4, no subsampling). */
const JPEG_BLOCK = 8; // the hot loops divide by it as >>> 3

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

/** C+M+Y+K of one pixel word (byte order does not matter for a sum): two bytes added per step. */
const inkOf = (word: number): number => {
  const pairs = (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
  return (pairs & 0xffff) + (pairs >>> 16);
};

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
 * One pixel word brought to at most `limit` units of ink. First grey component replacement: the
 * common part of C, M and Y moves to K (each unit moved saves two units of ink, and the colour
 * stays close because K replaces the neutral CMY mixture). Where K is already full or no grey
 * component is left, C, M and Y are scaled down together (hue kept). Integer work only: this
 * runs on up to a million pixels of a dark photo.
 */
function limitWord(word: number, limit: number): number {
  let c = word & 0xff, m = (word >>> 8) & 0xff, y = (word >>> 16) & 0xff, k = word >>> 24;
  const excess = c + m + y + k - limit;
  if (excess <= 0) return word;
  let grey = (excess + 1) >> 1;
  if (c < grey) grey = c;
  if (m < grey) grey = m;
  if (y < grey) grey = y;
  if (255 - k < grey) grey = 255 - k;
  c -= grey; m -= grey; y -= grey; k += grey;
  if (k >= limit) {
    c = m = y = 0;
    k = limit > 0 ? limit : 0;
  } else if (c + m + y + k > limit) {
    const room = limit - k, colour = c + m + y;
    c = Math.floor((c * room) / colour); m = Math.floor((m * room) / colour); y = Math.floor((y * room) / colour);
  }
  return (c | (m << 8) | (y << 16) | (k << 24)) >>> 0;
}

/** Runs `work` on the pixels as aligned 32-bit words, copying in and out when Node pooled the buffer unaligned. */
function onWords<T>(cmyk: Uint8Array, work: (pixels: Uint32Array) => T): T {
  if (cmyk.byteOffset % 4 === 0) return work(words(cmyk));
  const aligned = new Uint8Array(cmyk);
  const result = work(words(aligned));
  cmyk.set(aligned);
  return result;
}

/** Limits every pixel to `limitPercent` total ink, in place. Returns how many pixels changed. */
export function limitTotalInk(cmyk: Uint8Array, limitPercent: number): number {
  const limit = toUnits(limitPercent);
  return onWords(cmyk, (pixels) => {
    let changed = 0;
    for (let p = 0; p < pixels.length; p++) {
      if (inkOf(pixels[p]!) <= limit) continue;
      pixels[p] = limitWord(pixels[p]!, limit);
      changed++;
    }
    return changed;
  });
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
  onWords(cmyk, (pixels) => {
    for (const [block, limit] of limits) limitBlock(pixels, width, height, block, limit);
  });
}

/** Blocks whose darkest pixel is this far under the limit cannot ring over it (see ringingAllowance). */
const RING_WINDOW = 50;

/**
 * How far JPEG quantisation may push the darkest pixel of a block up, in units, estimated from its
 * contrast: a quarter of the range of its total ink, or a tenth of the summed ranges of its four
 * channels (a block where magenta swaps with cyan rings even when its total is flat), plus 2 for
 * rounding. Measured on the sample photos at quality 90 after sharpening: actual ringing was at
 * most 0.09 × the channel ranges. The encode loop still measures; this only saves re-encodes.
 */
function ringingAllowance(pixels: Uint32Array, width: number, height: number, x0: number, y0: number, sumRange: number): number {
  // Per byte lane: the maximum of each channel, and the maximum of each channel's complement.
  let c1 = 0, m1 = 0, y1 = 0, k1 = 0, c0 = 0, m0 = 0, y0n = 0, k0 = 0;
  const x1 = Math.min(width, x0 + JPEG_BLOCK);
  for (let y = y0; y < Math.min(height, y0 + JPEG_BLOCK); y++) {
    for (let p = y * width + x0, end = y * width + x1; p < end; p++) {
      const word = pixels[p]!;
      const c = word & 0xff, m = (word >>> 8) & 0xff, yy = (word >>> 16) & 0xff, k = word >>> 24;
      if (c > c1) c1 = c; if (255 - c > c0) c0 = 255 - c;
      if (m > m1) m1 = m; if (255 - m > m0) m0 = 255 - m;
      if (yy > y1) y1 = yy; if (255 - yy > y0n) y0n = 255 - yy;
      if (k > k1) k1 = k; if (255 - k > k0) k0 = 255 - k;
    }
  }
  const channelRanges = c1 + m1 + y1 + k1 + c0 + m0 + y0n + k0 - 4 * 255;
  return Math.min(RING_WINDOW, Math.ceil(Math.max(sumRange / 4, channelRanges / 10)) + 2);
}

/**
 * Prepares pixels for a JPEG that must stay under `limit` units once decoded: every pixel is
 * brought under the limit, and each 8×8 block near it is brought under the limit minus its
 * ringing allowance. One pass, a band of eight rows at a time, so each block is revisited while
 * it is still in cache. Returns the limit given to each lowered block, for later rounds.
 */
export function limitForJpeg(cmyk: Uint8Array, width: number, height: number, limit: number): Map<number, number> {
  return onWords(cmyk, (pixels) => limitWordsForJpeg(pixels, width, height, limit));
}

function limitWordsForJpeg(pixels: Uint32Array, width: number, height: number, limit: number): Map<number, number> {
  const perRow = Math.ceil(width / JPEG_BLOCK);
  const high = new Int32Array(perRow);
  const low = new Int32Array(perRow);
  const limits = new Map<number, number>();
  for (let band = 0; band < height; band += JPEG_BLOCK) {
    high.fill(0);
    low.fill(1020);
    const bandEnd = Math.min(height, band + JPEG_BLOCK);
    for (let y = band; y < bandEnd; y++) {
      for (let x = 0, p = y * width; x < width; x++, p++) {
        let sum = inkOf(pixels[p]!);
        if (sum > limit) {
          pixels[p] = limitWord(pixels[p]!, limit);
          sum = inkOf(pixels[p]!);
        }
        const column = x >>> 3;
        if (sum > high[column]!) high[column] = sum;
        if (sum < low[column]!) low[column] = sum;
      }
    }
    for (let column = 0; column < perRow; column++) {
      if (high[column]! <= limit - RING_WINDOW) continue;
      const x0 = column * JPEG_BLOCK;
      const blockLimit = limit - ringingAllowance(pixels, width, height, x0, band, high[column]! - low[column]!);
      if (high[column]! <= blockLimit) continue;
      const block = (band >>> 3) * perRow + column;
      limits.set(block, blockLimit);
      limitBlock(pixels, width, height, block, blockLimit);
    }
  }
  return limits;
}

function limitBlock(pixels: Uint32Array, width: number, height: number, block: number, limit: number): void {
  const perRow = Math.ceil(width / JPEG_BLOCK);
  const x0 = (block % perRow) * JPEG_BLOCK;
  const y0 = Math.floor(block / perRow) * JPEG_BLOCK;
  const x1 = Math.min(width, x0 + JPEG_BLOCK);
  for (let y = y0; y < Math.min(height, y0 + JPEG_BLOCK); y++) {
    for (let p = y * width + x0, end = y * width + x1; p < end; p++) if (inkOf(pixels[p]!) > limit) pixels[p] = limitWord(pixels[p]!, limit);
  }
}

export const inkUnits = toUnits;
