/**
 * Issue 12 §2: every page template in templates/pages/ compiles and lays out the sample and every
 * corpus fixture, so a broken template fails CI. It runs what `newsprint lint` runs (template,
 * markup checks, layout, photo resolution), without rendering PDFs, to keep the suite quick.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatDiagnostic } from '../../src/diagnostics';
import { lintEdition } from '../../src/cli/lint';

const ROOT = join(__dirname, '..', '..');
const TEMPLATES = readdirSync(join(ROOT, 'templates', 'pages')).filter((f) => f.endsWith('.hbs')).map((f) => basename(f, '.hbs')).sort();
const FIXTURES = join(ROOT, 'test', 'fixtures', 'editions');
const EDITIONS = [join(ROOT, 'assets', 'editions', 'hengnan-2021'), ...readdirSync(FIXTURES).sort().map((name) => join(FIXTURES, name))];

/**
 * Features longer than the sample do not fit one broadsheet page: the build must say how much to
 * cut (overset), and nothing else may be wrong.
 */
const TOO_LONG: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'broadsheet-page': { 'lanfeng-2023': '120 % of the sample, three parts, 6 photos', 'yanqi-2023': '135 % of the sample, 9 photos' },
};

describe('issue-12: every template builds the sample and the corpus', () => {
  test('there is at least the feature-spread template', () => assert.ok(TEMPLATES.includes('feature-spread'), TEMPLATES.join(', ')));
  for (const template of TEMPLATES) {
    test(`${template}: no errors on the sample and the ${EDITIONS.length - 1} fixtures`, async () => {
      for (const edition of EDITIONS) {
        const diagnostics = await lintEdition(edition, undefined, template);
        const errors = diagnostics.filter((d) => d.severity === 'error');
        if (TOO_LONG[template]?.[basename(edition)]) {
          assert.ok(errors.length > 0 && errors.every((d) => d.code === 'overset'), `${template} × ${basename(edition)}: overset named, and nothing else: ${errors.map(formatDiagnostic).join('\n')}`);
        } else {
          assert.deepEqual(errors.map(formatDiagnostic), [], `${template} × ${basename(edition)}`);
        }
        assert.ok(!diagnostics.some((d) => /^(template|markup)/.test(d.code)), `${template} × ${basename(edition)}: no template warnings`);
      }
    });
  }
});
