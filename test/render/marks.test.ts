/** Issue 5: crop marks, registration targets, control strip and slug lie between the BleedBox and the MediaBox. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { follow, refEntries } from '../support/pdf-reader';
import { buildSample, type BuiltSample } from './sample';

let sample: BuiltSample;
before(async () => { sample = await buildSample(); });

test('the page model of the marks: every kind present, each outside the BleedBox and on the media', () => {
  for (const page of sample.result.rendered) {
    const kinds = new Set(page.marks.map((m) => m.kind));
    assert.deepEqual([...kinds].sort(), ['crop', 'patch', 'registration', 'slug']);
    assert.equal(page.marks.filter((m) => m.kind === 'crop').length, 8, 'two strokes at each corner');
    assert.equal(page.marks.filter((m) => m.kind === 'registration').length, 4);
    assert.ok(page.marks.filter((m) => m.kind === 'patch').length >= 12, 'solids and tints of all four inks');
    const [bx0, by0, bx1, by1] = page.geometry.bleedBox;
    const bleedTop = page.geometry.mediaHeight - by1;
    const bleedBottom = page.geometry.mediaHeight - by0;
    for (const mark of page.marks) {
      const r = mark.bounds;
      const overlaps = r.x < bx1 && r.x + r.width > bx0 && r.y < bleedBottom && r.y + r.height > bleedTop;
      assert.ok(!overlaps, `${mark.kind} at ${r.x.toFixed(1)},${r.y.toFixed(1)} overlaps the BleedBox`);
      assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= page.geometry.mediaWidth && r.y + r.height <= page.geometry.mediaHeight, `${mark.kind} off the media`);
    }
  }
});

test('the slug names paper, date, 版次, 版名, plates, build time and version', () => {
  const [first] = sample.result.rendered;
  const slug = first!.marks.filter((m) => m.kind === 'slug').map((m) => (m.kind === 'slug' ? m.text : '')).join(' ');
  for (const part of ['衡南日报', '2021-03-05', '第4版', '专版·高质量发展', 'C M Y K', '2021-03-05T00:00:00Z', 'edition date', 'Newsprint 0.1.0']) {
    assert.ok(slug.includes(part), `slug has ${part}: ${slug}`);
  }
  const plates = first!.marks.filter((m) => m.kind === 'slug' && m.text.length === 1);
  assert.deepEqual(plates.map((m) => (m.kind === 'slug' ? [m.text, m.colour.c + m.colour.m + m.colour.y + m.colour.k] : [])), [['C', 100], ['M', 100], ['Y', 100], ['K', 100]], 'each plate label in its own single ink');
});

test('in the content stream, every path in the registration colour lies outside the BleedBox', () => {
  for (const [i, file] of sample.files.entries()) {
    const geometry = sample.result.rendered[i]!.geometry;
    const spaces = refEntries(follow(file.pdf, file.page.body, 'Resources')!.body, 'ColorSpace');
    assert.equal(spaces.size, 1, 'one separation: All');
    let registration = false;
    let depth = 0;
    let points = 0;
    for (const op of file.ops) {
      if (op.operator === 'CS') { registration = true; depth = 0; }
      if (op.operator === 'q' && registration) depth++;
      if (op.operator === 'Q' && registration && depth-- === 0) registration = false;
      if (!registration || !['m', 'l'].includes(op.operator)) continue;
      const [x, yDown] = op.operands.map(Number) as [number, number];
      // PDFKit paints in a y-down system (its first `cm` flips the page).
      const y = geometry.mediaHeight - yDown;
      const [bx0, by0, bx1, by1] = geometry.bleedBox;
      assert.ok(x <= bx0 || x >= bx1 || y <= by0 || y >= by1, `registration path point ${x},${y} inside the BleedBox`);
      points++;
    }
    assert.ok(points >= 24, `crop marks and targets were found (${points} points)`);
  }
});

test('the proof spread holds both pages on one sheet and says it is not for press', async () => {
  assert.equal(sample.result.proofs.length, 1);
  assert.match(sample.result.proofs[0]!, /proof[/\\]2021-03-05-04-05-proof-spread\.pdf$/);
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(sample.result.proofs[0]!).toString('latin1');
  assert.doesNotMatch(text, /GTS_PDFXVersion/, 'a proof does not claim PDF/X');
  const report = sample.result.report.checks.filter((c) => c.file?.endsWith('proof-spread.pdf'));
  assert.ok(report.length > 0 && report.every((c) => c.status === 'pass'), 'colour and font checks also run on the proof');
});
