/**
 * PDF/X-1a:2001 structure for a PDFKit document. PDFKit writes none of it, so this reaches into
 * three private places (the catalog, the page dictionary and the Info values); the render tests
 * read the written files back to pin each one.
 */
import PDFDocument from 'pdfkit';
import type { PrintGeometry } from './geometry';

export interface OutputIntentProfile {
  readonly bytes: Buffer;
  readonly identifier: string;
  readonly info: string;
}

export interface DocumentInfo {
  readonly title: string;
  readonly producer: string;
  /** Creation and modification date: the edition's date, so builds are reproducible. */
  readonly date: Date;
  /** Unique per file: PDFKit derives the trailer /ID from the Info values. */
  readonly id: string;
}

/** PDFKit writes a JS string as a PDF string; an object with this toString is written verbatim, as a name. */
const pdfName = (name: string): object => ({ [Symbol.toStringTag]: 'PDFName', toString: () => `/${name}`, valueOf: () => `/${name}` });

/**
 * `pressReady` false leaves out the GTS_PDFX identification (proofs), so no RIP that checks
 * PDF/X can take the file for a press page.
 */
export function createPrintDocument(info: DocumentInfo, profile: OutputIntentProfile, pressReady: boolean): PDFKit.PDFDocument {
  const identification = pressReady ? { GTS_PDFXVersion: 'PDF/X-1:2001', GTS_PDFXConformance: 'PDF/X-1a:2001' } : {};
  const doc = new PDFDocument({
    // PDF/X-1a:2001 is PDF 1.3; PDFKit then writes no XMP, which X-1a does not need.
    pdfVersion: '1.3', compress: true, autoFirstPage: false, margin: 0,
    info: {
      Title: info.title, Producer: info.producer, Creator: info.producer, Subject: info.id,
      CreationDate: info.date, ModDate: info.date, ...identification, Trapped: pdfName('False'),
    },
  } as unknown as PDFKit.PDFDocumentOptions);
  const internals = doc as unknown as { ref(data: unknown): { write(b: Buffer): void; end(): void }; _root: { data: Record<string, unknown> } };
  const iccStream = internals.ref({ N: 4 });
  iccStream.write(profile.bytes);
  iccStream.end();
  const intent = internals.ref({
    Type: 'OutputIntent', S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(profile.identifier), OutputCondition: new String(profile.info),
    Info: new String(profile.info), RegistryName: new String('http://www.color.org'),
    DestOutputProfile: iccStream,
  });
  intent.end();
  internals._root.data.OutputIntents = [intent];
  return doc;
}

/** Adds a page with the print boxes; PDFKit's /UserUnit goes (a PDF 1.6 key that GWG forbids). */
export function addPrintPage(doc: PDFKit.PDFDocument, geometry: PrintGeometry): void {
  doc.addPage({ size: [geometry.mediaWidth, geometry.mediaHeight], margin: 0 });
  const dictionary = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
  dictionary.TrimBox = [...geometry.trimBox];
  dictionary.BleedBox = [...geometry.bleedBox];
  delete dictionary.UserUnit;
}

/** Collects the document's bytes. Call before painting: PDFKit streams pages as it goes. */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
