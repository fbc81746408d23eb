/**
 * Recognisers for the line shapes of a raw manuscript extraction. Each returns the pieces it
 * found or undefined; none of them knows anything about one particular feature.
 */
import { stripBold, trimSpace } from './inline';

const SPACE = '[ \\t\\u3000\\u00A0]';
/** Sentence punctuation: its presence means "this is prose", not a heading or a label. */
const SENTENCE_PUNCT = /[。！？；!?;]/;
export const hasSentencePunct = (text: string): boolean => SENTENCE_PUNCT.test(text);

/** 上篇 / 中篇 / 下篇 / 第一篇 / 第2篇 */
const PART_LABEL = '(?:[上中下]篇|第[一二三四五六七八九十百零〇\\d]+篇)';

export interface KickerMatch {
  readonly label: string;
  readonly kickerTitle: string;
  /** What followed the kicker on the same line: the start of the headline when glued. */
  readonly rest: string;
}

const KICKER = new RegExp(
  `^(?:\\*\\*)?(${PART_LABEL})(?:${SPACE}+([^*：:。！？，,]{0,24}))?${SPACE}*[：:]?${SPACE}*(?:\\*\\*)?(.*)$`,
);

/**
 * `上篇 回首 2020:` alone, or glued to its bold headline: `**下篇 展望 2021:****开启…`.
 * Prose that merely starts with 上篇 ("上篇文章…") has neither shape and is rejected.
 */
export const matchKicker = (text: string): KickerMatch | undefined => {
  const m = KICKER.exec(text);
  if (!m) return undefined;
  const rest = trimSpace(m[3] ?? '');
  if (rest !== '' && !rest.startsWith('**')) return undefined;
  return { label: m[1] ?? '', kickerTitle: trimSpace(m[2] ?? ''), rest };
};

/** Where a kicker glued behind other text (a photo credit, usually) begins, or -1. */
export const gluedKickerIndex = (text: string): number => {
  const glued = new RegExp(`(?:\\*\\*|摄${SPACE}*)(?=${PART_LABEL}${SPACE}*[^*：:。！？]{0,24}[：:])`).exec(text);
  if (!glued || glued.index === 0) return -1;
  return glued[0].startsWith('**') ? glued.index : glued.index + glued[0].length;
};

/** A photographer's credit: `■武少雄 摄`, `▲张三 李四 摄`, `本报记者 张三 摄`. */
const CREDIT = `(?:[■▲◆●]${SPACE}*|(?:本报)?(?:记者|通讯员)${SPACE}*)[\\p{Script=Han}A-Za-z·]{1,12}(?:${SPACE}+[\\p{Script=Han}A-Za-z·]{1,12}){0,4}${SPACE}*摄`;
const CAPTION_WITH_CREDIT = new RegExp(`^(.*?)${SPACE}*(${CREDIT})$`, 'u');

export interface CaptionMatch {
  /** Empty when the line holds only the credit (the caption is on the line before). */
  readonly text: string;
  readonly credit: string;
}

export const matchCaption = (text: string): CaptionMatch | undefined => {
  const m = CAPTION_WITH_CREDIT.exec(stripBold(text));
  if (!m) return undefined;
  return { text: trimSpace(m[1] ?? ''), credit: trimSpace(m[2] ?? '') };
};

/**
 * The feature's byline: `■策划 / 李桂花 撰文 / 周瑞华 …`. It must open with a role and a slash,
 * so that prose mentioning 摄影 next to a URL's slashes is not taken for it.
 */
export const isFeatureCredit = (text: string): boolean =>
  /^[■▲◆●]?[ \u3000]*(策划|撰文|配图|统筹|监制|执行|文字|摄影|图片|文|图)[ \u3000]*[/／]/.test(text) && text.length <= 120;

export interface SectionMatch {
  readonly letter: string;
  readonly title: string;
}

/** `A 标题` or `**B 标题**`: one capital, a space, a short title that is not a sentence. */
const SECTION = new RegExp(`^([A-Z])${SPACE}+([^\\sA-Za-z][^]{0,29})$`);

export const matchSection = (text: string): SectionMatch | undefined => {
  const m = SECTION.exec(trimSpace(stripBold(text)));
  if (!m || hasSentencePunct(m[2] ?? '')) return undefined;
  return { letter: m[1] ?? '', title: trimSpace(m[2] ?? '') };
};

export interface KeywordsMatch {
  readonly label: string;
  readonly text: string;
}

const KEYWORDS = new RegExp(`^(关键词|关键字)${SPACE}*[：:]${SPACE}*([^]*)$`);

export const matchKeywords = (text: string): KeywordsMatch | undefined => {
  const m = KEYWORDS.exec(trimSpace(stripBold(text)));
  return m ? { label: m[1] ?? '', text: trimSpace(m[2] ?? '') } : undefined;
};

/** `——要坚持构建现代产业体系`: a dash-led line too short and unpunctuated to be prose. */
export const matchSubhead = (text: string): string | undefined => {
  const plain = trimSpace(stripBold(text));
  if (!/^——(?!—)/.test(plain) || hasSentencePunct(plain)) return undefined;
  const length = [...plain].length;
  return length >= 4 && length <= 32 ? plain : undefined;
};

/** Words that end a 纪实-style subtitle; they let a dash line be told from a subhead. */
const SUBTITLE_ENDING = /(纪实|侧记|综述|巡礼|纪事|速写|特写|调查|见闻|扫描|观察|报道|探索|实践|之路)$/;

/** What ends a sentence; a subtitle may hold ；, ： or ， (it is a phrase), but never these. */
const SENTENCE_END = /[。！？!?]/;

/**
 * A subtitle line: `——衡南县扎实推进高质量发展纪实`, bold or with a 纪实-style ending. Unlike a
 * subhead it may hold a semicolon or a comma (`——稳增长；促转型`): it is only looked for under
 * a title-like line before the title is found, so a prose line cannot take its place.
 */
export const matchSubtitle = (text: string): string | undefined => {
  const trimmed = trimSpace(text);
  const plain = trimSpace(stripBold(trimmed));
  if (!/^——(?!—)/.test(plain) || SENTENCE_END.test(plain)) return undefined;
  const length = [...plain].length;
  if (length < 4 || length > 48) return undefined;
  const bold = /^\*\*——[^*]+\*\*$/.test(trimmed);
  return bold || SUBTITLE_ENDING.test(plain) ? plain : undefined;
};

export interface TitleMatch {
  readonly title: string;
  readonly subtitle: string;
}

/** `标题**——副题**`: title and subtitle glued on one line by the extraction. */
export const matchGluedTitle = (text: string): TitleMatch | undefined => {
  const at = text.search(/(?:\*\*)?——/);
  if (at <= 0) return undefined;
  const title = trimSpace(stripBold(text.slice(0, at)));
  const subtitle = matchSubtitle(text.slice(at));
  if (!subtitle || !isTitleLike(title)) return undefined;
  return { title, subtitle };
};

/** Short, unpunctuated, one line: what a title (or a caption) looks like. */
export const isTitleLike = (text: string): boolean => {
  const plain = trimSpace(stripBold(text));
  const length = [...plain].length;
  return length >= 2 && length <= 48 && !hasSentencePunct(plain) && !plain.startsWith('——');
};
