/**
 * Issue 10, output side: `<out>/<edition>/` always holds exactly one build's files; a failed
 * build's report cannot be mistaken for a good one; builds of one edition take turns; names from
 * edition.yaml cannot leave --out; and every failure reaches the desk as a diagnostic.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { cli as runCli, STACK_LINE } from '../cli/capture';
import { PipelineError } from '../../src/diagnostics';
import { fileSystemDiagnostic } from '../../src/io/fs-errors';
import { buildEdition } from '../../src/pipeline';
import { editionOutput, lockOutput } from '../../src/publish';
import { printFileName, safeNameValue } from '../../src/publish/naming';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'assets', 'editions', 'hengnan-2021');

// One photo cache for this file's builds (each has its own --out), so only the first is cold.
before(() => { process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'newsprint-i10-xdg-')); });

const temp = (label: string) => mkdtempSync(join(tmpdir(), `newsprint-i10-${label}-`));

/** A copy of the sample edition (folder name `edition`), with its files edited. */
function edition(edit: { yaml?: (text: string) => string; manuscript?: (text: string) => string } = {}): string {
  const folder = join(temp('ed'), 'edition');
  cpSync(SAMPLE, folder, { recursive: true });
  for (const [name, change] of [['edition.yaml', edit.yaml], ['manuscript.txt', edit.manuscript]] as const) {
    if (change) writeFileSync(join(folder, name), change(readFileSync(join(folder, name), 'utf8')));
  }
  return folder;
}

/** Every file under `folder`, relative path → SHA-256. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  if (existsSync(folder)) walk(folder);
  return files;
}

/** The build command in-process, with the cache outside the output folder these tests inspect. */
const cli = (args: string[]): ReturnType<typeof runCli> => runCli(['build', ...args, '--cache', 'xdg']);

describe('issue 10: pages are never silently lost', () => {
  test('pages: [4, 4] exits non-zero with duplicate-page and writes nothing', async () => {
    const folder = edition({ yaml: (t) => t.replace('pages: [4, 5]', 'pages: [4, 4]').replace(/\n    page: \d/g, '') });
    const out = temp('out');
    const run = await cli([folder, '--out', out]);
    assert.equal(run.code, 1);
    assert.match(run.err, /error\[duplicate-page\] \S*edition\.yaml:6/);
    assert.ok(!existsSync(join(out, 'edition')));
  });

  test('a photo with 4 KB zeroed stops the build, naming the photo and its line in edition.yaml', async () => {
    const folder = edition();
    const photo = join(folder, 'photos', 'colorful-cups.jpg');
    const bytes = readFileSync(photo);
    bytes.fill(0, bytes.length >> 1, (bytes.length >> 1) + 4096);
    writeFileSync(photo, bytes);
    const run = await cli([folder, '--out', temp('out')]);
    assert.equal(run.code, 1);
    assert.match(run.err, /error\[photo-damaged\] \S*edition\.yaml:28 \(photo photos\/colorful-cups\.jpg\): photo \S*colorful-cups\.jpg .*is damaged/);
  });
});

describe('issue 10: whole-edition output', () => {
  test('a failed rebuild leaves the last good build whole, and its report goes to <edition>.FAILED, which the CLI names', async () => {
    const folder = edition();
    const out = temp('out');
    assert.equal((await cli([folder, '--out', out])).code, 0);
    const good = snapshot(join(out, 'edition'));
    writeFileSync(join(folder, 'manuscript.txt'), readFileSync(join(folder, 'manuscript.txt'), 'utf8').replace('春回大地', '春回\u0E01大地'));
    const failed = await cli([folder, '--out', out]);
    assert.equal(failed.code, 1);
    assert.deepEqual(snapshot(join(out, 'edition')), good, 'the good build, every file as it was, its PASS report included');
    assert.match(readFileSync(join(out, 'edition', 'preflight.txt'), 'utf8'), /: PASS/);
    const report = readFileSync(join(out, 'edition.FAILED', 'preflight.txt'), 'utf8');
    assert.match(report, /^Preflight for edition: FAILED BUILD/);
    assert.match(failed.err, /this build's report: \S*edition\.FAILED\/preflight\.txt/);

    writeFileSync(join(folder, 'manuscript.txt'), readFileSync(join(SAMPLE, 'manuscript.txt')));
    assert.equal((await cli([folder, '--out', out])).code, 0);
    assert.ok(!existsSync(join(out, 'edition.FAILED')), 'a good build removes the stale failure report');
  });

  test('after pages change, the old page files are gone', async () => {
    const out = temp('out');
    assert.equal((await cli([edition(), '--out', out])).code, 0);
    const renumbered = edition({ yaml: (t) => t.replace('pages: [4, 5]', 'pages: [6, 7]').replaceAll('page: 4', 'page: 6').replaceAll('page: 5', 'page: 7') });
    assert.equal((await cli([renumbered, '--out', out])).code, 0);
    assert.deepEqual(readdirSync(join(out, 'edition', 'print')).sort(), ['2021-03-05-06.pdf', '2021-03-05-07.pdf']);
  });

  test('a build killed at any moment leaves the old build or the new one, whole, and no temporary files', async () => {
    const folder = edition();
    const out = temp('out');
    assert.equal((await cli([folder, '--out', out])).code, 0);
    const old = snapshot(join(out, 'edition'));
    writeFileSync(join(folder, 'manuscript.txt'), readFileSync(join(folder, 'manuscript.txt'), 'utf8').replace('春回大地', '春风大地'));

    // Killed right as it reports preflight, i.e. just before or while it writes the output.
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'build', folder, '--out', out, '--cache', 'xdg'], { cwd: ROOT, env: process.env });
    await new Promise<void>((done) => {
      child.stdout.on('data', (chunk: Buffer) => { if (/preflight:/.test(chunk.toString())) child.kill('SIGKILL'); });
      child.on('exit', () => done());
    });
    const after = snapshot(join(out, 'edition'));
    const unchanged = [...old].every(([path, hash]) => after.get(path) === hash) && after.size === old.size;
    if (!unchanged) {
      // The kill came after the swap: then it is the new build, whole.
      assert.deepEqual([...after.keys()].sort(), [...old.keys()].sort());
      assert.match(readFileSync(join(out, 'edition', 'preflight.txt'), 'utf8'), /: PASS/);
    }
    // The next build tidies whatever the kill left and swaps in a complete build.
    assert.equal((await cli([folder, '--out', out])).code, 0);
    assert.deepEqual(readdirSync(out).filter((name) => name !== '.cache').sort(), ['edition']);
  });

  test('a second build of the same edition waits for the lock, then says clearly that it gave up', async () => {
    const out = temp('out');
    const held = await lockOutput(editionOutput(out, 'edition'));
    try {
      await assert.rejects(buildEdition(edition(), { outDir: out, force: false, cache: 'xdg', lockWaitMs: 600 }), (error: unknown) => {
        assert.ok(error instanceof PipelineError);
        assert.deepEqual(error.diagnostics.map((d) => d.code), ['output-locked']);
        assert.match(error.diagnostics[0]?.message ?? '', /another Newsprint build is writing \S*\/edition/);
        return true;
      });
    } finally {
      await held.release();
    }
    const built = await buildEdition(edition(), { outDir: out, force: false, cache: 'xdg', lockWaitMs: 600 });
    assert.equal(built.files.length, 2, 'once the lock is free the build goes through');
  });

  test('two builds of one edition at once: both finish, one after the other, and the folder holds one whole build', async () => {
    const out = temp('out');
    const folder = edition();
    const [a, b] = await Promise.all([
      buildEdition(folder, { outDir: out, force: false, cache: 'xdg' }),
      buildEdition(folder, { outDir: out, force: false, cache: 'xdg' }),
    ]);
    assert.equal(a.files.length + b.files.length, 4);
    assert.deepEqual(readdirSync(join(out, 'edition', 'print')).sort(), ['2021-03-05-04.pdf', '2021-03-05-05.pdf']);
  });
});

describe('issue 10: nothing written outside --out', () => {
  test('--name-pattern "{paper}-{page}.pdf" with paper "../../x" writes inside print/', async () => {
    const parent = temp('parent');
    const out = join(parent, 'out');
    const folder = edition({ yaml: (t) => t.replace(/^paper: .*$/m, 'paper: "../../x"') });
    const run = await cli([folder, '--out', out, '--name-pattern', '{paper}-{page}.pdf']);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(readdirSync(parent), ['out']);
    assert.deepEqual(readdirSync(join(out, 'edition', 'print')).sort(), ['___.._x-04.pdf', '___.._x-05.pdf']);
  });
});

describe('issue 10: every failure is a diagnostic, never a stack trace', () => {
  test('--out that is a file: ENOTDIR named with the path and what to do', async () => {
    const file = join(temp('file'), 'not-a-folder');
    writeFileSync(file, 'x');
    const run = await cli([edition(), '--out', file]);
    assert.equal(run.code, 1);
    assert.match(run.err, /error\[file-system\] \S*not-a-folder: cannot create the output folder: part of the path is a file, not a folder \(ENOTDIR\)\n  → --out must name a folder/);
    assert.doesNotMatch(run.err, STACK_LINE);
  });

  test('--out under a file: ENOTDIR too; --out where the system forbids writing: EPERM/EACCES, named', async () => {
    const file = join(temp('file'), 'f');
    writeFileSync(file, 'x');
    const below = await cli([edition(), '--out', join(file, 'out')]);
    assert.match(below.err, /error\[file-system\] .*\(ENOTDIR\)/);
    const forbidden = await cli([edition(), '--out', '/sys/newsprint-out']);
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.err, /error\[file-system\] \/sys\/newsprint-out: cannot create the output folder: .*\((EPERM|EACCES|EROFS)\)/);
    assert.doesNotMatch(forbidden.err, STACK_LINE);
  });

  test('--out the user may not write: EACCES named with the path and what to do', async (t) => {
    const parent = temp('readonly');
    chmodSync(parent, 0o555);
    const folder = edition();
    chmodSync(join(folder, '..'), 0o755);
    let run: { code: number | null; err: string };
    if (process.getuid?.() !== 0) {
      const result = await cli([folder, '--out', join(parent, 'out')]);
      run = { code: result.code, err: result.err };
    } else {
      // Root may write anywhere: run the CLI as nobody instead.
      if (spawnSync('runuser', ['--help']).error) return t.skip('running as root and runuser is missing: cannot make EACCES');
      const child = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'build', folder, '--out', join(parent, 'out'), '--cache', 'none'],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
      run = { code: child.status, err: child.stderr };
    }
    assert.equal(run.code, 1);
    assert.match(run.err, /error\[file-system\] \S*\/out: cannot create the output folder: permission denied \(EACCES\)\n  → choose an --out folder you may write to/);
    assert.doesNotMatch(run.err, STACK_LINE);
  });

  test('--out under /proc (where Node\'s recursive mkdir never returns) is answered at once', async () => {
    const run = await cli([edition(), '--out', '/proc/newsprint-out/x']);
    assert.equal(run.code, 1);
    assert.match(run.err, /error\[file-system\] \/proc\/newsprint-out: cannot create the output folder: .*\(ENOENT\)/);
  });

  test('an unexpected failure is one internal-error line; --debug adds the stack', async () => {
    const plain = await cli([edition(), '--out', 'bad\0path']);
    assert.equal(plain.code, 1);
    assert.match(plain.err, /^error\[internal-error\]: Newsprint stopped unexpectedly: .*\n  → build again with --debug/);
    assert.doesNotMatch(plain.err, STACK_LINE);
    const debug = await cli([edition(), '--out', 'bad\0path', '--debug']);
    assert.match(debug.err, STACK_LINE);
  });

  test('ENOSPC, EROFS and EACCES read as what happened and what to do', () => {
    let full: NodeJS.ErrnoException | undefined;
    try {
      writeFileSync('/dev/full', Buffer.alloc(1));
    } catch (error) {
      full = error as NodeJS.ErrnoException;
    }
    if (full) {
      const d = fileSystemDiagnostic(full, 'write the pages', '/dev/full');
      assert.equal(d.message, 'cannot write the pages: the disk is full (ENOSPC)');
      assert.match(d.hint ?? '', /free some space/);
    }
    const readOnly = Object.assign(new Error('EROFS: read-only file system, mkdir \'/mnt/ro/out\''), { code: 'EROFS', path: '/mnt/ro/out' });
    assert.deepEqual(fileSystemDiagnostic(readOnly, 'create the output folder'), {
      severity: 'error', code: 'file-system', source: { file: '/mnt/ro/out' },
      message: 'cannot create the output folder: the disk is read-only (EROFS)', hint: 'choose an --out folder on a writable disk',
    });
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/srv/out' });
    assert.match(fileSystemDiagnostic(denied, 'write the new build').hint ?? '', /--out folder you may write to/);
  });

  test('the photo cache that cannot be written is a warning; the build still passes', async () => {
    const out = temp('out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '.cache'), 'a file where the cache folder would go');
    const built = await buildEdition(edition(), { outDir: out, force: false });
    assert.equal(built.report.passed, true);
    assert.deepEqual(built.report.diagnostics.filter((d) => d.code.startsWith('cache') || d.code.startsWith('photo-unreadable')).map((d) => [d.severity, d.code]), [['warning', 'cache-unwritable']]);
  });
});

describe('issue 10: values in file names', () => {
  test('each value is made safe: no separators, no leading dots, no controls, at most 40 characters', () => {
    assert.equal(safeNameValue('..'), '__');
    assert.equal(safeNameValue('a/b\\c:d'), 'a_b_c_d');
    assert.equal(safeNameValue('衡南\u0000日报\u200B'), '衡南_日报_');
    assert.equal(safeNameValue('衡南 日报'), '衡南-日报');
    assert.equal([...safeNameValue('报'.repeat(400))].length, 40);
    assert.equal(printFileName('{paper}-{page}.pdf', { edition: 'e', paper: '../../x', date: '2021-03-05', page: 4 }), '___.._x-04.pdf');
  });
});

describe('issue 10: a header that does not fit', () => {
  test('a 400-character paper name is a header-fits error saying the header does not fit, not only an ink failure', async () => {
    const folder = edition({ yaml: (t) => t.replace(/^paper: .*$/m, `paper: ${'衡南日报'.repeat(100)}`) });
    await assert.rejects(buildEdition(folder, { outDir: temp('out'), force: false, cache: 'xdg', preflight: { renderInk: false } }), (error: unknown) => {
      assert.ok(error instanceof PipelineError);
      const header = error.diagnostics.filter((d) => d.code === 'preflight-header-fits');
      assert.equal(header.length, 2, 'both pages');
      assert.match(header[0]?.message ?? '', /page 4: .*the page header does not fit its line: "衡南日报.*" overprints/);
      return true;
    });
  });
});
