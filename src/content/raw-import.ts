/**
 * Imports a raw manuscript extraction (the text a desk gets out of a PDF or Word file) into the
 * content model. The extraction glues lines together, loses reading order and repeats
 * paragraphs; this importer undoes what it can and reports every change as a diagnostic.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import { type DraftEntry, type DraftPart, finishParts } from './draft';
import { dropDuplicateParagraphs } from './duplicates';
import { countBoldMarks, parseSpans, stripBold, trimSpace } from './inline';
import type { Block, Feature, ParagraphBlock, Span } from './model';
import {
  isFeatureCredit,
  isTitleLike,
  matchCaption,
  matchGluedTitle,
  matchKeywords,
  matchKicker,
  matchSection,
  matchSubhead,
  matchSubtitle,
} from './patterns';
import { restoreReadingOrder } from './reading-order';
import { type Segment, readSegments } from './raw-lines';

type PartHead = Omit<DraftPart, 'entries'>;

/** What the line-by-line pass produces, in manuscript order. */
type Item = { readonly kind: 'part-head'; readonly head: PartHead } | DraftEntry;

interface FeatureHead {
  title?: { text: string; subtitle?: string; source: SourceRef };
  credit?: { text: string; source: SourceRef };
}

/** A headline is at most a few short lines; anything longer is prose that happens to be bold. */
const MAX_HEADLINE_LINES = 4;
/** A bold run left open joins at most this many following lines before we give up on it. */
const MAX_BOLD_CONTINUATION = 3;

export const importRawManuscript = (text: string, file: string): { feature: Feature; diagnostics: Diagnostic[] } => {
  const read = readSegments(text, file);
  const parser = new LineParser(read.segments, file);
  const items = parser.parse();
  const diagnostics = [...read.diagnostics, ...parser.diagnostics];
  const head = parser.head;
  takeFallbackTitle(items, head);
  if (!head.title) {
    diagnostics.push({
      severity: 'error',
      code: 'no-title',
      message: 'no feature title found',
      source: { file },
      hint: 'put the title on a line of its own, e.g. "标题**——副题**", or alone above the first part',
    });
  }

  const drafts = assembleParts(items, file);
  const hasParagraph = drafts.some((p) => p.entries.some((e) => e.kind === 'block' && e.block.kind.endsWith('paragraph')));
  if (!items.some((item) => item.kind === 'part-head') && !hasParagraph) {
    diagnostics.push({
      severity: 'error',
      code: 'no-parts',
      message: 'the manuscript has neither a part kicker (上篇 …:) nor any paragraph',
      source: { file },
    });
  }

  const deduplicated = dropDuplicateParagraphs(drafts, file);
  const ordered = restoreReadingOrder(deduplicated.parts, file);
  diagnostics.push(...deduplicated.diagnostics, ...ordered.diagnostics);
  const { parts, captions } = finishParts(ordered.parts);

  const feature: Feature = {
    title: head.title?.text ?? '',
    titleSource: head.title?.source ?? { file },
    ...(head.title?.subtitle === undefined ? {} : { subtitle: head.title.subtitle }),
    ...(head.credit ? { credit: head.credit.text, creditSource: head.credit.source } : {}),
    parts,
    captions,
  };
  return { feature, diagnostics };
};

/** Without a subtitle, a title is recognised only as a short unpunctuated first line. */
const takeFallbackTitle = (items: Item[], head: FeatureHead): void => {
  const first = items[0];
  if (head.title || !first || first.kind !== 'block' || first.block.kind !== 'paragraph') return;
  const text = first.block.spans.map((s) => s.text).join('');
  if (!isTitleLike(text)) return;
  head.title = { text: trimSpace(text), source: first.block.source };
  items.shift();
};

const assembleParts = (items: readonly Item[], file: string): DraftPart[] => {
  const parts: { head: PartHead; entries: DraftEntry[] }[] = [];
  for (const item of items) {
    if (item.kind === 'part-head') {
      parts.push({ head: item.head, entries: [] });
      continue;
    }
    // Text before the first kicker (or in a manuscript without kickers) forms an unlabelled part.
    if (parts.length === 0) {
      const line = item.kind === 'block' ? item.block.source.line : item.caption.source.line;
      parts.push({ head: { label: '', kickerTitle: '', headline: [], source: { file, line } }, entries: [] });
    }
    parts[parts.length - 1]?.entries.push(item);
  }
  return parts.map(({ head, entries }) => ({ ...head, entries }));
};

class LineParser {
  readonly diagnostics: Diagnostic[] = [];
  readonly head: FeatureHead = {};
  private readonly items: Item[] = [];
  /** Segment index that produced the last item, to know whether two lines were neighbours. */
  private lastItemSegment = -1;
  private index = 0;

  constructor(
    private readonly segments: readonly Segment[],
    private readonly file: string,
  ) {}

  parse(): Item[] {
    for (this.index = 0; this.index < this.segments.length; this.index++) {
      const segment = this.segments[this.index] as Segment;
      if (segment.text !== '') this.classify(segment);
    }
    return this.items;
  }

  private source(line: number): SourceRef {
    return { file: this.file, line };
  }

  private push(item: Item): void {
    this.items.push(item);
    this.lastItemSegment = this.index;
  }

  private warn(code: string, line: number, message: string, hint?: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, source: this.source(line), ...(hint ? { hint } : {}) });
  }

  private classify(segment: Segment): void {
    const { text, line } = segment;
    const kicker = matchKicker(text);
    if (kicker) return this.readPart(segment, kicker.label, kicker.kickerTitle, kicker.rest);

    const glued = this.head.title ? undefined : matchGluedTitle(text);
    if (glued) {
      this.head.title = { text: glued.title, subtitle: glued.subtitle, source: this.source(line) };
      return;
    }
    if (!this.head.credit && isFeatureCredit(stripBold(text))) {
      this.head.credit = { text: trimSpace(stripBold(text)), source: this.source(line) };
      return;
    }
    const caption = matchCaption(text);
    if (caption) return this.readCaption(line, caption.text, caption.credit);

    const section = matchSection(text);
    if (section) return this.pushBlock({ kind: 'section', ...section, source: this.source(line) });
    const keywords = matchKeywords(text);
    if (keywords) return this.pushBlock({ kind: 'keywords', ...keywords, source: this.source(line) });

    const subtitle = this.head.title ? undefined : matchSubtitle(text);
    const titleAbove = subtitle === undefined ? undefined : this.previousTitleLikeParagraph();
    if (subtitle !== undefined && titleAbove) {
      this.items.pop();
      this.head.title = { text: titleAbove.text, subtitle, source: titleAbove.source };
      return;
    }
    const subhead = matchSubhead(text);
    if (subhead !== undefined) return this.pushBlock({ kind: 'subhead', text: subhead, source: this.source(line) });

    this.pushBlock(this.readParagraph(segment));
  }

  private pushBlock(block: Block): void {
    this.push({ kind: 'block', block });
  }

  /** The last item, when it is a short plain paragraph from the previous non-blank line. */
  private previousTitleLikeParagraph(): { text: string; source: SourceRef } | undefined {
    const last = this.items[this.items.length - 1];
    if (!last || last.kind !== 'block' || last.block.kind !== 'paragraph') return undefined;
    if (!this.isPreviousNonBlank(this.lastItemSegment)) return undefined;
    const text = last.block.spans.map((s) => s.text).join('');
    return isTitleLike(text) ? { text, source: last.block.source } : undefined;
  }

  private isPreviousNonBlank(segmentIndex: number): boolean {
    for (let i = this.index - 1; i >= 0; i--) {
      if ((this.segments[i] as Segment).text !== '') return i === segmentIndex;
    }
    return false;
  }

  /** A kicker, then its bold headline: on the same line (glued) or on the following lines. */
  private readPart(segment: Segment, label: string, kickerTitle: string, rest: string): void {
    const source = this.source(segment.line);
    const headline = rest !== '' ? this.readHeadline({ text: rest, line: segment.line }, this.index) : this.readHeadlineAfter(this.index);
    if (headline.length === 0) this.warn('part-without-headline', segment.line, `part ${label} has no headline`);
    this.push({ kind: 'part-head', head: { label, kickerTitle, headline, source } });
    // Text glued behind the kicker that is not a headline is prose; it must not vanish.
    if (rest !== '' && headline.length === 0) this.pushBlock(this.readParagraph({ text: rest, line: segment.line }));
  }

  private readHeadlineAfter(kickerIndex: number): string[] {
    let next = kickerIndex + 1;
    while (next < this.segments.length && (this.segments[next] as Segment).text === '') next++;
    const first = this.segments[next];
    if (!first) return [];
    const plain = trimSpace(stripBold(first.text));
    const standalone = !first.text.startsWith('**') && isTitleLike(plain) && this.isPlainLine(first.text);
    if (standalone) {
      this.index = next;
      return [plain];
    }
    return this.readHeadline(first, next);
  }

  /** Bold lines from `first` (segment `at`) until the bold closes; [] if that is not a headline. */
  private readHeadline(first: Segment, at: number): string[] {
    if (!first.text.startsWith('**')) return [];
    const lines = [first.text];
    let last = at;
    while (countBoldMarks(lines.join('')) % 2 === 1 && lines.length < MAX_HEADLINE_LINES) {
      const next = this.segments[last + 1];
      if (!next || next.text === '') break;
      lines.push(next.text);
      last++;
    }
    const closed = countBoldMarks(lines.join('')) % 2 === 0 && (lines[lines.length - 1] ?? '').endsWith('**');
    const headline = lines.map((l) => trimSpace(stripBold(l))).filter((l) => l !== '');
    if (!closed || !headline.every(isTitleLike)) return [];
    this.index = last;
    return headline;
  }

  /** True when no other recogniser claims the line: it can only be prose or a headline. */
  private isPlainLine(text: string): boolean {
    return !matchKicker(text) && !matchCaption(text) && !matchSection(text) && !matchKeywords(text) && matchSubhead(text) === undefined;
  }

  /** `caption ■credit 摄` on one line, or the credit alone under its caption line. */
  private readCaption(line: number, text: string, credit: string): void {
    if (text !== '') {
      this.push({ kind: 'caption', caption: { text, credit, source: this.source(line) } });
      return;
    }
    const last = this.items[this.items.length - 1];
    // Only the line directly above can be the caption: across a blank line it is something else.
    const above = last?.kind === 'block' && last.block.kind === 'paragraph' && last.block.source.line === line - 1 ? last.block : undefined;
    const aboveText = above ? above.spans.map((s) => s.text).join('') : '';
    if (above && looksLikeCaption(aboveText)) {
      this.items.pop();
      this.push({ kind: 'caption', caption: { text: trimSpace(aboveText), credit, source: above.source } });
      return;
    }
    this.warn('credit-without-caption', line, `photo credit "${credit}" has no caption above it`, 'put the caption on the line above the credit');
    this.push({ kind: 'caption', caption: { text: '', credit, source: this.source(line) } });
  }

  /** A paragraph, joining following lines while a `**` stays open (the extraction wraps bold). */
  private readParagraph(segment: Segment): ParagraphBlock {
    let text = segment.text;
    let joined = 0;
    while (countBoldMarks(text) % 2 === 1 && joined < MAX_BOLD_CONTINUATION) {
      const next = this.segments[this.index + 1];
      if (!next || next.text === '' || countBoldMarks(next.text) === 0) break;
      text += next.text;
      this.index++;
      joined++;
    }
    if (countBoldMarks(text) % 2 === 1) {
      this.warn('unbalanced-bold', segment.line, 'a ** opens bold but never closes; the rest of the paragraph is set plain', 'add the missing **');
    }
    return paragraphFromSpans(parseSpans(text), this.source(segment.line));
  }
}

/** Captions are short and rarely end a sentence; a paragraph above a credit usually is not one. */
const looksLikeCaption = (text: string): boolean => {
  const plain = trimSpace(text);
  return [...plain].length <= 100 && !/[。！？!?]$/.test(plain) && !plain.startsWith('——');
};

const trimEdges = (spans: readonly Span[]): Span[] =>
  spans
    .map((span, i) => {
      let text = span.text;
      if (i === 0) text = text.replace(/^[\s\u200B]+/, '');
      if (i === spans.length - 1) text = text.replace(/[\s\u200B]+$/, '');
      return { text, bold: span.bold };
    })
    .filter((span) => span.text !== '');

/** `——**全力抗击新冠肺炎疫情。**坚持…` is a lead paragraph: dash, bold lead-in, body. */
const paragraphFromSpans = (rawSpans: Span[], source: SourceRef): ParagraphBlock => {
  let spans = trimEdges(rawSpans);
  const [first, second] = spans;
  // `**——lead。**body`: the dash belongs outside the lead-in, as in the usual markup.
  if (first?.bold && first.text.startsWith('——') && first.text.length > 2 && second) {
    spans = [{ text: '——', bold: false }, { text: first.text.slice(2), bold: true }, ...spans.slice(1)];
  }
  const [dash, leadIn, body] = spans;
  if (dash && !dash.bold && trimSpace(dash.text) === '——' && leadIn?.bold && body) {
    return { kind: 'lead-paragraph', spans: [{ text: '——', bold: false }, ...spans.slice(1)], source };
  }
  return { kind: 'paragraph', spans, source };
};
