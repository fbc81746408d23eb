/** The typesetting stage: styled text + line widths → lines of positioned glyphs. */
export { typesetParagraph } from './paragraph';
export { defaultTypesetOptions } from './types';
export type * from './types';
export { FontBook } from './fonts';
export { punctKind, startProhibited, endProhibited, type PunctKind } from './classes';
export { typesetVertical, type VerticalResult } from './vertical';
