import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endProhibited, isCjkChar, punctKind, startProhibited } from '../../src/typeset/classes';

const cp = (c: string) => c.codePointAt(0)!;

test('line-start prohibited (GB level): pause, close, connect, interpunct, postfix', () => {
  for (const c of '、，。．：；！？”’）》〉】」』〕］｝·～％‰℃') assert.ok(startProhibited(cp(c), 'gb'), c);
  for (const c of '中“（《a1') assert.ok(!startProhibited(cp(c), 'gb'), c);
});

test('line-end prohibited: opening marks and currency prefixes', () => {
  for (const c of '“‘（《〈【「『〔［｛￥$') assert.ok(endProhibited(cp(c), 'gb'), c);
  for (const c of '”）。中') assert.ok(!endProhibited(cp(c), 'gb'), c);
});

test('strict level also keeps …… and —— halves off the line start', () => {
  assert.ok(!startProhibited(cp('…'), 'gb'));
  assert.ok(startProhibited(cp('…'), 'strict'));
});

test('punctuation kinds', () => {
  assert.equal(punctKind(cp('。')), 'pause-full');
  assert.equal(punctKind(cp('，')), 'pause-half');
  assert.equal(punctKind(cp('“')), 'open');
  assert.equal(punctKind(cp('》')), 'close');
  assert.equal(punctKind(cp('·')), 'middle');
  assert.equal(punctKind(cp('中')), undefined);
  assert.ok(isCjkChar(cp('中')) && isCjkChar(cp('，')) && !isCjkChar(cp('a')) && !isCjkChar(cp('1')));
});
