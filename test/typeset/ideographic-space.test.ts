/** A run-in list (■甲　■乙, a 数据 box) breaks at its ideographic spaces as at word spaces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typesetParagraph } from '../../src/typeset';
import { loadFontBook } from '../../src/io/fonts';
import { pt } from '../../src/units';

test('an ideographic space at a line break goes: no line starts 1 em in or stops 1 em short, and no line ends with its item marker', () => {
  // yanqi-2023 and tangxi-2023's 数据 boxes, 108 pt wide inside their padding
  const fonts = loadFontBook();
  for (const text of ['■46个项目集中开工　■28个项目集中签约　■签约金额312亿元', '■规模以上工业增加值增长11%左右　■固定资产投资增长12%左右　■社会消费品零售总额增长8%左右']) {
    for (let measure = 90; measure <= 130; measure += 1) {
      const result = typesetParagraph({ spans: [{ text, style: { font: 'kai', size: pt(9) } }], firstLineIndent: pt(0), align: 'justify', lastLineAlign: 'start' }, () => pt(measure), fonts);
      assert.equal(result.lines.map((l) => l.text).join(''), text);
      result.lines.forEach((line, i) => {
        const drawn = line.runs.flatMap((r) => r.glyphs);
        const first = drawn.find((g) => g.advance > 0);
        assert.ok(first && first.text !== '\u3000', `${measure} pt, line ${i + 1} "${line.text}" opens with a blank`);
        if (i < result.lines.length - 1) {
          assert.ok(Math.abs(line.end - line.measure) < 0.01, `${measure} pt, line ${i + 1} "${line.text}" ends at ${line.end.toFixed(2)} of ${line.measure}`);
          assert.ok(!/■\u3000?$/u.test(line.text), `${measure} pt, line ${i + 1} "${line.text}" ends with its marker`);
        }
      });
    }
  }
});
