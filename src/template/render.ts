/**
 * Handlebars → layout markup. Content reaches the markup only through {{ }} escaping, after
 * XML-illegal characters are stripped, so `<`, `&` and `{{` in an article print literally.
 */
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { PipelineError, type Diagnostic } from '../diagnostics';
import type { Edition, Part, PhotoAssignment } from '../content/model';
import { templateHelpers } from './helpers';
import { annotateTags, templateReferences, type HandlebarsEnvironment } from './source-map';

export interface TemplateSources {
  /** Path of the page template, for messages. */
  readonly pagePath: string;
  readonly page: string;
  readonly partials: ReadonlyMap<string, string>;
}

const XML_ILLEGAL = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Deep copy with every string made XML-safe. */
function sanitise(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(XML_ILLEGAL, '');
  if (Array.isArray(value)) return value.map(sanitise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitise(v)]));
  }
  return value;
}

/** Which photos go on which page: the edition file's `page`, else spread evenly in order. */
export function photosByPage(photos: readonly PhotoAssignment[], pageNumbers: readonly number[]): number[][] {
  const result: number[][] = pageNumbers.map(() => []);
  const unplaced: number[] = [];
  photos.forEach((photo, index) => {
    const pageIndex = photo.entry.page === undefined ? -1 : pageNumbers.indexOf(photo.entry.page);
    if (pageIndex >= 0) result[pageIndex]?.push(index);
    else unplaced.push(index);
  });
  const perPage = Math.ceil(unplaced.length / Math.max(1, pageNumbers.length));
  unplaced.forEach((photoIndex, i) => result[Math.min(pageNumbers.length - 1, Math.floor(i / perPage))]?.push(photoIndex));
  return result;
}

/** Figures a 数据 box takes at most. */
const DATA_BOX_FIGURES = 3;

/**
 * A part with its filler offer for the template: the best pull quote and a few figures, and after
 * which blocks they would stand: between two paragraphs (never under a head or against a box), the
 * quote early in the part and the 数据 box about two thirds in.
 */
function partData(part: Part | undefined): unknown {
  if (!part) return null;
  const isText = (i: number): boolean => ['paragraph', 'lead-paragraph'].includes(part.blocks[i]?.kind ?? '');
  const between = part.blocks.map((_, i) => i).filter((i) => isText(i) && isText(i + 1));
  const quoteAfter = between.find((i) => i >= 2) ?? between[0] ?? -1;
  const rest = between.filter((i) => i !== quoteAfter);
  const target = (part.blocks.length * 2) / 3;
  const dataAfter = rest.reduce((best, i) => (best < 0 || Math.abs(i - target) < Math.abs(best - target) ? i : best), -1);
  const figures = part.fillers.figures.slice(0, DATA_BOX_FIGURES);
  const quote = part.fillers.quotes[0];
  return {
    ...part,
    fillers: {
      quote: quote ? { text: quote.text, speaker: quote.speaker ?? null, source: quote.source } : null,
      quoteAfter,
      figures,
      figuresLine: figures[0]?.source.line ?? null,
      dataAfter,
    },
  };
}

/** How a feature's parts run over pages: `pagesPerPart[i]` pages for part i (default one each). */
export interface PageRun {
  readonly pagesPerPart?: readonly number[];
  /** How many of part i's photos each of its pages takes (default: spread evenly, earlier pages first). */
  readonly photosPerPage?: readonly (readonly number[] | undefined)[];
}

/** Part i's photos cut into `count` runs of the given sizes, or evenly. */
function splitPhotos(photos: readonly number[], count: number, sizes?: readonly number[]): number[][] {
  if (sizes && sizes.length === count && sizes.reduce((a, b) => a + b, 0) === photos.length) {
    let at = 0;
    return sizes.map((size) => photos.slice(at, (at += size)));
  }
  return Array.from({ length: count }, (_, k) => photos.filter((_, j) => Math.floor((j * count) / photos.length) === k));
}

/** Which part each photo belongs to: the part of the edition page it names, else spread evenly in order. */
export function photosByPart(edition: Edition): number[][] {
  return photosByPage(edition.photos, edition.meta.pages.slice(0, Math.max(1, edition.feature.parts.length)))
    .concat(Array.from({ length: Math.max(0, edition.feature.parts.length - edition.meta.pages.length) }, () => []));
}

const photoData = (edition: Edition, index: number): unknown => {
  const caption = edition.photos[index]?.caption;
  return { index, caption: { text: caption?.text ?? '', credit: caption?.credit ?? null, source: caption?.source ?? null } };
};

/**
 * The data every template gets (docs/template-language.md lists it):
 * - `pages`: the edition's pages, part i on page i (a part with no page is an error, raised when a template reads them);
 * - `parts`: every part with its photos, for templates that set several parts on one page;
 * - `runPages`: each part on as many pages as `run` gives it, numbered on from the edition's first
 *   page, with the part's photos spread over them and a `thread` naming the part's run.
 */
export function templateData(edition: Edition, run: PageRun = {}): unknown {
  const { meta, feature } = edition;
  const placement = photosByPage(edition.photos, meta.pages);
  const byPart = photosByPart(edition);
  const parts = feature.parts.map((part, i) => ({ ...(partData(part) as object), number: i + 1, photos: (byPart[i] ?? []).map((index) => photoData(edition, index)) }));
  const firstPage = meta.pages[0] ?? 1;
  const runPages: unknown[] = [];
  let number = firstPage;
  feature.parts.forEach((_, i) => {
    const count = Math.max(1, run.pagesPerPart?.[i] ?? 1);
    const split = splitPhotos(byPart[i] ?? [], count, run.photosPerPage?.[i]);
    for (let k = 0; k < count; k++) {
      const own = split[k] ?? [];
      runPages.push({
        page: { number, isFirst: number === firstPage }, part: parts[i],
        thread: { id: `part-${i + 1}`, first: k === 0, last: k === count - 1, index: k, count },
        photoCount: own.length, photos: own.map((index) => photoData(edition, index)),
      });
      number += 1;
    }
  });
  const data = sanitise({
    paper: meta.paper,
    date: meta.date,
    section: meta.section,
    partHeads: meta.part_heads ?? 'horizontal',
    editors: meta.editors,
    // Strict templates reject missing keys, so optional fields are present as null.
    feature: { ...feature, subtitle: feature.subtitle ?? null, credit: feature.credit ?? null },
    firstPage,
    parts,
    runPages,
  }) as Record<string, unknown>;
  const pages = sanitise(meta.pages.map((pageNumber, i) => ({
    page: { number: pageNumber, isFirst: i === 0 },
    part: partData(feature.parts[i]),
    photoCount: (placement[i] ?? []).length,
    photos: (placement[i] ?? []).map((index) => photoData(edition, index)),
  })));
  // Only a template that sets one part per edition page needs a page for every part.
  Object.defineProperty(data, 'pages', {
    enumerable: true,
    get: () => {
      if (feature.parts.length > meta.pages.length) {
        throw new PipelineError([{
          severity: 'error', code: 'too-many-parts', source: { file: 'edition.yaml', context: 'pages' },
          message: `the feature has ${feature.parts.length} parts but the edition lists ${meta.pages.length} pages`,
          hint: 'add a page number per part to `pages` in edition.yaml, or choose a template that runs parts on as many pages as they need (tabloid)',
        }]);
      }
      return pages;
    },
  });
  return data;
}

/** A Handlebars error's place: parse errors carry the parser's location, compile errors line and column. */
function positionOf(error: unknown, text?: string): { line?: number; column?: number } {
  const e = error as { lineNumber?: number; column?: number; message?: string; hash?: { loc?: { first_line?: number; first_column?: number } } };
  if (typeof e.lineNumber === 'number') return { line: e.lineNumber, column: (e.column ?? 0) + 1 };
  const loc = e.hash?.loc;
  if (typeof loc?.first_line === 'number') return { line: loc.first_line, column: (loc.first_column ?? 0) + 1 };
  const match = /Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(e.message ?? '');
  if (!match) return {};
  const line = Number(match[1]);
  // The parser shows the last few characters it read, then a caret: find them on that line.
  const read = (match[2] ?? '').slice(0, (match[3] ?? '').length).replace(/^\.\.\./, '');
  const sourceLine = text?.split('\n')[line - 1];
  const at = sourceLine === undefined || read === '' ? -1 : sourceLine.lastIndexOf(read);
  return at < 0 ? { line } : { line, column: at + read.length + 1 };
}

/** The first line of a Handlebars message, without the " - 12:3" it appends (the place goes in the SourceRef). */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/^Parse error/.test(text)) {
    const expecting = /Expecting (.*), got '([^']*)'/.exec(text);
    return expecting ? `Handlebars syntax: expected ${expecting[1]}, found ${expecting[2]}` : 'Handlebars syntax error';
  }
  return (text.split('\n')[0] ?? text).replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
}

/** The file a partial is read from, shown in messages: templates/partials/<name>.hbs beside templates/pages/. */
export const partialPath = (pagePath: string, name: string): string => join(dirname(dirname(pagePath)), 'partials', `${name}.hbs`);

const templateError = (file: string, error: unknown, hint: string, text?: string): Diagnostic => ({
  severity: 'error', code: 'template', source: { file, ...positionOf(error, text) }, message: messageOf(error), hint,
});

/** Marks an error with the template file it happened in, innermost partial first. */
const FILE_OF_ERROR = Symbol('template file');

function parseAnnotated(handlebars: HandlebarsEnvironment, text: string, file: string, problems: Diagnostic[]): hbs.AST.Program | undefined {
  try {
    const program = handlebars.parseWithoutProcessing(text);
    annotateTags(program, file);
    return program;
  } catch (error) {
    problems.push(templateError(file, error, 'fix the Handlebars syntax at this place: every {{ needs its }}, every {{#block}} its {{/block}}', text));
    return undefined;
  }
}

/** Unknown partials and helpers, all at once, each with its place and the names that exist. */
function unknownReferences(files: readonly { file: string; program: hbs.AST.Program }[], partials: ReadonlySet<string>): Diagnostic[] {
  const helpers = Object.keys(templateHelpers).sort();
  return files.flatMap(({ file, program }) => templateReferences(program, file).flatMap((ref): Diagnostic[] => {
    if (ref.kind === 'partial' && !partials.has(ref.name)) {
      return [{ severity: 'error', code: 'template-partial', source: ref.source, message: `there is no partial "${ref.name}"`, hint: `partials in templates/partials/: ${[...partials].sort().join(', ') || 'none'}` }];
    }
    if (ref.kind === 'helper' && !(ref.name in templateHelpers)) {
      return [{ severity: 'error', code: 'template-helper', source: ref.source, message: `there is no helper "${ref.name}"`, hint: `helpers: ${helpers.join(', ')}, and Handlebars' if, unless, each, with, lookup` }];
    }
    return [];
  }));
}

/** Parses the page and every partial, registers the partials, and finds unknown partials and helpers. */
function prepare(sources: TemplateSources): { handlebars: HandlebarsEnvironment; page?: hbs.AST.Program; problems: Diagnostic[] } {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(templateHelpers)) handlebars.registerHelper(name, helper);
  const problems: Diagnostic[] = [];
  const page = parseAnnotated(handlebars, sources.page, sources.pagePath, problems);
  const files = page ? [{ file: sources.pagePath, program: page }] : [];
  for (const [name, text] of sources.partials) {
    const file = partialPath(sources.pagePath, name);
    const program = parseAnnotated(handlebars, text, file, problems);
    if (!program) continue;
    files.push({ file, program });
    const compiled = handlebars.compile(program, { strict: true, noEscape: false });
    handlebars.registerPartial(name, ((context: unknown, options: unknown) => {
      try {
        return (compiled as (c: unknown, o: unknown) => string)(context, options);
      } catch (error) {
        if (error && typeof error === 'object' && !(FILE_OF_ERROR in error)) Object.assign(error, { [FILE_OF_ERROR]: file });
        throw error;
      }
    }) as unknown as Handlebars.Template);
  }
  problems.push(...unknownReferences(files, new Set(sources.partials.keys())));
  return { handlebars, ...(page ? { page } : {}), problems };
}

/** The template's own mistakes (syntax, unknown partials and helpers), found without any content. */
export const checkTemplateSources = (sources: TemplateSources): Diagnostic[] => prepare(sources).problems;

export function renderTemplate(sources: TemplateSources, data: unknown): string {
  const { handlebars, page, problems } = prepare(sources);
  if (problems.length > 0 || !page) throw new PipelineError(problems);
  try {
    return handlebars.compile(page, { strict: true, noEscape: false })(data);
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    const file = (error as { [FILE_OF_ERROR]?: string } | null)?.[FILE_OF_ERROR] ?? sources.pagePath;
    throw new PipelineError([templateError(file, error, 'fix the template at this place: in strict mode every name must exist in the data (docs/template-language.md lists it)')]);
  }
}
