/**
 * Inline markup of the raw manuscript: `**bold**` is the only emphasis the extraction produces.
 * Everything here guarantees that no `**` survives into the content model.
 */
import type { Span } from './model';

/** Whitespace as the extraction produces it: ASCII, U+3000 ideographic space, NBSP, BOM, ZWSP. */
const EDGE_SPACE = /^[\s\u200B]+|[\s\u200B]+$/g;

export const trimSpace = (text: string): string => text.replace(EDGE_SPACE, '');

export const isBlank = (text: string): boolean => trimSpace(text) === '';

export const stripBold = (text: string): string => text.replace(/\*\*/g, '');

export const countBoldMarks = (text: string): number => (text.match(/\*\*/g) ?? []).length;

/** Text as a reader sees it, used to compare paragraphs: no markup, no whitespace at all. */
export const comparableText = (text: string): string => stripBold(text).replace(/[\s\u200B]+/g, '');

/**
 * Splits `a**b**c` into spans. An unpaired `**` cannot be honoured, so the text after it stays
 * plain (the caller reports it); adjacent spans of the same weight are merged and empty ones go.
 */
export const parseSpans = (text: string): Span[] => {
  const pieces = text.split('**');
  const paired = pieces.length % 2 === 1;
  const spans: Span[] = [];
  pieces.forEach((piece, index) => {
    const lastOfUnpaired = !paired && index === pieces.length - 1;
    const bold = index % 2 === 1 && !lastOfUnpaired;
    if (piece === '') return;
    const previous = spans[spans.length - 1];
    if (previous && previous.bold === bold) spans[spans.length - 1] = { text: previous.text + piece, bold };
    else spans.push({ text: piece, bold });
  });
  return spans;
};
