/**
 * Random manuscripts for the issue 10 fuzz tests, and the property every one must keep: each
 * character of the input is printed, or is layout whitespace or markup, or is named in a
 * diagnostic. fast-check shrinks a failure to a small manuscript; failures found are kept in
 * regressions.ts and replayed on every run.
 */
import fc from 'fast-check';
import type { Diagnostic } from '../../src/diagnostics';
import type { Feature } from '../../src/content/model';
import { blockText } from '../../src/content/model';

const charOf = (from: number, to: number) => fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));
const oneOf = (values: readonly string[]) => fc.constantFrom(...values);

const cjk = charOf(0x4e00, 0x9fff);
const rareCjk = charOf(0x20000, 0x2a6df); // CJK Extension B: astral, often missing from fonts
const latinWord = fc.stringMatching(/^[A-Za-z]{1,12}$/);
const digits = fc.stringMatching(/^[0-9]{1,8}([.,][0-9]{1,3})?%?$/);
const punctuationRun = fc.array(oneOf(['，', '。', '！', '？', '；', '：', '“', '”', '‘', '’', '《', '》', '（', '）', '——', '……', '、', ',', '.', '!', '?', ';', ':', '(', ')', '"', '\'', '-', '/', '·']), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const markup = oneOf(['**', '*', '<', '>', '&', '&amp;', '{{', '}}', '{{{x}}}', '<b>', ']]>', '\\', '#', '`', '$']);
const control = fc.oneof(charOf(0x00, 0x08), charOf(0x0b, 0x1f), charOf(0x7f, 0x9f));
const invisible = oneOf(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202A', '\u202E', '\u2066', '\u2028', '\u2029', '\u180E']);
const odd = oneOf(['\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\uFFFD', '\u0301', '\uFE0F', '😀', '👩‍👩‍👧', '\u3000', '\u00A0', '\t', 'Ω', 'ß', 'ﬁ', '①', '㊣', '\u0E01']);
const longWord = fc.oneof(
  fc.integer({ min: 20, max: 400 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 5, max: 60 }).map((n) => `https://www.example.gov.cn/${'path/'.repeat(n)}x.html`),
  fc.integer({ min: 20, max: 200 }).map((n) => '9'.repeat(n)),
);
const lineStarter = oneOf(['上篇 回首：', '**下篇 展望 2021:****', '第二篇 ', 'A ', '**B 标题**', '关键词：', '——', '**——', '■策划 / 李 撰文 / 王', '■张三 摄', '本报记者 李四 摄', '图为']);
const newline = oneOf(['\n', '\n\n', '\r\n', '\r']);
const space = oneOf([' ', '  ', '\u3000']);

const fragment = fc.oneof(
  { weight: 10, arbitrary: fc.array(cjk, { minLength: 1, maxLength: 20 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: rareCjk },
  { weight: 3, arbitrary: latinWord },
  { weight: 2, arbitrary: digits },
  { weight: 4, arbitrary: punctuationRun },
  { weight: 2, arbitrary: markup },
  { weight: 1, arbitrary: control },
  { weight: 1, arbitrary: invisible },
  { weight: 1, arbitrary: odd },
  { weight: 1, arbitrary: longWord },
  { weight: 2, arbitrary: lineStarter },
  { weight: 3, arbitrary: newline },
  { weight: 2, arbitrary: space },
);

/** A manuscript: usually a plausible title line first, then a mix of everything. */
export const manuscriptArbitrary = fc.tuple(
  fc.option(fc.array(cjk, { minLength: 2, maxLength: 12 }).map((a) => `${a.join('')}\n\n`), { nil: '' }),
  fc.array(fragment, { minLength: 1, maxLength: 150, size: 'large' }),
).map(([title, parts]) => title + parts.join(''));

/** Characters that may vanish without a word: whitespace (layout), ** markup and the kicker's colon. */
const MAY_VANISH = /[\s\u3000*:：]/u;

const codeOf = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Every text the imported feature will print. */
export function printedText(feature: Feature): string {
  return [
    feature.title, feature.subtitle ?? '', feature.credit ?? '',
    ...feature.parts.flatMap((part) => [part.label, part.kickerTitle, ...part.headline, ...part.blocks.map(blockText)]),
    ...feature.captions.flatMap((caption) => [caption.text, caption.credit ?? '']),
  ].join('\n');
}

/**
 * The characters of `input` that are neither in `printed` nor named (as U+XXXX) in
 * a diagnostic, nor allowed to vanish. Empty when the property holds.
 */
export function unaccounted(input: string, printed: string, diagnostics: readonly Diagnostic[]): string[] {
  const said = diagnostics.map((d) => `${d.message} ${d.hint ?? ''}`).join('\n');
  const seen = new Set(printed);
  const missing = new Set<string>();
  for (const c of input) {
    if (MAY_VANISH.test(c) || seen.has(c) || said.includes(codeOf(c))) continue;
    missing.add(c);
  }
  return [...missing].map((c) => `${codeOf(c)} ${JSON.stringify(c)}`);
}

/**
 * Stricter, for typesetting (where no markup is consumed): each character must be printed at
 * least as often as it was given, unless a diagnostic names it.
 */
export function undercounted(input: string, printed: string, diagnostics: readonly Diagnostic[]): string[] {
  const said = diagnostics.map((d) => `${d.message} ${d.hint ?? ''}`).join('\n');
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
    return counts;
  };
  const given = count(input);
  const out = count(printed);
  return [...given].filter(([c, n]) => !/\s/u.test(c) && (out.get(c) ?? 0) < n && !said.includes(codeOf(c)))
    .map(([c, n]) => `${codeOf(c)} ${JSON.stringify(c)}: ${n} given, ${out.get(c) ?? 0} printed`);
}
