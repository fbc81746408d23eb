/**
 * The text-trace painter: one line per glyph run, stroke, fill, label and image, with positions
 * in pt (page top-left), fonts and inks. Traces of the sample's pages are snapshots under
 * test/snapshots/trace/, so a review shows what a layout change moved.
 */
import type { Cmyk } from '../template/types';
import type { GlyphRun } from '../typeset/types';
import type { NativeFontSource } from './index';
import type { Ink, OutlineEntry, PageSetup, Painter, Rect, Shape } from './painter';

const n = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);
const ink = (value: Ink): string => (value === 'registration' ? 'registration' : `cmyk(${value.c},${value.m},${value.y},${value.k})`);
const quoted = (text: string): string => JSON.stringify(text);
const rect = (r: Rect): string => `x=${n(r.x)} y=${n(r.y)} w=${n(r.width)} h=${n(r.height)}`;

function shape(s: Shape): string {
  if (s.kind === 'line') return `line ${n(s.x1)},${n(s.y1)} → ${n(s.x2)},${n(s.y2)}`;
  if (s.kind === 'circle') return `circle c=${n(s.cx)},${n(s.cy)} r=${n(s.r)}`;
  return `rect ${rect(s)}`;
}

interface MeasurableFont { unitsPerEm: number; layout(text: string): { advanceWidth: number } }

export class TracePainter implements Painter<string> {
  private readonly lines: string[] = [];

  constructor(private readonly fonts?: NativeFontSource) {}

  beginPage(setup: PageSetup): void {
    this.lines.push(`page ${setup.number} media ${n(setup.mediaWidth)}×${n(setup.mediaHeight)}`);
  }

  glyphRun(run: GlyphRun, lineX: number, baseline: number, colour: Cmyk, overprint: boolean): void {
    const first = run.glyphs[0];
    const last = run.glyphs[run.glyphs.length - 1];
    if (!first || !last) return;
    const width = last.x + last.advance - first.x;
    const text = run.glyphs.map((g) => g.text).join('');
    this.lines.push(`glyphs x=${n(lineX + first.x)} baseline=${n(baseline)} w=${n(width)} ${run.font} ${n(run.size)}pt ${ink(colour)}${overprint ? ' overprint' : ''} ${quoted(text)}`);
  }

  stroke(shapes: readonly Shape[], width: number, colour: Ink, overprint: boolean): void {
    for (const s of shapes) this.lines.push(`stroke ${shape(s)} width=${n(width)} ${ink(colour)}${overprint ? ' overprint' : ''}`);
  }

  fill(r: Rect, colour: Cmyk): void {
    this.lines.push(`fill ${rect(r)} ${ink(colour)}`);
  }

  label(text: string, x: number, baseline: number, font: string, size: number, colour: Cmyk): void {
    this.lines.push(`label x=${n(x)} baseline=${n(baseline)} ${font} ${n(size)}pt ${ink(colour)} ${quoted(text)}`);
  }

  measure(text: string, font: string, size: number): number {
    const native = this.fonts?.nativeFont(font) as MeasurableFont | undefined;
    if (!native) throw new Error(`trace painter: no font for role ${font}`);
    return (native.layout(text).advanceWidth * size) / native.unitsPerEm;
  }

  image(r: Rect, _jpeg: Buffer, alt: string): void {
    this.lines.push(`image ${rect(r)} alt=${quoted(alt)}`);
  }

  outline(entries: readonly OutlineEntry[]): void {
    const walk = (list: readonly OutlineEntry[], depth: number): void => {
      for (const e of list) {
        this.lines.push(`outline ${'  '.repeat(depth)}${quoted(e.title)} page=${e.pageIndex + 1} left=${n(e.left)} top=${n(e.top)}`);
        walk(e.children, depth + 1);
      }
    };
    walk(entries, 0);
  }

  finish(): Promise<string> {
    return Promise.resolve(`${this.lines.join('\n')}\n`);
  }
}
