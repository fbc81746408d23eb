/**
 * Content-addressed cache of prepared photos: <key>.jpg plus <key>.json, where the key hashes the
 * source bytes and every parameter that changes the pixels. Entries are written to a temporary
 * name and renamed, JSON last, so a crash or an error never leaves a partial entry behind. The
 * JSON carries the SHA-256 of the JPEG, checked on every read: an entry damaged in place (same
 * size, other bytes) is noticed and rebuilt, never printed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PhotoFacts } from './process';

export interface CachedMeta extends PhotoFacts {
  readonly bytes: number;
  /** SHA-256 of the JPEG's bytes, hex. */
  readonly sha256: string;
}

export const hashBytes = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const cacheKey = (parts: unknown): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** Where the cache lives: beside the output (default), in the user's cache folder, or nowhere. */
export type CacheLocation = 'out' | 'xdg' | 'none';
export const CACHE_LOCATIONS: readonly CacheLocation[] = ['out', 'xdg', 'none'];

/** The folder for a location: <out>/.cache/images, or $XDG_CACHE_HOME/newsprint/images (~/.cache when unset). */
export function cacheFolder(location: CacheLocation, outDir: string, env: NodeJS.ProcessEnv = process.env): string | false {
  if (location === 'none') return false;
  if (location === 'out') return resolve(outDir, '.cache', 'images');
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'newsprint', 'images');
}

export type CacheRead =
  | { readonly kind: 'hit'; readonly jpeg: Buffer; readonly meta: CachedMeta }
  | { readonly kind: 'miss' }
  /** The entry is there but its bytes are not what was written: rebuild it. */
  | { readonly kind: 'damaged'; readonly reason: string };

export function readCached(dir: string, key: string): CacheRead {
  let meta: CachedMeta;
  let jpeg: Buffer;
  try {
    meta = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as CachedMeta;
    jpeg = readFileSync(join(dir, `${key}.jpg`));
  } catch (error) {
    // Not there, or not readable (the write will then fail and say so once): a miss.
    if (!(error instanceof SyntaxError)) return { kind: 'miss' };
    return { kind: 'damaged', reason: 'its description is not valid JSON' };
  }
  if (typeof meta.sha256 !== 'string') return { kind: 'damaged', reason: 'it carries no checksum (written by an older Newsprint)' };
  if (jpeg.length !== meta.bytes) return { kind: 'damaged', reason: `it holds ${jpeg.length} bytes, not the ${meta.bytes} written` };
  if (hashBytes(jpeg) !== meta.sha256) return { kind: 'damaged', reason: 'its bytes do not match the checksum written with them' };
  return { kind: 'hit', jpeg, meta };
}

export async function writeCached(dir: string, key: string, jpeg: Buffer, meta: CachedMeta): Promise<void> {
  await mkdir(dir, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const files: Array<[string, string | Buffer]> = [[`${key}.jpg`, jpeg], [`${key}.json`, JSON.stringify(meta)]];
  for (const [name, data] of files) {
    const temporary = join(dir, `.${name}.${stamp}.tmp`);
    try {
      await writeFile(temporary, data);
      await rename(temporary, join(dir, name));
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }
}
