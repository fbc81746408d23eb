/**
 * Total area coverage (C+M+Y+K) measured on the rendered page, the independent check behind
 * --verify-ink: Ghostscript renders the BleedBox (marks and the registration colour lie outside
 * it) to 8-bit CMYK and the largest per-pixel sum is taken. The default figure is computed from
 * the paint instead (painted-ink.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** 72 ppi: a pixel is 0.35 mm, finer than the ~4 mm area GWG averages coverage over. */
const INK_RESOLUTION = 72;

export interface InkMeasurement {
  /** Largest C+M+Y+K of any pixel inside the BleedBox, percent. */
  readonly maxInk: number;
  /** Mean coverage per plate inside the BleedBox, percent. */
  readonly meanCoverage: { readonly c: number; readonly m: number; readonly y: number; readonly k: number };
  readonly method: string;
}

/** The pages are checked side by side, so the answer is shared as a promise: one `gs --version` per process. */
let ghostscript: Promise<boolean> | undefined;

export function hasGhostscript(): Promise<boolean> {
  return (ghostscript ??= run('gs', ['--version']).then(() => true, () => false));
}

/** Reads a PAM (TUPLTYPE CMYK, 8 bit) image: Ghostscript's pamcmyk32 device. */
function inkOfPam(pam: Buffer): Omit<InkMeasurement, 'method'> {
  const headerEnd = pam.indexOf('ENDHDR\n');
  const header = pam.toString('latin1', 0, headerEnd);
  const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)?.[1]);
  const data = pam.subarray(headerEnd + 7, headerEnd + 7 + width * height * 4);
  let max = 0;
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    const c = data[i] as number; const m = data[i + 1] as number; const y = data[i + 2] as number; const k = data[i + 3] as number;
    const total = c + m + y + k;
    if (total > max) max = total;
    sums[0]! += c; sums[1]! += m; sums[2]! += y; sums[3]! += k;
  }
  const pixels = Math.max(1, width * height);
  const mean = (sum: number) => Math.round((sum / pixels / 255) * 10000) / 100;
  return {
    maxInk: Math.round((max / 255) * 1000) / 10,
    meanCoverage: { c: mean(sums[0]!), m: mean(sums[1]!), y: mean(sums[2]!), k: mean(sums[3]!) },
  };
}

export async function measureInkWithGhostscript(pdf: Buffer): Promise<InkMeasurement> {
  const folder = mkdtempSync(join(tmpdir(), 'newsprint-ink-'));
  try {
    const file = join(folder, 'page.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run('gs', [
      '-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-dUseBleedBox', `-r${INK_RESOLUTION}`, '-sDEVICE=pamcmyk32', '-o', '-', file,
    ], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    return { ...inkOfPam(stdout), method: `Ghostscript pamcmyk32 render of the BleedBox at ${INK_RESOLUTION} ppi, per-pixel C+M+Y+K` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
