/**
 * Reads the layout markup the templates produce with a strict XML parser (saxes), keeping each
 * element's line and column so that later errors can point into the markup.
 */
import { SaxesParser } from 'saxes';
import { PipelineError } from '../diagnostics';

export interface MarkupElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly MarkupNode[];
  readonly line: number;
  readonly column: number;
}
export type MarkupNode = MarkupElement | string;

export function parseMarkup(xml: string, file: string): MarkupElement {
  const parser = new SaxesParser({ position: true });
  const stack: { name: string; attributes: Record<string, string>; children: MarkupNode[]; line: number; column: number }[] = [];
  let root: MarkupElement | undefined;
  let startLine = 1;
  let startColumn = 1;
  parser.on('opentagstart', () => { startLine = parser.line; startColumn = parser.column; });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[key] = typeof value === 'string' ? value : value.value;
    stack.push({ name: tag.name, attributes, children: [], line: startLine, column: startColumn });
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
    throw new PipelineError([{
      severity: 'error', code: 'markup-syntax',
      source: { file, line: position ? Number(position[1]) : undefined, column: position ? Number(position[2]) : undefined },
      message: position?.[3] ?? message,
      hint: 'the template produced invalid layout markup; check the template at this place (markup is written next to the output for inspection)',
    }]);
  }
  if (!root) throw new PipelineError([{ severity: 'error', code: 'markup-empty', source: { file }, message: 'the template produced no markup' }]);
  return root;
}

export const childElements = (element: MarkupElement, name?: string): MarkupElement[] =>
  element.children.filter((c): c is MarkupElement => typeof c !== 'string' && (name === undefined || c.name === name));
