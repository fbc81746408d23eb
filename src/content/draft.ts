/**
 * The importer's working form: parts whose entries interleave blocks and captions in manuscript
 * order. Captions must travel with the text around them while reading order is restored, so
 * they stay in the stream until the very end, when they are pulled out with their part index.
 */
import { extractFillers } from './fillers';
import type { Block, Caption, Part } from './model';

export type CaptionDraft = Omit<Caption, 'partIndex'>;

export type DraftEntry =
  | { readonly kind: 'block'; readonly block: Block }
  | { readonly kind: 'caption'; readonly caption: CaptionDraft };

export interface DraftPart extends Omit<Part, 'blocks' | 'fillers'> {
  readonly entries: readonly DraftEntry[];
}

export const entryLine = (entry: DraftEntry): number =>
  (entry.kind === 'block' ? entry.block.source.line : entry.caption.source.line) ?? 0;

export const partName = (part: DraftPart, index: number): string =>
  part.label === '' ? `part ${index + 1}` : part.label;

/** Runs after duplicates are dropped and reading order restored, so fillers see the final text. */
export const finishParts = (drafts: readonly DraftPart[]): { parts: Part[]; captions: Caption[] } => {
  const captions: Caption[] = [];
  const parts = drafts.map((draft, partIndex): Part => {
    const blocks: Block[] = [];
    for (const entry of draft.entries) {
      if (entry.kind === 'block') blocks.push(entry.block);
      else captions.push({ ...entry.caption, partIndex });
    }
    const { entries: _entries, ...rest } = draft;
    return { ...rest, blocks, fillers: extractFillers(blocks) };
  });
  return { parts, captions };
};
