/**
 * Proofreading checks on an imported feature. They never change the text (the desk decides);
 * they only point at lines worth a second look.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import { type Feature, blockText } from './model';

/** Half-width punctuation squeezed between two Chinese characters: "衡南,衡阳" should be "衡南，衡阳". */
const HALF_WIDTH_BETWEEN_HAN = /(?<=\p{Script=Han})[ ]?([,;:?!()])[ ]?(?=\p{Script=Han})/gu;

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

/** Chinese paired marks that must open and close within one paragraph. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['（', '）'],
];

interface LintTarget {
  readonly text: string;
  readonly source: SourceRef;
  /** Only paragraphs are checked for balance: headings may legitimately quote across lines. */
  readonly checkPairs: boolean;
}

const targets = (feature: Feature): LintTarget[] => [
  { text: feature.title, source: feature.titleSource, checkPairs: false },
  ...feature.parts.flatMap((part) => [
    { text: part.headline.join(''), source: part.source, checkPairs: false },
    ...part.blocks.map((block) => ({
      text: blockText(block),
      source: block.source,
      checkPairs: block.kind === 'paragraph' || block.kind === 'lead-paragraph',
    })),
  ]),
  ...feature.captions.map((caption) => ({ text: caption.text, source: caption.source, checkPairs: false })),
];

const halfWidthPunct = (target: LintTarget): Diagnostic[] =>
  [...target.text.matchAll(HALF_WIDTH_BETWEEN_HAN)].map((m) => {
    const mark = m[1] ?? '';
    const at = m.index ?? 0;
    const excerpt = target.text.slice(Math.max(0, at - 6), at + m[0].length + 6);
    return {
      severity: 'warning',
      code: 'half-width-punct',
      message: `half-width "${mark}" between Chinese characters in "…${excerpt}…"`,
      source: target.source,
      hint: `use the full-width "${FULL_WIDTH[mark] ?? mark}"`,
    };
  });

/** An apostrophe inside a Latin word ("don’t") is not a Chinese closing quote. */
const isApostrophe = (text: string, at: number): boolean => /[A-Za-z]/.test(text[at - 1] ?? '') && /[A-Za-z]/.test(text[at + 1] ?? '');

const unbalancedPairs = (target: LintTarget): Diagnostic[] => {
  const problems: string[] = [];
  for (const [open, close] of PAIRS) {
    let depth = 0;
    let closedTooEarly = false;
    // UTF-16 indices on purpose: the marks are all in the BMP and isApostrophe looks at neighbours.
    for (let i = 0; i < target.text.length; i++) {
      const char = target.text[i];
      if (char === open) depth++;
      else if (char === close && !(close === '’' && isApostrophe(target.text, i))) {
        depth--;
        if (depth < 0) closedTooEarly = true;
      }
    }
    if (depth !== 0 || closedTooEarly) problems.push(`${open}${close}`);
  }
  if (problems.length === 0) return [];
  return [
    {
      severity: 'warning',
      code: 'unbalanced-quotes',
      message: `unbalanced ${problems.join(' ')} in "${target.text.slice(0, 24)}…"`,
      source: target.source,
      hint: 'check that every opening mark has its closing mark in the same paragraph',
    },
  ];
};

export const lintFeature = (feature: Feature): Diagnostic[] =>
  targets(feature).flatMap((target) => [...halfWidthPunct(target), ...(target.checkPairs ? unbalancedPairs(target) : [])]);
