/**
 * The archive edition: every page in one PDF/A-2u file (ISO 19005-2, level U: all text maps to
 * Unicode). Pages are the trim, without bleed or marks, since readers never cut them. The output
 * intent carries the same CMYK profile as the print files, so the archive keeps the print colours:
 * our content is DeviceCMYK, which PDF/A allows only under a CMYK output intent (ISO 19005-2
 * §6.2.4.3), and an sRGB intent (what PDFKit writes) would make every colour operator a breach.
 */
import type { ResolvedPage } from '../layout/resolve-colours';
import { paintPageItems, type PhotoSource } from './paint';
import type { NativeFontSource } from './index';
import type { OutlineEntry } from './painter';
import { PdfPainter } from './pdf-painter';
import { createDocument, deriveNamesFromContent, replaceXmp, setOutputIntent, setPageLabels, type IntentProfile } from './pdfkit-internals';
import { archiveXmp, type ArchiveMetadata } from './xmp';

export type { ArchiveMetadata } from './xmp';

export interface ArchiveInput {
  readonly pages: readonly ResolvedPage[];
  readonly fonts: NativeFontSource;
  readonly photos: PhotoSource;
  readonly profile: IntentProfile;
  readonly metadata: ArchiveMetadata;
  readonly outline: readonly OutlineEntry[];
}

export function renderArchive(input: ArchiveInput): Promise<Buffer> {
  const { metadata } = input;
  // Info and XMP say the same things (ISO 19005-2 §6.6.3): title, tool, producer and dates.
  const doc = createDocument({
    pdfVersion: '1.7',
    info: { Title: metadata.title, Creator: metadata.generator, Producer: metadata.generator, CreationDate: metadata.time, ModDate: metadata.time },
  });
  deriveNamesFromContent(doc);
  setOutputIntent(doc, input.profile, 'GTS_PDFA1');
  replaceXmp(doc, archiveXmp(metadata));
  const painter = new PdfPainter(doc, input.fonts, { altText: true });
  for (const page of input.pages) {
    painter.beginPage({ number: page.number, mediaWidth: page.geometry.trimWidth, mediaHeight: page.geometry.trimHeight });
    paintPageItems(painter, page, input.photos, { x: 0, y: 0 });
  }
  painter.outline(input.outline);
  setPageLabels(doc, input.pages.map((page) => page.number));
  return painter.finish();
}
