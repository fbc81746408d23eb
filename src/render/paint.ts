/**
 * Walks placed pages and tells a painter what to draw, in the order layout placed it, so the text
 * layer reads story by story. The print decisions that are not the painter's live here: black
 * text and rules overprint, a missing photo shows as a crossed magenta frame.
 */
import type { ResolvedItem, ResolvedPage } from '../layout/resolve-colours';
import type { Cmyk } from '../template/types';
import { isBlackOnly } from './colour';
import type { Painter } from './painter';

export interface Offset { readonly x: number; readonly y: number }

/** Prepared photo bytes and the caption they carry as alternate text, by photo index. */
export interface PhotoSource {
  readonly jpeg: (index: number) => Buffer | undefined;
  readonly alt: (index: number) => string;
}

const MISSING_PHOTO: Cmyk = { c: 0, m: 100, y: 0, k: 0 };

export function paintItem<T>(painter: Painter<T>, item: ResolvedItem, photos: PhotoSource, at: Offset): void {
  switch (item.kind) {
    case 'text':
      item.line.runs.forEach((run, i) => {
        const ink = item.inks[i] as Cmyk;
        painter.glyphRun(run, at.x + item.x, at.y + item.baseline, ink, isBlackOnly(ink));
      });
      return;
    case 'rule':
      painter.stroke([{ kind: 'line', x1: at.x + item.x1, y1: at.y + item.y1, x2: at.x + item.x2, y2: at.y + item.y2 }], item.width, item.color, isBlackOnly(item.color));
      return;
    case 'box': {
      const rect = { x: at.x + item.x, y: at.y + item.y, width: item.width, height: item.height };
      if (item.fill) painter.fill(rect, item.fill);
      if (item.stroke && item.strokeWidth > 0) painter.stroke([{ kind: 'rect', ...rect }], item.strokeWidth, item.stroke, false);
      return;
    }
    case 'photo': {
      const rect = { x: at.x + item.x, y: at.y + item.y, width: item.width, height: item.height };
      const jpeg = photos.jpeg(item.photo);
      if (jpeg) {
        painter.image(rect, jpeg, photos.alt(item.photo));
        return;
      }
      // A missing photo is already an error diagnostic; the proof shows where it belongs.
      painter.stroke([{ kind: 'rect', ...rect }, { kind: 'line', x1: rect.x, y1: rect.y, x2: rect.x + rect.width, y2: rect.y + rect.height }], 0.5, MISSING_PHOTO, false);
      return;
    }
  }
}

export function paintPageItems<T>(painter: Painter<T>, page: ResolvedPage, photos: PhotoSource, at: Offset): void {
  for (const item of page.items) paintItem(painter, item, photos, at);
}
