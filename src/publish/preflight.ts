/**
 * Preflight: every rule the print files must meet, checked on the written PDFs and on the page
 * model, together with the diagnostics of the earlier stages, as one list of pass/warn/fail
 * findings. Any fail fails the build unless it is forced.
 */
import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../diagnostics';
import type { PreparedPhoto } from '../images';
import type { PlacedPage } from '../layout/types';
import type { RenderedPage } from '../render';
import { check, type PreflightCheck } from './check';
import { checkPdf } from './checks-pdf';
import { checkLayout, defaultLayoutRules, type LayoutRules } from './checks-layout';
import { checkHeaderFits } from './checks-header';
import { checkMarks, checkPageModel, checkPhoto, type PageRules } from './checks-page';
import { hasGhostscript, measureInkWithGhostscript, type InkMeasurement } from './ink';
import { paintedInk } from './painted-ink';
import { limitConcurrency, type Limiter } from '../io/concurrency';
import { mm, mmToPt } from '../units';

export interface PreflightRules extends PageRules, LayoutRules {
  /** Total area coverage limit, percent. */
  readonly maxInk: number;
  /**
   * Points above maxInk that only warn: JPEG quantisation lifts single pixels of a photo
   * separated to the limit by a percent or two (GWG 2015 coldset allows 240 + 5).
   */
  readonly inkTolerance: number;
  /**
   * Also measure the ink on each written page with Ghostscript, as an independent check of the
   * figure computed from the paint (--verify-ink). Off by default: it costs ~0.2 s of CPU a page.
   */
  readonly renderInk: boolean;
}

export const defaultPreflightRules: Omit<PreflightRules, 'warnBelowPpi' | 'failBelowPpi' | 'maxInk'> = {
  smallTextBelow: 12, minRuleWidth: 0.25, hairlineUpTo: 1, safeZone: mmToPt(mm(5)),
  // WAN-IFRA's four-colour black for coldset newsprint, 220 %.
  richBlack: { c: 44, m: 38, y: 38, k: 100 }, richBlackMinSide: mmToPt(mm(10)), renderInk: false, inkTolerance: 5,
  ...defaultLayoutRules,
};

export interface PrintPageForCheck {
  readonly page: PlacedPage;
  readonly file: string;
  readonly rendered: RenderedPage;
}

export interface PreflightInput {
  readonly pages: readonly PrintPageForCheck[];
  readonly proofs: readonly { readonly file: string; readonly rendered: RenderedPage }[];
  readonly photos: ReadonlyMap<number, PreparedPhoto>;
  readonly diagnostics: readonly Diagnostic[];
  readonly rules: PreflightRules;
}

const SEVERITY_STATUS = { error: 'fail', warning: 'warn', info: 'pass' } as const;

/** The earlier stages' diagnostics, each as a finding, plus a pass line for the rules they cover. */
export function diagnosticChecks(diagnostics: readonly Diagnostic[]): PreflightCheck[] {
  // A photo under the resolution limit is reported once, by image-resolution (measured on the
  // placed image), not again as the images stage's photo-resolution diagnostic.
  const found = diagnostics.filter((d) => !(d.code === 'photo-resolution' && d.severity === 'warning')).map((d) => check({
    check: `diagnostic:${d.code}`, status: SEVERITY_STATUS[d.severity], message: d.hint ? `${d.message} (${d.hint})` : d.message,
    ...(d.source ? { source: d.source } : {}),
  }));
  const covered: [string, string][] = [['overset', 'no overset text'], ['missing-glyph', 'every character has a glyph in the fonts']];
  for (const [code, message] of covered) {
    if (!diagnostics.some((d) => d.code === code)) found.push(check({ check: `diagnostic:${code}`, status: 'pass', message }));
  }
  return found;
}

const inkStatus = (maxInk: number, rules: PreflightRules): PreflightCheck['status'] =>
  maxInk > rules.maxInk + rules.inkTolerance ? 'fail' : maxInk > rules.maxInk ? 'warn' : 'pass';
const limitText = (rules: PreflightRules): string => `limit ${rules.maxInk} %, fail above ${rules.maxInk + rules.inkTolerance} %`;

/** The ink limit from what was painted: no rendering, about a millisecond a page. */
function paintedInkCheck(target: PrintPageForCheck, photos: ReadonlyMap<number, PreparedPhoto>, rules: PreflightRules): PreflightCheck {
  const painted = paintedInk(target.page, photos);
  return check({
    check: 'ink-limit', page: target.page.number, file: target.file, status: inkStatus(painted.maxInk, rules), measured: { maxInk: painted.maxInk },
    message: `max ${painted.maxInk} % total ink (${limitText(rules)}) at ${painted.where}, from the paint: vector colours with black overprinting what lies under it, and each photo's measured maximum`,
  });
}

/**
 * The same limit measured independently on the written PDF by Ghostscript (--verify-ink): about
 * 0.2 s of CPU a page, so it is not the default; the renders share a concurrency cap.
 */
async function renderedInkCheck(target: PrintPageForCheck, rules: PreflightRules, limit: Limiter): Promise<PreflightCheck> {
  const base = { check: 'ink-limit-rendered', page: target.page.number, file: target.file };
  if (!await hasGhostscript()) {
    return check({ ...base, status: 'warn', message: 'Ghostscript is not installed, so the ink limit was checked from the paint only (install ghostscript to verify it on the rendered page)' });
  }
  const measurement: InkMeasurement = await limit(() => measureInkWithGhostscript(target.rendered.pdf));
  return check({
    ...base, status: inkStatus(measurement.maxInk, rules),
    measured: { maxInk: measurement.maxInk, ...Object.fromEntries(Object.entries(measurement.meanCoverage).map(([k, v]) => [`mean${k.toUpperCase()}`, v])) },
    message: `max ${measurement.maxInk} % total ink (${limitText(rules)}) by ${measurement.method}`,
  });
}

/** Every check of one print page: what its PDF holds, its marks, its ink, its photos, its page model. */
export async function preflightPrintPage(target: PrintPageForCheck, photos: ReadonlyMap<number, PreparedPhoto>, rules: PreflightRules, renders: Limiter = limitConcurrency(1)): Promise<PreflightCheck[]> {
  return [
    ...await checkPdf({ file: target.file, page: target.page.number, pdf: target.rendered.pdf, geometry: target.rendered.geometry, pressReady: true }),
    checkMarks(target.page.number, target.file, target.rendered.marks, target.rendered.geometry),
    paintedInkCheck(target, photos, rules),
    ...(rules.renderInk ? [await renderedInkCheck(target, rules, renders)] : []),
    ...target.page.items.flatMap((item) => (item.kind === 'photo' ? checkPhoto(target.page, item, photos.get(item.photo), rules) : [])),
    ...checkPageModel(target.page, rules),
    ...checkLayout(target.page, rules),
    checkHeaderFits(target.page),
  ];
}

/** A proof spread is not for press: only that its PDF is sound and says so. */
export const preflightProof = (proof: { readonly file: string; readonly rendered: RenderedPage }): Promise<PreflightCheck[]> =>
  checkPdf({ file: proof.file, pdf: proof.rendered.pdf, geometry: proof.rendered.geometry, pressReady: false });

export async function runPreflight(input: PreflightInput): Promise<PreflightCheck[]> {
  const renders = limitConcurrency(availableParallelism());
  const perPage = await Promise.all(input.pages.map((target) => preflightPrintPage(target, input.photos, input.rules, renders)));
  const proofs = (await Promise.all(input.proofs.map(preflightProof))).flat();
  return [...perPage.flat(), ...proofs, ...diagnosticChecks(input.diagnostics)];
}
