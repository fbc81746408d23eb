/** loadEdition: the folder → Edition stage, with photo matching and the errors that stop it. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loadEdition } from '../../src/content';
import { type Diagnostic, formatDiagnostic, PipelineError } from '../../src/diagnostics';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'assets/editions/hengnan-2021');
const THREE_PART = join(ROOT, 'test/fixtures/manuscripts/three-part');

const MANUSCRIPT = ['春风又绿江南岸', '', '上篇 开篇：', '**第一行标题**', '', '正文第一段。', '', '稻田鱼丰 ■张三 摄', ''].join('\n');

const diagnosticsOf = (run: () => unknown): readonly Diagnostic[] => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PipelineError, `expected a PipelineError, got ${String(error)}`);
    return error.diagnostics;
  }
  assert.fail('expected loadEdition to throw');
};

describe('loadEdition on real editions', () => {
  it('loads the sample edition and matches all five photos to their captions', () => {
    const edition = loadEdition(SAMPLE);
    assert.equal(edition.id, 'hengnan-2021');
    assert.equal(edition.feature.parts.length, 2);
    assert.deepEqual(
      edition.photos.map((p) => [p.entry.file, p.caption.text]),
      [
        ['photos/grey-architecture.jpg', '衡南工业集中区大力支持企业复工复产'],
        ['photos/seedlings.jpg', '图为衡南县委副书记胡果雄在潭子山镇炮公村福祥合作社调研工厂化育秧基地建设'],
        ['photos/path-forest.jpg', '春到云集'],
        ['photos/kite-sky.jpg', '展翅欲飞'],
        ['photos/colorful-cups.jpg', '湖南中科光电集团现代化的生产车间'],
      ],
    );
    assert.ok(edition.photos.every((p) => p.path.startsWith('/')));
    assert.ok(edition.diagnostics.every((d) => d.severity === 'warning'));
    assert.ok(!edition.diagnostics.some((d) => d.code === 'caption-without-photo'));
  });

  it('loads the three-part edition: caption by prefix, by exact text, and the leftover in order', () => {
    const edition = loadEdition(THREE_PART);
    assert.equal(edition.id, 'three-part');
    assert.equal(edition.meta.pages.length, 3);
    assert.deepEqual(edition.photos.map((p) => [p.entry.file.split('/').pop(), p.caption.text]), [
      ['seedlings.jpg', '稻田鱼丰'],
      ['path-forest.jpg', '炊烟袅袅'],
      ['kite-sky.jpg', '金色田野'],
    ]);
    assert.deepEqual(edition.photos[0]?.entry.focus, { x: 0.5, y: 0.4 });
  });

  it('carries the lint warnings of the three-part manuscript', () => {
    const { diagnostics } = loadEdition(THREE_PART);
    const lint = diagnostics.filter((d) => d.code === 'half-width-punct' || d.code === 'unbalanced-quotes');
    assert.deepEqual(lint.map((d) => [d.code, d.source?.line]), [
      ['half-width-punct', 24],
      ['unbalanced-quotes', 48],
    ]);
  });
});

describe('loadEdition errors', () => {
  let folder = '';
  const write = (name: string, content: string) => writeFileSync(join(folder, name), content);
  const edition = (photos: string) =>
    ['paper: 测试报', 'date: 2021-01-01', 'pages: [1]', 'section: 测试', 'template: t', 'manuscript: manuscript.txt', photos].join('\n');

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'newsprint-edition-'));
    await sharp({ create: { width: 8, height: 6, channels: 3, background: '#888' } }).jpeg().toFile(join(folder, 'tiny.jpg'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('loads a minimal edition and warns about a caption without photo', () => {
    write('manuscript.txt', MANUSCRIPT);
    write('edition.yaml', edition('photos: []'));
    const loaded = loadEdition(folder);
    assert.equal(loaded.feature.title, '春风又绿江南岸');
    assert.deepEqual(loaded.photos, []);
    const warning = loaded.diagnostics.find((d) => d.code === 'caption-without-photo');
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.source?.line, 8);
  });

  it('gives an uncaptioned photo the unmatched caption', () => {
    write('manuscript.txt', MANUSCRIPT);
    write('edition.yaml', edition('photos:\n  - file: tiny.jpg'));
    assert.equal(loadEdition(folder).photos[0]?.caption.text, '稻田鱼丰');
  });

  it('fails when edition.yaml is missing, naming the path', () => {
    const empty = mkdtempSync(join(tmpdir(), 'newsprint-empty-'));
    try {
      const [error] = diagnosticsOf(() => loadEdition(empty));
      assert.equal(error?.code, 'missing-edition-file');
      assert.ok(error?.message.includes(join(empty, 'edition.yaml')));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('fails on a schema error in edition.yaml', () => {
    write('edition.yaml', edition('photo: []'));
    const [error] = diagnosticsOf(() => loadEdition(folder));
    assert.equal(formatDiagnostic(error!), `error[edition-unknown-key] ${join(folder, 'edition.yaml')}:7: unknown key "photo" (did you mean "photos"?)`);
  });

  it('fails when the manuscript is missing, pointing at the manuscript key', () => {
    write('edition.yaml', edition('photos: []').replace('manuscript.txt', 'gone.txt'));
    const [error] = diagnosticsOf(() => loadEdition(folder));
    assert.equal(error?.code, 'missing-manuscript');
    assert.equal(error?.source?.line, 6);
    assert.ok(error?.message.includes('gone.txt'));
  });

  it('fails when a photo file is missing, naming the photo and its line', () => {
    write('manuscript.txt', MANUSCRIPT);
    write('edition.yaml', edition('photos:\n  - file: tiny.jpg\n    caption: 稻田鱼丰\n  - file: photos/nope.jpg'));
    const errors = diagnosticsOf(() => loadEdition(folder)).filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.code, 'missing-photo');
    assert.equal(errors[0]?.source?.line, 10);
    assert.match(formatDiagnostic(errors[0]!), /^error\[missing-photo\] \S*edition\.yaml:10 \(photo photos\/nope\.jpg\): photo photos\/nope\.jpg does not exist$/m);
  });

  it('fails when a photo names a caption the manuscript does not have', () => {
    write('manuscript.txt', MANUSCRIPT);
    write('edition.yaml', edition('photos:\n  - file: tiny.jpg\n    caption: 金色田野'));
    const errors = diagnosticsOf(() => loadEdition(folder)).filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((e) => [e.code, e.source?.line]), [['photo-caption-not-found', 8]]);
    assert.match(errors[0]?.message ?? '', /金色田野/);
  });

  it('fails on a manuscript without a title, and keeps the warnings alongside', () => {
    write('manuscript.txt', '这是很长的一段话，不是标题。它有句号。\n\n稻田鱼丰 ■张三 摄\n');
    write('edition.yaml', edition('photos: []'));
    const diagnostics = diagnosticsOf(() => loadEdition(folder));
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['caption-without-photo', 'no-title']);
  });
});
