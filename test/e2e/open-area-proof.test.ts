/**
 * Issue 9: the room a feature leaves is one open area, reported by preflight, drawn as a labelled
 * keyline on the proof and left blank on the print page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition } from '../../src/pipeline';
import { readPdf, squash } from '../support/pdf';

const edition = join(__dirname, '..', 'fixtures', 'editions', 'qinglan-2023');

test('an open area is reported in preflight, keylined and labelled on the proof, blank on the print page', async () => {
  const result = await buildEdition(edition, { outDir: mkdtempSync(join(tmpdir(), 'newsprint-open-')), force: true, proofSpread: true });
  const open = result.pages.filter((page) => page.openArea);
  assert.ok(open.length > 0, 'the short feature leaves room');
  for (const page of open) {
    const finding = result.report.checks.find((c) => c.check === 'open-area' && c.page === page.number);
    assert.ok(finding, `preflight reports page ${page.number}'s open area`);
    assert.match(finding.message, /\d+ columns × \d+ mm/);
    assert.match(finding.message, /about \d+ 字/);
  }
  const proof = (await readPdf(readFileSync(result.proofs[0] as string))).flatMap((page) => page.items.map((item) => item.text)).join('');
  assert.match(squash(proof), /空白区\d栏×\d+mm，约\d+字/, 'the proof labels the open area');
  for (const file of result.files) {
    const text = (await readPdf(readFileSync(file))).flatMap((page) => page.items.map((item) => item.text)).join('');
    assert.doesNotMatch(text, /空白区/, `${file} leaves the open area blank`);
  }
});
