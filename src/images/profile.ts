/**
 * The CMYK output profile: images are separated with it, and the render stage embeds the same
 * bytes once per PDF as the PDF/X OutputIntent. See assets/icc/README.md for its provenance.
 */
import { hashBytes } from './cache';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../io/fonts';

export const defaultProfilePath = join(projectRoot, 'assets', 'icc', 'newsprint-fogra29-tac240.icc');

export interface OutputProfile {
  readonly bytes: Buffer;
  /** PDF/X OutputConditionIdentifier (a registered characterisation name, or "Custom"). */
  readonly identifier: string;
  /** Human-readable description for the OutputIntent's /Info. */
  readonly info: string;
  /** sha256 of the bytes, part of every cache key. */
  readonly sha256: string;
}

/** What the default profile is: see assets/icc/README.md. */
const DEFAULT_CONDITION = 'Newsprint stand-in: CMYK output profile built with ArgyllCMS colprof from FOGRA29L characterisation data '
  + '(offset, uncoated paper, ISO 12647-2:2004), total ink limited to 240 %, black to 95 %; not a registered printing condition';

const loaded = new Map<string, OutputProfile>();

/** The 'desc' tag of an ICC v2 profile (ASCII part), or '' if absent. */
function iccDescription(bytes: Buffer): string {
  const count = bytes.length >= 132 ? bytes.readUInt32BE(128) : 0;
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    if (bytes.toString('latin1', at, at + 4) !== 'desc') continue;
    const offset = bytes.readUInt32BE(at + 4);
    if (bytes.toString('latin1', offset, offset + 4) !== 'desc') return '';
    const length = bytes.readUInt32BE(offset + 8);
    return bytes.toString('latin1', offset + 12, offset + 12 + length).replace(/\0+$/, '');
  }
  return '';
}

/** Reads (once per process) and checks a CMYK output profile. */
export function outputProfile(path: string = defaultProfilePath): OutputProfile {
  const known = loaded.get(path);
  if (known) return known;
  const bytes = readFileSync(path);
  const space = bytes.toString('latin1', 16, 20);
  const deviceClass = bytes.toString('latin1', 12, 16);
  if (bytes.toString('latin1', 36, 40) !== 'acsp' || space !== 'CMYK' || deviceClass !== 'prtr') {
    throw new Error(`${path} is not a CMYK output (prtr) ICC profile (class "${deviceClass}", space "${space}")`);
  }
  const description = iccDescription(bytes);
  const profile: OutputProfile = {
    bytes,
    // No registered characterisation matches a profile we built ourselves (FOGRA29 names the
    // measured condition, not our 240 % separation of it), so the identifier is honestly Custom
    // and the condition says what the profile is (ISO 32000-1 §14.11.5, Table 365).
    identifier: 'Custom',
    info: path === defaultProfilePath ? DEFAULT_CONDITION : description || 'CMYK output profile',
    sha256: hashBytes(bytes),
  };
  loaded.set(path, profile);
  return profile;
}
