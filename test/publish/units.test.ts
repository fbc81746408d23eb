/** Issue 5: the preflight rules on small hand-made pages, and the naming and build-time helpers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlacedItem, PlacedPage } from '../../src/layout/types';
import { buildTime, printFileName, namePatternProblem } from '../../src/publish';
import { checkMarks, checkPageModel } from '../../src/publish/checks-page';
import { defaultPreflightRules } from '../../src/publish/preflight';
import { printGeometry } from '../../src/render';
import type { Cmyk, PageGeometry } from '../../src/template/types';
import type { LineBox } from '../../src/typeset/types';
import type { Pt } from '../../src/units';

const p = (v: number) => v as Pt;
const geometry: PageGeometry = {
  trimWidth: p(800), trimHeight: p(1100), bleed: p(8.5), marginTop: p(50), marginRight: p(50), marginBottom: p(50), marginLeft: p(50), typeAreaWidth: p(700), typeAreaHeight: p(1000),
};
const rules = { ...defaultPreflightRules, maxInk: 240, warnBelowPpi: 200, failBelowPpi: 100 };
const palette = new Map<string, Cmyk>([['black', { c: 0, m: 0, y: 0, k: 100 }], ['red', { c: 0, m: 100, y: 100, k: 10 }], ['rich', { c: 60, m: 40, y: 40, k: 100 }]]);

function line(text: string, size: number, color: string): LineBox {
  return { runs: [{ font: 'song', size: p(size), color, glyphs: [] }], measure: p(200), start: p(0), end: p(200), size: p(size), isFirst: true, isLast: true, text };
}
const text = (role: 'body' | 'display', l: LineBox, x = 100, baseline = 200): PlacedItem => ({ kind: 'text', role, line: l, x: p(x), baseline: p(baseline), story: 's', source: { file: 'manuscript.txt', line: 7 } });
const page = (items: PlacedItem[]): PlacedPage => ({ number: 3, geometry, items, columns: [], pitch: p(15), palette });
const statusOf = (items: PlacedItem[], name: string) => checkPageModel(page(items), rules).filter((c) => c.check === name).map((c) => c.status);

test('text under 12 pt in three inks fails and names the manuscript line; 46 pt in three inks passes', () => {
  const found = checkPageModel(page([text('display', line('关键词', 9, 'red'))]), rules).find((c) => c.check === 'small-text-colour');
  assert.equal(found?.status, 'fail');
  assert.equal(found?.source?.line, 7);
  assert.match(found?.item ?? '', /关键词/);
  assert.deepEqual(statusOf([text('display', line('标题', 46, 'red'))], 'small-text-colour'), ['pass']);
});

test('body text must be K only; rich black text fails', () => {
  assert.deepEqual(statusOf([text('body', line('正文', 9, 'red'))], 'body-text-black'), ['fail']);
  assert.deepEqual(statusOf([text('display', line('黑体', 30, 'rich'))], 'rich-black'), ['fail']);
  assert.deepEqual(statusOf([text('body', line('正文', 9, 'black'))], 'body-text-black'), ['pass']);
});

test('rules under 0.25 pt fail, and thin rules in several inks fail', () => {
  const rule = (width: number, color: Cmyk): PlacedItem => ({ kind: 'rule', x1: p(100), y1: p(300), x2: p(400), y2: p(300), width: p(width), color });
  assert.deepEqual(statusOf([rule(0.1, { c: 0, m: 0, y: 0, k: 100 })], 'hairlines'), ['fail']);
  assert.deepEqual(statusOf([rule(0.5, { c: 0, m: 100, y: 100, k: 0 })], 'hairlines'), ['fail']);
  assert.deepEqual(statusOf([rule(0.5, { c: 0, m: 0, y: 0, k: 100 })], 'hairlines'), ['pass']);
});

test('crossing the trim short of the bleed fails; a photo bled to the bleed edge passes; text near the trim warns', () => {
  const photo = (x: number, width: number): PlacedItem => ({ kind: 'photo', x: p(x), y: p(300), width: p(width), height: p(200), photo: 0, source: { file: 'edition.yaml', line: 3 } });
  assert.deepEqual(statusOf([photo(-4, 300)], 'trim'), ['fail']);
  assert.deepEqual(statusOf([photo(-8.5, 300)], 'trim'), ['pass']);
  assert.deepEqual(statusOf([text('body', line('正文', 9, 'black'), 5)], 'safe-zone'), ['warn']);
});

test('a mark inside the BleedBox fails the marks check', () => {
  const print = printGeometry(geometry);
  const inside = { kind: 'patch' as const, colour: { c: 100, m: 0, y: 0, k: 0 }, label: 'C', bounds: { x: print.origin + 10, y: print.origin + 10, width: 10, height: 10 } };
  assert.equal(checkMarks(3, 'x.pdf', [inside], print).status, 'fail');
  assert.equal(checkMarks(3, 'x.pdf', [{ ...inside, bounds: { ...inside.bounds, y: 2 } }], print).status, 'pass');
});

test('name patterns: the default, placeholders, and what is refused', () => {
  const fields = { edition: 'hn', paper: '衡南日报', date: '2021-03-05', page: 4 };
  assert.equal(printFileName('{date}-{page}.pdf', fields), '2021-03-05-04.pdf');
  assert.equal(printFileName('{edition}-{yyyymmdd}-{page}.pdf', fields), 'hn-20210305-04.pdf');
  assert.match(namePatternProblem('{date}.pdf') ?? '', /\{page\}/);
  assert.match(namePatternProblem('{nope}-{page}.pdf') ?? '', /unknown placeholder \{nope\}/);
  assert.match(namePatternProblem('a/{page}.pdf') ?? '', /no \//);
});

test('build time: SOURCE_DATE_EPOCH when set, else the edition date; never the clock', () => {
  assert.deepEqual(buildTime('2021-03-05', {}), { time: new Date('2021-03-05T00:00:00Z'), source: 'edition date' });
  assert.deepEqual(buildTime('2021-03-05', { SOURCE_DATE_EPOCH: '1700000000' }), { time: new Date(1700000000 * 1000), source: 'SOURCE_DATE_EPOCH' });
});
