/**
 * Issue 11: `build --archive` writes a BagIt bag holding the PDF/A-2u edition, the page texts,
 * ALTO and previews. What an archive or library would check: the XMP parses and says what it
 * should, the outline lands on the heads, the text extracts as the page texts and the manuscript,
 * ALTO matches the PDF's text positions, and the structure meets PDF/A-2u as far as it can be read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { main } from '../../src/cli/main';
import { blockText } from '../../src/content/model';
import type { PDFDict } from 'pdf-lib';
import { pdfaStructureProblems } from '../../src/publish/archive/pdfa-structure';
import { catalog, get, getArray, loadPdf, pageContent, pages as pdfPages, textOf } from '../../src/publish/pdf-objects';
import { readPdf, squash, type PdfPage } from '../support/pdf';
import { archivedSample, awkwardTitleEdition, buildArchived, type ArchivedEdition } from './archive-sample';

const PT_PER_ALTO_UNIT = 72 / 1200;

/** Parses XML (throws on any well-formedness error) into elements with their attributes and text. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const open: { name: string; attributes: Record<string, string>; text: string }[] = [];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])), text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => { const top = open[open.length - 1]; if (top) top.text += text; });
  parser.on('closetag', () => { open.pop(); });
  parser.write(xml).close();
  return elements;
}

/** The XMP packet as stored: its stream is uncompressed, so it can be read from the file bytes. */
function xmpOf(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const start = text.indexOf('<?xpacket begin=');
  const end = text.indexOf('<?xpacket end=', start);
  assert.ok(start >= 0 && end > start, 'an XMP packet');
  return Buffer.from(text.slice(start, text.indexOf('?>', end) + 2), 'latin1').toString('utf8');
}

let sample: ArchivedEdition;
let pages: PdfPage[];
let editionPdf: Buffer;

test.before(async () => {
  sample = await archivedSample();
  editionPdf = readFileSync(join(sample.data, 'edition.pdf'));
  pages = await readPdf(editionPdf);
});

test('issue-11: the archive folder is a bag with the edition PDF, page texts, ALTO, previews, print PDFs and the sources', () => {
  const list = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
  const files = list(sample.bag).sort();
  assert.deepEqual(files, [
    'bag-info.txt', 'bagit.txt',
    'data/edition.pdf', 'data/mets.xml', 'data/page-4.alto.xml', 'data/page-4.txt', 'data/page-5.alto.xml', 'data/page-5.txt',
    'data/preview/page-4-thumbnail.png', 'data/preview/page-4.png', 'data/preview/page-5-thumbnail.png', 'data/preview/page-5.png',
    'data/print/2021-03-05-04.pdf', 'data/print/2021-03-05-05.pdf',
    'data/source/edition.yaml', 'data/source/manuscript.txt',
    ...sample.result.edition.photos.map((p) => `data/source/photos/${p.path.split('/').pop()}`).sort(),
    'manifest-sha512.txt', 'tagmanifest-sha512.txt',
  ].sort());
  const info = readFileSync(join(sample.bag, 'bag-info.txt'), 'utf8');
  assert.match(info, /^Bagging-Date: 2021-03-05$/m, 'from the edition, not the wall clock');
  assert.match(info, /^Newspaper-Title: 衡南日报$/m);
  assert.match(info, /^Newsprint-Version: Newsprint \d+\.\d+\.\d+$/m);
  assert.match(info, /^Payload-Oxum: \d+\.\d+$/m);
  for (const file of ['data/print/2021-03-05-04.pdf', 'data/print/2021-03-05-05.pdf']) {
    assert.ok(readFileSync(join(sample.bag, file)).equals(readFileSync(join(sample.outDir, 'hengnan-2021', 'print', file.split('/').pop() as string))), `${file} is the print file`);
  }
});

test('issue-11: the XMP parses and carries title, date, paper, 版次, section, editors, photographers, generator and pdfaid 2 U', async () => {
  const xml = xmpOf(editionPdf);
  const elements = parseXml(xml);
  const text = (name: string): string[] => elements.filter((e) => e.name === name).map((e) => e.text.trim());
  const items = (name: string): string[] => {
    const at = elements.findIndex((e) => e.name === name);
    const out: string[] = [];
    for (let i = at + 1; i < elements.length && elements[i]?.name !== name && !/^(dc|newsprint|xmp|pdf):/.test(elements[i]?.name ?? ''); i++) if (elements[i]?.name === 'rdf:li') out.push(elements[i]?.text.trim() ?? '');
    return out;
  };
  assert.deepEqual(text('pdfaid:part'), ['2']);
  assert.deepEqual(text('pdfaid:conformance'), ['U']);
  assert.deepEqual(items('dc:title'), ['衡南日报 2021-03-05 第4、5版 打造产业集聚新高地 培育创新发展“增长极”']);
  assert.deepEqual(items('dc:date'), ['2021-03-05']);
  assert.deepEqual(text('newsprint:paper'), ['衡南日报']);
  assert.deepEqual(items('newsprint:pages'), ['4', '5']);
  assert.deepEqual(text('newsprint:section'), ['专版·高质量发展']);
  assert.deepEqual(items('newsprint:editors'), ['责任编辑：王晓峰', '美术编辑：刘　芳', '校对：陈　明']);
  const photographers = items('newsprint:photographers');
  assert.ok(photographers.includes('周瑞华') && photographers.includes('刘雁峰'), photographers.join(','));
  assert.match(text('xmp:CreatorTool')[0] ?? '', /^Newsprint \d/);
  assert.deepEqual(text('xmp:CreateDate'), ['2021-03-05T00:00:00Z']);
  // Every property outside the predefined schemas is declared in a PDF/A extension schema.
  assert.deepEqual(text('pdfaProperty:name').sort(), ['editors', 'pages', 'paper', 'photographers', 'section']);
});

test('issue-11: a title with &, < and quotes keeps the XMP well-formed and round-trips exactly', async () => {
  const awkward = await buildArchived(awkwardTitleEdition());
  const pdf = readFileSync(join(awkward.data, 'edition.pdf'));
  const elements = parseXml(xmpOf(pdf));
  const title = elements[elements.findIndex((e) => e.name === 'dc:title') + 2]?.text;
  assert.equal(title, '衡南日报 & <周末> "特刊" \'号外\' 2021-03-05 第4、5版 打造产业集聚新高地 培育创新发展“增长极”');
  assert.equal(elements.find((e) => e.name === 'newsprint:paper')?.text, '衡南日报 & <周末> "特刊" \'号外\'');
  assert.deepEqual(await pdfaStructureProblems(pdf), [], 'Info /Title agrees with dc:title');
  const alto = readFileSync(join(awkward.data, 'page-4.alto.xml'), 'utf8');
  assert.ok(parseXml(alto).some((e) => e.name === 'String' && e.attributes.CONTENT?.includes('&')), 'the header line in ALTO, escaped');
});

test('issue-11: the outline is page → part → section, and every entry lands on its heading', async () => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(editionPdf), verbosity: 0 }).promise;
  const outline = await document.getOutline();
  assert.deepEqual(outline.map((o) => o.title), ['第4版 专版·高质量发展', '第5版 专版·高质量发展']);
  const landing = async (dest: unknown): Promise<{ page: number; left: number; top: number }> => {
    const explicit = dest as [unknown, { name: string }, number, number];
    const page = await document.getPageIndex(explicit[0] as never);
    return { page, left: explicit[2], top: explicit[3] };
  };
  const checked: string[] = [];
  for (const pageEntry of outline) {
    for (const part of pageEntry.items) {
      for (const entry of [part, ...part.items]) {
        const at = await landing(entry.dest);
        const heading = pages[at.page]?.items.find((item) => Math.abs(item.x - at.left) < 0.5 && item.y > (pages[at.page]?.height ?? 0) - at.top && item.y - ((pages[at.page]?.height ?? 0) - at.top) < 30);
        assert.ok(heading, `"${entry.title}" lands on text`);
        const expected = squash(entry.title).slice(0, 4);
        assert.ok(squash(heading.text).startsWith(expected.slice(0, Math.min(expected.length, squash(heading.text).length))), `"${entry.title}" lands on "${heading.text}"`);
        checked.push(entry.title);
      }
    }
  }
  await document.destroy();
  const sections = sample.result.edition.feature.parts.flatMap((p) => p.blocks.filter((b) => b.kind === 'section'));
  for (const section of sections) assert.ok(checked.some((t) => t.startsWith(`${(section as { letter: string }).letter} `)), `section ${blockText(section)} is in the outline`);
  assert.ok(checked.some((t) => t.startsWith('上篇')) && checked.some((t) => t.startsWith('下篇')), checked.join(' | '));
});

test('issue-11: the root outline has /Count and the pages carry their 版次 as labels', async () => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(editionPdf), verbosity: 0 }).promise;
  assert.deepEqual(await document.getPageLabels(), ['4', '5']);
  await document.destroy();
  assert.match(editionPdf.toString('latin1'), /\/Type \/Outlines\s*\/First \d+ 0 R\s*\/Last \d+ 0 R\s*\/Count \d+/);
});

test('issue-11: the PDF\'s extracted text equals the page texts, which hold the restored manuscript in reading order', () => {
  const pageTexts = sample.result.pages.map((page) => readFileSync(join(sample.data, `page-${page.number}.txt`), 'utf8'));
  pages.forEach((page, i) => assert.equal(squash(page.items.map((item) => item.text).join('')), squash(pageTexts[i] ?? ''), `page ${i + 1}`));
  const all = squash(pageTexts.join(''));
  let cursor = 0;
  for (const part of sample.result.edition.feature.parts) {
    for (const block of part.blocks) {
      const wanted = squash(blockText(block));
      const at = all.indexOf(wanted, cursor);
      assert.ok(at >= 0, `block at ${block.source.file}:${block.source.line} missing or out of order`);
      cursor = at + wanted.length;
    }
  }
  for (const caption of sample.result.edition.feature.captions) assert.ok(all.includes(squash(caption.text)), caption.text);
});

test('issue-11: ALTO has blocks, lines, strings and illustrations with captions, at the PDF\'s text positions within 0.5 pt', () => {
  sample.result.pages.forEach((page, index) => {
    const elements = parseXml(readFileSync(join(sample.data, `page-${page.number}.alto.xml`), 'utf8'));
    assert.equal(elements[0]?.name, 'alto');
    assert.equal(elements[0]?.attributes.xmlns, 'http://www.loc.gov/standards/alto/ns-v4#');
    assert.equal(elements.find((e) => e.name === 'MeasurementUnit')?.text, 'inch1200');
    const strings = elements.filter((e) => e.name === 'String');
    // What the ALTO 4.4 schema asks and a parser alone would not catch: IDs are unique NCNames,
    // every TextLine holds a String, the page knows its position and its printed number.
    const ids = elements.flatMap((e) => (e.attributes.ID ? [e.attributes.ID] : []));
    assert.equal(new Set(ids).size, ids.length, 'unique IDs');
    for (const id of ids) assert.match(id, /^[A-Za-z_][\w.-]*$/, `ID ${id} is an NCName`);
    const pageElement = elements.find((e) => e.name === 'Page');
    assert.equal(pageElement?.attributes.PHYSICAL_IMG_NR, String(index + 1));
    assert.equal(pageElement?.attributes.PRINTED_IMG_NR, String(page.number));
    elements.forEach((e, i) => { if (e.name === 'TextLine') assert.equal(elements[i + 1]?.name, 'String', `${e.attributes.ID} holds a String`); });
    for (const s of strings) for (const key of ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT']) assert.ok(Number.isFinite(Number(s.attributes[key])), `${s.attributes.ID} ${key}`);
    assert.ok(elements.filter((e) => e.name === 'TextBlock').length > 10 && elements.filter((e) => e.name === 'TextLine').length > 100);
    const photos = sample.result.pages[index]?.items.filter((i) => i.kind === 'photo').length ?? 0;
    assert.equal(elements.filter((e) => e.name === 'Illustration').length, photos);
    assert.equal(elements.filter((e) => e.name === 'ComposedBlock').length, photos, 'each photo with its caption block');
    const items = pages[index]?.items ?? [];
    for (const s of strings) {
      const x = Number(s.attributes.HPOS) * PT_PER_ALTO_UNIT;
      const baseline = (Number(s.attributes.VPOS) + 0.88 * Number(s.attributes.HEIGHT)) * PT_PER_ALTO_UNIT;
      const match = items.find((item) => Math.abs(item.x - x) <= 0.5 && Math.abs(item.y - baseline) <= 0.5);
      assert.ok(match && (s.attributes.CONTENT ?? '').startsWith(match.text.trim().slice(0, 1)), `String "${s.attributes.CONTENT}" at ${x.toFixed(2)},${baseline.toFixed(2)} pt has no PDF text there`);
    }
    // And the other way: every piece of PDF text lies inside an ALTO String on its baseline.
    for (const item of items.filter((i) => i.text.trim())) {
      const inside = strings.some((s) => {
        const left = Number(s.attributes.HPOS) * PT_PER_ALTO_UNIT;
        const right = left + Number(s.attributes.WIDTH) * PT_PER_ALTO_UNIT;
        const baseline = (Number(s.attributes.VPOS) + 0.88 * Number(s.attributes.HEIGHT)) * PT_PER_ALTO_UNIT;
        return Math.abs(item.y - baseline) <= 0.5 && item.x >= left - 0.5 && item.x <= right + 0.5;
      });
      assert.ok(inside, `PDF text "${item.text}" at ${item.x.toFixed(2)},${item.y.toFixed(2)} is in no ALTO String`);
    }
  });
});

test('issue-11: photos carry their caption as alternate text', async () => {
  const pdf = await loadPdf(editionPdf);
  const found = pdfPages(pdf).flatMap((page) => [...pageContent(pdf, page).matchAll(/\/Span <<\/Alt <FEFF([0-9A-F]+)>>> BDC\s+q[\s\S]*?\/I\d+ Do[\s\S]*?EMC/g)]
    .map((m) => Buffer.from(m[1] as string, 'hex').swap16().toString('utf16le')));
  const captions = sample.result.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'photo' ? [sample.result.edition.photos[item.photo]?.caption.text] : [])));
  assert.equal(found.length, 5);
  assert.deepEqual(found, captions);
});

test('issue-11: edition.pdf meets the structural PDF/A-2u checks (header, /ID, pdfaid, CMYK intent, fonts with ToUnicode, no actions or transparency)', async () => {
  assert.deepEqual(await pdfaStructureProblems(editionPdf), []);
  assert.match(editionPdf.toString('latin1', 0, 9), /^%PDF-1\.7/);
});

test('issue-11: print and archive name the output condition honestly: Custom, with a description of our profile', async () => {
  for (const bytes of [editionPdf, readFileSync(join(sample.data, 'print', '2021-03-05-04.pdf'))]) {
    const pdf = await loadPdf(bytes);
    const [intent] = getArray(pdf, catalog(pdf), 'OutputIntents') as PDFDict[];
    assert.equal(textOf(get(pdf, intent, 'OutputConditionIdentifier')), 'Custom');
    assert.match(textOf(get(pdf, intent, 'OutputCondition')) ?? '', /FOGRA29L characterisation data.*240 %/);
  }
});

test('issue-11: previews are about 1,200 px and thumbnails about 150 px wide, rendered from the archive PDF', () => {
  for (const page of sample.result.pages) {
    const width = (file: string): number => readFileSync(join(sample.data, 'preview', file)).readUInt32BE(16);
    assert.equal(width(`page-${page.number}.png`), 1200);
    assert.equal(width(`page-${page.number}-thumbnail.png`), 150);
  }
});

test('issue-11: newsprint preview renders an edition\'s pages on demand, and a single PDF beside itself', async () => {
  const log = console.log;
  console.log = () => undefined;
  try {
    const folder = join(sample.outDir, 'hengnan-2021');
    assert.equal(await main(['preview', folder]), 0);
    for (const n of [4, 5]) assert.equal(readFileSync(join(folder, 'preview', `page-${n}.png`)).readUInt32BE(16), 1200);
    const print = join(folder, 'print', '2021-03-05-05.pdf');
    assert.equal(await main(['preview', print]), 0);
    assert.equal(readFileSync(join(folder, 'print', 'preview', '2021-03-05-05-page-1-thumbnail.png')).readUInt32BE(16), 150);
    assert.equal(await main(['preview', join(folder, 'nothing-here')]), 1);
  } finally {
    console.log = log;
  }
});

test('issue-11: mets.xml ties each page to its print PDF, ALTO, text and previews, with sizes and checksums that match', () => {
  const elements = parseXml(readFileSync(join(sample.data, 'mets.xml'), 'utf8'));
  assert.equal(elements[0]?.name, 'mets');
  assert.equal(elements[0]?.attributes.xmlns, 'http://www.loc.gov/METS/');
  const files = new Map<string, string>();
  elements.forEach((e, i) => {
    if (e.name !== 'file') return;
    const href = elements[i + 1]?.attributes['xlink:href'] ?? '';
    const bytes = readFileSync(join(sample.data, href));
    assert.equal(Number(e.attributes.SIZE), bytes.length, href);
    assert.equal(e.attributes.CHECKSUMTYPE, 'SHA-512');
    assert.equal(e.attributes.CHECKSUM, createHash('sha512').update(bytes).digest('hex'), href);
    files.set(e.attributes.ID ?? '', href);
  });
  assert.deepEqual(elements.filter((e) => e.name === 'fileGrp').map((e) => e.attributes.USE), ['ARCHIVE', 'PRINT', 'ALTO', 'TEXT', 'PREVIEW', 'THUMBNAIL']);
  const pagesDivs = elements.filter((e) => e.name === 'div' && e.attributes.TYPE === 'page');
  assert.deepEqual(pagesDivs.map((d) => d.attributes.ORDERLABEL), sample.result.pages.map((p) => String(p.number)));
  for (const e of elements.filter((el) => el.name === 'fptr')) assert.ok(files.has(e.attributes.FILEID ?? ''), `fptr ${e.attributes.FILEID} names a file`);
  const firstPage = elements.indexOf(pagesDivs[0] as (typeof elements)[number]);
  const pointers = elements.slice(firstPage + 1, firstPage + 6).map((e) => files.get(e.attributes.FILEID ?? ''));
  assert.deepEqual(pointers, ['print/2021-03-05-04.pdf', 'page-4.alto.xml', 'page-4.txt', 'preview/page-4.png', 'preview/page-4-thumbnail.png']);
});
