/**
 * File names in messages as the user would write them: a file of the edition under the folder
 * they gave on the command line, whether a stage reported it bare (`manuscript.txt`) or absolute;
 * anything else relative to the current folder.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { projectRoot } from './fonts';

/**
 * A diagnostic's file as the user would write it: a file of the edition under the folder they
 * gave (`editions/x/manuscript.txt`, whether the stage reported it bare or absolute), anything
 * else relative to the current folder.
 */
export function fileAsGiven(file: string, editionFolder: string | undefined): string {
  const whole = pathAsGiven(file, editionFolder);
  if (whole !== undefined) return whole;
  // "feature-spread.xml (layout markup from templates/…)": a name, then words about it.
  const [name = file] = file.split(' ', 1);
  const mapped = name === file ? undefined : pathAsGiven(name, editionFolder);
  return mapped === undefined ? file : mapped + file.slice(name.length);
}

function pathAsGiven(path: string, editionFolder: string | undefined): string | undefined {
  const folder = editionFolder === undefined ? undefined : resolve(editionFolder);
  if (isAbsolute(path)) {
    if (folder && editionFolder !== undefined && (path === folder || path.startsWith(folder + sep))) return join(editionFolder, relative(folder, path));
    const fromHere = relative(process.cwd(), path);
    return fromHere.startsWith('..') ? path : fromHere;
  }
  if (existsSync(path)) return path;
  if (folder && editionFolder !== undefined && existsSync(join(folder, path))) return join(editionFolder, path);
  if (existsSync(join(projectRoot, path))) return relative(process.cwd(), join(projectRoot, path));
  return undefined;
}

export const diagnosticAsGiven = (d: Diagnostic, editionFolder: string | undefined): Diagnostic =>
  (d.source ? { ...d, source: { ...d.source, file: fileAsGiven(d.source.file, editionFolder) } } : d);

