/**
 * `newsprint lint <edition-dir>`: every problem of an edition folder, its manuscript, its photos and
 * its template, all at once and each with file:line, without writing a page. It runs the stages a
 * build runs up to layout (so overset and too-small photos are found), and checks the template's
 * files on their own even when the manuscript is too broken to lay out.
 */
import { join } from 'node:path';
import { loadEdition, readEditionFile } from '../content';
import type { Edition } from '../content/model';
import { formatDiagnostic, PipelineError, type Diagnostic } from '../diagnostics';
import { defaultImageOptions, photoPixelSize, resolutionDiagnostics } from '../images';
import { loadFontBook } from '../io/fonts';
import { readTemplateSources } from '../io/templates';
import { effectivePpi } from '../layout/frames';
import { photoRequests, templateAndLayout } from '../pipeline';
import { checkTemplateSources } from '../template';
import { EXIT, HELP_OPTION, parseCommand } from './args';
import { diagnosticAsGiven, onceEach } from './display';
import { unexpectedFailure } from './failure';
import { HELP } from './help';

export const LINT_OPTIONS = { ...HELP_OPTION, templates: { type: 'string' }, template: { type: 'string' } } as const;

/** Runs `fn`; a PipelineError's diagnostics become the result instead of stopping the lint. */
async function collect<T>(into: Diagnostic[], fn: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PipelineError) into.push(...error.diagnostics);
    else into.push(unexpectedFailure(error));
    return undefined;
  }
}

/** Every diagnostic for the edition in `folder`, in the order the stages found them. */
export async function lintEdition(folder: string, templatesDir?: string, template?: string): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  const edition: Edition | undefined = await collect(found, () => loadEdition(folder));
  if (edition) found.push(...edition.diagnostics);
  const meta = edition?.meta ?? readEditionFile(join(folder, 'edition.yaml')).meta;
  if (!meta) return found;
  const sources = await collect(found, () => readTemplateSources(template ?? meta.template, templatesDir, template === undefined ? meta.templateSource : { file: 'command line', context: '--template' }));
  if (!sources) return found;
  if (!edition) {
    // No content to render the template with: its files are still checked on their own.
    found.push(...checkTemplateSources(sources));
    return found;
  }
  const fonts = loadFontBook();
  const applied = await collect(found, () => templateAndLayout(edition, sources, fonts));
  if (!applied) return found;
  const { layout } = applied;
  found.push(...layout.diagnostics);
  for (const request of photoRequests(edition, layout.pages)) {
    const pixels = await photoPixelSize(request.path);
    if (pixels) found.push(...resolutionDiagnostics(request, effectivePpi(pixels, request.width, request.height), defaultImageOptions));
  }
  return found;
}

export async function lintCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, LINT_OPTIONS, { min: 1, max: 1, names: 'the edition folder' });
  if (values.help) { console.log(HELP.lint); return EXIT.ok; }
  const folder = positionals[0] as string;
  const diagnostics = onceEach((await lintEdition(folder, values.templates, values.template)).map((d) => diagnosticAsGiven(d, folder)));
  for (const d of diagnostics) (d.severity === 'error' ? console.error : console.log)(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const summary = `lint ${folder}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; no pages written`;
  (errors > 0 ? console.error : console.log)(summary);
  return errors > 0 ? EXIT.contentErrors : EXIT.ok;
}
