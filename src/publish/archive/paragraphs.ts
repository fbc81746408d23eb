/**
 * A page's text as paragraphs in reading order, from the placed lines: consecutive lines of the
 * same story and the same source (a manuscript paragraph, a caption, a template line) are one
 * paragraph. Both the page text and the ALTO text blocks come from here, so they agree.
 */
import type { InkedText, ResolvedPage } from '../../layout/resolve-colours';

export interface PageParagraph {
  /** Stable within the page: "p4-b12". */
  readonly id: string;
  readonly role: InkedText['role'];
  readonly lines: readonly InkedText[];
  readonly text: string;
}

const sourceKey = (item: InkedText): string =>
  `${item.story}\u0000${item.role}\u0000${item.source?.file}:${item.source?.line}:${item.source?.column}:${item.source?.context}`;

/** What a line's glyphs stand for. */
export const lineText = (item: InkedText): string => item.line.runs.flatMap((run) => run.glyphs.map((g) => g.text)).join('');

export function pageParagraphs(page: ResolvedPage): PageParagraph[] {
  const groups: InkedText[][] = [];
  let key: string | undefined;
  for (const item of page.items) {
    if (item.kind !== 'text') continue;
    const next = sourceKey(item);
    if (next !== key || groups.length === 0) groups.push([]);
    groups[groups.length - 1]?.push(item);
    key = next;
  }
  return groups.map((lines, i) => ({
    id: `p${page.number}-b${i + 1}`,
    role: (lines[0] as InkedText).role,
    lines,
    // The glyphs' own text, exactly what the PDF's ToUnicode maps give back; lines of a
    // paragraph join without a break (CJK needs no space between lines).
    text: lines.map(lineText).join(''),
  }));
}

/** page-<版次>.txt: one paragraph a line, in reading order. */
export const pageText = (page: ResolvedPage): string => `${pageParagraphs(page).map((p) => p.text).join('\n')}\n`;
