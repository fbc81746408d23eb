/** Issue 13: the font book opens the bytes read ahead (node --test runs each file in its own process, so the book is fresh). */
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadFontBook } from '../../src/io/fonts';
import { readFontFilesAhead } from '../../src/io/font-files';

test('loadFontBook opens the font files read ahead and reads none of them again', async () => {
  await readFontFilesAhead();
  const reads = mock.method(fs, 'readFileSync');
  try {
    const book = loadFontBook();
    assert.ok(book.roles().length >= 5);
    const fontReads = reads.mock.calls.map((call) => String(call.arguments[0])).filter((path) => /\.(ttf|otf)$/i.test(path));
    assert.deepEqual(fontReads, [], 'no font file read twice');
    assert.ok(reads.mock.calls.some((call) => String(call.arguments[0]).endsWith('fonts.json')), 'the spy sees the book\'s reads');
  } finally {
    reads.mock.restore();
  }
});
