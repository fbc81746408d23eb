/**
 * The archive file's XMP packet (ISO 16684-1), built here because PDFKit copies Info values into
 * its XMP unescaped. Every value is escaped, so a title with `&`, `<` or quotes stays well-formed.
 * Properties outside the schemas PDF/A predefines (paper, 版次, section, editors, photographers)
 * are declared in a PDF/A extension schema (ISO 19005-2 §6.6.2.3).
 */
export interface ArchiveMetadata {
  readonly title: string;
  /** ISO date of the edition. */
  readonly date: string;
  /** The build time written as creation, modification and metadata date. */
  readonly time: Date;
  readonly paper: string;
  /** 版次 in the file, in order. */
  readonly pages: readonly number[];
  readonly section: string;
  /** "责任编辑：王晓峰", … */
  readonly editors: readonly string[];
  readonly photographers: readonly string[];
  /** "Newsprint 0.1.0": CreatorTool and Producer, as in Info. */
  readonly generator: string;
  /** A stable id of the edition, from its content: the xmpMM:DocumentID. */
  readonly documentId: string;
}

/** XML character data and attribute values; XML-illegal control characters are dropped. */
export const escapeXml = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export const NEWSPRINT_NS = 'http://ns.newsprint.invalid/edition/1.0/';

const EXTENSION_PROPERTIES: readonly (readonly [string, string, string])[] = [
  ['paper', 'Text', 'Name of the newspaper'],
  ['pages', 'Seq Text', '版次: the page numbers of the edition in this file'],
  ['section', 'Text', '版名: the section the pages belong to'],
  ['editors', 'Seq Text', 'Editors of the pages, each as role：name'],
  ['photographers', 'Bag Text', 'Photographers credited in the captions'],
];

const isoSeconds = (time: Date): string => time.toISOString().replace(/\.\d{3}Z$/, 'Z');
const seq = (values: readonly string[]): string => `<rdf:Seq>${values.map((v) => `<rdf:li>${escapeXml(v)}</rdf:li>`).join('')}</rdf:Seq>`;
const bag = (values: readonly string[]): string => `<rdf:Bag>${values.map((v) => `<rdf:li>${escapeXml(v)}</rdf:li>`).join('')}</rdf:Bag>`;

function extensionSchema(): string {
  const properties = EXTENSION_PROPERTIES.map(([name, type, description]) => `
      <rdf:li rdf:parseType="Resource">
       <pdfaProperty:name>${name}</pdfaProperty:name>
       <pdfaProperty:valueType>${type}</pdfaProperty:valueType>
       <pdfaProperty:category>external</pdfaProperty:category>
       <pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description>
      </rdf:li>`).join('');
  return `
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>Newsprint edition</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>${NEWSPRINT_NS}</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>newsprint</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>${properties}
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>`;
}

/** A complete packet: PDF/A-2u identification, Dublin Core, dates and the edition's own properties. */
export function archiveXmp(meta: ArchiveMetadata): string {
  const time = isoSeconds(meta.time);
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:date>${seq([meta.date])}</dc:date>
   <dc:publisher>${bag([meta.paper])}</dc:publisher>
   <dc:contributor>${bag([...meta.editors, ...meta.photographers])}</dc:contributor>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>${time}</xmp:CreateDate>
   <xmp:ModifyDate>${time}</xmp:ModifyDate>
   <xmp:MetadataDate>${time}</xmp:MetadataDate>
   <xmp:CreatorTool>${escapeXml(meta.generator)}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${escapeXml(meta.generator)}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <xmpMM:DocumentID>${escapeXml(meta.documentId)}</xmpMM:DocumentID>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:newsprint="${NEWSPRINT_NS}">
   <newsprint:paper>${escapeXml(meta.paper)}</newsprint:paper>
   <newsprint:pages>${seq(meta.pages.map(String))}</newsprint:pages>
   <newsprint:section>${escapeXml(meta.section)}</newsprint:section>
   <newsprint:editors>${seq(meta.editors)}</newsprint:editors>
   <newsprint:photographers>${bag(meta.photographers)}</newsprint:photographers>
  </rdf:Description>${extensionSchema()}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}
