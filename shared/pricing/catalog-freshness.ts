import type { PriceEntry } from './price-entry';

/** An entry whose sources were checked more than this many days before the as-of date is flagged. */
export const STALE_AFTER_DAYS = 90;

export interface CatalogFreshness {
  /** When the entry's sources were last checked, or null when the entry does not say. */
  readonly checkedOn: string | null;
  /** Whole days from checkedOn to the as-of date (negative when checked after it); null without a date. */
  readonly ageDays: number | null;
  /** True when the check is more than STALE_AFTER_DAYS old on the as-of date, or was never recorded. */
  readonly stale: boolean;
  /** One line for the price book: "checked 2026-12-04, 12 days before 2026-12-16". */
  readonly summary: string;
}

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

/**
 * How old an entry's source check is on the plan's as-of date (both YYYY-MM-DD, as the price book holds
 * them). Pure: the as-of date comes in. An entry with no check date (plan entries written before the
 * field existed) is flagged, since nothing says its figures were ever checked.
 */
export function catalogFreshness(entry: PriceEntry, asOf: string): CatalogFreshness {
  const checkedOn = entry.checkedOn ?? null;
  if (checkedOn === null) {
    return {
      checkedOn,
      ageDays: null,
      stale: true,
      summary: 'source check date not recorded: check the sources and set checkedOn',
    };
  }
  const ageDays = Math.round(dayNumber(asOf) - dayNumber(checkedOn));
  const stale = ageDays > STALE_AFTER_DAYS;
  const age =
    ageDays === 0
      ? `on ${asOf}`
      : ageDays > 0
        ? `${ageDays} day${ageDays === 1 ? '' : 's'} before ${asOf}`
        : `${-ageDays} day${ageDays === -1 ? '' : 's'} after ${asOf}`;
  const flag = stale ? `: older than ${STALE_AFTER_DAYS} days, check the sources again` : '';
  return { checkedOn, ageDays, stale, summary: `checked ${checkedOn}, ${age}${flag}` };
}
