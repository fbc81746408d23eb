/**
 * Issue 12 §1: the tabloid and the one-page broadsheet template, built through the real pipeline
 * and read back from the PDFs a desk gets. The tabloid threads each part over as many pages as
 * it needs with jump lines naming the right pages; the broadsheet page stacks the parts as
 * modules with 竖排 heads, and can stand a photo mid-column with the text running around it.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition, type BuildResult } from '../../src/pipeline';
import { blockText } from '../../src/content/model';
import type { PlacedPage, PlacedText } from '../../src/layout/types';
import { readPdf, squash, type PdfPage } from '../support/pdf';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'assets', 'editions', 'hengnan-2021');
const FIXTURE = (name: string): string => join(ROOT, 'test', 'fixtures', 'editions', name);

interface Built { readonly result: BuildResult; readonly pdfPages: PdfPage[] }

async function build(folder: string, template: string, force = false, templatesDir?: string): Promise<Built> {
  const outDir = mkdtempSync(join(tmpdir(), `newsprint-${template}-`));
  const result = await buildEdition(folder, { outDir, force, template, ...(templatesDir ? { templatesDir } : {}) });
  const pdfPages = (await Promise.all(result.files.map(async (file) => readPdf(readFileSync(file))))).flat();
  return { result, pdfPages };
}

/** A copy of templates/ whose 6-column plans all stand a photo mid-column (and the plain text plan). */
function midColumnOnly(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-mid-')), 'templates');
  cpSync(join(ROOT, 'templates'), folder, { recursive: true });
  const plans = join(folder, 'partials', 'plans-broadsheet-6.hbs');
  const kept = readFileSync(plans, 'utf8').replace(/  <plan name="[^"]*"(?![^>]*preference)[^>]*photos="[1-9]"[\s\S]*?<\/plan>\n/g, '');
  writeFileSync(plans, kept);
  return folder;
}

const pageText = (page: PdfPage): string => squash(page.items.map((item) => item.text).join(''));
const storyLines = (page: PlacedPage): PlacedText[] =>
  page.items.filter((item): item is PlacedText => item.kind === 'text' && item.story === `page ${page.number} story`);

/** Every block of every part appears whole and in order in `text`. */
function assertWholeAndInOrder(result: BuildResult, text: string, label: string): void {
  let cursor = 0;
  for (const part of result.edition.feature.parts) {
    for (const block of part.blocks) {
      const wanted = squash(blockText(block));
      const at = text.indexOf(wanted, cursor);
      assert.ok(at >= 0, `${label}: block at line ${block.source.line} is printed whole after what precedes it: ${wanted.slice(0, 30)}…`);
      cursor = at + wanted.length;
    }
  }
}

describe('tabloid: the story threads from page to page', () => {
  let sample: Built;
  let short: Built;
  let long: Built;
  let photos: Built;
  let gallery: Built;
  before(async () => {
    sample = await build(SAMPLE, 'tabloid');
    photos = await build(FIXTURE('qinglan-photos-2023'), 'tabloid', true);
    gallery = await build(FIXTURE('qinglan-gallery-2023'), 'tabloid', true);
    short = await build(FIXTURE('qinglan-2023'), 'tabloid', true);
    long = await build(FIXTURE('lanfeng-2023'), 'tabloid', true);
  });

  test('the sample takes four or more 5-column pages numbered on from the edition\'s first page', () => {
    const numbers = sample.result.pages.map((page) => page.number);
    assert.ok(numbers.length >= 4, `pages ${numbers.join(', ')}`);
    assert.deepEqual(numbers, numbers.map((_, i) => (sample.result.edition.meta.pages[0] as number) + i));
    for (const page of sample.result.pages) assert.equal(page.columns.length, 5);
    assert.equal(sample.result.files.length, numbers.length, 'one PDF a page');
  });

  test('a page the story goes on from ends with 转第X版 naming the next page, which opens with 上接第X版 naming it', () => {
    const pages = sample.result.pages;
    let jumps = 0;
    pages.forEach((page, i) => {
      const lines = storyLines(page);
      const last = lines[lines.length - 1]?.line.text ?? '';
      const jump = /^（转第(\d+)版）$/.exec(last);
      if (!jump) return;
      jumps += 1;
      const next = pages[i + 1] as PlacedPage;
      assert.equal(Number(jump[1]), next.number, `page ${page.number} jumps to the page after it`);
      const first = storyLines(next)[0]?.line.text ?? '';
      assert.equal(first, `（上接第${page.number}版）`, `page ${next.number} names where it comes from`);
      // 转 stands in the last line of the last column, where the reader leaves the page.
      const jumpLine = lines[lines.length - 1] as PlacedText;
      const lastColumn = page.columns[page.columns.length - 1] as { left: number };
      assert.ok(jumpLine.x >= lastColumn.left - 1, `page ${page.number}: the jump line stands in the last column`);
      assert.ok(lines.every((line) => line.baseline <= jumpLine.baseline + 0.1 || line.x < lastColumn.left - 1), 'nothing of the story below it');
    });
    assert.ok(jumps >= 2, `each part of the sample runs on over a page (${jumps} jumps)`);
  });

  test('nothing is lost at a jump: every paragraph is printed whole and in order once the jump lines and the page furniture between them are taken out', () => {
    const text = sample.pdfPages.map(pageText).join('');
    // From 转第X版 to 上接第Y版 lie the foot of one page and the header of the next.
    const joined = text.replace(/（转第\d+版）.*?（上接第\d+版）/gu, '');
    assert.ok(joined.length < text.length, 'the jumps are in the PDF text');
    assertWholeAndInOrder(sample.result, joined, 'tabloid sample');
  });

  test('a paragraph cut at the foot of a page goes on without a first-line indent on the next', () => {
    const pages = sample.result.pages;
    let continued = 0;
    pages.forEach((page, i) => {
      const lines = storyLines(page);
      if (!/^（转第/.test(lines[lines.length - 1]?.line.text ?? '')) return;
      const next = storyLines(pages[i + 1] as PlacedPage);
      const [jumpFrom, first] = next;
      assert.ok(jumpFrom && first, 'the continuation has text');
      const column = (pages[i + 1] as PlacedPage).columns[0] as { left: number };
      const text = first.line.text;
      const cutMidParagraph = !sample.result.edition.feature.parts.some((part) => part.blocks.some((block) => squash(blockText(block)).startsWith(squash(text).slice(0, 8))));
      if (!cutMidParagraph) return;
      continued += 1;
      assert.ok(first.x + first.line.start - column.left < 1, `page ${pages[i + 1]?.number}: “${text.slice(0, 10)}…” starts at the column's edge, not indented`);
    });
    assert.ok(continued >= 1, 'the sample cuts at least one paragraph at a page foot');
  });

  test('a part that fits one page takes one page, with no jump line', () => {
    const { result } = short;
    assert.equal(result.pages.length, result.edition.feature.parts.length);
    for (const page of result.pages) assert.ok(!storyLines(page).some((line) => /转第|上接第/.test(line.line.text)));
  });

  test('a three-part feature opens a page per part, and a run\'s last page may set a filler offered before the cut to end level', () => {
    const { result } = long;
    const opening = result.pages.filter((page) => page.items.some((item) => item.kind === 'text' && /^[上中下]篇/.test(item.line.text)));
    assert.equal(opening.length, 3, 'each part opens a page with its head');
    const carried = result.pages.filter((page) => storyLines(page)[0]?.line.text.startsWith('（上接') && (page.fillers ?? []).length > 0);
    assert.ok(carried.length > 0, 'a continuation page sets a filler');
  });

  test('every tabloid page passes the layout check: no hole, no overlap, captions at their photos', () => {
    for (const { result } of [sample, short, long, photos, gallery]) {
      const failing = result.report.checks.filter((c) => ['layout-fill', 'layout-overlap', 'caption-placement', 'open-area'].includes(c.check) && c.status === 'fail');
      assert.deepEqual(failing.map((c) => `${result.edition.id} page ${c.page}: ${c.message}`), []);
    }
  });
});

describe('broadsheet page: both parts on one page, each its own module', () => {
  let sample: Built;
  let runAround: Built;
  let onePart: Built;
  let short: Built;
  let gallery: Built;
  before(async () => {
    sample = await build(SAMPLE, 'broadsheet-page');
    short = await build(FIXTURE('qinglan-2023'), 'broadsheet-page', true);
    gallery = await build(FIXTURE('qinglan-gallery-2023'), 'broadsheet-page', true);
    // Which plan wins depends on the text; here only the mid-column plans are offered, so the
    // page shows how such a photo is set.
    runAround = await build(FIXTURE('yunxi-2022'), 'broadsheet-page', true, midColumnOnly());
    onePart = await build(FIXTURE('zhechuan-2023'), 'broadsheet-page');
  });

  test('the sample fits one 6-column page, every paragraph printed whole and in order', () => {
    assert.equal(sample.result.files.length, 1);
    assert.equal(sample.result.pages[0]?.columns.length, 6);
    assertWholeAndInOrder(sample.result, sample.pdfPages.map(pageText).join(''), 'broadsheet-page sample');
  });

  test('the second part is a module of its own below the first: a rule across the page between them, nothing of one inside the other', () => {
    const page = sample.result.pages[0] as PlacedPage;
    const body = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.role === 'body');
    const secondStart = sample.result.edition.feature.parts[1]?.blocks[0];
    assert.ok(secondStart);
    const opening = squash(blockText(secondStart)).slice(0, 6);
    const first = body.find((line) => squash(line.line.text).startsWith(opening.slice(0, 4)) || squash(line.line.text).includes(opening));
    assert.ok(first, 'the second part\'s first paragraph is on the page');
    const across = (page.columns[5]?.right ?? 0) - (page.columns[0]?.left ?? 0) - 1;
    const rules = page.items.filter((item) => item.kind === 'rule' && item.y1 < first.baseline && item.x2 - item.x1 > across);
    const rule = rules.reduce<(typeof rules)[number] | undefined>((low, item) => (!low || (item.kind === 'rule' && low.kind === 'rule' && item.y1 > low.y1) ? item : low), undefined);
    assert.ok(rule && rule.kind === 'rule', 'a rule across the page stands above the second module');
    const firstModule = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.role === 'body' && item.baseline < rule.y1);
    assert.ok(firstModule.length > 0 && firstModule.every((line) => line.baseline < first.baseline), 'the first module ends above the rule');
    const firstPartText = new Set(sample.result.edition.feature.parts[0]?.blocks.map((b) => squash(blockText(b)).slice(0, 12)));
    const below = body.filter((line) => line.baseline > rule.y1);
    assert.ok(below.every((line) => ![...firstPartText].some((start) => start.length >= 12 && squash(line.line.text).startsWith(start))), 'no paragraph of the first part starts below the rule');
  });

  test('each part\'s head is 竖排: one character under another, the kicker at the right of the headline', () => {
    const page = sample.result.pages[0] as PlacedPage;
    const heads = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.story.startsWith('head '));
    const kicker = heads.filter((cell) => '上篇'.includes(cell.line.text)).slice(0, 2);
    assert.equal(kicker.length, 2, 'the kicker 上篇 is set a character at a time');
    assert.ok(Math.abs((kicker[0] as PlacedText).x - (kicker[1] as PlacedText).x) < 0.5 && (kicker[1] as PlacedText).baseline > (kicker[0] as PlacedText).baseline, '篇 stands under 上');
    const headline = heads.find((cell) => cell.line.text === '抢');
    assert.ok(headline && headline.x < (kicker[0] as PlacedText).x, 'the headline column stands left of the kicker');
  });

  test('the story starts right under the 竖排 head in every column the head stands in, however short that column of the head is', () => {
    for (const { result } of [sample, short]) {
      const page = result.pages[0] as PlacedPage;
      const texts = page.items.filter((item): item is PlacedText => item.kind === 'text');
      const heads = new Set(texts.filter((t) => t.story.startsWith('head ')).map((t) => t.story));
      assert.ok(heads.size > 0, `${result.edition.id} has 竖排 heads`);
      for (const head of heads) {
        const cells = texts.filter((t) => t.story === head);
        for (const column of page.columns) {
          const inColumn = cells.filter((cell) => cell.x + cell.line.measure / 2 >= column.left - 6 && cell.x + cell.line.measure / 2 <= column.right + 6);
          if (inColumn.length === 0) continue;
          const foot = Math.max(...inColumn.map((cell) => cell.baseline));
          const next = texts.filter((t) => !t.story.startsWith('head ') && t.baseline > foot && t.x >= column.left - 1 && t.x < column.right)
            .reduce((a, b) => Math.min(a, b.baseline), Infinity);
          if (next === Infinity) continue;
          assert.ok(next - foot <= 2 * page.pitch + 12, `${result.edition.id}: text in the column at ${column.left.toFixed(0)} starts ${((next - foot) / page.pitch).toFixed(1)} lines under its part of the head`);
        }
      }
    }
  });

  test('a photo can stand mid-column with the text running around it, whole 字 on either side', () => {
    const page = runAround.result.pages[0] as PlacedPage;
    const step = (page.columns[1]?.left ?? 0) - (page.columns[0]?.left ?? 0);
    const mid = page.items.find((item) => item.kind === 'photo' && page.columns.some((c) => item.x > c.left + 1 && item.x < c.right - 1));
    assert.ok(mid && mid.kind === 'photo', `yunxi-2022 on this template has a photo whose edge falls inside a column (plan ${page.plan?.name})`);
    const beside = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.role === 'body'
      && item.baseline > mid.y && item.baseline < mid.y + mid.height);
    const left = beside.filter((line) => line.x + line.line.measure <= mid.x && line.x + line.line.measure > mid.x - step);
    const right = beside.filter((line) => line.x >= mid.x + mid.width && line.x < mid.x + mid.width + step);
    assert.ok(left.length >= 3 && right.length >= 3, `text runs down both sides of the photo (${left.length} lines left, ${right.length} right)`);
    const body = 8;
    for (const line of [...left, ...right]) {
      const chars = line.line.measure / body;
      assert.ok(Math.abs(chars - Math.round(chars)) < 0.01, `a line beside the photo is ${chars.toFixed(2)} 字 wide`);
    }
  });

  test('a one-part feature has no kicker band: no part head at all when the manuscript gives none, and the text starts under the title', () => {
    const { result } = onePart;
    assert.equal(result.edition.feature.parts.length, 1, 'zhechuan-2023 is a one-part feature');
    const part = result.edition.feature.parts[0];
    assert.equal(part?.label, '');
    const page = result.pages[0] as PlacedPage;
    const heads = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.story.startsWith('head '));
    assert.equal(heads.map((cell) => cell.line.text).join(''), squash((part?.headline ?? []).join('')), 'the head holds the headline and nothing else');
    const firstBody = page.items.find((item): item is PlacedText => item.kind === 'text' && item.role === 'body');
    const title = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.story.startsWith('block '));
    assert.ok(firstBody && title.length > 0, 'the title and the text are set');
    const titleFoot = Math.max(...title.map((line) => line.baseline));
    const tops = page.items.flatMap((item) => (item.kind === 'photo' ? [item.y] : item.kind === 'text' && item.role === 'body' ? [item.baseline - 8] : []))
      .filter((y) => y > titleFoot);
    const gap = Math.min(...tops) - titleFoot;
    assert.ok(gap < 60, `the module starts right under the title block (${gap.toFixed(0)} pt), no empty band between`);
  });

  test('the broadsheet page passes the layout check: no hole, no overlap, captions at their photos', () => {
    for (const { result } of [sample, onePart, short, gallery]) {
      const failing = result.report.checks.filter((c) => ['layout-fill', 'layout-overlap', 'caption-placement', 'open-area'].includes(c.check) && c.status === 'fail');
      assert.deepEqual(failing.map((c) => `${result.edition.id} page ${c.page}: ${c.message}`), []);
    }
  });
});
