/**
 * Issue 11 §4: preflight reads the print PDFs with a real parser, and each of its PDF checks
 * (identification, boxes, colour spaces, fonts embedded) fails on a PDF broken in that one way,
 * made from a real sample page with pdf-lib or byte edits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, rgb } from 'pdf-lib';
import { createCanvas } from '@napi-rs/canvas';
import { checkPdf } from '../../src/publish/checks-pdf';
import type { PrintGeometry } from '../../src/render';
import { buildSample } from '../render/sample';

let original: Buffer;
let geometry: PrintGeometry;

test.before(async () => {
  const sample = await buildSample();
  original = sample.files[0]?.bytes as Buffer;
  geometry = sample.result.rendered[0]?.geometry as PrintGeometry;
});

async function edited(change: (doc: PDFDocument) => unknown): Promise<Buffer> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  await change(doc);
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
  // pdf-lib always writes a 1.7 header; put back the original's, so only the intended break shows.
  bytes.write(original.toString('latin1', 0, 8), 0, 'latin1');
  return bytes;
}

const info = (doc: PDFDocument): PDFDict => doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;

async function failures(pdf: Buffer): Promise<Record<string, string>> {
  const checks = await checkPdf({ file: 'broken.pdf', page: 4, pdf, geometry, pressReady: true });
  return Object.fromEntries(checks.filter((c) => c.status === 'fail').map((c) => [c.check, c.message]));
}

async function failsOnly(pdf: Buffer, check: string, message: RegExp): Promise<void> {
  const failed = await failures(pdf);
  assert.deepEqual(Object.keys(failed), [check], JSON.stringify(failed));
  assert.match(failed[check] ?? '', message);
}

test('issue-11: the sample page passes every PDF check, also after pdf-lib re-saves it', async () => {
  assert.deepEqual(await failures(original), {});
  assert.deepEqual(await failures(await edited(() => undefined)), {});
});

test('issue-11: identification fails on a PDF 1.4 header', async () => {
  const bytes = Buffer.from(original);
  bytes.write('%PDF-1.4', 0, 'latin1');
  await failsOnly(bytes, 'pdfx-identification', /PDF version 1\.4/);
});

test('issue-11: identification fails without GTS_PDFXVersion, with Trapped as a string, without a Title', async () => {
  await failsOnly(await edited((doc) => info(doc).delete(PDFName.of('GTS_PDFXVersion'))), 'pdfx-identification', /GTS_PDFXVersion/);
  await failsOnly(await edited((doc) => info(doc).set(PDFName.of('Trapped'), PDFString.of('False'))), 'pdfx-identification', /Trapped is the string/);
  await failsOnly(await edited((doc) => info(doc).delete(PDFName.of('Title'))), 'pdfx-identification', /Info Title missing/);
});

test('issue-11: identification fails without a trailer /ID, and on an encrypted file', async () => {
  await failsOnly(await edited((doc) => { doc.context.trailerInfo.ID = undefined; }), 'pdfx-identification', /no \/ID/);
  await failsOnly(await edited((doc) => { doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2 })); }), 'pdfx-identification', /encrypted/);
});

test('issue-11: identification fails without an output intent, and with an RGB-sized profile stream', async () => {
  await failsOnly(await edited((doc) => doc.catalog.delete(PDFName.of('OutputIntents'))), 'pdfx-identification', /found 0/);
  await failsOnly(await edited((doc) => {
    const intent = doc.context.lookup((doc.catalog.lookup(PDFName.of('OutputIntents')) as PDFArray).get(0)) as PDFDict;
    const profile = doc.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) as unknown as { dict: PDFDict };
    profile.dict.set(PDFName.of('N'), PDFNumber.of(3));
  }), 'pdfx-identification', /no embedded CMYK profile/);
});

test('issue-11: boxes fail without a TrimBox, with a shifted BleedBox, and with /UserUnit', async () => {
  await failsOnly(await edited((doc) => doc.getPage(0).node.delete(PDFName.of('TrimBox'))), 'boxes', /TrimBox missing/);
  await failsOnly(await edited((doc) => doc.getPage(0).node.set(PDFName.of('BleedBox'), doc.context.obj([0, 0, 100, 100]))), 'boxes', /BleedBox/);
  await failsOnly(await edited((doc) => doc.getPage(0).node.set(PDFName.of('UserUnit'), PDFNumber.of(1))), 'boxes', /UserUnit/);
});

test('issue-11: colour spaces fail on an rg operator, an RGB image and a transparent graphics state', async () => {
  await failsOnly(await edited((doc) => doc.getPage(0).drawRectangle({ x: 100, y: 100, width: 10, height: 10, color: rgb(1, 0, 0) })), 'colour-spaces', /rg operator/);
  const canvas = createCanvas(4, 4);
  canvas.getContext('2d').fillRect(0, 0, 4, 4);
  const png = await canvas.encode('png');
  await failsOnly(await edited(async (doc) => {
    const image = await doc.embedPng(png);
    doc.getPage(0).drawImage(image, { x: 100, y: 100, width: 10, height: 10 });
  }), 'colour-spaces', /image \S+ is DeviceRGB/);
  await failsOnly(await edited((doc) => {
    const states = doc.getPage(0).node.Resources()?.lookup(PDFName.of('ExtGState')) as PDFDict;
    states.set(PDFName.of('GSbroken'), doc.context.obj({ Type: 'ExtGState', ca: 0.5 }));
  }), 'colour-spaces', /GSbroken uses transparency/);
});

test('issue-11: fonts-embedded fails when a font loses its font program', async () => {
  await failsOnly(await edited((doc) => {
    const fonts = doc.getPage(0).node.Resources()?.lookup(PDFName.of('Font')) as PDFDict;
    const [, ref] = [...fonts.entries()][0] as [PDFName, never];
    const font = doc.context.lookup(ref) as PDFDict;
    const descendant = doc.context.lookup((font.lookup(PDFName.of('DescendantFonts')) as PDFArray).get(0)) as PDFDict;
    (descendant.lookup(PDFName.of('FontDescriptor')) as PDFDict).delete(PDFName.of('FontFile2'));
  }), 'fonts-embedded', /not embedded: [A-Z]{6}\+/);
});
