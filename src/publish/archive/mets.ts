/**
 * data/mets.xml: a METS 1.12 document (Library of Congress, https://www.loc.gov/standards/mets/)
 * tying the bag's files together as library digitisation profiles do: one file group per use
 * (the archive PDF, print PDFs, ALTO, page texts, previews, thumbnails), each file with its size
 * and SHA-512, and a physical structure map with one div per page pointing at its files.
 * Paths are relative to data/, where mets.xml sits.
 */
import { createHash } from 'node:crypto';
import { escapeXml } from '../../render';
import type { BagFile } from './bagit';

export interface MetsPage {
  /** 版次. */
  readonly number: number;
  /** Payload paths of this page's files, by use. */
  readonly files: Readonly<Partial<Record<MetsUse, string>>>;
}

export type MetsUse = 'PRINT' | 'ALTO' | 'TEXT' | 'PREVIEW' | 'THUMBNAIL';

export interface MetsInput {
  readonly objectId: string;
  readonly label: string;
  readonly generator: string;
  readonly time: Date;
  /** The whole edition in one file (edition.pdf). */
  readonly editionFile: string;
  readonly pages: readonly MetsPage[];
  /** The payload, for sizes and checksums. */
  readonly payload: readonly BagFile[];
}

const USES: readonly MetsUse[] = ['PRINT', 'ALTO', 'TEXT', 'PREVIEW', 'THUMBNAIL'];
const MIME: Record<string, string> = { pdf: 'application/pdf', xml: 'text/xml', txt: 'text/plain', png: 'image/png' };

/** xsd:ID values from paths: letters, digits, '-', '_' and '.', starting with a letter. */
const fileId = (path: string): string => `F_${path.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

export function metsXml(input: MetsInput): string {
  const byPath = new Map(input.payload.map((f) => [f.path, f.bytes]));
  const file = (path: string, indent: string): string => {
    const bytes = byPath.get(path);
    if (!bytes) throw new Error(`mets.xml names ${path}, which is not in the payload`);
    const extension = path.split('.').pop() ?? '';
    return `${indent}<file ID="${fileId(path)}" MIMETYPE="${MIME[extension] ?? 'application/octet-stream'}" SIZE="${bytes.length}" `
      + `CHECKSUM="${createHash('sha512').update(bytes).digest('hex')}" CHECKSUMTYPE="SHA-512">\n`
      + `${indent} <FLocat LOCTYPE="URL" xlink:href="${escapeXml(path)}"/>\n${indent}</file>`;
  };
  const groups = [
    `  <fileGrp USE="ARCHIVE">\n${file(input.editionFile, '   ')}\n  </fileGrp>`,
    ...USES.flatMap((use) => {
      const paths = input.pages.flatMap((page) => (page.files[use] ? [page.files[use] as string] : []));
      return paths.length ? [`  <fileGrp USE="${use}">\n${paths.map((p) => file(p, '   ')).join('\n')}\n  </fileGrp>`] : [];
    }),
  ];
  const pages = input.pages.map((page, i) => [
    `   <div ID="PAGE_${i + 1}" TYPE="page" ORDER="${i + 1}" ORDERLABEL="${page.number}" LABEL="第${page.number}版">`,
    ...USES.flatMap((use) => (page.files[use] ? [`    <fptr FILEID="${fileId(page.files[use] as string)}"/>`] : [])),
    '   </div>',
  ].join('\n'));
  const time = input.time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xml version="1.0" encoding="UTF-8"?>
<mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/version112/mets.xsd" OBJID="${escapeXml(input.objectId)}" LABEL="${escapeXml(input.label)}" TYPE="newspaper edition">
 <metsHdr CREATEDATE="${time}">
  <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">
   <name>${escapeXml(input.generator)}</name>
  </agent>
 </metsHdr>
 <fileSec>
${groups.join('\n')}
 </fileSec>
 <structMap TYPE="PHYSICAL">
  <div ID="EDITION" TYPE="edition" LABEL="${escapeXml(input.label)}">
   <fptr FILEID="${fileId(input.editionFile)}"/>
${pages.join('\n')}
  </div>
 </structMap>
</mets>
`;
}
