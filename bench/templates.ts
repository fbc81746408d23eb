/**
 * npm run bench (issue 12 §4): the whole build of the sample in each template variant (the
 * spread, the 四开 tabloid and the one broadsheet page), so a template's cost is seen next to the
 * spread's. Measured, never asserted.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition } from '../src/pipeline';

const ROOT = join(__dirname, '..');
const SAMPLE = join(ROOT, 'assets', 'editions', 'hengnan-2021');

/** The variants to time: every page template there is. */
const VARIANTS = readdirSync(join(ROOT, 'templates', 'pages')).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, '')).sort();

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
