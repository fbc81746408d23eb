/**
 * Paragraphs the extraction emitted twice. Exact duplicates (same text once markup and
 * whitespace are gone) are dropped, keeping the first; near-duplicates may be a real editorial
 * choice (two lead-ins over one body), so they are kept and only reported for the desk.
 */
import type { Diagnostic } from '../diagnostics';
import { type DraftEntry, type DraftPart } from './draft';
import { comparableText } from './inline';
import type { ParagraphBlock } from './model';

const NEAR_DUPLICATE_SIMILARITY = 0.9;
/**
 * The near-duplicate check compares every pair of paragraphs; past this many (a feature spread
 * has under 200) it would take minutes, so it is skipped with a note. Exact duplicates are still
 * found: that check is linear.
 */
export const MAX_NEAR_DUPLICATE_PARAGRAPHS = 1000;

const isParagraph = (entry: DraftEntry): entry is { kind: 'block'; block: ParagraphBlock } =>
  entry.kind === 'block' && (entry.block.kind === 'paragraph' || entry.block.kind === 'lead-paragraph');

const paragraphText = (block: ParagraphBlock): string => comparableText(block.spans.map((s) => s.text).join(''));

/** The text after a lead paragraph's bold lead-in; undefined for other paragraphs. */
const bodyAfterLeadIn = (block: ParagraphBlock): string | undefined => {
  if (block.kind !== 'lead-paragraph') return undefined;
  const leadIn = block.spans.findIndex((s) => s.bold);
  return comparableText(block.spans.slice(leadIn + 1).map((s) => s.text).join(''));
};

const bigrams = (text: string): Map<string, number> => {
  const chars = [...text];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
};

/** Dice coefficient over character bigrams: cheap, and insensitive to where an edit falls. */
const similarity = (a: Map<string, number>, b: Map<string, number>): number => {
  let shared = 0;
  let total = 0;
  for (const [pair, count] of a) {
    shared += Math.min(count, b.get(pair) ?? 0);
    total += count;
  }
  for (const count of b.values()) total += count;
  return total === 0 ? 0 : (2 * shared) / total;
};

export const dropDuplicateParagraphs = (
  parts: readonly DraftPart[],
  file: string,
): { parts: DraftPart[]; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const firstLineOf = new Map<string, number>();
  const kept = parts.map((part): DraftPart => ({
    ...part,
    entries: part.entries.filter((entry) => {
      if (!isParagraph(entry)) return true;
      const key = paragraphText(entry.block);
      const line = entry.block.source.line ?? 0;
      const first = firstLineOf.get(key);
      if (first === undefined) {
        firstLineOf.set(key, line);
        return true;
      }
      diagnostics.push({
        severity: 'warning',
        code: 'duplicate-paragraph',
        message: `paragraph at line ${line} repeats line ${first} word for word; dropped the repeat`,
        source: { file, line },
        hint: `delete line ${line} from the manuscript, or change it if it was meant to differ`,
      });
      return false;
    }),
  }));
  diagnostics.push(...findNearDuplicates(kept, file));
  return { parts: kept, diagnostics };
};

const findNearDuplicates = (parts: readonly DraftPart[], file: string): Diagnostic[] => {
  const paragraphs = parts.flatMap((part) => part.entries.filter(isParagraph).map((entry) => entry.block));
  if (paragraphs.length > MAX_NEAR_DUPLICATE_PARAGRAPHS) {
    return [{
      severity: 'info', code: 'near-duplicate-skipped', source: { file },
      message: `the manuscript has ${paragraphs.length} paragraphs, more than the ${MAX_NEAR_DUPLICATE_PARAGRAPHS} the near-duplicate check compares pairwise; near duplicates were not looked for`,
    }];
  }
  const texts = paragraphs.map(paragraphText);
  const grams = texts.map(bigrams);
  // Short bodies ("是的。") repeat innocently; only a real body counts as the same text.
  const bodies = paragraphs.map((paragraph) => {
    const body = bodyAfterLeadIn(paragraph);
    return body !== undefined && [...body].length >= 10 ? body : undefined;
  });
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    for (let j = i + 1; j < paragraphs.length; j++) {
      const a = paragraphs[i] as ParagraphBlock;
      const b = paragraphs[j] as ParagraphBlock;
      const sameBody = bodies[i] !== undefined && bodies[i] === bodies[j];
      let why = 'the same text under a different lead-in';
      if (!sameBody) {
        const lengthA = (texts[i] as string).length;
        const lengthB = (texts[j] as string).length;
        // Texts whose lengths differ by more than 10% cannot be 90% alike; skip the comparison.
        if (Math.min(lengthA, lengthB) < NEAR_DUPLICATE_SIMILARITY * Math.max(lengthA, lengthB)) continue;
        const score = similarity(grams[i] as Map<string, number>, grams[j] as Map<string, number>);
        if (score < NEAR_DUPLICATE_SIMILARITY) continue;
        why = `${Math.round(score * 100)}% alike`;
      }
      diagnostics.push({
        severity: 'warning',
        code: 'near-duplicate',
        message: `paragraph at line ${b.source.line} is nearly a repeat of line ${a.source.line} (${why}); kept both`,
        source: { file, line: b.source.line },
        hint: 'if one of them is an editing leftover, delete it from the manuscript',
      });
    }
  }
  return diagnostics;
};

