/**
 * npm run contact-sheet: builds the sample and every corpus edition (forced, so that overset
 * pages are drawn too) with every page template, renders each page small and puts them in one
 * PNG per template, one row per edition, so that a look shows how layout treats features of every
 * length and photo count in every format (issues 9 and 12).
 *
 *   npm run contact-sheet [-- --dpi 12] [-- --template tabloid]
 *
 * Writes output/contact-sheet/<template>/<edition>/ (the builds and their thumbnails),
 * output/contact-sheet.png (feature-spread) and output/contact-sheet-<template>.png for the
 * others; prints each edition's diagnostics summary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import sharp from 'sharp';
import { blockText, type Edition } from '../src/content/model';
import { PipelineError, formatDiagnostic, type Diagnostic } from '../src/diagnostics';
import type { PlacedPage } from '../src/layout';
import { buildEdition } from '../src/pipeline';

const root = join(__dirname, '..');
const outBase = join(root, 'output', 'contact-sheet');
const sheetFor = (template: string): string => join(root, 'output', template === 'feature-spread' ? 'contact-sheet.png' : `contact-sheet-${template}.png`);

const GAP = 10;
/** Two lines above each row: the edition's name, then its diagnostics summary. */
const LABEL_HEIGHT = 38;
/** Under each page: its number and photo count, then its plan and open area when layout reports them. */
const PAGE_LABEL_HEIGHT = 30;
const MARGIN = 12;
const BACKGROUND = '#cfcfcf';

interface Row {
  readonly edition: string;
  /** CJK characters of body text (汉字 and CJK punctuation), to order the rows by length. */
  readonly bodyChars: number;
  readonly summary: string;
  readonly pages: readonly { readonly number: number; readonly png: string; readonly notes: readonly string[] }[];
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…·]/u;
const bodyChars = (edition: Edition): number =>
  edition.feature.parts.flatMap((part) => part.blocks).reduce((n, block) => n + [...blockText(block)].filter((c) => CJK.test(c)).length, 0);

/** Its photo count, then the plan and open area once layout reports them. */
function pageNotes(page: PlacedPage | undefined): string[] {
  if (!page) return [];
  const photos = page.items.filter((item) => item.kind === 'photo').length;
  const plan = page.plan ? [`plan ${page.plan.name}`] : [];
  const open = page.openArea ? [`open cols ${page.openArea.columns.first}-${page.openArea.columns.last} x ${page.openArea.lines} lines`] : [];
  return [`page ${page.number}: ${photos} photo${photos === 1 ? '' : 's'}`, [...plan, ...open].join('; ')];
}

function editionFolders(): string[] {
  const corpus = join(root, 'test', 'fixtures', 'editions');
  const fixtures = readdirSync(corpus).sort().map((name) => join(corpus, name)).filter((dir) => existsSync(join(dir, 'edition.yaml')));
  return [join(root, 'assets', 'editions', 'hengnan-2021'), ...fixtures];
}

function dpiArgument(): number {
  const at = process.argv.indexOf('--dpi');
  const value = at >= 0 ? Number(process.argv[at + 1]) : 12;
  if (!Number.isFinite(value) || value < 4 || value > 72) throw new Error(`--dpi must be a number from 4 to 72, got ${process.argv[at + 1]}`);
  return value;
}

const hasPdftoppm = (): boolean => spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0;

/** The codes a layout reviewer looks for first, with their page and message. */
const layoutCodes = new Set(['overset', 'underset', 'open-area', 'missing-glyph']);

function summarise(diagnostics: readonly Diagnostic[], failedChecks: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (layoutCodes.has(d.code)) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const codes = [...counts].map(([code, n]) => `${n} × ${code}`).join(', ');
  return `${errors} errors, ${warnings} warnings, ${failedChecks} preflight checks failed${codes ? `; ${codes}` : ''}`;
}

async function buildRow(folder: string, dpi: number, template: string): Promise<Row> {
  const edition = basename(folder);
  const outRoot = join(outBase, template);
  console.log(`\n${edition} (${relative(root, folder)}) with ${template}`);
  try {
    const result = await buildEdition(folder, { outDir: outRoot, force: true, template });
    const failed = result.report.checks.filter((c) => c.status === 'fail').length;
    const chars = bodyChars(result.edition);
    const summary = `${chars} chars of body text; ${summarise(result.report.diagnostics, failed)}`;
    console.log(`  ${summary}`);
    for (const d of result.report.diagnostics) if (layoutCodes.has(d.code)) console.log(`  ${formatDiagnostic(d).split('\n')[0]}`);
    const thumbs = join(outRoot, edition, 'thumbs');
    rmSync(thumbs, { recursive: true, force: true });
    mkdirSync(thumbs, { recursive: true });
    const pages = result.files.map((file, i) => {
      const number = result.pages[i]?.number ?? i + 1;
      const prefix = join(thumbs, `page-${number}`);
      const run = spawnSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', file, prefix], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`pdftoppm failed on ${file}: ${run.stderr}`);
      const notes = pageNotes(result.pages[i]);
      console.log(`  ${notes.filter((n) => n !== '').join('; ')}`);
      return { number, png: `${prefix}.png`, notes };
    });
    return { edition, bodyChars: chars, summary, pages };
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    for (const d of error.diagnostics) console.log(`  ${formatDiagnostic(d).split('\n')[0]}`);
    return { edition, bodyChars: 0, summary: `BUILD FAILED: ${error.diagnostics.filter((d) => d.severity === 'error').length} errors`, pages: [] };
  }
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Line { readonly text: string; readonly size: number; readonly bold?: boolean }

/** Lines of text as an SVG overlay; librsvg finds a sans font through fontconfig (if none, the label stays blank). */
const label = (lines: readonly Line[], width: number, height: number): Buffer => {
  let baseline = 0;
  const texts = lines.map((line) => {
    baseline += line.size + 3;
    return `<text x="0" y="${baseline}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="${line.size}"` +
      `${line.bold ? ' font-weight="bold"' : ''} fill="#111">${escapeXml(line.text)}</text>`;
  });
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${texts.join('')}</svg>`);
};

async function composeSheet(rows: readonly Row[], sheetPath: string): Promise<{ width: number; height: number }> {
  const sizes = await Promise.all(rows.map((row) => Promise.all(row.pages.map(async (page) => {
    const meta = await sharp(page.png).metadata();
    return { width: meta.width ?? 0, height: meta.height ?? 0 };
  }))));
  const rowWidth = (i: number): number => (sizes[i] ?? []).reduce((sum, s) => sum + s.width + GAP, 0) - GAP;
  const rowHeight = (i: number): number => LABEL_HEIGHT + Math.max(40, ...(sizes[i] ?? []).map((s) => s.height)) + PAGE_LABEL_HEIGHT;
  // Wide enough for the longest summary line as well as the widest row.
  const width = Math.max(720, ...rows.map((_, i) => rowWidth(i))) + 2 * MARGIN;
  const height = rows.reduce((sum, _, i) => sum + rowHeight(i) + GAP, 0) + 2 * MARGIN - GAP;

  const layers: sharp.OverlayOptions[] = [];
  let top = MARGIN;
  rows.forEach((row, i) => {
    const heading = [{ text: row.edition, size: 15, bold: true }, { text: row.summary, size: 12 }];
    layers.push({ input: label(heading, width - 2 * MARGIN, LABEL_HEIGHT), left: MARGIN, top });
    let left = MARGIN;
    row.pages.forEach((page, j) => {
      const size = sizes[i]?.[j] ?? { width: 0, height: 0 };
      layers.push({ input: page.png, left, top: top + LABEL_HEIGHT });
      const notes = page.notes.map((text) => ({ text, size: 10 }));
      layers.push({ input: label(notes, Math.max(40, size.width), PAGE_LABEL_HEIGHT), left, top: top + LABEL_HEIGHT + size.height });
      left += size.width + GAP;
    });
    top += rowHeight(i) + GAP;
  });
  await sharp({ create: { width, height, channels: 3, background: BACKGROUND } }).composite(layers).png().toFile(sheetPath);
  return { width, height };
}

function templatesArgument(): string[] {
  const all = readdirSync(join(root, 'templates', 'pages')).filter((f) => f.endsWith('.hbs')).map((f) => basename(f, '.hbs')).sort();
  const at = process.argv.indexOf('--template');
  if (at < 0) return all;
  const wanted = process.argv[at + 1] ?? '';
  if (!all.includes(wanted)) throw new Error(`--template must be one of ${all.join(', ')}, got ${wanted}`);
  return [wanted];
}

async function main(): Promise<void> {
  if (!hasPdftoppm()) {
    console.error('contact-sheet: pdftoppm is not installed; it renders the pages (install poppler-utils, e.g. apt-get install poppler-utils)');
    process.exit(1);
  }
  const dpi = dpiArgument();
  for (const template of templatesArgument()) {
    const built: Row[] = [];
    for (const folder of editionFolders()) built.push(await buildRow(folder, dpi, template));
    // The sample first, then the corpus from the shortest feature to the longest.
    const [sample, ...corpus] = built;
    const rows = [...(sample ? [sample] : []), ...corpus.sort((a, b) => a.bodyChars - b.bodyChars || a.edition.localeCompare(b.edition))];
    const sheetPath = sheetFor(template);
    const { width, height } = await composeSheet(rows, sheetPath);
    console.log(`\nwrote ${relative(process.cwd(), sheetPath)} (${template}: ${width}×${height} px, pages at ${dpi} dpi); builds in ${relative(process.cwd(), join(outBase, template))}/`);
    console.log('rows, top to bottom:');
    for (const row of rows) console.log(`  ${row.edition}: pages ${row.pages.map((p) => p.number).join(', ') || 'none'} — ${row.summary}`);
  }
}

main().catch((error: unknown) => {
  console.error(`contact-sheet: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
