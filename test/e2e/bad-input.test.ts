/**
 * Issue 2, bad input: overset text, a character no font has, a failed build over a good one.
 * Each must be an error naming the manuscript line; nothing is truncated or dropped silently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition } from '../../src/pipeline';
import { PipelineError } from '../../src/diagnostics';
import { main } from '../../src/cli/main';

const sample = join(__dirname, '..', '..', 'assets', 'editions', 'hengnan-2021');

/** A copy of the sample edition whose manuscript has been changed by `edit`. */
function editedEdition(edit: (text: string) => string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-bad-')), 'edition');
  cpSync(sample, folder, { recursive: true });
  const manuscript = join(folder, 'manuscript.txt');
  writeFileSync(manuscript, edit(readFileSync(manuscript, 'utf8')));
  return folder;
}

const errorsOf = async (folder: string, outDir: string) => {
  try {
    await buildEdition(folder, { outDir, force: false });
  } catch (error) {
    if (error instanceof PipelineError) return error.diagnostics.filter((d) => d.severity === 'error');
    throw error;
  }
  return [];
};

test('text that does not fit is an overset error naming the page, paragraph line and characters left', async () => {
  // Twenty new paragraphs in 下篇 (after line 48) are far more than its page holds, even with the
  // leading at pitch-min and every photo in its smallest frame.
  const extra = Array.from({ length: 20 }, (_, i) => `新增段落${i}：${'衡南县坚持创新驱动引领开放崛起，加快建设现代产业体系。'.repeat(12)}`).join('\n\n');
  const folder = editedEdition((text) => text.replace('全力强链延链。', `${extra}\n\n全力强链延链。`));
  const out = mkdtempSync(join(tmpdir(), 'newsprint-out-'));
  const errors = await errorsOf(folder, out);
  const overset = errors.find((d) => d.code === 'overset');
  assert.ok(overset, `an overset error, got ${errors.map((e) => e.code).join(', ')}`);
  assert.match(overset.message, /page 5/);
  assert.match(overset.message, /\d+ 字 \(\d+ lines\) must go/, 'says how much must be cut');
  assert.match(overset.message, /the last (paragraph|lead-paragraph|section|subhead|keywords) that fits whole is at line \d+/, 'names the last paragraph that fits');
  assert.ok(overset.source?.line && overset.source.line > 40, 'names the manuscript line where the overset text starts');
  assert.ok(!existsSync(join(out, 'edition', 'print')), 'no pages are written without --force');

  const forced = await buildEdition(folder, { outDir: out, force: true });
  assert.equal(forced.files.length, 2, '--force writes the pages anyway');
  assert.ok(forced.report.diagnostics.some((d) => d.code === 'overset'), 'and keeps the error in the report');
  assert.match(readFileSync(join(out, 'edition', 'preflight.txt'), 'utf8'), /overset/);
});

test('a character no font can draw is an error naming it and its line, never a blank', async () => {
  // U+0E01 (Thai) is in none of the fonts in fonts.json.
  const folder = editedEdition((text) => text.replace('春回大地，金牛奔腾。', '春回大地，金牛奔腾\u0E01。'));
  const errors = await errorsOf(folder, mkdtempSync(join(tmpdir(), 'newsprint-out-')));
  const missing = errors.find((d) => d.code === 'missing-glyph');
  assert.ok(missing, `a missing-glyph error, got ${errors.map((e) => e.code).join(', ')}`);
  assert.match(missing.message, /U\+0E01/);
  assert.equal(missing.source?.line, 38);
});

test('a failed build leaves the good PDFs from the last build untouched, and the CLI exits non-zero', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newsprint-out-'));
  const good = editedEdition((text) => text);
  assert.equal(await main(['build', good, '--out', out]), 0);
  const page = join(out, 'edition', 'print', '2021-03-05-05.pdf');
  const before = readFileSync(page);
  writeFileSync(join(good, 'manuscript.txt'), readFileSync(join(good, 'manuscript.txt'), 'utf8').replace('春回大地', '春回\u0E01大地'));
  assert.equal(await main(['build', good, '--out', out]), 1);
  assert.deepEqual(readFileSync(page), before);
});
