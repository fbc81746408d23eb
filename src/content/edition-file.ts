/**
 * Reads and validates edition.yaml. The schema is a declarative table: the validator walks it
 * alongside the YAML nodes, so every message can name the key, the file and the line.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, type Node, type Pair, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { TEMPLATE_NAME } from '../io/edition-files';
import { formatBytes, INPUT_LIMITS } from '../io/limits';
import type { EditionMeta, PhotoEntry } from './model';

type Rule =
  | { readonly kind: 'string' }
  | { readonly kind: 'date' }
  | { readonly kind: 'positive-int' }
  | { readonly kind: 'fraction' }
  | { readonly kind: 'choice'; readonly values: readonly string[] }
  | { readonly kind: 'list'; readonly item: Rule; readonly nonEmpty: boolean }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, Field>> };

interface Field {
  readonly rule: Rule;
  readonly required: boolean;
}

const text: Rule = { kind: 'string' };
const required = (rule: Rule): Field => ({ rule, required: true });
const optional = (rule: Rule): Field => ({ rule, required: false });
const record = (fields: Record<string, Field>): Rule => ({ kind: 'record', fields });
const list = (item: Rule, nonEmpty = false): Rule => ({ kind: 'list', item, nonEmpty });

const EDITION_SCHEMA: Rule = record({
  paper: required(text),
  date: required({ kind: 'date' }),
  pages: required(list({ kind: 'positive-int' }, true)),
  section: required(text),
  editors: optional(record({ 责任编辑: optional(text), 美术编辑: optional(text), 校对: optional(text) })),
  template: required(text),
  manuscript: required(text),
  /** How the template sets each part's kicker: across the page, or as a vertical (竖排) head. */
  part_heads: optional({ kind: 'choice', values: ['horizontal', 'vertical'] }),
  photos: optional(
    list(
      record({
        file: required(text),
        caption: optional(text),
        page: optional({ kind: 'positive-int' }),
        focus: optional(record({ x: required({ kind: 'fraction' }), y: required({ kind: 'fraction' }) })),
      }),
    ),
  ),
});

const describe = (rule: Rule): string => {
  switch (rule.kind) {
    case 'string':
      return 'a text';
    case 'date':
      return 'a real date written YYYY-MM-DD';
    case 'positive-int':
      return 'a positive whole number';
    case 'fraction':
      return 'a number from 0 to 1';
    case 'choice':
      return `one of ${rule.values.join(', ')}`;
    case 'list':
      return `a ${rule.nonEmpty ? 'non-empty ' : ''}list of ${describe(rule.item).replace(/^an? /, '')} items`;
    case 'record':
      return `a map with keys ${Object.keys(rule.fields).join(', ')}`;
  }
};

const isRealIsoDate = (value: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
};

/** Edit distance, to suggest the key the author probably meant. */
const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
};

/** Keys longer than this get no suggestion: the edit distance is quadratic in the key's length. */
const MAX_SUGGESTED_KEY = 40;

const suggestion = (key: string, known: readonly string[]): string => {
  if (key.length > MAX_SUGGESTED_KEY) return '';
  const best = known.map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best.k}"?)` : '';
};

/** Control characters, format (invisible) characters and the Unicode line/paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** A key or value quoted in a message, cut so that one hostile line cannot flood the report. */
const shorten = (text: string, max = 60): string => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

class Validator {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  lineOf(node: Node | Pair | null | undefined, fallback = 1): number {
    const offset = node && 'range' in node ? node.range?.[0] : node && 'key' in node ? (node.key as Node | null)?.range?.[0] : undefined;
    return offset === undefined ? fallback : this.lines.linePos(offset).line;
  }

  error(line: number, code: string, message: string): void {
    this.diagnostics.push({ severity: 'error', code, message, source: { file: this.file, line } });
  }

  /** Returns the plain value when `node` obeys `rule`, undefined (with a diagnostic) when not. */
  check(node: unknown, rule: Rule, name: string, line: number): unknown {
    const found = isScalar(node) ? shorten(JSON.stringify(node.value) ?? String(node.value)) : isSeq(node) ? 'a list' : isMap(node) ? 'a map' : 'nothing';
    const wrong = (): undefined => {
      this.error(line, 'edition-type', `"${name}" must be ${describe(rule)}, found ${found}`);
      return undefined;
    };
    switch (rule.kind) {
      case 'string': {
        if (!isScalar(node) || typeof node.value !== 'string') return wrong();
        // Values are printed (header, captions) or used in names: an invisible character there
        // cannot be seen in edition.yaml, so it is refused rather than silently dropped.
        const unprintable = UNPRINTABLE.exec(node.value)?.[0];
        if (unprintable === undefined) return node.value;
        const code = `U+${(unprintable.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
        this.diagnostics.push({
          severity: 'error', code: 'edition-text-character', source: { file: this.file, line },
          message: `"${shorten(name)}" holds ${code}, a control, invisible or line-separator character that cannot be printed`,
          hint: 'retype the value without it (it may have come in with copied text)',
        });
        return undefined;
      }
      case 'positive-int':
        return isScalar(node) && Number.isInteger(node.value) && (node.value as number) > 0 ? node.value : wrong();
      case 'fraction':
        return isScalar(node) && typeof node.value === 'number' && node.value >= 0 && node.value <= 1 ? node.value : wrong();
      case 'choice':
        return isScalar(node) && typeof node.value === 'string' && rule.values.includes(node.value) ? node.value : wrong();
      case 'date': {
        // A YAML 1.1 timestamp arrives as a Date; YAML 1.2 (the default) keeps it a string.
        const value = isScalar(node) && node.value instanceof Date ? node.value.toISOString().slice(0, 10) : isScalar(node) ? node.value : undefined;
        return typeof value === 'string' && isRealIsoDate(value) ? value : wrong();
      }
      case 'list': {
        if (!isSeq(node) || (rule.nonEmpty && node.items.length === 0)) return wrong();
        const values = node.items.map((item, i) => this.check(item, rule.item, `${name}[${i}]`, this.lineOf(item as Node, line)));
        return values.every((v) => v !== undefined) ? values : undefined;
      }
      case 'record':
        return isMap(node) ? this.checkRecord(node, rule.fields, name, line) : wrong();
    }
  }

  private checkRecord(node: import('yaml').YAMLMap, fields: Readonly<Record<string, Field>>, name: string, line: number): unknown {
    const result: Record<string, unknown> = {};
    let ok = true;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const keyLine = this.lineOf(pair.key as Node, line);
      // The key as written: under YAML 1.1 a bare `y` key would otherwise read as the boolean true.
      const key = isScalar(pair.key) ? String(pair.key.source ?? pair.key.value) : String(pair.key);
      const qualified = name === '' ? key : `${name}.${key}`;
      const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (seen.has(key)) {
        this.error(keyLine, 'edition-duplicate-key', `key "${shorten(qualified)}" is set twice; a key may appear once`);
        ok = false;
        continue;
      }
      seen.add(key);
      if (!field) {
        this.error(keyLine, 'edition-unknown-key', `unknown key "${shorten(qualified)}"${suggestion(key, Object.keys(fields))}`);
        ok = false;
        continue;
      }
      const value = this.check(pair.value, field.rule, qualified, keyLine);
      if (value === undefined) ok = false;
      else result[key] = value;
    }
    for (const [key, field] of Object.entries(fields)) {
      if (field.required && !seen.has(key)) {
        this.error(line, 'edition-missing-key', `missing required key "${name === '' ? key : `${name}.${key}`}"`);
        ok = false;
      }
    }
    return ok ? result : undefined;
  }
}

interface ValidPhoto {
  file: string;
  caption?: string;
  page?: number;
  focus?: { x: number; y: number };
}

interface ValidEdition extends Omit<EditionMeta, 'photos' | 'editors' | 'manuscriptSource'> {
  editors?: EditionMeta['editors'];
  photos?: ValidPhoto[];
}

/**
 * Page-level integrity that the schema cannot express: each 版次 once (a repeat would make two
 * pages write one file), in order (a warning: the desk may mean it), and every photo `page:` one
 * of the listed pages (otherwise the photo would silently go wherever the template puts it).
 */
const pageIntegrity = (meta: { pages: readonly number[]; photos: readonly PhotoEntry[] }, lineOfPage: (i: number) => number, file: string): Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const firstIndex = new Map<number, number>();
  meta.pages.forEach((page, i) => {
    const first = firstIndex.get(page);
    if (first === undefined) {
      firstIndex.set(page, i);
      return;
    }
    diagnostics.push({
      severity: 'error', code: 'duplicate-page', source: { file, line: lineOfPage(i) },
      message: `page ${page} is listed twice in "pages" (items ${first + 1} and ${i + 1}); the second would overwrite the first`,
      hint: 'give every part its own page number',
    });
  });
  const outOfOrder = meta.pages.findIndex((page, i) => i > 0 && page < (meta.pages[i - 1] as number));
  if (outOfOrder > 0) {
    diagnostics.push({
      severity: 'warning', code: 'pages-out-of-order', source: { file, line: lineOfPage(outOfOrder) },
      message: `"pages" is not in ascending order (${meta.pages.join(', ')}); part n still goes on the n-th page listed`,
      hint: 'list the pages in print order unless the order is meant',
    });
  }
  for (const photo of meta.photos) {
    if (photo.page === undefined || meta.pages.includes(photo.page)) continue;
    diagnostics.push({
      severity: 'error', code: 'photo-page-not-in-pages', source: photo.source,
      message: `photo ${photo.file} is set for page ${photo.page}, which is not in "pages" (${meta.pages.join(', ')})`,
      hint: 'set its page: to one of the listed pages, or add the page',
    });
  }
  return diagnostics;
};

/** Parses edition.yaml text; `meta` is present only when there is no error. */
export const parseEditionFile = (source: string, file: string): { meta?: EditionMeta; diagnostics: Diagnostic[] } => {
  const lines = new LineCounter();
  // uniqueKeys off: the library's own check is quadratic in the number of keys (a 1 MB file of
  // keys took 30 s); checkRecord finds repeated keys with a set instead.
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const validator = new Validator(file, lines);
  for (const error of doc.errors) {
    validator.error(lines.linePos(error.pos[0]).line, 'edition-syntax', `YAML: ${error.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return { diagnostics: validator.diagnostics };

  const valid = validator.check(doc.contents, EDITION_SCHEMA, '', validator.lineOf(doc.contents)) as ValidEdition | undefined;
  if (!valid) return { diagnostics: validator.diagnostics };

  const keySource = (key: string) => {
    const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    return { file, line: validator.lineOf(pair) };
  };
  const templateSource = { ...keySource('template'), context: 'template' };
  if (!TEMPLATE_NAME.test(valid.template)) {
    validator.error(templateSource.line, 'edition-template-name',
      `"template" must be the name of a template in templates/pages/ (letters, digits, - and _), not a path: found ${JSON.stringify(shorten(valid.template))}`);
    return { diagnostics: validator.diagnostics };
  }

  const photoNodes = doc.get('photos');
  const photos = (valid.photos ?? []).map((photo, i): PhotoEntry => {
    const node = isSeq(photoNodes) ? (photoNodes.items[i] as Node | undefined) : undefined;
    return { ...photo, source: { file, line: validator.lineOf(node), context: `photo ${shorten(photo.file)}` } };
  });
  const pagesSource = { ...keySource('pages'), context: 'pages' };
  const pageNodes = doc.get('pages');
  const lineOfPage = (i: number) => validator.lineOf(isSeq(pageNodes) ? (pageNodes.items[i] as Node | undefined) : undefined, pagesSource.line);
  const integrity = pageIntegrity({ pages: valid.pages, photos }, lineOfPage, file);
  const diagnostics = [...validator.diagnostics, ...integrity];
  if (integrity.some((d) => d.severity === 'error')) return { diagnostics };
  const meta: EditionMeta = {
    ...valid, editors: valid.editors ?? {}, manuscriptSource: keySource('manuscript'), pagesSource, templateSource, photos,
  };
  return { meta, diagnostics };
};

export const readEditionFile = (path: string): { meta?: EditionMeta; diagnostics: Diagnostic[] } => {
  const refuse = (code: string, message: string, hint: string) => ({ diagnostics: [{ severity: 'error' as const, code, message, source: { file: path }, hint }] });
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return refuse('edition-file-not-a-file', `${path} is not a regular file`, 'edition.yaml must be a plain text file');
    size = stats.size;
  } catch {
    return refuse('missing-edition-file', `no edition file at ${path}`, 'every edition folder needs an edition.yaml');
  }
  if (size > INPUT_LIMITS.editionFileBytes) {
    return refuse('edition-file-too-big', `edition.yaml is ${formatBytes(size)}, more than the cap of ${formatBytes(INPUT_LIMITS.editionFileBytes)}`,
      'an edition file holds a few dozen lines; check that the right file is named edition.yaml');
  }
  return parseEditionFile(readFileSync(path, 'utf8'), path);
};
