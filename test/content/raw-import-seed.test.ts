/**
 * The sample manuscript, element by element, against the hand-restored reading order in
 * hengnan-2021-canonical.json (a copy of the judge's seed-canonical.json; its lines are 0-based).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importRawManuscript } from '../../src/content';
import { type Block, type Part, blockText } from '../../src/content/model';

const ROOT = join(__dirname, '..', '..');
const MANUSCRIPT = join(ROOT, 'assets/editions/hengnan-2021/manuscript.txt');
const CANONICAL_FILE = join(ROOT, 'test/fixtures/manuscripts/hengnan-2021-canonical.json');

interface CanonicalBlock {
  kind: string;
  line: number;
  text: string;
  credit?: string;
}
interface Canonical {
  feature: CanonicalBlock[];
  parts: CanonicalBlock[][];
  captions: CanonicalBlock[];
  dropped_duplicates: number[];
}

const canonical = JSON.parse(readFileSync(CANONICAL_FILE, 'utf8')) as Canonical;
const { feature, diagnostics } = importRawManuscript(readFileSync(MANUSCRIPT, 'utf8'), MANUSCRIPT);
const byCode = (code: string) => diagnostics.filter((d) => d.code === code);
const normalise = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, '');
const part = (index: number): Part => {
  const found = feature.parts[index];
  assert.ok(found, `part ${index} exists`);
  return found;
};
const sectionsOf = (p: Part) => p.blocks.filter((b): b is Extract<Block, { kind: 'section' }> => b.kind === 'section');

describe('seed manuscript: feature head', () => {
  it('reads the title and subtitle glued on line 28', () => {
    assert.equal(feature.title, '打造产业集聚新高地 培育创新发展“增长极”');
    assert.equal(feature.subtitle, '——衡南县扎实推进高质量发展纪实');
    assert.equal(feature.titleSource.line, 28);
    assert.equal(feature.titleSource.file, MANUSCRIPT);
  });

  it('reads the feature credit line, not as a caption', () => {
    assert.equal(feature.credit, '■策划 / 李桂花 撰文 / 周瑞华 肖力元 配图 / 衡南县摄影家协会');
    assert.equal(feature.creditSource?.line, 30);
    assert.ok(!feature.captions.some((c) => c.text.includes('策划')));
  });

  it('has no error and no ** left anywhere', () => {
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(!JSON.stringify(feature).includes('**'));
  });
});

describe('seed manuscript: parts', () => {
  it('has two parts with kickers and multi-line headlines', () => {
    assert.equal(feature.parts.length, 2);
    assert.equal(part(0).label, '上篇');
    assert.equal(part(0).kickerTitle, '回首 2020');
    assert.deepEqual(part(0).headline, ['抢抓机遇，真抓实干', '奋力书写衡南高质量发展新篇章']);
    assert.equal(part(0).source.line, 3);
    assert.equal(part(1).label, '下篇');
    assert.equal(part(1).kickerTitle, '展望 2021');
    assert.deepEqual(part(1).headline, ['开启新征程，奋进新时代', '为加快建设“四区一花园”努力奋斗']);
    assert.equal(part(1).source.line, 33);
  });

  it('puts sections A, B, C in 上篇, in letter order, and none in 下篇', () => {
    assert.deepEqual(
      sectionsOf(part(0)).map((s) => [s.letter, s.title]),
      [
        ['A', '撸起袖子加油干，经济发展回暖向好'],
        ['B', '全力以赴，打赢三大攻坚战'],
        ['C', '坚持以人民为中心，扎实办好民生实事'],
      ],
    );
    assert.deepEqual(sectionsOf(part(1)), []);
  });

  it('orders 上篇 blocks as the restored reading order expects', () => {
    const kinds = part(0).blocks.map((b) => b.kind);
    const expected = [
      ...['paragraph', 'paragraph', 'section', 'keywords', 'paragraph', 'paragraph'],
      ...['lead-paragraph', 'lead-paragraph', 'lead-paragraph', 'lead-paragraph'],
      ...['section', 'keywords', 'paragraph', 'lead-paragraph', 'lead-paragraph', 'lead-paragraph'],
      ...['section', 'keywords', 'lead-paragraph', 'lead-paragraph', 'lead-paragraph', 'lead-paragraph'],
    ];
    assert.deepEqual(kinds, expected);
  });

  it('reads the three 关键词 boxes', () => {
    const boxes = feature.parts.flatMap((p) => p.blocks).filter((b) => b.kind === 'keywords');
    assert.equal(boxes.length, 3);
    assert.deepEqual(boxes.map((b) => b.source.line), [14, 85, 105]);
    for (const box of boxes) assert.equal(box.kind === 'keywords' && box.label, '关键词');
    const first = boxes[0];
    assert.ok(first?.kind === 'keywords' && first.text.startsWith('“花桥经验”获国务院督查组肯定'));
  });

  it('reads every bold lead-in, dash outside the bold', () => {
    const leads = feature.parts.flatMap((p) => p.blocks).filter((b) => b.kind === 'lead-paragraph');
    const leadIns = leads.map((b) => (b.kind === 'lead-paragraph' ? b.spans.filter((s) => s.bold).map((s) => s.text) : []));
    assert.deepEqual(leadIns, [
      ['全力抗击新冠肺炎疫情。'],
      ['全力落实“六稳”“六保”。'],
      ['全力推进项目建设。'],
      ['全力做强产业支撑。'],
      ['决战脱贫攻坚。'],
      ['开展蓝天、碧水、净土三大保卫战。'],
      ['风险防范稳定可控。'],
      ['着力维护社会稳定。'],
      ['统筹推进城乡协调发展。'],
      ['持续加大民生支出。'],
      ['抓好民生支出。'],
    ]);
    for (const lead of leads) assert.deepEqual(lead.kind === 'lead-paragraph' && lead.spans[0], { text: '——', bold: false });
  });

  it('reads the six run-in subheads of 下篇', () => {
    const subheads = part(1).blocks.filter((b) => b.kind === 'subhead').map(blockText);
    assert.deepEqual(subheads, [
      '——要坚持构建现代产业体系',
      '——要坚持激发市场主体活力',
      '——要坚持推进农业农村现代化',
      '——要坚持加强生态文明建设',
      '——要坚持保障和改善民生',
      '——要坚持守牢安全发展底线',
    ]);
  });

  for (const index of [0, 1]) {
    it(`matches the canonical text, kind and line of every block in part ${index}`, () => {
      const expected = (canonical.parts[index] ?? []).filter((b) => !b.kind.startsWith('part-'));
      const actual = part(index).blocks;
      assert.deepEqual(
        actual.map((b) => ({ kind: b.kind, line: b.source.line, text: normalise(blockText(b)) })),
        expected.map((b) => ({ kind: b.kind, line: b.line + 1, text: normalise(b.text) })),
      );
    });
  }

  it('matches the canonical kicker and headline of each part', () => {
    canonical.parts.forEach((blocks, index) => {
      const kicker = blocks.find((b) => b.kind === 'part-kicker');
      const headline = blocks.find((b) => b.kind === 'part-headline');
      assert.equal(normalise(`${part(index).label}${part(index).kickerTitle}`), normalise(kicker?.text ?? ''));
      assert.equal(normalise(part(index).headline.join('')), normalise(headline?.text ?? ''));
    });
  });
});

describe('seed manuscript: captions', () => {
  it('reads five captions with credits, one whose credit is on the next line', () => {
    assert.deepEqual(
      feature.captions.map((c) => ({ line: c.source.line, text: c.text, credit: c.credit })),
      canonical.captions.map((c) => ({ line: c.line + 1, text: c.text, credit: c.credit })),
    );
    assert.equal(feature.captions[0]?.text, '春到云集');
    assert.equal(feature.captions[0]?.credit, '■武少雄 摄');
  });

  it('gives each caption the part it stands in after reordering', () => {
    // 春到云集 closes 上篇; the other four stood inside the B and C runs that moved back to 上篇.
    assert.deepEqual(feature.captions.map((c) => c.partIndex), [0, 0, 0, 0, 0]);
  });
});

describe('seed manuscript: repairs are reported', () => {
  it('drops the four repeated lead paragraphs of section C, naming both lines', () => {
    const warnings = byCode('duplicate-paragraph');
    assert.deepEqual(warnings.map((w) => w.source?.line), canonical.dropped_duplicates.map((l) => l + 1));
    assert.deepEqual(warnings.map((w) => w.severity), ['warning', 'warning', 'warning', 'warning']);
    assert.match(warnings[0]?.message ?? '', /115.*107/);
    assert.match(warnings[3]?.message ?? '', /121.*113/);
    const lines = feature.parts.flatMap((p) => p.blocks).map((b) => b.source.line);
    for (const dropped of [115, 117, 119, 121]) assert.ok(!lines.includes(dropped), `line ${dropped} dropped`);
  });

  it('keeps the near-duplicate 抓好民生支出 and reports it against 持续加大民生支出', () => {
    const warnings = byCode('near-duplicate');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.source?.line, 113);
    assert.match(warnings[0]?.message ?? '', /113.*111/);
    const lines = part(0).blocks.map((b) => b.source.line);
    assert.ok(lines.includes(111) && lines.includes(113));
  });

  it('reports each moved section with its line range and destination', () => {
    const warnings = byCode('reordered');
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]?.message ?? '', /section B \(lines 83-101\).*下篇.*上篇/);
    assert.match(warnings[1]?.message ?? '', /section C \(lines 103-129\).*下篇.*上篇/);
    assert.deepEqual(warnings.map((w) => w.source?.line), [83, 103]);
  });

  it('reports nothing else', () => {
    const codes = new Set(diagnostics.map((d) => d.code));
    assert.deepEqual([...codes].sort(), ['duplicate-paragraph', 'near-duplicate', 'reordered']);
  });
});
