/**
 * The one file that reaches into PDFKit's private internals. pdfkit is pinned to exactly 0.20.2
 * in package.json because everything here depends on how that release works inside, read from
 * its js/pdfkit.js:
 * - the catalog (`_root`), page dictionaries, Info values and `ref()` objects, for the PDF/X and
 *   PDF/A structure PDFKit does not write (output intents, page boxes, /Trapped as a name);
 * - `addContent`, for DeviceCMYK `k`/`K`, overprint states, marked content and glyph-id TJ runs;
 * - the embedded font's subset, widths and unicode map, to paint glyphs we shaped ourselves;
 * - `endMetadata`, because its XMP copies Info values unescaped (a title with `&` breaks it) and
 *   has no pdfaid 2u;
 * - the subset tag (derived from the font's resource name, so "CZZZZZ+" in every file) and the
 *   trailer /ID (an MD5 of the Info values), both replaced by hashes of the content;
 * - its outline, which lands XYZ entries at `pageWidth - left` and writes no root /Count;
 * - the font's fontkit subset (fontkit is pinned to exactly 2.0.4 too), whose simple glyphs are
 *   copied without decoding their outlines (copyGlyphsVerbatim).
 * A new pdfkit version must be read again before the pin moves; the render tests read the
 * files back and pin every one of these.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { Cmyk } from '../template/types';
import type { GlyphRun } from '../typeset/types';
import type { PdfBox } from './geometry';
import type { OutlineEntry } from './painter';

export type Doc = PDFKit.PDFDocument;

interface Ref { data: Record<string, unknown>; write(b: Buffer | Uint8Array): void; end(data?: unknown): void; compress?: boolean }

interface EmbeddedFontInternals {
  id: string;
  scale: number;
  widths: number[];
  unicode: number[][];
  subset?: { includeGlyph(id: number): number; glyphs?: number[] };
  font: { getGlyph(id: number): { advanceWidth: number }; postscriptName?: string };
  ref(): unknown;
  embed?: () => unknown;
}

interface DocInternals {
  _root: Ref;
  _id: Uint8Array;
  _font: EmbeddedFontInternals;
  _fontFamilies: Record<string, EmbeddedFontInternals>;
  _write(data: string | Uint8Array): void;
  _finalize(): void;
  page: { fonts: Record<string, unknown>; ext_gstates: Record<string, unknown>; height: number; dictionary: Ref };
  ref(data?: unknown): Ref;
  addContent(content: string): void;
  endMetadata(): void;
  spotColors: Record<string, unknown>;
  addSpotColor(name: string, c: number, m: number, y: number, k: number): void;
}

const internals = (doc: Doc): DocInternals => doc as unknown as DocInternals;
const num = (value: number): string => (Math.round(value * 1000) / 1000).toString();
const inkNum = (value: number): string => (Math.round(value * 10000) / 10000).toString();
const operands = (colour: Cmyk): string => [colour.c, colour.m, colour.y, colour.k].map((v) => inkNum(v / 100)).join(' ');
const hex4 = (value: number): string => value.toString(16).padStart(4, '0');

/** PDFKit writes a JS string as a PDF string; an object with this toString is written verbatim, as a name. */
export const pdfName = (name: string): object => ({ [Symbol.toStringTag]: 'PDFName', toString: () => `/${name}`, valueOf: () => `/${name}` });

export interface DocumentOptions {
  readonly pdfVersion: '1.3' | '1.7';
  /** Info entries; strings become PDF strings, Dates PDF dates, pdfName() values names. */
  readonly info: Readonly<Record<string, unknown>>;
}

export function createDocument(options: DocumentOptions): Doc {
  const doc = new PDFDocument({
    pdfVersion: options.pdfVersion, compress: true, autoFirstPage: false, margin: 0, info: options.info,
  } as unknown as PDFKit.PDFDocumentOptions);
  const end = doc.end.bind(doc);
  doc.end = () => {
    for (const font of Object.values(internals(doc)._fontFamilies)) if (font.subset) copyGlyphsVerbatim(font.subset);
    return end();
  };
  return doc;
}

/** fontkit 2.0.4's TrueType subset (TTFSubset), as far as copyGlyphsVerbatim uses it. */
interface TrueTypeSubset {
  _addGlyph?: (gid: number) => number;
  includeGlyph(gid: number): number;
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  font: {
    _variationProcessor?: unknown;
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readInt16BE(): number; readBuffer(length: number): Uint8Array };
    getGlyph(gid: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  };
}

const verbatim = new WeakSet<object>();

/**
 * fontkit's TrueType subsetter decodes every glyph's whole outline (points, flags, coordinates)
 * only to learn whether it is composite, then copies the glyph's bytes unchanged: ~15 ms a page,
 * a third of the subsetting. Simple and empty glyphs are copied here after reading just the
 * contour count, exactly as fontkit would copy them; composite glyphs (their component ids are
 * renumbered) and variable fonts go through fontkit's own code. The encoded font is
 * byte-for-byte fontkit's (test/render/font-subset.test.ts).
 */
export function copyGlyphsVerbatim(subset: object): void {
  const ttf = subset as TrueTypeSubset;
  const original = ttf._addGlyph;
  if (typeof original !== 'function' || verbatim.has(subset)) return;
  verbatim.add(subset);
  ttf._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
    const font = this.font;
    const start = font.loca.offsets[gid] as number;
    const length = (font.loca.offsets[gid + 1] as number) - start;
    if (font._variationProcessor) return original.call(this, gid);
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    if (length > 0) {
      const contours = stream.readInt16BE();
      if (contours < 0) return original.call(this, gid);
      stream.pos -= 2;
    }
    const buffer = stream.readBuffer(length);
    const glyph = font.getGlyph(gid);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}

const deflatedStreams = new WeakMap<Buffer, Buffer>();
/** `bytes` as PDFKit compresses a stream (zlib's deflateSync, default settings), once per buffer. */
function deflated(bytes: Buffer): Buffer {
  let packed = deflatedStreams.get(bytes);
  if (!packed) {
    packed = deflateSync(bytes);
    deflatedStreams.set(bytes, packed);
  }
  return packed;
}

export interface IntentProfile { readonly bytes: Buffer; readonly identifier: string; readonly info: string }

/** One OutputIntent (ISO 32000-1 §14.11.5) carrying the CMYK profile; `S` is GTS_PDFX for print, GTS_PDFA1 for the archive. */
export function setOutputIntent(doc: Doc, profile: IntentProfile, subtype: 'GTS_PDFX' | 'GTS_PDFA1'): void {
  const d = internals(doc);
  const iccStream = d.ref({ N: 4 });
  // The same bytes PDFKit writes (its deflateSync, Length, then /Filter), deflated once per
  // process instead of once per page (~7 ms a page for the 228 KB profile).
  if (iccStream.compress) {
    iccStream.compress = false;
    iccStream.write(deflated(profile.bytes));
    iccStream.data.Filter = 'FlateDecode';
  } else {
    iccStream.write(profile.bytes);
  }
  iccStream.end();
  const intent = d.ref({
    Type: 'OutputIntent', S: subtype,
    OutputConditionIdentifier: new String(profile.identifier), OutputCondition: new String(profile.info),
    Info: new String(profile.info), RegistryName: new String('http://www.color.org'),
    DestOutputProfile: iccStream,
  });
  intent.end();
  d._root.data.OutputIntents = [intent];
}

/** Adds a page with the print boxes; PDFKit's /UserUnit goes (a PDF 1.6 key that GWG forbids). */
export function addPage(doc: Doc, size: readonly [number, number], boxes: { trimBox?: PdfBox; bleedBox?: PdfBox }): void {
  doc.addPage({ size: [size[0], size[1]], margin: 0 });
  const dictionary = internals(doc).page.dictionary.data;
  if (boxes.trimBox) dictionary.TrimBox = [...boxes.trimBox];
  if (boxes.bleedBox) dictionary.BleedBox = [...boxes.bleedBox];
  delete dictionary.UserUnit;
}

/** Colour operators written as `k`/`K`: PDFKit's fillColor() switches to DeviceRGB for names and hex. */
export const fillCmyk = (doc: Doc, colour: Cmyk): void => internals(doc).addContent(`${operands(colour)} k`);
export const strokeCmyk = (doc: Doc, colour: Cmyk): void => internals(doc).addContent(`${operands(colour)} K`);

/**
 * The registration colour: the Separation colorant /All paints on every plate (ISO 32000-1
 * §8.6.6.4), with a CMYK 100/100/100/100 alternate for devices without separations.
 */
const REGISTRATION = 'All';

export function useRegistration(doc: Doc, stroke: boolean): void {
  const d = internals(doc);
  if (!d.spotColors[REGISTRATION]) d.addSpotColor(REGISTRATION, 100, 100, 100, 100);
  if (stroke) doc.strokeColor(REGISTRATION);
  else doc.fillColor(REGISTRATION);
}

const overprintStates = new WeakMap<object, unknown>();

/**
 * Black (K-only) text and rules overprint, so a misregistered plate cannot open a white gap
 * around them (GWG R0009/R0010). OPM 1 keeps zero C/M/Y from knocking out what lies below.
 */
export function overprint(doc: Doc): void {
  const d = internals(doc);
  let state = overprintStates.get(doc);
  if (!state) {
    const ref = d.ref({ Type: 'ExtGState', OP: true, op: true, OPM: 1 });
    ref.end();
    state = ref;
    overprintStates.set(doc, state);
  }
  d.page.ext_gstates.GSop = state;
  d.addContent('/GSop gs');
}

/**
 * Paints a glyph run at the exact positions typesetting computed, as one TJ per run. PDFKit has
 * no public API that takes glyph ids; the font's unicode map gets each glyph's source text, so
 * the ToUnicode CMap gives back exactly the manuscript's characters.
 * `lineX` and `baseline` are in PDFKit's top-left coordinates.
 */
export function paintGlyphRun(doc: Doc, run: GlyphRun, lineX: number, baseline: number): void {
  if (run.glyphs.length === 0) return;
  doc.font(run.font).fontSize(run.size);
  const d = internals(doc);
  const font = d._font;
  d.page.fonts[font.id] ??= font.ref();
  const size = run.size;
  const subset = font.subset as NonNullable<EmbeddedFontInternals['subset']>;
  const codes = run.glyphs.map((glyph) => {
    const gid = subset.includeGlyph(glyph.id);
    font.widths[gid] ??= font.font.getGlyph(glyph.id).advanceWidth * font.scale;
    font.unicode[gid] ??= [...glyph.text].map((c) => c.codePointAt(0) ?? 0);
    return gid;
  });
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    parts.push(`<${hex4(codes[i] as number)}>`);
    const next = run.glyphs[i + 1];
    if (!next) return;
    const natural = ((font.widths[codes[i] as number] ?? 0) * size) / 1000;
    const adjust = ((next.x - glyph.x - natural) * 1000) / size;
    if (Math.abs(adjust) > 0.001) parts.push(num(-adjust));
  });
  const first = run.glyphs[0] as GlyphRun['glyphs'][number];
  const height = d.page.height;
  doc.save();
  // Undo PDFKit's y flip so the text matrix is in plain PDF space, as PDFKit's own text() does.
  doc.transform(1, 0, 0, -1, 0, height);
  d.addContent(`BT /${font.id} ${num(size)} Tf 1 0 0 1 ${num(lineX + first.x)} ${num(height - baseline)} Tm [${parts.join(' ')}] TJ ET`);
  doc.restore();
}

/** A PDF text string as UTF-16BE hex with a BOM (ISO 32000-1 §7.9.2.2), safe for any text. */
const textStringHex = (text: string): string => {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
};

/** Marked content with alternate text (ISO 32000-1 §14.9.3): a photo's caption for readers and text extraction. */
export const beginAltText = (doc: Doc, alt: string): void => internals(doc).addContent(`/Span <</Alt ${textStringHex(alt)}>> BDC`);
export const endMarkedContent = (doc: Doc): void => internals(doc).addContent('EMC');

/** Replaces PDFKit's XMP (unescaped Info values, no 2u) by a packet we build; written uncompressed. */
export function replaceXmp(doc: Doc, packet: string): void {
  const d = internals(doc);
  d.endMetadata = () => {
    const bytes = Buffer.from(packet, 'utf8');
    const ref = d.ref({ Type: 'Metadata', Subtype: 'XML', Length: bytes.length });
    ref.compress = false;
    ref.write(bytes);
    ref.end();
    d._root.data.Metadata = ref;
  };
}

/**
 * Writes the outline ourselves: explicit /XYZ destinations at the heading's left and top in PDF
 * space, every entry open, and /Count on the root and each parent (ISO 32000-1 §12.3.3).
 */
export function writeOutline(doc: Doc, entries: readonly OutlineEntry[], pageHeights: readonly number[]): void {
  if (entries.length === 0) return;
  const d = internals(doc);
  const kids = (d._root.data.Pages as unknown as Ref).data.Kids as unknown[];
  const visible = (list: readonly OutlineEntry[]): number => list.reduce((sum, e) => sum + 1 + visible(e.children), 0);
  const refs: Ref[] = [];
  const build = (list: readonly OutlineEntry[], parent: Ref): Ref[] => {
    const items = list.map((entry) => {
      const height = pageHeights[entry.pageIndex] ?? 0;
      const ref = d.ref({ Title: new String(entry.title), Parent: parent, Dest: [kids[entry.pageIndex], 'XYZ', entry.left, height - entry.top, null] });
      refs.push(ref);
      const children = build(entry.children, ref);
      if (children.length > 0) Object.assign(ref.data, { First: children[0], Last: children[children.length - 1], Count: visible(entry.children) });
      return ref;
    });
    items.forEach((ref, i) => {
      if (i > 0) ref.data.Prev = items[i - 1];
      if (i < items.length - 1) ref.data.Next = items[i + 1];
    });
    return items;
  };
  const root = d.ref({ Type: 'Outlines' });
  refs.push(root);
  const top = build(entries, root);
  Object.assign(root.data, { First: top[0], Last: top[top.length - 1], Count: visible(entries) });
  for (const ref of refs) ref.end();
  d._root.data.Outlines = root;
  d._root.data.PageMode = 'UseOutlines';
}

/**
 * Makes the file a function of its content: each subset's tag (ISO 32000-1 §9.6.4) comes from a
 * hash of the font and the glyphs it keeps, and the trailer /ID from a hash of every byte
 * written before it. PDFKit derives the tag from the resource name (the same in every file) and
 * the /ID from the Info values.
 */
export function deriveNamesFromContent(doc: Doc): void {
  const d = internals(doc);
  const hash = createHash('sha256');
  const write = d._write.bind(doc);
  d._write = (data) => {
    hash.update(typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data);
    write(data);
  };
  const finalize = d._finalize.bind(doc);
  d._finalize = () => {
    d._id = new Uint8Array(hash.copy().digest().subarray(0, 16));
    finalize();
  };
  const end = doc.end.bind(doc);
  doc.end = () => {
    for (const font of Object.values(d._fontFamilies)) {
      if (!font.subset?.glyphs) continue;
      const digest = createHash('sha256').update(`${font.font.postscriptName}\u0000${font.subset.glyphs.join(',')}`).digest();
      // PDFKit builds the tag as the resource name's characters 1–6 plus 17: pick them so the tag is the digest's letters.
      const letters = [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26) - 17));
      font.id = `${font.id.charAt(0)}${letters.join('')}`;
    }
    return end();
  };
}

/** Collects the document's bytes. Call before painting: PDFKit streams pages as it goes. */
export function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Page labels (ISO 32000-1 §12.4.2): viewers show the 版次, and tools read it back. */
export function setPageLabels(doc: Doc, labels: readonly number[]): void {
  const d = internals(doc);
  const tree = d.ref({ Nums: labels.flatMap((label, index) => [index, { S: 'D', St: label }]) });
  tree.end();
  d._root.data.PageLabels = tree;
}
