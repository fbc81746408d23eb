/**
 * Issue 3: the clreq rules measured on what is painted, for the sample and for a second feature
 * the code was not tuned on (test/fixtures/editions/yunxi-2022). The character lists here are
 * written out independently of src/typeset's tables (GB/T 15834-2011 §5.1, clreq §3.1.7).
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition } from '../../src/pipeline';
import type { PlacedPage, PlacedText } from '../../src/layout';

const NOT_AT_START = new Set([...'、，。．：；！？”’）》〉】」』〕］｝％‰℃·～']);
const NOT_AT_END = new Set([...'“‘（《〈【「『〔［｛￥$']);
const editions = {
  sample: join(__dirname, '..', '..', 'assets', 'editions', 'hengnan-2021'),
  second: join(__dirname, '..', '..', 'test', 'fixtures', 'editions', 'yunxi-2022'),
};
const built = new Map<string, readonly PlacedPage[]>();

before(async () => {
  for (const [name, folder] of Object.entries(editions)) {
    const result = await buildEdition(folder, { outDir: mkdtempSync(join(tmpdir(), 'newsprint-typo-')), force: false });
    assert.equal(result.report.counts.error, 0, `${name} builds without errors`);
    built.set(name, result.pages);
  }
});

const textLines = (page: PlacedPage, roles: readonly string[]): PlacedText[] =>
  page.items.filter((i): i is PlacedText => i.kind === 'text' && roles.includes(i.role));
const content = (text: string): number => [...text].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;

for (const name of Object.keys(editions)) {
  test(`${name}: no prohibited line start or end, —— and …… never split`, () => {
    for (const page of built.get(name) ?? []) {
      const lines = textLines(page, ['body', 'inset', 'display']);
      lines.forEach((l, i) => {
        const text = l.line.text.trim();
        if (!l.line.isFirst) assert.ok(!NOT_AT_START.has(text[0] ?? ''), `page ${page.number}: "${text}" starts with ${text[0]}`);
        if (!l.line.isLast) assert.ok(!NOT_AT_END.has(text.at(-1) ?? ''), `page ${page.number}: "${text}" ends with ${text.at(-1)}`);
        const next = lines[i + 1];
        if (next && !l.line.isLast) {
          for (const mark of ['—', '…']) {
            const endRun = text.length - text.replace(new RegExp(`${mark}+$`, 'u'), '').length;
            assert.ok(endRun % 2 === 0, `page ${page.number}: ${mark}${mark} split after "${text}"`);
          }
        }
      });
    }
  });

  test(`${name}: every non-final body line flush at both edges; final lines keep ≥ 2 characters`, () => {
    for (const page of built.get(name) ?? []) {
      for (const l of textLines(page, ['body', 'inset'])) {
        if (!l.line.isLast) assert.ok(Math.abs(l.line.end - l.line.measure) < 0.01, `page ${page.number}: "${l.line.text}" ends ${(l.line.measure - l.line.end).toFixed(2)} pt short`);
        else if (!l.line.isFirst) assert.ok(content(l.line.text) >= 2, `page ${page.number}: 孤字 "${l.line.text}"`);
      }
    }
  });

  test(`${name}: paragraphs indented 2 字, body baselines on one grid per page`, () => {
    for (const page of built.get(name) ?? []) {
      const body = textLines(page, ['body']);
      assert.ok(body.length > 100);
      for (const l of body.filter((b) => b.line.isFirst)) {
        const first = l.line.runs[0]?.glyphs[0];
        assert.ok(first && Math.abs(first.x - 18) < 0.01, `page ${page.number}: "${l.line.text}" indented ${first?.x}`);
      }
      const origin = Math.min(...body.map((l) => l.baseline));
      for (const l of body) {
        const steps = (l.baseline - origin) / page.pitch;
        assert.ok(Math.abs(steps - Math.round(steps)) < 1e-6, `page ${page.number}: baseline ${l.baseline} off the grid`);
      }
    }
  });
}
