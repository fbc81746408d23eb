/** Turns styled markup text into typeset lines, choosing fonts for bold spans and phrase breaks for display lines. */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { MarkupSpan, TextStyleSpec } from '../template/types';
import { typesetParagraph } from '../typeset';
import type { FontResolver, LineBox, StyledText, TypesetOptions, TypesetResult } from '../typeset/types';
import { pt, type Pt } from '../units';

export interface TextSetter {
  readonly fonts: FontResolver;
  readonly styles: ReadonlyMap<string, TextStyleSpec>;
  readonly options?: TypesetOptions;
}

export interface SetLines {
  readonly lines: readonly LineBox[];
  readonly diagnostics: readonly Diagnostic[];
}

function styleNamed(setter: TextSetter, name: string): TextStyleSpec {
  const style = setter.styles.get(name);
  if (!style) throw new Error(`the template defines no style "${name}"`);
  return style;
}

/** Bold inside a style uses "<style>-bold", else "<style>-label", else the body's bold. */
function boldStyleOf(setter: TextSetter, style: TextStyleSpec): TextStyleSpec {
  return setter.styles.get(`${style.name}-bold`) ?? setter.styles.get(`${style.name}-label`) ?? styleNamed(setter, 'body-bold');
}

export function styledSpans(setter: TextSetter, styleName: string, spans: readonly MarkupSpan[]): StyledText[] {
  const style = styleNamed(setter, styleName);
  const bold = boldStyleOf(setter, style);
  return spans.map((span) => {
    const chosen = span.bold ? bold : style;
    const punctuation = chosen.punctuationFont ? { punctuationFont: chosen.punctuationFont } : {};
    return { text: span.text, style: { font: chosen.font, ...punctuation, size: style.size, color: chosen.color } };
  });
}

const PHRASE_END = /[，、：；。！？·　 ”’》）」』]/u;
const PHRASE_START = /[“‘《（]/u;
/** No break before a closing mark or a dash, none after an opening one (clreq §3.1.7 kinsoku). */
const NO_BREAK_BEFORE = /[”’」』）》〉，、。；：！？…—·]/u;
const NO_BREAK_AFTER = /[“‘「『（《〈]/u;
const breakAllowed = (before: string, after: string): boolean => !NO_BREAK_BEFORE.test(after) && !NO_BREAK_AFTER.test(before);
const words = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Display lines (titles, heads) that need two lines break at a phrase boundary: after the
 * punctuation or space, or before an opening quote, nearest the middle; else at the word
 * boundary (ICU's Chinese dictionary) nearest the middle that has a word of two or more
 * characters on each side, so 加强 or 保障 are never split. Returns string offsets.
 */
export function phraseBreaks(text: string): number[] {
  const chars = [...text];
  const middle = chars.length / 2;
  const nearest = (candidates: readonly number[]): number =>
    candidates.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best), -1);
  const punctuation: number[] = [];
  for (let i = 1; i < chars.length - 1; i++) {
    if ((PHRASE_END.test(chars[i - 1] ?? '') || PHRASE_START.test(chars[i] ?? '')) && breakAllowed(chars[i - 1] ?? '', chars[i] ?? '')) punctuation.push(i);
  }
  let at = nearest(punctuation);
  if (at < 0 || Math.abs(at - middle) > chars.length / 4) {
    const segments = [...words.segment(text)].map((s) => [...s.segment].length);
    const wordBreaks: number[] = [];
    let offset = 0;
    segments.forEach((length, k) => {
      offset += length;
      const next = segments[k + 1];
      if (next !== undefined && length >= 2 && next >= 2) wordBreaks.push(offset);
    });
    const byWord = nearest(wordBreaks);
    if (byWord > 0) at = byWord;
  }
  return at <= 0 ? [] : [chars.slice(0, at).join('').length];
}

/** Offsets (code units) where a display line may break: after punctuation, before an opening quote, between words of two or more characters. */
function phraseBoundaries(text: string): Set<number> {
  const result = new Set<number>();
  const chars = [...text];
  let offset = 0;
  chars.forEach((char, i) => {
    if (i > 0 && (PHRASE_END.test(chars[i - 1] ?? '') || PHRASE_START.test(char)) && breakAllowed(chars[i - 1] ?? '', char)) result.add(offset);
    offset += char.length;
  });
  const segments = [...words.segment(text)];
  let at = 0;
  segments.forEach((segment, k) => {
    at += segment.segment.length;
    const next = segments[k + 1];
    if (next && [...segment.segment].length >= 2 && [...next.segment].length >= 2 && breakAllowed(segment.segment.slice(-1), next.segment.slice(0, 1))) result.add(at);
  });
  return result;
}

/**
 * Display text (heads, captions, titles) is set again on every copyfit attempt at the same width;
 * results at a fixed measure are kept per font resolver, keyed by everything that shapes them.
 */
const fixedMeasureCache = new WeakMap<FontResolver, Map<string, SetLines>>();

export function setText(
  setter: TextSetter,
  styleName: string,
  spans: readonly MarkupSpan[],
  measure: Pt | ((line: number) => Pt),
  source: SourceRef | undefined,
  display = false,
): SetLines {
  if (typeof measure === 'function') return setTextUncached(setter, styleName, spans, measure, source, display);
  let cache = fixedMeasureCache.get(setter.fonts);
  if (!cache) fixedMeasureCache.set(setter.fonts, (cache = new Map()));
  const style = styleNamed(setter, styleName);
  const key = JSON.stringify([style, styledSpans(setter, styleName, spans), measure, display, setter.options ?? null, source ?? null]);
  let set = cache.get(key);
  if (!set) cache.set(key, (set = setTextUncached(setter, styleName, spans, measure, source, display)));
  return set;
}

function setTextUncached(
  setter: TextSetter,
  styleName: string,
  spans: readonly MarkupSpan[],
  measure: Pt | ((line: number) => Pt),
  source: SourceRef | undefined,
  display: boolean,
): SetLines {
  const style = styleNamed(setter, styleName);
  const styled = styledSpans(setter, styleName, spans);
  const lineWidthAt = typeof measure === 'function' ? measure : () => measure;
  const input = {
    spans: styled,
    firstLineIndent: style.indent,
    align: style.align,
    lastLineAlign: style.align === 'justify' ? 'start' as const : style.align,
    source,
  };
  if (!display) return typesetParagraph(input, lineWidthAt, setter.fonts, setter.options);
  const first = typesetParagraph(input, lineWidthAt, setter.fonts, setter.options);
  if (first.lines.length < 2) return first;
  const text = styled.map((s) => s.text).join('');
  if (first.lines.length === 2) {
    const breaks = phraseBreaks(text);
    const rebroken = breaks.length === 0 ? first : typesetParagraph({ ...input, forcedBreaks: breaks }, lineWidthAt, setter.fonts, setter.options);
    if (rebroken !== first && rebroken.lines.length <= first.lines.length) return rebroken;
  }
  return wordBroken(first, text, (breaks) => typesetParagraph({ ...input, forcedBreaks: breaks }, lineWidthAt, setter.fonts, setter.options));
}

/** A wrapped head's last line of one or two characters takes the word before it along (努力奋斗, not 奋斗 alone). */
function balancedLastLine(result: TypesetResult, ends: readonly number[], sorted: readonly number[], boundaries: ReadonlySet<number>, setWith: (breaks: number[]) => TypesetResult): TypesetResult {
  const last = result.lines[result.lines.length - 1];
  const lastBreak = ends[ends.length - 1];
  if (!last || lastBreak === undefined || [...last.text.trim()].length > 2) return result;
  const floor = ends[ends.length - 2] ?? 0;
  const earlier = [...sorted].reverse().find((b) => b < lastBreak && b > floor);
  if (earlier === undefined) return result;
  const moved = setWith([...ends.slice(0, -1), earlier]);
  let at = 0;
  const movedEnds = moved.lines.slice(0, -1).map((line) => (at += line.text.length));
  return moved.lines.length === result.lines.length && movedEnds.every((end) => boundaries.has(end)) ? moved : result;
}

/**
 * A head that wraps never splits a word (四区一|花园): where the breaker's break falls inside one,
 * the line ends instead at the last phrase or word boundary before it, even if that takes a line
 * more (the plan score counts head lines, so a plan that needs no wrap wins where it can).
 */
function wordBroken(first: TypesetResult, text: string, setWith: (breaks: number[]) => TypesetResult): TypesetResult {
  const boundaries = phraseBoundaries(text);
  const endsOf = (result: TypesetResult): number[] => {
    const ends: number[] = [];
    let at = 0;
    for (const line of result.lines.slice(0, -1)) { at += line.text.length; ends.push(at); }
    return ends;
  };
  const sorted = [...boundaries].sort((a, b) => a - b);
  if (endsOf(first).every((end) => boundaries.has(end))) return balancedLastLine(first, endsOf(first), sorted, boundaries, setWith);
  let breaks: number[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const result = attempt === 0 ? first : setWith(breaks);
    const inside = endsOf(result).find((end) => !boundaries.has(end));
    if (inside === undefined) return balancedLastLine(result, endsOf(result), sorted, boundaries, setWith);
    const floor = breaks[breaks.length - 1] ?? 0;
    const back = [...sorted].reverse().find((b) => b < inside && b > floor);
    if (back === undefined) return first;
    breaks = [...breaks, back];
  }
  return first;
}

export const lineCharCount = (line: LineBox): number => [...line.text].filter((c) => !/\s/u.test(c)).length;
