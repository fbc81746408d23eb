/**
 * Filler candidates (issue 9, §3): pull quotes from a part's own direct speech, figures from its
 * 关键词 boxes. On the sample manuscript and on small invented paragraphs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importRawManuscript } from '../../src/content';
import { findDataFigures, findPullQuotes } from '../../src/content/fillers';
import { type KeywordsBlock, type ParagraphBlock, type Part, blockText } from '../../src/content/model';

const ROOT = join(__dirname, '..', '..');
const MANUSCRIPT = join(ROOT, 'assets/editions/hengnan-2021/manuscript.txt');
const { feature } = importRawManuscript(readFileSync(MANUSCRIPT, 'utf8'), MANUSCRIPT);
const [upper, lower] = feature.parts as [Part, Part];

const FILE = 'invented.txt';
const paragraph = (text: string, line = 1): ParagraphBlock => ({ kind: 'paragraph', spans: [{ text, bold: false }], source: { file: FILE, line } });
const keywords = (text: string, line = 1): KeywordsBlock => ({ kind: 'keywords', label: '关键词', text, source: { file: FILE, line } });
const quotesIn = (...texts: string[]) => findPullQuotes(texts.map((t, i) => paragraph(t, i + 1)));

/** The text of the part's block standing on `line`: what the desk finds at that line. */
const textAt = (part: Part, line: number | undefined): string => {
  const block = part.blocks.find((b) => b.source.line === line);
  assert.ok(block, `${part.label} has a block at line ${line}`);
  return blockText(block);
};

describe('fillers on the sample manuscript', () => {
  it('上篇 offers the county leaders\' quoted words, speaker named', () => {
    const quotes = upper.fillers.quotes;
    assert.ok(quotes.length >= 1);
    const best = quotes[0];
    assert.ok(best && /胡果雄|李军/.test(best.speaker ?? ''), `best quote's speaker: ${best?.speaker}`);
    assert.deepEqual(
      quotes.map((q) => q.speaker),
      ['县委书记李军', '县委书记胡果雄'],
    );
    assert.ok(quotes.some((q) => q.text.startsWith('我们深入贯彻党中央') && q.text.endsWith('良好发展态势。')));
  });

  it('下篇 gives no pull quote: its speech (胡果雄强调：做好…) is not in quote marks, and none is invented', () => {
    assert.deepEqual(lower.fillers.quotes, []);
  });

  it('quoted terms and slogans are not speech', () => {
    const all = feature.parts.flatMap((p) => p.fillers.quotes.map((q) => q.text));
    for (const term of ['六稳', '花桥经验', '第一方阵', '增长极']) assert.ok(!all.includes(term), `${term} is a term`);
    assert.ok(!all.some((t) => t.startsWith('排查不漏一人')), 'a slogan with no speaker and no full stop is not a quote');
    assert.ok(!all.some((t) => t.startsWith('战时状态')));
  });

  it('上篇 figures come from its 关键词 boxes, in box order, starting with section A\'s', () => {
    assert.deepEqual(
      upper.fillers.figures.map((f) => [f.text, f.source.line]),
      [
        ['谋划基本建设项目112个，总投资165亿元', 14],
        ['全县认定扶贫车间195家', 85],
        ['建档立卡贫困人口19098户54227人全部脱贫', 85],
      ],
    );
  });

  it('下篇 has no 关键词 box, so its figures are clauses of its paragraphs, at most six', () => {
    const figures = lower.fillers.figures;
    assert.ok(figures.length >= 3 && figures.length <= 6, `${figures.length} figures`);
    assert.equal(figures[0]?.text, '目前已开工复工项目达33个');
    assert.ok(!figures.some((f) => f.text === '总投资额达68亿元'), 'a clause that leans on the one before ranks later');
    assert.equal(new Set(figures.map((f) => f.text)).size, figures.length);
  });

  it('every candidate is a verbatim substring of the block at its source line', () => {
    for (const part of feature.parts) {
      for (const candidate of [...part.fillers.quotes, ...part.fillers.figures]) {
        assert.equal(candidate.source.file, MANUSCRIPT);
        const text = textAt(part, candidate.source.line);
        assert.ok(text.includes(candidate.text), `"${candidate.text}" is in line ${candidate.source.line}`);
      }
    }
  });
});

describe('pull quotes from invented paragraphs', () => {
  it('takes speech after a colon, with the speaker before it', () => {
    const [quote] = quotesIn('会上，镇长王小明表示：“我们要把每一分钱都花在老百姓最需要的地方，让大家看得见实效。”');
    assert.equal(quote?.text, '我们要把每一分钱都花在老百姓最需要的地方，让大家看得见实效。');
    assert.equal(quote?.speaker, '镇长王小明');
  });

  it('takes speech followed by ，某某说', () => {
    const [quote] = quotesIn('“今年的稻子长得好，亩产比去年多了一百多斤，日子越过越有奔头”，村民张大山说。');
    assert.equal(quote?.text, '今年的稻子长得好，亩产比去年多了一百多斤，日子越过越有奔头');
    assert.equal(quote?.speaker, '村民张大山');
  });

  it('keeps nested ‘…’ terms inside the quote, verbatim', () => {
    const text = '“我们坚持‘一村一品’，让每个村都有自己的产业，群众的腰包才能鼓起来。”县委书记赵刚说。';
    const [quote] = quotesIn(text);
    assert.equal(quote?.text, '我们坚持‘一村一品’，让每个村都有自己的产业，群众的腰包才能鼓起来。');
    assert.equal(quote?.speaker, '县委书记赵刚');
    assert.ok(quote && text.includes(quote.text));
  });

  it('takes a whole quoted sentence with no speaker, and names none', () => {
    const quotes = quotesIn('路修通了，货运出去了。“以前卖一担橘子要走半天山路，现在车子开到家门口。”');
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]?.speaker, undefined);
  });

  it('finds nothing where nothing is quoted, and nothing in a term or slogan', () => {
    assert.deepEqual(quotesIn('全县经济运行平稳，主要指标稳中有升。'), []);
    assert.deepEqual(quotesIn('扎实做好“六稳”工作，全面落实“六保”任务，推广“花桥经验”。'), []);
    assert.deepEqual(quotesIn('按照“早发现、早报告、早隔离、早治疗”的要求，落实各项措施。'), []);
  });

  it('skips a quoted exclamation too short to stand as a pull quote', () => {
    assert.deepEqual(quotesIn('村民张大山笑着说：“好得很！”'), []);
  });

  it('names no speaker when the clause before the verb is too long to be a name', () => {
    const [quote] = quotesIn('在今天召开的全县经济工作会议上县委书记李军表示：“我们要把项目建设作为头等大事来抓。”');
    assert.ok(quote, 'the quote is still a candidate');
    assert.equal(quote.speaker, undefined);
  });

  it('skips a quote with markup left in it, or with an unclosed inner quote', () => {
    assert.deepEqual(quotesIn('镇长王小明表示：“我们要把**每一分钱都花在老百姓最需要的地方。”'), []);
    assert.deepEqual(quotesIn('镇长王小明表示：“我们坚持‘一村一品，让每个村都有自己的产业。”'), []);
  });

  it('ranks a 30-字 quote above one longer than 80 字, whatever their order', () => {
    const long = `${'我们要坚持新发展理念，'.repeat(8)}推动高质量发展。`;
    const short = '我们要把每一分钱都花在老百姓最需要的地方，让大家看得见。';
    assert.ok([...long].length > 80 && [...short].length >= 25 && [...short].length <= 35);
    const quotes = quotesIn(`县长李明强调：“${long}”`, `县长李明强调：“${short}”`);
    assert.deepEqual(quotes.map((q) => q.text), [short, long]);
  });

  it('ranks a named speaker above an unnamed one of the same length', () => {
    const quotes = quotesIn('“路修到了家门口，橘子再也不愁卖不出去了。”', '“路修到了家门口，稻谷再也不愁卖不出去了。”村民张大山说。');
    assert.deepEqual(quotes.map((q) => q.speaker), ['村民张大山', undefined]);
  });

  it('ranks a whole sentence above a fragment, other things equal', () => {
    const quotes = quotesIn('“路修到了家门口，我们村的橘子再也不愁卖不出去了”，村民张大山说。', '“路修到了家门口，我们村的稻谷再也不愁卖不出去了。”村民李小红说。');
    assert.deepEqual(quotes.map((q) => q.speaker), ['村民李小红', '村民张大山']);
  });

  it('names a speaker after the quote only when the phrase is a person', () => {
    const [quote] = quotesIn('“这是全县人民共同奋斗的结果，来之不易。”这一年对衡南来说很不平凡。');
    assert.equal(quote?.speaker, undefined);
    const [named] = quotesIn('“这是全县人民共同奋斗的结果，来之不易。”胡果雄说。');
    assert.equal(named?.speaker, '胡果雄');
  });
});

describe('data figures from invented blocks', () => {
  it('splits a 关键词 box at ；and 。 and keeps the clauses with a number and unit', () => {
    const figures = findDataFigures([keywords('“花桥经验”获肯定；新建村级公路86公里；粮食总产38万吨。群众满意度居全市前列')], []);
    assert.deepEqual(figures.map((f) => f.text), ['新建村级公路86公里', '粮食总产38万吨']);
  });

  it('fills up from paragraphs when the boxes give fewer than three, without repeating a figure', () => {
    const figures = findDataFigures(
      [keywords('新建村级公路86公里')],
      [paragraph('2021年，全县新建村级公路86公里，改造危房1200户，新增就业岗位3500个。', 7)],
    );
    assert.deepEqual(figures.map((f) => [f.text, f.source.line]), [
      ['新建村级公路86公里', 1],
      ['改造危房1200户', 7],
      ['新增就业岗位3500个', 7],
    ]);
  });

  it('does not take dates, figures too short to read alone, or half a quotation', () => {
    const figures = findDataFigures([], [paragraph('2021年3月1日，共3个。他说“今年投资3亿元，明年再投5亿元”，信心十足。')]);
    assert.deepEqual(figures, []);
  });

  it('takes no paragraph figures when the boxes already give three', () => {
    const figures = findDataFigures([keywords('建成5G基站120座；新增市场主体2300家；引进项目34个')], [paragraph('全县新建村级公路86公里。')]);
    assert.equal(figures.length, 3);
    assert.ok(!figures.some((f) => f.text.includes('公路')));
  });

  it('prefers a short clause to a long one, and drops the lead paragraph\'s dash', () => {
    const lead: ParagraphBlock = {
      kind: 'lead-paragraph',
      spans: [{ text: '——', bold: false }, { text: '全力推进项目建设。', bold: true }, { text: '全县规划并陆续开工建设的基础设施和产业类重大项目共计112个，新建公路86公里。', bold: false }],
      source: { file: FILE, line: 3 },
    };
    const dashed = paragraph('——新建村级公路86公里，完工。', 4);
    assert.deepEqual(findDataFigures([], [lead]).map((f) => f.text), ['新建公路86公里', '全县规划并陆续开工建设的基础设施和产业类重大项目共计112个']);
    assert.deepEqual(findDataFigures([], [dashed]).map((f) => f.text), ['新建村级公路86公里']);
  });

  it('skips a clause with markup left in it', () => {
    assert.deepEqual(findDataFigures([keywords('新建村级公路**86公里；粮食总产38万吨')], []).map((f) => f.text), ['粮食总产38万吨']);
  });

  it('stops at six', () => {
    const text = Array.from({ length: 9 }, (_, i) => `第${i + 1}项工程投资${i + 2}亿元`).join('，');
    assert.equal(findDataFigures([], [paragraph(`${text}。`)]).length, 6);
  });
});
