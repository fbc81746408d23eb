/**
 * Manuscripts the fuzz tests failed on, replayed on every run (import, typesetting, layout).
 * `found` says where each came from: a fast-check seed and path (replay with
 * `fc.assert(…, { seed, path })` against the code before the fix), or the issue that reported it.
 */
export interface Regression {
  readonly found: string;
  readonly problem: string;
  readonly manuscript: string;
}

export const REGRESSIONS: readonly Regression[] = [
  {
    found: 'fast-check seed 1781296580, path 15:0:2:0:0:0:0:1:1:1 (before 9de4126)',
    problem: 'a zero-width space at a line edge was trimmed away without a word',
    manuscript: '\u200B，',
  },
  {
    found: 'fast-check seed -677544112, path 88:0:1:0:0:0:0:0:0:1 (before 9de4126)',
    problem: 'a zero-width space alone on a line vanished with the blank line',
    manuscript: '\u200B\n',
  },
  {
    found: 'issue 10',
    problem: 'U+2028 and U+2029 broke lines inside a paragraph without a word',
    manuscript: '春风又绿江南岸\n\n第一句。\u2028第二句。\u2029第三句。\n',
  },
  {
    found: 'issue 10',
    problem: 'a C1 control character reached the typesetter and was counted twice as a missing glyph',
    manuscript: '春风又绿江南岸\n\n金牛\u0085奔腾。\n',
  },
  {
    found: 'issue 10',
    problem: 'zero-width characters printed as nothing and extracted as U+FFFD',
    manuscript: '春风又绿江南岸\n\n衡\u200B南\u200D县\u2060发\u00AD展。\n',
  },
  {
    found: 'issue 10',
    problem: 'a subtitle holding a semicolon was not recognised, so the feature had no title',
    manuscript: '春风又绿江南岸**——稳增长;促转型**\n\n上篇 开篇：\n**第一行标题**\n\n正文第一段。\n',
  },
];
