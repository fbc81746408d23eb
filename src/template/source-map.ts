/**
 * Where each piece of layout markup came from. The markup is Handlebars output, so a markup line
 * means nothing to the layout editor; before compiling, every element start tag written in a
 * template gets a `_at="file:line:col"` attribute naming its place in that template file, and
 * errors about the element (or a syntax error after it) point there instead.
 */
import type Handlebars from 'handlebars';
import type { SourceRef } from '../diagnostics';

/** The attribute the annotation writes; the markup reader takes it off again. */
export const SOURCE_ATTRIBUTE = '_at';

type Node = hbs.AST.Node & { [key: string]: unknown };

const START_TAG = /<([A-Za-z][\w.-]*)/g;

/** Adds `_at` to every start tag in the template's literal text (tags are never built by helpers here). */
export function annotateTags(program: hbs.AST.Program, file: string): void {
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'ContentStatement') {
      const content = node as unknown as { value: string; original: string; loc: hbs.AST.SourceLocation };
      content.value = content.value.replace(START_TAG, (tag: string, _name: string, offset: number) => {
        const { line, column } = positionAfter(content.loc.start, content.value.slice(0, offset));
        return `${tag} ${SOURCE_ATTRIBUTE}="${file}:${line}:${column}"`;
      });
      content.original = content.value;
      return;
    }
    for (const key of ['body', 'program', 'inverse'] as const) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach((c) => visit(c as Node));
      else visit(child as Node | undefined);
    }
  };
  visit(program as unknown as Node);
}

/** Handlebars positions: line 1-based, column 0-based; ours are both 1-based. */
function positionAfter(start: hbs.AST.Position, text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return lines.length === 1
    ? { line: start.line, column: start.column + text.length + 1 }
    : { line: start.line + lines.length - 1, column: (lines.at(-1) ?? '').length + 1 };
}

/** `templates/pages/x.hbs:12:3` back to a SourceRef. */
export function parseSourceAttribute(value: string | undefined): SourceRef | undefined {
  const match = value === undefined ? null : /^(.*):(\d+):(\d+)$/.exec(value);
  return match ? { file: match[1] as string, line: Number(match[2]), column: Number(match[3]) } : undefined;
}

/** The template place of the last element that started before `offset` in the markup text. */
export function lastTagBefore(markup: string, offset: number): SourceRef | undefined {
  const pattern = new RegExp(`${SOURCE_ATTRIBUTE}="([^"]*)"`, 'g');
  let found: string | undefined;
  for (const match of markup.slice(0, offset).matchAll(pattern)) found = match[1];
  return parseSourceAttribute(found);
}

const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

export interface TemplateReference { readonly kind: 'partial' | 'helper'; readonly name: string; readonly source: SourceRef }

/** Every partial a template includes by name and every helper it calls, with their places. */
export function templateReferences(program: hbs.AST.Program, file: string): TemplateReference[] {
  const found: TemplateReference[] = [];
  const at = (node: hbs.AST.Node): SourceRef => ({ file, line: node.loc.start.line, column: node.loc.start.column + 1 });
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = (node as unknown as { name: { type: string; original?: unknown } }).name;
      if (name.type === 'PathExpression' || name.type === 'StringLiteral') {
        found.push({ kind: 'partial', name: String((name as { original: unknown }).original), source: at(node) });
      }
    }
    if (node.type === 'MustacheStatement' || node.type === 'SubExpression' || node.type === 'BlockStatement') {
      const call = node as unknown as hbs.AST.MustacheStatement;
      const called = (call.params?.length ?? 0) > 0 || (call.hash?.pairs.length ?? 0) > 0 || node.type !== 'MustacheStatement';
      if (called && call.path.type === 'PathExpression') {
        const path = call.path as hbs.AST.PathExpression;
        if (path.parts.length === 1 && !path.data && !BUILT_IN_HELPERS.includes(path.original)) {
          // A block over a plain value ({{#part}}) is a section, not a helper call.
          if (node.type !== 'BlockStatement' || (call.params?.length ?? 0) > 0) found.push({ kind: 'helper', name: path.original, source: at(node) });
        }
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => visit(v as Node));
      else if (value && typeof value === 'object' && 'type' in value) visit(value as Node);
    }
  };
  visit(program as unknown as Node);
  return found;
}

export type HandlebarsEnvironment = ReturnType<typeof Handlebars.create>;
