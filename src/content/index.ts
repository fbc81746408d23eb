/**
 * The content stage: an edition folder in, a validated Edition out. Every problem is collected
 * before giving up, so one run shows the desk all of them, not just the first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { type Diagnostic, PipelineError, hasErrors } from '../diagnostics';
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
  const manuscriptPath = isAbsolute(meta.manuscript) ? meta.manuscript : join(folder, meta.manuscript);
  if (!existsSync(manuscriptPath)) {
    diagnostics.push({
      severity: 'error',
      code: 'missing-manuscript',
      message: `manuscript ${manuscriptPath} does not exist`,
      source: meta.manuscriptSource,
      hint: 'fix the "manuscript" path; it is relative to the edition folder',
    });
    throw new PipelineError(diagnostics);
  }

  const imported = importRawManuscript(readFileSync(manuscriptPath, 'utf8'), manuscriptPath);
  diagnostics.push(...imported.diagnostics, ...lintFeature(imported.feature));
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
    if (!existsSync(resolve(folder, entry.file))) {
      diagnostics.push({
        severity: 'error',
        code: 'missing-photo',
        message: `photo ${entry.file} does not exist`,
        source: entry.source,
        hint: 'fix the path (relative to the edition folder) or add the file',
      });
    }
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
