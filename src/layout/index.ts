/** Layout stage: page tree + fonts → pages of placed items in pt. No I/O. */
import type { Diagnostic } from '../diagnostics';
import type { EditionLayoutSpec } from '../template/types';
import { defaultTypesetOptions, type FontResolver, type TypesetOptions } from '../typeset/types';
import { layoutPage, type PhotoLimits } from './copyfit';
import type { LayoutResult, PlacedPage } from './types';

export function layoutEdition(spec: EditionLayoutSpec, fonts: FontResolver, options?: TypesetOptions, photos?: PhotoLimits): LayoutResult {
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
  return { pages, diagnostics, storyFlows };
}

export * from './types';
export type { PhotoLimits } from './copyfit';
