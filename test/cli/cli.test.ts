/** Issue 12 §3: --help, exit codes (0 ok, 1 content errors, 2 usage errors), lint, files named as the user gave them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cli, STACK_LINE } from './capture';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = relative(process.cwd(), join(ROOT, 'assets', 'editions', 'hengnan-2021'));

function editedSample(edit: (text: string) => string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-cli-')), 'edition');
  cpSync(join(ROOT, 'assets', 'editions', 'hengnan-2021'), folder, { recursive: true });
  writeFileSync(join(folder, 'manuscript.txt'), edit(readFileSync(join(folder, 'manuscript.txt'), 'utf8')));
  return folder;
}

test('issue-12: every command has --help, printed on stdout with exit 0, naming its options and the exit codes', async () => {
  for (const [command, option] of [['build', '--watch'], ['lint', '--templates'], ['preview', '--help'], ['verify', '--help']] as const) {
    const run = await cli([command, '--help']);
    assert.equal(run.code, 0, command);
    assert.match(run.out, new RegExp(`^usage: newsprint ${command} `), command);
    assert.ok(run.out.includes(option), `${command} --help names ${option}`);
    assert.match(run.out, /exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 +usage errors/);
  }
  const top = await cli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.out, /^usage: newsprint build <edition-dir> \[options\]\n {7}newsprint lint /);
  for (const command of ['build', 'lint', 'preview', 'verify']) assert.match(top.out, new RegExp(`^ {2}${command} `, 'm'));
});

test('issue-12: usage errors exit 2 with the message and the command\'s usage; an option without its value is never ignored', async () => {
  const cases: [string[], RegExp][] = [
    [[], /^usage: newsprint build /],
    [['publish', SAMPLE], /unknown command "publish"/],
    [['build', SAMPLE, '--out'], /^newsprint build: --out needs a value\n\nusage: newsprint build/],
    [['build', SAMPLE, '--out', '--force'], /^newsprint build: --out needs a value \(found the next option instead/],
    [['build', SAMPLE, '--bogus'], /^newsprint build: unknown option --bogus/],
    [['build', SAMPLE, '--force=yes'], /--force takes no value/],
    [['build', SAMPLE, '--cache', 'attic'], /--cache takes out, xdg, none, not "attic"/],
    [['build'], /missing the edition folder/],
    [['lint', SAMPLE, 'extra'], /^newsprint lint: unexpected argument "extra"/],
    [['verify'], /^newsprint verify: missing the archive folder/],
    [['preview', '--out', 'x'], /^newsprint preview: unknown option --out/],
  ];
  for (const [args, message] of cases) {
    const run = await cli(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.err, message, args.join(' '));
    assert.doesNotMatch(run.err, STACK_LINE);
  }
});

test('issue-12: lint of the sample exits 0, writes nothing, and names the manuscript as the user gave the folder', async () => {
  const before = existsSync(join(ROOT, 'output'));
  const run = await cli(['lint', SAMPLE]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, new RegExp(`^warning\\[duplicate-paragraph\\] ${SAMPLE.replace(/[.]/g, '\\.')}/manuscript\\.txt:115: `, 'm'));
  assert.doesNotMatch(run.out, /\/work\/|^warning\[[^\]]+\] \//m, 'no absolute paths');
  assert.match(run.out, /lint .*: 0 errors, 7 warnings; no pages written$/);
  assert.equal(existsSync(join(ROOT, 'output')), before, 'lint creates no output folder');
});

test('issue-12: lint reports every problem at once with file:line, and exits 1', async () => {
  // Two problems layout finds (a character no font has, text that cannot fit) and one in content (a caption no photo names… is a warning).
  const extra = Array.from({ length: 20 }, (_, i) => `新增段落${i}：${'衡南县坚持创新驱动引领开放崛起，加快建设现代产业体系。'.repeat(12)}`).join('\n\n');
  const folder = editedSample((text) => text.replace('春回大地，金牛奔腾。', '春回大地，金牛奔腾\u0E01。').replace('全力强链延链。', `${extra}\n\n全力强链延链。`));
  const run = await cli(['lint', folder]);
  assert.equal(run.code, 1);
  const given = folder;
  assert.ok(run.err.includes(`error[missing-glyph] ${given}/manuscript.txt:38`), run.err);
  assert.ok(run.err.includes(`error[overset] ${given}/manuscript.txt:`), 'overset names the manuscript under the folder as given, like the warnings');
  assert.ok(run.out.includes(`warning[duplicate-paragraph] ${given}/manuscript.txt:`));
  assert.match(run.err, /lint .*: 2 errors, \d+ warnings; no pages written/);
  assert.ok(!existsSync(join(folder, 'output')));
});

test('issue-12: a build with content errors exits 1 and names the files as given; a good build exits 0', async () => {
  const folder = editedSample((text) => text.replace('春回大地，金牛奔腾。', '春回大地，金牛奔腾\u0E01。'));
  const out = mkdtempSync(join(tmpdir(), 'newsprint-cli-out-'));
  const bad = await cli(['build', folder, '--out', out, '--cache', 'xdg']);
  assert.equal(bad.code, 1);
  assert.ok(bad.err.includes(`error[missing-glyph] ${folder}/manuscript.txt:38`), bad.err);
  const good = await cli(['build', SAMPLE, '--out', out, '--cache', 'xdg']);
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, new RegExp(`^warning\\[reordered\\] ${SAMPLE.replace(/[.]/g, '\\.')}/manuscript\\.txt:83 `, 'm'));
  assert.doesNotMatch(good.out, /^· /m, 'no progress lines when stdout is not a terminal');
  const report = readFileSync(join(out, 'hengnan-2021', 'preflight.txt'), 'utf8');
  assert.ok(report.includes(`caption of photo 1, ${SAMPLE}/manuscript.txt:125 (caption)`), 'checks in the report name the manuscript as given');
  assert.ok(report.includes(`diagnostic:reordered [${SAMPLE}/manuscript.txt:83 `), 'diagnostics in the report too');
  assert.doesNotMatch(report, /[[ ]manuscript\.txt:|\/work\//, 'never bare, never absolute');
});

test('issue-12: a photo below 200 ppi is reported once on the console and once in preflight.txt, by the name the edition gives it', async () => {
  const sharp = (await import('sharp')).default;
  const folder = editedSample((text) => text);
  // 260 px wide: even the narrowest frame (one column, 41 mm) prints it at about 140 ppi.
  await sharp(join(folder, 'photos', 'kite-sky.jpg')).resize(260).toFile(join(folder, 'photos', 'kite-small.jpg'));
  writeFileSync(join(folder, 'edition.yaml'), readFileSync(join(folder, 'edition.yaml'), 'utf8').replace('photos/kite-sky.jpg', 'photos/kite-small.jpg'));
  const out = mkdtempSync(join(tmpdir(), 'newsprint-cli-out-'));
  const run = await cli(['build', folder, '--out', out, '--cache', 'none']);
  assert.equal(run.code, 0, run.err);
  const console = `${run.out}\n${run.err}`.split('\n').filter((line) => /\d+ ppi/.test(line));
  assert.equal(console.length, 1, console.join('\n'));
  assert.match(console[0] ?? '', new RegExp(`^warning\\[photo-resolution\\] ${folder}/edition\\.yaml:\\d+ \\(photo photos/kite-small\\.jpg\\): photo photos/kite-small\\.jpg \\(caption "展翅欲飞"\\): 1\\d\\d ppi at the placed size, below 200$`));
  const report = readFileSync(join(out, 'edition', 'preflight.txt'), 'utf8').split('\n').filter((line) => /^(WARN|FAIL)/.test(line) && /ppi/.test(line));
  assert.equal(report.length, 1, report.join('\n'));
  assert.match(report[0] ?? '', /^WARN image-resolution \[page 5, photo 4/);
});

test('issue-12: lint still checks the template when the content has errors, and lists both', async () => {
  const folder = editedSample((text) => text);
  writeFileSync(join(folder, 'edition.yaml'), readFileSync(join(folder, 'edition.yaml'), 'utf8').replace('photos/kite-sky.jpg', 'photos/kite-gone.jpg'));
  const templates = join(mkdtempSync(join(tmpdir(), 'newsprint-cli-t-')), 'templates');
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  const header = join(templates, 'partials', 'header.hbs');
  writeFileSync(header, readFileSync(header, 'utf8').replace('{{> nothing}}', '').replace('{{@root.paper}}', '{{> masthead}}'));
  const run = await cli(['lint', folder, '--templates', templates]);
  assert.equal(run.code, 1);
  assert.match(run.err, new RegExp(`^error\\[missing-photo\\] ${folder}/edition\\.yaml:\\d+`, 'm'));
  assert.match(run.err, /^error\[template-partial\] \S*partials\/header\.hbs:3:\d+: there is no partial "masthead"/m);
  assert.match(run.err, /: 2 errors, \d+ warnings; no pages written/);
});
