/** Builds the sample edition with --archive once per test file (node --test runs each file in its own process). */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdition, type BuildOptions, type BuildResult } from '../../src/pipeline';
import { SAMPLE } from '../render/sample';

export interface ArchivedEdition {
  readonly result: BuildResult;
  readonly outDir: string;
  /** output/<edition>/archive/ */
  readonly bag: string;
  readonly data: string;
}

export async function buildArchived(editionFolder: string = SAMPLE, options: Partial<BuildOptions> = {}): Promise<ArchivedEdition> {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'newsprint-archive-'));
  const result = await buildEdition(editionFolder, { outDir, force: false, archive: true, ...options });
  const bag = join(outDir, result.edition.id, 'archive');
  return { result, outDir, bag, data: join(bag, 'data') };
}

let sample: Promise<ArchivedEdition> | undefined;
export const archivedSample = (): Promise<ArchivedEdition> => (sample ??= buildArchived());

/** A copy of the sample whose paper name holds XML's special characters, for the escaping tests. */
export function awkwardTitleEdition(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'newsprint-awkward-')), 'awkward-2021');
  cpSync(SAMPLE, folder, { recursive: true });
  const yaml = join(folder, 'edition.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^paper: .*$/m, 'paper: "衡南日报 & <周末> \\"特刊\\" \'号外\'"'));
  return folder;
}
