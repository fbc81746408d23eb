/**
 * Handlebars → layout markup. Content reaches the markup only through {{ }} escaping, after
 * XML-illegal characters are stripped, so `<`, `&` and `{{` in an article print literally.
 */
import Handlebars from 'handlebars';
import { PipelineError, type Diagnostic } from '../diagnostics';
import type { Edition, Part, PhotoAssignment } from '../content/model';
import { templateHelpers } from './helpers';

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

export function templateData(edition: Edition): unknown {
  const { meta, feature } = edition;
  const diagnostics: Diagnostic[] = [];
  if (feature.parts.length > meta.pages.length) {
    diagnostics.push({
      severity: 'error', code: 'too-many-parts', source: { file: 'edition.yaml', context: 'pages' },
      message: `the feature has ${feature.parts.length} parts but the edition lists ${meta.pages.length} pages`,
      hint: 'add a page number per part to `pages` in edition.yaml',
    });
    throw new PipelineError(diagnostics);
  }
  const placement = photosByPage(edition.photos, meta.pages);
  return sanitise({
    paper: meta.paper,
    date: meta.date,
    section: meta.section,
    partHeads: meta.part_heads ?? 'horizontal',
    editors: meta.editors,
    // Strict templates reject missing keys, so optional fields are present as null.
    feature: { ...feature, subtitle: feature.subtitle ?? null, credit: feature.credit ?? null },
    pages: meta.pages.map((number, i) => ({
      page: { number, isFirst: i === 0 },
      part: partData(feature.parts[i]),
      photoCount: (placement[i] ?? []).length,
      photos: (placement[i] ?? []).map((index) => {
        const caption = edition.photos[index]?.caption;
        return { index, caption: { text: caption?.text ?? '', credit: caption?.credit ?? null, source: caption?.source ?? null } };
      }),
    })),
  });
}

function positionOf(error: unknown): { line?: number; column?: number } {
  const e = error as { lineNumber?: number; column?: number; message?: string };
  if (typeof e.lineNumber === 'number') return { line: e.lineNumber, column: (e.column ?? 0) + 1 };
  const match = /Parse error on line (\d+)/.exec(e.message ?? '');
  return match ? { line: Number(match[1]) } : {};
}

export function renderTemplate(sources: TemplateSources, data: unknown): string {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(templateHelpers)) handlebars.registerHelper(name, helper);
  for (const [name, partial] of sources.partials) handlebars.registerPartial(name, partial);
  try {
    const template = handlebars.compile(sources.page, { strict: true, noEscape: false });
    return template(data);
  } catch (error) {
    throw new PipelineError([{
      severity: 'error', code: 'template', source: { file: sources.pagePath, ...positionOf(error) },
      message: error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error),
      hint: 'fix the template; partials are in templates/partials/',
    }]);
  }
}
