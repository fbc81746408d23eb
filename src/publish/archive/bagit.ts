/**
 * A BagIt 1.0 bag (RFC 8493), written and checked by our own code: no maintained npm library
 * writes bags, and the format is small. Payload under data/, SHA-512 manifests, bag-info.txt
 * with Payload-Oxum, and every file listed in a fixed (byte-wise sorted) order so two builds of
 * one edition give identical manifests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface BagFile {
  /** Path inside data/, with forward slashes. */
  readonly path: string;
  readonly bytes: Buffer;
}

const TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha512.txt', 'tagmanifest-sha512.txt'] as const;

const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('hex');
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
const encodePath = (path: string): string => path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const decodePath = (path: string): string => path.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

const manifest = (entries: readonly { path: string; bytes: Buffer }[]): string =>
  [...entries].sort((a, b) => byteOrder(a.path, b.path)).map((e) => `${sha512(e.bytes)}  ${encodePath(e.path)}\n`).join('');

/** bag-info.txt lines (RFC 8493 §2.2.2); long values stay on one line, which the RFC allows. */
const bagInfo = (info: readonly (readonly [string, string])[]): string => info.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`).join('');

export interface BagInfo {
  /** Labels and values in order; Payload-Oxum is added here. */
  readonly fields: readonly (readonly [string, string])[];
}

/**
 * Every file of the bag, paths relative to the bag's folder: the payload under data/ and the four
 * tag files. The caller writes them (publish swaps the whole edition folder in at once).
 */
export function bagFiles(payload: readonly BagFile[], info: BagInfo): BagFile[] {
  const seen = new Set<string>();
  for (const file of payload) {
    if (seen.has(file.path)) throw new Error(`bag payload lists ${file.path} twice`);
    seen.add(file.path);
  }
  const octets = payload.reduce((sum, f) => sum + f.bytes.length, 0);
  const tags = new Map<string, Buffer>();
  tags.set('bagit.txt', Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'));
  tags.set('bag-info.txt', Buffer.from(bagInfo([...info.fields, ['Payload-Oxum', `${octets}.${payload.length}`]])));
  tags.set('manifest-sha512.txt', Buffer.from(manifest(payload.map((f) => ({ path: `data/${f.path}`, bytes: f.bytes })))));
  tags.set('tagmanifest-sha512.txt', Buffer.from(manifest([...tags].map(([path, bytes]) => ({ path, bytes })))));
  return [...payload.map((f) => ({ path: `data/${f.path}`, bytes: f.bytes })), ...[...tags].map(([path, bytes]) => ({ path, bytes }))];
}

export interface BagProblem {
  readonly kind: 'changed' | 'missing' | 'unexpected' | 'invalid';
  readonly path: string;
  readonly detail?: string;
}

function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix)).sort(byteOrder).flatMap((name) => {
    const relative = prefix ? posix.join(prefix, name) : name;
    return statSync(join(root, relative)).isDirectory() ? filesUnder(root, relative) : [relative];
  });
}

function readManifest(folder: string, name: string, problems: BagProblem[]): Map<string, string> {
  const entries = new Map<string, string>();
  const path = join(folder, name);
  if (!existsSync(path)) {
    problems.push({ kind: 'missing', path: name });
    return entries;
  }
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const match = /^([0-9a-fA-F]{128})[ \t]+(.+)$/.exec(line);
    if (!match) problems.push({ kind: 'invalid', path: name, detail: `line ${i + 1} is not "<sha512>  <path>"` });
    else entries.set(decodePath(match[2] as string), (match[1] as string).toLowerCase());
  });
  return entries;
}

/** Every file that differs from the manifests, is missing, or is not listed; empty when the bag is whole. */
export function verifyBag(folder: string): BagProblem[] {
  const problems: BagProblem[] = [];
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [{ kind: 'missing', path: folder, detail: 'no such folder' }];
  const declaration = existsSync(join(folder, 'bagit.txt')) ? readFileSync(join(folder, 'bagit.txt'), 'utf8') : undefined;
  if (declaration === undefined) problems.push({ kind: 'missing', path: 'bagit.txt' });
  else if (!/^BagIt-Version: 1\.0\r?\nTag-File-Character-Encoding: UTF-8\r?\n?$/.test(declaration)) problems.push({ kind: 'invalid', path: 'bagit.txt', detail: 'not a BagIt 1.0 declaration' });
  const payload = readManifest(folder, 'manifest-sha512.txt', problems);
  const tags = readManifest(folder, 'tagmanifest-sha512.txt', problems);
  const present = new Set(filesUnder(folder));
  for (const [path, expected] of [...payload, ...tags]) {
    if (!present.has(path)) problems.push({ kind: 'missing', path });
    else if (sha512(readFileSync(join(folder, path))) !== expected) problems.push({ kind: 'changed', path });
  }
  for (const path of present) {
    const listed = payload.has(path) || tags.has(path) || (TAG_FILES as readonly string[]).includes(path);
    if (!listed) problems.push({ kind: 'unexpected', path });
  }
  const info = existsSync(join(folder, 'bag-info.txt')) ? readFileSync(join(folder, 'bag-info.txt'), 'utf8') : '';
  const oxum = /^Payload-Oxum:\s*(\d+)\.(\d+)\s*$/m.exec(info);
  const payloadFiles = [...present].filter((p) => p.startsWith('data/'));
  const octets = payloadFiles.reduce((sum, p) => sum + statSync(join(folder, p)).size, 0);
  if (!oxum) problems.push({ kind: 'invalid', path: 'bag-info.txt', detail: 'no Payload-Oxum' });
  else if (Number(oxum[1]) !== octets || Number(oxum[2]) !== payloadFiles.length) {
    problems.push({ kind: 'invalid', path: 'bag-info.txt', detail: `Payload-Oxum ${oxum[1]}.${oxum[2]} but the payload is ${octets}.${payloadFiles.length}` });
  }
  return problems;
}
