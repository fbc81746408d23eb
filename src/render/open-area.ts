/**
 * The open area on a proof: a keyline round the room the feature left and a label that says how
 * large it is, so the desk sees where another story or an ad goes. The print page leaves it blank.
 */
import type { ResolvedPage } from '../layout/resolve-colours';
import { ptToMm, pt } from '../units';
import type { Painter } from './painter';

/** Proof-only blue: never on a press file, so it may be any ink. */
const KEYLINE_INK = { c: 100, m: 0, y: 0, k: 0 };
const LABEL_SIZE = 14;

export function openAreaLabel(page: ResolvedPage): string | undefined {
  const open = page.openArea;
  if (!open) return undefined;
  const columns = open.columns.last - open.columns.first + 1;
  return `空白区 ${columns}栏 × ${Math.round(ptToMm(pt(open.height)))} mm，约 ${open.bodyChars} 字 — 另排稿件或广告`;
}

export function paintOpenArea<T>(painter: Painter<T>, page: ResolvedPage, at: { readonly x: number; readonly y: number }, font: string): void {
  const open = page.openArea;
  const label = openAreaLabel(page);
  if (!open || !label) return;
  const rect = { x: at.x + open.x, y: at.y + open.y, width: open.width, height: open.height };
  painter.stroke([{ kind: 'rect', ...rect }], 1, KEYLINE_INK, false);
  const width = painter.measure(label, font, LABEL_SIZE);
  painter.label(label, rect.x + (rect.width - width) / 2, rect.y + rect.height / 2 + LABEL_SIZE / 3, font, LABEL_SIZE, KEYLINE_INK);
}
