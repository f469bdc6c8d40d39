/**
 * "Today" as a calendar day (YYYY-MM-DD) in UTC: the one rule the CLI and the app share for the date a new
 * plan is priced as of and a quote's default date. UTC because the days the data is dated in are UTC days:
 * price entries take effect on a provider's (UTC) date, and usage exports count actuals by UTC day. A
 * local "today" would price a plan made late in the evening west of Greenwich a day behind the same plan
 * made in the CLI, and put it on another day than the actuals it is compared with. shared/ never reads the
 * clock: the caller passes `now`.
 */
export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}
