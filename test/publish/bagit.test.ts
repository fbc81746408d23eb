/**
 * Issue 11: the archive bag (BagIt 1.0, RFC 8493) and `newsprint verify`: a fresh bag is whole;
 * one changed byte, one missing file and one added file are each named, and the exit code is 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../src/cli/main';
import { bagPath, verifyBag } from '../../src/publish/archive';
import { archivedSample } from './archive-sample';

async function freshCopy(): Promise<string> {
  const { bag } = await archivedSample();
  const copy = join(mkdtempSync(join(tmpdir(), 'newsprint-bag-')), 'archive');
  cpSync(bag, copy, { recursive: true });
  return copy;
}

/** Runs the CLI and returns its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
  console.error = (...a: unknown[]) => { lines.push(a.join(' ')); };
  try {
    return { code: await main(args), output: lines.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('issue-11: the bag declares BagIt 1.0 and lists every payload and tag file with its SHA-512', async () => {
  const bag = await freshCopy();
  assert.equal(readFileSync(join(bag, 'bagit.txt'), 'utf8'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  const manifest = readFileSync(join(bag, 'manifest-sha512.txt'), 'utf8').trim().split('\n');
  const paths = manifest.map((line) => line.split(/\s+/)[1] as string);
  assert.deepEqual(paths, [...paths].sort(), 'a stable order');
  assert.ok(paths.includes('data/edition.pdf') && paths.includes('data/source/manuscript.txt'));
  const [hash, path] = (manifest[0] as string).split(/\s+/) as [string, string];
  assert.equal(createHash('sha512').update(readFileSync(join(bag, path))).digest('hex'), hash);
  const tags = readFileSync(join(bag, 'tagmanifest-sha512.txt'), 'utf8');
  for (const name of ['bagit.txt', 'bag-info.txt', 'manifest-sha512.txt']) assert.match(tags, new RegExp(`^[0-9a-f]{128}  ${name.replace('.', '\\.')}$`, 'm'));
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(readFileSync(join(bag, 'bag-info.txt'), 'utf8'));
  assert.equal(Number(oxum?.[2]), paths.length);
});

test('issue-11: verify passes a fresh bag with exit 0', async () => {
  const bag = await freshCopy();
  assert.deepEqual(verifyBag(bag), []);
  const run = await cli(['verify', bag]);
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /the bag is whole/);
});

test('issue-11: verify names one changed byte, exit 1', async () => {
  const bag = await freshCopy();
  const file = join(bag, 'data', 'page-4.txt');
  const bytes = readFileSync(file);
  bytes[10] = (bytes[10] as number) ^ 1;
  writeFileSync(file, bytes);
  const run = await cli(['verify', bag]);
  assert.equal(run.code, 1);
  assert.match(run.output, /^changed: data\/page-4\.txt$/m);
  assert.doesNotMatch(run.output, /missing|unexpected/);
});

test('issue-11: verify names a missing file and an added one, exit 1', async () => {
  const bag = await freshCopy();
  rmSync(join(bag, 'data', 'preview', 'page-5.png'));
  writeFileSync(join(bag, 'data', 'notes.txt'), 'added by hand\n');
  const run = await cli(['verify', bag]);
  assert.equal(run.code, 1);
  assert.match(run.output, /^missing: data\/preview\/page-5\.png$/m);
  assert.match(run.output, /^unexpected: data\/notes\.txt$/m);
  assert.match(run.output, /Payload-Oxum/, 'the payload count no longer agrees');
});

test('issue-11: a changed tag file is caught through the tag manifest', async () => {
  const bag = await freshCopy();
  appendFileSync(join(bag, 'bag-info.txt'), 'Contact-Name: someone\n');
  const problems = verifyBag(bag);
  assert.deepEqual(problems.map((p) => `${p.kind} ${p.path}`), ['changed bag-info.txt']);
});

test('issue-11: verify on a folder that is not a bag says so, exit 1', async () => {
  const run = await cli(['verify', mkdtempSync(join(tmpdir(), 'newsprint-empty-'))]);
  assert.equal(run.code, 1);
  assert.match(run.output, /missing: bagit\.txt/);
  assert.match(run.output, /missing: manifest-sha512\.txt/);
});

test('issue-11: a source file kept outside the edition folder goes to source/outside/, never above data/', () => {
  assert.equal(bagPath({ folder: '/desk/ed' }, '/desk/ed/photos/a.jpg'), 'source/photos/a.jpg');
  assert.equal(bagPath({ folder: '/desk/ed' }, '/desk/shared/b.jpg'), 'source/outside/b.jpg');
  assert.equal(bagPath({ folder: '/desk/ed' }, '/elsewhere/c.jpg'), 'source/outside/c.jpg');
});
