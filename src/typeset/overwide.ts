/**
 * Last resort for atoms wider than the narrowest line: a URL may break after . ? & = _ - and, at a
 * higher penalty, between any two characters not beside a solidus (silently);
 * any other word, or a URL piece still too wide, breaks between glyphs with an 'overfull-word'
 * warning. Never hyphenates (clreq: Western words are not split except at hyphenation points).
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import { SOLIDUS, URL_BREAK_AFTER, endProhibited, looksLikeUrl, startProhibited } from './classes';
import type { Junction, Piece, Unit } from './model';
import { newJunction } from './segment';

const URL_PENALTY = 50;
const WORD_PENALTY = 5000;

export function splitOverwide(units: Unit[], junctions: Junction[], maxWidth: number, text: string, source: SourceRef | undefined, diagnostics: Diagnostic[]): void {
  for (let k = units.length - 1; k >= 0; k--) {
    const u = units[k]!;
    if (u.kind !== 'latin' || u.core <= maxWidth + 1e-6 || u.pieces.length < 2) continue;
    const word = text.slice(u.start, u.end);
    const url = looksLikeUrl(word);
    let groups: (readonly Piece[])[] = url ? cut(u.pieces, (p, next) => URL_BREAK_AFTER.has(p.text.codePointAt(p.text.length - 1) ?? 0) && !SOLIDUS.has(next?.text.codePointAt(0) ?? 0)) : [u.pieces];
    const penalties: number[] = groups.map(() => URL_PENALTY);
    if (url) {
      // A URL may also break between any two characters (no hyphen), but never beside a solidus:
      // dearer than at its punctuation, so taken only where a punctuation break alone would leave
      // a line too loose to justify (html?from=paper& on a line of its own).
      const fine: (readonly Piece[])[] = [];
      const finePenalties: number[] = [];
      for (const g of groups) {
        // …nor inside a number (0315 split across lines reads as two numbers), nor before a mark
        // that may not start a line (.html) or a URL breaks after (_0315), or after one that may not end it
        const pieces = cut(g, (p, next) => !SOLIDUS.has(p.text.codePointAt(0) ?? 0) && !SOLIDUS.has(next?.text.codePointAt(0) ?? 0)
          && !(DIGIT.test(p.text) && DIGIT.test(next?.text ?? ''))
          && !startProhibited(next?.text.codePointAt(0) ?? 0, 'gb') && !endProhibited(p.text.codePointAt(0) ?? 0, 'gb')
          && !URL_BREAK_AFTER.has(next?.text.codePointAt(0) ?? 0));
        pieces.forEach((piece, i) => { fine.push(piece); finePenalties.push(i === 0 ? URL_PENALTY : URL_PENALTY * 4); });
      }
      groups = fine;
      penalties.splice(0, penalties.length, ...finePenalties);
    }
    if (groups.some((g) => width(g) > maxWidth + 1e-6)) {
      diagnostics.push({
        severity: 'warning', code: 'overfull-word',
        message: `"${word}" is wider than the line (${u.core.toFixed(1)} pt > ${maxWidth.toFixed(1)} pt) and is broken between letters`,
        ...(source ? { source } : {}),
        hint: 'shorten the word or widen the column',
      });
      const fine: (readonly Piece[])[] = [];
      penalties.length = 0;
      for (const g of groups) {
        if (width(g) <= maxWidth + 1e-6) { fine.push(g); penalties.push(URL_PENALTY); continue; }
        for (const p of g) { fine.push([p]); penalties.push(WORD_PENALTY); }
      }
      groups = fine;
    }
    if (groups.length < 2) continue;
    const parts: Unit[] = [];
    let offset = u.start;
    for (const g of groups) {
      const x0 = g[0]!.dx;
      const len = g.reduce((s, p) => s + p.text.length, 0);
      parts.push({
        ...u, start: offset, end: offset + len, pieces: g.map((p) => ({ ...p, dx: p.dx - x0 })), core: width(g),
        content: u.content > 0 ? [...g.map((p) => p.text).join('')].filter((c) => /[\p{L}\p{N}]/u.test(c)).length : 0,
        startProhibited: parts.length === 0 ? u.startProhibited : false,
        endProhibited: false,
      });
      offset += len;
    }
    parts[parts.length - 1]!.endProhibited = u.endProhibited;
    const inner = parts.slice(1).map((_, i): Junction => ({ ...newJunction(), allow: true, penalty: penalties[i]! }));
    units.splice(k, 1, ...parts);
    junctions.splice(k + 1, 0, ...inner);
  }
}

const DIGIT = /^[0-9]$/;

const width = (g: readonly Piece[]): number => g.reduce((s, p) => s + p.advance, 0);

function cut(pieces: readonly Piece[], after: (p: Piece, next: Piece | undefined) => boolean): (readonly Piece[])[] {
  const out: Piece[][] = [[]];
  pieces.forEach((p, i) => {
    out[out.length - 1]!.push(p);
    if (after(p, pieces[i + 1]) && i < pieces.length - 1) out.push([]);
  });
  return out;
}
