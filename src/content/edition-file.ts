/**
 * Reads and validates edition.yaml. The schema is a declarative table: the validator walks it
 * alongside the YAML nodes, so every message can name the key, the file and the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, type Node, type Pair, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics';
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

const suggestion = (key: string, known: readonly string[]): string => {
  const best = known.map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best.k}"?)` : '';
};

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
    const found = isScalar(node) ? JSON.stringify(node.value) : isSeq(node) ? 'a list' : isMap(node) ? 'a map' : 'nothing';
    const wrong = (): undefined => {
      this.error(line, 'edition-type', `"${name}" must be ${describe(rule)}, found ${found}`);
      return undefined;
    };
    switch (rule.kind) {
      case 'string':
        return isScalar(node) && typeof node.value === 'string' ? node.value : wrong();
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
      const field = fields[key];
      seen.add(key);
      if (!field) {
        this.error(keyLine, 'edition-unknown-key', `unknown key "${qualified}"${suggestion(key, Object.keys(fields))}`);
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

/** Parses edition.yaml text; `meta` is present only when there is no error. */
export const parseEditionFile = (source: string, file: string): { meta?: EditionMeta; diagnostics: Diagnostic[] } => {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const validator = new Validator(file, lines);
  for (const error of doc.errors) {
    validator.error(lines.linePos(error.pos[0]).line, 'edition-syntax', `YAML: ${error.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return { diagnostics: validator.diagnostics };

  const valid = validator.check(doc.contents, EDITION_SCHEMA, '', validator.lineOf(doc.contents)) as ValidEdition | undefined;
  if (!valid) return { diagnostics: validator.diagnostics };

  const photoNodes = doc.get('photos');
  const photos = (valid.photos ?? []).map((photo, i): PhotoEntry => {
    const node = isSeq(photoNodes) ? (photoNodes.items[i] as Node | undefined) : undefined;
    return { ...photo, source: { file, line: validator.lineOf(node), context: `photo ${photo.file}` } };
  });
  const manuscriptKey = isMap(doc.contents) ? doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'manuscript') : undefined;
  const manuscriptSource = { file, line: validator.lineOf(manuscriptKey) };
  return { meta: { ...valid, editors: valid.editors ?? {}, manuscriptSource, photos }, diagnostics: validator.diagnostics };
};

export const readEditionFile = (path: string): { meta?: EditionMeta; diagnostics: Diagnostic[] } => {
  if (!existsSync(path)) {
    return {
      diagnostics: [
        { severity: 'error', code: 'missing-edition-file', message: `no edition file at ${path}`, source: { file: path }, hint: 'every edition folder needs an edition.yaml' },
      ],
    };
  }
  return parseEditionFile(readFileSync(path, 'utf8'), path);
};
