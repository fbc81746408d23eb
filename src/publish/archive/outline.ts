/**
 * The archive's outline: page → part → section, each entry landing on its heading as placed.
 * A part's entry lands on its kicker line (上篇　回首 2020); a section's on its lettered head,
 * found by the manuscript line it came from. A part whose sections run onto a later page
 * appears there again, landing on its first section head on that page.
 */
import { basename } from 'node:path';
import type { Edition } from '../../content/model';
import type { InkedText, ResolvedPage } from '../../layout/resolve-colours';
import type { OutlineEntry } from '../../render';

const top = (item: InkedText): number => item.baseline - item.line.size;

const firstLine = (page: ResolvedPage, match: (item: InkedText) => boolean): InkedText | undefined =>
  page.items.find((item): item is InkedText => item.kind === 'text' && match(item));

export function editionOutline(edition: Edition, pages: readonly ResolvedPage[]): OutlineEntry[] {
  const manuscript = basename(edition.meta.manuscript);
  return pages.map((page, pageIndex) => {
    const parts = edition.feature.parts.flatMap((part): OutlineEntry[] => {
      const sections = part.blocks.flatMap((block): OutlineEntry[] => {
        if (block.kind !== 'section') return [];
        const head = firstLine(page, (item) => item.role === 'display' && item.source?.file === manuscript && item.source.line === block.source.line);
        return head ? [{ title: `${block.letter} ${block.title}`, pageIndex, top: top(head), left: head.x, children: [] }] : [];
      });
      const kicker = firstLine(page, (item) => item.role === 'display' && item.line.text.startsWith(part.label));
      if (!kicker && sections.length === 0) return [];
      const title = `${part.label}　${part.kickerTitle}：${part.headline.join(' ')}`;
      const landing = kicker ? { top: top(kicker), left: kicker.x } : { top: (sections[0] as OutlineEntry).top, left: (sections[0] as OutlineEntry).left };
      return [{ title, pageIndex, ...landing, children: sections }];
    });
    return { title: `第${page.number}版 ${edition.meta.section}`, pageIndex, top: 0, left: 0, children: parts };
  });
}
