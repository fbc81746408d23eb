/**
 * Issue 9: display text that wraps (heads in a plan's narrow head width, pull quotes) breaks at
 * phrase or word boundaries, never inside a word, and never against the kinsoku rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setText } from '../../src/layout/set-text';
import { loadFontBook } from '../../src/io/fonts';
import { pt } from '../../src/units';
import type { TextStyleSpec } from '../../src/template/types';

const fonts = loadFontBook();
const style = (name: string, size: number): TextStyleSpec => ({ name, font: 'song-bold', size: pt(size), color: 'black', leading: pt(size * 1.3), align: 'start', indent: pt(0) });
const setter = { fonts, styles: new Map([['headline', style('headline', 26)], ['pull-quote', style('pull-quote', 10.5)], ['body-bold', style('body-bold', 9)]]) };
const lines = (styleName: string, text: string, width: number): string[] =>
  setText(setter, styleName, [{ text, bold: false }], pt(width), undefined, true).lines.map((line) => line.text);

test('a wrapped head never splits a word: 四区一花园 stays whole', () => {
  const broken = lines('headline', '为加快建设“四区一花园”努力奋斗', 242);
  assert.ok(broken.length >= 2, broken.join(' | '));
  assert.ok(broken.every((line) => !/^花园|四区一$/.test(line)), broken.join(' | '));
  assert.ok(broken.some((line) => line.includes('四区一花园')), broken.join(' | '));
  // Nor leaves a word of two characters alone on the last line (奋斗): it takes 努力 along.
  assert.ok([...(broken[broken.length - 1] ?? '')].length > 2, broken.join(' | '));
});

test('a pull quote never starts a line with its closing quote or the dash before the speaker', () => {
  for (const width of [99, 117, 150, 190]) {
    const broken = lines('pull-quote', '“我们要让每一场比赛都成为乡亲们增收致富的机会。”——县商务局局长李春梅', width);
    for (const line of broken.slice(1)) assert.doesNotMatch(line, /^[”’，。、：；！？—]/u, `at ${width} pt: ${broken.join(' | ')}`);
    for (const line of broken.slice(0, -1)) assert.doesNotMatch(line, /[“‘（《]$/u, `at ${width} pt: ${broken.join(' | ')}`);
  }
});
