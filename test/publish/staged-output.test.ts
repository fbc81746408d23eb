/**
 * Issue 13: print pages go into the new build's folder as they are made, the copy on the thread
 * pool (writeAsync); the folder is swapped in whole at the end, or dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editionOutput, stageEdition } from '../../src/publish/output';

const bytes = (size: number, seed: number): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff));

test('writeAsync writes each file whole; the files appear in the edition folder only when it is swapped in', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newsprint-staged-'));
  try {
    const output = editionOutput(out, 'ed');
    const staged = stageEdition(output);
    const big = bytes(5_000_000, 7);
    const paths = await Promise.all([
      staged.writeAsync({ path: 'print/a.pdf', data: big }),
      staged.writeAsync({ path: 'print/b.pdf', data: bytes(10, 3) }),
      staged.writeAsync({ path: 'notes.txt', data: '中文 text' }),
    ]);
    assert.deepEqual(paths, [join(output.folder, 'print/a.pdf'), join(output.folder, 'print/b.pdf'), join(output.folder, 'notes.txt')]);
    assert.equal(existsSync(output.folder), false, 'nothing in the edition folder before the swap');
    staged.finish([{ path: 'preflight.txt', data: 'ok' }], () => undefined);
    assert.ok(readFileSync(paths[0] as string).equals(big), 'the 5 MB file whole');
    assert.ok(readFileSync(paths[1] as string).equals(bytes(10, 3)));
    assert.equal(readFileSync(paths[2] as string, 'utf8'), '中文 text');
    assert.equal(readFileSync(join(output.folder, 'preflight.txt'), 'utf8'), 'ok');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('writeAsync refuses a path outside the build folder, and an abandoned build leaves no edition folder', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newsprint-staged-'));
  try {
    const output = editionOutput(out, 'ed');
    const staged = stageEdition(output);
    await staged.writeAsync({ path: 'print/a.pdf', data: bytes(100, 1) });
    await assert.rejects(staged.writeAsync({ path: '../escape.pdf', data: bytes(1, 1) }), /outside/);
    assert.equal(existsSync(join(out, 'escape.pdf')), false);
    staged.abandon();
    assert.equal(existsSync(output.folder), false);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
