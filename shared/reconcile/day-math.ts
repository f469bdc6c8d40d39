/** Calendar-day arithmetic on YYYY-MM-DD (UTC, pure: no clock). */
import { utcMidnightMs } from '../actuals/ledger/iso-week';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD day. */
const dayNumbers = new Map<string, number>();

export function dayNumber(day: string): number {
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const n = utcMidnightMs(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
  if (dayNumbers.size < 100_000) dayNumbers.set(day, n);
  return n;
}

const dayTexts = new Map<number, string>();

export function dayFromNumber(n: number): string {
  let text = dayTexts.get(n);
  if (text === undefined) {
    text = new Date(n * DAY_MS).toISOString().slice(0, 10);
    // Plans span a few years: a bounded cache of day texts saves a Date per day of every row.
    if (dayTexts.size < 100_000) dayTexts.set(n, text);
  }
  return text;
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** Every day from `first` to `last` inclusive (empty when last is before first). */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  const end = dayNumber(last);
  for (let n = dayNumber(first); n <= end; n++) out.push(dayFromNumber(n));
  return out;
}
