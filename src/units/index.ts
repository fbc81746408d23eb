/**
 * Units cross stage boundaries as branded numbers so that a millimetre can never be
 * passed where a point is expected. Everything inside the engine is pt (1/72 in, the PDF unit).
 */
export type Pt = number & { readonly __unit: 'pt' };
export type Mm = number & { readonly __unit: 'mm' };
/** 字: a count of body characters; its size in pt depends on the body size. */
export type Zi = number & { readonly __unit: 'zi' };
/** 级 / Q: phototypesetting unit, 0.25 mm. */
export type Q = number & { readonly __unit: 'q' };

export const pt = (value: number): Pt => value as Pt;
export const mm = (value: number): Mm => value as Mm;
export const zi = (value: number): Zi => value as Zi;
export const q = (value: number): Q => value as Q;

const PT_PER_MM = 72 / 25.4;

export const mmToPt = (value: Mm): Pt => pt(value * PT_PER_MM);
export const ptToMm = (value: Pt): Mm => mm(value / PT_PER_MM);
export const qToPt = (value: Q): Pt => mmToPt(mm(value * 0.25));
export const ziToPt = (count: Zi, bodySize: Pt): Pt => pt(count * bodySize);

/**
 * 字号 in the "word" system used by ctex, Word and GB/T 40070 (bp, which is what PDF uses).
 * A leading 小 names the half step below; see reference/cjk-typesetting.md R5.3.
 */
const HAO_PT: Readonly<Record<string, number>> = {
  初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15,
  四号: 14, 小四: 12, 五号: 10.5, 小五: 9, 六号: 7.5, 小六: 6.5, 七号: 5.5, 八号: 5,
};

export const haoNames = (): readonly string[] => Object.keys(HAO_PT);

export function haoToPt(name: string): Pt {
  const value = HAO_PT[name];
  if (value === undefined) throw new Error(`unknown 字号 "${name}"; known: ${haoNames().join(' ')}`);
  return pt(value);
}

/**
 * Reads a size written in a template or edition file: "9pt", "12.5mm", "20Q"/"20级", "小五"/"五号",
 * or "3字" (relative to a body size, which the caller must give).
 */
export function parseLength(text: string, bodySize?: Pt): Pt {
  const trimmed = text.trim();
  if (HAO_PT[trimmed] !== undefined) return haoToPt(trimmed);
  const match = /^(-?\d+(?:\.\d+)?)\s*(pt|mm|q|Q|级|字|em)?$/.exec(trimmed);
  if (!match) throw new Error(`"${text}" is not a length (use pt, mm, Q/级, 字 or a 字号 such as 小五)`);
  const value = Number(match[1]);
  switch (match[2]) {
    case undefined:
    case 'pt': return pt(value);
    case 'mm': return mmToPt(mm(value));
    case 'q': case 'Q': case '级': return qToPt(q(value));
    case '字': case 'em':
      if (bodySize === undefined) throw new Error(`"${text}" is relative to the body size, which is not known here`);
      return ziToPt(zi(value), bodySize);
    default: throw new Error(`"${text}": unknown unit`);
  }
}
