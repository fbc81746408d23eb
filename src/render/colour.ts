/** Ink arithmetic shared by render and preflight; the operators that write colour are in pdfkit-internals.ts. */
import type { Cmyk } from '../template/types';

export const BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };

/** Process inks with any coverage: small text and hairlines must use exactly one. */
export const inkCount = (colour: Cmyk): number => [colour.c, colour.m, colour.y, colour.k].filter((v) => v > 0).length;
export const totalInk = (colour: Cmyk): number => colour.c + colour.m + colour.y + colour.k;
export const isBlackOnly = (colour: Cmyk): boolean => colour.k > 0 && colour.c === 0 && colour.m === 0 && colour.y === 0;
