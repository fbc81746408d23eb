/** The whole build, stage after stage: content → template → layout (typeset) → images → render → preflight → publish. */
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { loadEdition } from './content';
import type { Edition } from './content/model';
import { hasErrors, PipelineError, type Diagnostic } from './diagnostics';
import { cacheFolder, defaultImageOptions, outputProfile, type CacheLocation, photoPixelSize, preparePhotos, type PhotoProgress, type PhotoRequest } from './images';
import { loadFontBook } from './io/fonts';
import { diagnosticAsGiven, fileAsGiven } from './io/paths-as-given';
import { readTemplateSources } from './io/templates';
import { layoutEdition, type PlacedPage } from './layout';
import {
  buildTime, DEFAULT_NAME_PATTERN, defaultPreflightRules, diagnosticChecks, failuresAsDiagnostics, namePatternProblem, preflightReport,
  editionOutput, lockOutput, preflightPrintPage, preflightProof, printFileName, printPath, proofFileName, proofPath, publishFailure,
  publishStaged, recoverOutput, stageEdition, type EditionOutput, type PreflightReport, type PreflightRules,
} from './publish';
import { limitConcurrency } from './io/concurrency';
import { renderPage, renderProofSpread, trimOrigin, type RenderContext, type RenderedPage } from './render';
import { applyTemplate, photosByPart, type TemplateSources } from './template';
import type { EditionLayoutSpec } from './template/types';
import type { FontBook } from './typeset/fonts';

export const NEWSPRINT_VERSION = 'Newsprint 0.1.0';

export interface BuildOptions {
  readonly outDir: string;
  /** Write the pages even when preflight has errors. */
  readonly force: boolean;
  readonly log?: (message: string) => void;
  /** Print file names, e.g. "{edition}-{date}-{page}.pdf"; default "{date}-{page}.pdf". */
  readonly namePattern?: string;
  /** Also write facing pages on one sheet, marked not for press, under proof/. */
  readonly proofSpread?: boolean;
  /** Preflight rules that differ from the defaults (ink limit, small-text size, …). */
  readonly preflight?: Partial<PreflightRules>;
  /** Where prepared photos are cached: <out>/.cache (default), $XDG_CACHE_HOME/newsprint, or nowhere. */
  readonly cache?: CacheLocation;
  /** How long to wait for another build of the same edition into the same --out (default 2 min). */
  readonly lockWaitMs?: number;
  /** Also write archive/: the PDF/A-2u edition, page texts, ALTO, previews, as a BagIt bag (issue 11). */
  readonly archive?: boolean;
  /** A templates folder (pages/, partials/) other than the project's, e.g. one a layout editor is changing. */
  readonly templatesDir?: string;
  /** A page template other than the one edition.yaml names (`--template`). */
  readonly template?: string;
}

export interface BuildResult {
  readonly edition: Edition;
  readonly pages: readonly PlacedPage[];
  readonly files: readonly string[];
  readonly proofs: readonly string[];
  /** The print files as rendered, page for page: geometry and marks, for checks (the PDFs are on disk). */
  readonly rendered: readonly Omit<RenderedPage, 'pdf'>[];
  readonly report: PreflightReport;
  /** With `archive`: the bag's folder, its payload files and the preview time. */
  readonly archive?: { readonly folder: string; readonly files: readonly string[]; readonly previewSecondsPerPage: number };
}

export function photoRequests(edition: Edition, pages: readonly PlacedPage[]): PhotoRequest[] {
  return pages.flatMap((page) => page.items.flatMap((item) => {
    if (item.kind !== 'photo') return [];
    const photo = edition.photos[item.photo];
    if (!photo) return [];
    return [{
      index: item.photo, path: photo.path, width: item.width, height: item.height, focus: photo.entry.focus,
      caption: photo.caption.text, source: photo.entry.source,
    }];
  }));
}

/** Layout that knows each photo's pixel size, so copyfit never grows a frame past the target resolution. */
export async function layoutForPhotos(edition: Edition, spec: EditionLayoutSpec, fonts: FontBook): Promise<ReturnType<typeof layoutEdition>> {
  const sizes = await Promise.all(edition.photos.map((photo) => photoPixelSize(photo.path)));
  const pixels = new Map(sizes.flatMap((size, index) => (size ? [[index, size] as const] : [])));
  // A photo with a focus point may be cropped past the template's allowance: the desk chose what matters in it.
  const focused = new Set(edition.photos.flatMap((photo, index) => (photo.entry.focus ? [index] : [])));
  return layoutEdition(spec, fonts, undefined, { pixels, minPpi: defaultImageOptions.warnBelowPpi, focused });
}

/** Most pages a template that adds pages may give one edition. */
const MAX_RUN_PAGES = 24;
/** Rounds of template and layout a template that adds pages may take. */
const MAX_RUN_ROUNDS = 8;

type Layout = Awaited<ReturnType<typeof layoutForPhotos>>;

/** Photos of a run, the last page taking a share in proportion to how full of text it is (`fill`, 0–1). */
function photosForRun(photos: number, pages: number, fill: number): number[] {
  const shares = Array.from({ length: pages }, (_, k) => (k === pages - 1 ? Math.max(0, Math.min(1, fill)) : 1));
  const total = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (photos * share) / Math.max(total, 1e-9));
  const counts = exact.map(Math.floor);
  // What rounding left goes to the largest remainders, the earlier page first on a tie.
  const order = exact.map((value, k) => ({ k, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.k - b.k);
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < photos; i++) {
    const k = (order[i % order.length] as { k: number }).k;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/**
 * Template and layout together. A template that lets threads take more pages (add-pages) is
 * applied again with more pages for each part whose story ran over, until every story fits or
 * the edition reaches MAX_RUN_PAGES (then the overset error stands). Then, once, each run's
 * photos are shared out again in proportion to the text its pages hold, so a last page with a
 * few lines is not a page of large photos, nor one with half a column of text and no photo.
 */
export async function templateAndLayout(edition: Edition, sources: TemplateSources, fonts: FontBook): Promise<{ markup: string; spec: EditionLayoutSpec; layout: Layout }> {
  const photosOf = photosByPart(edition).map((photos) => photos.length);
  let pagesPerPart = edition.feature.parts.map(() => 1);
  let photosPerPage: (number[] | undefined)[] = edition.feature.parts.map(() => undefined);
  let settled: { markup: string; spec: EditionLayoutSpec; layout: Layout } | undefined;
  for (let round = 0; ; round++) {
    const { markup, spec } = applyTemplate(edition, sources, fonts.roles(), { pagesPerPart, photosPerPage });
    const layout = await layoutForPhotos(edition, spec, fonts);
    const total = pagesPerPart.reduce((a, b) => a + b, 0);
    const result = { markup, spec, layout };
    if (!spec.addPages || round >= MAX_RUN_ROUNDS) return result;
    if (layout.threadOverset.size > 0) {
      // Rebalancing photos made a run overflow: the last settled layout stands.
      if (settled || total >= MAX_RUN_PAGES) return settled ?? result;
      const grown = [...pagesPerPart];
      const split = [...photosPerPage];
      for (const { lines, lastPage } of layout.threadOverset.values()) {
        const page = spec.pages.find((p) => p.number === lastPage);
        const capacity = page ? page.grid.columns * page.grid.lines : Infinity;
        const part = partOfRunPage(pagesPerPart, lastPage - (edition.meta.pages[0] ?? 1));
        if (part < 0) continue;
        // Whole pages of text still to place, at least one: never more pages than the text needs.
        const extra = Math.max(1, Math.floor(lines / capacity));
        grown[part] = (grown[part] ?? 1) + extra;
        split[part] = photosForRun(photosOf[part] ?? 0, grown[part] as number, (lines - (extra - 1) * capacity) / capacity);
      }
      pagesPerPart = grown.map((count, i) => Math.min(count, (pagesPerPart[i] ?? 1) + MAX_RUN_PAGES - total));
      photosPerPage = split.map((counts, i) => (counts && counts.length === pagesPerPart[i] ? counts : undefined));
      continue;
    }
    if (settled) return result;
    settled = result;
    let changed = false;
    const split = [...photosPerPage];
    for (const end of layout.threadEnds.values()) {
      const part = partOfRunPage(pagesPerPart, end.lastPage - (edition.meta.pages[0] ?? 1));
      const pages = pagesPerPart[part] ?? 1;
      const fill = end.storyLines / Math.max(1, end.capacity);
      if (part < 0 || pages < 2) continue;
      const counts = photosForRun(photosOf[part] ?? 0, pages, fill);
      if (JSON.stringify(counts) !== JSON.stringify(split[part] ?? null)) { split[part] = counts; changed = true; }
    }
    if (!changed) return result;
    photosPerPage = split;
  }
}

/** The part whose run holds the run's `offset`-th page. */
function partOfRunPage(pagesPerPart: readonly number[], offset: number): number {
  let start = 0;
  for (const [part, count] of pagesPerPart.entries()) {
    if (offset < start + count) return part;
    start += count;
  }
  return -1;
}

/** Facing pages in order: 4|5, 6|7, … */
const spreads = <P>(pages: readonly P[]): P[][] =>
  Array.from({ length: Math.ceil(pages.length / 2) }, (_, i) => pages.slice(2 * i, 2 * i + 2));

/**
 * Builds one edition into `<out>/<edition>/`, holding the edition's output lock throughout so a
 * second build of the same edition waits its turn; the new files replace the old ones whole.
 */
export async function buildEdition(folder: string, options: BuildOptions): Promise<BuildResult> {
  const namePattern = options.namePattern ?? DEFAULT_NAME_PATTERN;
  const patternProblem = namePatternProblem(namePattern);
  if (patternProblem) throw new PipelineError([{ severity: 'error', code: 'name-pattern', message: `name pattern "${namePattern}": ${patternProblem}` }]);
  const output = editionOutput(options.outDir, basename(resolve(folder)));
  const lock = await lockOutput(output, options.lockWaitMs);
  try {
    recoverOutput(output);
    return await buildLocked(folder, output, lock.lost, { ...options, namePattern });
  } finally {
    await lock.release();
  }
}

/** Thrown for a build that stopped on errors: where its report went. */
const failed = (diagnostics: readonly Diagnostic[], output: EditionOutput, report: PreflightReport): PipelineError =>
  new PipelineError(diagnostics, publishFailure(output, report));

async function buildLocked(folder: string, output: EditionOutput, lockLost: () => Error | undefined, options: BuildOptions & { namePattern: string }): Promise<BuildResult> {
  const log = options.log ?? (() => undefined);
  const { namePattern } = options;
  // The folder as the user gave it, so that every message names files the way they typed them.
  const edition = loadEdition(folder);
  log(`read ${edition.meta.manuscript}: ${edition.feature.parts.length} parts, ${edition.feature.captions.length} captions, ${edition.photos.length} photos`);
  const fonts = loadFontBook();
  const templateName = options.template ?? edition.meta.template;
  const templateSource = options.template ? { file: 'command line', context: '--template' } : edition.meta.templateSource;
  const { markup, layout } = await templateAndLayout(edition, readTemplateSources(templateName, options.templatesDir, templateSource), fonts);
  log(`laid out ${layout.pages.length} pages (leading ${layout.pages.map((p) => `${p.pitch} pt`).join(', ')})`);
  const progress = (p: PhotoProgress): void => log(`photo ${p.done}/${p.total} ${p.path.split('/').pop()}: ${p.ok ? (p.cached ? 'cached' : `${Math.round(p.ms)} ms`) : 'failed'}`);
  const images = await preparePhotos(photoRequests(edition, layout.pages), { onProgress: progress, cacheDir: cacheFolder(options.cache ?? 'out', options.outDir) });
  log(`prepared ${images.photos.size} photos`);
  // Named as the user gave the folder, in the report as on the console (stages name files bare or absolute).
  const diagnostics: Diagnostic[] = [...edition.diagnostics, ...layout.diagnostics, ...images.diagnostics].map((d) => diagnosticAsGiven(d, folder));
  if (hasErrors(diagnostics) && !options.force) {
    throw failed(diagnostics, output, preflightReport(edition.id, diagnostics, diagnosticChecks(diagnostics), false));
  }

  const time = buildTime(edition.meta.date);
  const context = (pageId: string, pages: string): RenderContext => ({
    fonts, photos: images.photos, profile: outputProfile(defaultImageOptions.profilePath),
    info: {
      title: `${edition.meta.paper} ${edition.meta.date} 第${pages}版 ${edition.feature.title}`,
      paper: edition.meta.paper, date: edition.meta.date, section: edition.meta.section,
      pageId: `${edition.id}/${pageId}`, producer: NEWSPRINT_VERSION, buildTime: time.time, buildTimeSource: time.source,
    },
  });
  const names = layout.pages.map((page) => printFileName(namePattern, { edition: edition.id, paper: edition.meta.paper, date: edition.meta.date, page: page.number }));
  const rules: PreflightRules = {
    ...defaultPreflightRules, maxInk: defaultImageOptions.maxInk,
    warnBelowPpi: defaultImageOptions.warnBelowPpi, failBelowPpi: defaultImageOptions.failBelowPpi, ...options.preflight,
  };
  const sidecar = {
    units: 'pt',
    pages: layout.pages.map((page, i) => ({
      page: i + 1, baseline_pitch: page.pitch,
      columns: page.columns.map((c) => [c.left + trimOrigin(page.geometry), c.right + trimOrigin(page.geometry)]),
    })),
  };
  // Each page is rendered, checked and written into the new build's folder in turn, a core's
  // worth at a time, and its PDF let go: memory holds a few pages, not the edition.
  const staged = stageEdition(output);
  let swapped = false;
  try {
    const oneAtATimePerCore = limitConcurrency(availableParallelism());
    const inkRenders = limitConcurrency(availableParallelism());
    const printed = await Promise.all(layout.pages.map((page, i) => oneAtATimePerCore(async () => {
      const file = names[i] as string;
      const rendered = await renderPage(page, context(String(page.number), String(page.number)));
      const checks = await preflightPrintPage({ page, file, rendered }, images.photos, rules, inkRenders);
      const path = await staged.writeAsync({ path: printPath(file), data: rendered.pdf });
      // The archive bags the print files, so an --archive build keeps them; others let them go.
      return { checks, path, layout: { geometry: rendered.geometry, marks: rendered.marks }, ...(options.archive ? { pdf: rendered.pdf } : {}) };
    })));
    const proofs = options.proofSpread
      ? await Promise.all(spreads(layout.pages).map((pages) => oneAtATimePerCore(async () => {
        const numbers = pages.map((p) => p.number);
        const file = proofFileName(edition.meta.date, numbers);
        const rendered = await renderProofSpread(pages, context(`proof/${numbers.join('-')}`, numbers.join('–')));
        return { checks: await preflightProof({ file, rendered }), path: staged.write({ path: proofPath(file), data: rendered.pdf }) };
      })))
      : [];
    const checks = [...printed.flatMap((p) => p.checks), ...proofs.flatMap((p) => p.checks), ...diagnosticChecks(diagnostics)]
      .map((check) => (check.source ? { ...check, source: { ...check.source, file: fileAsGiven(check.source.file, folder) } } : check));
    const report = preflightReport(edition.id, diagnostics, checks, options.force);
    log(`preflight: ${report.summary.fail} failed, ${report.summary.warn} warnings, ${report.summary.pass} passed`);
    if (!report.passed && !options.force) {
      throw failed([...diagnostics, ...failuresAsDiagnostics(checks)], output, report);
    }
    // The archive code (pdf.js previews on @napi-rs/canvas: ~75 ms to load) is loaded only for --archive.
    const archiveModule = options.archive ? (require('./publish/archive') as typeof import('./publish/archive')) : undefined;
    const archive = archiveModule
      ? await archiveModule.buildArchive({
        edition, pages: layout.pages, fonts, photos: images.photos, profile: outputProfile(defaultImageOptions.profilePath),
        printFiles: printed.map((p, i) => ({ name: names[i] as string, pdf: p.pdf as Buffer })), generator: NEWSPRINT_VERSION, time: time.time, log,
      })
      : undefined;
    publishStaged(staged, { report, markup, sidecar, lockLost, ...(archive ? { extraFiles: archive.files } : {}) });
    swapped = true;
    const archived = archive && archiveModule && {
      folder: join(output.folder, archiveModule.ARCHIVE_FOLDER), previewSecondsPerPage: archive.previewSecondsPerPage,
      files: archive.files.filter((f) => f.path.startsWith(`${archiveModule.ARCHIVE_FOLDER}/data/`)).map((f) => join(output.folder, f.path)),
    };
    return {
      edition, pages: layout.pages, files: printed.map((p) => p.path), proofs: proofs.map((p) => p.path),
      rendered: printed.map((p) => p.layout), report, ...(archived ? { archive: archived } : {}),
    };
  } finally {
    if (!swapped) staged.abandon();
  }
}
