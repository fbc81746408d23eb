/**
 * A small reader for the PDFs this project writes (classic xref table, no object streams,
 * dictionaries as text, Flate streams), for tests that pin exact bytes: how an Info value or an
 * intent is written. Preflight reads PDFs with a real parser (src/publish/pdf-objects.ts), so
 * that a check cannot pass only because this reader knows our writer.
 */
import { inflateSync } from 'node:zlib';

export interface PdfObject {
  readonly id: number;
  /** The object's text before any stream data (a dictionary, array, name, …). */
  readonly body: string;
  readonly stream?: Buffer;
}

export interface ParsedPdf {
  readonly version: string;
  readonly objects: ReadonlyMap<number, PdfObject>;
  readonly trailer: string;
}

export function parsePdf(bytes: Buffer): ParsedPdf {
  const text = bytes.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(text)?.[1] ?? '';
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const xref = /^xref\s+(\d+) (\d+)\s+/.exec(text.slice(startxref));
  if (!xref) throw new Error('no classic xref table');
  const first = Number(xref[1]);
  const count = Number(xref[2]);
  const entries = text.slice(startxref + xref[0].length, startxref + xref[0].length + count * 20);
  const objects = new Map<number, PdfObject>();
  for (let i = 0; i < count; i++) {
    const entry = entries.slice(i * 20, i * 20 + 20);
    if (entry[17] !== 'n') continue;
    const offset = Number(entry.slice(0, 10));
    const object = readObject(bytes, text, offset, first + i);
    objects.set(object.id, object);
  }
  const trailer = /trailer\s+(<<[\s\S]*?>>)\s+startxref/.exec(text)?.[1] ?? '';
  return { version, objects, trailer };
}

function readObject(bytes: Buffer, text: string, offset: number, id: number): PdfObject {
  const header = /^(\d+) \d+ obj\s*/.exec(text.slice(offset, offset + 40));
  if (!header || Number(header[1]) !== id) throw new Error(`object ${id} is not at offset ${offset}`);
  const start = offset + header[0].length;
  const end = text.indexOf('endobj', start);
  const streamAt = text.indexOf('stream', start);
  if (streamAt < 0 || streamAt > end) return { id, body: text.slice(start, end).trim() };
  const body = text.slice(start, streamAt).trim();
  // The stream's own /Length, not the next "endobj": binary data may contain that word.
  const length = Number(/\/Length (\d+)/.exec(body)?.[1]);
  const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
  const raw = bytes.subarray(dataStart, dataStart + length);
  return { id, body, stream: /\/Filter \/FlateDecode/.test(body) ? inflateSync(raw) : raw };
}

/** The object a `/Key N 0 R` in `body` points at. */
export function follow(pdf: ParsedPdf, body: string, key: string): PdfObject | undefined {
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
  return ref ? pdf.objects.get(Number(ref[1])) : undefined;
}

/** A direct number array (`/Key [a b c d]`). */
export function numberArray(body: string, key: string): number[] | undefined {
  const found = new RegExp(`/${key} \\[([^\\]]*)\\]`).exec(body);
  return found?.[1]?.trim().split(/\s+/).map(Number);
}

/** Entries of a sub-dictionary such as /Font << /F1 5 0 R >>: name → object id. */
export function refEntries(body: string, key: string): Map<string, number> {
  const dict = new RegExp(`/${key} <<([^<>]*)>>`).exec(body)?.[1] ?? '';
  return new Map([...dict.matchAll(/\/([^\s/]+) (\d+) 0 R/g)].map((m) => [m[1] ?? '', Number(m[2])]));
}

export const pagesOf = (pdf: ParsedPdf): PdfObject[] =>
  [...pdf.objects.values()].filter((o) => /\/Type \/Page\b(?!s)/.test(o.body));

/** Content-stream operations: the tokeniser preflight uses (src/publish/content-stream.ts). */
export { operations, type Operation } from '../../src/publish/content-stream';
