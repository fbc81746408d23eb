/**
 * The content stage: an edition folder in, a validated Edition out. Every problem is collected
 * before giving up, so one run shows the desk all of them, not just the first.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type Diagnostic, PipelineError, hasErrors } from '../diagnostics';
import { checkEditionFile, describeProblem } from '../io/edition-files';
import { INPUT_LIMITS } from '../io/limits';
import { decodeManuscript } from './decode';
import { readEditionFile } from './edition-file';
import { lintFeature } from './lint';
import type { Caption, Edition, EditionMeta, PhotoAssignment, PhotoEntry } from './model';
import { importRawManuscript } from './raw-import';

export { parseEditionFile, readEditionFile } from './edition-file';
export { lintFeature } from './lint';
export { importRawManuscript } from './raw-import';

export const EDITION_FILE = 'edition.yaml';

export const loadEdition = (folder: string): Edition => {
  const editionPath = join(folder, EDITION_FILE);
  const read = readEditionFile(editionPath);
  if (!read.meta) throw new PipelineError(read.diagnostics);
  const meta = read.meta;
  const diagnostics: Diagnostic[] = [...read.diagnostics];

  // Kept relative when the folder is, so that messages show the path the desk typed.
  const manuscriptPath = join(folder, meta.manuscript);
  const manuscriptFile = checkEditionFile(folder, meta.manuscript, INPUT_LIMITS.manuscriptBytes);
  if (!manuscriptFile.ok) {
    const { message, hint } = describeProblem(`manuscript ${meta.manuscript}`, manuscriptFile.problem, folder);
    const code = manuscriptFile.problem.kind === 'missing' ? 'missing-manuscript' : manuscriptFile.problem.kind === 'too-big' ? 'manuscript-too-big' : 'manuscript-refused';
    diagnostics.push({ severity: 'error', code, message, source: meta.manuscriptSource, hint });
    throw new PipelineError(diagnostics);
  }
  const decoded = decodeManuscript(readFileSync(manuscriptFile.path), manuscriptPath);
  diagnostics.push(...decoded.diagnostics);
  if (decoded.text === undefined) throw new PipelineError(diagnostics);

  const imported = importRawManuscript(decoded.text, manuscriptPath);
  diagnostics.push(...imported.diagnostics, ...lintFeature(imported.feature));
  diagnostics.push(...pagesWithoutParts(meta, imported.feature.parts.length));
  const matched = matchPhotos(folder, meta, imported.feature.captions);
  diagnostics.push(...matched.diagnostics);

  if (hasErrors(diagnostics)) throw new PipelineError(diagnostics);
  return {
    id: basename(resolve(folder)),
    folder,
    meta,
    feature: imported.feature,
    photos: matched.photos,
    diagnostics,
  };
};

const PHOTO_PROBLEM_CODE = {
  missing: 'missing-photo', outside: 'photo-outside-edition', 'not-a-file': 'photo-not-a-file', 'too-big': 'photo-file-too-big', unreadable: 'photo-unreadable',
} as const;

/** Part n goes on the n-th listed page: a page beyond the last part would print empty. */
const pagesWithoutParts = (meta: EditionMeta, parts: number): Diagnostic[] => {
  if (meta.pages.length <= parts) return [];
  const empty = meta.pages.slice(parts);
  return [{
    severity: 'error', code: 'page-without-part', source: meta.pagesSource ?? { file: EDITION_FILE, context: 'pages' },
    message: `"pages" lists ${meta.pages.length} pages but the manuscript has ${parts} part${parts === 1 ? '' : 's'}: page${empty.length === 1 ? '' : 's'} ${empty.join(', ')} would be empty`,
    hint: 'list one page per part (part n goes on the n-th page listed), or add the missing part kicker (上篇/中篇/下篇 …) to the manuscript',
  }];
};

/**
 * Photos name their caption (equal text, or the caption's beginning); photos that name none
 * take the captions left over, in manuscript order.
 */
const matchPhotos = (
  folder: string,
  meta: EditionMeta,
  captions: readonly Caption[],
): { photos: PhotoAssignment[]; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const taken = new Set<Caption>();
  const assigned = new Map<PhotoEntry, Caption>();

  for (const entry of meta.photos) {
    const checked = checkEditionFile(folder, entry.file, INPUT_LIMITS.photoFileBytes);
    if (checked.ok) continue;
    const { message, hint } = describeProblem(`photo ${entry.file}`, checked.problem, folder);
    diagnostics.push({ severity: 'error', code: PHOTO_PROBLEM_CODE[checked.problem.kind], message, source: entry.source, hint });
  }

  for (const entry of meta.photos) {
    const wanted = entry.caption;
    if (wanted === undefined) continue;
    const free = captions.filter((c) => !taken.has(c));
    const caption = free.find((c) => c.text === wanted) ?? free.find((c) => wanted !== '' && c.text.startsWith(wanted));
    if (!caption) {
      diagnostics.push({
        severity: 'error',
        code: 'photo-caption-not-found',
        message: `photo ${entry.file} names caption "${wanted}", which is not in the manuscript`,
        source: entry.source,
        hint: 'copy the caption text exactly from the manuscript (its beginning is enough)',
      });
      continue;
    }
    taken.add(caption);
    assigned.set(entry, caption);
  }

  for (const entry of meta.photos) {
    if (entry.caption !== undefined) continue;
    const caption = captions.find((c) => !taken.has(c));
    if (!caption) {
      diagnostics.push({
        severity: 'warning',
        code: 'photo-without-caption',
        message: `photo ${entry.file} has no caption left to go with; it will not be printed`,
        source: entry.source,
        hint: 'add its caption to the manuscript, or remove the photo',
      });
      continue;
    }
    taken.add(caption);
    assigned.set(entry, caption);
  }

  for (const caption of captions) {
    if (taken.has(caption)) continue;
    diagnostics.push({
      severity: 'warning',
      code: 'caption-without-photo',
      message: `caption "${caption.text}" has no photo in ${EDITION_FILE}; it will be printed without one`,
      source: caption.source,
      hint: 'add the photo to the photos list, or delete the caption from the manuscript',
    });
  }

  const photos = meta.photos.flatMap((entry): PhotoAssignment[] => {
    const caption = assigned.get(entry);
    return caption ? [{ path: resolve(folder, entry.file), entry, caption }] : [];
  });
  return { photos, diagnostics };
};
