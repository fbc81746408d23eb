/**
 * A second feature in the same conventions (test/fixtures/manuscripts/three-part), so that the
 * importer is not tuned to the sample: other title, three parts, a standalone subtitle line, a
 * restarted letter sequence, hostile text. Plus small inline manuscripts for the edge cases.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importRawManuscript } from '../../src/content';
import { type Part, blockText } from '../../src/content/model';

const MANUSCRIPT = join(__dirname, '..', 'fixtures', 'manuscripts', 'three-part', 'manuscript.txt');
const { feature, diagnostics } = importRawManuscript(readFileSync(MANUSCRIPT, 'utf8'), MANUSCRIPT);
const part = (index: number): Part => {
  const found = feature.parts[index];
  assert.ok(found, `part ${index} exists`);
  return found;
};
const texts = (p: Part) => p.blocks.map((b) => `${b.source.line} ${b.kind} ${blockText(b)}`);

describe('three-part manuscript', () => {
  it('reads a bold title with its subtitle on the next line, and the credit', () => {
    assert.equal(feature.title, '乡村振兴谱新篇 产业兴旺绘蓝图');
    assert.equal(feature.subtitle, '——云溪县推进乡村全面振兴综述');
    assert.equal(feature.titleSource.line, 1);
    assert.equal(feature.credit, '■统筹 / 张明 撰文 / 王小燕 配图 / 云溪县融媒体中心');
  });

  it('reads three parts; full-width colon removed; headlines of one and two lines', () => {
    assert.deepEqual(
      feature.parts.map((p) => [p.label, p.kickerTitle, p.headline, p.source.line]),
      [
        ['上篇', '筑基 2019', ['夯实基础，补齐短板'], 6],
        ['中篇', '攻坚 2020', ['聚力攻坚，', '决胜全面小康'], 29],
        ['下篇', '展望 2021', ['奋楫扬帆正当时'], 52],
      ],
    );
  });

  it('moves section C from 中篇 back to 上篇 after B, but keeps 下篇’s new A sequence', () => {
    assert.deepEqual(texts(part(0)).map((t) => t.split(' ').slice(0, 2).join(' ')), [
      '10 paragraph',
      '12 section',
      '14 keywords',
      '16 lead-paragraph',
      '18 lead-paragraph',
      '20 section',
      '22 keywords',
      '24 paragraph',
      '44 section',
      '46 keywords',
      '48 paragraph',
      '50 lead-paragraph',
    ]);
    assert.deepEqual(part(2).blocks.filter((b) => b.kind === 'section').map(blockText), ['A 展望未来，擘画发展新愿景']);
    const moved = diagnostics.filter((d) => d.code === 'reordered');
    assert.equal(moved.length, 1);
    assert.match(moved[0]?.message ?? '', /section C \(lines 44-52\) stood in 中篇; moved back to 上篇 after line 26/);
  });

  it('keeps 中篇’s own text in order, with its subhead', () => {
    assert.deepEqual(part(1).blocks.map((b) => `${b.source.line} ${b.kind}`), ['34 paragraph', '36 subhead', '38 paragraph', '40 paragraph']);
    assert.equal(blockText(part(1).blocks[1] as never), '——要坚持党建引领');
  });

  it('reads captions: credit on the next line, glued to a kicker, and 本报记者 style', () => {
    assert.deepEqual(
      feature.captions.map((c) => [c.text, c.credit, c.source.line, c.partIndex]),
      [
        ['稻田鱼丰', '▲李晓 摄', 26, 0],
        ['金色田野', '■陈晨 摄', 52, 0],
        ['炊烟袅袅', '本报记者 刘洋 摄', 62, 2],
      ],
    );
  });

  it('drops the duplicated paragraph and names both lines', () => {
    const dropped = diagnostics.filter((d) => d.code === 'duplicate-paragraph');
    assert.equal(dropped.length, 1);
    assert.match(dropped[0]?.message ?? '', /line 42 repeats line 40/);
  });

  it('keeps hostile content verbatim', () => {
    const all = feature.parts.flatMap((p) => p.blocks).map(blockText).join('\n');
    for (const piece of [
      '<b>&amp;',
      '{{title}}',
      'https://example.com/a_very_long_path?x=1&y=2',
      'Pneumonoultramicroscopicsilicovolcanoconiosis',
      '76.72%？！',
      '1,236件',
      '焕然一新……',
      '崩溃——这是',
    ]) {
      assert.ok(all.includes(piece), `keeps ${piece}`);
    }
    assert.ok(!JSON.stringify(feature).includes('**'));
  });

  it('reads the lead-ins of all parts', () => {
    const leadIns = feature.parts
      .flatMap((p) => p.blocks)
      .flatMap((b) => (b.kind === 'lead-paragraph' ? b.spans.filter((s) => s.bold).map((s) => s.text) : []));
    assert.deepEqual(leadIns, ['规划编制全覆盖。', '人居环境大提升。', '文明新风进万家。', '打造示范片区。', '培育新型主体。']);
  });

  it('has no errors', () => {
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  });
});

describe('edge cases', () => {
  it('makes one unlabelled part of a manuscript without kickers', () => {
    const { feature: f, diagnostics: d } = importRawManuscript('春风又绿江南岸\n\n第一段正文。\n\n第二段正文。\n', 'x.txt');
    assert.equal(f.title, '春风又绿江南岸');
    assert.equal(f.parts.length, 1);
    assert.deepEqual([f.parts[0]?.label, f.parts[0]?.kickerTitle, f.parts[0]?.headline], ['', '', []]);
    assert.deepEqual(f.parts[0]?.blocks.map((b) => b.source.line), [3, 5]);
    assert.deepEqual(d, []);
  });

  it('treats whitespace-only lines (U+3000, NBSP) as blank and strips control characters with a warning', () => {
    const { feature: f, diagnostics: d } = importRawManuscript('标题\n\u3000\u3000\n\u00a0 \n正文\u0007一段。\n', 'x.txt');
    assert.deepEqual(f.parts[0]?.blocks.map((b) => [b.source.line, blockText(b)]), [[4, '正文一段。']]);
    assert.equal(d.length, 1);
    assert.equal(d[0]?.code, 'control-character');
    assert.equal(d[0]?.source?.line, 4);
  });

  it('reports a missing title as an error', () => {
    const { diagnostics: d } = importRawManuscript('这是一个很长的段落，显然不是标题。它有句号。\n\n另一段。', 'x.txt');
    assert.deepEqual(d.map((x) => [x.severity, x.code]), [['error', 'no-title']]);
  });

  it('reports a manuscript with neither parts nor paragraphs as an error', () => {
    const { diagnostics: d } = importRawManuscript('只有标题\n', 'x.txt');
    assert.deepEqual(d.map((x) => [x.severity, x.code]), [['error', 'no-parts']]);
  });

  it('keeps prose that starts like a kicker or a section as a paragraph', () => {
    const text = '标题\n\n上篇文章说，改革要深化。\n\nI think this is English.\n\n摄影爱好者可登录https://x.com/y/z投稿\n';
    const { feature: f } = importRawManuscript(text, 'x.txt');
    assert.deepEqual(f.parts.map((p) => p.label), ['']);
    assert.deepEqual(f.parts[0]?.blocks.map((b) => b.kind), ['paragraph', 'paragraph', 'paragraph']);
    assert.equal(f.credit, undefined);
  });

  it('keeps prose glued behind a kicker as a paragraph when it is no headline', () => {
    const text = '标题\n\n春景\n■张三 摄**下篇 展望：****这是一段很长的正文。**后面还有内容。\n';
    const { feature: f, diagnostics: d } = importRawManuscript(text, 'x.txt');
    assert.equal(f.title, '标题');
    assert.deepEqual(f.captions.map((c) => [c.text, c.credit, c.partIndex]), [['春景', '■张三 摄', 0]]);
    assert.equal(f.parts[1]?.label, '下篇');
    assert.deepEqual(f.parts[1]?.blocks.map(blockText), ['这是一段很长的正文。后面还有内容。']);
    assert.ok(d.some((x) => x.code === 'part-without-headline' && x.source?.line === 4));
  });

  it('keeps a credit with no caption above it, with a warning, instead of dropping it', () => {
    const { feature: f, diagnostics: d } = importRawManuscript('标题\n\n短句无标点\n\n■张三 摄\n', 'x.txt');
    assert.equal(f.captions[0]?.credit, '■张三 摄');
    assert.equal(f.parts[0]?.blocks.length, 1);
    assert.deepEqual(d.map((x) => x.code), ['credit-without-caption']);
  });

  it('warns about a bold that never closes and leaves no ** behind', () => {
    const { feature: f, diagnostics: d } = importRawManuscript('标题\n\n正文**没有闭合。\n', 'x.txt');
    assert.equal(blockText(f.parts[0]?.blocks[0] as never), '正文没有闭合。');
    assert.deepEqual(d.map((x) => [x.code, x.source?.line]), [['unbalanced-bold', 3]]);
  });

  it('reports a 90%-alike paragraph as a near-duplicate and keeps both', () => {
    const body = '全县新建高标准农田十二万亩，粮食总产量达到六十五万吨，连续五年保持稳定增长，农民收入稳步提高。';
    const text = `标题\n\n${body}\n\n${body.replace('十二万亩', '十三万亩')}\n`;
    const { feature: f, diagnostics: d } = importRawManuscript(text, 'x.txt');
    assert.equal(f.parts[0]?.blocks.length, 2);
    assert.deepEqual(d.map((x) => [x.code, x.source?.line]), [['near-duplicate', 5]]);
  });
});
