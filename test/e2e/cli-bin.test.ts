/**
 * The package's bin, as a global install runs it: --help answers at once, a wrong command says how
 * to call, and a build loads only what it uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('issue 13: a build without --archive loads neither the archive\'s libraries nor pdf-lib\'s 139-file CommonJS tree', () => {
  const out = mkdtempSync(join(tmpdir(), 'newsprint-modules-'));
  const list = join(out, 'modules.json');
  // Preloaded: at exit, every file the process required.
  const preload = join(out, 'list-modules.js');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
  try {
    const run = spawnSync(process.execPath, ['--require', preload, BIN, 'build', join(__dirname, '..', '..', 'assets', 'editions', 'hengnan-2021'), '--out', out, '--cache', 'none'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const modules = JSON.parse(readFileSync(list, 'utf8')) as string[];
    assert.ok(modules.some((m) => m.includes('/node_modules/pdfkit/')), 'the list is real: pdfkit rendered the pages');
    assert.ok(modules.some((m) => m.endsWith('/node_modules/pdf-lib/dist/pdf-lib.min.js')), 'preflight read the pages with pdf-lib\'s bundle');
    for (const heavy of ['/node_modules/@napi-rs/canvas/', '/node_modules/pdfjs-dist/', '/node_modules/pdf-lib/cjs/', '/publish/archive/']) {
      assert.deepEqual(modules.filter((m) => m.includes(heavy)), [], `${heavy} was loaded`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
