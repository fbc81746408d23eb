import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startProhibited, endProhibited } from '../../src/typeset/classes';
import { EM, FALLBACK_ONLY, MISSING, effective, glyphsOf, lineTexts, set } from './synthetic';
import type { TypesetResult } from '../../src/typeset/types';

const near = (a: number, b: number, tol = 0.01) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);
const han = (n: number, from = 0) => [...'一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张'].slice(from, from + n).join('');

function assertWellFormed(r: TypesetResult, text: string, width: number | ((i: number) => number)) {
  assert.equal(r.lines.map((l) => l.text).join(''), text, 'glyph texts reproduce the input');
  r.lines.forEach((l, i) => {
    const w = typeof width === 'number' ? width : width(i);
    near(l.measure, w * EM);
    const first = l.text.trimStart().codePointAt(0)!;
    if (i > 0 && !/^(——|……)/.test(l.text)) assert.ok(!startProhibited(first, 'gb'), `line ${i} starts with ${l.text[0]}`);
    const last = [...l.text.trimEnd()].pop()!.codePointAt(0)!;
    if (!l.isLast) {
      assert.ok(!endProhibited(last, 'gb'), `line ${i} ends with an opening mark`);
      near(l.end, w * EM);
    } else assert.ok(l.end <= w * EM + 0.01);
  });
}

describe('kinsoku', () => {
  test('no closing mark at a line start: squeezed in or a character pushed down', () => {
    const text = `${han(10)}，${han(9, 10)}。${han(5, 20)}`;
    const r = set(text, 10);
    assertWellFormed(r, text, 10);
    assert.ok(!lineTexts(r).some((t, i) => i > 0 && t.startsWith('，')));
  });

  test('no opening mark at a line end', () => {
    const text = `${han(9)}“${han(8, 10)}”${han(8, 20)}`;
    const r = set(text, 10);
    assertWellFormed(r, text, 10);
  });

  test('—— and …… are never split and stay together', () => {
    for (const mark of ['——', '……']) {
      for (let k = 6; k <= 10; k++) {
        const text = `${han(k)}${mark}${mark}${han(12, 10)}`;
        const r = set(text, 10);
        assertWellFormed(r, text, 10);
        for (const l of r.lines) {
          const t = l.text;
          const m = t.match(new RegExp(`[${mark[0]}]+`, 'g')) ?? [];
          for (const run of m) assert.equal(run.length, 4, `${mark} pair split in "${t}" (k=${k})`);
        }
        // the pair is one glyph unit of 2 em
        const g = r.lines.flatMap(glyphsOf).filter((x) => x.text.includes(mark[0]!));
        near(g.reduce((s, x) => s + x.advance, 0), 4 * EM);
      }
    }
  });

  test('strict level: —— and …… do not start a line', () => {
    for (let k = 6; k <= 10; k++) {
      const text = `${han(k)}——${han(12, 10)}……${han(12, 22)}`;
      const gb = set(text, 10);
      const strict = set(text, 10, { kinsoku: 'strict' });
      assert.equal(lineTexts(strict).join(''), text);
      assert.ok(!strict.lines.some((l, i) => i > 0 && /^(——|……)/.test(l.text)), lineTexts(strict).join('|'));
      if (k === 10) assert.ok(gb.lines.some((l) => l.text.startsWith('——')), 'GB level allows —— at a line start');
    }
  });

  test('76.72% and 1,236 and a Western word are not split', () => {
    for (let k = 5; k <= 9; k++) {
      const text = `${han(k)}增长76.72%，共1,236件，见Beijing城${han(10, 12)}`;
      const r = set(text, 10);
      assertWellFormed(r, text, 10);
      const tokens = ['76.72%', '1,236', 'Beijing'];
      for (const tok of tokens) assert.ok(r.lines.some((l) => l.text.includes(tok)), `${tok} split at k=${k}: ${lineTexts(r).join(' | ')}`);
    }
  });

  test('a word wider than the line is broken as a last resort, with a warning', () => {
    const text = `${han(3)}Pneumonoultramicroscopicsilicovolcanoconiosis${han(3)}`;
    const r = set(text, 10);
    assert.equal(lineTexts(r).join(''), text);
    assert.ok(r.diagnostics.some((d) => d.code === 'overfull-word'));
  });

  test('a URL wider than the line breaks without a diagnostic, never beside a solidus (GB line-end / clreq line-start rule)', () => {
    const url = 'https://example.org/news/2021/hengnan.html?page=2&x=1';
    const text = `见${url}。`;
    const r = set(text, 10);
    assert.equal(lineTexts(r).join(''), text);
    assert.equal(r.diagnostics.length, 0, JSON.stringify(r.diagnostics));
    assert.ok(r.lines.length > 2);
    for (const l of r.lines.slice(0, -1)) assert.doesNotMatch(l.text, /\/$/);
    for (const l of r.lines.slice(1)) assert.doesNotMatch(l.text, /^\//);
  });
});

describe('punctuation widths', () => {
  const mid = (r: TypesetResult, ch: string) => r.lines.flatMap(glyphsOf).find((g) => g.text === ch)!;

  test('开明式: 。？！ full mid-line, ，、；： and quotes half', () => {
    const r = set(`甲，乙。丙、丁；戊：己！庚？辛“壬”癸`, 30);
    for (const [c, w] of [['，', 0.5], ['。', 1], ['、', 0.5], ['；', 0.5], ['：', 0.5], ['！', 1], ['？', 1], ['“', 0.5], ['”', 0.5]] as const) near(mid(r, c).advance, w * EM);
  });

  test('全身式: all full width mid-line', () => {
    const r = set(`甲，乙。丙、丁“壬”癸`, 30, { punctuation: 'quanshen' });
    for (const c of '，。、“”') near(mid(r, c).advance, EM);
  });

  test('opening marks: ink in the right half, the origin shifts left by the removed blank', () => {
    const r = set('甲“乙', 30);
    const g = glyphsOf(r.lines[0]!);
    near(g[1]!.x, 1 * EM - 0.5 * EM); // box starts at 1 em, glyph origin ½ em before it
    near(g[2]!.x, 1.5 * EM);
  });

  test('interpunct is ½ em with the glyph centred', () => {
    const r = set('甲·乙', 30);
    const g = glyphsOf(r.lines[0]!);
    near(g[1]!.advance, 0.5 * EM);
    near(g[1]!.x, EM - 0.25 * EM); // 1 em glyph trimmed ¼ em on each side
    near(g[2]!.x, 1.5 * EM);
  });

  test('any mark at the line end takes ½ em and ends exactly at the measure', () => {
    for (const style of ['kaiming', 'quanshen'] as const) {
      const text = `${han(9)}。${han(9, 10)}，${han(3, 20)}`;
      const r = set(text, 9.5, { punctuation: style });
      assertWellFormed(r, text, 9.5);
      const l = r.lines[0]!;
      assert.equal(l.text, `${han(9)}。`);
      const last = glyphsOf(l).pop()!;
      near(last.x + 0.5 * EM, 9.5 * EM);
      near(l.end, 9.5 * EM);
    }
  });

  test('adjacent marks: 开明式 。”=1.5 ”，=1 ，“=1; 全身式 1.5 each', () => {
    const pair = (text: string, style: 'kaiming' | 'quanshen') => {
      const r = set(`甲${text}乙`, 30, { punctuation: style });
      const g = glyphsOf(r.lines[0]!);
      const first = g[1]!;
      const next = g[3]!; // 乙
      return (next.x - (first.x + (text[0] === '“' ? 0.5 * EM : 0))) / EM;
    };
    near(pair('。”', 'kaiming'), 1.5, 1e-6);
    near(pair('”，', 'kaiming'), 1, 1e-6);
    near(pair('，“', 'kaiming'), 1, 1e-6);
    near(pair('。”', 'quanshen'), 1.5, 1e-6);
    near(pair('”，', 'quanshen'), 1.5, 1e-6);
    near(pair('，“', 'quanshen'), 1.5, 1e-6);
    near(pair('！？', 'kaiming'), 1.5, 1e-6);
  });

  test('optional trimming of an opening bracket at the line start', () => {
    const text = `${han(9)}（${han(5, 10)}）${han(8, 20)}`;
    const on = set(text, 10, { punctuation: 'quanshen', trimOpeningAtLineStart: true });
    const off = set(text, 10, { punctuation: 'quanshen' });
    const startOf = (r: TypesetResult) => r.lines.find((l) => l.text.startsWith('（'));
    const a = startOf(on), b = startOf(off);
    assert.ok(a && b, lineTexts(on).join('|'));
    near(glyphsOf(a)[0]!.x, -0.5 * EM);
    near(glyphsOf(b)[0]!.x, 0);
  });
});

describe('justification', () => {
  test('every non-final line ends exactly at the measure; the last line has natural width', () => {
    const text = `据统计，2020年全县GDP增长3.9%，完成固定资产投资165亿元（同比增长12%）。“我们要让 open data 走进千家万户”，他说。${han(17)}`;
    const r = set(text, 13, {}, { firstLineIndent: 20 as never });
    assertWellFormed(r, text, 13);
    const last = r.lines[r.lines.length - 1]!;
    const g = glyphsOf(last);
    for (let i = 1; i < g.length; i++) near(g[i]!.x - g[i - 1]!.x, EM); // natural: pure Han 1 em apart
    near(r.lines[0]!.start, 20);
  });

  test('Latin spaces expand before CJK gaps', () => {
    // 9 em of Han + "a b" (0.5+0.25+0.5 em) + gap: short of 12 em → spaces take the stretch first
    const text = `${han(4)}a b c${han(5, 4)}${han(12, 10)}`;
    const r = set(text, 12);
    const l = r.lines[0]!;
    near(l.end, 12 * EM);
    const g = glyphsOf(l);
    const hanXs = g.filter((x) => /\p{Script=Han}/u.test(x.text));
    // CJK–CJK gaps inside the leading 4 characters stay at 1 em when spaces can absorb the slack
    for (let i = 1; i < 4; i++) near(hanXs[i]!.x - hanXs[i - 1]!.x, EM);
    const spaces = g.filter((x) => x.text === ' ');
    assert.ok(spaces.every((s) => s.advance > 0.25 * EM), 'spaces were stretched');
  });

  test('compression before expansion: a full-width 。 mid-line is squeezed to take a ， at the line end', () => {
    const text = `${han(4)}。${han(8, 4)}，${han(6, 20)}`; // 4 + 1 + 8 = 13 em, then ，
    const r = set(text, 13);
    assert.equal(r.lines[0]!.text, `${han(4)}。${han(8, 4)}，`);
    const g = glyphsOf(r.lines[0]!);
    near(g[4]!.advance, 0.5 * EM);
    near(r.lines[0]!.end, 13 * EM);
  });

  test('pure Han expansion is even', () => {
    const text = `${han(11)}“${han(20, 11)}`; // 11 + ½ … “ cannot end a line
    const r = set(text, 12);
    const l = r.lines[0]!;
    near(l.end, 12 * EM);
    const g = glyphsOf(l);
    const steps = g.slice(1).map((x, i) => x.x - g[i]!.x);
    for (const s of steps) near(s, steps[0]!);
  });

  test('centre and end alignment for the last line', () => {
    const c = set('标题', 10, {}, { lastLineAlign: 'center' });
    near(c.lines[0]!.start, 4 * EM);
    const e = set('摄', 10, {}, { lastLineAlign: 'end' });
    near(e.lines[0]!.end, 10 * EM);
  });
});

describe('paragraph-level rules', () => {
  test('孤字: greedy breaking would leave one character; total fit leaves at least two', () => {
    const text = han(21);
    const r = set(text, 10);
    assertWellFormed(r, text, 10);
    const last = r.lines[r.lines.length - 1]!;
    assert.ok([...last.text].length >= 2, lineTexts(r).join('|'));
    assert.equal(r.diagnostics.filter((d) => d.code === 'widow').length, 0);
  });

  test('孤字 with punctuation: 字。 alone is not enough', () => {
    const text = `${han(20)}${han(1, 30)}。`;
    const r = set(text, 10, { minLastLineChars: 2 });
    const last = r.lines[r.lines.length - 1]!;
    assert.ok([...last.text.replace('。', '')].length >= 2, lineTexts(r).join('|'));
  });

  test('an unavoidable 孤字 gives a widow warning naming the source', () => {
    const r = set(`${han(10)}一`, 10, {}, { forcedBreaks: [10] });
    const d = r.diagnostics.find((x) => x.code === 'widow');
    assert.ok(d);
    assert.equal(d.source?.file, 'test.txt');
  });

  test('forced breaks', () => {
    const text = '抢抓机遇，真抓实干奋力书写新篇章';
    const r = set(text, 20, {}, { forcedBreaks: [9], align: 'center', lastLineAlign: 'center' });
    assert.deepEqual(lineTexts(r), ['抢抓机遇，真抓实干', '奋力书写新篇章']);
    assert.ok(r.lines[0]!.start > 0);
  });

  test('newlines in the text are forced breaks and keep their character', () => {
    const r = set('上篇\n回首', 20);
    assert.equal(r.lines.length, 2);
    assert.equal(lineTexts(r).join(''), '上篇\n回首');
  });

  test('a different width per line (run-around)', () => {
    const width = (i: number) => (i < 2 ? 6 : 10);
    const text = han(30);
    const r = set(text, width);
    assertWellFormed(r, text, width);
    assert.deepEqual(r.lines.map((l) => [...l.text].length), [6, 6, 10, 8]);
  });

  test('CJK–Latin gap mid-line, none at line edges or next to punctuation', () => {
    const r = set('中文abc中文，123。', 30);
    const g = glyphsOf(r.lines[0]!);
    const at = (t: string) => g.find((x) => x.text === t)!;
    near(at('a').x - (at('文').x + EM), 2.5); // ¼ em
    const secondZhong = g.filter((x) => x.text === '中')[1]!;
    near(secondZhong.x - (at('c').x + 0.5 * EM), 2.5);
    near(at('1').x - (at('，').x + 0.5 * EM), 0); // after ， no gap
    near(at('。').x - (at('3').x + 0.5 * EM), 0); // before 。 no gap
    // line edge: a line starting with Latin has no leading gap
    const r2 = set(`${han(9)}abcdef${han(5, 10)}`, 10);
    const second = r2.lines.find((l) => l.text.startsWith('abc'));
    if (second) near(glyphsOf(second)[0]!.x, 0);
    const r3 = set(`abc中`, 30, { cjkLatinGap: 0.5 });
    near(glyphsOf(r3.lines[0]!)[3]!.x, 1.5 * EM + 0.5 * EM);
  });

  test('no CJK–Latin gap beside a run of symbols alone; a number keeps its gap with its sign', () => {
    const g = glyphsOf(set('屋场+“恳谈”增长5%以上', 30).lines[0]!);
    const at = (t: string) => g.find((x) => x.text === t)!;
    near(at('+').x - (at('场').x + EM), 0);
    near(at('5').x - (at('长').x + EM), 2.5);
    near(at('以').x - (at('%').x + 0.5 * EM), 2.5);
  });

  test('missing glyph: error naming U+XXXX and the source; the character is kept', () => {
    const ch = String.fromCodePoint(MISSING);
    const r = set(`甲${ch}乙${FALLBACK_ONLY}丙`, 30);
    const d = r.diagnostics.find((x) => x.code === 'missing-glyph');
    assert.ok(d && d.severity === 'error');
    assert.match(d.message, /U\+E000/);
    assert.equal(d.source?.file, 'test.txt');
    assert.equal(r.lines[0]!.text, `甲${ch}乙${FALLBACK_ONLY}丙`);
    const runs = r.lines[0]!.runs;
    assert.deepEqual(runs.map((x) => x.font), ['body', 'fallback', 'body']);
  });

  test('word spaces are kept as glyphs', () => {
    const r = set('open data and more words here to wrap around the line', 10, {}, { align: 'justify' });
    assert.equal(lineTexts(r).join(''), 'open data and more words here to wrap around the line');
    for (const l of r.lines.slice(0, -1)) near(l.end, 10 * EM);
  });

  test('effective widths sum to the line end', () => {
    const r = set(`${han(5)}，“${han(5, 6)}”。${han(20, 12)}`, 12);
    for (const l of r.lines) {
      const e = effective(l);
      near(glyphsOf(l)[0]!.x + e.reduce((s, x) => s + x.w, 0), l.end);
    }
  });
});

describe('opening mark at a line start', () => {
  // The second line starts with “ (ten ideographs fill line one exactly) and fits at full width:
  // “ (1) + seven ideographs + ”， (½ + ½) + one ideograph = 10 em.
  const text = `${han(10)}“${han(7, 10)}”，${han(6, 20)}`;
  const secondLineQuote = (r: TypesetResult) => glyphsOf(r.lines[1]!).find((g) => g.text === '“')!;

  test('keeps its blank half by default, so its ink starts ½ em inside the column edge', () => {
    const r = set(text, 10);
    assertWellFormed(r, text, 10);
    assert.ok(r.lines[1]!.text.startsWith('“'));
    near(secondLineQuote(r).x, 0); // glyph box (ink in its right half) starts at the edge
  });

  test('keeps it on a tight line too: the line is broken differently rather than the edge blurred', () => {
    const tight = `${han(10)}“${han(6, 10)}”${han(3, 20)}`;
    const r = set(tight, 10);
    assertWellFormed(r, tight, 10);
    for (const line of r.lines) assert.ok(glyphsOf(line).every((g) => g.x >= -1e-6), `"${line.text}" hangs outside the column`);
  });

  test('loses it with trimOpeningAtLineStart (clreq option)', () => {
    const r = set(text, 10, { trimOpeningAtLineStart: true, punctuation: 'quanshen' });
    assertWellFormed(r, text, 10);
    near(secondLineQuote(r).x, -EM / 2); // the blank half hangs outside, the ink sits on the edge
  });
});
