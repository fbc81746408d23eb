/** edition.yaml validation: each mistake is an error naming the key, the file and the line. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseEditionFile, readEditionFile } from '../../src/content';
import { formatSource, type Diagnostic } from '../../src/diagnostics';

const FILE = 'ed/edition.yaml';
/** A diagnostic as the user reads it: where, then what (the location printed once). */
const shown = (d: Diagnostic): string => `${formatSource(d.source)}: ${d.message}`;

/** A valid edition; tests break one line of it at a time. */
const VALID_LINES = [
  'paper: 云溪日报', // 1
  'date: 2021-06-30', // 2
  'pages: [1, 2]', // 3
  'section: 乡村振兴', // 4
  'editors:', // 5
  '  责任编辑: 赵一', // 6
  'template: feature-spread', // 7
  'manuscript: manuscript.txt', // 8
  'photos:', // 9
  '  - file: photos/a.jpg', // 10
  '    caption: 稻田鱼丰', // 11
  '    page: 1', // 12
  '    focus: { x: 0.5, y: 0.25 }', // 13
];

const withLine = (lineNumber: number, replacement: string | undefined): string => {
  const lines = [...VALID_LINES];
  if (replacement === undefined) lines.splice(lineNumber - 1, 1);
  else lines[lineNumber - 1] = replacement;
  return lines.join('\n');
};

const errorsOf = (source: string) => {
  const result = parseEditionFile(source, FILE);
  assert.equal(result.meta, undefined, 'no meta when there are errors');
  return result.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: shown(d), line: d.source?.line }));
};

describe('edition.yaml', () => {
  it('reads a valid file into EditionMeta with photo lines', () => {
    const { meta, diagnostics } = parseEditionFile(VALID_LINES.join('\n'), FILE);
    assert.deepEqual(diagnostics, []);
    assert.equal(meta?.paper, '云溪日报');
    assert.equal(meta?.date, '2021-06-30');
    assert.deepEqual(meta?.pages, [1, 2]);
    assert.deepEqual(meta?.editors, { 责任编辑: '赵一' });
    assert.deepEqual(meta?.photos[0], {
      file: 'photos/a.jpg',
      caption: '稻田鱼丰',
      page: 1,
      focus: { x: 0.5, y: 0.25 },
      source: { file: FILE, line: 10, context: 'photo photos/a.jpg' },
    });
  });

  it('part_heads takes horizontal or vertical, and names the line of any other value', () => {
    const vertical = parseEditionFile(withLine(8, 'manuscript: manuscript.txt\npart_heads: vertical'), FILE);
    assert.deepEqual(vertical.diagnostics, []);
    assert.equal(vertical.meta?.part_heads, 'vertical');
    const [error] = errorsOf(withLine(8, 'manuscript: manuscript.txt\npart_heads: sideways'));
    assert.equal(error?.line, 9);
    assert.match(error?.message ?? '', /horizontal, vertical/);
  });

  it('reads the sample edition without a diagnostic', () => {
    const { meta, diagnostics } = readEditionFile(join(__dirname, '..', '..', 'assets/editions/hengnan-2021/edition.yaml'));
    assert.deepEqual(diagnostics, []);
    assert.equal(meta?.photos.length, 5);
    assert.equal(meta?.template, 'feature-spread');
  });

  it('rejects an unknown key with its line and a suggestion', () => {
    assert.deepEqual(errorsOf(withLine(5, 'editor:')), [
      { severity: 'error', code: 'edition-unknown-key', message: `${FILE}:5: unknown key "editor" (did you mean "editors"?)`, line: 5 },
    ]);
  });

  it('rejects an unknown key inside a photo entry', () => {
    const [error] = errorsOf(withLine(12, '    pag: 1'));
    assert.equal(error?.message, `${FILE}:12: unknown key "photos[0].pag" (did you mean "page"?)`);
  });

  it('rejects a wrong type with its line', () => {
    const [error] = errorsOf(withLine(4, 'section: 42'));
    assert.equal(error?.code, 'edition-type');
    assert.equal(error?.message, `${FILE}:4: "section" must be a text, found 42`);
  });

  it('rejects pages that are not positive whole numbers, or none at all', () => {
    assert.match(errorsOf(withLine(3, 'pages: [1, 0]'))[0]?.message ?? '', /^ed\/edition\.yaml:3: "pages\[1\]" must be a positive whole number/);
    assert.match(errorsOf(withLine(3, 'pages: []'))[0]?.message ?? '', /^ed\/edition\.yaml:3: "pages" must be a non-empty list/);
  });

  it('rejects a focus outside 0..1', () => {
    const [error] = errorsOf(withLine(13, '    focus: { x: 1.5, y: 0.25 }'));
    assert.equal(error?.message, `${FILE}:13: "photos[0].focus.x" must be a number from 0 to 1, found 1.5`);
  });

  it('rejects a date that does not exist, and one in another format', () => {
    assert.equal(errorsOf(withLine(2, 'date: 2021-02-30'))[0]?.message, `${FILE}:2: "date" must be a real date written YYYY-MM-DD, found "2021-02-30"`);
    assert.equal(errorsOf(withLine(2, 'date: 2021/06/30'))[0]?.line, 2);
  });

  it('accepts a YAML 1.1 timestamp date', () => {
    const { meta } = parseEditionFile(`%YAML 1.1\n---\n${VALID_LINES.join('\n')}`, FILE);
    assert.equal(meta?.date, '2021-06-30');
  });

  it('rejects a missing required key', () => {
    assert.deepEqual(errorsOf(withLine(8, undefined)), [
      { severity: 'error', code: 'edition-missing-key', message: `${FILE}:1: missing required key "manuscript"`, line: 1 },
    ]);
  });

  it('reports every problem at once', () => {
    const source = withLine(4, 'section: 42').replace('editors:', 'editor:');
    assert.deepEqual(errorsOf(source).map((e) => e.line), [4, 5]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [error] = errorsOf(withLine(3, 'pages: [1, 2'));
    assert.equal(error?.code, 'edition-syntax');
    assert.ok((error?.line ?? 0) >= 3);
  });

  it('reports a missing edition file naming its path', () => {
    const { meta, diagnostics } = readEditionFile('/nonexistent/edition.yaml');
    assert.equal(meta, undefined);
    assert.equal(diagnostics[0]?.code, 'missing-edition-file');
    assert.match(diagnostics[0]?.message ?? '', /\/nonexistent\/edition\.yaml/);
  });
});
