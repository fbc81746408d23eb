/**
 * PDF/X-1a:2001 structure for the print file: PDF 1.3, Info identification with /Trapped as a
 * name, and the CMYK OutputIntent. PDFKit writes none of it; pdfkit-internals.ts does the
 * writing and the render tests read the files back to pin each part.
 */
import { createDocument, pdfName, setOutputIntent, type Doc, type IntentProfile } from './pdfkit-internals';

export type OutputIntentProfile = IntentProfile;

export interface DocumentInfo {
  readonly title: string;
  readonly producer: string;
  /** Creation and modification date: the edition's date, so builds are reproducible. */
  readonly date: Date;
  /** Which page of which edition, kept in /Subject. */
  readonly id: string;
}

/**
 * `pressReady` false leaves out the GTS_PDFX identification (proofs), so no RIP that checks
 * PDF/X can take the file for a press page.
 */
export function createPrintDocument(info: DocumentInfo, profile: OutputIntentProfile, pressReady: boolean): Doc {
  const identification = pressReady ? { GTS_PDFXVersion: 'PDF/X-1:2001', GTS_PDFXConformance: 'PDF/X-1a:2001' } : {};
  const doc = createDocument({
    // PDF/X-1a:2001 is PDF 1.3; PDFKit then writes no XMP, which X-1a does not need.
    pdfVersion: '1.3',
    info: {
      Title: info.title, Producer: info.producer, Creator: info.producer, Subject: info.id,
      CreationDate: info.date, ModDate: info.date, ...identification, Trapped: pdfName('False'),
    },
  });
  setOutputIntent(doc, profile, 'GTS_PDFX');
  return doc;
}
