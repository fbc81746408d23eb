/** Builds the sample edition once per test file (node --test runs each file in its own process). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition, type BuildOptions, type BuildResult } from '../../src/pipeline';
import { follow, operations, pagesOf, parsePdf, type Operation, type ParsedPdf, type PdfObject } from '../support/pdf-reader';

export const SAMPLE = join(__dirname, '..', '..', 'assets', 'editions', 'hengnan-2021');
export const MM = 72 / 25.4;

export interface BuiltSample {
  readonly result: BuildResult;
  readonly outDir: string;
  readonly files: readonly { readonly path: string; readonly bytes: Buffer; readonly pdf: ParsedPdf; readonly page: PdfObject; readonly ops: readonly Operation[] }[];
}

let built: Promise<BuiltSample> | undefined;

export function buildSample(options: Partial<BuildOptions> = { proofSpread: true }): Promise<BuiltSample> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'newsprint-print-'));
    const result = await buildEdition(SAMPLE, { outDir, force: false, ...options });
    const files = result.files.map((path) => {
      const bytes = readFileSync(path);
      const pdf = parsePdf(bytes);
      const page = pagesOf(pdf)[0] as PdfObject;
      const content = follow(pdf, page.body, 'Contents')?.stream ?? Buffer.alloc(0);
      return { path, bytes, pdf, page, ops: operations(content) };
    });
    return { result, outDir, files };
  })();
  return built;
}

/** The value of an Info key, as written (a string `(…)`, a name `/…`, a date string). */
export function infoValue(pdf: ParsedPdf, key: string): string | undefined {
  const info = follow(pdf, pdf.trailer, 'Info');
  return info ? follow(pdf, info.body, key)?.body : undefined;
}
