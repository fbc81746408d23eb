/** Template stage: Edition + templates/ → typed page tree (and the markup, for inspection). */
import type { Edition } from '../content/model';
import { PipelineError } from '../diagnostics';
import { checkMarkup } from './check-markup';
import { parseMarkup } from './markup';
import { readLayoutSpec } from './page-spec';
import { renderTemplate, templateData, type PageRun, type TemplateSources } from './render';
import type { EditionLayoutSpec } from './types';

export interface TemplateOutput {
  readonly markup: string;
  readonly spec: EditionLayoutSpec;
}

/** `fontRoles`: the roles fonts/fonts.json defines, so that a style naming another is an error here, not in layout. */
export function applyTemplate(edition: Edition, sources: TemplateSources, fontRoles?: readonly string[], run?: PageRun): TemplateOutput {
  const markup = renderTemplate(sources, templateData(edition, run));
  const root = parseMarkup(markup, `${edition.meta.template}.xml (layout markup from ${sources.pagePath})`);
  const problems = checkMarkup(root, `${edition.meta.template}.xml`, fontRoles ? { fontRoles } : {});
  if (problems.length > 0) throw new PipelineError(problems);
  return { markup, spec: readLayoutSpec(root, `${edition.meta.template}.xml`, edition.meta.manuscript) };
}

export type { PageRun, TemplateSources } from './render';
export { checkTemplateSources, photosByPart } from './render';
export * from './types';
