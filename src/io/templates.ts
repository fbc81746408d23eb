/** Reads a page template and every partial from templates/. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { PipelineError, type SourceRef } from '../diagnostics';
import { TEMPLATE_NAME } from './edition-files';
import type { TemplateSources } from '../template';
import { projectRoot } from './fonts';

export const templatesDir = join(projectRoot, 'templates');

/** `name` is a bare name (never a path), looked up in templates/pages/ only; `source` is where the edition names it. */
export function readTemplateSources(name: string, root = templatesDir, source: SourceRef = { file: 'edition.yaml', context: 'template' }): TemplateSources {
  const pagePath = join(root, 'pages', `${name}.hbs`);
  if (!TEMPLATE_NAME.test(name) || !existsSync(pagePath)) {
    const known = existsSync(join(root, 'pages')) ? readdirSync(join(root, 'pages')).map((f) => basename(f, '.hbs')) : [];
    throw new PipelineError([{
      severity: 'error', code: 'unknown-template', source,
      message: TEMPLATE_NAME.test(name) ? `there is no template "${name}" (${relative(projectRoot, pagePath)})` : `"${name}" is not a template name`, hint: `known templates: ${known.join(', ') || 'none'}`,
    }]);
  }
  const partials = new Map<string, string>();
  const partialsDir = join(root, 'partials');
  if (existsSync(partialsDir)) {
    for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
      partials.set(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
    }
  }
  return { pagePath: relative(projectRoot, pagePath), page: readFileSync(pagePath, 'utf8'), partials };
}
