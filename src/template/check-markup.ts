/**
 * The layout markup's vocabulary, checked before it is read: every element where it may stand,
 * every attribute it may take, every style, colour and font role it names. Each mistake is a
 * diagnostic at the template line that wrote it, listing the names that are valid, and all of
 * them are reported at once (docs/template-language.md documents the same names).
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import { childElements, type MarkupElement } from './markup';

const LINE = ['style', 'line'];
const STORY_ITEM = ['line', 'style', 'space-before'];
const HOUSE = [
  'box-tint', 'box-padding', 'box-inset', 'wrap-min', 'header-rule', 'block-rule', 'quote-rule', 'rule-colour',
  'kicker-rule', 'kicker-rule-colour', 'photo-min-ppi', 'max-crop', 'max-block-air',
];
const WEIGHTS = ['overset', 'hole', 'unlevel', 'open-area', 'low-resolution', 'crop', 'head-lines', 'short-column', 'order', 'leading', 'filler', 'small-photo'];

/** `parent>element` (or `element` anywhere) → the attributes it takes. */
export const MARKUP_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  edition: ['punctuation', 'kinsoku', 'cjk-latin-gap', 'min-last-line', 'trim-opening', 'add-pages'],
  palette: [], colour: ['name', 'cmyk'],
  styles: [], style: ['name', 'base', 'font', 'punct-font', 'size', 'color', 'colour', 'leading', 'align', 'indent'],
  plans: ['columns'], plan: ['name', 'photos', 'role', 'module', 'preference'], 'plan>head': ['columns'],
  frame: ['anchor', 'side', 'landscape', 'portrait', 'square', 'panorama', 'space-after'],
  house: HOUSE, score: WEIGHTS,
  page: ['number', 'role', 'trim', 'margins', 'bleed', 'columns', 'column-width', 'body-size', 'pitch', 'pitch-min', 'pitch-max'],
  header: ['lines'], cell: ['align'], line: LINE,
  block: ['columns', 'anchor', 'space-after', 'rule-below', 'vertical', 'grow'],
  'page>head': ['space-after', 'vertical-kicker', 'vertical'], 'module>head': ['space-after', 'vertical-kicker', 'vertical'],
  module: ['space-before', 'rule-above'],
  photo: ['photo', 'columns', 'anchor', 'aspect', 'space-after', 'line', 'width'], caption: ['style', 'line'],
  story: ['columns', 'line', 'balance', 'thread', 'jump-to', 'jump-from', 'jump-style', 'jump-from-style'],
  p: [...STORY_ITEM, 'kind', 'continued'], section: STORY_ITEM, subhead: STORY_ITEM, credit: STORY_ITEM,
  keywords: [...STORY_ITEM, 'label'], databox: [...STORY_ITEM, 'label'], pullquote: STORY_ITEM,
  b: [],
};

const SPANS = ['b'];
/** element → the elements that may stand in it. */
export const MARKUP_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  edition: ['palette', 'styles', 'plans', 'house', 'score', 'page'],
  palette: ['colour'], styles: ['style'], plans: ['plan'], plan: ['head', 'frame'],
  page: ['header', 'block', 'head', 'photo', 'story', 'module'], module: ['head', 'photo', 'story'],
  header: ['cell'], cell: ['line'], block: ['line'], head: ['line'], photo: ['caption'],
  story: ['p', 'section', 'keywords', 'subhead', 'credit', 'pullquote', 'databox'],
  line: SPANS, caption: SPANS, p: SPANS, section: SPANS, keywords: SPANS, subhead: SPANS, credit: SPANS, pullquote: SPANS, databox: SPANS, b: SPANS,
  colour: [], style: [], frame: [], house: [], score: [],
};

/** Story items and captions without a style="…" use these styles, which the template must define. */
const DEFAULT_STYLES: Readonly<Record<string, string>> = {
  p: 'body', section: 'section', keywords: 'keywords', subhead: 'subhead', credit: 'credit', pullquote: 'pull-quote', databox: 'keywords', caption: 'caption',
};

/** Styles every template needs whatever it writes: body text, its bold, and captions. */
const REQUIRED_STYLES = ['body', 'body-bold', 'caption'];

/** "black" needs no palette entry: it is process black unless the palette says otherwise. */
const IMPLICIT_COLOURS = ['black'];

const list = (names: Iterable<string>): string => [...names].sort().join(', ') || 'none';

export interface MarkupVocabulary {
  /** The font roles fonts/fonts.json defines; without it font roles are not checked. */
  readonly fontRoles?: readonly string[];
}

export function checkMarkup(root: MarkupElement, markupFile: string, vocabulary: MarkupVocabulary = {}): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const at = (element: MarkupElement): SourceRef =>
    ({ ...(element.templateSource ?? { file: markupFile, line: element.line, column: element.column }), context: `<${element.name}>` });
  const report = (element: MarkupElement, code: string, message: string, hint: string): void => {
    problems.push({ severity: 'error', code, source: at(element), message, hint });
  };

  const walk = (element: MarkupElement, parent: string | undefined): void => {
    const allowed = MARKUP_ATTRIBUTES[`${parent}>${element.name}`] ?? MARKUP_ATTRIBUTES[element.name] ?? [];
    for (const name of Object.keys(element.attributes)) {
      if (!allowed.includes(name)) report(element, 'template-attribute', `<${element.name}> has no attribute "${name}"`, `<${element.name}> takes: ${list(allowed)}`);
    }
    const children = MARKUP_CHILDREN[element.name] ?? [];
    for (const child of childElements(element)) {
      if (!(child.name in MARKUP_CHILDREN)) {
        report(child, 'template-element', `there is no element <${child.name}>`, `elements: ${list(Object.keys(MARKUP_CHILDREN))}`);
        continue;
      }
      if (!children.includes(child.name)) {
        report(child, 'template-element', `<${child.name}> cannot stand in <${element.name}>`, `<${element.name}> holds: ${list(children)}`);
        continue;
      }
      walk(child, element.name);
    }
  };
  if (root.name !== 'edition') report(root, 'template-element', `the layout markup's root is <${root.name}>`, 'the root element must be <edition>');
  else walk(root, undefined);

  const styleElements = childElements(root, 'styles').flatMap((group) => childElements(group, 'style'));
  const styles = new Set(styleElements.map((s) => s.attributes.name ?? ''));
  const colours = new Set([...IMPLICIT_COLOURS, ...childElements(root, 'palette').flatMap((group) => childElements(group, 'colour')).map((c) => c.attributes.name ?? '')]);
  const fontRoles = vocabulary.fontRoles ? new Set(vocabulary.fontRoles) : undefined;

  for (const required of REQUIRED_STYLES) {
    if (!styles.has(required)) report(root, 'template-style', `the template defines no "${required}" style`, `every template needs the styles ${REQUIRED_STYLES.join(', ')}; it defines: ${list(styles)}`);
  }
  for (const style of styleElements) {
    const base = style.attributes.base;
    if (base !== undefined && !styles.has(base)) {
      report(style, 'template-style', `style "${style.attributes.name}": base="${base}" is not a style`, `styles the template defines: ${list(styles)}`);
    }
    const colour = style.attributes.color ?? style.attributes.colour;
    if (colour !== undefined && !colours.has(colour)) {
      report(style, 'template-colour', `style "${style.attributes.name}": colour "${colour}" is not in the palette`, `palette colours: ${list(colours)}; add <colour name="${colour}" cmyk="c m y k"/> to <palette> to define it`);
    }
    for (const attribute of ['font', 'punct-font']) {
      const role = style.attributes[attribute];
      if (role !== undefined && fontRoles && !fontRoles.has(role)) {
        report(style, 'template-font', `style "${style.attributes.name}": font role "${role}" is not in fonts/fonts.json`, `font roles: ${list(fontRoles)}; add the role to fonts/fonts.json or use one of these`);
      }
    }
  }
  const house = childElements(root, 'house')[0];
  for (const attribute of ['box-tint', 'rule-colour', 'kicker-rule-colour']) {
    const colour = house?.attributes[attribute];
    if (house && colour !== undefined && !colours.has(colour)) report(house, 'template-colour', `${attribute}: colour "${colour}" is not in the palette`, `palette colours: ${list(colours)}`);
  }

  // Every style a line, caption or story item names, or falls back to, must be defined.
  const usesStyles = (element: MarkupElement): void => {
    const named = element.attributes.style;
    const style = named ?? DEFAULT_STYLES[element.name];
    if (style !== undefined && !styles.has(style)) {
      const how = named === undefined ? `<${element.name}> is set in the style "${style}", which the template does not define` : `unknown style "${style}"`;
      report(element, 'template-style', how, `styles the template defines: ${list(styles)}; define <style name="${style}" …/> in <styles> or use one of these`);
    }
    for (const child of childElements(element)) usesStyles(child);
  };
  for (const page of childElements(root, 'page')) usesStyles(page);
  return problems;
}
