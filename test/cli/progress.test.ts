/** Issue 12 §3: a progress line for work longer than a second, on a terminal only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Progress } from '../../src/cli/display';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, isTTY, columns: 60, write: (text: string) => { written.push(text); return true; } };
};

test('issue-12: the progress line stays away for quick work, shows after the delay on a terminal, and is cleared at the end', async () => {
  const quick = stream(true);
  const fast = new Progress(quick, false, 200);
  fast.step('read manuscript.txt');
  fast.done();
  assert.deepEqual(quick.written, [], 'work shorter than the delay shows nothing');

  const terminal = stream(true);
  const slow = new Progress(terminal, false, 50);
  slow.step('laid out 2 pages');
  await sleep(80);
  slow.step('photo 3/5 kite-sky.jpg: cached');
  slow.done();
  assert.match(terminal.written.join(''), /\r\x1b\[2K0\.\d s · laid out 2 pages/);
  assert.match(terminal.written.join(''), /\r\x1b\[2K0\.\d s · photo 3\/5 kite-sky\.jpg: cached/);
  assert.equal(terminal.written.at(-1), '\r\x1b[2K', 'the line is cleared before results print');
  assert.ok(terminal.written.every((w) => !w.includes('\n')), 'one line, rewritten in place');
});

test('issue-12: no progress at all when stdout is not a terminal; --verbose prints each step as a line', async () => {
  const pipe = stream(false);
  const quiet = new Progress(pipe, false, 10);
  quiet.step('laid out 2 pages');
  await sleep(30);
  quiet.step('prepared 5 photos');
  quiet.done();
  assert.deepEqual(pipe.written, []);
  const log = stream(false);
  const verbose = new Progress(log, true, 10);
  verbose.step('laid out 2 pages');
  assert.match(log.written.join(''), /^· +\d+ ms {2}laid out 2 pages\n$/);
});
