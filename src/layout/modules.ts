/**
 * A page that holds several stories (<module>), stacked down the page, each its own rectangle:
 * each module is searched like a page in the rows the ones above leave, as shallow as its text
 * allows; the last fills what is left, and what it cannot fill is the page's one open area. All
 * modules share the page's leading, so baselines stay on one grid.
 */
import type { Diagnostic } from '../diagnostics';
import type { ModuleSpec, PageSpec } from '../template/types';
import { pt, type Pt } from '../units';
import { layoutPage, pitchesToward, type PageLayoutContext, type PageOutcome } from './copyfit';
import { PageGrid } from './grid';
import { withPitch } from './plan-search';
import type { PlacedItem, PlacedPage } from './types';

/** Rounds in which the modules above the last give up rows to it. */
const SQUEEZE_ROUNDS = 3;

/** Lines of open room below the last module worth sharing out among the modules above. */
const SHARE_FROM = 4;

/** The page as module `index` sees it: the module's head, photos and story, at a fixed pitch. */
function modulePage(page: PageSpec, module: ModuleSpec, index: number, pitch: Pt, openArea: number): PageSpec {
  const { modules: _modules, ...rest } = withPitch(page, pitch);
  return {
    ...rest,
    header: index === 0 ? page.header : undefined,
    blocks: index === 0 ? page.blocks : [],
    head: module.head, photos: module.photos, story: module.story,
    grid: { ...rest.grid, pitchMin: pitch, pitchMax: pitch },
    weights: { ...page.weights, openArea },
  };
}

interface Stacked { readonly outcomes: PageOutcome[]; readonly tops: number[]; readonly overset: number; readonly flows: number }

/**
 * Lays the modules out top to bottom. `heights` caps how deep each module above the last may be
 * (undefined: compact, as shallow as its text and smallest photos allow, leaving room below as
 * worth having); the last module takes the rest of the page.
 */
function stack(page: PageSpec, modules: readonly ModuleSpec[], pitch: Pt, context: PageLayoutContext, heights?: readonly number[]): Stacked {
  const outcomes: PageOutcome[] = [];
  const tops: number[] = [];
  let top = 0;
  modules.forEach((module, index) => {
    const last = index === modules.length - 1;
    const weight = last || heights ? page.weights.openArea : -page.weights.openArea;
    const spec = modulePage(page, module, index, pitch, weight);
    const regionTop = index === 0 ? 0 : top + module.spaceBefore;
    const cap = last || !heights ? spec.grid.lines : regionTop + (heights[index] ?? spec.grid.lines);
    const outcome = layoutPage(spec, context, { region: { top: regionTop, bottom: Math.min(spec.grid.lines, cap) }, closedFoot: !last });
    outcomes.push(outcome);
    tops.push(regionTop);
    top = outcome.depth;
  });
  return { outcomes, tops, overset: outcomes.reduce((sum, o) => sum + o.oversetLines, 0), flows: outcomes.reduce((sum, o) => sum + o.flows, 0) };
}

/** How deep each module came out, in grid lines. */
const depthsOf = (stacked: Stacked): number[] => stacked.outcomes.map((o, i) => o.depth - (stacked.tops[i] ?? 0));

const openLines = (stacked: Stacked): number => stacked.outcomes[stacked.outcomes.length - 1]?.page.openArea?.lines ?? 0;

export function layoutModules(page: PageSpec, context: PageLayoutContext): PageOutcome {
  const modules = page.modules ?? [];
  const pitches = [page.grid.pitch, ...pitchesToward(page.grid.pitch, page.grid.pitchMin)];
  let best: Stacked | undefined;
  let flows = 0;
  for (const pitch of pitches) {
    // First the modules above the last as compact as they go, so the page holds the most text.
    let stacked = stack(page, modules, pitch, context);
    flows += stacked.flows;
    // The last module ran over: the modules above give up rows in proportion to their depth, even
    // at the cost of white of their own (a hole is a fault; text that does not print is worse).
    for (let round = 1; round <= SQUEEZE_ROUNDS && stacked.overset > 0 && modules.length > 1; round++) {
      const heights = depthsOf(stacked);
      const above = heights.slice(0, -1).reduce((a, b) => a + b, 0);
      const need = Math.ceil(stacked.overset / page.grid.columns) + round;
      const squeezed = heights.map((h) => Math.max(1, h - Math.ceil((need * h) / Math.max(1, above))));
      const trial = stack(page, modules, pitch, context, squeezed);
      flows += trial.flows;
      if (trial.overset < stacked.overset) stacked = trial;
    }
    const open = openLines(stacked);
    if (stacked.overset === 0 && open >= SHARE_FROM && modules.length > 1) {
      // Room to spare: the modules above get a share of it in proportion to their depth, to grow
      // their photos into, and what they cannot use slides down to the page's one open area.
      const heights = depthsOf(stacked);
      const total = heights.reduce((a, b) => a + b, 0);
      const shared = heights.map((h) => h + Math.floor((open * h) / Math.max(1, total)));
      const trial = stack(page, modules, pitch, context, shared);
      flows += trial.flows;
      if (trial.overset === 0) stacked = trial;
    }
    if (!best || stacked.overset < best.overset) best = stacked;
    if (best.overset === 0) break;
  }
  return combine(page, modules, best as Stacked, context, flows);
}

/** The modules' items on one page, a rule in the air between two modules where the template asks. */
function combine(page: PageSpec, modules: readonly ModuleSpec[], stacked: Stacked, context: PageLayoutContext, flows: number): PageOutcome {
  const outcomes = stacked.outcomes;
  const first = outcomes[0] as PageOutcome;
  const lastOutcome = outcomes[outcomes.length - 1] as PageOutcome;
  const pitch = first.page.pitch;
  const grid = new PageGrid(page.geometry, { ...page.grid, pitch });
  const items: PlacedItem[] = [];
  const diagnostics: Diagnostic[] = [];
  outcomes.forEach((outcome, index) => {
    const module = modules[index] as ModuleSpec;
    if (index > 0 && module.ruleAbove) {
      const above = outcomes[index - 1] as PageOutcome;
      const y = pt((grid.blockBottom(above.depth - 1, 1) + grid.lineTop(stacked.tops[index] ?? above.depth)) / 2);
      const colour = context.palette.get(page.house.ruleColour) ?? { c: 0, m: 0, y: 0, k: 100 };
      items.push({ kind: 'rule', x1: grid.columnLeft(1), y1: y, x2: grid.columnRight(page.grid.columns), y2: y, width: page.house.blockRule, color: colour });
    }
    items.push(...outcome.page.items);
    diagnostics.push(...outcome.diagnostics);
  });
  const fillers = outcomes.flatMap((o) => o.page.fillers ?? []);
  const placed: PlacedPage = {
    ...lastOutcome.page,
    items,
    plan: { name: outcomes.map((o) => o.page.plan?.name ?? 'plain').join(' + '), score: Math.round(outcomes.reduce((sum, o) => sum + (o.page.plan?.score ?? 0), 0) * 100) / 100 },
    ...(fillers.length > 0 ? { fillers } : {}),
  };
  return { page: placed, diagnostics, flows, depth: lastOutcome.depth, oversetLines: stacked.overset };
}
