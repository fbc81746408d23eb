/**
 * What the CLI prints besides results: file names as the user typed them, and a progress line
 * for work that takes longer than a second, on a terminal only (a log file or a pipe gets none).
 */
import type { Diagnostic } from '../diagnostics';

export { diagnosticAsGiven, fileAsGiven } from '../io/paths-as-given';

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
      this.stream.write(`· ${String(Date.now() - this.started).padStart(5)} ms  ${message}\n`);
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
