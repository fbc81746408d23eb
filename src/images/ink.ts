/**
 * Total area coverage (TAC) on raw 8-bit CMYK pixels (interleaved C,M,Y,K; 0 = no ink, 255 = solid).
 * Pure functions: no sharp, no I/O, so they are cheap to test and to reason about.
 */

/** Largest C+M+Y+K of any pixel, in percent (0–400). */
export function maxTotalInk(cmyk: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < cmyk.length; i += 4) {
    const sum = cmyk[i]! + cmyk[i + 1]! + cmyk[i + 2]! + cmyk[i + 3]!;
    if (sum > max) max = sum;
  }
  return (max / 255) * 100;
}

/** Largest ink of a DeviceGray image (0 = black) in percent. */
export function maxGrayInk(gray: Uint8Array): number {
  let min = 255;
  for (let i = 0; i < gray.length; i++) if (gray[i]! < min) min = gray[i]!;
  return ((255 - min) / 255) * 100;
}

/**
 * Brings every pixel to at most `limitPercent` total ink, in place. First grey component
 * replacement: the common part of C, M and Y moves to K (each unit moved saves two units of ink,
 * and the colour stays close because K replaces the neutral CMY mixture). Where K is already
 * full or there is no grey component left, C, M and Y are scaled down together (hue kept).
 * Returns how many pixels were changed.
 */
export function limitTotalInk(cmyk: Uint8Array, limitPercent: number): number {
  const limit = Math.floor((limitPercent / 100) * 255);
  let changed = 0;
  for (let i = 0; i < cmyk.length; i += 4) {
    let c = cmyk[i]!, m = cmyk[i + 1]!, y = cmyk[i + 2]!, k = cmyk[i + 3]!;
    const excess = c + m + y + k - limit;
    if (excess <= 0) continue;
    changed++;
    const grey = Math.min(Math.ceil(excess / 2), c, m, y, 255 - k);
    c -= grey; m -= grey; y -= grey; k += grey;
    const cmy = c + m + y;
    if (k >= limit) {
      c = m = y = 0; k = limit;
    } else if (cmy + k > limit) {
      const scale = (limit - k) / cmy;
      c = Math.floor(c * scale); m = Math.floor(m * scale); y = Math.floor(y * scale);
    }
    cmyk[i] = c; cmyk[i + 1] = m; cmyk[i + 2] = y; cmyk[i + 3] = k;
  }
  return changed;
}
