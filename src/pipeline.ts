/** The whole build, stage after stage: content → template → layout (typeset) → images → render → preflight → publish. */
import { join, resolve } from 'node:path';
import { loadEdition } from './content';
import type { Edition } from './content/model';
import { hasErrors, PipelineError, type Diagnostic } from './diagnostics';
import { defaultImageOptions, outputProfile, photoPixelSize, preparePhotos, type PhotoProgress, type PhotoRequest } from './images';
import { loadFontBook } from './io/fonts';
import { readTemplateSources } from './io/templates';
import { layoutEdition, type PlacedPage } from './layout';
import {
  buildTime, DEFAULT_NAME_PATTERN, defaultPreflightRules, diagnosticChecks, failuresAsDiagnostics, namePatternProblem, preflightReport,
  printFileName, proofFileName, publish, runPreflight, writePreflight, type PreflightReport, type PreflightRules,
} from './publish';
import { writeArchive, type ArchiveResult } from './publish/archive';
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
  /** Also write archive/: the PDF/A-2u edition, page texts, ALTO, previews, as a BagIt bag (issue 11). */
  readonly archive?: boolean;
  /** Where prepared photos are cached; false computes every photo afresh (the determinism test's cold build). */
  readonly photoCache?: string | false;
}

export interface BuildResult {
  readonly edition: Edition;
  readonly pages: readonly PlacedPage[];
  readonly files: readonly string[];
  readonly proofs: readonly string[];
  /** The print files as rendered, page for page: geometry and marks, for checks. */
  readonly rendered: readonly RenderedPage[];
  readonly report: PreflightReport;
  /** When built with `archive`. */
  readonly archive?: ArchiveResult;
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

export async function buildEdition(folder: string, options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => undefined);
  const namePattern = options.namePattern ?? DEFAULT_NAME_PATTERN;
  const patternProblem = namePatternProblem(namePattern);
  if (patternProblem) throw new PipelineError([{ severity: 'error', code: 'name-pattern', message: `name pattern "${namePattern}": ${patternProblem}` }]);
  const edition = loadEdition(resolve(folder));
  const editionFolder = join(options.outDir, edition.id);
  log(`read ${edition.meta.manuscript}: ${edition.feature.parts.length} parts, ${edition.feature.captions.length} captions, ${edition.photos.length} photos`);
  const { markup, spec } = applyTemplate(edition, readTemplateSources(edition.meta.template));
  const fonts = loadFontBook();
  const layout = await layoutForPhotos(edition, spec, fonts);
  log(`laid out ${layout.pages.length} pages (leading ${layout.pages.map((p) => `${p.pitch} pt`).join(', ')})`);
  const progress = (p: PhotoProgress): void => log(`photo ${p.done}/${p.total} ${p.path.split('/').pop()}: ${p.ok ? (p.cached ? 'cached' : `${Math.round(p.ms)} ms`) : 'failed'}`);
  const images = await preparePhotos(photoRequests(edition, layout.pages), { onProgress: progress, ...(options.photoCache === undefined ? {} : { cacheDir: options.photoCache }) });
  log(`prepared ${images.photos.size} photos`);
  const diagnostics: Diagnostic[] = [...edition.diagnostics, ...layout.diagnostics, ...images.diagnostics];
  if (hasErrors(diagnostics) && !options.force) {
    writePreflight(editionFolder, preflightReport(edition.id, diagnostics, diagnosticChecks(diagnostics), false));
    throw new PipelineError(diagnostics);
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
  const rendered = await Promise.all(layout.pages.map((page) => renderPage(page, context(String(page.number), String(page.number)))));
  const names = layout.pages.map((page) => printFileName(namePattern, { edition: edition.id, paper: edition.meta.paper, date: edition.meta.date, page: page.number }));
  const proofs = options.proofSpread
    ? await Promise.all(spreads(layout.pages).map(async (pages) => {
      const numbers = pages.map((p) => p.number);
      return { name: proofFileName(edition.meta.date, numbers), rendered: await renderProofSpread(pages, context(`proof/${numbers.join('-')}`, numbers.join('–'))) };
    }))
    : [];

  const rules: PreflightRules = {
    ...defaultPreflightRules, maxInk: defaultImageOptions.maxInk,
    warnBelowPpi: defaultImageOptions.warnBelowPpi, failBelowPpi: defaultImageOptions.failBelowPpi, ...options.preflight,
  };
  const checks = await runPreflight({
    pages: layout.pages.map((page, i) => ({ page, file: names[i] as string, rendered: rendered[i] as RenderedPage })),
    proofs: proofs.map((p) => ({ file: p.name, rendered: p.rendered })),
    photos: images.photos, diagnostics, rules,
  });
  const report = preflightReport(edition.id, diagnostics, checks, options.force);
  log(`preflight: ${report.summary.fail} failed, ${report.summary.warn} warnings, ${report.summary.pass} passed`);
  if (!report.passed && !options.force) {
    writePreflight(editionFolder, report);
    throw new PipelineError([...diagnostics, ...failuresAsDiagnostics(checks)]);
  }
  const sidecar = {
    units: 'pt',
    pages: layout.pages.map((page, i) => ({
      page: i + 1, baseline_pitch: page.pitch,
      columns: page.columns.map((c) => [c.left + trimOrigin(page.geometry), c.right + trimOrigin(page.geometry)]),
    })),
  };
  const written = publish({
    outDir: options.outDir, editionId: edition.id, report, markup, sidecar,
    printFiles: rendered.map((page, i) => ({ name: names[i] as string, pdf: page.pdf })),
    proofFiles: proofs.map((p) => ({ name: p.name, pdf: p.rendered.pdf })),
  });
  const archive = options.archive
    ? await writeArchive({
      outDir: options.outDir, edition, pages: layout.pages, fonts, photos: images.photos, profile: outputProfile(defaultImageOptions.profilePath),
      printFiles: rendered.map((page, i) => ({ name: names[i] as string, pdf: page.pdf })), generator: NEWSPRINT_VERSION, time: time.time, log,
    })
    : undefined;
  return { edition, pages: layout.pages, files: written.files, proofs: written.proofs, rendered, report, ...(archive ? { archive } : {}) };
}
