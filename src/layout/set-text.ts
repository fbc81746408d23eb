/** Turns styled markup text into typeset lines, choosing fonts for bold spans and phrase breaks for display lines. */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { MarkupSpan, TextStyleSpec } from '../template/types';
import { typesetParagraph } from '../typeset';
import type { FontResolver, LineBox, StyledText, TypesetOptions } from '../typeset/types';
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

const PHRASE_END = /[，、：；。！？·　 ]/u;
const PHRASE_START = /[“‘《（]/u;
const HAN = /\p{Script=Han}/u;

/**
 * Display lines (titles, heads) that need two lines break at a phrase boundary: after the
 * punctuation or space, or before an opening quote, nearest the middle, else between two
 * ideographs nearest the middle, so
 * the lines come out balanced instead of a full line over a stub. Returns string offsets.
 */
export function phraseBreaks(text: string): number[] {
  const chars = [...text];
  const middle = chars.length / 2;
  const nearest = (accept: (i: number) => boolean): number => {
    let best = -1;
    for (let i = 1; i < chars.length - 2; i++) {
      if (accept(i) && Math.abs(i + 1 - middle) < Math.abs(best + 1 - middle)) best = i;
    }
    return best;
  };
  let at = nearest((i) => PHRASE_END.test(chars[i] ?? '') || PHRASE_START.test(chars[i + 1] ?? ''));
  if (at < 0 || Math.abs(at + 1 - middle) > chars.length / 4) {
    at = nearest((i) => HAN.test(chars[i] ?? '') && HAN.test(chars[i + 1] ?? ''));
  }
  return at < 0 ? [] : [chars.slice(0, at + 1).join('').length];
}

export function setText(
  setter: TextSetter,
  styleName: string,
  spans: readonly MarkupSpan[],
  measure: Pt | ((line: number) => Pt),
  source: SourceRef | undefined,
  display = false,
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
  if (first.lines.length !== 2) return first;
  const text = styled.map((s) => s.text).join('');
  const breaks = phraseBreaks(text);
  if (breaks.length === 0) return first;
  const rebroken = typesetParagraph({ ...input, forcedBreaks: breaks }, lineWidthAt, setter.fonts, setter.options);
  return rebroken.lines.length <= first.lines.length ? rebroken : first;
}

export const lineCharCount = (line: LineBox): number => [...line.text].filter((c) => !/\s/u.test(c)).length;

export const zeroPt = pt(0);
