/** Calendar-day arithmetic on YYYY-MM-DD (UTC, pure: no clock). */
import { utcMidnightMs } from '../actuals/ledger/iso-week';
import { isIsoDate } from '../pricing/price-entry';

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

/** Day numbers 0 (1970-01-01) to 73,049 (2169-12-31): their texts kept by index, made on first use. */
const INDEXED_DAYS = 73_050;
let indexedDayTexts: string[] | null = null;

/**
 * The YYYY-MM-DD of a day number. Phasing and forecasts read one for every day of every dated row
 * (millions in a 100k-row plan), so the days of 1970 to 2169 are found by array index, not a map.
 */
export function dayFromNumber(n: number): string {
  if (n >= 0 && n < INDEXED_DAYS) {
    // A packed array of strings (filled with '' first: assigning far past the end would make it sparse).
    const texts = (indexedDayTexts ??= new Array<string>(INDEXED_DAYS).fill(''));
    let indexed = texts[n] as string;
    if (indexed === '') texts[n] = indexed = new Date(n * DAY_MS).toISOString().slice(0, 10);
    return indexed;
  }
  let text = dayTexts.get(n);
  if (text === undefined) {
    text = new Date(n * DAY_MS).toISOString().slice(0, 10);
    // Plans span a few years: a bounded cache of day texts saves a Date per day of every row.
    if (dayTexts.size < 100_000) dayTexts.set(n, text);
  }
  return text;
}

/**
 * Whether `text` is a real calendar day written YYYY-MM-DD ("2027-02-30" is not: February has 28 days):
 * the plan schema's own check (isIsoDate), so As of and a plan's dates are read alike.
 */
export function isCalendarDay(text: string): boolean {
  return isIsoDate(text);
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
