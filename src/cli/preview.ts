/**
 * `newsprint preview <edition-dir|pdf>`: page PNGs (about 1,200 px wide) and thumbnails (150 px)
 * on demand. From an edition's output folder it renders archive/data/edition.pdf when there is
 * one, else each print PDF; previews go to <edition-dir>/preview/, or beside a PDF given alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { renderPreviews } from '../publish/archive';
import { EXIT, HELP_OPTION, parseCommand } from './args';
import { HELP } from './help';

/** A preview is replaced whole or not at all: written beside its name, then renamed. */
function writeAtomically(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

async function previewPdf(pdfPath: string, outFolder: string, name: (index: number) => string): Promise<string[]> {
  const previews = await renderPreviews(readFileSync(pdfPath));
  return previews.flatMap((p) => {
    const base = join(outFolder, name(p.index));
    writeAtomically(`${base}.png`, p.preview);
    writeAtomically(`${base}-thumbnail.png`, p.thumbnail);
    console.log(`${relative(process.cwd(), base)}.png: ${(p.ms / 1000).toFixed(2)} s`);
    return [`${base}.png`, `${base}-thumbnail.png`];
  });
}

export async function previewCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, HELP_OPTION, { min: 1, max: 1, names: 'an edition output folder or a PDF' });
  if (values.help) { console.log(HELP.preview); return EXIT.ok; }
  const target = positionals[0] as string;
  if (!existsSync(target)) {
    console.error(`${target}: no such file or folder`);
    return 1;
  }
  if (!statSync(target).isDirectory()) {
    const stem = basename(target).replace(/\.pdf$/i, '');
    await previewPdf(target, join(dirname(target), 'preview'), (i) => `${stem}-page-${i + 1}`);
    return 0;
  }
  const out = join(target, 'preview');
  const edition = join(target, 'archive', 'data', 'edition.pdf');
  if (existsSync(edition)) {
    // The archive's pages carry the 版次 as page labels, in page order, as its page texts do.
    const numbers = readdirSync(join(target, 'archive', 'data')).map((f) => /^page-(\d+)\.txt$/.exec(f)?.[1]).filter((n): n is string => !!n).map(Number).sort((a, b) => a - b);
    await previewPdf(edition, out, (i) => `page-${numbers[i] ?? i + 1}`);
    return 0;
  }
  const printFolder = join(target, 'print');
  const prints = existsSync(printFolder) ? readdirSync(printFolder).filter((f) => f.endsWith('.pdf')).sort() : [];
  if (prints.length === 0) {
    console.error(`${target}: neither archive/data/edition.pdf nor print/*.pdf; build the edition first (newsprint build <edition> [--archive])`);
    return 1;
  }
  for (const file of prints) await previewPdf(join(printFolder, file), out, () => file.replace(/\.pdf$/i, ''));
  return 0;
}
