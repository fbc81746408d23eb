/**
 * Issue 10, fuzzing: random manuscripts (CJK, Latin, digits, punctuation runs, markup, control and
 * invisible characters, very long words) go through import and typesetting with the real fonts.
 * Nothing may throw; each run must finish in bounded time; every input character must be printed
 * or named in a diagnostic. Budget: about 20 s of the suite (FUZZ_RUNS raises the run counts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importRawManuscript, loadEdition } from '../../src/content';
import { PipelineError } from '../../src/diagnostics';
import { readTemplateSources } from '../../src/io/templates';
import { layoutEdition } from '../../src/layout';
import { applyTemplate } from '../../src/template';
import type { Feature } from '../../src/content/model';
import type { Diagnostic } from '../../src/diagnostics';
import { loadFontBook } from '../../src/io/fonts';
import { typesetParagraph } from '../../src/typeset';
import { pt } from '../../src/units';
import { manuscriptArbitrary, printedText, unaccounted, undercounted } from './manuscripts';
import { REGRESSIONS } from './regressions';

const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;
const fonts = loadFontBook();
const SIZE = 9;
/** One run (import, or typesetting a whole manuscript) may take at most this long. */
const IMPORT_MS = 1000;
const TYPESET_MS = 4000;
const LAYOUT_MS = 15000;

const imported = (manuscript: string) => importRawManuscript(manuscript, 'fuzz.txt');

/** Every text of the feature, typeset as body text 13 字 wide; what was printed and said. */
function typesetFeature(feature: Feature): { printed: string; texts: string; diagnostics: Diagnostic[] } {
  const texts = printedText(feature).split('\n').filter((t) => t.trim() !== '');
  const diagnostics: Diagnostic[] = [];
  const printed: string[] = [];
  for (const [i, text] of texts.entries()) {
    const result = typesetParagraph(
      { spans: [{ text, style: { font: i % 3 === 0 ? 'hei' : 'song', size: pt(SIZE) } }], firstLineIndent: pt(2 * SIZE), align: 'justify', lastLineAlign: 'start', source: { file: 'fuzz.txt', line: i + 1 } },
      () => pt(13 * SIZE), fonts,
    );
    diagnostics.push(...result.diagnostics);
    printed.push(result.lines.flatMap((line) => line.runs.flatMap((run) => run.glyphs.map((g) => g.text))).join(''));
  }
  return { printed: printed.join('\n'), texts: texts.join('\n'), diagnostics };
}

function checkImport(manuscript: string): void {
  const started = performance.now();
  const { feature, diagnostics } = imported(manuscript);
  const ms = performance.now() - started;
  assert.ok(ms < IMPORT_MS, `import took ${ms.toFixed(0)} ms`);
  assert.deepEqual(unaccounted(manuscript, printedText(feature), diagnostics), [], 'characters lost at import without a word');
}

function checkTypeset(manuscript: string): void {
  const { feature, diagnostics } = imported(manuscript);
  const started = performance.now();
  const set = typesetFeature(feature);
  const ms = performance.now() - started;
  assert.ok(ms < TYPESET_MS, `typesetting took ${ms.toFixed(0)} ms`);
  assert.deepEqual(undercounted(set.texts, set.printed, [...diagnostics, ...set.diagnostics]), [], 'characters lost in typesetting without a word');
}

/** Up to layout (no photos, no PDF): one page per part; a PipelineError is a fine answer, any other throw is not. */
function checkLayout(manuscript: string): void {
  const folder = mkdtempSync(join(tmpdir(), 'newsprint-fuzz-'));
  try {
    const parts = Math.max(1, imported(manuscript).feature.parts.length);
    const pages = Array.from({ length: parts }, (_, i) => i + 1).join(', ');
    writeFileSync(join(folder, 'manuscript.txt'), manuscript);
    writeFileSync(join(folder, 'edition.yaml'), `paper: 测试报\ndate: 2021-01-01\npages: [${pages}]\nsection: 测试\ntemplate: feature-spread\nmanuscript: manuscript.txt\n`);
    const started = performance.now();
    try {
      const edition = loadEdition(folder);
      const { spec } = applyTemplate(edition, readTemplateSources(edition.meta.template));
      layoutEdition(spec, fonts);
    } catch (error) {
      if (!(error instanceof PipelineError)) throw error;
      assert.ok(error.diagnostics.some((d) => d.severity === 'error'), 'a stopped build says why');
    }
    const ms = performance.now() - started;
    assert.ok(ms < LAYOUT_MS, `layout took ${ms.toFixed(0)} ms`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('issue 10: fuzzed manuscripts', () => {
  test('import never throws, stays fast, and loses no character without a word', () => {
    fc.assert(fc.property(manuscriptArbitrary, checkImport), { numRuns: RUNS ?? 1000 });
  });

  test('typesetting every imported text never throws, stays bounded, and prints or names every character', () => {
    fc.assert(fc.property(manuscriptArbitrary, checkTypeset), { numRuns: RUNS ? Math.ceil(RUNS / 4) : 300 });
  });

  test('the pipeline up to layout never throws anything but a diagnostic, in bounded time', () => {
    fc.assert(fc.property(manuscriptArbitrary, checkLayout), { numRuns: RUNS ? Math.ceil(RUNS / 20) : 40 });
  });

  for (const regression of REGRESSIONS) {
    test(`regression (${regression.found}): ${regression.problem}`, () => {
      checkImport(regression.manuscript);
      checkTypeset(regression.manuscript);
      checkLayout(regression.manuscript);
    });
  }
});
