/**
 * `build --archive`: output/<edition>/archive/ as a BagIt bag whose payload (data/) holds the
 * PDF/A-2u edition, each page's text, ALTO and previews, the print PDFs, and the edition's own
 * sources (edition.yaml, manuscript, photos). Built in memory; publish writes it with the rest of
 * the edition and swaps the folder in whole, so an interrupted run never leaves half a bag.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import type { Edition } from '../../content/model';
import { PipelineError } from '../../diagnostics';
import type { PreparedPhoto } from '../../images';
import type { ResolvedPage } from '../../layout/resolve-colours';
import { renderArchive, type ArchiveMetadata, type NativeFontSource, type OutputIntentProfile } from '../../render';
import { altoXml } from './alto';
import { bagFiles, type BagFile } from './bagit';
import { metsXml } from './mets';
import { editionOutline } from './outline';
import { pageParagraphs, pageText, type PageParagraph } from './paragraphs';
import { pdfaStructureProblems } from './pdfa-structure';
import { renderPreviews } from './previews';

export { verifyBag, type BagProblem } from './bagit';
export { renderPreviews, PREVIEW_WIDTH, THUMBNAIL_WIDTH } from './previews';

export interface ArchiveRequest {
  readonly edition: Edition;
  readonly pages: readonly ResolvedPage[];
  readonly fonts: NativeFontSource;
  readonly photos: ReadonlyMap<number, PreparedPhoto>;
  readonly profile: OutputIntentProfile;
  readonly printFiles: readonly { readonly name: string; readonly pdf: Buffer }[];
  /** "Newsprint 0.1.0". */
  readonly generator: string;
  readonly time: Date;
  readonly log?: (message: string) => void;
}

export interface ArchiveResult {
  /** The bag's files, paths relative to the edition's output folder (archive/…). */
  readonly files: readonly { readonly path: string; readonly data: Buffer }[];
  /** How many of them are payload (data/…). */
  readonly payloadCount: number;
  /** Seconds per page spent on previews. */
  readonly previewSecondsPerPage: number;
}

/** The bag's folder inside the edition's output folder. */
export const ARCHIVE_FOLDER = 'archive';

/** "■周瑞华 摄" → "周瑞华". */
const photographer = (credit: string): string => credit.replace(/^[■\s]+/u, '').replace(/\s*摄\s*$/u, '').trim();

export function archiveMetadata(edition: Edition, pages: readonly ResolvedPage[], generator: string, time: Date): ArchiveMetadata {
  const { meta } = edition;
  const numbers = pages.map((p) => p.number);
  const sourceHash = createHash('sha256').update(readFileSync(join(edition.folder, 'edition.yaml'))).update(readFileSync(join(edition.folder, meta.manuscript))).update(generator).digest('hex');
  const uuid = `${sourceHash.slice(0, 8)}-${sourceHash.slice(8, 12)}-5${sourceHash.slice(13, 16)}-${((parseInt(sourceHash.slice(16, 17), 16) & 3) | 8).toString(16)}${sourceHash.slice(17, 20)}-${sourceHash.slice(20, 32)}`;
  const credits = edition.photos.flatMap((photo) => (photo.caption.credit ? [photographer(photo.caption.credit)] : []));
  return {
    title: `${meta.paper} ${meta.date} 第${numbers.join('、')}版 ${edition.feature.title}`,
    date: meta.date, time, paper: meta.paper, pages: numbers, section: meta.section,
    editors: Object.entries(meta.editors).map(([role, name]) => `${role}：${String(name)}`),
    photographers: [...new Set(credits)],
    generator, documentId: `uuid:${uuid}`,
  };
}

const familyOf = (fonts: NativeFontSource) => (role: string): string => (fonts.nativeFont(role) as { familyName?: string }).familyName ?? role;

const captionFinder = (edition: Edition) => (photo: number, paragraphs: readonly PageParagraph[]): PageParagraph | undefined => {
  const source = edition.photos[photo]?.caption.source;
  return paragraphs.find((p) => p.role === 'caption' && (p.lines[0]?.story === `caption ${photo}`
    || (source !== undefined && p.lines[0]?.source?.line === source.line && p.lines[0]?.source?.file === basename(source.file))));
};

/** Where a source file goes in the bag: its path in the edition folder, or source/outside/<name> for a file kept elsewhere. */
export function bagPath(edition: Pick<Edition, 'folder'>, path: string): string {
  const inside = relative(edition.folder, path).split(sep).join('/');
  return inside.startsWith('../') || isAbsolute(inside) ? `source/outside/${basename(path)}` : `source/${inside}`;
}

function sourceFiles(edition: Edition): BagFile[] {
  const files = [join(edition.folder, 'edition.yaml'), join(edition.folder, edition.meta.manuscript), ...edition.photos.map((p) => p.path)];
  return [...new Set(files)].filter((path) => existsSync(path)).map((path) => ({ path: bagPath(edition, path), bytes: readFileSync(path) }));
}

export async function buildArchive(request: ArchiveRequest): Promise<ArchiveResult> {
  const { edition, pages } = request;
  const log = request.log ?? (() => undefined);
  const metadata = archiveMetadata(edition, pages, request.generator, request.time);
  const captions = new Map(edition.photos.map((photo, i) => [i, photo.caption.text]));
  const pdf = await renderArchive({
    pages, fonts: request.fonts, profile: request.profile, metadata, outline: editionOutline(edition, pages),
    photos: { jpeg: (i) => request.photos.get(i)?.jpeg, alt: (i) => captions.get(i) ?? '' },
  });
  log(`archive: edition.pdf, ${pdf.length} bytes`);
  // The structural PDF/A-2u checks run on every archive, so a broken one is never bagged.
  const problems = await pdfaStructureProblems(pdf);
  if (problems.length > 0) {
    throw new PipelineError(problems.map((p) => ({
      severity: 'error', code: `archive-pdfa-${p.check}`, message: `edition.pdf is not PDF/A-2u: ${p.message}`,
      hint: 'this is a Newsprint bug, not the edition\'s: report it with the edition folder; the print pages were written',
    })));
  }
  const payload: BagFile[] = [{ path: 'edition.pdf', bytes: pdf }];
  for (const [index, page] of pages.entries()) {
    const paragraphs = pageParagraphs(page);
    payload.push({ path: `page-${page.number}.txt`, bytes: Buffer.from(pageText(page)) });
    payload.push({
      path: `page-${page.number}.alto.xml`,
      bytes: Buffer.from(altoXml({
        page, physicalNumber: index + 1, paragraphs, pdfName: 'edition.pdf', family: familyOf(request.fonts), captionOf: captionFinder(edition),
        software: { name: 'Newsprint', version: request.generator.replace(/^Newsprint\s*/, '') }, time: request.time,
      })),
    });
  }
  const started = performance.now();
  const previews = await renderPreviews(pdf, (done, total) => log(`archive: preview ${done}/${total}`)).catch((error: unknown) => {
    throw new PipelineError([{
      severity: 'error', code: 'archive-preview', message: `the archive's page previews could not be rendered: ${(error as Error).message}`,
      hint: 'run npm install (previews need pdfjs-dist and @napi-rs/canvas); the print pages were written',
    }]);
  });
  const previewSecondsPerPage = (performance.now() - started) / 1000 / Math.max(previews.length, 1);
  previews.forEach((preview) => {
    const number = pages[preview.index]?.number ?? preview.index + 1;
    payload.push({ path: `preview/page-${number}.png`, bytes: preview.preview }, { path: `preview/page-${number}-thumbnail.png`, bytes: preview.thumbnail });
  });
  payload.push(...request.printFiles.map((file) => ({ path: `print/${file.name}`, bytes: file.pdf })), ...sourceFiles(edition));
  payload.push({
    path: 'mets.xml',
    bytes: Buffer.from(metsXml({
      objectId: edition.id, label: metadata.title, generator: request.generator, time: request.time, editionFile: 'edition.pdf', payload,
      pages: pages.map((page, i) => ({
        number: page.number,
        files: {
          PRINT: `print/${request.printFiles[i]?.name}`, ALTO: `page-${page.number}.alto.xml`, TEXT: `page-${page.number}.txt`,
          PREVIEW: `preview/page-${page.number}.png`, THUMBNAIL: `preview/page-${page.number}-thumbnail.png`,
        },
      })),
    })),
  });

  const files = bagFiles(payload, {
    fields: [
      ['Source-Organization', edition.meta.paper],
      ['External-Identifier', edition.id],
      ['Bagging-Date', edition.meta.date],
      ['Bag-Software-Agent', request.generator],
      ['Newspaper-Title', edition.meta.paper],
      ['Edition-Date', edition.meta.date],
      ['Pages', pages.map((p) => p.number).join(', ')],
      ['Section', edition.meta.section],
      ['Newsprint-Version', request.generator],
    ],
  });
  return { files: files.map((f) => ({ path: `${ARCHIVE_FOLDER}/${f.path}`, data: f.bytes })), payloadCount: payload.length, previewSecondsPerPage };
}
