/**
 * PDF/X-1a checks read from the written bytes with a real parser (pdf-lib, pdf-objects.ts):
 * version, identification, output intent, page boxes, the colour space of every colour operator
 * and image, fonts, transparency. Each has a test with a PDF broken in that way.
 */
import type { PrintGeometry } from '../render';
import { check, type PreflightCheck } from './check';
import { operations } from './content-stream';
import {
  catalog, get, PDFArray, PDFName, PDFNumber, type PDFDict, getArray, getDict, loadPdf, nameOf, numberOf, pageContent, pages as pagesOf, resources, resolve, streamBytes, textOf, trailer, type LoadedPdf,
} from './pdf-objects';
import { pt, ptToMm } from '../units';

export interface PdfUnderTest {
  readonly file: string;
  readonly page?: number;
  readonly pdf: Buffer;
  readonly geometry: PrintGeometry;
  /** Proof spreads are deliberately not PDF/X; only the colour and font rules apply. */
  readonly pressReady: boolean;
}

type At = Pick<PreflightCheck, 'file' | 'page'>;

const EPSILON = 0.01;
const sameBox = (a: readonly number[] | undefined, b: readonly number[]): boolean =>
  a !== undefined && a.length === 4 && a.every((v, i) => Math.abs(v - (b[i] as number)) < EPSILON);

const headerVersion = (bytes: Buffer): string => /^%PDF-(\d\.\d)/.exec(bytes.toString('latin1', 0, 12))?.[1] ?? 'none';

function identification(pdf: LoadedPdf, at: At): PreflightCheck[] {
  const { id, encrypt, info } = trailer(pdf);
  const text = (key: string): string | undefined => textOf(get(pdf, info, key));
  const problems: string[] = [];
  const version = headerVersion(pdf.bytes);
  if (version !== '1.3') problems.push(`PDF version ${version}, not 1.3`);
  if (text('GTS_PDFXVersion') !== 'PDF/X-1:2001') problems.push('Info GTS_PDFXVersion is not (PDF/X-1:2001)');
  if (text('GTS_PDFXConformance') !== 'PDF/X-1a:2001') problems.push('Info GTS_PDFXConformance is not (PDF/X-1a:2001)');
  const trapped = get(pdf, info, 'Trapped');
  if (nameOf(trapped) !== 'False') problems.push(`Info Trapped is ${nameOf(trapped) ? `/${nameOf(trapped)}` : textOf(trapped) !== undefined ? `the string (${textOf(trapped)})` : 'missing'}, not the name /False`);
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!text(key)) problems.push(`Info ${key} missing`);
  if (!(id instanceof PDFArray) || id.size() !== 2) problems.push('trailer has no /ID');
  if (encrypt) problems.push('the file is encrypted');
  const intents = getArray(pdf, catalog(pdf), 'OutputIntents') as PDFDict[];
  const intent = intents.length === 1 ? intents[0] : undefined;
  const profile = streamBytes(pdf, get(pdf, intent, 'DestOutputProfile'));
  const identifier = textOf(get(pdf, intent, 'OutputConditionIdentifier'));
  if (!intent || nameOf(get(pdf, intent, 'S')) !== 'GTS_PDFX') problems.push(`expected one GTS_PDFX output intent, found ${intents.length}`);
  else if (!profile || profile.toString('latin1', 16, 20) !== 'CMYK' || numberOf(get(pdf, getDict(pdf, intent, 'DestOutputProfile'), 'N')) !== 4) problems.push('the output intent has no embedded CMYK profile');
  else if (!identifier) problems.push('the output intent has no OutputConditionIdentifier');
  else if (textOf(get(pdf, intent, 'RegistryName')) !== 'http://www.color.org') problems.push('the output intent\'s RegistryName is not http://www.color.org');
  return [check({
    check: 'pdfx-identification', ...at, status: problems.length ? 'fail' : 'pass',
    message: problems.length ? problems.join('; ') : `PDF 1.3, PDF/X-1a:2001, Trapped /False, output intent ${identifier} with its ${profile?.length} B CMYK profile`,
  })];
}

function numbers(pdf: LoadedPdf, dict: PDFDict, key: string): number[] | undefined {
  const value = resolve(pdf, dict.get(PDFName.of(key)));
  return value instanceof PDFArray ? value.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN)) : undefined;
}

function boxes(pdf: LoadedPdf, page: PDFDict, geometry: PrintGeometry, at: At): PreflightCheck {
  const problems: string[] = [];
  const trim = numbers(pdf, page, 'TrimBox');
  const bleed = numbers(pdf, page, 'BleedBox');
  if (!sameBox(trim, geometry.trimBox)) problems.push(`TrimBox ${trim ?? 'missing'} is not the trim ${geometry.trimBox}`);
  if (!sameBox(bleed, geometry.bleedBox)) problems.push(`BleedBox ${bleed ?? 'missing'} is not trim + bleed ${geometry.bleedBox}`);
  if (!sameBox(numbers(pdf, page, 'MediaBox'), geometry.mediaBox)) problems.push('MediaBox is not the planned media');
  if (page.has(PDFName.of('UserUnit'))) problems.push('the page has /UserUnit');
  if (page.has(PDFName.of('CropBox'))) problems.push('the page has a CropBox');
  const mm = (v: number) => ptToMm(pt(v)).toFixed(1);
  const [x0, y0, x1, y1] = geometry.trimBox;
  return check({
    check: 'boxes', ...at, status: problems.length ? 'fail' : 'pass',
    message: problems.length ? problems.join('; ') : `TrimBox ${mm(x1 - x0)} × ${mm(y1 - y0)} mm, BleedBox +${mm(x0 - geometry.bleedBox[0])} mm, MediaBox ${mm(geometry.mediaWidth)} × ${mm(geometry.mediaHeight)} mm, no UserUnit`,
  });
}

const RGB_OPERATORS = new Set(['rg', 'RG']);
const ALLOWED_SPACES = /^\/(DeviceCMYK|DeviceGray)$/;

/** A colour space resource as text: `/DeviceRGB`, `[/Separation /All /DeviceCMYK …]`, `[/ICCBased …]`. */
function describeSpace(pdf: LoadedPdf, space: PDFDict | undefined, raw: unknown): string {
  const value = resolve(pdf, raw as never);
  if (value instanceof PDFName) return value.toString();
  if (value instanceof PDFArray) return `[${value.asArray().slice(0, 3).map((v) => resolve(pdf, v)?.toString() ?? '').join(' ')}]`;
  return space ? 'a dictionary' : 'undefined';
}

function colourSpaceResources(pdf: LoadedPdf, page: PDFDict): Map<string, string> {
  let node: PDFDict | undefined = page;
  let spaces: PDFDict | undefined;
  while (node && !spaces) {
    spaces = getDict(pdf, getDict(pdf, node, 'Resources'), 'ColorSpace');
    node = getDict(pdf, node, 'Parent');
  }
  return new Map([...(spaces?.entries() ?? [])].map(([name, value]) => [name.decodeText(), describeSpace(pdf, undefined, value)]));
}

function colours(pdf: LoadedPdf, page: PDFDict, at: At): PreflightCheck[] {
  const spaces = colourSpaceResources(pdf, page);
  const problems: string[] = [];
  const used = new Set<string>();
  for (const op of operations(pageContent(pdf, page))) {
    if (RGB_OPERATORS.has(op.operator)) problems.push(`${op.operator} operator (DeviceRGB)`);
    if (op.operator === 'k' || op.operator === 'K') used.add('DeviceCMYK');
    if (op.operator === 'g' || op.operator === 'G') used.add('DeviceGray');
    if (op.operator === 'cs' || op.operator === 'CS') {
      const name = op.operands[0] ?? '';
      if (ALLOWED_SPACES.test(name)) { used.add(name.slice(1)); continue; }
      const definition = spaces.get(name.slice(1)) ?? '';
      // Separation with a CMYK alternate: the registration colour of the marks.
      if (/^\[\/Separation \/\S+ \/DeviceCMYK\]$/.test(definition)) used.add(`Separation ${/\/Separation \/(\S+)/.exec(definition)?.[1]}`);
      else problems.push(`colour space ${name} = ${definition || 'undefined'}`);
    }
  }
  for (const [name, definition] of spaces) if (/DeviceRGB|ICCBased|CalRGB|Lab/.test(definition)) problems.push(`resource ${name} is ${definition}`);
  const images: string[] = [];
  for (const [name, image] of resources(pdf, page, 'XObject')) {
    const space = describeSpace(pdf, image, image.get(PDFName.of('ColorSpace'))).replace(/^\//, '');
    images.push(`${name} ${space}`);
    if (!/^Device(CMYK|Gray)$/.test(space)) problems.push(`image ${name} is ${space}`);
    if (image.has(PDFName.of('SMask'))) problems.push(`image ${name} has a soft mask`);
  }
  for (const [name, state] of resources(pdf, page, 'ExtGState')) {
    const alpha = [numberOf(get(pdf, state, 'CA')), numberOf(get(pdf, state, 'ca'))].filter((v): v is number => v !== undefined);
    const mask = get(pdf, state, 'SMask');
    const blend = nameOf(get(pdf, state, 'BM'));
    if (alpha.some((v) => v < 1) || (mask && nameOf(mask) !== 'None') || (blend && !['Normal', 'Compatible'].includes(blend))) problems.push(`graphics state ${name} uses transparency`);
  }
  return [
    check({
      check: 'colour-spaces', ...at, status: problems.length ? 'fail' : 'pass',
      message: problems.length ? problems.slice(0, 8).join('; ') : `content uses ${[...used].sort().join(', ')}; images: ${images.join(', ') || 'none'}; no RGB, no transparency`,
    }),
  ];
}

function fonts(pdf: LoadedPdf, page: PDFDict, at: At): PreflightCheck {
  const missing: string[] = [];
  const names: string[] = [];
  for (const [key, font] of resources(pdf, page, 'Font')) {
    const name = nameOf(get(pdf, font, 'BaseFont')) ?? key;
    names.push(name);
    const descendant = getArray(pdf, font, 'DescendantFonts')[0] as PDFDict | undefined;
    const descriptor = getDict(pdf, descendant ?? font, 'FontDescriptor');
    if (!['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(pdf, descriptor, k) !== undefined)) missing.push(name);
  }
  return check({
    check: 'fonts-embedded', ...at, status: missing.length ? 'fail' : 'pass',
    message: missing.length ? `not embedded: ${missing.join(', ')}` : `${names.length} fonts, all embedded: ${names.join(', ')}`,
  });
}

export async function checkPdf(input: PdfUnderTest): Promise<PreflightCheck[]> {
  const at = { file: input.file, ...(input.page === undefined ? {} : { page: input.page }) };
  let pdf: LoadedPdf;
  try {
    pdf = await loadPdf(input.pdf);
  } catch (error) {
    return [check({ check: 'pdf-structure', ...at, status: 'fail', message: `cannot read the PDF: ${(error as Error).message}` })];
  }
  const pages = pagesOf(pdf);
  const results: PreflightCheck[] = input.pressReady ? identification(pdf, at) : [];
  if (pages.length !== 1) results.push(check({ check: 'pdf-structure', ...at, status: 'fail', message: `${pages.length} pages in one print file` }));
  for (const page of pages) {
    if (input.pressReady) results.push(boxes(pdf, page, input.geometry, at));
    results.push(...colours(pdf, page, at), fonts(pdf, page, at));
  }
  return results;
}
