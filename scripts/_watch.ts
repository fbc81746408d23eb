import { readFileSync, writeFileSync } from 'node:fs';
import { readBuildArguments, watchBuild } from '../src/cli/build';
const command = readBuildArguments(['/tmp/cliscratch/w', '--out', '/tmp/cliscratch/wout', '--verbose']);
if (command === 'help') throw new Error();
const stop = new AbortController();
let n = 0;
void watchBuild(command, stop.signal, (code, ms) => {
  console.error(`BUILD ${n} code ${code} ${ms.toFixed(0)} ms`);
  n++;
  if (n >= 4) { stop.abort(); return; }
  setTimeout(() => { const p = '/tmp/cliscratch/w/manuscript.txt'; writeFileSync(p, readFileSync(p, 'utf8').replace(n % 2 ? '春回大地' : '春风大地', n % 2 ? '春风大地' : '春回大地')); }, 300);
});
