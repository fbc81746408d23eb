/**
 * Input caps, each checked before the file is parsed, so a hostile or broken edition folder
 * cannot exhaust memory or time. docs/reliability.md lists them; change them there too.
 */
const MiB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** edition.yaml: a real one is a few kilobytes. */
  editionFileBytes: 1 * MiB,
  /** The manuscript: a whole feature spread is under 100 KB of UTF-8. */
  manuscriptBytes: 4 * MiB,
  /** One photo file: a 100-megapixel camera JPEG is about 50 MB; a 16-bit TIFF may be larger. */
  photoFileBytes: 200 * MiB,
  /** One photo's pixels (width × height after orientation), against decompression bombs. */
  photoPixels: 100_000_000,
} as const;

/** "4 MiB" or "1.5 KiB": caps in messages the way a desk reads them. */
export const formatBytes = (bytes: number): string => {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
};
