import { IsoDate } from '../../shared/pricing/price-entry';
import { UsageError } from '../args';

/** --date as YYYY-MM-DD (a real calendar date), or today when it was not given. */
export function readDateOption(text: string | undefined, today: string): string {
  if (text === undefined) return today;
  const parsed = IsoDate.safeParse(text.trim());
  if (!parsed.success) throw new UsageError(`--date "${text}" is not a date: write YYYY-MM-DD, e.g. --date ${today}`);
  return parsed.data;
}
