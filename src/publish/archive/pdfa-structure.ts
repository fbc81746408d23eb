/**
 * Structural PDF/A-2u checks (ISO 19005-2), read with a real parser. No full validator installs
 * here (veraPDF is neither in Debian nor on npm), so these cover what can be checked by structure;
 * docs/archive.md lists what stays unverified. Each check is named, so a broken file says which
 * rule it breaks.
 */
import type { PDFDict } from 'pdf-lib';
import { catalog, get, getArray, getDict, loadPdf, nameOf, numberOf, pageContent, pages, resources, streamBytes, textOf, trailer, type LoadedPdf } from '../pdf-objects';

export interface StructureProblem {
  readonly check: 'header' | 'trailer-id' | 'encryption' | 'xmp-pdfaid' | 'xmp-info-agree' | 'output-intent' | 'device-colour' | 'fonts' | 'actions' | 'transparency';
  readonly message: string;
}

/** ISO 19005-2 §6.1.2: `%PDF-1.n` then a comment line of at least four bytes above 127. */
function header(bytes: Buffer): string | undefined {
  const match = /^%PDF-1\.[0-7]\r?\n%/.exec(bytes.toString('latin1', 0, 12));
  if (!match) return `the file does not start with %PDF-1.0 … %PDF-1.7 and a comment line: "${bytes.toString('latin1', 0, 9)}"`;
  const comment = bytes.subarray(match[0].length, match[0].length + 4);
  return [...comment].every((b) => b > 127) ? undefined : 'the comment after the header has fewer than four bytes above 127';
}

function xmp(pdf: LoadedPdf): { xml?: string; problem?: string } {
  const stream = get(pdf, catalog(pdf), 'Metadata');
  const xml = streamBytes(pdf, stream)?.toString('utf8');
  if (!xml) return { problem: 'the catalog has no XMP metadata stream' };
  // ISO 19005-2 §6.6.2.1: the metadata stream is not filtered, so any reader finds the packet.
  if (get(pdf, getDict(pdf, catalog(pdf), 'Metadata'), 'Filter')) return { xml, problem: 'the XMP metadata stream is filtered (compressed)' };
  const part = /<pdfaid:part>\s*(\d+)\s*<\/pdfaid:part>|pdfaid:part="(\d+)"/.exec(xml);
  const conformance = /<pdfaid:conformance>\s*([A-Za-z])\s*<\/pdfaid:conformance>|pdfaid:conformance="([A-Za-z])"/.exec(xml);
  const partValue = part?.[1] ?? part?.[2];
  const conformanceValue = conformance?.[1] ?? conformance?.[2];
  if (partValue !== '2' || conformanceValue !== 'U') return { xml, problem: `XMP pdfaid is part ${partValue ?? 'missing'} conformance ${conformanceValue ?? 'missing'}, not 2 U` };
  return { xml };
}

const unescapeXml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function outputIntent(pdf: LoadedPdf): { cmyk: boolean; problem?: string } {
  const intents = getArray(pdf, catalog(pdf), 'OutputIntents').filter((i): i is PDFDict => 'get' in i) as PDFDict[];
  const pdfa = intents.filter((i) => nameOf(get(pdf, i, 'S')) === 'GTS_PDFA1');
  if (pdfa.length !== 1) return { cmyk: false, problem: `expected one GTS_PDFA1 output intent, found ${pdfa.length}` };
  const intent = pdfa[0] as PDFDict;
  const profileStream = get(pdf, intent, 'DestOutputProfile');
  const profileDict = getDict(pdf, intent, 'DestOutputProfile');
  const profile = streamBytes(pdf, profileStream);
  if (!profile || profile.length < 132 || profile.toString('latin1', 36, 40) !== 'acsp') return { cmyk: false, problem: 'the output intent has no embedded ICC profile' };
  const space = profile.toString('latin1', 16, 20);
  const n = numberOf(get(pdf, profileDict, 'N'));
  if ((space === 'CMYK' && n !== 4) || (space === 'RGB ' && n !== 3)) return { cmyk: false, problem: `the ICC stream says /N ${n} but the profile is ${space.trim()}` };
  if (!textOf(get(pdf, intent, 'OutputConditionIdentifier'))) return { cmyk: space === 'CMYK', problem: 'the output intent has no OutputConditionIdentifier' };
  return { cmyk: space === 'CMYK' };
}

/** Device colour operators and image colour spaces a CMYK intent does not cover (§6.2.4.3). */
function deviceColour(pdf: LoadedPdf, cmykIntent: boolean): string[] {
  const problems: string[] = [];
  pages(pdf).forEach((page, i) => {
    const content = pageContent(pdf, page);
    if (/(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)(?=\s|$)/m.test(content) || /\/DeviceRGB\s+(cs|CS)\b/.test(content)) problems.push(`page ${i + 1} paints DeviceRGB, which a CMYK output intent does not cover`);
    if (!cmykIntent && /(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(k|K)(?=\s|$)/m.test(content)) problems.push(`page ${i + 1} paints DeviceCMYK without a CMYK output intent`);
    for (const [name, image] of resources(pdf, page, 'XObject')) {
      const space = nameOf(get(pdf, image, 'ColorSpace'));
      if (space === 'DeviceRGB' || (space === 'DeviceCMYK' && !cmykIntent)) problems.push(`page ${i + 1} image ${name} is ${space} without a matching output intent`);
    }
  });
  return problems;
}

/** §6.2.11.4: every font embedded; §6.2.11.7.2 (level U): every font maps its glyphs to Unicode. */
function fonts(pdf: LoadedPdf): string[] {
  const problems: string[] = [];
  pages(pdf).forEach((page, i) => {
    for (const [name, font] of resources(pdf, page, 'Font')) {
      const base = nameOf(get(pdf, font, 'BaseFont')) ?? name;
      const descendant = getArray(pdf, font, 'DescendantFonts')[0] as PDFDict | undefined;
      const descriptor = getDict(pdf, descendant ?? font, 'FontDescriptor');
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => get(pdf, descriptor, key) !== undefined);
      if (!embedded) problems.push(`page ${i + 1} font ${base} is not embedded`);
      if (!get(pdf, font, 'ToUnicode')) problems.push(`page ${i + 1} font ${base} has no ToUnicode map`);
    }
  });
  return problems;
}

/** §6.5.1, §6.6.1: no JavaScript, no Launch/ImportData/ResetForm actions, no additional-actions (AA) entries. */
function actions(pdf: LoadedPdf): string[] {
  const problems: string[] = [];
  const root = catalog(pdf);
  if (get(pdf, root, 'AA')) problems.push('the catalog has additional actions (/AA)');
  const open = getDict(pdf, root, 'OpenAction');
  const kind = nameOf(get(pdf, open, 'S'));
  if (kind && ['JavaScript', 'Launch', 'ImportData', 'ResetForm', 'Sound', 'Movie', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView'].includes(kind)) problems.push(`the OpenAction is a forbidden ${kind} action`);
  if (getDict(pdf, getDict(pdf, root, 'Names'), 'JavaScript')) problems.push('the document has named JavaScript');
  pages(pdf).forEach((page, i) => { if (get(pdf, page, 'AA')) problems.push(`page ${i + 1} has additional actions (/AA)`); });
  return problems;
}

/** Our archive is as flat as the print file: no transparency group, soft mask or constant alpha below 1. */
function transparency(pdf: LoadedPdf): string[] {
  const problems: string[] = [];
  pages(pdf).forEach((page, i) => {
    if (nameOf(get(pdf, getDict(pdf, page, 'Group'), 'S')) === 'Transparency') problems.push(`page ${i + 1} has a transparency group`);
    for (const [name, state] of resources(pdf, page, 'ExtGState')) {
      const alpha = [numberOf(get(pdf, state, 'CA')), numberOf(get(pdf, state, 'ca'))].filter((v): v is number => v !== undefined);
      const mask = get(pdf, state, 'SMask');
      if (alpha.some((v) => v < 1) || (mask && nameOf(mask) !== 'None')) problems.push(`page ${i + 1} graphics state ${name} is transparent`);
    }
    for (const [name, image] of resources(pdf, page, 'XObject')) if (get(pdf, image, 'SMask')) problems.push(`page ${i + 1} image ${name} has a soft mask`);
  });
  return problems;
}

export async function pdfaStructureProblems(bytes: Buffer): Promise<StructureProblem[]> {
  const problems: StructureProblem[] = [];
  const headerProblem = header(bytes);
  if (headerProblem) problems.push({ check: 'header', message: headerProblem });
  const pdf = await loadPdf(bytes);
  const { id, encrypt, info } = trailer(pdf);
  if (!id) problems.push({ check: 'trailer-id', message: 'the trailer has no /ID (§6.1.3)' });
  if (encrypt) problems.push({ check: 'encryption', message: 'the file is encrypted (§6.1.3)' });
  const meta = xmp(pdf);
  if (meta.problem) problems.push({ check: 'xmp-pdfaid', message: meta.problem });
  const title = textOf(get(pdf, info, 'Title'));
  const xmpTitle = /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(meta.xml ?? '')?.[1];
  if (title !== undefined && (xmpTitle === undefined || unescapeXml(xmpTitle) !== title)) problems.push({ check: 'xmp-info-agree', message: `Info /Title "${title}" and XMP dc:title "${xmpTitle ?? 'missing'}" differ (§6.6.3)` });
  const intent = outputIntent(pdf);
  if (intent.problem) problems.push({ check: 'output-intent', message: intent.problem });
  problems.push(...deviceColour(pdf, intent.cmyk).map((message) => ({ check: 'device-colour' as const, message })));
  problems.push(...fonts(pdf).map((message) => ({ check: 'fonts' as const, message })));
  problems.push(...actions(pdf).map((message) => ({ check: 'actions' as const, message })));
  problems.push(...transparency(pdf).map((message) => ({ check: 'transparency' as const, message })));
  return problems;
}
