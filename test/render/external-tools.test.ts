/**
 * Issue 5: the print files pass the open checkers when they are installed (qpdf, Ghostscript,
 * poppler); each test is skipped with a message naming the missing tool otherwise.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hasTool, runTool } from '../support/pdf';
import { buildSample, type BuiltSample } from './sample';

let sample: BuiltSample;
before(async () => { sample = await buildSample(); });

const skipUnless = (tool: string, pkg: string) => (hasTool(tool) ? false : `${tool} not installed (${pkg})`);

test('qpdf --check is clean', { skip: skipUnless('qpdf', 'qpdf') }, () => {
  for (const file of [...sample.result.files, ...sample.result.proofs]) {
    const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /No syntax or stream encoding errors/);
    assert.doesNotMatch(run.stdout + run.stderr, /WARNING/i);
  }
});

test('Ghostscript renders every page without warnings', { skip: skipUnless('gs', 'ghostscript') }, () => {
  for (const file of [...sample.result.files, ...sample.result.proofs]) {
    const run = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dPDFSTOPONERROR', '-dPDFSTOPONWARNING', '-sDEVICE=nullpage', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal((run.stdout + run.stderr).trim(), '', 'no messages at all');
  }
});

test('pdffonts: every font embedded', { skip: skipUnless('pdffonts', 'poppler-utils') }, () => {
  for (const file of sample.result.files) {
    const rows = runTool('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim());
    assert.ok(rows.length >= 3);
    for (const row of rows) assert.match(row, /\byes\s+yes\s+yes\b/, row);
  }
});

test('pdfimages -list: only cmyk or gray images', { skip: skipUnless('pdfimages', 'poppler-utils') }, () => {
  for (const file of sample.result.files) {
    const rows = runTool('pdfimages', ['-list', file]).split('\n').slice(2).filter((l) => l.trim());
    assert.ok(rows.length >= 2);
    for (const row of rows) assert.match(row.split(/\s+/)[6] ?? '', /^(cmyk|gray)$/, row);
  }
});

test('pdfinfo: PDF 1.3 and the boxes as written', { skip: skipUnless('pdfinfo', 'poppler-utils') }, () => {
  for (const file of sample.result.files) {
    const info = runTool('pdfinfo', ['-box', file]);
    assert.match(info, /PDF version:\s+1\.3/);
    assert.match(info, /TrimBox:\s+51\.02\s+51\.02\s+1156\.54\s+1590\.24/);
    assert.match(info, /BleedBox:\s+42\.52\s+42\.52\s+1165\.04\s+1598\.74/);
  }
});

/** An 8-bit CMYK rendering of the whole media, top row first. */
function renderCmyk(file: string, ppi: number): { width: number; height: number; data: Buffer } {
  const run = spawnSync('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', `-r${ppi}`, '-sDEVICE=pamcmyk32', '-o', '-', file], { maxBuffer: 512 * 1024 * 1024 });
  const headerEnd = run.stdout.indexOf('ENDHDR\n');
  const header = run.stdout.toString('latin1', 0, headerEnd);
  return { width: Number(/WIDTH (\d+)/.exec(header)?.[1]), height: Number(/HEIGHT (\d+)/.exec(header)?.[1]), data: run.stdout.subarray(headerEnd + 7) };
}

test('Ghostscript: body-text areas carry black ink only, and the ink_cov totals are sane', { skip: skipUnless('gs', 'ghostscript') }, () => {
  const ppi = 72;
  for (const [i, file] of sample.result.files.entries()) {
    const cov = runTool('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=ink_cov', '-o', '-', file]).trim().split(/\s+/).slice(0, 4).map(Number);
    assert.ok(cov.length === 4 && cov.every((v) => v >= 0 && v < 100) && (cov[3] ?? 0) > 5, `ink_cov ${cov}`);
    const page = sample.result.pages[i]!;
    const origin = sample.result.rendered[i]!.geometry.origin;
    const image = renderCmyk(file, ppi);
    const boxes = page.items.flatMap((it) => (it.kind === 'box' || it.kind === 'photo' ? [it] : []));
    let black = 0;
    let checked = 0;
    for (const item of page.items) {
      if (item.kind !== 'text' || item.role !== 'body') continue;
      const top = item.baseline - item.line.size * 0.88;
      const x0 = item.x + item.line.start;
      const x1 = item.x + item.line.end;
      // Lines in a tinted box print over the tint; that is overprint, not rich black.
      if (boxes.some((b) => x1 > b.x && x0 < b.x + b.width && item.baseline > b.y && top < b.y + b.height)) continue;
      // Inset by a pixel so antialiased neighbours (a photo's edge) do not count.
      for (let y = Math.ceil(((origin + top) * ppi) / 72) + 1; y < Math.floor(((origin + item.baseline) * ppi) / 72) - 1; y++) {
        for (let x = Math.ceil(((origin + x0) * ppi) / 72) + 1; x < Math.floor(((origin + x1) * ppi) / 72) - 1; x++) {
          const at = (y * image.width + x) * 4;
          const [c, m, yy, k] = [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!, image.data[at + 3]!];
          assert.ok(c === 0 && m === 0 && yy === 0, `body text "${item.line.text.slice(0, 10)}" has C/M/Y ${c}/${m}/${yy} at pixel ${x},${y}`);
          checked++;
          if (k > 0) black++;
        }
      }
    }
    assert.ok(checked > 10000 && black / checked > 0.2, `${black} of ${checked} body-text pixels carry black`);
  }
});
