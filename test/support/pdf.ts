/** Reads what a user sees in a PDF: page boxes, text with positions and fonts (pdf.js), and external tools when present. */
import { execFileSync, spawnSync } from 'node:child_process';

export interface TextItem { readonly text: string; readonly x: number; readonly y: number; readonly width: number; readonly font: string; readonly height: number }
export interface PdfPage { readonly width: number; readonly height: number; readonly items: readonly TextItem[]; readonly trimBox?: number[] }

export async function readPdf(data: Buffer): Promise<PdfPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0, useSystemFonts: false, disableFontFace: true }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const [, , width = 0, height = 0] = page.view;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.length === 0) continue;
      items.push({ text: item.str, x: item.transform[4] as number, y: height - (item.transform[5] as number), width: item.width, font: item.fontName, height: item.height });
    }
    pages.push({ width, height, items });
  }
  await document.destroy();
  return pages;
}

export const hasTool = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

export function runTool(tool: string, args: readonly string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Text without whitespace, for comparing with manuscript text. */
export const squash = (text: string): string => text.replace(/[\s\u3000]+/gu, '');
