/** Crop window and output size for a photo placed in a frame. Pure arithmetic, in pixels and pt. */

export interface Region { readonly left: number; readonly top: number; readonly width: number; readonly height: number }

export interface CropPlan {
  /** The largest window of the frame's aspect inside the (oriented) source, centred on the focus. */
  readonly window: Region;
  /** Output pixels: the frame at the target ppi, or the window's own size if that is smaller. */
  readonly width: number;
  readonly height: number;
  /** Pixels per inch at the placed size (the smaller of the two axes). */
  readonly effectivePpi: number;
}

const clampUnit = (value: number): number => Math.max(0, Math.min(1, value));

export function planCrop(
  source: { width: number; height: number },
  frame: { width: number; height: number },
  targetPpi: number,
  focus: { x: number; y: number } = { x: 0.5, y: 0.5 },
): CropPlan {
  const aspect = frame.width / frame.height;
  const winWidth = Math.max(1, Math.min(source.width, Math.round(source.height * aspect)));
  const winHeight = Math.max(1, Math.min(source.height, Math.round(winWidth / aspect)));
  const place = (centre: number, size: number, total: number) =>
    Math.max(0, Math.min(total - size, Math.round(clampUnit(centre) * total - size / 2)));
  const window = {
    left: place(focus.x, winWidth, source.width),
    top: place(focus.y, winHeight, source.height),
    width: winWidth,
    height: winHeight,
  };
  const inches = { width: frame.width / 72, height: frame.height / 72 };
  // Never upsample: the output is at most the window's own pixels.
  const width = Math.max(1, Math.min(Math.round(inches.width * targetPpi), winWidth));
  const height = Math.max(1, Math.min(Math.round(width / aspect), winHeight));
  const effectivePpi = Math.min(width / inches.width, height / inches.height);
  return { window, width, height, effectivePpi };
}
