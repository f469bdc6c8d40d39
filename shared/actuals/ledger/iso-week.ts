const DAY_MS = 86_400_000;
const weeks = new Map<string, string>();

/**
 * Milliseconds since 1970 of a UTC midnight, as Date.UTC gives them but for every year: Date.UTC reads
 * years 0 to 99 as 1900 to 1999, so 0001-01-01 (a date a plan may hold) was taken for 1901-01-01.
 */
export function utcMidnightMs(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

/**
 * The ISO 8601 week of a UTC day, as "2026-W43": weeks run Monday to Sunday and belong to the year of
 * their Thursday, so 2026-12-31 (a Thursday) is 2026-W53 and 2027-01-01 (Friday) is still 2026-W53,
 * while 2024-12-30 (Monday) is 2025-W01.
 */
export function isoWeek(day: string): string {
  const cached = weeks.get(day);
  if (cached !== undefined) return cached;
  const t = utcMidnightMs(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const thursday = new Date(t + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - utcMidnightMs(year, 0, 1)) / (7 * DAY_MS)) + 1;
  const label = `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
  if (weeks.size < 100_000) weeks.set(day, label);
  return label;
}
