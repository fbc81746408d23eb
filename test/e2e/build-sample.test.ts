/**
 * Issue 2: the sample edition builds into two page PDFs that hold the restored manuscript whole,
 * in order, with embedded subset fonts and no text outside the type area.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition, type BuildResult } from '../../src/pipeline';
import { blockText } from '../../src/content/model';
import { hasTool, readPdf, runTool, squash, type PdfPage } from '../support/pdf';

const edition = join(__dirname, '..', '..', 'assets', 'editions', 'hengnan-2021');
const MM = 72 / 25.4;
let result: BuildResult;
let outDir: string;
let pages: PdfPage[][];

before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'newsprint-e2e-'));
  result = await buildEdition(edition, { outDir, force: false });
  pages = await Promise.all(result.files.map((file) => readPdf(readFileSync(file))));
});

test('writes one print PDF per page, named by date and 版次', () => {
  const names = readdirSync(join(outDir, 'hengnan-2021', 'print')).sort();
  assert.deepEqual(names, ['2021-03-05-04.pdf', '2021-03-05-05.pdf']);
  assert.equal(result.report.counts.error, 0);
});

test('each page is a 390 × 543 mm broadsheet with its trim and bleed boxes', () => {
  for (const file of result.files) {
    const pdf = readFileSync(file).toString('latin1');
    const trim = /\/TrimBox \[([^\]]+)\]/.exec(pdf)?.[1]?.trim().split(/\s+/).map(Number);
    assert.ok(trim, `${file} has a TrimBox`);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = trim;
    assert.ok(Math.abs((x1 - x0) / MM - 390) < 0.1, `trim width ${(x1 - x0) / MM} mm`);
    assert.ok(Math.abs((y1 - y0) / MM - 543) < 0.1, `trim height ${(y1 - y0) / MM} mm`);
    assert.match(pdf, /\/BleedBox \[/);
  }
});

test('every block of the restored manuscript is present whole and in order', () => {
  const text = squash(pages.flat().flatMap((p) => p.items.map((i) => i.text)).join(''));
  let cursor = 0;
  for (const part of result.edition.feature.parts) {
    for (const block of part.blocks) {
      const wanted = squash(blockText(block));
      const at = text.indexOf(wanted, cursor);
      assert.ok(at >= 0, `block at ${block.source.file}:${block.source.line} is missing or out of order: ${wanted.slice(0, 30)}…`);
      cursor = at + wanted.length;
    }
  }
  for (const caption of result.edition.feature.captions) assert.ok(text.includes(squash(caption.text)), `caption ${caption.text}`);
  assert.ok(text.includes(squash(result.edition.feature.title)), 'the feature title');
});

test('no text lies outside the type area (20 mm margins, 23 mm at the foot) except the slug', () => {
  for (const page of pages.flat()) {
    const origin = (page.width - 390 * MM) / 2;
    for (const item of page.items) {
      const x = item.x - origin;
      const y = item.y - origin;
      if (y > 543 * MM) continue; // the slug line below the trim
      // A line-end mark set half width keeps its ink in the left half of its 1 em glyph box,
      // which pdf.js still counts whole.
      const blankHalf = /[，。、；：！？”’）》]$/u.test(item.text) ? 0.5 * 9 : 0;
      const blankStart = /^[“‘（《]/u.test(item.text) ? 0.5 * 9 : 0; // an opening mark: in the right half
      assert.ok(x + blankStart >= 20 * MM - 0.5 && x + item.width - blankHalf <= 370 * MM + 0.5, `"${item.text}" at x ${(x / MM).toFixed(1)} mm`);
      assert.ok(y >= 20 * MM - 0.5 && y <= 520 * MM + 0.5, `"${item.text}" at y ${(y / MM).toFixed(1)} mm`);
    }
  }
});

test('fonts are embedded and subset (pdffonts)', { skip: !hasTool('pdffonts') && 'pdffonts not installed (poppler-utils)' }, () => {
  for (const file of result.files) {
    const rows = runTool('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim());
    assert.ok(rows.length >= 3, 'several faces are used');
    for (const row of rows) {
      assert.match(row, /^[A-Z]{6}\+/, `subset tag: ${row}`);
      assert.match(row, /\byes\s+yes\s+yes\b/, `embedded, subset, unicode: ${row}`);
    }
  }
});

test('pdftotext extracts the Chinese text story by story, in reading order', { skip: !hasTool('pdftotext') && 'pdftotext not installed (poppler-utils)' }, () => {
  const text = squash(result.files.map((file) => runTool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).join(''));
  let cursor = 0;
  for (const part of result.edition.feature.parts) {
    for (const block of part.blocks) {
      const wanted = squash(blockText(block));
      const at = text.indexOf(wanted, cursor);
      assert.ok(at >= 0, `pdftotext: block at line ${block.source.line} missing or out of order: ${wanted.slice(0, 30)}…`);
      cursor = at + wanted.length;
    }
  }
});
