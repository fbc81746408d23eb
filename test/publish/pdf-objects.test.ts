/**
 * Issue 13: preflight decodes plain Flate streams with zlib instead of pdf-lib's JavaScript
 * inflater. What it reads must not change: the same bytes as pdf-lib's own decoder for a whole
 * stream, pdf-lib's error for a damaged one, and pdf-lib for streams with parameters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { PDFDocument as WriterDocument, PDFName as WriterName } from 'pdf-lib';
import { decodePDFRawStream, loadPdf, PDFName, PDFRawStream, streamBytes, type LoadedPdf } from '../../src/publish/pdf-objects';

/** A one-page PDF whose catalog names three streams: /Whole, /Damaged and /Predicted. */
async function pdfWithStreams(content: Buffer): Promise<Buffer> {
  const doc = await WriterDocument.create();
  doc.addPage();
  const packed = deflateSync(content);
  const whole = doc.context.register(doc.context.stream(packed, { Filter: 'FlateDecode' }));
  // Cut off before zlib's end: zlib refuses it, and so does pdf-lib (with its own message).
  const damaged = doc.context.register(doc.context.stream(packed.subarray(0, Math.floor(packed.length * 0.6)), { Filter: 'FlateDecode' }));
  // PNG "Up" predictor, 4 columns: each row is a filter byte (2) then the differences from the row above.
  const rows = [[2, 1, 2, 3, 4], [2, 1, 1, 1, 1]];
  const predicted = doc.context.register(doc.context.stream(deflateSync(Buffer.from(rows.flat())), {
    Filter: 'FlateDecode', DecodeParms: { Predictor: 12, Columns: 4 },
  }));
  doc.catalog.set(WriterName.of('Whole'), whole);
  doc.catalog.set(WriterName.of('Damaged'), damaged);
  doc.catalog.set(WriterName.of('Predicted'), predicted);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const stream = (pdf: LoadedPdf, key: string) => pdf.doc.catalog.lookup(PDFName.of(key));

test('streamBytes reads Flate streams as the pdf-lib decoder does: whole, damaged (its error), and with a predictor', async () => {
  const content = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i % 97} 0 0 1 ${i} Tm (${'字'.repeat(i % 5)}) Tj`).join('\n'), 'utf8');
  const pdf = await loadPdf(await pdfWithStreams(content));
  const reference = (key: string): Buffer => {
    const raw = stream(pdf, key);
    assert.ok(raw instanceof PDFRawStream, `${key} is a stream`);
    return Buffer.from(decodePDFRawStream(raw).decode());
  };

  const whole = streamBytes(pdf, stream(pdf, 'Whole'));
  assert.ok(whole?.equals(content), 'the whole stream decodes to what was written');
  assert.ok(whole?.equals(reference('Whole')));

  // Damaged: the error is pdf-lib's, as before (preflight reports it as the file's problem).
  assert.throws(() => reference('Damaged'), /Bad encoding in flate stream/);
  assert.throws(() => streamBytes(pdf, stream(pdf, 'Damaged')), /Bad encoding in flate stream/);

  const predicted = streamBytes(pdf, stream(pdf, 'Predicted'));
  // pdf-lib inflates but leaves the predictor's rows as they are; preflight keeps reading them so.
  assert.deepEqual([...(predicted ?? [])], [2, 1, 2, 3, 4, 2, 1, 1, 1, 1]);
  assert.ok(predicted?.equals(reference('Predicted')));
});
