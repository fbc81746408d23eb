/**
 * Remakes the photos of the test corpus (test/fixtures/editions/<edition>/photos/) and each
 * edition's CREDITS.md from the five stand-in photos of the sample edition.
 *
 *   npx tsx scripts/make-corpus-photos.ts
 *
 * Layout needs photos of every shape a desk sends (landscape 3:2, 4:3, 16:9; portrait 2:3,
 * 3:4; panoramas 3:1 and 2:1; a 900×600 phone photo; a square; a PNG with alpha), so each
 * corpus photo is a crop of one source, resized to a realistic pixel size and saved small.
 * The table below is the only record of how each file was made; CREDITS.md is written from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const root = join(__dirname, '..');
const sourceDir = join(root, 'assets', 'editions', 'hengnan-2021', 'photos');
const corpusDir = join(root, 'test', 'fixtures', 'editions');

interface Source { readonly file: string; readonly title: string; readonly author: string }

/** The sample's stand-ins: KDE Plasma wallpapers, 2560×1600 (see assets/editions/hengnan-2021/CREDITS.md). */
const SOURCES = {
  path: { file: 'path-forest.jpg', title: 'Path', author: 'Risto Saukonpää' },
  kite: { file: 'kite-sky.jpg', title: 'Kite', author: 'Risto Saukonpää' },
  seedlings: { file: 'seedlings.jpg', title: 'One Stands Out', author: 'Risto Saukonpää' },
  grey: { file: 'grey-architecture.jpg', title: 'Grey', author: 'Sigi Sagi' },
  cups: { file: 'colorful-cups.jpg', title: 'Colorful Cups', author: 'Dmitri Popov' },
} as const satisfies Record<string, Source>;

type SourceName = keyof typeof SOURCES;

interface PhotoRecipe {
  readonly file: string;
  readonly from: SourceName;
  /** Output size in pixels; the crop has this aspect ratio. */
  readonly width: number;
  readonly height: number;
  /** Centre of the crop, as fractions of the source's width and height. */
  readonly centre?: readonly [number, number];
  /** Share of the largest crop of that aspect to keep (1 = as large as the source allows). */
  readonly zoom?: number;
  readonly flop?: boolean;
  readonly grey?: boolean;
  /** A PNG whose corners are transparent (a cut-out, as desks get from graphics). */
  readonly alpha?: boolean;
  /** What this file is in the corpus for. */
  readonly shape: string;
}

/** Each corpus edition's photos. Sizes are realistic; the encoder settings below keep each file small. */
const CORPUS: Readonly<Record<string, readonly PhotoRecipe[]>> = {
  'qinglan-2023': [
    { file: 'phone-teahouse.jpg', from: 'cups', width: 900, height: 600, centre: [0.45, 0.55], zoom: 0.6, shape: 'phone photo 900×600 (3:2)' },
  ],
  'fengling-2023': [
    { file: 'portrait-seedling.jpg', from: 'seedlings', width: 1600, height: 2400, centre: [0.5, 0.5], shape: 'portrait 2:3' },
    { file: 'market-4x3.jpg', from: 'cups', width: 2400, height: 1800, centre: [0.5, 0.5], shape: 'landscape 4:3' },
    { file: 'depot-square.jpg', from: 'grey', width: 1600, height: 1600, centre: [0.6, 0.5], shape: 'square 1:1' },
    { file: 'road-16x9.jpg', from: 'path', width: 2400, height: 1350, centre: [0.5, 0.6], shape: 'landscape 16:9' },
  ],
  'zhechuan-2023': [
    { file: 'bridge-panorama.jpg', from: 'path', width: 3000, height: 1000, centre: [0.5, 0.55], shape: 'panorama 3:1' },
    { file: 'workshop-3x2.jpg', from: 'grey', width: 2400, height: 1600, centre: [0.5, 0.5], grey: true, shape: 'landscape 3:2, greyscale' },
    { file: 'elder-3x4.jpg', from: 'kite', width: 1500, height: 2000, centre: [0.55, 0.5], shape: 'portrait 3:4' },
  ],
  'luming-2023': [
    { file: 'court-3x2.jpg', from: 'grey', width: 2400, height: 1600, centre: [0.5, 0.5], flop: true, shape: 'landscape 3:2' },
    { file: 'crowd-3x2.jpg', from: 'cups', width: 2400, height: 1600, centre: [0.5, 0.5], shape: 'landscape 3:2' },
    { file: 'relay-4x3.jpg', from: 'path', width: 2400, height: 1800, centre: [0.4, 0.5], shape: 'landscape 4:3' },
    { file: 'player-2x3.jpg', from: 'kite', width: 1600, height: 2400, centre: [0.6, 0.5], shape: 'portrait 2:3' },
    { file: 'trophy-square.jpg', from: 'cups', width: 1600, height: 1600, centre: [0.3, 0.5], zoom: 0.8, shape: 'square 1:1' },
    { file: 'field-16x9.jpg', from: 'seedlings', width: 2400, height: 1350, centre: [0.5, 0.5], shape: 'landscape 16:9' },
    { file: 'village-2x1.jpg', from: 'path', width: 2560, height: 1280, centre: [0.5, 0.5], flop: true, shape: 'panorama 2:1' },
  ],
  'shuyu-2023': [
    { file: 'hall-cutout.png', from: 'grey', width: 1600, height: 1200, centre: [0.5, 0.5], alpha: true, shape: 'PNG with alpha 4:3 (transparent corners)' },
    { file: 'counter-3x2.jpg', from: 'cups', width: 2400, height: 1600, centre: [0.6, 0.45], zoom: 0.9, shape: 'landscape 3:2' },
    { file: 'phone-screen.jpg', from: 'kite', width: 900, height: 600, centre: [0.5, 0.4], zoom: 0.5, shape: 'phone photo 900×600 (3:2)' },
    { file: 'servers-2x1.jpg', from: 'grey', width: 2560, height: 1280, centre: [0.5, 0.5], flop: true, shape: 'panorama 2:1' },
    { file: 'clerk-3x4.jpg', from: 'seedlings', width: 1500, height: 2000, centre: [0.45, 0.5], shape: 'portrait 3:4' },
  ],
  'tangxi-2023': [
    { file: 'plant-3x2.jpg', from: 'grey', width: 2400, height: 1600, centre: [0.5, 0.5], shape: 'landscape 3:2' },
    { file: 'worker-2x3.jpg', from: 'cups', width: 1600, height: 2400, centre: [0.5, 0.5], shape: 'portrait 2:3' },
    { file: 'line-16x9.jpg', from: 'cups', width: 2400, height: 1350, centre: [0.5, 0.35], flop: true, shape: 'landscape 16:9' },
    { file: 'lab-4x3.jpg', from: 'kite', width: 2400, height: 1800, centre: [0.5, 0.5], shape: 'landscape 4:3' },
    { file: 'park-panorama.jpg', from: 'seedlings', width: 3000, height: 1000, centre: [0.5, 0.5], shape: 'panorama 3:1' },
    { file: 'port-3x2.jpg', from: 'path', width: 2400, height: 1600, centre: [0.5, 0.5], grey: true, shape: 'landscape 3:2, greyscale' },
    { file: 'product-square.jpg', from: 'cups', width: 1600, height: 1600, centre: [0.7, 0.5], shape: 'square 1:1' },
  ],
  'lanfeng-2023': [
    { file: 'river-3x2.jpg', from: 'path', width: 2400, height: 1600, centre: [0.5, 0.5], shape: 'landscape 3:2' },
    { file: 'ranger-2x3.jpg', from: 'path', width: 1600, height: 2400, centre: [0.45, 0.5], shape: 'portrait 2:3' },
    { file: 'wetland-16x9.jpg', from: 'seedlings', width: 2400, height: 1350, centre: [0.5, 0.6], flop: true, shape: 'landscape 16:9' },
    { file: 'birds-3x4.jpg', from: 'kite', width: 1500, height: 2000, centre: [0.4, 0.5], shape: 'portrait 3:4' },
    { file: 'nursery-3x2.jpg', from: 'seedlings', width: 2400, height: 1600, centre: [0.5, 0.5], zoom: 0.85, shape: 'landscape 3:2' },
    { file: 'ridge-panorama.jpg', from: 'kite', width: 3000, height: 1000, centre: [0.5, 0.6], shape: 'panorama 3:1' },
  ],
  'yanqi-2023': [
    { file: 'newtown-panorama.jpg', from: 'grey', width: 3000, height: 1000, centre: [0.5, 0.5], shape: 'panorama 3:1' },
    { file: 'mayor-2x3.jpg', from: 'seedlings', width: 1600, height: 2400, centre: [0.55, 0.5], flop: true, shape: 'portrait 2:3' },
    { file: 'harvest-3x2.jpg', from: 'seedlings', width: 2400, height: 1600, centre: [0.5, 0.5], grey: true, shape: 'landscape 3:2, greyscale' },
    { file: 'school-4x3.jpg', from: 'grey', width: 2400, height: 1800, centre: [0.4, 0.5], shape: 'landscape 4:3' },
    { file: 'trail-3x2.jpg', from: 'path', width: 2400, height: 1600, centre: [0.5, 0.5], flop: true, shape: 'landscape 3:2' },
    { file: 'festival-16x9.jpg', from: 'kite', width: 2400, height: 1350, centre: [0.5, 0.5], shape: 'landscape 16:9' },
    { file: 'stall-square.jpg', from: 'cups', width: 1600, height: 1600, centre: [0.5, 0.5], shape: 'square 1:1' },
    { file: 'nurse-2x3.jpg', from: 'grey', width: 1600, height: 2400, centre: [0.3, 0.5], shape: 'portrait 2:3' },
    { file: 'phone-night.jpg', from: 'cups', width: 900, height: 600, centre: [0.5, 0.5], zoom: 0.7, flop: true, shape: 'phone photo 900×600 (3:2)' },
  ],
};

const SOURCE_WIDTH = 2560;
const SOURCE_HEIGHT = 1600;

/** The crop rectangle: the recipe's aspect, as large as `zoom` allows, centred where asked but inside the source. */
function cropOf(recipe: PhotoRecipe): { left: number; top: number; width: number; height: number } {
  const aspect = recipe.width / recipe.height;
  const zoom = recipe.zoom ?? 1;
  let width = SOURCE_WIDTH;
  let height = width / aspect;
  if (height > SOURCE_HEIGHT) { height = SOURCE_HEIGHT; width = height * aspect; }
  width = Math.round(width * zoom);
  height = Math.round(height * zoom);
  const [cx, cy] = recipe.centre ?? [0.5, 0.5];
  const clamp = (value: number, max: number): number => Math.max(0, Math.min(max, Math.round(value)));
  return { left: clamp(cx * SOURCE_WIDTH - width / 2, SOURCE_WIDTH - width), top: clamp(cy * SOURCE_HEIGHT - height / 2, SOURCE_HEIGHT - height), width, height };
}

/** A white-opaque rounded rectangle with soft edges: where it is black, the photo becomes transparent. */
const cutoutMask = (width: number, height: number): Buffer => Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
     <defs><filter id="soft"><feGaussianBlur stdDeviation="12"/></filter></defs>
     <rect x="60" y="60" width="${width - 120}" height="${height - 120}" rx="${Math.round(height / 5)}" fill="#fff" filter="url(#soft)"/>
   </svg>`,
);

/** A few hundred KB at most per file keeps the whole corpus well under 15 MB. */
const MAX_BYTES = 420 * 1024;
const JPEG_QUALITIES = [76, 70, 64, 58] as const;

interface Made { readonly bytes: number; readonly crop: ReturnType<typeof cropOf>; readonly quality?: number }

async function makePhoto(recipe: PhotoRecipe, outDir: string): Promise<Made> {
  const crop = cropOf(recipe);
  let image = sharp(join(sourceDir, SOURCES[recipe.from].file)).extract(crop).resize(recipe.width, recipe.height, { kernel: 'lanczos3' });
  if (recipe.flop) image = image.flop();
  if (recipe.grey) image = image.greyscale();
  const path = join(outDir, recipe.file);
  if (recipe.alpha) {
    // Composite in its own step: sharp applies composite after every other operation anyway,
    // and the palette encode must see the finished alpha.
    const masked = await image.ensureAlpha().composite([{ input: cutoutMask(recipe.width, recipe.height), blend: 'dest-in' }]).png().toBuffer();
    const info = await sharp(masked).png({ palette: true, quality: 70, effort: 10, compressionLevel: 9 }).toFile(path);
    return { bytes: info.size, crop };
  }
  // Busy pictures (foliage) take a lower quality to stay under the size cap; the rest keep 76.
  const pixels = await image.png({ compressionLevel: 0 }).toBuffer();
  const lowest = JPEG_QUALITIES[JPEG_QUALITIES.length - 1];
  for (const quality of JPEG_QUALITIES) {
    const jpeg = await sharp(pixels).jpeg({ quality, mozjpeg: true }).toBuffer();
    if (jpeg.length <= MAX_BYTES || quality === lowest) {
      writeFileSync(path, jpeg);
      return { bytes: jpeg.length, crop, quality };
    }
  }
  throw new Error(`no JPEG quality tried for ${recipe.file}`);
}

function creditsFor(edition: string, made: readonly (Made & { recipe: PhotoRecipe })[]): string {
  const rows = made.map(({ recipe, crop, quality }) => {
    const source = SOURCES[recipe.from];
    const steps = [
      `crop ${crop.width}×${crop.height} at (${crop.left}, ${crop.top})`,
      `resize to ${recipe.width}×${recipe.height}`,
      ...(recipe.flop ? ['mirrored'] : []),
      ...(recipe.grey ? ['greyscale'] : []),
      recipe.alpha ? 'corners made transparent, palette PNG' : `JPEG quality ${quality ?? '?'} (mozjpeg)`,
    ];
    return `| ${recipe.file} | ${recipe.shape} | ${source.title} (${source.file}) | ${source.author} | ${steps.join('; ')} |`;
  });
  return `# Photos of the test edition ${edition}

Written by \`scripts/make-corpus-photos.ts\`; rerun it to remake them. The pictures are
stand-ins: they do not show what the manuscript's captions describe, and the photographers
named in the captions (■… 摄) are invented like the rest of the manuscript. \`edition.yaml\`
says which caption each file goes with.

Every file is derived from one of the stand-in photos of the sample edition
(\`assets/editions/hengnan-2021/photos/\`, the same files as \`/work/shared/photos/\`). Those
come from the Debian package \`plasma-workspace-wallpapers\` (version 4:5.27.5-2, KDE Plasma
wallpapers; upstream https://invent.kde.org/plasma/plasma-workspace-wallpapers), each
2560×1600. Each wallpaper's own metadata gives its author and the licence LGPLv3; the Debian
copyright file gives GPL-2+ for the package. Keep this attribution wherever the files are
copied.

| file | shape | original wallpaper (sample file) | author | how it was derived |
|---|---|---|---|---|
${rows.join('\n')}
`;
}

async function main(): Promise<void> {
  let total = 0;
  for (const [edition, recipes] of Object.entries(CORPUS)) {
    const outDir = join(corpusDir, edition, 'photos');
    mkdirSync(outDir, { recursive: true });
    const made = [];
    for (const recipe of recipes) {
      const result = await makePhoto(recipe, outDir);
      total += result.bytes;
      made.push({ ...result, recipe });
      console.log(`${edition}/photos/${recipe.file}: ${recipe.width}×${recipe.height}, ${Math.round(result.bytes / 1024)} KB`);
    }
    writeFileSync(join(corpusDir, edition, 'CREDITS.md'), creditsFor(edition, made));
  }
  console.log(`total ${(total / 1024 / 1024).toFixed(1)} MB`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
