/**
 * Colour operators for print. PDFKit's fillColor() writes `/DeviceCMYK cs … scn` and silently
 * switches to DeviceRGB for named or hex colours; writing `k`/`K` ourselves keeps every colour
 * DeviceCMYK by construction, and the content stream says plainly what each plate gets.
 */
import type { Cmyk } from '../template/types';

const num = (value: number): string => (Math.round(value * 10000) / 10000).toString();
const operands = (colour: Cmyk): string => [colour.c, colour.m, colour.y, colour.k].map((v) => num(v / 100)).join(' ');

export const BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };

/** Process inks with any coverage: small text and hairlines must use exactly one. */
export const inkCount = (colour: Cmyk): number => [colour.c, colour.m, colour.y, colour.k].filter((v) => v > 0).length;
export const totalInk = (colour: Cmyk): number => colour.c + colour.m + colour.y + colour.k;
export const isBlackOnly = (colour: Cmyk): boolean => colour.k > 0 && colour.c === 0 && colour.m === 0 && colour.y === 0;

interface PageInternals {
  addContent(content: string): void;
  page: { ext_gstates: Record<string, unknown> };
  ref(data: unknown): { end(): void };
}

export function fillCmyk(doc: PDFKit.PDFDocument, colour: Cmyk): void {
  (doc as unknown as PageInternals).addContent(`${operands(colour)} k`);
}

export function strokeCmyk(doc: PDFKit.PDFDocument, colour: Cmyk): void {
  (doc as unknown as PageInternals).addContent(`${operands(colour)} K`);
}

/**
 * The registration colour: the Separation colorant /All paints on every plate (ISO 32000-1
 * §8.6.6.4), with a CMYK 100/100/100/100 alternate for devices without separations.
 */
export const REGISTRATION = 'All';

export function useRegistration(doc: PDFKit.PDFDocument, stroke: boolean): void {
  const spots = doc as unknown as { spotColors: Record<string, unknown>; addSpotColor(name: string, c: number, m: number, y: number, k: number): void };
  if (!spots.spotColors[REGISTRATION]) spots.addSpotColor(REGISTRATION, 100, 100, 100, 100);
  if (stroke) doc.strokeColor(REGISTRATION);
  else doc.fillColor(REGISTRATION);
}

const overprintStates = new WeakMap<object, unknown>();

/**
 * Black (K-only) text and rules overprint, so a misregistered plate cannot open a white gap
 * around them (GWG R0009/R0010). OPM 1 keeps zero C/M/Y from knocking out what lies below.
 */
export function overprint(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as PageInternals;
  let state = overprintStates.get(doc);
  if (!state) {
    const ref = internals.ref({ Type: 'ExtGState', OP: true, op: true, OPM: 1 });
    ref.end();
    state = ref;
    overprintStates.set(doc, state);
  }
  internals.page.ext_gstates.GSop = state;
  internals.addContent('/GSop gs');
}
