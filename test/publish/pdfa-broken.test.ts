/**
 * Issue 11 §4: every structural PDF/A-2u check fails on a PDF broken in just that way. The
 * broken files are the sample's edition.pdf, changed with pdf-lib or byte by byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, PDFString, rgb } from 'pdf-lib';
import { pdfaStructureProblems, type StructureProblem } from '../../src/publish/archive/pdfa-structure';
import { archivedSample } from './archive-sample';

let original: Buffer;

test.before(async () => {
  original = readFileSync(join((await archivedSample()).data, 'edition.pdf'));
});

async function edited(change: (doc: PDFDocument) => unknown): Promise<Buffer> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  change(doc);
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

function replaceBytes(from: string, to: string): Buffer {
  const text = original.toString('latin1');
  assert.equal(from.length, to.length);
  assert.ok(text.includes(from), `the file contains ${from}`);
  return Buffer.from(text.replace(from, to), 'latin1');
}

async function failsOnly(bytes: Buffer, check: StructureProblem['check'], message: RegExp): Promise<void> {
  const problems = await pdfaStructureProblems(bytes);
  assert.deepEqual([...new Set(problems.map((p) => p.check))], [check], JSON.stringify(problems));
  assert.ok(problems.some((p) => message.test(p.message)), JSON.stringify(problems));
}

test('issue-11: the unbroken edition passes, also after pdf-lib re-saves it', async () => {
  assert.deepEqual(await pdfaStructureProblems(original), []);
  assert.deepEqual(await pdfaStructureProblems(await edited(() => undefined)), []);
});

test('issue-11: broken header: no binary comment line', async () => {
  await failsOnly(replaceBytes('%PDF-1.7\n%\xFF\xFF\xFF\xFF', '%PDF-1.7\n%abcd'), 'header', /four bytes above 127/);
});

test('issue-11: broken trailer: no /ID', async () => {
  await failsOnly(await edited((doc) => { doc.context.trailerInfo.ID = undefined; }), 'trailer-id', /no \/ID/);
});

test('issue-11: broken: encrypted', async () => {
  await failsOnly(await edited((doc) => { doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2 })); }), 'encryption', /encrypted/);
});

test('issue-11: broken XMP: pdfaid conformance B instead of U', async () => {
  await failsOnly(replaceBytes('<pdfaid:conformance>U</pdfaid:conformance>', '<pdfaid:conformance>B</pdfaid:conformance>'), 'xmp-pdfaid', /conformance B/);
});

test('issue-11: broken XMP: the metadata stream compressed', async () => {
  await failsOnly(await edited((doc) => {
    const xml = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata'))) as PDFRawStream;
    const compressed = doc.context.flateStream(Buffer.from(xml.contents), { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(compressed));
  }), 'xmp-pdfaid', /filtered/);
});

test('issue-11: broken metadata: Info /Title no longer agrees with dc:title', async () => {
  await failsOnly(await edited((doc) => doc.setTitle('another title')), 'xmp-info-agree', /another title/);
});

test('issue-11: broken output intent: none, so the CMYK content has no intent either', async () => {
  const problems = await pdfaStructureProblems(await edited((doc) => doc.catalog.delete(PDFName.of('OutputIntents'))));
  assert.deepEqual([...new Set(problems.map((p) => p.check))].sort(), ['device-colour', 'output-intent']);
});

test('issue-11: broken colour: DeviceRGB painted under the CMYK intent', async () => {
  await failsOnly(await edited((doc) => doc.getPage(0).drawRectangle({ x: 10, y: 10, width: 20, height: 20, color: rgb(1, 0, 0) })), 'device-colour', /DeviceRGB/);
});

test('issue-11: broken fonts: a font without ToUnicode, and one not embedded', async () => {
  const fonts = (doc: PDFDocument) => [...(doc.getPage(0).node.Resources()?.lookup(PDFName.of('Font')) as import('pdf-lib').PDFDict).entries()]
    .map(([, ref]) => doc.context.lookup(ref) as import('pdf-lib').PDFDict);
  await failsOnly(await edited((doc) => { fonts(doc)[0]?.delete(PDFName.of('ToUnicode')); }), 'fonts', /no ToUnicode/);
  await failsOnly(await edited((doc) => {
    const font = fonts(doc)[0];
    const descendant = doc.context.lookup((font?.lookup(PDFName.of('DescendantFonts')) as import('pdf-lib').PDFArray).get(0)) as import('pdf-lib').PDFDict;
    (descendant.lookup(PDFName.of('FontDescriptor')) as import('pdf-lib').PDFDict).delete(PDFName.of('FontFile2'));
  }), 'fonts', /is not embedded/);
});

test('issue-11: broken actions: a JavaScript OpenAction', async () => {
  await failsOnly(await edited((doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }))), 'actions', /JavaScript/);
});

test('issue-11: broken transparency: a page transparency group', async () => {
  await failsOnly(await edited((doc) => doc.getPage(0).node.set(PDFName.of('Group'), doc.context.obj({ S: 'Transparency', CS: 'DeviceCMYK' }))), 'transparency', /transparency group/);
});
