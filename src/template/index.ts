/** Template stage: Edition + templates/ → typed page tree (and the markup, for inspection). */
import type { Edition } from '../content/model';
import { parseMarkup } from './markup';
import { readLayoutSpec } from './page-spec';
import { renderTemplate, templateData, type TemplateSources } from './render';
import type { EditionLayoutSpec } from './types';

export interface TemplateOutput {
  readonly markup: string;
  readonly spec: EditionLayoutSpec;
}

export function applyTemplate(edition: Edition, sources: TemplateSources): TemplateOutput {
  const markup = renderTemplate(sources, templateData(edition));
  const root = parseMarkup(markup, `${edition.meta.template}.xml (layout markup from ${sources.pagePath})`);
  return { markup, spec: readLayoutSpec(root, `${edition.meta.template}.xml`, edition.meta.manuscript) };
}

export type { TemplateSources } from './render';
export * from './types';
