/**
 * Reads the layout markup the templates produce with a strict XML parser (saxes), keeping each
 * element's line and column so that later errors can point into the markup.
 */
import { SaxesParser } from 'saxes';
import { PipelineError, type SourceRef } from '../diagnostics';
import { lastTagBefore, parseSourceAttribute, SOURCE_ATTRIBUTE } from './source-map';

export interface MarkupElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly MarkupNode[];
  readonly line: number;
  readonly column: number;
  /** Where the template wrote this element (file:line:col), when the template was annotated. */
  readonly templateSource?: SourceRef;
}
export type MarkupNode = MarkupElement | string;

export function parseMarkup(xml: string, file: string): MarkupElement {
  const parser = new SaxesParser({ position: true });
  const stack: { name: string; attributes: Record<string, string>; children: MarkupNode[]; line: number; column: number; templateSource?: SourceRef }[] = [];
  let root: MarkupElement | undefined;
  let startLine = 1;
  let startColumn = 1;
  parser.on('opentagstart', () => { startLine = parser.line; startColumn = parser.column; });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[key] = typeof value === 'string' ? value : value.value;
    const templateSource = parseSourceAttribute(attributes[SOURCE_ATTRIBUTE]);
    delete attributes[SOURCE_ATTRIBUTE];
    stack.push({ name: tag.name, attributes, children: [], line: startLine, column: startColumn, ...(templateSource ? { templateSource } : {}) });
  });
  parser.on('text', (text) => { stack.at(-1)?.children.push(text); });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element) return;
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
    const line = position ? Number(position[1]) : undefined;
    const column = position ? Number(position[2]) : undefined;
    // The markup is generated; the layout editor fixes the template, so name the element written there.
    const inTemplate = line === undefined ? undefined : lastTagBefore(xml, offsetOf(xml, line, column ?? 1));
    throw new PipelineError([{
      severity: 'error', code: 'markup-syntax',
      source: inTemplate ? { ...inTemplate, context: `in or after the element written here; generated markup line ${line}:${column}` } : { file, line, column },
      message: position?.[3] ?? message,
      hint: 'the template produced invalid layout markup: check the tags at this place in the template (every <tag> closed, attribute values quoted)',
    }]);
  }
  if (!root) throw new PipelineError([{ severity: 'error', code: 'markup-empty', source: { file }, message: 'the template produced no markup' }]);
  return root;
}

/** The text offset of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + column - 1;
}

export const childElements = (element: MarkupElement, name?: string): MarkupElement[] =>
  element.children.filter((c): c is MarkupElement => typeof c !== 'string' && (name === undefined || c.name === name));
