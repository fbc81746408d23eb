/**
 * Issue 5: preflight.json and preflight.txt list every check with the element it concerns; a
 * failed check stops the build unless it is forced; the earlier diagnostics stay in the report.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PipelineError } from '../../src/diagnostics';
import { buildEdition } from '../../src/pipeline';
import type { PreflightCheck, PreflightReport } from '../../src/publish';
import { buildSample, SAMPLE, type BuiltSample } from '../render/sample';

let sample: BuiltSample;
let report: PreflightReport;
before(async () => {
  sample = await buildSample({});
  report = JSON.parse(readFileSync(join(sample.outDir, 'hengnan-2021', 'preflight.json'), 'utf8')) as PreflightReport;
});

const find = (check: string, page?: number): PreflightCheck[] => report.checks.filter((c) => c.check === check && (page === undefined || c.page === page));

test('the sample passes preflight and the report says so in both files', () => {
  assert.equal(report.passed, true);
  assert.equal(report.summary.fail, 0);
  assert.match(readFileSync(join(sample.outDir, 'hengnan-2021', 'preflight.txt'), 'utf8'), /^Preflight for hengnan-2021: PASS/);
});

test('each page has every check: identification, boxes, colours, fonts, marks, ink, text colours, hairlines, trim, safe zone', () => {
  for (const page of [4, 5]) {
    for (const name of ['pdfx-identification', 'boxes', 'colour-spaces', 'fonts-embedded', 'marks', 'ink-limit', 'body-text-black', 'small-text-colour', 'rich-black', 'hairlines', 'trim', 'safe-zone']) {
      const found = find(name, page);
      assert.ok(found.length > 0, `${name} on page ${page}`);
      assert.ok(found.every((c) => c.status !== 'fail'), `${name} on page ${page}: ${found.map((c) => c.message).join('; ')}`);
    }
  }
});

test('photos: effective ppi and colour space per photo, pointing at the element', () => {
  const resolution = find('image-resolution');
  assert.equal(resolution.length, 5);
  for (const c of resolution) {
    assert.ok(typeof c.measured === 'number' && c.measured > 100, `${c.item}: ${c.measured}`);
    assert.match(c.item ?? '', /^photo \d$/);
    assert.ok(c.source?.line, 'names a source line');
  }
  assert.ok(find('image-colour').every((c) => c.status === 'pass' && /^(cmyk\/4|gray\/1)$/.test(String(c.measured))));
  // Copyfit enlarges a photo at most until its pixels fill the frame at 200 ppi (enough for 85–100
  // lpi newsprint) and resamples down to 300 ppi: every photo of the sample lands in 200–300 ppi and passes.
  for (const c of resolution) assert.ok(c.status === 'pass' && (c.measured as number) >= 199 && (c.measured as number) <= 301, `${c.item}: ${c.measured} ppi`);
});

test('ink is computed from the paint, within the limit, and says how and where', () => {
  for (const c of find('ink-limit')) {
    const measured = c.measured as Record<string, number>;
    assert.ok(measured.maxInk! > 100 && measured.maxInk! <= 245, `page ${c.page}: ${measured.maxInk} %`);
    assert.match(c.message, /at photo \d, from the paint/);
  }
});

test('the diagnostics of the earlier stages are all in the report, as findings and as they were', () => {
  assert.ok(report.diagnostics.length > 0);
  for (const d of report.diagnostics) {
    assert.ok(report.checks.some((c) => c.check === `diagnostic:${d.code}` && c.source?.line === d.source?.line), `${d.code} at line ${d.source?.line}`);
  }
  assert.ok(find('diagnostic:overset').some((c) => c.status === 'pass'));
  assert.ok(find('diagnostic:missing-glyph').some((c) => c.status === 'pass'));
});

test('a failed check stops the build, writes the report and no print files; --force writes them', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newsprint-preflight-'));
  await assert.rejects(buildEdition(SAMPLE, { outDir, force: false, preflight: { maxInk: 150, inkTolerance: 0 } }), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    assert.ok(error.diagnostics.some((d) => d.code === 'preflight-ink-limit' && /page 4/.test(d.message)), error.message);
    return true;
  });
  assert.ok(!existsSync(join(outDir, 'hengnan-2021')), 'no build folder: there was no good build');
  // The stopped build's report stands apart, under a name no one takes for a good build (issue 10).
  const failed = JSON.parse(readFileSync(join(outDir, 'hengnan-2021.FAILED', 'preflight.json'), 'utf8')) as PreflightReport;
  assert.equal(failed.passed, false);
  assert.match(readFileSync(join(outDir, 'hengnan-2021.FAILED', 'preflight.txt'), 'utf8'), /FAIL ink-limit \[page 4\]/);

  const forced = await buildEdition(SAMPLE, { outDir, force: true, preflight: { maxInk: 150, inkTolerance: 0, renderInk: false } });
  assert.equal(forced.files.length, 2);
  assert.equal(forced.report.passed, false);
  assert.equal(forced.report.forced, true);
  assert.match(forced.report.checks.find((c) => c.check === 'ink-limit')?.message ?? '', /from the paint/);
});

test('print files follow the name pattern; a pattern without {page} is refused', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newsprint-names-'));
  const built = await buildEdition(SAMPLE, { outDir, force: false, namePattern: '{edition}-{yyyymmdd}-{page}.pdf', preflight: { renderInk: false } });
  assert.deepEqual(built.files.map((f) => f.split(/[/\\]/).pop()), ['hengnan-2021-20210305-04.pdf', 'hengnan-2021-20210305-05.pdf']);
  await assert.rejects(buildEdition(SAMPLE, { outDir, force: false, namePattern: 'page.pdf' }), /must contain \{page\}/);
});
