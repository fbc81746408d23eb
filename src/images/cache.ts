/**
 * Content-addressed cache of prepared photos: <key>.jpg plus <key>.json, where the key hashes the
 * source bytes and every parameter that changes the pixels. Entries are written to a temporary
 * name and renamed, JSON last, so a crash or an error never leaves a partial entry behind.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhotoFacts } from './process';

export interface CachedMeta extends PhotoFacts {
  readonly bytes: number;
}

export const hashBytes = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const cacheKey = (parts: unknown): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * A hit's facts and the path of its JPEG. The JPEG is not read here (the render stage reads it
 * when it embeds the photo): a hit costs reading and hashing the source, the small JSON and a stat.
 */
export function readCached(dir: string, key: string): { path: string; meta: CachedMeta } | undefined {
  try {
    const meta = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as CachedMeta;
    const path = join(dir, `${key}.jpg`);
    return statSync(path).size === meta.bytes ? { path, meta } : undefined;
  } catch {
    return undefined;
  }
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
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
