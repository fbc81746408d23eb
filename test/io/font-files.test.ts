/**
 * Issue 13: a build reads its font files ahead on the thread pool while its modules load; the
 * font book then takes those bytes instead of reading the files again, and keeps nothing twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fontFilePath, fontsConfigPath, readFontFilesAhead, takeFontFile } from '../../src/io/font-files';
import type { FontsConfig } from '../../src/typeset/fonts';

test('the font files read ahead are each file\'s bytes, taken once; reads that end after the first take are dropped', async () => {
  const config = JSON.parse(readFileSync(fontsConfigPath, 'utf8')) as FontsConfig;
  const paths = Object.keys(config.roles).map((role) => fontFilePath(role, config));
  assert.ok(paths.length >= 5, 'every role has a file');
  const reading = readFontFilesAhead();
  assert.equal(readFontFilesAhead(), reading, 'started once');
  await reading;
  for (const path of paths) {
    const ahead = takeFontFile(path);
    assert.ok(ahead, `${path} was read ahead`);
    assert.ok(ahead.equals(readFileSync(path)), `${path}: the same bytes as the file`);
    assert.equal(takeFontFile(path), undefined, 'handed out once, then let go');
  }
});
