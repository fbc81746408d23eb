/**
 * page-<版次>.alto.xml: ALTO v4.4 (Library of Congress, https://www.loc.gov/standards/alto/) built
 * from our own layout, not from OCR. One TextBlock per paragraph, a TextLine per placed line,
 * a String per glyph run, and each photo as an Illustration in a ComposedBlock with its caption.
 * Coordinates are 1/1200 inch (MeasurementUnit inch1200) from the page's top-left, the archive
 * PDF's trim; a String's box is the em box of its glyphs, its top 0.88 em above the baseline.
 */
import type { InkedText, ResolvedPage } from '../../layout/resolve-colours';
import { escapeXml } from '../../render';
import type { PageParagraph } from './paragraphs';

/** ALTO units per pt: 1200 per inch, 72 pt per inch. */
export const ALTO_UNITS_PER_PT = 1200 / 72;
/** The part of the em above the baseline in the String boxes (the CJK ideographic em box). */
export const EM_ASCENT = 0.88;

const u = (pt: number): number => Math.round(pt * ALTO_UNITS_PER_PT);

interface Box { readonly x: number; readonly y: number; readonly right: number; readonly bottom: number }
const union = (boxes: readonly Box[]): Box => ({
  x: Math.min(...boxes.map((b) => b.x)), y: Math.min(...boxes.map((b) => b.y)),
  right: Math.max(...boxes.map((b) => b.right)), bottom: Math.max(...boxes.map((b) => b.bottom)),
});
const position = (b: Box): string => `HPOS="${u(b.x)}" VPOS="${u(b.y)}" WIDTH="${u(b.right - b.x)}" HEIGHT="${u(b.bottom - b.y)}"`;

interface StringBox extends Box { readonly content: string; readonly style: string }

function lineStrings(item: InkedText, styleId: (font: string, size: number) => string): StringBox[] {
  return item.line.runs.flatMap((run) => {
    const first = run.glyphs[0];
    const last = run.glyphs[run.glyphs.length - 1];
    if (!first || !last) return [];
    const content = run.glyphs.map((g) => g.text).join('');
    if (content.trim() === '') return [];
    const x = item.x + first.x;
    return [{
      x, right: item.x + last.x + last.advance, y: item.baseline - EM_ASCENT * run.size, bottom: item.baseline + (1 - EM_ASCENT) * run.size,
      content, style: styleId(run.font, run.size),
    }];
  });
}

export interface AltoInput {
  readonly page: ResolvedPage;
  /** 1-based position of the page in edition.pdf (ALTO's PHYSICAL_IMG_NR); the 版次 is PRINTED_IMG_NR. */
  readonly physicalNumber: number;
  readonly paragraphs: readonly PageParagraph[];
  /** The file the coordinates refer to. */
  readonly pdfName: string;
  /** Font role → family name for the styles. */
  readonly family: (role: string) => string;
  /** Which paragraph is the caption of a photo (by photo index). */
  readonly captionOf: (photo: number, paragraphs: readonly PageParagraph[]) => PageParagraph | undefined;
  readonly software: { readonly name: string; readonly version: string };
  /** Edition date and time, the processing date: never the wall clock. */
  readonly time: Date;
}

export function altoXml(input: AltoInput): string {
  const { page, paragraphs } = input;
  const styles = new Map<string, { font: string; size: number }>();
  const styleId = (font: string, size: number): string => {
    const key = `${font}\u0000${size}`;
    const known = [...styles.entries()].find(([, s]) => `${s.font}\u0000${s.size}` === key);
    if (known) return known[0];
    const id = `TS${styles.size + 1}`;
    styles.set(id, { font, size });
    return id;
  };
  /** ALTO wants at least one String in a TextLine: lines of blanks only are left out, and so is a paragraph of them. */
  const textBlock = (paragraph: PageParagraph, indent: string): { xml: string; box: Box } | undefined => {
    const lines = paragraph.lines.map((line, l) => {
      const strings = lineStrings(line, styleId);
      return { id: `${paragraph.id}-l${l + 1}`, strings, box: strings.length ? union(strings) : undefined };
    }).filter((line) => line.box);
    if (lines.length === 0) return undefined;
    const box = union(lines.map((line) => line.box as Box));
    const xml = [
      `${indent}<TextBlock ID="${paragraph.id}" ${position(box)}>`,
      ...lines.map((line) => [
        `${indent} <TextLine ID="${line.id}" ${position(line.box as Box)}>`,
        ...line.strings.map((s, i) => `${indent}  <String ID="${line.id}-s${i + 1}" ${position(s)} STYLEREFS="${s.style}" CONTENT="${escapeXml(s.content)}"/>`),
        `${indent} </TextLine>`,
      ].join('\n')),
      `${indent}</TextBlock>`,
    ].join('\n');
    return { xml, box };
  };

  // Captions go inside their photo's ComposedBlock, not among the text blocks.
  const captionIds = new Set(page.items.flatMap((item) => (item.kind === 'photo' ? [input.captionOf(item.photo, paragraphs)?.id ?? ''] : [])));
  const blocks: string[] = [];
  const paragraphAt = new Map(paragraphs.map((p) => [p.lines[0], p] as const));
  let photoCount = 0;
  for (const item of page.items) {
    if (item.kind === 'photo') {
      photoCount++;
      const photoBox: Box = { x: item.x, y: item.y, right: item.x + item.width, bottom: item.y + item.height };
      const caption = input.captionOf(item.photo, paragraphs);
      const captionBlock = caption ? textBlock(caption, '    ') : undefined;
      const id = `p${page.number}-photo${photoCount}`;
      blocks.push([
        `   <ComposedBlock ID="${id}" ${position(captionBlock ? union([photoBox, captionBlock.box]) : photoBox)} TYPE="photo with caption">`,
        `    <Illustration ID="${id}-image" ${position(photoBox)} TYPE="photo"/>`,
        ...(captionBlock ? [captionBlock.xml] : []),
        '   </ComposedBlock>',
      ].join('\n'));
      continue;
    }
    if (item.kind !== 'text') continue;
    const paragraph = paragraphAt.get(item);
    if (!paragraph || captionIds.has(paragraph.id)) continue;
    const block = textBlock(paragraph, '   ');
    if (block) blocks.push(block.xml);
  }

  const { trimWidth, trimHeight } = page.geometry;
  const styleXml = [...styles.entries()].map(([id, s]) => `  <TextStyle ID="${id}" FONTFAMILY="${escapeXml(input.family(s.font))}" FONTSIZE="${s.size}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-4.xsd">
 <Description>
  <MeasurementUnit>inch1200</MeasurementUnit>
  <sourceImageInformation>
   <fileName>${escapeXml(input.pdfName)}</fileName>
  </sourceImageInformation>
  <Processing ID="layout">
   <processingCategory>contentGeneration</processingCategory>
   <processingDateTime>${input.time.toISOString().replace(/\.\d{3}Z$/, 'Z')}</processingDateTime>
   <processingStepDescription>Text and positions from the page layout that produced the PDF (not OCR)</processingStepDescription>
   <processingSoftware>
    <softwareName>${escapeXml(input.software.name)}</softwareName>
    <softwareVersion>${escapeXml(input.software.version)}</softwareVersion>
   </processingSoftware>
  </Processing>
 </Description>
 <Styles>
${styleXml.join('\n')}
 </Styles>
 <Layout>
  <Page ID="page${page.number}" PHYSICAL_IMG_NR="${input.physicalNumber}" PRINTED_IMG_NR="${page.number}" WIDTH="${u(trimWidth)}" HEIGHT="${u(trimHeight)}">
   <PrintSpace ID="page${page.number}-printspace" HPOS="0" VPOS="0" WIDTH="${u(trimWidth)}" HEIGHT="${u(trimHeight)}">
${blocks.join('\n')}
   </PrintSpace>
  </Page>
 </Layout>
</alto>
`;
}
