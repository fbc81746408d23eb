/**
 * One photo, source bytes → print JPEG: orient, crop around the focus, resample, flatten,
 * sharpen, separate to CMYK with the output profile (or to one gray channel), limit the total
 * ink on the raw pixels, encode, and measure the ink of what was actually encoded.
 */
import sharp from 'sharp';
import { cmykTiff } from './cmyk-tiff';
import { planCrop } from './geometry';
import { limitTotalInk, maxGrayInk, maxTotalInk } from './ink';

export interface ProcessSettings {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly focus?: { readonly x: number; readonly y: number };
  readonly targetPpi: number;
  readonly maxInk: number;
  readonly colour: 'cmyk' | 'gray';
  readonly profilePath: string;
  readonly sharpen: boolean;
  readonly jpegQuality: number;
  readonly maxInputPixels: number;
}

export interface Processed {
  readonly jpeg: Buffer;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly effectivePpi: number;
  readonly maxInk: number;
  readonly colourSpace: 'cmyk' | 'gray';
  readonly channels: number;
}

/** A problem with the input itself; the caller turns it into a diagnostic naming the photo. */
export class PhotoFailure extends Error {
  constructor(readonly code: string, message: string, readonly hint: string) {
    super(message);
  }
}

const FORMATS = new Set(['jpeg', 'png', 'tiff', 'webp']);
const USE_INSTEAD = 'supply a JPEG, PNG, TIFF or WebP that opens in an image viewer';

/**
 * Unsharp mask for the output resolution. The radius is a fixed distance on paper (about
 * 0.085 mm, one pixel at 300 ppi), so sigma in pixels grows with ppi. Edges get a strong boost
 * (m2) because newsprint dot gain softens them; flat areas a weak one (m1) so that noise and
 * JPEG artefacts are not amplified. See docs/decisions/images-pipeline.md.
 */
export const sharpenFor = (ppi: number) => ({
  sigma: Math.min(2, Math.max(0.5, ppi / 300)), m1: 0.5, m2: 3, x1: 2, y2: 10, y3: 20,
});

/** Extra margins below the limit tried in turn, so that JPEG ringing cannot push ink over it. */
const INK_MARGINS = [1, 4, 10];

async function inspect(bytes: Buffer, maxInputPixels: number) {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    const unsupported = /unsupported image format/i.test((error as Error).message);
    throw new PhotoFailure(unsupported ? 'photo-format' : 'photo-unreadable',
      unsupported ? 'is not an image format Newsprint reads' : `cannot be read: ${(error as Error).message}`, USE_INSTEAD);
  }
  if (!meta.format || !FORMATS.has(meta.format)) {
    throw new PhotoFailure('photo-format', `is ${meta.format ?? 'an unknown format'}, not JPEG, PNG, TIFF or WebP`, USE_INSTEAD);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width * height > maxInputPixels) {
    throw new PhotoFailure('photo-too-large', `is ${width}×${height} pixels, more than the limit of ${maxInputPixels}`,
      'scale the original down (a frame rarely needs more than 20 megapixels) or raise maxInputPixels');
  }
  if (width < 1 || height < 1) throw new PhotoFailure('photo-unreadable', 'has no pixels', USE_INSTEAD);
  return { width, height };
}

export async function processPhoto(bytes: Buffer, settings: ProcessSettings): Promise<Processed> {
  const source = await inspect(bytes, settings.maxInputPixels);
  const plan = planCrop(source, { width: settings.widthPt, height: settings.heightPt }, settings.targetPpi, settings.focus);
  let image = sharp(bytes, { limitInputPixels: settings.maxInputPixels, failOn: 'error' }).autoOrient();
  image = settings.focus
    ? image.extract(plan.window).resize(plan.width, plan.height, { fit: 'fill', kernel: 'lanczos3' })
    : image.resize(plan.width, plan.height, { fit: 'cover', position: 'attention', kernel: 'lanczos3' });
  image = image.flatten({ background: '#ffffff' });
  if (settings.sharpen) image = image.sharpen(sharpenFor(plan.effectivePpi));
  const common = { pixelWidth: plan.width, pixelHeight: plan.height, effectivePpi: plan.effectivePpi };

  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    raw = settings.colour === 'gray'
      ? await image.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
      : await separate(await image.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }), settings.profilePath);
  } catch (error) {
    if (error instanceof PhotoFailure) throw error;
    throw new PhotoFailure('photo-unreadable', `cannot be decoded: ${(error as Error).message}`, USE_INSTEAD);
  }
  const { width, height, channels } = raw.info;
  if (width !== plan.width || height !== plan.height) throw new Error(`expected ${plan.width}×${plan.height}, sharp gave ${width}×${height}`);
  const jpegOptions = { quality: settings.jpegQuality, chromaSubsampling: '4:4:4' } as const;

  if (settings.colour === 'gray') {
    const jpeg = await sharp(raw.data, { raw: { width, height, channels: 1 } }).jpeg(jpegOptions).toBuffer();
    const decoded = await sharp(jpeg).raw().toBuffer();
    return { ...common, jpeg, maxInk: maxGrayInk(decoded), colourSpace: 'gray', channels: 1 };
  }
  if (channels !== 4) throw new Error(`the output profile gave ${channels} channels, not CMYK`);
  let best: { jpeg: Buffer; maxInk: number } | undefined;
  for (const margin of INK_MARGINS) {
    const pixels = Buffer.from(raw.data);
    limitTotalInk(pixels, settings.maxInk - margin);
    const jpeg = await sharp(cmykTiff(pixels, width, height)).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg(jpegOptions).toBuffer();
    const maxInk = maxTotalInk(await decodeCmyk(jpeg));
    if (!best || maxInk < best.maxInk) best = { jpeg, maxInk };
    if (maxInk <= settings.maxInk) break;
  }
  return { ...common, jpeg: best!.jpeg, maxInk: best!.maxInk, colourSpace: 'cmyk', channels: 4 };
}

/** sRGB raw pixels → CMYK raw pixels through the output profile (perceptual intent, no profile attached). */
async function separate(rgb: { data: Buffer; info: sharp.OutputInfo }, profilePath: string) {
  const { width, height, channels } = rgb.info;
  return sharp(rgb.data, { raw: { width, height, channels: channels as 3 } })
    .withIccProfile(profilePath, { attach: false })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
}

/** The CMYK values stored in a CMYK JPEG, without any colour conversion. */
export const decodeCmyk = (jpeg: Buffer): Promise<Buffer> =>
  sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
