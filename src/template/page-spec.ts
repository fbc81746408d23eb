/**
 * Layout markup → typed page tree. Every attribute is checked here, and an error names the markup
 * line and column, so layout never has to guess.
 */
import { PipelineError, type Diagnostic, type SourceRef } from '../diagnostics';
import { parseLength, pt, type Pt } from '../units';
import { childElements, type MarkupElement, type MarkupNode } from './markup';
import { readHouse, readPlans, readWeights } from './plan-spec';
import type {
  Cmyk, ColumnRange, DisplayBlockSpec, EditionLayoutSpec, HeadSpec, HeaderSpec, HouseStyle, MarkupSpan, ModuleSpec, PagePhotoSpec, PageSpec,
  PhotoFrameSpec, PlanSpec, ScoreWeights, StoryItemKind, StoryItemSpec, StorySpec, TextLineSpec, TextStyleSpec, TypesettingRules,
} from './types';

export class SpecReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly file: string, private readonly manuscript: string) {}

  where(element: MarkupElement, context?: string): SourceRef {
    const place = element.templateSource ?? { file: this.file, line: element.line, column: element.column };
    return { ...place, context: context ?? `<${element.name}>` };
  }

  /** Where the content came from: the manuscript line the template passed along, else the markup. */
  contentSource(element: MarkupElement, context: string): SourceRef {
    const line = Number(element.attributes.line);
    return Number.isInteger(line) && line > 0 ? { file: this.manuscript, line, context } : this.where(element, context);
  }

  fail(element: MarkupElement, message: string): never {
    throw new PipelineError([{ severity: 'error', code: 'markup', source: this.where(element), message }]);
  }

  required(element: MarkupElement, name: string): string {
    const value = element.attributes[name];
    if (value === undefined || value === '') this.fail(element, `<${element.name}> needs the attribute ${name}`);
    return value;
  }

  length(element: MarkupElement, name: string, bodySize?: Pt, fallback?: string): Pt {
    const text = element.attributes[name] ?? fallback;
    if (text === undefined) this.fail(element, `<${element.name}> needs the attribute ${name}`);
    try {
      return parseLength(text, bodySize);
    } catch (error) {
      this.fail(element, `${name}: ${(error as Error).message}`);
    }
  }

  integer(element: MarkupElement, name: string, fallback: number): number {
    const text = element.attributes[name];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) this.fail(element, `${name}="${text}" must be a whole number ≥ 0`);
    return value;
  }

  /** `columns="5-8"` (or `"3"`), within 1..total. */
  columns(element: MarkupElement, total: number, name = 'columns'): ColumnRange {
    const text = this.required(element, name);
    const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
    const first = Number(match?.[1]);
    const last = Number(match?.[2] ?? match?.[1]);
    if (!match || first < 1 || last < first || last > total) this.fail(element, `${name}="${text}" must be a column range within 1-${total}, e.g. 5-8`);
    return { first, last };
  }

  number(element: MarkupElement, name: string, fallback: number, min: number, max: number): number {
    const text = element.attributes[name];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!(value >= min && value <= max)) this.fail(element, `${name}="${text}" must be a number from ${min} to ${max}`);
    return value;
  }

  oneOf<T extends string>(element: MarkupElement, name: string, allowed: readonly T[], fallback: T): T {
    const value = element.attributes[name] ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) this.fail(element, `${name}="${value}" must be one of ${allowed.join(', ')}`);
    return value as T;
  }
}

function spansOf(nodes: readonly MarkupNode[], bold = false): MarkupSpan[] {
  const spans: MarkupSpan[] = [];
  for (const node of nodes) {
    if (typeof node === 'string') {
      if (node.length > 0) spans.push({ text: node, bold });
    } else {
      spans.push(...spansOf(node.children, bold || node.name === 'b'));
    }
  }
  // Template indentation and line breaks are not content.
  return spans
    .map((s) => ({ ...s, text: s.text.replace(/[\r\n]+\s*/g, '') }))
    .filter((s) => s.text.length > 0);
}

/** Attributes a style takes from its `base` when it does not set them itself (never the name). */
const INHERITED_STYLE_ATTRIBUTES = ['font', 'punct-font', 'size', 'color', 'colour', 'leading', 'align', 'indent'];

/**
 * `<style name="lead" base="body" font="hei"/>`: a style inherits every attribute it does not set
 * from its base, and the base from its own, so a house change to body text is made once.
 */
function inheritedAttributes(reader: SpecReader, element: MarkupElement, byName: ReadonlyMap<string, MarkupElement>, chain: readonly string[] = []): Record<string, string> {
  const name = element.attributes.name ?? '';
  const baseName = element.attributes.base;
  if (baseName === undefined) return { ...element.attributes };
  if (chain.includes(baseName) || baseName === name) reader.fail(element, `style "${name}" inherits from itself (${[...chain, name, baseName].join(' → ')})`);
  const base = byName.get(baseName);
  if (!base) reader.fail(element, `style "${name}": base="${baseName}" is not a style (styles: ${[...byName.keys()].sort().join(', ')})`);
  const inherited = inheritedAttributes(reader, base, byName, [...chain, name]);
  const merged: Record<string, string> = {};
  for (const attribute of INHERITED_STYLE_ATTRIBUTES) {
    const value = inherited[attribute];
    if (value !== undefined) merged[attribute] = value;
  }
  // A colour set either way replaces the inherited one.
  if (element.attributes.color !== undefined || element.attributes.colour !== undefined) { delete merged.color; delete merged.colour; }
  return { ...merged, ...element.attributes };
}

function readStyles(reader: SpecReader, root: MarkupElement, bodySize: Pt): Map<string, TextStyleSpec> {
  const styles = new Map<string, TextStyleSpec>();
  const elements = childElements(root, 'styles').flatMap((group) => childElements(group, 'style'));
  const byName = new Map(elements.map((element) => [element.attributes.name ?? '', element] as const));
  for (const element of elements) {
    const attributes = inheritedAttributes(reader, element, byName);
    // Read through the same checks as a style written out in full, at the style's own place.
    const resolved: MarkupElement = { ...element, attributes };
    const name = reader.required(resolved, 'name');
    const size = reader.length(resolved, 'size', bodySize);
    styles.set(name, {
      name,
      font: reader.required(resolved, 'font'),
      ...(attributes['punct-font'] ? { punctuationFont: attributes['punct-font'] } : {}),
      size,
      color: attributes.color ?? attributes.colour ?? 'black',
      leading: attributes.leading ? reader.length(resolved, 'leading', bodySize) : pt(size * 1.25),
      align: reader.oneOf(resolved, 'align', ['justify', 'start', 'center', 'end'] as const, 'justify'),
      indent: reader.length(resolved, 'indent', bodySize, '0'),
    });
  }
  return styles;
}

function readPalette(reader: SpecReader, root: MarkupElement): Map<string, Cmyk> {
  const palette = new Map<string, Cmyk>();
  for (const group of childElements(root, 'palette')) {
    for (const element of childElements(group, 'colour')) {
      const values = reader.required(element, 'cmyk').trim().split(/\s+/).map(Number);
      if (values.length !== 4 || values.some((v) => !(v >= 0 && v <= 100))) reader.fail(element, 'cmyk must be four numbers 0–100');
      const [c = 0, m = 0, y = 0, k = 0] = values;
      palette.set(reader.required(element, 'name'), { c, m, y, k });
    }
  }
  return palette;
}

function readLine(reader: SpecReader, element: MarkupElement, styles: ReadonlyMap<string, TextStyleSpec>): TextLineSpec {
  const style = reader.required(element, 'style');
  if (!styles.has(style)) reader.fail(element, `unknown style "${style}"`);
  return { style, spans: spansOf(element.children), source: reader.contentSource(element, `${style} line`) };
}

const STORY_ITEMS: Readonly<Record<string, { kind: StoryItemKind; style: string }>> = {
  p: { kind: 'paragraph', style: 'body' },
  section: { kind: 'section', style: 'section' },
  keywords: { kind: 'keywords', style: 'keywords' },
  subhead: { kind: 'subhead', style: 'subhead' },
  credit: { kind: 'credit', style: 'credit' },
  pullquote: { kind: 'pull-quote', style: 'pull-quote' },
  databox: { kind: 'data-box', style: 'keywords' },
};

function readStory(reader: SpecReader, element: MarkupElement, columns: number, styles: ReadonlyMap<string, TextStyleSpec>): StorySpec {
  const items: StoryItemSpec[] = [];
  for (const child of childElements(element)) {
    const known = STORY_ITEMS[child.name];
    if (!known) reader.fail(child, `<${child.name}> cannot stand in a story (use ${Object.keys(STORY_ITEMS).join(', ')})`);
    const kind = child.name === 'p' && child.attributes.kind === 'lead-paragraph' ? 'lead-paragraph' : known.kind;
    let spans = spansOf(child.children);
    if (kind === 'keywords') spans = [{ text: `${child.attributes.label ?? '关键词'}：`, bold: true }, ...spans];
    if (kind === 'data-box') spans = [{ text: `${child.attributes.label ?? '数据'}：`, bold: true }, ...spans];
    const filler = kind === 'pull-quote' || kind === 'data-box' ? { filler: kind } : {};
    if (child.attributes.continued === 'true') Object.assign(filler, { continued: true });
    items.push({
      ...filler,
      kind,
      style: child.attributes.style ?? known.style,
      spans,
      spaceBefore: reader.integer(child, 'space-before', 0),
      source: reader.contentSource(child, `${kind} ${items.length + 1}`),
    });
  }
  const threadId = element.attributes.thread;
  const a = element.attributes;
  const thread = threadId === undefined || threadId === '' ? {} : {
    thread: {
      id: threadId, jumpStyle: a['jump-style'] ?? 'jump', jumpFromStyle: a['jump-from-style'] ?? a['jump-style'] ?? 'jump',
      ...(a['jump-to'] ? { jumpTo: a['jump-to'] } : {}), ...(a['jump-from'] ? { jumpFrom: a['jump-from'] } : {}),
    },
  };
  for (const style of thread.thread && (thread.thread.jumpTo || thread.thread.jumpFrom) ? [thread.thread.jumpStyle, thread.thread.jumpFromStyle] : []) {
    if (!styles.has(style)) reader.fail(element, `jump style "${style}" is not a style (styles: ${[...styles.keys()].sort().join(', ')})`);
  }
  return {
    columns: reader.columns(element, columns), items, source: reader.contentSource(element, 'story'),
    balance: reader.oneOf(element, 'balance', ['true', 'false'] as const, 'true') === 'true',
    ...thread,
  };
}

/** `line="30" width="1.5"`: a photo the story runs around. */
function readInStory(reader: SpecReader, element: MarkupElement): PhotoFrameSpec['inStory'] {
  if (element.attributes.line === undefined) return undefined;
  const widthText = element.attributes.width ?? '1';
  const widthColumns = Number(widthText);
  if (!(widthColumns > 0)) reader.fail(element, `width="${widthText}" must be a number of columns > 0`);
  return { line: reader.integer(element, 'line', 0), widthColumns };
}

function readHead(reader: SpecReader, element: MarkupElement, styles: ReadonlyMap<string, TextStyleSpec>): HeadSpec {
  return {
    lines: childElements(element, 'line').map((line) => readLine(reader, line, styles)),
    verticalKicker: reader.oneOf(element, 'vertical-kicker', ['true', 'false'] as const, 'false') === 'true',
    vertical: reader.oneOf(element, 'vertical', ['true', 'false'] as const, 'false') === 'true',
    spaceAfter: reader.integer(element, 'space-after', 1),
    source: reader.where(element),
  };
}

/** `<photo photo="2"><caption>…</caption></photo>`: a photo a plan places. */
function readPagePhoto(reader: SpecReader, element: MarkupElement): PagePhotoSpec {
  const caption = childElements(element, 'caption')[0];
  return {
    photo: reader.integer(element, 'photo', 0),
    caption: caption
      ? { style: caption.attributes.style ?? 'caption', spans: spansOf(caption.children), source: reader.contentSource(caption, 'caption') }
      : { style: 'caption', spans: [], source: reader.where(element) },
    source: reader.where(element),
  };
}

/** `<module space-before="1" rule-above="true">` with a head, photos and a story. */
function readModule(reader: SpecReader, element: MarkupElement, columns: number, styles: ReadonlyMap<string, TextStyleSpec>, first: boolean): ModuleSpec {
  let head: HeadSpec | undefined;
  let story: StorySpec | undefined;
  const photos: PagePhotoSpec[] = [];
  for (const child of childElements(element)) {
    if (child.name === 'head') {
      if (head) reader.fail(child, 'a module holds one head');
      head = readHead(reader, child, styles);
    } else if (child.name === 'photo') {
      photos.push(readPagePhoto(reader, child));
    } else if (child.name === 'story') {
      if (story) reader.fail(child, 'a module holds one story');
      story = readStory(reader, child, columns, styles);
      if (story.thread) reader.fail(child, 'a story in a <module> cannot thread to another page');
    } else {
      reader.fail(child, `<${child.name}> cannot stand in a <module> (use head, photo, story)`);
    }
  }
  return {
    ...(head ? { head } : {}), ...(story ? { story } : {}), photos,
    spaceBefore: reader.integer(element, 'space-before', first ? 0 : 1),
    ruleAbove: reader.oneOf(element, 'rule-above', ['true', 'false'] as const, first ? 'false' : 'true') === 'true',
    source: reader.where(element),
  };
}

interface EditionWide { readonly plans: readonly PlanSpec[]; readonly house: HouseStyle; readonly weights: ScoreWeights }

function readPage(reader: SpecReader, element: MarkupElement, styles: ReadonlyMap<string, TextStyleSpec>, edition: EditionWide): PageSpec {
  const [trimWidth, trimHeight] = (element.attributes.trim ?? '').split(/\s+/);
  const margins = (element.attributes.margins ?? '').split(/\s+/);
  if (!trimWidth || !trimHeight || margins.length !== 4) reader.fail(element, 'a page needs trim="W H" and margins="top right bottom left"');
  const bodySize = reader.length(element, 'body-size');
  const asLength = (text: string, what: string): Pt => {
    try { return parseLength(text, bodySize); } catch (error) { reader.fail(element, `${what}: ${(error as Error).message}`); }
  };
  const [marginTop, marginRight, marginBottom, marginLeft] = margins.map((m, i) => asLength(m, `margin ${i + 1}`)) as [Pt, Pt, Pt, Pt];
  const geometryBase = { trimWidth: asLength(trimWidth, 'trim width'), trimHeight: asLength(trimHeight, 'trim height'), marginTop, marginRight, marginBottom, marginLeft };
  const typeAreaWidth = pt(geometryBase.trimWidth - marginLeft - marginRight);
  const typeAreaHeight = pt(geometryBase.trimHeight - marginTop - marginBottom);
  const columns = reader.integer(element, 'columns', 1);
  const columnWidth = reader.length(element, 'column-width', bodySize);
  const pitch = reader.length(element, 'pitch', bodySize);
  const pitchMax = element.attributes['pitch-max'] ? reader.length(element, 'pitch-max', bodySize) : pitch;
  if (pitchMax < pitch) reader.fail(element, 'pitch-max must not be smaller than pitch');
  const pitchMin = element.attributes['pitch-min'] ? reader.length(element, 'pitch-min', bodySize) : pitch;
  if (pitchMin > pitch) reader.fail(element, 'pitch-min must not be larger than pitch');
  if (pitchMin < bodySize) reader.fail(element, 'pitch-min must not be smaller than the body size');
  const gutter = columns > 1 ? pt((typeAreaWidth - columns * columnWidth) / (columns - 1)) : pt(0);
  if (childElements(element, 'module').length > 0 && childElements(element).some((c) => ['head', 'story'].includes(c.name) || (c.name === 'photo' && c.attributes.columns === undefined))) {
    reader.fail(element, 'a page with <module> elements keeps its head, photos and story inside them');
  }
  if (columns < 1 || gutter < 0) reader.fail(element, `${columns} columns of ${columnWidth.toFixed(1)} pt do not fit a type area ${typeAreaWidth.toFixed(1)} pt wide`);

  let header: HeaderSpec | undefined;
  const blocks: (DisplayBlockSpec | PhotoFrameSpec)[] = [];
  let story: StorySpec | undefined;
  let head: HeadSpec | undefined;
  const photos: PagePhotoSpec[] = [];
  const modules: ModuleSpec[] = [];
  for (const child of childElements(element)) {
    if (child.name === 'header') {
      header = {
        lines: reader.integer(child, 'lines', 2),
        source: reader.where(child),
        cells: childElements(child, 'cell').map((cell) => {
          const line = childElements(cell, 'line')[0];
          if (!line) reader.fail(cell, '<cell> needs a <line>');
          return { align: reader.oneOf(cell, 'align', ['start', 'center', 'end'] as const, 'start'), line: readLine(reader, line, styles) };
        }),
      };
    } else if (child.name === 'block') {
      blocks.push({
        kind: 'display', columns: reader.columns(child, columns),
        anchor: reader.oneOf(child, 'anchor', ['top', 'bottom'] as const, 'top'),
        spaceAfter: reader.integer(child, 'space-after', 0),
        ruleBelow: child.attributes['rule-below'] === 'true',
        vertical: child.attributes.vertical === 'true',
        growLines: reader.integer(child, 'grow', 0),
        lines: childElements(child, 'line').map((line) => readLine(reader, line, styles)),
        source: reader.where(child),
      });
    } else if (child.name === 'head') {
      if (head) reader.fail(child, 'a page holds one part head (use <module> for more stories on a page)');
      head = readHead(reader, child, styles);
    } else if (child.name === 'photo' && child.attributes.columns === undefined) {
      photos.push(readPagePhoto(reader, child));
    } else if (child.name === 'module') {
      modules.push(readModule(reader, child, columns, styles, modules.length === 0));
    } else if (child.name === 'photo') {
      const aspectText = child.attributes.aspect ?? '3:2';
      const [w, h] = aspectText.split(':').map(Number);
      if (!w || !h) reader.fail(child, `aspect="${aspectText}" must be W:H`);
      const caption = childElements(child, 'caption')[0];
      blocks.push({
        kind: 'photo', columns: reader.columns(child, columns),
        anchor: reader.oneOf(child, 'anchor', ['top', 'bottom'] as const, 'top'),
        photo: reader.integer(child, 'photo', 0), aspect: w / h,
        spaceAfter: reader.integer(child, 'space-after', 1),
        caption: caption
          ? { style: caption.attributes.style ?? 'caption', spans: spansOf(caption.children), source: reader.contentSource(caption, 'caption') }
          : { style: 'caption', spans: [], source: reader.where(child) },
        inStory: readInStory(reader, child),
        source: reader.where(child),
      });
    } else if (child.name === 'story') {
      if (story) reader.fail(child, 'a page holds one story (use <module> for more stories on a page)');
      story = readStory(reader, child, columns, styles);
    } else {
      reader.fail(child, `unknown element <${child.name}> in a page`);
    }
  }
  return {
    number: reader.integer(element, 'number', 1),
    geometry: { ...geometryBase, bleed: reader.length(element, 'bleed', bodySize, '3mm'), typeAreaWidth, typeAreaHeight },
    role: reader.oneOf(element, 'role', ['opening', 'following'] as const, 'opening'),
    grid: { columns, columnWidth, gutter, pitch, pitchMax, pitchMin, bodySize, lines: Math.floor((typeAreaHeight - bodySize) / pitch) + 1 },
    header, blocks, head, photos, plans: edition.plans.filter((plan) => plan.heads.every((head) => head.last <= columns)), story,
    ...(modules.length > 0 ? { modules } : {}),
    house: edition.house, weights: edition.weights, source: reader.where(element),
  };
}

export function readLayoutSpec(root: MarkupElement, markupFile: string, manuscriptFile: string): EditionLayoutSpec {
  const reader = new SpecReader(markupFile, manuscriptFile);
  if (root.name !== 'edition') reader.fail(root, 'the layout markup must have <edition> at its root');
  const pageElements = childElements(root, 'page');
  if (pageElements.length === 0) reader.fail(root, 'the layout markup has no <page>');
  const bodySize = reader.length(pageElements[0] as MarkupElement, 'body-size');
  const styles = readStyles(reader, root, bodySize);
  for (const required of ['body', 'body-bold', 'caption']) {
    if (!styles.has(required)) reader.fail(root, `the template defines no "${required}" style`);
  }
  const palette = readPalette(reader, root);
  const edition: EditionWide = { plans: readPlans(reader, root), house: readHouse(reader, root, bodySize, palette), weights: readWeights(reader, root) };
  return {
    styles, palette, rules: readRules(reader, root), pages: pageElements.map((page) => readPage(reader, page, styles, edition)),
    addPages: reader.oneOf(root, 'add-pages', ['true', 'false'] as const, 'false') === 'true',
  };
}

/** `<edition punctuation="quanshen" kinsoku="strict" cjk-latin-gap="0.25" min-last-line="2" trim-opening="true">`. */
function readRules(reader: SpecReader, root: MarkupElement): TypesettingRules {
  const a = root.attributes;
  const rules: { -readonly [K in keyof TypesettingRules]: TypesettingRules[K] } = {};
  if (a.punctuation !== undefined) rules.punctuation = reader.oneOf(root, 'punctuation', ['kaiming', 'quanshen'] as const, 'kaiming');
  if (a.kinsoku !== undefined) rules.kinsoku = reader.oneOf(root, 'kinsoku', ['gb', 'strict'] as const, 'gb');
  if (a['cjk-latin-gap'] !== undefined) {
    const gap = Number(a['cjk-latin-gap']);
    if (!(gap >= 0.125 && gap <= 0.5)) reader.fail(root, `cjk-latin-gap="${a['cjk-latin-gap']}" must be from 0.125 to 0.5 (em)`);
    rules.cjkLatinGap = gap;
  }
  if (a['min-last-line'] !== undefined) rules.minLastLineChars = reader.integer(root, 'min-last-line', 2);
  if (a['trim-opening'] !== undefined) rules.trimOpeningAtLineStart = reader.oneOf(root, 'trim-opening', ['true', 'false'] as const, 'false') === 'true';
  return rules;
}

