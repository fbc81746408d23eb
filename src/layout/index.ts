/** Layout stage: page tree + fonts → pages of placed items in pt. No I/O. */
import type { Diagnostic } from '../diagnostics';
import type { EditionLayoutSpec, PageSpec, StoryItemSpec } from '../template/types';
import { defaultTypesetOptions, type FontResolver, type TypesetOptions } from '../typeset/types';
import { layoutPage, type PageOutcome, type PhotoLimits } from './copyfit';
import { layoutModules } from './modules';
import { resolveColours, type ResolvedLayout } from './resolve-colours';
import { jumpFromItem, jumpToLine } from './threads';
import type { PlacedPage } from './types';

export interface EditionLayout extends ResolvedLayout {
  /** Lines each thread could not place on its last page, and that page's number (threads that fit are absent). */
  readonly threadOverset: ReadonlyMap<string, { readonly lines: number; readonly lastPage: number }>;
  /** Each thread's last page: its number, the story lines set there, and the lines its story columns hold. */
  readonly threadEnds: ReadonlyMap<string, { readonly lastPage: number; readonly storyLines: number; readonly capacity: number }>;
}

export function layoutEdition(spec: EditionLayoutSpec, fonts: FontResolver, options?: TypesetOptions, photos?: PhotoLimits): EditionLayout {
  // The template's house rules, unless the caller overrides them.
  const setter = { fonts, styles: spec.styles, options: options ?? { ...defaultTypesetOptions, ...spec.rules } };
  const context = { setter, palette: spec.palette, ...(photos ? { limits: photos } : {}) };
  const pages: PlacedPage[] = [];
  const diagnostics: Diagnostic[] = [];
  const threadOverset = new Map<string, { lines: number; lastPage: number }>();
  const threadEnds = new Map<string, { lastPage: number; storyLines: number; capacity: number }>();
  /** What each thread carries to its next page, and from which page. */
  const carried = new Map<string, { items: readonly StoryItemSpec[]; from: number }>();
  let storyFlows = 0;
  spec.pages.forEach((page, index) => {
    const thread = page.story?.thread;
    let result: PageOutcome;
    if (page.modules) {
      result = layoutModules(page, context);
    } else if (!thread) {
      result = layoutPage(page, context);
    } else {
      const before = carried.get(thread.id);
      const story = page.story as NonNullable<PageSpec['story']>;
      const here: PageSpec = before && before.items.length > 0 ? { ...page, story: { ...story, items: [...jumpFromItem(thread, page, before.from), ...before.items] } } : page;
      const next = spec.pages.slice(index + 1).find((p) => p.story?.thread?.id === thread.id);
      result = next ? layoutPage(here, context, { continues: { ...optionalJump(jumpToLine(thread, here, next.number)) } }) : layoutPage(here, context);
      if (next && (result.rest ?? []).length === 0) {
        // The story ended here after all: the page is its last, with no jump line.
        const ended = layoutPage(here, context);
        storyFlows += result.flows;
        result = ended;
        diagnostics.push({
          severity: 'warning', code: 'thread-ended', source: story.source,
          message: `the story ends on page ${page.number}; page ${next.number} has none of it`,
          hint: 'give the feature fewer pages, or let the template add pages as needed',
        });
      }
      const storyName = `page ${page.number} story`;
      const storyLines = result.page.items.filter((item) => item.kind === 'text' && item.story === storyName).length;
      threadEnds.set(thread.id, { lastPage: page.number, storyLines, capacity: (story.columns.last - story.columns.first + 1) * page.grid.lines });
      if (next) carried.set(thread.id, { items: result.rest ?? [], from: page.number });
      else if (result.oversetLines > 0) threadOverset.set(thread.id, { lines: result.oversetLines, lastPage: page.number });
    }
    pages.push(result.page);
    storyFlows += result.flows;
    diagnostics.push(...result.diagnostics);
  });
  // Colours become CMYK values once, here, so render paints values (issue 11).
  const inked = resolveColours(pages);
  return { pages: inked.pages, diagnostics: [...diagnostics, ...inked.diagnostics], storyFlows, threadOverset, threadEnds };
}

const optionalJump = <T>(jump: T | undefined): { jump?: T } => (jump ? { jump } : {});

export * from './types';
export { resolveColours, type InkedText, type ResolvedItem, type ResolvedLayout, type ResolvedPage } from './resolve-colours';
export type { PhotoLimits } from './copyfit';
