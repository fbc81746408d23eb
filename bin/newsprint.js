#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built from src/ by `npm install` through the prepare script,
// or `npm run build`), so nothing is transpiled at start. When dist/ is missing, or a source file
// is newer than the last build (someone edited src/ and did not rebuild), it runs the sources
// through tsx instead: slower to start, never stale.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'cli', 'main.js');
const buildStamp = join(root, 'dist', '.built');
const sources = join(root, 'src');

/** Newest modification time under a folder, in ms; a few milliseconds for src/. */
function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function compiledIsCurrent() {
  if (!existsSync(compiled) || !existsSync(buildStamp)) return false;
  return !existsSync(sources) || newest(sources) <= statSync(buildStamp).mtimeMs;
}

const argv = process.argv.slice(2);
if (compiledIsCurrent()) {
  require(compiled).runCli(argv);
} else {
  require('tsx/cjs');
  require(join(sources, 'cli', 'main.ts')).runCli(argv);
}
