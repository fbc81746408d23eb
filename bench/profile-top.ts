/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package/file,
 * for docs/performance.md. Usage: tsx bench/profile-top.ts <file.cpuprofile> [count]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, countArg] = process.argv.slice(2);
if (!file) { console.error('usage: tsx bench/profile-top.ts <file.cpuprofile> [count]'); process.exit(2); }
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

/** A short place: the package for node_modules, the path under the project otherwise. */
const place = (url: string): string => {
  if (!url) return '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const own = /\/(src|dist|bench)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url.replace(/^.*\//, '');
};

const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
const functions = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id)!;
  const where = place(node.callFrame.url);
  add(functions, `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`, ms);
  add(places, where.startsWith('src/') || where.startsWith('dist/') ? where.replace(/\/[^/]+$/, '') : where, ms);
}
// Each sample charged to the innermost own source folder on its stack, so the libraries' time
// (fontkit, pdfkit, zlib) counts for the stage that called them.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const stages = new Map<string, number>();
for (const [id, ms] of selfMs) {
  let at: number | undefined = id;
  let stage = '(no own code on the stack: start-up, idle, GC)';
  while (at !== undefined) {
    const where = place(byId.get(at)!.callFrame.url);
    if (where.startsWith('src/') || where.startsWith('dist/')) { stage = where.replace(/\/[^/]+$/, ''); break; }
    at = parent.get(at);
  }
  add(stages, stage, ms);
}

const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n)
  .map(([key, ms]) => `| ${ms.toFixed(0)} ms | ${((ms / total) * 100).toFixed(1)} % | ${key} |`).join('\n');
const n = Number(countArg ?? 15);
console.log(`total sampled ${total.toFixed(0)} ms\n\nself time by function\n\n| self | share | function |\n|---|---|---|\n${top(functions, n)}`);
console.log(`\ntime by stage (the innermost own source folder on the stack, libraries included)\n\n| time | share | stage |\n|---|---|---|\n${top(stages, n)}`);
console.log(`\nself time by package or source folder\n\n| self | share | where |\n|---|---|---|\n${top(places, n)}`);
