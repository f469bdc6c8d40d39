import { IsoDate } from '../../shared/pricing/price-entry';
import type { UnpricedUsage } from '../../shared/actuals/ledger/unpriced-usage';
import { UsageError } from '../args';
import { integer } from '../format';
import { type MeteredOverlap, meteredOverlapText } from '../../shared/reconcile/metered-overlap';

/** --date as YYYY-MM-DD (a real calendar date), or today when it was not given. */
export function readDateOption(text: string | undefined, today: string): string {
  if (text === undefined) return today;
  const parsed = IsoDate.safeParse(text.trim());
  if (!parsed.success) throw new UsageError(`--date "${text}" is not a date: write YYYY-MM-DD, e.g. --date ${today}`);
  return parsed.data;
}

/** Models the text names of usage that could not be priced (--json lists them all). */
const SHOWN_UNPRICED_MODELS = 5;

/**
 * Usage the price book could not price (`buckets` in all, by model): how many buckets and what becomes of
 * them (`outcome`), then by model, most first, with why, so the fix (a price for that model) is named, not
 * only the count. Empty when every bucket was priced.
 */
export function unpricedUsageLines(buckets: number, models: readonly UnpricedUsage[], outcome: string): string[] {
  if (buckets === 0) return [];
  const counted = (n: number) => `${integer(n)} usage bucket${n === 1 ? '' : 's'}`;
  const more = models.length - SHOWN_UNPRICED_MODELS;
  return [
    `${counted(buckets)} ${outcome}${models.length > 1 ? `, from ${integer(models.length)} models` : ''}:`,
    ...models
      .slice(0, SHOWN_UNPRICED_MODELS)
      // One reason per model, the first bucket's (its others may fail otherwise: another day, size, quality).
      .map(
        (m) => `  ${m.model || '(no model)'}, ${counted(m.buckets)}${m.buckets > 1 ? '; the first' : ''}: ${m.reason}`,
      ),
    more > 0
      ? `  and ${integer(more)} more model${more === 1 ? '' : 's'} (--json lists them: unpricedUsageByModel)`
      : '',
  ].filter((line) => line !== '');
}

/**
 * A gateway's metered spend counted beside the bill (metered-overlap.ts), as one warning line that ends
 * with the command linking it: `money` is its spend as the command prints money, `planPath` the plan to link.
 */
export function meteredOverlapWarning(o: MeteredOverlap, money: string, planPath: string): string {
  const billed = o.suggested ?? 'BILLED_PROJECT';
  const command = `pixel-ledger match ${shellWord(planPath)} --link-project ${shellWord(o.metered)}=${shellWord(billed)} -o OUT.pxplan`;
  return `warning: ${meteredOverlapText(o, `$${money}`)}: ${command}`;
}

/** A path or project id as a shell word: quoted when it holds anything but letters, digits and - _ . : / */
function shellWord(text: string): string {
  return /^[\w.:/-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
