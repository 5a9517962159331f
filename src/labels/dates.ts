// Label dates are calendar dates in China Standard Time (UTC+8, no daylight saving), the time the
// bureau and the public read them in. A label "valid until 2027-03-01" is valid to the end of that
// day in Beijing time, so expiresAt is stored as 23:59:59.999+08:00 of the expiry date.
import { InputError } from "../errors.ts";

const chinaOffsetMs = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD of an instant, in China Standard Time. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
}

/** The calendar year of an instant in China Standard Time. */
export function chinaYear(instant: Date): number {
  return Number(chinaDate(instant).slice(0, 4));
}

/** The last millisecond of a calendar date in China Standard Time. */
export function endOfChinaDay(ymd: string): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 23, 59, 59, 999) - chinaOffsetMs);
}

/** Checks a YYYY-MM-DD date typed by staff; `field` names it in the error. */
export function parseCalendarDate(text: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (!match || probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new InputError(
      `${field}: "${text}" is not a date in the form YYYY-MM-DD`,
      `${field}：“${text}”不是 YYYY-MM-DD 格式的日期`,
    );
  }
  return match[0];
}

/** The same calendar date one year later (29 February becomes 28 February). */
export function oneYearAfter(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${y + 1}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD HH:MM" of an instant, in China Standard Time. */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 16).replace("T", " ");
}
