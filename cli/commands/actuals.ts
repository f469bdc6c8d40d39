import type { Measure } from '../../shared/actuals/actual-record';
import {
  ACTUALS_GROUPINGS,
  type ActualsFigures,
  type ActualsGroup,
  type ActualsGrouping,
  actualsTotals,
  groupActuals,
} from '../../shared/actuals/ledger/actuals-report';
import { batchContributions } from '../../shared/actuals/ledger/batch-contributions';
import type { ActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { USAGE_PRICED_LABEL } from '../../shared/actuals/ledger/usage-pricing';
import { type Exact, toDecimalString } from '../../shared/money/exact';
import { createPriceBook, type PriceBook } from '../../shared/pricing/price-book';
import { type OptionSpec, singlePositional, UsageError } from '../args';
import type { Command } from '../command';
import { loadPlanFile } from '../files';
import { type Column, counted, integer, renderTable, usdRounded } from '../format';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'by',
    kind: 'string',
    valueName: 'GROUPING',
    example: 'week',
    description: `group the actuals by ${ACTUALS_GROUPINGS.join(', ')} (default: day)`,
  },
  { name: 'json', kind: 'flag', description: 'print one JSON object (money as exact decimal strings)' },
];

const COLUMNS: readonly Column[] = [
  { header: 'group', align: 'left' },
  { header: 'billed', align: 'right' },
  { header: 'metered', align: 'right' },
  { header: USAGE_PRICED_LABEL, align: 'right' },
  { header: 'images', align: 'right' },
  { header: 'requests', align: 'right' },
  { header: 'failed', align: 'right' },
];

function readGrouping(text: string | undefined): ActualsGrouping {
  if (text === undefined) return 'day';
  const found = ACTUALS_GROUPINGS.find((g) => g === text.trim().toLowerCase());
  if (found === undefined)
    throw new UsageError(`--by "${text}" is not a grouping: choose ${ACTUALS_GROUPINGS.join(', ')}`);
  return found;
}

const ZERO: Exact = { units: 0n, scale: 0 };
const NO_FIGURES = { amountUsd: null, buckets: 0, images: 0, requests: 0, failedRequests: 0, tokens: 0 };

/** A batch none of whose facts are in effect: zero in its own measure, nothing in the others. */
function nothingInEffect(measure: Measure): ActualsFigures {
  return {
    billedUsd: measure === 'billed' ? ZERO : null,
    meteredUsd: measure === 'metered' ? ZERO : null,
    usagePricedUsd: measure === 'usage' ? ZERO : null,
    byMeasure: { billed: NO_FIGURES, metered: NO_FIGURES, usage: NO_FIGURES },
    unpriced: [],
  };
}

/** A group, with the later batches that replaced its facts (by batch only). */
type ListedGroup = ActualsGroup & { readonly supersededBy?: readonly string[] };

/**
 * By batch: every batch, one whose facts a later export replaced at what it adds now ($0 when all were),
 * so each id rollback takes is listed; by anything else, the groups as they are.
 */
function listedGroups(ledger: ActualsLedger, by: ActualsGrouping, book: PriceBook): ListedGroup[] {
  if (by !== 'batch') return groupActuals(ledger, by, book);
  return batchContributions(ledger, book)
    .map(({ batch, figures, supersededBy }) => ({
      key: batch.id,
      keys: [batch.id],
      ...(figures ?? nothingInEffect(batch.measure)),
      supersededBy,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** "5a3c1e000000: superseded by c86fae78b5b3 (adds nothing now)", for each batch a later one replaced. */
function supersededLines(groups: readonly ListedGroup[]): string[] {
  return groups.flatMap((g) => {
    const by = g.supersededBy ?? [];
    if (by.length === 0) return [];
    const whole = g.byMeasure.billed.buckets + g.byMeasure.metered.buckets + g.byMeasure.usage.buckets === 0;
    const what = whole ? 'adds nothing now' : 'in part: those days and projects count from the later batch';
    return [`${g.key}: superseded by ${by.join(', ')} (${what})`];
  });
}

const decimalOrNull = (e: Exact | null): string | null => (e === null ? null : toDecimalString(e));
// Rounded to the micro-dollar as reconcile prints money (an export's float noise is not shown); --json is exact.
const usdOrDash = (e: Exact | null): string => (e === null ? '-' : usdRounded(e));

/** Counts of a group: each measure counts the same requests again, so the largest count is shown, not a sum. */
function counts(f: ActualsFigures): { images: number; requests: number; failedRequests: number } {
  const measures = Object.values(f.byMeasure);
  return {
    images: Math.max(...measures.map((m) => m.images)),
    requests: Math.max(...measures.map((m) => m.requests)),
    failedRequests: Math.max(...measures.map((m) => m.failedRequests)),
  };
}

export const actualsCommand: Command = {
  name: 'actuals',
  usage: `actuals PLAN.pxplan [--by ${ACTUALS_GROUPINGS.join('|')}] [--json]`,
  options: OPTIONS,
  details: [
    "Billed (invoiced), metered (a gateway's per-request spend) and usage (counts priced from the plan's",
    'price book as of each day) are three measures of the same spend: each has its own column, never added.',
    'Images and requests are the largest count any measure has for the group (the same request is in several).',
  ].join('\n'),
  async run(args, io) {
    const file = singlePositional(args, 'a plan file', 'plan.pxplan');
    const by = readGrouping(args.string('by'));
    const plan = await loadPlanFile(io, file);
    const book = createPriceBook(plan.priceEntries);
    const totals = actualsTotals(plan.actuals, book);
    const groups = listedGroups(plan.actuals, by, book);
    if (args.flag('json')) {
      const json = {
        billedUsd: decimalOrNull(totals.billedUsd),
        meteredUsd: decimalOrNull(totals.meteredUsd),
        usagePricedUsd: decimalOrNull(totals.usagePricedUsd),
        groups: groups.map((g) => ({
          key: g.key,
          billedUsd: decimalOrNull(g.billedUsd),
          meteredUsd: decimalOrNull(g.meteredUsd),
          usagePricedUsd: decimalOrNull(g.usagePricedUsd),
          ...counts(g),
          ...(g.supersededBy === undefined ? {} : { supersededBy: g.supersededBy }),
        })),
      };
      io.stdout(JSON.stringify(json, null, 2) + '\n');
      return 0;
    }
    if (plan.actuals.batches.length === 0) {
      io.stdout(`${file} has no actuals yet: add some with pixel-ledger import-actuals ${file} FILE -o OUT.pxplan\n`);
      return 0;
    }
    const row = (key: string, f: ActualsFigures): string[] => {
      const c = counts(f);
      return [
        key,
        usdOrDash(f.billedUsd),
        usdOrDash(f.meteredUsd),
        usdOrDash(f.usagePricedUsd),
        integer(c.images),
        integer(c.requests),
        integer(c.failedRequests),
      ];
    };
    const table = renderTable(
      COLUMNS,
      groups.map((g) => row(g.key, g)),
      [row('total', totals)],
    );
    const unpriced = totals.unpriced.map((u) => `usage not priced (${integer(u.buckets)} buckets): ${u.reason}`);
    io.stdout(
      [
        `${file}: actuals by ${by}, ${counted(plan.actuals.batches.length, 'batch', 'batches')}`,
        table,
        ...supersededLines(groups),
        ...unpriced,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
