/** The few calls Newsprint makes into lunar-javascript (MIT, no dependencies), which ships no types. */
declare module 'lunar-javascript' {
  export interface Lunar {
    getYearInGanZhi(): string;
    getMonthInChinese(): string;
    getDayInChinese(): string;
    getYearShengXiao(): string;
  }
  export const Solar: { fromYmd(year: number, month: number, day: number): { getLunar(): Lunar } };
}
