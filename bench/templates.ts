/**
 * npm run bench (issue 12 §4): the whole build of the sample in each template variant, so a new
 * template's cost is seen next to the broadsheet's. The tabloid (四开) variant is built once
 * templates/pages/ has it; until then this says so. Measured, never asserted.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition } from '../src/pipeline';

const ROOT = join(__dirname, '..');
const SAMPLE = join(ROOT, 'assets', 'editions', 'hengnan-2021');

/**
 * The variants to time. HOOK (issue 12 §1): the lead's tabloid template is expected as
 * templates/pages/tabloid.hbs; rename here if it lands under another name, and add the one-page
 * template the same way.
 */
const VARIANTS = ['feature-spread', 'tabloid'];

/** A copy of the sample whose edition.yaml names `template`. */
function sampleWithTemplate(template: string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-bench-templates-')), 'hengnan-2021');
  cpSync(SAMPLE, folder, { recursive: true });
  const yaml = join(folder, 'edition.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^template: .*$/m, `template: ${template}`));
  return folder;
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'newsprint-bench-out-'));
  for (const template of VARIANTS) {
    if (!existsSync(join(ROOT, 'templates', 'pages', `${template}.hbs`))) {
      console.log(`template ${template}: not in templates/pages/ yet, not timed (issue 12 §1)`);
      continue;
    }
    const folder = sampleWithTemplate(template);
    // Photos are cached by the first build: the second is the desk's everyday rebuild.
    for (const label of ['first', 'photo cache warm']) {
      const start = Date.now();
      const result = await buildEdition(folder, { outDir: out, force: true });
      console.log(`template ${template}: whole build (${label}) ${Date.now() - start} ms, ${result.pages.length} pages, ${result.report.counts.error} errors`);
    }
  }
}

void main();
