/** The package's bin, as a global install runs it: --help answers at once, a wrong command says how to call. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'newsprint.js');

test('newsprint --help prints the usage on stdout and exits 0', () => {
  const run = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^usage: newsprint build <edition-dir>/);
});

test('newsprint with an unknown command prints the usage on stderr and exits 2', () => {
  const run = spawnSync(process.execPath, [BIN, 'bild'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /usage: newsprint build/);
});
