/**
 * Issue 10, input side: edition integrity (no page lost), confinement to the edition folder,
 * caps checked before parsing, and the manuscript's encoding and invisible characters.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importRawManuscript, loadEdition, parseEditionFile, readEditionFile } from '../../src/content';
import { blockText } from '../../src/content/model';
import { type Diagnostic, PipelineError } from '../../src/diagnostics';
import { INPUT_LIMITS } from '../../src/io/limits';
import { readTemplateSources } from '../../src/io/templates';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'assets/editions/hengnan-2021');
const GB18030 = join(ROOT, 'test/fixtures/manuscripts/gb18030/manuscript.txt');

const YAML = (extra: Record<string, string> = {}): string => Object.entries({
  paper: '测试报', date: '2021-01-01', pages: '[1]', section: '测试', template: 'feature-spread', manuscript: 'manuscript.txt', ...extra,
}).map(([k, v]) => `${k}: ${v}`).join('\n');
const MANUSCRIPT = ['春风又绿江南岸', '', '上篇 开篇：', '**第一行标题**', '', '正文第一段。', '', '稻田鱼丰 ■张三 摄', ''].join('\n');

/** A fresh edition folder holding the given files (strings or byte buffers). */
function folderWith(files: Record<string, string | Buffer>): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-i10-')), 'edition');
  mkdirSync(folder, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), data);
  }
  return folder;
}

const loadDiagnostics = (folder: string): readonly Diagnostic[] => {
  try {
    return loadEdition(folder).diagnostics;
  } catch (error) {
    assert.ok(error instanceof PipelineError, `a PipelineError, not ${String(error)}`);
    return error.diagnostics;
  }
};
const errorCodes = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('issue 10: no page silently lost', () => {
  it('a page number listed twice is an error on the second one\'s line', () => {
    const { meta, diagnostics } = parseEditionFile(YAML({ pages: '\n  - 4\n  - 4' }), 'e.yaml');
    assert.equal(meta, undefined);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['duplicate-page', 5]]);
    assert.match(diagnostics[0]?.message ?? '', /page 4 is listed twice/);
  });

  it('pages out of order only warn', () => {
    const { meta, diagnostics } = parseEditionFile(YAML({ pages: '[5, 4]' }), 'e.yaml');
    assert.ok(meta);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.code]), [['warning', 'pages-out-of-order']]);
  });

  it('a photo page: that is not in pages is an error naming the photo line', () => {
    const source = `${YAML({ pages: '[4, 5]' })}\nphotos:\n  - file: a.jpg\n    page: 7`;
    const { diagnostics } = parseEditionFile(source, 'e.yaml');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['photo-page-not-in-pages', 8]]);
    assert.match(diagnostics[0]?.message ?? '', /page 7, which is not in "pages" \(4, 5\)/);
  });

  it('more pages than parts is an error naming the empty pages and the pages line', () => {
    const folder = folderWith({ 'edition.yaml': YAML({ pages: '[1, 2, 3]' }), 'manuscript.txt': MANUSCRIPT });
    const error = loadDiagnostics(folder).find((d) => d.code === 'page-without-part');
    assert.ok(error, 'page-without-part');
    assert.equal(error.severity, 'error');
    assert.equal(error.source?.line, 3);
    assert.match(error.message, /1 part: pages 2, 3 would be empty/);
  });

  it('the same key twice is an error (the YAML library\'s own check is off for speed)', () => {
    const { diagnostics } = parseEditionFile(`${YAML()}\npaper: 另一报`, 'e.yaml');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['edition-duplicate-key', 7]]);
  });
});

describe('issue 10: nothing read from outside the edition folder', () => {
  const withPhoto = (file: string, extra: Record<string, string | Buffer> = {}) =>
    folderWith({ 'edition.yaml': `${YAML()}\nphotos:\n  - file: ${file}`, 'manuscript.txt': MANUSCRIPT, ...extra });
  const photoError = (folder: string) => loadDiagnostics(folder).find((d) => d.severity === 'error' && d.source?.line === 8);

  it('an absolute photo path is refused, /etc/passwd included', () => {
    const error = photoError(withPhoto('/etc/passwd'));
    assert.equal(error?.code, 'photo-outside-edition');
    assert.match(error?.message ?? '', /outside the edition folder/);
  });

  it('a path through .. is refused, though the file exists', () => {
    const folder = withPhoto('../outside.jpg');
    writeFileSync(join(folder, '..', 'outside.jpg'), readFileSync(join(SAMPLE, 'photos/kite-sky.jpg')));
    assert.equal(photoError(folder)?.code, 'photo-outside-edition');
  });

  it('a symlink inside the folder that leads out is refused; one that stays inside is fine', () => {
    const folder = withPhoto('photos/link.jpg');
    mkdirSync(join(folder, 'photos'));
    symlinkSync(join(SAMPLE, 'photos/kite-sky.jpg'), join(folder, 'photos/link.jpg'));
    assert.equal(photoError(folder)?.code, 'photo-outside-edition');

    const inside = withPhoto('photos/link.jpg', { 'real.jpg': readFileSync(join(SAMPLE, 'photos/kite-sky.jpg')) });
    mkdirSync(join(inside, 'photos'));
    symlinkSync(join(inside, 'real.jpg'), join(inside, 'photos/link.jpg'));
    assert.deepEqual(errorCodes(loadDiagnostics(inside)), []);
  });

  it('a device is refused without reading it: /dev/zero by absolute path and by a symlink', () => {
    assert.equal(photoError(withPhoto('/dev/zero'))?.code, 'photo-outside-edition');
    const folder = withPhoto('zero.jpg');
    symlinkSync('/dev/zero', join(folder, 'zero.jpg'));
    assert.equal(photoError(folder)?.code, 'photo-outside-edition');
  });

  it('a folder or a pipe inside the edition is not a photo', () => {
    const folder = withPhoto('photos');
    mkdirSync(join(folder, 'photos'));
    const error = photoError(folder);
    assert.equal(error?.code, 'photo-not-a-file');
    assert.match(error?.message ?? '', /is a folder, not a file/);
    const piped = withPhoto('pipe.jpg');
    execFileSync('mkfifo', [join(piped, 'pipe.jpg')]);
    assert.equal(photoError(piped)?.code, 'photo-not-a-file');
  });

  it('a photo file over the size cap is refused before it is read, and the cap is named', () => {
    const folder = withPhoto('huge.jpg', { 'huge.jpg': '' });
    truncateSync(join(folder, 'huge.jpg'), INPUT_LIMITS.photoFileBytes + 1); // sparse: no disk used
    const error = photoError(folder);
    assert.equal(error?.code, 'photo-file-too-big');
    assert.match(error?.message ?? '', /more than the cap of 200 MiB/);
  });

  it('the manuscript is confined too', () => {
    const folder = folderWith({ 'edition.yaml': YAML({ manuscript: '/etc/passwd' }) });
    const errors = loadDiagnostics(folder);
    assert.deepEqual(errors.map((d) => [d.code, d.source?.line]), [['manuscript-refused', 6]]);
  });

  it('a template is a name, never a path: not ../x, not a partial, not a file in the edition', () => {
    for (const template of ['../partials/header', 'x/../../edition', '/tmp/evil', 'evil.hbs']) {
      const { meta, diagnostics } = parseEditionFile(YAML({ template: JSON.stringify(template) }), 'e.yaml');
      assert.equal(meta, undefined, template);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['edition-template-name', 5]], template);
    }
  });
});

describe('issue 10: edition.yaml values hold only printable text', () => {
  it('a control, invisible or separator character in a value is an error naming the key, its line and the code point', () => {
    const cases: [string, string][] = [['"衡南\\u2028日报"', 'U+2028'], ['"衡南\\u200B日报"', 'U+200B'], ['"衡南\\x01日报"', 'U+0001']];
    for (const [value, code] of cases) {
      const { meta, diagnostics } = parseEditionFile(YAML({ paper: value }), 'e.yaml');
      assert.equal(meta, undefined);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['edition-text-character', 1]]);
      assert.match(diagnostics[0]?.message ?? '', new RegExp(`"paper" holds ${code.replace('+', '\\+')}`));
    }
  });
});

describe('issue 10: caps checked before parsing', () => {
  it('an edition.yaml over the cap is refused at once, naming the cap', () => {
    const folder = folderWith({ 'edition.yaml': `${YAML()}\n${'x'.repeat(INPUT_LIMITS.editionFileBytes)}: 1\n` });
    const started = Date.now();
    const { diagnostics } = readEditionFile(join(folder, 'edition.yaml'));
    assert.ok(Date.now() - started < 500);
    assert.equal(diagnostics[0]?.code, 'edition-file-too-big');
    assert.match(diagnostics[0]?.message ?? '', /more than the cap of 1 MiB/);
  });

  it('an edition.yaml just under the cap, full of unknown keys, is answered within seconds', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `unknown_key_${i}: value`).join('\n');
    const source = `${YAML()}\n${keys}`;
    assert.ok(source.length < INPUT_LIMITS.editionFileBytes);
    const started = Date.now();
    const { diagnostics } = parseEditionFile(source, 'e.yaml');
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(diagnostics.length, 40_000);
  });

  it('a manuscript over the cap is refused before it is decoded', () => {
    const folder = folderWith({ 'edition.yaml': YAML(), 'manuscript.txt': '' });
    truncateSync(join(folder, 'manuscript.txt'), INPUT_LIMITS.manuscriptBytes + 1);
    const error = loadDiagnostics(folder)[0];
    assert.equal(error?.code, 'manuscript-too-big');
    assert.match(error?.message ?? '', /cap of 4 MiB/);
  });

  it('a manuscript of 3000 paragraphs imports in bounded time: the pairwise near-duplicate check steps aside with a note', () => {
    let seed = 1;
    const han = () => String.fromCodePoint(0x4e00 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 20000));
    const manuscript = `标题行\n\n${Array.from({ length: 3000 }, () => `${Array.from({ length: 60 }, han).join('')}。`).join('\n\n')}\n`;
    const started = Date.now();
    const { diagnostics } = importRawManuscript(manuscript, 'm.txt');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.code]), [['info', 'near-duplicate-skipped']]);
  });

  it('a 17-million-character value is refused by the file cap, not by running out of memory', () => {
    const folder = folderWith({ 'edition.yaml': `${YAML()}\neditors:\n  校对: ${'长'.repeat(17_000_000)}\n` });
    assert.equal(readEditionFile(join(folder, 'edition.yaml')).diagnostics[0]?.code, 'edition-file-too-big');
  });
});

describe('issue 10: encodings and invisible characters', () => {
  it('a GB18030 manuscript reads exactly like its UTF-8 original, with one warning', () => {
    const folder = folderWith({ 'edition.yaml': readFileSync(join(SAMPLE, 'edition.yaml')), 'manuscript.txt': readFileSync(GB18030) });
    cpSync(join(SAMPLE, 'photos'), join(folder, 'photos'), { recursive: true });
    const gbk = loadEdition(folder);
    const utf8 = loadEdition(SAMPLE);
    assert.deepEqual(gbk.feature.parts.map((p) => p.blocks.map(blockText)), utf8.feature.parts.map((p) => p.blocks.map(blockText)));
    assert.equal(gbk.feature.title, utf8.feature.title);
    const encoding = gbk.diagnostics.filter((d) => d.code === 'manuscript-encoding');
    assert.deepEqual(encoding.map((d) => d.severity), ['warning']);
    assert.ok(!gbk.diagnostics.some((d) => d.code === 'missing-glyph'));
  });

  it('a UTF-8 manuscript with one damaged byte is an error naming its line, not GB18030 mojibake', () => {
    const bytes = Buffer.from(MANUSCRIPT, 'utf8');
    const at = bytes.indexOf(Buffer.from('正文', 'utf8')) + 1; // the second byte of 正, line 6
    bytes[at] = 0x41;
    const folder = folderWith({ 'edition.yaml': YAML(), 'manuscript.txt': bytes });
    const error = loadDiagnostics(folder).find((d) => d.code === 'manuscript-encoding');
    assert.equal(error?.severity, 'error');
    assert.equal(error?.source?.line, 6);
    assert.match(error?.message ?? '', /byte 0xE6 at byte offset \d+ is not valid UTF-8/);
  });

  it('Latin-1 text that is not GB18030 either is an error at its first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('标题行\n\n', 'utf8'), Buffer.from('caf\xe9\n', 'latin1')]);
    const folder = folderWith({ 'edition.yaml': YAML(), 'manuscript.txt': bytes });
    const error = loadDiagnostics(folder).find((d) => d.code === 'manuscript-encoding');
    assert.equal(error?.severity, 'error');
    assert.equal(error?.source?.line, 3);
  });

  it('a UTF-16 manuscript is an error that says to save as UTF-8', () => {
    const folder = folderWith({ 'edition.yaml': YAML(), 'manuscript.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MANUSCRIPT, 'utf16le')]) });
    const error = loadDiagnostics(folder)[0];
    assert.equal(error?.code, 'manuscript-encoding');
    assert.match(error?.hint ?? '', /UTF-8/);
  });

  it('U+2028 and U+2029 end the paragraph, as a line break does, with a warning on that line', () => {
    const { feature, diagnostics } = importRawManuscript('标题行\n\n第一句。\u2028第二句。\u2029第三句。\n', 'm.txt');
    assert.deepEqual(feature.parts[0]?.blocks.map(blockText), ['第一句。', '第二句。', '第三句。']);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['line-separator', 3]]);
    assert.match(diagnostics[0]?.message ?? '', /2 Unicode line\/paragraph separators \(U\+2028, U\+2029\)/);
  });

  it('zero-width and other invisible characters are removed and named, once per line', () => {
    const { feature, diagnostics } = importRawManuscript('标题行\n\n衡\u200B南\u200D县\u2060发\u00AD展\u202E。\n', 'm.txt');
    assert.deepEqual(feature.parts[0]?.blocks.map(blockText), ['衡南县发展。']);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.source?.line]), [['invisible-character', 3]]);
    assert.match(diagnostics[0]?.message ?? '', /removed 5 invisible characters \(U\+200B, U\+200D, U\+2060, U\+00AD, U\+202E\)/);
  });

  it('a C1 control character is removed and counted once, like the C0 ones', () => {
    const { feature, diagnostics } = importRawManuscript('标题行\n\n金牛\u0085奔腾\u0001。\n', 'm.txt');
    assert.deepEqual(feature.parts[0]?.blocks.map(blockText), ['金牛奔腾。']);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['control-character', 'removed 2 control characters (U+0085, U+0001)']]);
  });

  it('a title whose subtitle holds a semicolon is still the title', () => {
    for (const manuscript of ['春风又绿江南岸\n**——稳增长；促转型**\n\n正文。\n', '春风又绿江南岸**——稳增长;促转型**\n\n正文。\n']) {
      const { feature, diagnostics } = importRawManuscript(manuscript, 'm.txt');
      assert.equal(feature.title, '春风又绿江南岸');
      assert.match(feature.subtitle ?? '', /^——稳增长[;；]促转型$/);
      assert.deepEqual(diagnostics, []);
    }
  });
});

describe('issue 10: templates only by name from templates/pages/', () => {
  it('readTemplateSources refuses a path even when called directly, and names where the edition set it', () => {
    for (const name of ['../partials/header', '../../assets/editions/x']) {
      assert.throws(() => readTemplateSources(name, undefined, { file: 'e.yaml', line: 5 }), (error: unknown) => {
        assert.ok(error instanceof PipelineError);
        assert.deepEqual(error.diagnostics.map((d) => [d.code, d.source?.line]), [['unknown-template', 5]]);
        return true;
      });
    }
  });
});
