/**
 * Character classes and line-breaking rules as data. Every table cites its source:
 * W3C clreq (https://www.w3.org/TR/clreq/) and GB/T 15834-2011 §5.1, as summarised in
 * reference/cjk-typesetting.md §0.1 and §1.
 */
import type { KinsokuLevel } from './types';

/** How a punctuation mark is drawn and compressed; undefined for text characters. */
export type PunctKind =
  | 'pause-full' // 。？！． sentence-end marks: full width mid-line in 开明式 (clreq §2.1 table, xeCJK KaiMingPunct)
  | 'pause-half' // ，、；： half width mid-line in 开明式
  | 'open' // opening quotes/brackets: ink in the right half of the em box
  | 'close' // closing quotes/brackets: ink in the left half
  | 'middle' // 间隔号 ·: ½ em, centred (clreq "unadjustable", GB §4.14)
  | 'connect' // 连接号 – — ～: natural width, no expansion around them (reference §3 R3.1)
  | 'solidus' // 分隔号 ／: no expansion around, neither at line start nor end (GB §5.1.9)
  | 'long' // —— …… 2 em, never split (GB §5.1.4–5.1.5, clreq #prohibition_rules_for_unbreakable_marks)
  | 'symbol'; // full-width postfix symbols ％ ‰ ℃: glued to the number before them

const set = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.codePointAt(0)!));

/** Punctuation kinds by code point (reference §0.1 class table; GB/T 15834-2011 §4). */
const PUNCT_TABLE: ReadonlyArray<readonly [PunctKind, string]> = [
  ['pause-full', '。？！．｡'], // PAUSE, sentence-end subset (开明式 keeps these full width)
  ['pause-half', '，、；：､'], // PAUSE, other marks
  ['open', '“‘（《〈【〔〖［｛「『〘〚'], // OPEN
  ['close', '”’）》〉】〕〗］｝」』〙〛'], // CLOSE
  ['middle', '·・‧'], // INTERPUNCT (mainland: ½ em)
  ['connect', '–—～〜'], // CONNECT (a single — is 一字线 1 em; a pair is 'long')
  ['solidus', '／'], // SOLIDUS
  ['long', '⸺⸻…⋯‥'], // LONG halves (paired by the segmenter) and 2-em dashes
  ['symbol', '％‰‱℃℉°′″'],
];

const PUNCT_KIND = new Map<number, PunctKind>();
for (const [kind, chars] of PUNCT_TABLE) for (const cp of set(chars)) PUNCT_KIND.set(cp, kind);

export const punctKind = (cp: number): PunctKind | undefined => PUNCT_KIND.get(cp);

/** Marks that pair into one unbreakable 2-em unit when doubled: —— …… ⋯⋯ (GB §5.1.4–5.1.5). */
export const PAIRING_LONG = set('—…⋯');

/**
 * Not at a line start, level "GB" (= clreq "basic" + GB): PAUSE, CLOSE, CONNECT, INTERPUNCT,
 * SOLIDUS (GB/T 15834-2011 §5.1.1–5.1.9; clreq #prohibition_rules_for_line_start_end), postfix
 * symbols and Western closing punctuation (clreq mixed text, UAX #14 CL/IS/EX/PO as tailored by
 * JLREQ #characters_not_starting_a_line).
 */
const START_GB = set(
  '。？！．｡，、；：､' + // PAUSE  GB §5.1.1, §5.1.2
  '”’）》〉】〕〗］｝」』〙〛' + // CLOSE  GB §5.1.3, §5.1.6, §5.1.7
  '–—～〜' + // CONNECT GB §5.1.8
  '·・‧' + // INTERPUNCT GB §5.1.8
  '／/' + // SOLIDUS GB §5.1.9
  '％‰‱℃℉°′″%' + // postfix units (reference R1.4; JLREQ postfixed abbreviations)
  ')]},.:;?!' + // Western closing/stop punctuation (UAX #14 CL/IS/EX)
  '々〻ゝゞヽヾー', // iteration marks (clreq: not at line start)
);

/** Additional line-start prohibitions at clreq "strict": —— and …… (and small kana, irrelevant here). */
const START_STRICT_EXTRA = set('⸺⸻…⋯‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ');

/**
 * Not at a line end: OPEN (GB §5.1.3, §5.1.6, §5.1.7), SOLIDUS (GB §5.1.9), currency prefixes
 * (reference R1.4: no break between ¥/$ and the number), Western opening brackets, and the item
 * markers that open a run-in item (■甲　■乙 in a 数据 box, ■策划 in a byline): a marker belongs
 * to the item after it, like an opening mark.
 */
const END_GB = set('“‘（《〈【〔〖［｛「『〘〚' + '／/' + '￥¥＄$£€￡' + '([{' + '■▲◆●□△◇○★☆');

export function startProhibited(cp: number, level: KinsokuLevel): boolean {
  return START_GB.has(cp) || (level === 'strict' && START_STRICT_EXTRA.has(cp));
}

export function endProhibited(cp: number, _level: KinsokuLevel): boolean {
  return END_GB.has(cp);
}

/** Ideographic text: Han, kana, hangul, bopomofo (each character its own atom; clreq §3.1). */
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/**
 * Characters set on the CJK em grid (one atom each): ideographs, CJK symbols and punctuation,
 * full-width forms, enclosed CJK. Everything else that is not a space is Western text.
 */
export function isCjkChar(cp: number): boolean {
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  if (cp < 0x80) return false;
  if (PUNCT_KIND.has(cp)) return true;
  if (cp >= 0x2e80 && cp <= 0x2fdf) return true; // radicals
  if (cp >= 0x3000 && cp <= 0x33ff) return true; // CJK symbols, kana, bopomofo, enclosed
  if (cp >= 0xfe30 && cp <= 0xfe4f) return true; // compatibility forms
  if (cp >= 0xff00 && cp <= 0xffef) return true; // full-/half-width forms
  if (cp >= 0xf900 && cp <= 0xfaff) return true;
  return IDEOGRAPHIC.test(String.fromCodePoint(cp));
}

/** A Han/kana/hangul character: gets the CJK–Latin gap next to Western text (clreq R4.1). */
export function isIdeograph(cp: number): boolean {
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  if (cp < 0x2e80) return false;
  return IDEOGRAPHIC.test(String.fromCodePoint(cp)) || cp === 0x3007;
}

/** Breakable spaces (Western word spaces, glue). U+00A0 is a space that never breaks. */
export const SPACES = set(' \t\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f');
export const NO_BREAK_SPACES = set('\u00a0\u2007\u202f');
/** Mandatory breaks inside a paragraph's text. */
export const NEWLINES = set('\n\r\u2028\u2029\u000b\u000c');

/** Characters that attach to the preceding character (combining marks, variation selectors, joiners). */
export function isAttaching(cp: number): boolean {
  if (cp < 0x300 || (cp >= 0x3400 && cp <= 0x9fff)) return false;
  if (cp === 0x200d || cp === 0x200c || cp === 0x200b) return true; // ZWJ/ZWNJ/ZWSP (kept, no break)
  if (cp >= 0xfe00 && cp <= 0xfe0f) return true;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return true;
  return /\p{M}/u.test(String.fromCodePoint(cp));
}

/** Content characters for the 孤字 rule (clreq #adjustments_of_orphans_and_widows): letters and digits. */
const CONTENT = /[\p{L}\p{N}]/u;
export function countContent(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a)) n++;
    else if (cp >= 0x80 && CONTENT.test(ch)) n++;
  }
  return n;
}

/**
 * Characters after which an over-wide URL may be broken (no hyphen is added). Never at a
 * solidus: GB forbids "/" at a line end and clreq at a line start.
 */
export const URL_BREAK_AFTER = set('.?&=_-');
export const SOLIDUS = set('/');
export const looksLikeUrl = (word: string): boolean => /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.test(word);
