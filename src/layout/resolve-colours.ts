/**
 * The last step of layout: every palette name on a text run becomes the CMYK value it stands
 * for, so render paints values and never looks a name up. A name the template's palette lacks is
 * an error naming the line it was used on; render never falls back to black without a word.
 */
import type { Diagnostic } from '../diagnostics';
import type { Cmyk } from '../template/types';
import type { LayoutResult, PlacedItem, PlacedPage, PlacedText } from './types';

/** A text line with the ink of each of its runs, in run order. */
export interface InkedText extends PlacedText {
  readonly inks: readonly Cmyk[];
}

export type ResolvedItem = Exclude<PlacedItem, PlacedText> | InkedText;

/** A page as render takes it: nothing left to look up. */
export interface ResolvedPage extends Omit<PlacedPage, 'items'> {
  readonly items: readonly ResolvedItem[];
}

/** What layoutEdition hands on: resolved pages and every diagnostic of layout. */
export interface ResolvedLayout extends Omit<LayoutResult, 'pages'> {
  readonly pages: readonly ResolvedPage[];
}

/** Runs without a colour name are body text: the palette's "black". */
const DEFAULT_COLOUR = 'black';
/** "black" is the one name every template has, as the markup's default colour: process black unless the palette says otherwise. */
const PROCESS_BLACK: Cmyk = { c: 0, m: 0, y: 0, k: 100 };
/** What an unknown name paints with when the desk forces the build anyway: pure magenta, so the proof shows it. */
const UNKNOWN_INK: Cmyk = { c: 0, m: 100, y: 0, k: 0 };

export function resolveColours(pages: readonly PlacedPage[]): { pages: ResolvedPage[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const resolved = pages.map((page): ResolvedPage => ({
    ...page,
    items: page.items.map((item): ResolvedItem => {
      if (item.kind !== 'text') return item;
      const inks = item.line.runs.map((run) => {
        const name = run.color ?? DEFAULT_COLOUR;
        const ink = page.palette.get(name) ?? (name === DEFAULT_COLOUR ? PROCESS_BLACK : undefined);
        if (ink) return ink;
        const key = `${page.number}\u0000${name}\u0000${item.source?.file}:${item.source?.line}`;
        if (!reported.has(key)) {
          reported.add(key);
          diagnostics.push({
            severity: 'error', code: 'unknown-colour', ...(item.source ? { source: item.source } : {}),
            message: `page ${page.number}: colour "${name}" is not in the template's palette (text "${item.line.text.slice(0, 20)}")`,
            hint: `add <colour name="${name}" cmyk="c m y k"/> to the template's <palette>, or use one of: ${[...page.palette.keys()].sort().join(', ')}`,
          });
        }
        return UNKNOWN_INK;
      });
      return { ...item, inks };
    }),
  }));
  return { pages: resolved, diagnostics };
}
