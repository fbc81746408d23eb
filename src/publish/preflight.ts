/**
 * Preflight: every rule the print files must meet, checked on the written PDFs and on the page
 * model, together with the diagnostics of the earlier stages, as one list of pass/warn/fail
 * findings. Any fail fails the build unless it is forced.
 */
import type { Diagnostic } from '../diagnostics';
import type { PreparedPhoto } from '../images';
import type { PlacedPage } from '../layout/types';
import type { RenderedPage } from '../render';
import { check, type PreflightCheck } from './check';
import { checkPdf } from './checks-pdf';
import { checkLayout, defaultLayoutRules, type LayoutRules } from './checks-layout';
import { checkHeaderFits } from './checks-header';
import { checkMarks, checkPageModel, checkPhoto, estimatedVectorInk, type PageRules } from './checks-page';
import { hasGhostscript, measureInkWithGhostscript, type InkMeasurement } from './ink';
import { mm, mmToPt } from '../units';

export interface PreflightRules extends PageRules, LayoutRules {
  /** Total area coverage limit, percent. */
  readonly maxInk: number;
  /**
   * Points above maxInk that only warn: JPEG quantisation lifts single pixels of a photo
   * separated to the limit by a percent or two (GWG 2015 coldset allows 240 + 5).
   */
  readonly inkTolerance: number;
  /** False skips the Ghostscript render and uses the estimate (faster; less exact). */
  readonly renderInk: boolean;
}

export const defaultPreflightRules: Omit<PreflightRules, 'warnBelowPpi' | 'failBelowPpi' | 'maxInk'> = {
  smallTextBelow: 12, minRuleWidth: 0.25, hairlineUpTo: 1, safeZone: mmToPt(mm(5)),
  // WAN-IFRA's four-colour black for coldset newsprint, 220 %.
  richBlack: { c: 44, m: 38, y: 38, k: 100 }, richBlackMinSide: mmToPt(mm(10)), renderInk: true, inkTolerance: 5,
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
  const found = diagnostics.map((d) => check({
    check: `diagnostic:${d.code}`, status: SEVERITY_STATUS[d.severity], message: d.hint ? `${d.message} (${d.hint})` : d.message,
    ...(d.source ? { source: d.source } : {}),
  }));
  const covered: [string, string][] = [['overset', 'no overset text'], ['missing-glyph', 'every character has a glyph in the fonts']];
  for (const [code, message] of covered) {
    if (!diagnostics.some((d) => d.code === code)) found.push(check({ check: `diagnostic:${code}`, status: 'pass', message }));
  }
  return found;
}

async function inkCheck(target: PrintPageForCheck, photos: ReadonlyMap<number, PreparedPhoto>, rules: PreflightRules): Promise<PreflightCheck> {
  let measurement: InkMeasurement;
  if (rules.renderInk && await hasGhostscript()) {
    measurement = await measureInkWithGhostscript(target.rendered.pdf);
  } else {
    const photoInk = target.page.items.flatMap((item) => (item.kind === 'photo' ? [photos.get(item.photo)?.maxInk ?? 0] : []));
    measurement = {
      maxInk: Math.max(estimatedVectorInk(target.page), ...photoInk),
      meanCoverage: { c: 0, m: 0, y: 0, k: 0 },
      method: `estimate (${rules.renderInk ? 'Ghostscript not installed' : 'rendering off'}): largest vector colour, black over tints, and the photos' measured maximum`,
    };
  }
  const status = measurement.maxInk > rules.maxInk + rules.inkTolerance ? 'fail' : measurement.maxInk > rules.maxInk ? 'warn' : 'pass';
  return check({
    check: 'ink-limit', page: target.page.number, file: target.file, status,
    measured: { maxInk: measurement.maxInk, ...Object.fromEntries(Object.entries(measurement.meanCoverage).map(([k, v]) => [`mean${k.toUpperCase()}`, v])) },
    message: `max ${measurement.maxInk} % total ink (limit ${rules.maxInk} %, fail above ${rules.maxInk + rules.inkTolerance} %) by ${measurement.method}`,
  });
}

export async function runPreflight(input: PreflightInput): Promise<PreflightCheck[]> {
  const { rules } = input;
  const perPage = await Promise.all(input.pages.map(async (target) => [
    ...await checkPdf({ file: target.file, page: target.page.number, pdf: target.rendered.pdf, geometry: target.rendered.geometry, pressReady: true }),
    checkMarks(target.page.number, target.file, target.rendered.marks, target.rendered.geometry),
    await inkCheck(target, input.photos, rules),
    ...target.page.items.flatMap((item) => (item.kind === 'photo' ? checkPhoto(target.page, item, input.photos.get(item.photo), rules) : [])),
    ...checkPageModel(target.page, rules),
    ...checkLayout(target.page, rules),
    checkHeaderFits(target.page),
  ]));
  const proofs = (await Promise.all(input.proofs.map((proof) => checkPdf({ file: proof.file, pdf: proof.rendered.pdf, geometry: proof.rendered.geometry, pressReady: false })))).flat();
  // A photo under the resolution limit is reported once, by image-resolution (measured on the placed
  // image), not again as the images stage's photo-resolution diagnostic.
  return [...perPage.flat(), ...proofs, ...diagnosticChecks(input.diagnostics.filter((d) => d.code !== 'photo-resolution'))];
}
