/**
 * Issue 13: the ink limit is computed from the paint by default (no rendering), and Ghostscript
 * checks it independently behind --verify-ink. A page painted over the limit still fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { defaultImageOptions, outputProfile } from '../../src/images';
import { loadFontBook } from '../../src/io/fonts';
import { resolveColours } from '../../src/layout/resolve-colours';
import type { PlacedItem, PlacedPage } from '../../src/layout/types';
import { defaultPreflightRules, runPreflight, type PreflightRules } from '../../src/publish';
import { paintedInk } from '../../src/publish/painted-ink';
import { renderPage } from '../../src/render';
import type { Cmyk } from '../../src/template/types';
import type { Pt } from '../../src/units';
import { body, header, placedPage, slotTop } from '../support/placed-page';

const p = (v: number) => v as Pt;
const rules: PreflightRules = { ...defaultPreflightRules, maxInk: 240, warnBelowPpi: 200, failBelowPpi: 150 };

/** A filled box over columns 1–2 from grid line `from` to `to`. */
const box = (fill: Cmyk, from: number, to: number): PlacedItem =>
  ({ kind: 'box', x: p(56.7), y: p(slotTop(from)), width: p(250), height: p((to - from) * 18), fill, strokeWidth: p(0) });

const hasGhostscript = (): boolean => {
  try { execFileSync('gs', ['--version']); return true; } catch { return false; }
};

async function preflightOf(page: PlacedPage, verify: boolean) {
  const fonts = loadFontBook();
  const resolved = resolveColours([page]).pages[0]!;
  const rendered = await renderPage(resolved, {
    fonts, photos: new Map(), profile: outputProfile(defaultImageOptions.profilePath),
    info: { title: 'ink test', paper: '衡南日报', date: '2021-03-05', section: '专题', pageId: 'ink/4', producer: 'test', buildTime: new Date(0), buildTimeSource: 'test' },
  });
  return runPreflight({ pages: [{ page: resolved, file: '04.pdf', rendered }], proofs: [], photos: new Map(), diagnostics: [], rules: { ...rules, renderInk: verify } });
}

test('a plain black page paints 100 % and a tint box under black text adds the two (black overprints)', () => {
  assert.equal(paintedInk(placedPage([...header(), ...body(1, 2, 10)]), new Map()).maxInk, 100);
  const tinted = paintedInk(placedPage([box({ c: 0, m: 6, y: 16, k: 0 }, 2, 10), ...body(1, 2, 10)]), new Map());
  assert.equal(tinted.maxInk, 122);
  assert.match(tinted.where, /text \d+ overprinting box 1/);
  // Text beside the box, not on it, adds nothing.
  assert.equal(paintedInk(placedPage([box({ c: 0, m: 6, y: 16, k: 0 }, 2, 10), ...body(1, 20, 30)]), new Map()).maxInk, 100);
});

test('a deliberately over-inked page fails the ink limit from the paint, though each colour on it is under the limit', async () => {
  // C60 M50 Y50 is 160 %; 100 % K text overprinting it stacks to 260 %, over 240 + 5.
  const page = placedPage([box({ c: 60, m: 50, y: 50, k: 0 }, 2, 12), ...body(1, 2, 12)]);
  const checks = await preflightOf(page, false);
  const ink = checks.find((c) => c.check === 'ink-limit');
  assert.equal(ink?.status, 'fail', ink?.message);
  assert.equal((ink?.measured as { maxInk: number }).maxInk, 260);
  assert.ok(!checks.some((c) => c.check === 'ink-limit-rendered'), 'Ghostscript runs only with --verify-ink');
});

test('--verify-ink: Ghostscript measures the same over-inked page on the written PDF and fails it too', async (t) => {
  if (!hasGhostscript()) return t.skip('Ghostscript (gs) is not installed: the rendered ink check cannot run');
  const over = await preflightOf(placedPage([box({ c: 60, m: 50, y: 50, k: 0 }, 2, 12), ...body(1, 2, 12)]), true);
  // The test page's text has no glyphs, so the render sees the box alone: 160 %, under the limit,
  // while a box at 300 % is over it in both measures.
  const solid = await preflightOf(placedPage([box({ c: 100, m: 100, y: 100, k: 0 }, 2, 12)]), true);
  const rendered = (checks: typeof over) => checks.find((c) => c.check === 'ink-limit-rendered');
  assert.equal(rendered(over)?.status, 'pass', rendered(over)?.message);
  assert.equal(rendered(solid)?.status, 'fail', rendered(solid)?.message);
  assert.ok(Math.abs((rendered(solid)?.measured as { maxInk: number }).maxInk - 300) < 1);
  assert.equal(solid.find((c) => c.check === 'ink-limit')?.status, 'fail');
});
