/**
 * PDF/X-1a checks read from the written bytes: version, identification, output intent, page
 * boxes, the colour space of every colour operator and image, fonts, transparency.
 */
import type { PrintGeometry } from '../render';
import { check, type PreflightCheck } from './check';
import { follow, numberArray, operations, pagesOf, parsePdf, refEntries, type ParsedPdf, type PdfObject } from './pdf-reader';
import { pt, ptToMm } from '../units';

export interface PdfUnderTest {
  readonly file: string;
  readonly page?: number;
  readonly pdf: Buffer;
  readonly geometry: PrintGeometry;
  /** Proof spreads are deliberately not PDF/X; only the colour and font rules apply. */
  readonly pressReady: boolean;
}

const EPSILON = 0.01;
const sameBox = (a: readonly number[] | undefined, b: readonly number[]): boolean =>
  a !== undefined && a.length === 4 && a.every((v, i) => Math.abs(v - (b[i] as number)) < EPSILON);

function identification(pdf: ParsedPdf, at: Pick<PreflightCheck, 'file' | 'page'>): PreflightCheck[] {
  const info = follow(pdf, pdf.trailer, 'Info');
  const value = (key: string): string | undefined => {
    const target = info ? follow(pdf, info.body, key) : undefined;
    return target?.body;
  };
  const problems: string[] = [];
  if (pdf.version !== '1.3') problems.push(`PDF version ${pdf.version}, not 1.3`);
  if (value('GTS_PDFXVersion') !== '(PDF/X-1:2001)') problems.push('Info GTS_PDFXVersion is not (PDF/X-1:2001)');
  if (value('GTS_PDFXConformance') !== '(PDF/X-1a:2001)') problems.push('Info GTS_PDFXConformance is not (PDF/X-1a:2001)');
  if (value('Trapped') !== '/False') problems.push(`Info Trapped is ${value('Trapped') ?? 'missing'}, not the name /False`);
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!value(key)) problems.push(`Info ${key} missing`);
  if (!/\/ID \[/.test(pdf.trailer)) problems.push('trailer has no /ID');
  if (/\/Encrypt/.test(pdf.trailer)) problems.push('the file is encrypted');
  const root = follow(pdf, pdf.trailer, 'Root');
  const intents = root ? /\/OutputIntents \[([^\]]*)\]/.exec(root.body)?.[1]?.match(/\d+ 0 R/g) ?? [] : [];
  const intent = intents.length === 1 ? pdf.objects.get(parseInt(intents[0] as string, 10)) : undefined;
  const profile = intent ? follow(pdf, intent.body, 'DestOutputProfile') : undefined;
  const identifier = intent ? /\/OutputConditionIdentifier \(([^)]*)\)/.exec(intent.body)?.[1] : undefined;
  if (!intent || !/\/S \/GTS_PDFX/.test(intent.body)) problems.push(`expected one GTS_PDFX output intent, found ${intents.length}`);
  else if (!profile?.stream || profile.stream.toString('latin1', 16, 20) !== 'CMYK' || !/\/N 4/.test(profile.body)) problems.push('the output intent has no embedded CMYK profile');
  else if (!identifier) problems.push('the output intent has no OutputConditionIdentifier');
  return [check({
    check: 'pdfx-identification', ...at, status: problems.length ? 'fail' : 'pass',
    message: problems.length ? problems.join('; ') : `PDF 1.3, PDF/X-1a:2001, Trapped /False, output intent ${identifier} with its ${profile?.stream?.length} B CMYK profile`,
  })];
}

function boxes(page: PdfObject, geometry: PrintGeometry, at: Pick<PreflightCheck, 'file' | 'page'>): PreflightCheck {
  const problems: string[] = [];
  if (!sameBox(numberArray(page.body, 'TrimBox'), geometry.trimBox)) problems.push(`TrimBox ${numberArray(page.body, 'TrimBox')} is not the trim ${geometry.trimBox}`);
  if (!sameBox(numberArray(page.body, 'BleedBox'), geometry.bleedBox)) problems.push(`BleedBox ${numberArray(page.body, 'BleedBox')} is not trim + bleed ${geometry.bleedBox}`);
  if (!sameBox(numberArray(page.body, 'MediaBox'), geometry.mediaBox)) problems.push('MediaBox is not the planned media');
  if (/\/UserUnit/.test(page.body)) problems.push('the page has /UserUnit');
  if (/\/CropBox/.test(page.body)) problems.push('the page has a CropBox');
  const mm = (v: number) => ptToMm(pt(v)).toFixed(1);
  const [x0, y0, x1, y1] = geometry.trimBox;
  return check({
    check: 'boxes', ...at, status: problems.length ? 'fail' : 'pass',
    message: problems.length ? problems.join('; ') : `TrimBox ${mm(x1 - x0)} × ${mm(y1 - y0)} mm, BleedBox +${mm(x0 - geometry.bleedBox[0])} mm, MediaBox ${mm(geometry.mediaWidth)} × ${mm(geometry.mediaHeight)} mm, no UserUnit`,
  });
}

/** Colour spaces a page's resources define, by resource name. */
function colourSpaceResources(pdf: ParsedPdf, resources: PdfObject | undefined): Map<string, string> {
  const spaces = new Map<string, string>();
  for (const [name, id] of refEntries(resources?.body ?? '', 'ColorSpace')) spaces.set(name, pdf.objects.get(id)?.body ?? '');
  return spaces;
}

const RGB_OPERATORS = new Set(['rg', 'RG']);
const ALLOWED_SPACES = /^\/(DeviceCMYK|DeviceGray)$/;

function colours(pdf: ParsedPdf, page: PdfObject, at: Pick<PreflightCheck, 'file' | 'page'>): PreflightCheck[] {
  const resources = follow(pdf, page.body, 'Resources');
  const spaces = colourSpaceResources(pdf, resources);
  const problems: string[] = [];
  const used = new Set<string>();
  const content = follow(pdf, page.body, 'Contents')?.stream ?? Buffer.alloc(0);
  for (const op of operations(content)) {
    if (RGB_OPERATORS.has(op.operator)) problems.push(`${op.operator} operator (DeviceRGB)`);
    if (op.operator === 'k' || op.operator === 'K') used.add('DeviceCMYK');
    if (op.operator === 'g' || op.operator === 'G') used.add('DeviceGray');
    if (op.operator === 'cs' || op.operator === 'CS') {
      const name = op.operands[0] ?? '';
      if (ALLOWED_SPACES.test(name)) { used.add(name.slice(1)); continue; }
      const definition = spaces.get(name.slice(1)) ?? '';
      // Separation with a CMYK alternate: the registration colour of the marks.
      if (/^\[\/Separation \/\S+ \/DeviceCMYK/.test(definition)) used.add(`Separation ${/\/Separation \/(\S+)/.exec(definition)?.[1]}`);
      else problems.push(`colour space ${name} = ${definition || 'undefined'}`);
    }
  }
  for (const [name, definition] of spaces) if (/DeviceRGB|ICCBased|CalRGB|Lab/.test(definition)) problems.push(`resource ${name} is ${definition}`);
  const images: string[] = [];
  for (const [name, id] of refEntries(resources?.body ?? '', 'XObject')) {
    const body = pdf.objects.get(id)?.body ?? '';
    const space = /\/ColorSpace \/(\w+)/.exec(body)?.[1] ?? 'unknown';
    images.push(`${name} ${space}`);
    if (!/^Device(CMYK|Gray)$/.test(space)) problems.push(`image ${name} is ${space}`);
    if (/\/SMask/.test(body)) problems.push(`image ${name} has a soft mask`);
  }
  for (const [name, id] of refEntries(resources?.body ?? '', 'ExtGState')) {
    const body = pdf.objects.get(id)?.body ?? '';
    if (/\/(ca|CA) (0?\.\d+|0)\b/.test(body) || /\/SMask (?!\/None)/.test(body) || /\/BM \/(?!Normal|Compatible)/.test(body)) problems.push(`graphics state ${name} uses transparency`);
  }
  return [
    check({
      check: 'colour-spaces', ...at, status: problems.length ? 'fail' : 'pass',
      message: problems.length ? problems.slice(0, 8).join('; ') : `content uses ${[...used].sort().join(', ')}; images: ${images.join(', ') || 'none'}; no RGB, no transparency`,
    }),
  ];
}

function fonts(pdf: ParsedPdf, page: PdfObject, at: Pick<PreflightCheck, 'file' | 'page'>): PreflightCheck {
  const resources = follow(pdf, page.body, 'Resources');
  const missing: string[] = [];
  const names: string[] = [];
  for (const [, id] of refEntries(resources?.body ?? '', 'Font')) {
    const font = pdf.objects.get(id)?.body ?? '';
    const name = /\/BaseFont \/(\S+)/.exec(font)?.[1] ?? `object ${id}`;
    names.push(name);
    const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(font)?.[1];
    const described = descendant ? pdf.objects.get(Number(descendant))?.body ?? '' : font;
    const descriptor = follow(pdf, described, 'FontDescriptor');
    if (!descriptor || !/\/FontFile[23]? \d+ 0 R/.test(descriptor.body)) missing.push(name);
  }
  return check({
    check: 'fonts-embedded', ...at, status: missing.length ? 'fail' : 'pass',
    message: missing.length ? `not embedded: ${missing.join(', ')}` : `${names.length} fonts, all embedded: ${names.join(', ')}`,
  });
}

export function checkPdf(input: PdfUnderTest): PreflightCheck[] {
  const at = { file: input.file, ...(input.page === undefined ? {} : { page: input.page }) };
  let pdf: ParsedPdf;
  try {
    pdf = parsePdf(input.pdf);
  } catch (error) {
    return [check({ check: 'pdf-structure', ...at, status: 'fail', message: `cannot read the PDF: ${(error as Error).message}` })];
  }
  const pages = pagesOf(pdf);
  const results: PreflightCheck[] = input.pressReady ? identification(pdf, at) : [];
  if (pages.length !== 1) results.push(check({ check: 'pdf-structure', ...at, status: 'fail', message: `${pages.length} pages in one print file` }));
  for (const page of pages) {
    if (input.pressReady) results.push(boxes(page, input.geometry, at));
    results.push(...colours(pdf, page, at), fonts(pdf, page, at));
  }
  return results;
}
