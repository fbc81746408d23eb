/** Handlebars helpers available to every template: Chinese dates, numerals, simple logic. */
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function parseIsoDate(value: unknown): Date {
  const text = String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`"${text}" is not an ISO date (YYYY-MM-DD)`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export const chineseDate = (iso: unknown): string => {
  const date = parseIsoDate(iso);
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
};

export const weekday = (iso: unknown): string => WEEKDAYS[parseIsoDate(iso).getUTCDay()] ?? '';

/** 1..99 as Chinese numerals (版次 in words: 第十二版). */
export function chineseNumeral(value: unknown): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new Error(`chineseNumeral: ${String(value)} is outside 0..99`);
  if (n < 10) return DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export const templateHelpers: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  eq: (a, b) => a === b,
  isEven: (n) => Number(n) % 2 === 0,
  chineseDate: (iso) => chineseDate(iso),
  weekday: (iso) => weekday(iso),
  chineseNumeral: (n) => chineseNumeral(n),
};
