/** Issue 13: the sample spread's print files stay small enough to send (≤ 8 MB for the two pages). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { buildSample } from '../render/sample';

test('the two print PDFs of the sample spread total 8 MB or less, photos and all', async () => {
  const { result } = await buildSample({});
  const bytes = result.files.reduce((sum, file) => sum + statSync(file).size, 0);
  assert.equal(result.files.length, 2);
  assert.ok(bytes <= 8_000_000, `${(bytes / 1e6).toFixed(2)} MB`);
  // Not by dropping the photos: they are most of it.
  assert.ok(bytes > 4_000_000, `${(bytes / 1e6).toFixed(2)} MB`);
});
