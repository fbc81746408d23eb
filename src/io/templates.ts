/** Reads a page template and every partial from templates/. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { PipelineError } from '../diagnostics';
import type { TemplateSources } from '../template';
import { projectRoot } from './fonts';

export const templatesDir = join(projectRoot, 'templates');

export function readTemplateSources(name: string, root = templatesDir): TemplateSources {
  const pagePath = join(root, 'pages', `${name}.hbs`);
  if (!existsSync(pagePath)) {
    const known = existsSync(join(root, 'pages')) ? readdirSync(join(root, 'pages')).map((f) => basename(f, '.hbs')) : [];
    throw new PipelineError([{
      severity: 'error', code: 'unknown-template', source: { file: 'edition.yaml', context: 'template' },
      message: `there is no template "${name}" (${relative(projectRoot, pagePath)})`, hint: `known templates: ${known.join(', ') || 'none'}`,
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
