/**
 * Issue 12 §2: template mistakes are diagnostics a layout editor can act on: the template file,
 * line and column, what is wrong, and the names that are valid; never a stack trace. Each case
 * changes one thing in a copy of templates/ and reads the message `newsprint lint` prints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKUP_ATTRIBUTES } from '../../src/template/check-markup';
import { cli, STACK_LINE } from '../cli/capture';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'assets', 'editions', 'hengnan-2021');

/** A copy of templates/ with `file` (under it) edited; the edit must change something. */
function editedTemplates(file: string, edit: (text: string) => string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-templates-')), 'templates');
  cpSync(join(ROOT, 'templates'), folder, { recursive: true });
  const path = join(folder, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, `the edit changes ${file}`);
  writeFileSync(path, after);
  return folder;
}

async function lintWith(templates: string): Promise<string> {
  const run = await cli(['lint', SAMPLE, '--templates', templates]);
  assert.equal(run.code, 1, `lint fails: ${run.out}\n${run.err}`);
  assert.doesNotMatch(run.err, STACK_LINE, 'no stack trace');
  assert.doesNotMatch(run.err, /internal-error/);
  return run.err;
}

const lineOf = (templates: string, file: string, needle: string): number =>
  readFileSync(join(templates, file), 'utf8').split('\n').findIndex((line) => line.includes(needle)) + 1;

test('issue-12: a story style the template does not define names the template line and lists the styles', async () => {
  const templates = editedTemplates('partials/story-items.hbs', (t) => t.replace('<subhead line="{{source.line}}"', '<subhead style="sub-head" line="{{source.line}}"'));
  const err = await lintWith(templates);
  const line = lineOf(templates, 'partials/story-items.hbs', 'sub-head');
  assert.match(err, new RegExp(`^error\\[template-style\\] \\S*partials/story-items\\.hbs:${line}:\\d+ \\(<subhead>\\): unknown style "sub-head"\n  → styles the template defines: body, body-bold, .*subhead`, 'm'));
});

test('issue-12: a style whose default style is missing (no "section" style) is named where <section> is written', async () => {
  const templates = editedTemplates('partials/styles.hbs', (t) => t.replace(/ *<style name="section"[^\n]*\n/, ''));
  const err = await lintWith(templates);
  assert.match(err, /error\[template-style\] \S*partials\/story-items\.hbs:\d+:\d+ \(<section>\): <section> is set in the style "section", which the template does not define/);
});

test('issue-12: a font role missing from fonts.json names the style\'s line and lists the roles', async () => {
  const templates = editedTemplates('partials/styles.hbs', (t) => t.replace('name="caption" font="kai"', 'name="caption" font="kaiti"'));
  const err = await lintWith(templates);
  const line = lineOf(templates, 'partials/styles.hbs', 'kaiti');
  assert.match(err, new RegExp(`^error\\[template-font\\] \\S*partials/styles\\.hbs:${line}:3 \\(<style>\\): style "caption": font role "kaiti" is not in fonts/fonts\\.json\n  → font roles: hei, hei-bold, kai, song, song-bold`, 'm'));
});

test('issue-12: an unknown colour, attribute and element are each named with the valid names, all at once', async () => {
  const templates = editedTemplates('pages/feature-spread.hbs', (t) => t
    .replace('<block columns="1-8" space-after="1"', '<block columns="1-8" spacing-after="1"')
    .replace('{{> header}}', '{{> header}}\n  <banner/>'));
  const styles = join(templates, 'partials', 'styles.hbs');
  writeFileSync(styles, readFileSync(styles, 'utf8').replace('color="red-small" align="start"', 'color="crimson" align="start"'));
  const err = await lintWith(templates);
  assert.match(err, /error\[template-attribute\] \S*pages\/feature-spread\.hbs:\d+:3 \(<block>\): <block> has no attribute "spacing-after"\n  → <block> takes: anchor, columns, grow, rule-below, space-after, vertical/);
  assert.match(err, /error\[template-element\] \S*pages\/feature-spread\.hbs:\d+:3 \(<banner>\): there is no element <banner>\n  → elements: .*block/);
  assert.match(err, /error\[template-colour\] \S*partials\/styles\.hbs:\d+:3 \(<style>\): style "pull-quote": colour "crimson" is not in the palette\n  → palette colours: black, grey, red, red-small, tint/);
});

test('issue-12: a Handlebars syntax error names the partial file, line and column', async () => {
  const templates = editedTemplates('partials/header.hbs', (t) => t.replace('{{#each @root.editors}}', '{{#each @root.editors}'));
  const err = await lintWith(templates);
  assert.match(err, /^error\[template\] \S*partials\/header\.hbs:5:\d+: Handlebars syntax: expected/m);
});

test('issue-12: a markup error (a tag never closed) names the template line that wrote the element', async () => {
  const templates = editedTemplates('pages/feature-spread.hbs', (t) => t.replace('<line style="title">{{../feature.title}}</line>', '<line style="title">{{../feature.title}}'));
  const err = await lintWith(templates);
  const line = lineOf(templates, 'pages/feature-spread.hbs', '<line style="title">');
  const found = /^error\[markup-syntax\] \S*pages\/feature-spread\.hbs:(\d+):\d+ \(in or after the element written here; generated markup line \d+:\d+\): unexpected close tag/m.exec(err);
  assert.ok(found, err);
  const at = Number(found[1]);
  assert.ok(at >= line && at <= line + 3, `names the title block (line ${line}), found line ${at}`);
});

test('issue-12: a missing partial and an unknown helper are named with the ones that exist', async () => {
  const templates = editedTemplates('pages/feature-spread.hbs', (t) => t.replace('{{> header}}', '{{> masthead}}').replace('{{#if @first}}opening', '{{#if (isFirst @index)}}opening'));
  const err = await lintWith(templates);
  const partials = readdirSync(join(ROOT, 'templates', 'partials')).map((f) => f.replace(/\.hbs$/, '')).sort().join(', ');
  assert.match(err, /error\[template-partial\] \S*pages\/feature-spread\.hbs:\d+:3: there is no partial "masthead"/);
  assert.ok(err.includes(`→ partials in templates/partials/: ${partials}\n`), err);
  assert.match(err, /error\[template-helper\] \S*pages\/feature-spread\.hbs:\d+:\d+: there is no helper "isFirst"\n  → helpers: chineseDate, chineseDateWithWeekday, chineseNumeral, eq, isEven, lunarDate, weekday/);
});

test('issue-12: a name missing from the template data names the file that used it', async () => {
  const templates = editedTemplates('partials/header.hbs', (t) => t.replace('{{@root.section}}', '{{@root.sectionName}}'));
  const err = await lintWith(templates);
  assert.match(err, /^error\[template\] \S*partials\/header\.hbs:\d+:\d+: "sectionName" not defined/m);
});

test('issue-12: the checker knows every attribute the markup readers read, so a new one cannot be refused as unknown', () => {
  const known = new Set(Object.values(MARKUP_ATTRIBUTES).flat());
  const read = new Set<string>();
  for (const file of ['page-spec.ts', 'plan-spec.ts']) {
    const source = readFileSync(join(ROOT, 'src', 'template', file), 'utf8');
    for (const match of source.matchAll(/attributes(?:\.([a-z]+)|\['([a-z-]+)'\])/g)) read.add(match[1] ?? match[2] ?? '');
    for (const match of source.matchAll(/reader\.(?:required|length|integer|number|oneOf|columns)\(\w+, '([a-z-]+)'/g)) read.add(match[1] ?? '');
    for (const match of source.matchAll(/(?:length|colour)\('([a-z-]+)'/g)) read.add(match[1] ?? '');
  }
  read.delete('');
  assert.ok(read.size > 40, `found the attributes read (${read.size})`);
  const missing = [...read].filter((name) => !known.has(name));
  assert.deepEqual(missing, [], 'add these to MARKUP_ATTRIBUTES in src/template/check-markup.ts (and to docs/template-language.md)');
});
