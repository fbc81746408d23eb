/**
 * Handlebars helpers available to every template: Chinese dates (from Intl, so the calendar
 * arithmetic is the platform's), the 农历 date (lunar-javascript), Chinese numerals, simple logic.
 * docs/template-language.md lists them with examples.
 */
import { Solar } from 'lunar-javascript';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function parseIsoDate(value: unknown): Date {
  const text = String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.getUTCDate() !== Number(match[3])) throw new Error(`"${text}" is not an ISO date (YYYY-MM-DD)`);
  return date;
}

// The edition's date is a calendar day, not an instant: formatted in UTC so no time zone can move it.
const DATE_FORMAT = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const WEEKDAY_FORMAT = new Intl.DateTimeFormat('zh-CN', { weekday: 'long', timeZone: 'UTC' });

/** 2021-03-05 → 2021年3月5日 */
export const chineseDate = (iso: unknown): string => DATE_FORMAT.format(parseIsoDate(iso));

/** 2021-03-05 → 星期五 */
export const weekday = (iso: unknown): string => WEEKDAY_FORMAT.format(parseIsoDate(iso));

/** 2021-03-05 → 2021年3月5日 星期五, as a 报眉 prints it. */
export const chineseDateWithWeekday = (iso: unknown): string => `${chineseDate(iso)} ${weekday(iso)}`;

/** 2021-03-05 → 辛丑年正月廿二 (农历: the sexagenary year, the lunar month and day). */
export function lunarDate(iso: unknown): string {
  const date = parseIsoDate(iso);
  const lunar = Solar.fromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()).getLunar();
  return `${lunar.getYearInGanZhi()}年${lunar.getMonthInChinese()}月${lunar.getDayInChinese()}`;
}

/** 0..9999 in Chinese numerals: 12 → 十二, 105 → 一百零五, 2021 → 二千零二十一 (版次 in words: 第十二版). */
export function chineseNumeral(value: unknown): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`chineseNumeral: ${String(value)} is outside 0..9999`);
  if (n === 0) return DIGITS[0] ?? '';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let text = '';
  let zero = false;
  digits.forEach((digit, i) => {
    if (digit === 0) { zero = text.length > 0; return; }
    if (zero) text += '零';
    zero = false;
    text += `${DIGITS[digit]}${units[i]}`;
  });
  // 10..19 are said 十, 十一 …, not 一十, 一十一.
  return n >= 10 && n < 20 ? text.slice(1) : text;
}

export const templateHelpers: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  eq: (a, b) => a === b,
  isEven: (n) => Number(n) % 2 === 0,
  chineseDate: (iso) => chineseDate(iso),
  weekday: (iso) => weekday(iso),
  chineseDateWithWeekday: (iso) => chineseDateWithWeekday(iso),
  lunarDate: (iso) => lunarDate(iso),
  chineseNumeral: (n) => chineseNumeral(n),
};
