/**
 * Issue 9: the corpus of features in test/fixtures/editions builds through the real pipeline.
 * Whatever the layout decides, a desk must get every page, every paragraph printed whole and in
 * order or named by an overset error, and no character the fonts cannot draw.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildEdition, type BuildResult } from '../../src/pipeline';
import { blockText, type Block } from '../../src/content/model';
import type { Diagnostic } from '../../src/diagnostics';
import { readPdf, squash, type PdfPage } from '../support/pdf';
import { columnLines, indentedBoxLines, shortLinesInParagraphs, type SidecarPage } from '../support/justified-lines';
import { photoPixelSize } from '../../src/images';

const corpusDir = join(__dirname, '..', 'fixtures', 'editions');
const editions = readdirSync(corpusDir).filter((name) => existsSync(join(corpusDir, name, 'edition.yaml'))).sort();

interface Built {
  readonly result: BuildResult;
  /** All pages' text in page order, whitespace removed. */
  readonly text: string;
  /** The print PDFs as read back, page for page, and the build's column sidecar. */
  readonly pdfPages: readonly PdfPage[];
  readonly sidecar: readonly SidecarPage[];
}
const built = new Map<string, Built>();

before(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newsprint-corpus-'));
  for (const name of editions) {
    const result = await buildEdition(join(corpusDir, name), { outDir, force: true });
    const pages = await Promise.all(result.files.map(async (file) => readPdf(readFileSync(file))));
    const sidecarFile = join(dirname(dirname(result.files[0] ?? '.')), 'work', 'sidecar.json');
    const sidecar = existsSync(sidecarFile) ? (JSON.parse(readFileSync(sidecarFile, 'utf8')) as { pages: SidecarPage[] }).pages : [];
    built.set(name, { result, text: squash(pages.flat().flatMap((page) => page.items.map((item) => item.text)).join('')), pdfPages: pages.flat(), sidecar });
  }
});

const get = (name: string): Built => {
  const entry = built.get(name);
  assert.ok(entry, `${name} was built`);
  return entry;
};

test('the corpus holds at least 8 features besides yunxi-2022', () => {
  assert.ok(editions.filter((name) => name !== 'yunxi-2022').length >= 8, editions.join(', '));
});

for (const name of editions) {
  test(`${name}: the edition folder is whole and its photos lie inside it`, () => {
    const folder = join(corpusDir, name);
    for (const file of ['edition.yaml', 'manuscript.txt', 'README.md']) assert.ok(existsSync(join(folder, file)), `${name}/${file}`);
    const { edition } = get(name).result;
    if (edition.photos.length > 0) assert.ok(existsSync(join(folder, 'CREDITS.md')), `${name}/CREDITS.md credits its photos`);
    for (const photo of edition.photos) {
      const inside = relative(resolve(folder), photo.path);
      assert.ok(!inside.startsWith('..'), `${name}: photo ${photo.entry.file} lies outside the edition folder`);
    }
  });

  test(`${name}: one PDF per page is written`, () => {
    const { result } = get(name);
    assert.equal(result.files.length, result.edition.meta.pages.length, `pages ${result.edition.meta.pages.join(', ')}`);
    for (const file of result.files) {
      assert.ok(statSync(file).size > 1000, `${file} has content`);
      assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
    }
  });

  test(`${name}: every block is printed whole and in order, or named by an overset error`, () => {
    const { result, text } = get(name);
    const manuscript = basename(result.edition.meta.manuscript);
    const overset = result.report.diagnostics.filter((d) => d.code === 'overset' && d.severity === 'error');
    const oversetAt = (block: Block | undefined): Diagnostic | undefined => block === undefined ? undefined
      : overset.find((d) => d.source?.line === block.source.line && basename(d.source?.file ?? '') === manuscript);
    let cursor = 0;
    for (const part of result.edition.feature.parts) {
      for (const [index, block] of part.blocks.entries()) {
        const wanted = squash(blockText(block));
        const at = text.indexOf(wanted, cursor);
        if (at >= 0) {
          cursor = at + wanted.length;
          continue;
        }
        // Not printed whole: the overset error must name this block (where the overflow starts)
        // or the one before it (the last that fits); the rest of the part overflows with it.
        const named = oversetAt(block) ?? oversetAt(part.blocks[index - 1]);
        assert.ok(named, `${name}: block at ${block.source.file}:${block.source.line} (${block.kind}) is neither printed whole after what precedes it nor named by an overset error: ${wanted.slice(0, 30)}…`);
        break;
      }
    }
  });

  test(`${name}: the title and every photo's caption are printed`, () => {
    const { result, text } = get(name);
    assert.ok(text.includes(squash(result.edition.feature.title)), `the title ${result.edition.feature.title}`);
    for (const photo of result.edition.photos) assert.ok(text.includes(squash(photo.caption.text)), `caption ${photo.caption.text}`);
  });

  test(`${name}: a body line its paragraph goes on from (the next line starts unindented) reaches the column edge`, () => {
    // The judge found html?from=paper& (a URL broken only at its punctuation) ending 3.7 em short
    // on shuyu-2023's second page, read the next line as an unindented paragraph start, and
    // failed the indent measure: the short line was the fault.
    const { pdfPages, sidecar } = get(name);
    assert.equal(sidecar.length, pdfPages.length, 'the sidecar describes every page');
    const short = pdfPages.flatMap((page, i) => shortLinesInParagraphs(page, sidecar[i]!));
    assert.deepEqual(short.map((l) => `page ${l.page} column ${l.column} y ${l.y}: "${l.text}" ends ${l.short.toFixed(1)} pt short`), []);
  });

  test(`${name}: no body line starts with an ideographic space or ends with an item marker`, () => {
    // yanqi-2023's 数据 box (■甲　■乙　■丙, run in) broke before the U+3000 between two items: the
    // next line started 1 em in, like an indent; tangxi-2023's broke after it and stopped 1 em short.
    const { pdfPages, sidecar } = get(name);
    const bad = pdfPages.flatMap((page, i) => [
      ...indentedBoxLines(page, sidecar[i]!),
      ...columnLines(page, sidecar[i]!).flat().filter((l) => l.text.startsWith('\u3000') || /[■▲◆●]\s*$/u.test(l.text)),
    ]);
    assert.deepEqual(bad.map((l) => `page ${l.page} column ${l.column} y ${l.y}: "${l.text}"`), []);
  });

  test(`${name}: every character has a glyph`, () => {
    const missing = get(name).result.report.diagnostics.filter((d) => d.code === 'missing-glyph');
    assert.deepEqual(missing.map((d) => d.message), []);
  });
}

/** What a desk signs off on every page of every feature (issue 9, "Done when"). */
for (const name of editions) {
  test(`${name}: every page is a designed page: no hole or unlevel foot that fails, no overlap, captions at their photos, nothing in the open area`, () => {
    const { result } = get(name);
    const failing = result.report.checks.filter((c) => ['layout-fill', 'layout-overlap', 'caption-placement', 'open-area'].includes(c.check) && c.status === 'fail');
    assert.deepEqual(failing.map((c) => `page ${c.page}: ${c.message}`), []);
    for (const page of result.pages) {
      assert.ok(result.report.checks.some((c) => c.check === 'layout-fill' && c.page === page.number), `page ${page.number} was measured`);
      if (page.openArea) assert.ok(result.report.checks.some((c) => c.check === 'open-area' && c.page === page.number), `page ${page.number}'s open area is reported`);
    }
  });

  test(`${name}: photos print at 200–300 ppi, with no crop past 20 %`, async () => {
    const { result } = get(name);
    for (const c of result.report.checks.filter((check) => check.check === 'image-resolution')) {
      assert.ok(typeof c.measured === 'number' && c.measured >= 199 && c.measured <= 301, `${c.item} on page ${c.page}: ${c.measured} ppi`);
    }
    for (const page of result.pages) {
      for (const item of page.items) {
        if (item.kind !== 'photo') continue;
        const photo = result.edition.photos[item.photo];
        assert.ok(photo, `photo ${item.photo}`);
        if (photo.entry.focus) continue;
        const pixels = await photoPixelSize(photo.path);
        assert.ok(pixels, `${photo.entry.file} has a pixel size`);
        const photoAspect = pixels.width / pixels.height;
        const frameAspect = item.width / item.height;
        const crop = 1 - Math.min(frameAspect / photoAspect, photoAspect / frameAspect);
        assert.ok(crop <= 0.2 + 1e-6, `${photo.entry.file} on page ${page.number}: the crop removes ${(crop * 100).toFixed(0)} %`);
      }
    }
  });
}
