/** DESIGN.md §4: which stage may import which library, and which stages do no I/O. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');

const owners: Record<string, string> = { pdfkit: 'render', sharp: 'images', handlebars: 'template', saxes: 'template' };

test('only the owning stage imports each library', () => {
  for (const file of sources(src)) {
    const stage = relative(src, file).split('/')[0];
    for (const spec of importsOf(file)) {
      const owner = owners[spec];
      if (owner && !file.endsWith('.d.ts')) assert.equal(stage, owner, `${relative(src, file)} imports ${spec}`);
    }
  }
});

test('typeset and layout do no file I/O', () => {
  for (const file of sources(src)) {
    const stage = relative(src, file).split('/')[0];
    if (stage !== 'typeset' && stage !== 'layout') continue;
    for (const spec of importsOf(file)) assert.ok(!/^(node:)?(fs|fs\/promises|child_process|net|http)$/.test(spec), `${relative(src, file)} imports ${spec}`);
  }
});

test('issue-11: only render/pdfkit-internals.ts imports pdfkit, and pdfkit is pinned to the version it was read against', () => {
  const importers = sources(src).filter((file) => importsOf(file).includes('pdfkit') && !file.endsWith('.d.ts')).map((file) => relative(src, file));
  assert.deepEqual(importers, ['render/pdfkit-internals.ts']);
  const internalsUsers = sources(src).filter((file) => /\b_root\b|\baddContent\b|\b_font\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(src, file));
  assert.deepEqual(internalsUsers, ['render/pdfkit-internals.ts']);
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.match(manifest.dependencies.pdfkit ?? '', /^\d+\.\d+\.\d+$/, 'an exact version, not a range');
  assert.match(readFileSync(join(src, 'render', 'pdfkit-internals.ts'), 'utf8'), new RegExp(`pinned to exactly ${(manifest.dependencies.pdfkit ?? '').replace(/\./g, '\\.')}`));
});
