/** The cap on heavy tasks (Ghostscript renders, pages): never more than the limit at once, all of them done, in order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { limitConcurrency } from '../../src/io/concurrency';

test('at most the limit run at once, every task finishes, and a failure reaches only its own caller', async () => {
  const limit = limitConcurrency(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const results = await Promise.allSettled(Array.from({ length: 7 }, (_, i) => limit(async () => {
    started.push(i);
    running++;
    most = Math.max(most, running);
    await sleep(5);
    running--;
    if (i === 3) throw new Error('task 3 failed');
    return i;
  })));
  assert.equal(most, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed')), [0, 1, 2, 'failed', 4, 5, 6]);
});
