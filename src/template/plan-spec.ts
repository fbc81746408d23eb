/**
 * Page plans, house style and score weights as the template writes them: everything that decides
 * how a page looks is template data, so a new arrangement needs no code (docs/template-language.md).
 */
import { parseLength, pt, type Pt } from '../units';
import { childElements, type MarkupElement } from './markup';
import type { SpecReader } from './page-spec';
import { PHOTO_SHAPES, type Cmyk, type ColumnRange, type FrameSpec, type HouseStyle, type PhotoShape, type PlanSpec, type ScoreWeights } from './types';

/** `landscape="3 4 5"`: column counts, smallest first; `all` is the module's width. */
function readSpans(reader: SpecReader, element: MarkupElement, shape: PhotoShape, columns: number): number[] {
  const text = element.attributes[shape];
  if (text === undefined) reader.fail(element, `<frame> needs ${shape}="…" (column counts for a ${shape} photo, or all)`);
  return text.trim().split(/\s+/).map((word) => {
    if (word === 'all') return 0;
    const count = Number(word);
    if (!Number.isInteger(count) || count < 1 || count > columns) reader.fail(element, `${shape}="${text}": each width must be a whole number of columns from 1 to ${columns}, or all`);
    return count;
  });
}

function readFrame(reader: SpecReader, element: MarkupElement, columns: number): FrameSpec {
  const spans = Object.fromEntries(PHOTO_SHAPES.map((shape) => [shape, readSpans(reader, element, shape, columns)])) as Record<PhotoShape, number[]>;
  return {
    anchor: reader.oneOf(element, 'anchor', ['top', 'bottom', 'middle'] as const, 'top'),
    side: reader.oneOf(element, 'side', ['left', 'right', 'after', 'before'] as const, 'right'),
    spans, spaceAfter: reader.integer(element, 'space-after', 1), source: reader.where(element),
  };
}

/** `<head columns="1-4|1-3">`: the widths the part head may take. */
function headChoices(reader: SpecReader, element: MarkupElement, columns: number): ColumnRange[] {
  const text = reader.required(element, 'columns');
  return text.split('|').map((choice) => {
    const match = /^(\d+)-(\d+)$/.exec(choice.trim());
    const first = Number(match?.[1]);
    const last = Number(match?.[2]);
    if (!match || first < 1 || last < first || last > columns) reader.fail(element, `columns="${text}" must be column ranges within 1-${columns}, separated by |`);
    return { first, last };
  });
}

/** `<plans columns="8"><plan name="…" photos="2" role="any"><head columns="1-4"/><frame …/></plan></plans>`. */
export function readPlans(reader: SpecReader, root: MarkupElement): PlanSpec[] {
  const plans: PlanSpec[] = [];
  for (const group of childElements(root, 'plans')) {
    const columns = reader.integer(group, 'columns', 8);
    for (const element of childElements(group, 'plan')) {
      const head = childElements(element, 'head')[0];
      const frames = childElements(element, 'frame').map((frame) => readFrame(reader, frame, columns));
      const photos = reader.integer(element, 'photos', frames.length);
      if (photos !== frames.length) reader.fail(element, `plan for ${photos} photos has ${frames.length} <frame> elements`);
      const module = element.attributes.module === undefined ? {} : { module: reader.columns(element, columns, 'module') };
      const preference = element.attributes.preference === undefined ? {} : { preference: reader.number(element, 'preference', 0, 0, 1000) };
      plans.push({
        ...module, ...preference,
        name: reader.required(element, 'name'), photos, frames,
        role: reader.oneOf(element, 'role', ['opening', 'following', 'any'] as const, 'any'),
        heads: head ? headChoices(reader, head, columns) : [{ first: 1, last: columns }],
        source: reader.where(element),
      });
    }
  }
  const names = new Set<string>();
  for (const plan of plans) {
    if (names.has(plan.name)) reader.fail(root, `two plans are named "${plan.name}"`);
    names.add(plan.name);
  }
  return plans;
}

export const defaultHouse = (bodySize: Pt): HouseStyle => ({
  boxTint: 'tint', boxPadding: pt(bodySize * 0.45), boxInset: pt(bodySize * 0.5), wrapMin: pt(bodySize * 4),
  headerRule: pt(1.5), blockRule: pt(0.75), quoteRule: pt(0.5), ruleColour: 'black', kickerRule: pt(0), kickerRuleColour: 'black',
  photoMinPpi: 200, maxCrop: 0.2, maxBlockAir: 2,
});

/** `<house box-tint="tint" box-padding="0.45字" … />` */
export function readHouse(reader: SpecReader, root: MarkupElement, bodySize: Pt, palette: ReadonlyMap<string, Cmyk>): HouseStyle {
  const base = defaultHouse(bodySize);
  const element = childElements(root, 'house')[0];
  if (!element) return base;
  const length = (name: string, fallback: Pt): Pt => {
    const text = element.attributes[name];
    if (text === undefined) return fallback;
    try { return parseLength(text, bodySize); } catch (error) { reader.fail(element, `${name}: ${(error as Error).message}`); }
  };
  const colour = (name: string, fallback: string): string => {
    const value = element.attributes[name] ?? fallback;
    if (!palette.has(value)) reader.fail(element, `${name}="${value}" is not in the palette (${[...palette.keys()].join(', ')})`);
    return value;
  };
  return {
    boxTint: colour('box-tint', base.boxTint), ruleColour: colour('rule-colour', base.ruleColour),
    kickerRule: length('kicker-rule', base.kickerRule), kickerRuleColour: colour('kicker-rule-colour', base.kickerRuleColour),
    boxPadding: length('box-padding', base.boxPadding), boxInset: length('box-inset', base.boxInset), wrapMin: length('wrap-min', base.wrapMin),
    headerRule: length('header-rule', base.headerRule), blockRule: length('block-rule', base.blockRule), quoteRule: length('quote-rule', base.quoteRule),
    photoMinPpi: reader.number(element, 'photo-min-ppi', base.photoMinPpi, 72, 300),
    maxCrop: reader.number(element, 'max-crop', base.maxCrop, 0, 0.9),
    maxBlockAir: reader.integer(element, 'max-block-air', base.maxBlockAir),
  };
}

export const defaultWeights: ScoreWeights = {
  overset: 1000, hole: 20, unlevel: 8, openArea: 3, lowResolution: 200, crop: 30, headLines: 60,
  shortColumn: 15, order: 40, leading: 2, filler: 3, smallPhoto: 0.5,
};

const WEIGHT_ATTRIBUTES: Readonly<Record<keyof ScoreWeights, string>> = {
  overset: 'overset', hole: 'hole', unlevel: 'unlevel', openArea: 'open-area', lowResolution: 'low-resolution', crop: 'crop',
  headLines: 'head-lines', shortColumn: 'short-column', order: 'order', leading: 'leading', filler: 'filler', smallPhoto: 'small-photo',
};

/** `<score hole="20" open-area="1" …/>`: weights of the plan score. */
export function readWeights(reader: SpecReader, root: MarkupElement): ScoreWeights {
  const element = childElements(root, 'score')[0];
  if (!element) return defaultWeights;
  const known = new Set(Object.values(WEIGHT_ATTRIBUTES));
  for (const name of Object.keys(element.attributes)) {
    if (!known.has(name)) reader.fail(element, `<score> has no weight "${name}" (known: ${[...known].join(', ')})`);
  }
  return Object.fromEntries(Object.entries(WEIGHT_ATTRIBUTES).map(([key, attribute]) =>
    [key, reader.number(element, attribute, defaultWeights[key as keyof ScoreWeights], 0, 1e6)])) as unknown as ScoreWeights;
}
