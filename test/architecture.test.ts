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
