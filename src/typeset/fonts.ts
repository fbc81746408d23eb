/**
 * Font faces backed by fontkit. Fonts are parsed once per process from buffers the caller reads,
 * so this stage does no file I/O; the render stage gets the same parsed objects through
 * `nativeFont` and never parses a font again.
 */
import * as fontkit from 'fontkit';
import type { FontFace, FontResolver, ShapedGlyph } from './types';

export interface FontRoleConfig {
  readonly package?: string;
  readonly file: string;
  readonly fallback?: readonly string[];
  readonly use?: string;
}

export interface FontsConfig {
  readonly roles: Readonly<Record<string, FontRoleConfig>>;
}

/** The subset of fontkit's Font we rely on. */
export interface NativeFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: string[]): {
    glyphs: { id: number; codePoints: number[] }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  };
}

class FontkitFace implements FontFace {
  private readonly shapeCache = new Map<string, readonly ShapedGlyph[]>();
  private readonly coverage = new Map<number, boolean>();

  constructor(readonly key: string, readonly native: NativeFont) {}

  get postscriptName(): string { return this.native.postscriptName; }
  get unitsPerEm(): number { return this.native.unitsPerEm; }

  hasCodePoint(codePoint: number): boolean {
    let has = this.coverage.get(codePoint);
    if (has === undefined) {
      has = this.native.hasGlyphForCodePoint(codePoint);
      this.coverage.set(codePoint, has);
    }
    return has;
  }

  shape(text: string, features: readonly string[]): readonly ShapedGlyph[] {
    const cacheKey = `${features.join(',')}\u0000${text}`;
    const cached = this.shapeCache.get(cacheKey);
    if (cached) return cached;
    const run = this.native.layout(text, [...features]);
    const shaped = run.glyphs.map((glyph, i): ShapedGlyph => {
      const position = run.positions[i];
      return {
        id: glyph.id,
        codePoints: glyph.codePoints,
        advance: position?.xAdvance ?? 0,
        xOffset: position?.xOffset ?? 0,
        yOffset: position?.yOffset ?? 0,
      };
    });
    this.shapeCache.set(cacheKey, shaped);
    return shaped;
  }
}

export class FontBook implements FontResolver {
  private readonly faces = new Map<string, FontkitFace>();

  /** `buffers` maps role key → font file bytes, as read by the caller. */
  constructor(private readonly config: FontsConfig, buffers: ReadonlyMap<string, Buffer>) {
    for (const key of Object.keys(config.roles).sort()) {
      const buffer = buffers.get(key);
      if (!buffer) throw new Error(`font role "${key}" has no font file loaded`);
      const parsed = fontkit.create(buffer) as unknown as NativeFont;
      if (typeof parsed.layout !== 'function') throw new Error(`font role "${key}": the file is a collection; name one face`);
      this.faces.set(key, new FontkitFace(key, parsed));
    }
  }

  roles(): readonly string[] { return [...this.faces.keys()]; }

  face(key: string): FontFace {
    const face = this.faces.get(key);
    if (!face) throw new Error(`unknown font role "${key}"; fonts/fonts.json defines ${this.roles().join(', ')}`);
    return face;
  }

  /** The fontkit object behind a role, for the render stage. */
  nativeFont(key: string): NativeFont {
    const face = this.faces.get(key);
    if (!face) throw new Error(`unknown font role "${key}"`);
    return face.native;
  }

  faceFor(key: string, codePoint: number): FontFace | undefined {
    for (const candidate of this.chain(key)) {
      const face = this.faces.get(candidate);
      if (face?.hasCodePoint(codePoint)) return face;
    }
    return undefined;
  }

  /** The role followed by its fallbacks (depth-first, each role once). */
  chain(key: string): readonly string[] {
    const order: string[] = [];
    const visit = (role: string): void => {
      if (order.includes(role)) return;
      order.push(role);
      for (const next of this.config.roles[role]?.fallback ?? []) visit(next);
    };
    visit(key);
    return order;
  }
}
