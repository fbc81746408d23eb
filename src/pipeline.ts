/** The whole build, stage after stage: content → template → layout (typeset) → images → render → publish. */
import { resolve } from 'node:path';
import { loadEdition } from './content';
import type { Edition } from './content/model';
import { hasErrors, PipelineError, type Diagnostic } from './diagnostics';
import { preparePhotos, type PhotoRequest } from './images';
import { loadFontBook } from './io/fonts';
import { readTemplateSources } from './io/templates';
import { layoutEdition, type PlacedPage } from './layout';
import { preflightReport, publish, type PreflightReport } from './publish';
import { renderPage } from './render';
import { applyTemplate } from './template';

export const NEWSPRINT_VERSION = 'Newsprint 0.1.0';

export interface BuildOptions {
  readonly outDir: string;
  /** Write the pages even when preflight has errors. */
  readonly force: boolean;
  readonly log?: (message: string) => void;
}

export interface BuildResult {
  readonly edition: Edition;
  readonly pages: readonly PlacedPage[];
  readonly files: readonly string[];
  readonly report: PreflightReport;
}

export const printFileName = (date: string, page: number): string => `${date}-${String(page).padStart(2, '0')}.pdf`;

function photoRequests(edition: Edition, pages: readonly PlacedPage[]): PhotoRequest[] {
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

export async function buildEdition(folder: string, options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => undefined);
  const edition = loadEdition(resolve(folder));
  log(`read ${edition.meta.manuscript}: ${edition.feature.parts.length} parts, ${edition.feature.captions.length} captions, ${edition.photos.length} photos`);
  const { markup, spec } = applyTemplate(edition, readTemplateSources(edition.meta.template));
  const fonts = loadFontBook();
  const layout = layoutEdition(spec, fonts);
  log(`laid out ${layout.pages.length} pages`);
  const images = await preparePhotos(photoRequests(edition, layout.pages));
  log(`prepared ${images.photos.size} photos`);
  const diagnostics: Diagnostic[] = [...edition.diagnostics, ...layout.diagnostics, ...images.diagnostics];
  const report = preflightReport(edition.id, diagnostics, options.force);
  if (hasErrors(diagnostics) && !options.force) throw new PipelineError(diagnostics);
  const printFiles = await Promise.all(layout.pages.map(async (page) => ({
    name: printFileName(edition.meta.date, page.number),
    pdf: await renderPage(page, {
      fonts, photos: images.photos,
      info: {
        title: `${edition.meta.paper} ${edition.meta.date} 第${page.number}版 ${edition.feature.title}`,
        paper: edition.meta.paper, date: edition.meta.date, section: edition.meta.section,
        pageId: `${edition.id}/${page.number}`, producer: NEWSPRINT_VERSION,
      },
    }),
  })));
  const sidecar = {
    units: 'pt',
    pages: layout.pages.map((page, i) => ({
      page: i + 1, baseline_pitch: page.pitch,
      columns: page.columns.map((c) => [c.left + page.geometry.bleed + 36, c.right + page.geometry.bleed + 36]),
    })),
  };
  const written = publish({ outDir: options.outDir, editionId: edition.id, printFiles, report, markup, sidecar });
  return { edition, pages: layout.pages, files: written.files, report };
}
