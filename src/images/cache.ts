/**
 * Content-addressed cache of prepared photos: <key>.jpg plus <key>.json, where the key hashes the
 * source bytes and every parameter that changes the pixels. Entries are written to a temporary
 * name and renamed, JSON last, so a crash or an error never leaves a partial entry behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhotoFacts } from './process';

export interface CachedMeta extends PhotoFacts {
  readonly bytes: number;
}

export const hashBytes = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const cacheKey = (parts: unknown): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

export async function readCached(dir: string, key: string): Promise<{ jpeg: Buffer; meta: CachedMeta } | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as CachedMeta;
    const jpeg = await readFile(join(dir, `${key}.jpg`));
    return jpeg.length === meta.bytes ? { jpeg, meta } : undefined;
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
