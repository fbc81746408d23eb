/**
 * One photo, source bytes → print JPEG: orient, crop around the focus, resample, flatten,
 * separate to CMYK with the output profile (or to one gray channel), sharpen the plates, limit
 * the total ink on the raw pixels, encode, and measure the ink of what was actually encoded.
 */
import sharp from 'sharp';
import { wrapCmyk, type CmykImage } from './cmyk-tiff';
import { planCrop } from './geometry';
import { inkUnits, limitBlocks, limitForJpeg, maxGrayInk, inkReport } from './ink';
import { sharpenFor, sharpenPlates } from './sharpen';

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

/** What is known of a prepared photo besides its bytes (also kept beside it in the cache). */
export interface PhotoFacts {
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly effectivePpi: number;
  readonly maxInk: number;
  readonly colourSpace: 'cmyk' | 'gray';
  readonly channels: number;
}

export interface Processed extends PhotoFacts {
  readonly jpeg: Buffer;
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
 * The encoded result must measure this far under the limit with our decoder, because other
 * JPEG decoders (Ghostscript's, the RIP's) round the IDCT differently: a page rendered by gs
 * read up to 1.6 points higher than libjpeg-turbo did on the same image.
 */
const DECODER_HEADROOM = 2;
/** Pixels start this far (percent) under what the decoded JPEG must measure, for IDCT rounding. */
const INK_MARGIN = 1;
const INK_ROUNDS = 5;

const tooLarge = (message: string) => new PhotoFailure('photo-too-large', message,
  'scale the original down: a frame rarely needs more than 20 megapixels (the cap is in docs/reliability.md)');

async function inspect(bytes: Buffer, maxInputPixels: number) {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: maxInputPixels }).metadata();
  } catch (error) {
    if (/exceeds pixel limit/i.test((error as Error).message)) throw tooLarge(`has more pixels than the limit of ${maxInputPixels}`);
    const unsupported = /unsupported image format/i.test((error as Error).message);
    throw new PhotoFailure(unsupported ? 'photo-format' : 'photo-unreadable',
      unsupported ? 'is not in an image format Newsprint reads' : `cannot be read: ${(error as Error).message}`, USE_INSTEAD);
  }
  if (!meta.format || !FORMATS.has(meta.format)) {
    throw new PhotoFailure('photo-format', `is ${meta.format ?? 'an unknown format'}, not JPEG, PNG, TIFF or WebP`, USE_INSTEAD);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width * height > maxInputPixels) throw tooLarge(`is ${width}×${height} pixels, more than the limit of ${maxInputPixels}`);
  if (width < 1 || height < 1) throw new PhotoFailure('photo-unreadable', 'has no pixels', USE_INSTEAD);
  return { width, height, meta };
}

export async function processPhoto(bytes: Buffer, settings: ProcessSettings): Promise<Processed> {
  const { meta, ...source } = await inspect(bytes, settings.maxInputPixels);
  const plan = planCrop(source, { width: settings.widthPt, height: settings.heightPt }, settings.targetPpi, settings.focus);
  const rgb = meta.space === 'srgb' || meta.space === 'rgb16';
  // A tagged RGB photo skips sharp's conversion to sRGB: the output transform then goes from its
  // own profile straight to CMYK (one lcms pass instead of two; faster and no sRGB clipping).
  const ignoreIcc = settings.colour === 'cmyk' && rgb && meta.hasProfile === true;
  // sharp assumes P3 for untagged 16-bit RGB in the output transform: go through 8-bit sRGB first.
  const twoPass = settings.colour === 'cmyk' && meta.space === 'rgb16' && !meta.hasProfile;
  // failOn 'warning': a decoder warning (corrupt JPEG data, a premature end) means the pixels are
  // partly garbage; printing them is worse than stopping. Measured: all the sample's photos decode
  // without a warning (test/images/issue10-photos.test.ts).
  let image = sharp(bytes, { limitInputPixels: settings.maxInputPixels, failOn: 'warning', ignoreIcc }).autoOrient();
  image = settings.focus
    ? image.extract(plan.window).resize(plan.width, plan.height, { fit: 'fill', kernel: 'lanczos3' })
    : image.resize(plan.width, plan.height, { fit: 'cover', position: 'attention', kernel: 'lanczos3' });
  image = image.flatten({ background: '#ffffff' });
  const common = { pixelWidth: plan.width, pixelHeight: plan.height, effectivePpi: plan.effectivePpi };

  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    if (settings.colour === 'gray') {
      raw = await image.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    } else if (twoPass) {
      raw = await separate(await image.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }), settings.profilePath);
    } else {
      raw = await image.toColourspace('srgb').withIccProfile(settings.profilePath, { attach: false }).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    }
  } catch (error) {
    // The header read fine (inspect), so a failure here is damage inside the image data.
    throw new PhotoFailure('photo-damaged', `is damaged: the decoder reports "${(error as Error).message.split('\n')[0]}"`,
      'get the photo again from its source (a damaged copy prints partly as garbage); check it opens whole in an image viewer');
  }
  const { width, height, channels } = raw.info;
  if (width !== plan.width || height !== plan.height) throw new Error(`expected ${plan.width}×${plan.height}, sharp gave ${width}×${height}`);
  const mask = sharpenFor(plan.effectivePpi);

  if (settings.colour === 'gray') {
    if (channels !== 1) throw new Error(`gray separation gave ${channels} channels`);
    if (settings.sharpen) await sharpenPlates({ gray: raw.data, width, height }, mask);
    const jpeg = await sharp(raw.data, { raw: { width, height, channels: 1 } }).toColourspace('b-w').jpeg(jpegOptions(settings)).toBuffer();
    const decoded = await sharp(jpeg).raw().toBuffer();
    return { ...common, jpeg, maxInk: maxGrayInk(decoded), colourSpace: 'gray', channels: 1 };
  }
  if (channels !== 4) throw new Error(`the output profile gave ${channels} channels, not CMYK`);
  const plates = wrapCmyk(raw.data, width, height);
  if (settings.sharpen) await sharpenPlates(plates, mask);
  return { ...common, ...(await encodeUnderInkLimit(plates, settings)), colourSpace: 'cmyk', channels: 4 };
}

const jpegOptions = (settings: ProcessSettings) =>
  // Optimised Huffman tables would save ~2 %, but hold every photo's coefficients in memory while
  // encoding (+150 MB on a cold sample build): not worth it (docs/decisions/jpeg-quality.md).
  ({ quality: settings.jpegQuality, chromaSubsampling: '4:4:4', optimiseCoding: false }) as const;

/**
 * Limits the ink, encodes, and measures the ink of the decoded JPEG. Quantisation ringing can
 * push a few pixels back over the limit; the blocks where that happened get a lower limit and
 * the image is encoded again, until the measured maximum is within the limit.
 */
async function encodeUnderInkLimit(image: CmykImage, settings: ProcessSettings) {
  const { pixels, width, height } = image;
  const pixelLimit = inkUnits(settings.maxInk - DECODER_HEADROOM - INK_MARGIN);
  const blockLimits = limitForJpeg(pixels, width, height, pixelLimit);
  let result = { jpeg: Buffer.alloc(0), maxInk: Infinity };
  for (let round = 0; round < INK_ROUNDS; round++) {
    const jpeg = await sharp(image.tiff).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg(jpegOptions(settings)).toBuffer();
    const decoded = await decodeCmyk(jpeg);
    const { max: maxInk, over } = inkReport(decoded, width, settings.maxInk - DECODER_HEADROOM);
    if (maxInk < result.maxInk) result = { jpeg, maxInk };
    if (over.size === 0) break;
    const lowered = new Map<number, number>();
    for (const [block, excess] of over) {
      const limit = (blockLimits.get(block) ?? pixelLimit) - 2 * excess - 4;
      blockLimits.set(block, limit);
      lowered.set(block, limit);
    }
    limitBlocks(pixels, width, height, lowered);
  }
  return result;
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
const decodeCmyk = (jpeg: Buffer): Promise<Buffer> =>
  sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
