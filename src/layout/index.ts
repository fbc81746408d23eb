/** Layout stage: page tree + fonts → pages of placed items in pt. No I/O. */
import type { Diagnostic } from '../diagnostics';
import type { EditionLayoutSpec } from '../template/types';
import { defaultTypesetOptions, type FontResolver, type TypesetOptions } from '../typeset/types';
import { layoutPage, type PhotoLimits } from './copyfit';
import { resolveColours, type ResolvedLayout } from './resolve-colours';
import type { PlacedPage } from './types';

export function layoutEdition(spec: EditionLayoutSpec, fonts: FontResolver, options?: TypesetOptions, photos?: PhotoLimits): ResolvedLayout {
  // The template's house rules, unless the caller overrides them.
  const setter = { fonts, styles: spec.styles, options: options ?? { ...defaultTypesetOptions, ...spec.rules } };
  const pages: PlacedPage[] = [];
  const diagnostics: Diagnostic[] = [];
  let storyFlows = 0;
  for (const page of spec.pages) {
    const result = layoutPage(page, { setter, palette: spec.palette, ...(photos ? { limits: photos } : {}) });
    pages.push(result.page);
    storyFlows += result.flows;
    diagnostics.push(...result.diagnostics);
  }
  // Colours become CMYK values once, here, so render paints values (issue 11).
  const inked = resolveColours(pages);
  return { pages: inked.pages, diagnostics: [...diagnostics, ...inked.diagnostics], storyFlows };
}

export * from './types';
export { resolveColours, type InkedText, type ResolvedItem, type ResolvedLayout, type ResolvedPage } from './resolve-colours';
export type { PhotoLimits } from './copyfit';
