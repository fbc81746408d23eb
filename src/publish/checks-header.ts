/**
 * The page header (报眉) is one line of three cells: paper, date and 版次, editors. A value too
 * long for its cell (a 400-character paper name) used to be broken into lines that all sat on
 * the header's one baseline, overprinting each other and the neighbouring cells; preflight saw
 * only the doubled ink. This check says what is wrong: header text that overlaps other header
 * text, or runs past the type area.
 */
import type { PlacedPage, PlacedText } from '../layout/types';
import { check, type PreflightCheck } from './check';

/** Points of overlap tolerated: glyph side bearings may touch. */
const TOUCH = 0.5;

const quote = (text: string) => `"${[...text].length > 24 ? `${[...text].slice(0, 24).join('')}…` : text}"`;

export function checkHeaderFits(page: PlacedPage): PreflightCheck {
  const lines = page.items.filter((item): item is PlacedText => item.kind === 'text' && item.role === 'header');
  const left = Math.min(...page.columns.map((c) => c.left));
  const right = Math.max(...page.columns.map((c) => c.right));
  const ink = lines.map((item) => ({ item, from: item.x + item.line.start, to: item.x + item.line.end }));
  const problems: string[] = [];
  ink.forEach((a, i) => {
    if (a.from < left - TOUCH || a.to > right + TOUCH) problems.push(`${quote(a.item.line.text)} runs past the type area`);
    for (const b of ink.slice(i + 1)) {
      const sameLine = Math.abs(a.item.baseline - b.item.baseline) < 1;
      if (sameLine && a.from < b.to - TOUCH && b.from < a.to - TOUCH) problems.push(`${quote(a.item.line.text)} overprints ${quote(b.item.line.text)}`);
    }
  });
  if (problems.length === 0) return check({ check: 'header-fits', page: page.number, status: 'pass', message: 'the page header fits its line' });
  return check({
    check: 'header-fits', page: page.number, status: 'fail', item: 'page header', source: lines[0]?.source ?? { file: 'edition.yaml' },
    message: `the page header does not fit its line: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}; shorten paper, section or editors in edition.yaml`,
  });
}
