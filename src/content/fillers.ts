/**
 * Filler candidates for a page too short for its space (issue 9, §3): pull quotes from a part's
 * own direct speech and figures from its 关键词 boxes. Every text is a verbatim substring of the
 * manuscript block it names, never a paraphrase, so the desk can find it and nothing is invented.
 */
import type { SourceRef } from '../diagnostics';
import { type Block, type KeywordsBlock, type ParagraphBlock, blockText } from './model';

export interface PullQuote {
  /** The quoted words without the outer quote marks, verbatim. */
  readonly text: string;
  /** "县委书记胡果雄"; absent when the paragraph does not say who spoke. */
  readonly speaker?: string;
  readonly source: SourceRef;
}

export interface DataFigure {
  /** A clause with at least one number and its unit, verbatim: "谋划基本建设项目112个，总投资165亿元". */
  readonly text: string;
  readonly source: SourceRef;
}

export interface Fillers {
  /** Best first. */
  readonly quotes: readonly PullQuote[];
  /** 关键词 figures first, in box order; then paragraph figures, best first. */
  readonly figures: readonly DataFigure[];
}

const MAX_FIGURES = 6;
/** Below this many 关键词 figures, paragraphs are searched too. */
const ENOUGH_KEYWORD_FIGURES = 3;
/** A quoted term ("六稳", "花桥经验") is shorter than this and is not speech. */
const MIN_QUOTE_LENGTH = 8;
/** A figure clause shorter than this does not read on its own ("共3个"). */
const MIN_FIGURE_LENGTH = 6;

/** "县委书记胡果雄" is 7; a longer phrase is a clause, not a name. */
const MAX_SPEAKER_LENGTH = 12;
const SPEECH_VERB = '(?:说|表示|强调|指出|介绍|认为|坦言|告诉|感慨|谈到|回顾)';
/** Words that make a phrase a person: "县委书记胡果雄", "村民李大妈". */
const TITLE = /书记|县长|市长|省长|镇长|乡长|村长|主任|局长|部长|处长|厅长|主席|委员|负责人|经理|董事长|校长|院长|所长|站长|队长|代表|村民|干部|专家|教授|老师|医生|社长|支书/;
/** Speaker before the quote: "县委书记李军表示：“…”" (the clause up to the verb and colon). */
const SPEAKER_BEFORE = new RegExp(`([^，。；！？：、“”‘’\\s]{2,})${SPEECH_VERB}[：:，,]\\s*$`);
/** Speaker after the quote: "”，某某说" or "”县委书记胡果雄用…话语"; ends at a verb or preposition. */
const SPEAKER_AFTER = new RegExp(`^[，,]?\\s*([^，。；！？：、“”‘’\\s]{2,${MAX_SPEAKER_LENGTH}}?)(${SPEECH_VERB}|用|在|对|向)`);
/** Extraction debris that must not be printed large: bold marks, markdown, stray brackets. */
const MARKUP_LEFTOVER = /[*#_`<>[\]]/;
const SENTENCE_END = /[。！？!?…]$/;

/** A number with the unit or measure word that makes it a figure; 年/月/日 are left out, so dates are not figures. */
const FIGURE = /[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:%|％|‰|亿元|万元|元|万户|户|万人|人次|人|万亩|亩|公斤|斤|万吨|吨|公里|千米|平方米|立方米|米|个|家|天|项|条|所|座|套|台|辆|名|位|批|次|件|倍|处|间|栋|村|镇|万|亿)/g;

export const extractFillers = (blocks: readonly Block[]): Fillers => {
  const paragraphs = blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph' || b.kind === 'lead-paragraph');
  const keywords = blocks.filter((b): b is KeywordsBlock => b.kind === 'keywords');
  return { quotes: findPullQuotes(paragraphs), figures: findDataFigures(keywords, paragraphs) };
};

interface RankedQuote {
  readonly quote: PullQuote;
  readonly score: number;
  /** Manuscript order, for ties that break the same way every run. */
  readonly order: number;
}

export const findPullQuotes = (paragraphs: readonly ParagraphBlock[]): PullQuote[] => {
  const ranked: RankedQuote[] = [];
  for (const paragraph of paragraphs) {
    const text = blockText(paragraph);
    for (const { start, end } of topLevelQuotes(text)) {
      const inner = text.slice(start + 1, end);
      const length = [...inner].length;
      if (length < MIN_QUOTE_LENGTH || MARKUP_LEFTOVER.test(inner) || !balancedInnerQuotes(inner)) continue;
      const speaker = speakerBefore(text.slice(0, start)) ?? speakerAfter(text.slice(end + 1));
      const complete = SENTENCE_END.test(inner);
      // A slogan or a named thing in quotes has neither a speaker nor a full stop: it is not speech.
      if (!speaker && !complete) continue;
      const quote: PullQuote = { text: inner, ...(speaker ? { speaker } : {}), source: paragraph.source };
      ranked.push({ quote, score: quoteScore(length, speaker !== undefined, complete), order: ranked.length });
    }
  }
  return ranked.sort((a, b) => b.score - a.score || a.order - b.order).map((r) => r.quote);
};

/** 20–60 字 sets well as a pull quote; a named speaker and a whole sentence make it stand alone. */
const quoteScore = (length: number, named: boolean, complete: boolean): number => {
  const fit = length >= 20 && length <= 60 ? 3 : length <= 80 ? 1 : -2;
  return fit + (named ? 2 : 0) + (complete ? 1 : 0);
};

/** Outermost “…” pairs; an opening mark with no close (or reopened before closing) is skipped. */
const topLevelQuotes = (text: string): { start: number; end: number }[] => {
  const found: { start: number; end: number }[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '“') open = i;
    else if (text[i] === '”' && open >= 0) {
      found.push({ start: open, end: i });
      open = -1;
    }
  }
  return found;
};

const balancedInnerQuotes = (inner: string): boolean => {
  let depth = 0;
  for (const char of inner) {
    if (char === '‘') depth++;
    else if (char === '’' && --depth < 0) return false;
  }
  return depth === 0;
};

/** The whole clause before the verb; a clause too long to be a name ("在今天的会议上…") gives none. */
const speakerBefore = (before: string): string | undefined => {
  const speaker = SPEAKER_BEFORE.exec(before)?.[1];
  return speaker !== undefined && [...speaker].length <= MAX_SPEAKER_LENGTH ? speaker : undefined;
};

const speakerAfter = (after: string): string | undefined => {
  const match = SPEAKER_AFTER.exec(after);
  const [, speaker, verb] = match ?? [];
  if (!speaker || !verb) return undefined;
  // Before a speech verb a short phrase is a name ("胡果雄说"); before a preposition it must be a person.
  const isVerb = new RegExp(`^${SPEECH_VERB}$`).test(verb);
  return TITLE.test(speaker) || (isVerb && [...speaker].length <= 4) ? speaker : undefined;
};

export const findDataFigures = (keywords: readonly KeywordsBlock[], paragraphs: readonly ParagraphBlock[]): DataFigure[] => {
  const figures: DataFigure[] = [];
  const seenFigures = new Set<string>();
  const take = (text: string, source: SourceRef): void => {
    const measures = figuresIn(text);
    // A clause whose every figure is already shown adds nothing, even in other words.
    if (measures.every((m) => seenFigures.has(m)) || figures.length >= MAX_FIGURES) return;
    measures.forEach((m) => seenFigures.add(m));
    figures.push({ text, source });
  };

  for (const box of keywords) {
    for (const clause of clauses(box.text, /[；;。]/)) if (isFigureClause(clause)) take(clause, box.source);
  }
  if (figures.length >= ENOUGH_KEYWORD_FIGURES) return figures;

  const candidates = paragraphs.flatMap((paragraph, order) =>
    clauses(blockText(paragraph), /[，,；;。！？]/)
      .filter(isFigureClause)
      .map((text) => ({ text, source: paragraph.source, order })),
  );
  candidates
    .sort((a, b) => figureClauseRank(a.text) - figureClauseRank(b.text) || a.order - b.order)
    .forEach((c) => take(c.text, c.source));
  return figures;
};

/** A clause that opens like this leans on the one before ("总投资额达68亿元": of what?). */
const LEANS_ON_PREVIOUS = /^(?:共|总|其中|并|且|达|同比|分别|累计)/;

/** Clauses of 8–24 字 read best in a box; longer ones rank by length, shorter ones and leaning ones later. */
const figureClauseRank = (text: string): number => {
  const length = [...text].length;
  const fit = length >= 8 && length <= 24 ? 0 : length > 24 ? length - 24 : 100 - length;
  return fit + (LEANS_ON_PREVIOUS.test(text) ? 50 : 0);
};

/** The dash of a lead paragraph (——全力推进…) is typography, not part of the clause. */
const clauses = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((c) => c.trim().replace(/^——/, ''))
    .filter((c) => c !== '');

const figuresIn = (text: string): string[] =>
  [...text.matchAll(FIGURE)].map((m) => m[0]);

const isFigureClause = (clause: string): boolean =>
  [...clause].length >= MIN_FIGURE_LENGTH &&
  figuresIn(clause).length > 0 &&
  !MARKUP_LEFTOVER.test(clause) &&
  // A clause cut out of a quotation would print half a quote.
  (clause.match(/“/g) ?? []).length === (clause.match(/”/g) ?? []).length &&
  balancedInnerQuotes(clause);
