/** The typesetter with the real fonts (Noto Serif/Sans SC, LXGW WenKai) on the sample manuscript. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFontBook, projectRoot } from '../../src/io/fonts';
import { countContent, startProhibited, endProhibited } from '../../src/typeset/classes';
import { typesetParagraph } from '../../src/typeset';
import type { LineBox, StyledText } from '../../src/typeset/types';
import { pt } from '../../src/units';

const fonts = loadFontBook();
const SIZE = 9;
const MEASURE = 117;

interface Bbox { minX: number; maxX: number }
const native = (role: string) => fonts.nativeFont(role) as unknown as { unitsPerEm: number; getGlyph(id: number): { bbox: Bbox } };

/** Manuscript paragraphs (≥ 60 characters), with **bold** runs set in 黑体 bold. */
function manuscriptParagraphs(): StyledText[][] {
  const text = readFileSync(join(projectRoot, 'assets/editions/hengnan-2021/manuscript.txt'), 'utf8');
  return text.split('\n').filter((l) => l.replace(/\*\*/g, '').trim().length >= 60).map((line) =>
    line.split('**').map((part, i) => ({ text: part, style: { font: i % 2 ? 'hei-bold' : 'song', size: pt(SIZE) } })).filter((s) => s.text.length > 0));
}

const setBody = (spans: StyledText[], punctuation: 'kaiming' | 'quanshen' = 'kaiming') => typesetParagraph(
  { spans, firstLineIndent: pt(2 * SIZE), align: 'justify', lastLineAlign: 'start', source: { file: 'manuscript.txt' } },
  () => pt(MEASURE), fonts, { punctuation });

/** Ink of each glyph in pt from the line start, from the real glyph bboxes. */
function inks(line: LineBox): { text: string; left: number; right: number }[] {
  return line.runs.flatMap((run) => {
    const font = native(run.font);
    const scale = run.size / font.unitsPerEm;
    return run.glyphs.filter((g) => g.text.trim() !== '').map((g) => {
      const b = font.getGlyph(g.id).bbox;
      return { text: g.text, left: g.x + b.minX * scale, right: g.x + b.maxX * scale };
    });
  });
}

test('Noto Serif SC: closing marks keep their ink in the left half, opening marks in the right half', () => {
  const font = native('song');
  const face = fonts.face('song');
  for (const c of '，。、：；！？”’）》') {
    const g = face.shape(c, [])[0]!;
    assert.equal(g.advance, 1000, c);
    assert.ok(font.getGlyph(g.id).bbox.maxX <= 500, `${c} ink right edge ${font.getGlyph(g.id).bbox.maxX}`);
  }
  for (const c of '“‘（《') {
    const g = face.shape(c, [])[0]!;
    assert.ok(font.getGlyph(g.id).bbox.minX >= 500, `${c} ink left edge ${font.getGlyph(g.id).bbox.minX}`);
  }
});

test('half-width marks: ink stays inside the glyph box and never overlaps the neighbours', () => {
  for (const punctuation of ['kaiming', 'quanshen'] as const) {
    const text = '他说：“我们（县委）要做好《规划》，‘六稳’工作。”随后……';
    const r = typesetParagraph({ spans: [{ text, style: { font: 'song', size: pt(SIZE) } }], firstLineIndent: pt(0), align: 'justify', lastLineAlign: 'start' }, () => pt(400), fonts, { punctuation });
    const ink = inks(r.lines[0]!);
    for (let i = 1; i < ink.length; i++) {
      assert.ok(ink[i]!.left >= ink[i - 1]!.right - 0.05, `${punctuation}: ${ink[i - 1]!.text}${ink[i]!.text} overlap (${ink[i - 1]!.right.toFixed(2)} > ${ink[i]!.left.toFixed(2)})`);
    }
    assert.ok(ink[0]!.left >= 0);
  }
});

test('manuscript body at 9 pt in 13-em columns: flush, kinsoku, exact text, no 孤字', () => {
  const paragraphs = manuscriptParagraphs();
  let lines = 0;
  for (const [spans, punctuation] of paragraphs.flatMap((p) => [[p, 'kaiming'], [p, 'quanshen']] as const)) {
    const text = spans.map((s) => s.text).join('');
    const r = setBody(spans, punctuation);
    assert.equal(r.lines.map((l) => l.text).join(''), text);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    r.lines.forEach((l, i) => {
      lines++;
      const first = l.text.codePointAt(0)!;
      if (i > 0 && !/^(——|……)/.test(l.text)) assert.ok(!startProhibited(first, 'gb'), `line starts with ${l.text[0]}: ${l.text}`);
      if (!l.isLast) {
        assert.ok(Math.abs(l.end - MEASURE) <= 0.01, `line ends at ${l.end}: ${l.text}`);
        assert.ok(!endProhibited([...l.text].pop()!.codePointAt(0)!, 'gb'), `line ends with an opening mark: ${l.text}`);
        // the last glyph's ink ends inside the measure
        const ink = inks(l);
        assert.ok(ink[ink.length - 1]!.right <= MEASURE + 0.01, `ink beyond the measure: ${l.text}`);
      } else {
        assert.ok(l.end <= MEASURE + 0.01);
        if (r.lines.length > 1) assert.ok(countContent(l.text) >= 2, `孤字: "${l.text}"`);
      }
    });
  }
  assert.ok(lines > 600, `${lines} lines`);
});

test('speed: the whole manuscript body (timing printed, not asserted)', () => {
  const paragraphs = manuscriptParagraphs();
  const chars = paragraphs.reduce((s, p) => s + p.reduce((t, x) => t + x.text.length, 0), 0);
  for (const p of paragraphs) setBody(p); // warm the shaping caches
  const runs = 5;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < runs; k++) for (const p of paragraphs) setBody(p);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
  console.log(`typeset ${paragraphs.length} paragraphs, ${chars} characters: ${ms.toFixed(1)} ms per pass`);
});
