/** Proofreading warnings on imported text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importRawManuscript, lintFeature } from '../../src/content';

const lint = (body: string) => {
  const { feature } = importRawManuscript(`标题\n\n${body}\n`, 'x.txt');
  return lintFeature(feature).map((d) => ({ code: d.code, severity: d.severity, line: d.source?.line, message: d.message }));
};

describe('lint', () => {
  it('flags each half-width , ; : ? ! ( ) between Chinese characters', () => {
    const found = lint('衡南,衡阳;湖南:中国?是的!县委(扩大)会议。');
    assert.equal(found.length, 7);
    assert.ok(found.every((d) => d.code === 'half-width-punct' && d.severity === 'warning' && d.line === 3));
    assert.match(found[0]?.message ?? '', /half-width ","/);
  });

  it('leaves half-width punctuation in numbers, URLs and Latin text alone', () => {
    assert.deepEqual(lint('共1,236件，网址https://example.com/a?x=1&y=2，他说:OK! Yes, fine.'), []);
  });

  it('flags unbalanced Chinese quotes and brackets in a paragraph', () => {
    const found = lint('他说：“我们一定要干好。\n\n见《人民日报》和（附件。\n\n‘单引号’正常。');
    assert.deepEqual(found.map((d) => [d.code, d.line]), [
      ['unbalanced-quotes', 3],
      ['unbalanced-quotes', 5],
    ]);
    assert.match(found[0]?.message ?? '', /“”/);
    assert.match(found[1]?.message ?? '', /（）/);
  });

  it('flags a closing quote before its opening one', () => {
    assert.deepEqual(lint('他说”好“。').map((d) => d.code), ['unbalanced-quotes']);
  });

  it('does not take an apostrophe for a closing quote', () => {
    assert.deepEqual(lint('外宾说 don’t worry，一切顺利。'), []);
  });

  it('finds nothing to flag in the sample manuscript', async () => {
    const { readFileSync } = await import('node:fs');
    const path = `${__dirname}/../../assets/editions/hengnan-2021/manuscript.txt`;
    assert.deepEqual(lintFeature(importRawManuscript(readFileSync(path, 'utf8'), path).feature), []);
  });
});
