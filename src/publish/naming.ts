/**
 * Delivery names and the build's fixed time. Print plants route files by name, so the pattern is
 * configurable per paper; the default is `<date>-<版次>.pdf`.
 */
export const DEFAULT_NAME_PATTERN = '{date}-{page}.pdf';

export interface NameFields {
  /** Edition folder name, the stand-in for a paper code until edition.yaml has one. */
  readonly edition: string;
  readonly paper: string;
  /** ISO date. */
  readonly date: string;
  /** 版次. */
  readonly page: number;
}

const PLACEHOLDERS: Record<string, (f: NameFields) => string> = {
  edition: (f) => f.edition,
  paper: (f) => f.paper,
  date: (f) => f.date,
  yyyymmdd: (f) => f.date.replaceAll('-', ''),
  page: (f) => String(f.page).padStart(2, '0'),
};

/** Why a pattern cannot name print files, or undefined when it can. */
export function namePatternProblem(pattern: string): string | undefined {
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '').filter((name) => !(name in PLACEHOLDERS));
  if (unknown.length) return `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; known: ${Object.keys(PLACEHOLDERS).map((k) => `{${k}}`).join(' ')}`;
  if (!pattern.includes('{page}')) return 'the pattern must contain {page}, or every page would get the same name';
  if (!pattern.endsWith('.pdf')) return 'the pattern must end in .pdf';
  if (/[/\\]/.test(pattern)) return 'the pattern names a file, not a folder: no / or \\';
  return undefined;
}

/** Longest value (in characters) a placeholder puts into a name: file names are capped at 255 bytes. */
const MAX_VALUE_CHARS = 40;

/**
 * A value from edition.yaml made safe inside one file name: no path separators, no characters
 * Windows or the print plant's tools refuse, no control characters, no leading dot (so no "..",
 * no hidden file), and short. The publish stage still checks that every final path lies inside
 * the output folder.
 */
export function safeNameValue(value: string): string {
  const cleaned = [...value.normalize('NFC')]
    .map((c) => (/[\/\\:*?"<>|\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(c) ? '_' : /\s/u.test(c) ? '-' : c))
    .slice(0, MAX_VALUE_CHARS)
    .join('')
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  return cleaned === '' ? '_' : cleaned;
}

export function printFileName(pattern: string, fields: NameFields): string {
  const problem = namePatternProblem(pattern);
  if (problem) throw new Error(`name pattern "${pattern}": ${problem}`);
  return pattern.replace(/\{([^}]*)\}/g, (_, name: string) => safeNameValue((PLACEHOLDERS[name] as (f: NameFields) => string)(fields)));
}

export const proofFileName = (date: string, pages: readonly number[]): string =>
  `${date}-${pages.map((p) => String(p).padStart(2, '0')).join('-')}-proof-spread.pdf`;

/**
 * The build time printed in the slug and written as the PDF dates. Never the wall clock, so the
 * same input gives the same bytes: SOURCE_DATE_EPOCH (the reproducible-builds convention) when
 * set, else midnight UTC of the edition date.
 */
export function buildTime(editionDate: string, env: NodeJS.ProcessEnv = process.env): { time: Date; source: string } {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return { time: new Date(Number(epoch) * 1000), source: 'SOURCE_DATE_EPOCH' };
  return { time: new Date(`${editionDate}T00:00:00Z`), source: 'edition date' };
}
