/** typesetParagraph: segmentation → total-fit breaking → per-line justification → line boxes. */
import type { Diagnostic } from '../diagnostics';
import { pt, type Pt } from '../units';
import { breakLines } from './breaker';
import { setLine, type PlacedGlyph } from './justify';
import { splitOverwide } from './overwide';
import { segment } from './segment';
import type { Junction, Unit } from './model';
import {
  defaultTypesetOptions, type FontResolver, type GlyphRun, type LineBox, type LineWidthAt, type ParagraphInput,
  type PositionedGlyph, type TypesetOptions, type TypesetResult,
} from './types';

/** How many line widths are sampled to find the narrowest line and whether widths vary. */
const WIDTH_SAMPLES = 400;

export function typesetParagraph(
  input: ParagraphInput, lineWidthAt: LineWidthAt, fonts: FontResolver, options: Partial<TypesetOptions> = defaultTypesetOptions,
): TypesetResult {
  const opts: TypesetOptions = { ...defaultTypesetOptions, ...options };
  const diagnostics: Diagnostic[] = [];
  const source = input.source;
  const { text, units, junctions } = segment(input, fonts, opts, diagnostics);
  const n = units.length;
  if (n === 0 && junctions[0]!.spaces.length === 0) return { lines: [], diagnostics };

  const widths: number[] = [];
  const measure = (i: number): number => (widths[i] ??= lineWidthAt(i));
  const avail = (i: number): number => measure(i) - (i === 0 ? input.firstLineIndent : 0);
  const samples = Math.min(WIDTH_SAMPLES, n + 1);
  // Lines from uniformFrom on all have the last sampled width.
  let uniformFrom = 1;
  let narrowest = avail(0);
  for (let i = 1; i < samples; i++) {
    if (measure(i) !== measure(samples - 1)) uniformFrom = i + 1;
    narrowest = Math.min(narrowest, avail(i));
  }
  splitOverwide(units, junctions, narrowest, text, source, diagnostics);
  unkernSplitEnds(units, junctions, fonts);

  const justify = input.align === 'justify';
  const { starts, widow } = breakLines({
    units, junctions, avail, uniformFrom, justify, trimOpening: opts.trimOpeningAtLineStart, minLastLineChars: opts.minLastLineChars,
  });
  if (widow) {
    diagnostics.push({
      severity: 'warning', code: 'widow',
      message: `the last line holds fewer than ${opts.minLastLineChars} characters (孤字) and no other breaking avoids it`,
      ...(source ? { source } : {}),
      hint: 'add or remove a few characters in the paragraph',
    });
  }

  const lines: LineBox[] = [];
  const count = Math.max(1, starts.length - 1);
  for (let li = 0; li < count; li++) {
    const from = starts[li] ?? 0;
    const to = starts[li + 1] ?? n;
    const isLast = li === count - 1;
    const finalLike = isLast || junctions[to]!.forced;
    const align = finalLike ? input.lastLineAlign : input.align;
    const offset = li === 0 ? input.firstLineIndent : 0;
    const set = n === 0
      ? { glyphs: junctions[0]!.spaces.map((piece) => ({ piece, x: offset, drawn: 0 })), start: offset, end: offset }
      : setLine({ units, junctions, from, to, offset, avail: avail(li), justify: align === 'justify', align, trimOpening: opts.trimOpeningAtLineStart });
    // a line made only of pieces of a broken URL/word is ragged without a further report
    let broken = to - from > 1;
    for (let j = from + 1; j < to && broken; j++) broken = junctions[j]!.penalty > 0;
    if ('problem' in set && set.problem && !(set.problem === 'underfull' && broken)) {
      diagnostics.push({
        severity: 'warning', code: set.problem === 'overfull' ? 'overfull-line' : 'underfull-line',
        message: `line ${li + 1} ${set.problem === 'overfull' ? 'is wider than' : 'cannot be justified to'} its measure: "${set.glyphs.map((g) => g.piece.text).join('')}"`,
        ...(source ? { source } : {}),
      });
    }
    lines.push(lineBox(set.glyphs, measure(li), set.start, set.end, li === 0, isLast));
  }
  return { lines, diagnostics };
}

function lineBox(glyphs: readonly PlacedGlyph[], measure: number, start: number, end: number, isFirst: boolean, isLast: boolean): LineBox {
  const runs: { font: string; size: Pt; color?: string; glyphs: PositionedGlyph[] }[] = [];
  let size = 0;
  let text = '';
  for (const { piece: g, x, drawn } of glyphs) {
    let run = runs[runs.length - 1];
    if (!run || run.font !== g.font || run.size !== g.size || run.color !== g.color) {
      run = { font: g.font, size: pt(g.size), ...(g.color === undefined ? {} : { color: g.color }), glyphs: [] };
      runs.push(run);
    }
    run.glyphs.push({ id: g.id, text: g.text, x: pt(x), advance: pt(drawn), yOffset: pt(g.yOffset) });
    size = Math.max(size, g.size);
    text += g.text;
  }
  return { runs: runs satisfies GlyphRun[], measure: pt(measure), start: pt(start), end: pt(end), size: pt(size), isFirst, isLast, text };
}

/**
 * A word or URL split for breaking keeps the advances it was shaped with as a whole, so the
 * last glyph before a split still carries the kerning with the glyph after it. If the line
 * breaks there, that glyph's box would reach past the measure; give it its own advance.
 */
function unkernSplitEnds(units: Unit[], junctions: readonly Junction[], fonts: FontResolver): void {
  units.forEach((unit, k) => {
    if (unit.kind !== 'latin' || !(junctions[k + 1]?.penalty ?? 0)) return;
    const last = unit.pieces[unit.pieces.length - 1];
    if (!last) return;
    const face = fonts.face(last.font);
    const own = ((face.shape(last.text, [])[0]?.advance ?? 0) * last.size) / face.unitsPerEm;
    if (Math.abs(own - last.advance) < 1e-6) return;
    unit.pieces = [...unit.pieces.slice(0, -1), { ...last, advance: own }];
    unit.core += own - last.advance;
  });
}
