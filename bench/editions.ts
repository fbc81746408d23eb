/**
 * Editions of 4, 8 and 16 pages for the bench, made from the corpus's three-part lanfeng-2023
 * (about the sample's length per page): part n of the new edition is part (n−1) mod 3 of the
 * source, under the kicker 第n篇. Copies after the first carry a mark (（2）, （3）, …) on every
 * paragraph and caption, so the importer's exact-duplicate rule keeps them, and their photos
 * carry a few bytes after the JPEG's end, so the photo cache sees new photos (a cold build does
 * the work of N pages' photos) while the pixels stay the same.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';

export const SOURCE = join(__dirname, '..', 'test', 'fixtures', 'editions', 'lanfeng-2023');
const KICKER = /^(上|中|下)篇 /;

interface PhotoEntry { file: string; caption: string; page: number }

export function makeEdition(pages: number, folder: string): string {
  const yaml = parse(readFileSync(join(SOURCE, 'edition.yaml'), 'utf8')) as Record<string, unknown> & { photos: PhotoEntry[]; pages: number[] };
  const lines = readFileSync(join(SOURCE, 'manuscript.txt'), 'utf8').split('\n');
  const starts = lines.flatMap((line, i) => (KICKER.test(line) ? [i] : []));
  const header = lines.slice(0, starts[0]);
  const parts = starts.map((start, i) => lines.slice(start, starts[i + 1] ?? lines.length));
  mkdirSync(join(folder, 'photos'), { recursive: true });
  const body: string[] = [...header];
  const photos: PhotoEntry[] = [];
  for (let n = 1; n <= pages; n++) {
    const partIndex = (n - 1) % parts.length;
    const copy = Math.floor((n - 1) / parts.length);
    const mark = copy === 0 ? '' : `（${copy + 1}）`;
    const sourcePage = yaml.pages[partIndex]!;
    const captions = yaml.photos.filter((p) => p.page === sourcePage);
    for (const line of parts[partIndex]!) {
      const caption = captions.find((p) => line.startsWith(p.caption));
      if (KICKER.test(line)) body.push(line.replace(KICKER, `第${n}篇 `));
      else if (caption) body.push(caption.caption + mark + line.slice(caption.caption.length));
      else if (!mark || line.trim() === '' || line.startsWith('■')) body.push(line);
      else body.push(line.endsWith('**') ? `${line.slice(0, -2)}${mark}**` : `${line}${mark}`);
    }
    for (const photo of captions) {
      const file = `photos/${copy + 1}-${basename(photo.file)}`;
      copyFileSync(join(SOURCE, photo.file), join(folder, file));
      if (copy > 0) appendFileSync(join(folder, file), Buffer.from(`bench copy ${copy + 1}`));
      photos.push({ file, caption: photo.caption + mark, page: n + 1 });
    }
  }
  writeFileSync(join(folder, 'manuscript.txt'), body.join('\n'));
  const numbers = Array.from({ length: pages }, (_, i) => i + 2);
  const entry = (p: PhotoEntry) => `  - file: ${p.file}\n    caption: ${p.caption}\n    page: ${p.page}`;
  writeFileSync(join(folder, 'edition.yaml'), [
    `paper: ${String(yaml.paper)}`, `date: ${String(yaml.date)}`, `pages: [${numbers.join(', ')}]`, `section: ${String(yaml.section)}`,
    `template: ${String(yaml.template)}`, 'manuscript: manuscript.txt', 'photos:', ...photos.map(entry), '',
  ].join('\n'));
  return folder;
}

if (require.main === module) {
  const [pages, folder] = process.argv.slice(2);
  console.log(makeEdition(Number(pages), folder ?? `/tmp/newsprint-bench-${pages}`));
}
