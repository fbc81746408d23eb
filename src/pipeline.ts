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
import { applyTemplate } from './template';
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
  const { markup, spec } = applyTemplate(edition, readTemplateSources(edition.meta.template, options.templatesDir, edition.meta.templateSource), fonts.roles());
  const layout = await layoutForPhotos(edition, spec, fonts);
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
