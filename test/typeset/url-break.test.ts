/** A URL broken across lines: no piece's glyph box reaches past the measure (kerning at the split). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typesetParagraph } from '../../src/typeset';
import { loadFontBook } from '../../src/io/fonts';
import { pt } from '../../src/units';

test('the last glyph before a URL split ends within the measure with its own advance', () => {
  const fonts = loadFontBook();
  const text = '查阅地址为https://example.com/a_very_long_path?x=1&y=2，群众可随时查阅。';
  const result = typesetParagraph({ spans: [{ text, style: { font: 'song', size: pt(9) } }], firstLineIndent: pt(18), align: 'justify', lastLineAlign: 'start' }, () => pt(99), fonts);
  assert.equal(result.lines.map((l) => l.text).join(''), text);
  const face = fonts.face('song');
  for (const line of result.lines.slice(0, -1)) {
    const glyphs = line.runs.flatMap((r) => r.glyphs);
    const last = glyphs[glyphs.length - 1]!;
    const own = ((face.shape(last.text, [])[0]?.advance ?? 0) * 9) / face.unitsPerEm;
    assert.ok(last.x + own <= line.measure + 0.01, `"${line.text}" ends ${(last.x + own - line.measure).toFixed(2)} pt past the measure`);
  }
});

test('a URL wider than the line fills every line it runs over: no line of URL pieces is left ragged', () => {
  // shuyu-2023 (manuscript line 64) at the body measure: broken only after . ? & = _ -, the piece
  // html?from=paper& stood alone on a line 3.7 em short, too loose to letter-space.
  const fonts = loadFontBook();
  const text = '方案全文已在县政府门户网站公布，网址为https://zwfw.shuyu.example/portal/index.html?from=paper&channel=print_2023#top，企业和群众可以随时查阅、提出意见。';
  for (const measure of [117, 99, 130]) {
    const result = typesetParagraph({ spans: [{ text, style: { font: 'song', size: pt(9) } }], firstLineIndent: pt(18), align: 'justify', lastLineAlign: 'start' }, () => pt(measure), fonts);
    assert.equal(result.lines.map((l) => l.text).join(''), text);
    for (const line of result.lines.slice(0, -1)) {
      assert.ok(Math.abs(line.end - line.measure) < 0.01, `${measure} pt: "${line.text}" ends at ${line.end.toFixed(2)} of ${line.measure}`);
    }
  }
});

test('a URL broken between characters is never broken inside a number or before a mark that may not start a line', () => {
  const fonts = loadFontBook();
  const text = '通知全文见https://www.yunxi.gov.cn/zwgk/notice_0315.html，请查阅。';
  for (let measure = 60; measure <= 140; measure += 0.5) {
    const result = typesetParagraph({ spans: [{ text, style: { font: 'song', size: pt(9) } }], firstLineIndent: pt(18), align: 'justify', lastLineAlign: 'start' }, () => pt(measure), fonts);
    result.lines.slice(0, -1).forEach((line, i) => {
      const next = result.lines[i + 1]!.text;
      assert.ok(!(/[0-9]$/.test(line.text) && /^[0-9]/.test(next)), `${measure} pt: "${line.text}" | "${next}"`);
      assert.ok(!/^[.?&=_)]/.test(next), `${measure} pt: "${line.text}" | "${next}"`);
    });
  }
});
