/**
 * Wraps raw 8-bit CMYK pixels in a minimal uncompressed TIFF (Photometric = Separated). sharp
 * reads raw 4-channel input as sRGB + alpha, so this is how ink-limited pixels get back into
 * libvips as CMYK, untouched, to be encoded as an Adobe CMYK JPEG.
 */
const SHORT = 3;
const LONG = 4;

/**
 * CMYK pixels that live inside their TIFF: the JavaScript passes work on `pixels` in place and
 * every libvips pass reads `tiff`, so a photo's 12–16 MB are copied once, not once per pass.
 */
export interface CmykImage {
  readonly tiff: Buffer;
  /** A view into `tiff`, 4-byte aligned so that the ink passes can read whole pixels as words. */
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export function cmykTiff(pixels: Uint8Array, width: number, height: number): Buffer {
  return wrapCmyk(pixels, width, height).tiff;
}

export function wrapCmyk(pixels: Uint8Array, width: number, height: number): CmykImage {
  if (pixels.length !== width * height * 4) throw new Error(`cmykTiff: ${pixels.length} bytes is not ${width}×${height}×4`);
  const tags: Array<[tag: number, type: number, count: number, value: number]> = [
    [256, LONG, 1, width], // ImageWidth
    [257, LONG, 1, height], // ImageLength
    [258, SHORT, 4, 0], // BitsPerSample 8,8,8,8 (stored out of line)
    [259, SHORT, 1, 1], // Compression: none
    [262, SHORT, 1, 5], // PhotometricInterpretation: separated
    [273, LONG, 1, 0], // StripOffsets (filled in below)
    [277, SHORT, 1, 4], // SamplesPerPixel
    [278, LONG, 1, height], // RowsPerStrip
    [279, LONG, 1, pixels.length], // StripByteCounts
    [284, SHORT, 1, 1], // PlanarConfiguration: chunky
    [332, SHORT, 1, 1], // InkSet: CMYK
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + tags.length * 12 + 4;
  const bitsOffset = ifdOffset + ifdSize;
  const dataOffset = Math.ceil((bitsOffset + 8) / 4) * 4;
  const tiff = Buffer.allocUnsafeSlow(dataOffset + pixels.length);
  const header = tiff.subarray(0, dataOffset).fill(0);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdOffset, 4);
  header.writeUInt16LE(tags.length, ifdOffset);
  tags.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(count, at + 4);
    const resolved = tag === 258 ? bitsOffset : tag === 273 ? dataOffset : value;
    if (type === SHORT && count === 1) header.writeUInt16LE(resolved, at + 8);
    else header.writeUInt32LE(resolved, at + 8);
  });
  header.writeUInt32LE(0, ifdOffset + 2 + tags.length * 12); // no next IFD
  for (let i = 0; i < 4; i++) header.writeUInt16LE(8, bitsOffset + i * 2);
  tiff.set(pixels, dataOffset);
  return { tiff, pixels: tiff.subarray(dataOffset), width, height };
}
