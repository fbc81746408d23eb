/**
 * What the CLI prints besides results: file names as the user typed them, and a progress line
 * for work that takes longer than a second, on a terminal only (a log file or a pipe gets none).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { projectRoot } from '../io/fonts';

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

/** The same problem found by two stages (say, a photo under 200 ppi by images and by layout) is printed once. */
export function onceEach(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.severity}|${d.code}|${d.source?.file ?? ''}|${d.source?.line ?? ''}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface ProgressStream { readonly isTTY?: boolean; write(text: string): boolean; readonly columns?: number }

/**
 * One status line, rewritten in place, that appears only once the work has run a second, and only
 * on a terminal. `verbose` prints every step as its own line instead, terminal or not.
 */
export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private last = '';
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: ProgressStream, private readonly verbose = false, private readonly delayMs = 1000) {
    // A step that runs long shows itself after the delay even when no new message comes.
    this.timer = stream.isTTY && !verbose ? setTimeout(() => this.draw(), delayMs) : undefined;
    this.timer?.unref();
  }

  step(message: string): void {
    if (this.verbose) {
      this.stream.write(`· ${message}\n`);
      return;
    }
    this.last = message;
    if (Date.now() - this.started >= this.delayMs) this.draw();
  }

  private draw(): void {
    if (!this.stream.isTTY || !this.last) return;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r\x1b[2K${`${seconds} s · ${this.last}`.slice(0, width)}`);
    this.shown = true;
  }

  /** Clears the status line before results are printed. */
  done(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
