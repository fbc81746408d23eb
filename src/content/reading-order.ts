/**
 * Restores reading order broken by the extraction. A lettered section (A, B, C…) continues the
 * part in which its letter sequence started: when B and C turn up after a later part's text,
 * they are moved back behind A, in letter order. A section's run is the section head and all
 * that follows it up to the next section or the end of its part; a run moves whole, captions
 * included, and keeps its own internal order.
 */
import type { Diagnostic } from '../diagnostics';
import { type DraftEntry, type DraftPart, entryLine, partName } from './draft';

interface SectionRun {
  readonly letter: string;
  readonly entries: readonly DraftEntry[];
}

interface SplitPart {
  readonly preamble: readonly DraftEntry[];
  readonly runs: SectionRun[];
}

const splitIntoRuns = (entries: readonly DraftEntry[]): SplitPart => {
  const preamble: DraftEntry[] = [];
  const runs: { letter: string; entries: DraftEntry[] }[] = [];
  for (const entry of entries) {
    const current = runs[runs.length - 1];
    if (entry.kind === 'block' && entry.block.kind === 'section') runs.push({ letter: entry.block.letter, entries: [entry] });
    else if (current) current.entries.push(entry);
    else preamble.push(entry);
  }
  return { preamble, runs };
};

/** Puts `run` before the first run with a later letter, so that the part reads A, B, C. */
const insertInLetterOrder = (runs: SectionRun[], run: SectionRun): number => {
  const at = runs.findIndex((other) => other.letter > run.letter);
  const index = at === -1 ? runs.length : at;
  runs.splice(index, 0, run);
  return index;
};

const lastLine = (split: SplitPart, beforeRun: number): number | undefined => {
  const entries = [...split.preamble, ...split.runs.slice(0, beforeRun).flatMap((r) => r.entries)];
  const last = entries[entries.length - 1];
  return last ? entryLine(last) : undefined;
};

export const restoreReadingOrder = (
  parts: readonly DraftPart[],
  file: string,
): { parts: DraftPart[]; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const splits = parts.map((part) => splitIntoRuns(part.entries));
  let sequence: { home: number; lastLetter: string } | undefined;

  splits.forEach((split, partIndex) => {
    for (const run of [...split.runs]) {
      // A letter that does not follow the current sequence starts a new one, in this part.
      if (!sequence || run.letter <= sequence.lastLetter) sequence = { home: partIndex, lastLetter: run.letter };
      sequence.lastLetter = run.letter;
      if (sequence.home === partIndex) continue;

      const home = splits[sequence.home];
      if (!home) continue;
      split.runs.splice(split.runs.indexOf(run), 1);
      const index = insertInLetterOrder(home.runs, run);
      const from = entryLine(run.entries[0] as DraftEntry);
      const to = entryLine(run.entries[run.entries.length - 1] as DraftEntry);
      const after = lastLine(home, index);
      const homeName = partName(parts[sequence.home] as DraftPart, sequence.home);
      diagnostics.push({
        severity: 'warning',
        code: 'reordered',
        message:
          `section ${run.letter} (lines ${from}-${to}) stood in ${partName(parts[partIndex] as DraftPart, partIndex)}; ` +
          `moved back to ${homeName}${after === undefined ? '' : ` after line ${after}`}, where its letter sequence began`,
        source: { file, line: from, context: `section ${run.letter}` },
        hint: 'check that the section belongs where it was moved; fix the manuscript order to silence this',
      });
    }
  });

  const restored = parts.map((part, index): DraftPart => {
    const split = splits[index] as SplitPart;
    return { ...part, entries: [...split.preamble, ...split.runs.flatMap((run) => run.entries)] };
  });
  return { parts: restored, diagnostics };
};
