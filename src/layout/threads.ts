/**
 * Stories that run on from page to page (<story thread="…">): what one page could not hold goes
 * on to the thread's next page, a cut paragraph continuing where it stopped, with jump lines
 * (转第X版 at the foot, 上接第X版 at the head of the continuation) naming the pages.
 */
import type { MarkupSpan, PageSpec, StoryItemSpec, TextLineSpec, ThreadSpec } from '../template/types';
import type { FlowOutcome } from './story';

const SKIPPED = /[\s\u00AD]/u;
/** Characters a line break may add that the manuscript does not have (a hyphen in a cut word). */
const ADDED_AT_BREAK = /[-‐]/u;

/**
 * The spans left once `placed` (the text of the lines already set) is taken from their start.
 * Spaces count for nothing either way, since a line drops the space it breaks at.
 */
export function remainderSpans(spans: readonly MarkupSpan[], placed: string): MarkupSpan[] {
  const target = [...placed].filter((char) => !SKIPPED.test(char));
  let matched = 0;
  const rest: MarkupSpan[] = [];
  for (const span of spans) {
    const chars = [...span.text];
    let cut = matched >= target.length ? 0 : chars.length;
    for (let i = 0; i < chars.length && matched < target.length; i++) {
      const char = chars[i] as string;
      if (SKIPPED.test(char)) continue;
      while (matched < target.length && target[matched] !== char && ADDED_AT_BREAK.test(target[matched] as string)) matched += 1;
      if (matched >= target.length) { cut = i; break; }
      matched += 1;
      if (matched >= target.length) cut = i + 1;
    }
    const text = chars.slice(cut).join('');
    if (text !== '') rest.push({ ...span, text: rest.length === 0 ? text.replace(/^\s+/u, '') : text });
  }
  return rest.filter((span) => span.text !== '');
}

const isText = (item: StoryItemSpec | undefined): boolean => item?.kind === 'paragraph' || item?.kind === 'lead-paragraph';

/**
 * The story items a page leaves for the next page of its thread. A page the story goes on from
 * sets no filler, so the fillers offered before the cut go on too, between the first two
 * paragraphs of the rest: the last page may need them to fill.
 */
export function continuation(page: PageSpec, rest: NonNullable<FlowOutcome['rest']>): StoryItemSpec[] {
  const items = page.story?.items ?? [];
  const first = rest.items[0];
  if (!first) return [];
  const start = items.findIndex((item) => item.source === first.spec.source);
  const specs = start >= 0 ? items.slice(start) : rest.items.map((item) => item.spec);
  const head = specs[0] as StoryItemSpec;
  const spans = rest.placedText === '' ? head.spans : remainderSpans(head.spans, rest.placedText);
  const after: StoryItemSpec[] = rest.placedText === '' ? [...specs] : spans.length === 0 ? specs.slice(1) : [{ ...head, spans, continued: true }, ...specs.slice(1)];
  const unused = start > 0 ? items.slice(0, start).filter((item) => item.filler) : [];
  if (unused.length === 0) return after;
  const at = after.findIndex((item, i) => isText(item) && isText(after[i + 1]));
  return at < 0 ? [...after, ...unused] : [...after.slice(0, at + 1), ...unused, ...after.slice(at + 1)];
}

const withPage = (text: string, page: number): string => text.replace(/\{page\}/gu, String(page));

/** 转第X版: the line that closes a page the story goes on from. */
export function jumpToLine(thread: ThreadSpec, page: PageSpec, nextPage: number): TextLineSpec | undefined {
  if (!thread.jumpTo) return undefined;
  return { style: thread.jumpStyle, spans: [{ text: withPage(thread.jumpTo, nextPage), bold: false }], source: page.story?.source ?? page.source };
}

/** 上接第X版: the item that opens the continuation. */
export function jumpFromItem(thread: ThreadSpec, page: PageSpec, previousPage: number): StoryItemSpec[] {
  if (!thread.jumpFrom) return [];
  return [{ kind: 'jump', style: thread.jumpFromStyle, spans: [{ text: withPage(thread.jumpFrom, previousPage), bold: false }], spaceBefore: 0, source: page.story?.source ?? page.source }];
}
