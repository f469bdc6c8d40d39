import type { Measure, RecordDimensions } from '../actuals/actual-record';
import { type EffectiveBucket, effectiveBuckets } from '../actuals/ledger/effective-buckets';
import type { ActualsLedger, StoredBatch } from '../actuals/ledger/ledger-schema';
import { type UsagePrice, UsagePricer } from '../actuals/ledger/usage-pricing';
import { type UnpricedUsage, UnpricedUsageTally } from '../actuals/ledger/unpriced-usage';
import { allocateLargestRemainder, type Micro, roundToMicro, toMicro } from '../money/rounding';
import type { PriceBook } from '../pricing/price-book';
import { type DayProjectSpend, type MeteredOverlap, meteredOverlaps } from './metered-overlap';
import { byDayThenProject, groupProjectOf } from './spend-groups';

/**
 * Step one of reconciliation: one actual figure per day, from the best measure, as pieces the matcher
 * can assign. Per day × project the money is billed cost where the ledger has any, else metered spend,
 * else usage priced with the price book; the other measures are never added, only compared (crossChecks).
 * Billed cost rarely names a campaign, so within a day × project × model it is split across the
 * campaigns the metered spend (else usage) of that day shows, in proportion to it (largest remainder:
 * the parts add up to the billed bucket exactly); what no finer measure explains keeps the billed
 * bucket's own dimensions. Metered spend of a gateway team linked to a billed project (ProjectLink) is
 * grouped as that project's; metered spend beside billed cost of the same model that no link explains is
 * reported (meteredOverlaps): it is counted, and may be on the bill too.
 */

/** The record dimensions a match rule can test (the others only split the ledger's buckets). */
type PieceDims = Pick<
  RecordDimensions,
  'project' | 'apiKey' | 'user' | 'campaign' | 'tags' | 'vendor' | 'model' | 'lineItem'
>;

/** One bucket of actual money as reconciliation sees it: what a rule can test, and how much. */
export interface ActualPiece extends PieceDims {
  /** bucketKey(): the key a manual assignment names. */
  readonly key: string;
  readonly day: string;
  readonly measure: Measure;
  /** Micro-USD in the measure (each ledger bucket rounded once to the micro-dollar, then summed). */
  readonly micro: Micro;
  /** Images generated (from the measure's own counts, or the evidence billed cost was split by). */
  readonly images: number;
}

/** The key of a piece: day, the dimensions rules test, and the measure, joined by "|". */
export function bucketKey(day: string, d: PieceDims, measure: Measure): string {
  return [day, d.project, d.apiKey, d.user, d.campaign, d.tags.join(','), d.vendor, d.model, d.lineItem, measure].join(
    '|',
  );
}

/** Billed, metered and usage-priced figures of one day × project where more than one measure has it. */
export interface CrossCheck {
  readonly day: string;
  readonly project: string;
  readonly billed: Micro | null;
  readonly metered: Micro | null;
  readonly usage: Micro | null;
  /** The largest gap between two of them, in percent of the larger (two decimals), as text. */
  readonly gapPct: string;
  /** True when that gap is over 1%. */
  readonly flagged: boolean;
}

export interface ActualPieces {
  readonly pieces: readonly ActualPiece[];
  readonly crossChecks: readonly CrossCheck[];
  /** Usage buckets the price book could not price (counted at $0). */
  readonly unpricedUsage: number;
  /**
   * Those buckets by model, most first, with why the first of each could not be priced (the others of a
   * model may fail for another reason: another day, size or quality).
   */
  readonly unpricedUsageByModel: readonly UnpricedUsage[];
  /** The latest day with any actual (before as-of filtering), or null for an empty ledger. */
  readonly latestDay: string | null;
  /** Metered spend counted beside billed cost of the same model in another project: see metered-overlap.ts. */
  readonly meteredOverlaps: readonly MeteredOverlap[];
}

export type { MeteredOverlap, UnpricedUsage };

interface DayProject {
  readonly day: string;
  readonly project: string;
  readonly byMeasure: Record<Measure, { bucket: EffectiveBucket; micro: Micro }[]>;
  /** Some usage bucket here could not be priced: its usage figure is not compared (crossCheckOf). */
  usageUnpriced: boolean;
}

/** A bucket's money: its amount, or for usage its price (`price`, null for other measures); null unpriced. */
function bucketMicro(b: EffectiveBucket, price: UsagePrice | null): Micro | null {
  if (price !== null) return price.ok ? toMicro(roundToMicro(price.amount)) : null;
  return b.amount === null ? 0 : toMicro(roundToMicro(b.amount));
}

/**
 * The day's pieces by key, their sums added as buckets come. The dimensions given may be a bucket's own
 * (shared by the ledger's buckets, never changed here, and holding more than a rule tests): a piece takes
 * only PieceDims' fields from them.
 */
class PieceSet {
  readonly byKey = new Map<
    string,
    { dims: PieceDims; key: string; day: string; measure: Measure; micro: Micro; images: number }
  >();

  add(day: string, measure: Measure, dims: PieceDims, micro: Micro, images: number): void {
    const key = bucketKey(day, dims, measure);
    const found = this.byKey.get(key);
    if (found) {
      found.micro += micro;
      found.images += images;
    } else this.byKey.set(key, { dims, key, day, measure, micro, images });
  }

  pieces(): ActualPiece[] {
    const out: ActualPiece[] = [];
    // Each piece made once, its fields written out (an object spread of the dimensions cost microseconds).
    this.byKey.forEach(({ dims: d, key, day, measure, micro, images }) =>
      out.push({
        project: d.project,
        apiKey: d.apiKey,
        user: d.user,
        campaign: d.campaign,
        tags: d.tags,
        vendor: d.vendor,
        model: d.model,
        lineItem: d.lineItem,
        key,
        day,
        measure,
        micro,
        images,
      }),
    );
    return out;
  }
}

function sum(items: readonly { micro: Micro }[]): Micro | null {
  if (items.length === 0) return null;
  let s = 0;
  for (const i of items) s += i.micro;
  return s;
}

function crossCheckOf(g: DayProject): CrossCheck | null {
  const billed = sum(g.byMeasure.billed);
  const metered = sum(g.byMeasure.metered);
  // Usage partly unpriced is no figure to compare: its $0 would read as a gap the bill does not have.
  const usage = g.usageUnpriced ? null : sum(g.byMeasure.usage);
  const present = [billed, metered, usage].filter((m): m is Micro => m !== null);
  if (present.length < 2) return null;
  const high = Math.max(...present.map(Math.abs));
  const gap = Math.max(...present) - Math.min(...present);
  // Percent with two decimals, exact: gap * 10000 / high, rounded half up.
  const hundredths = high === 0 ? 0 : Number((BigInt(gap) * 20000n + BigInt(high)) / (2n * BigInt(high)));
  const gapPct = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  return { day: g.day, project: g.project, billed, metered, usage, gapPct, flagged: hundredths > 100 };
}

interface Evidence {
  readonly dims: PieceDims;
  weight: Micro;
  images: number;
}

/** The metered (else usage) spend of a day × project by model and campaign dimensions: how billed cost splits. */
function evidenceByModel(g: DayProject): Map<string, Evidence[]> {
  const source = g.byMeasure.metered.length > 0 ? g.byMeasure.metered : g.byMeasure.usage;
  const out = new Map<string, Map<string, Evidence>>();
  for (const { bucket, micro } of source) {
    const d = bucket.dimensions;
    const who = [d.campaign, d.tags.join(','), d.user, d.apiKey].join('|');
    let byWho = out.get(d.model);
    if (!byWho) out.set(d.model, (byWho = new Map<string, Evidence>()));
    const e = byWho.get(who) ?? { dims: d, weight: 0, images: 0 };
    e.weight += Math.max(0, micro);
    e.images += bucket.images;
    byWho.set(who, e);
  }
  return new Map([...out].map(([model, m]) => [model, [...m.values()]]));
}

function addBilled(g: DayProject, set: PieceSet): void {
  const evidence = evidenceByModel(g);
  const imagesGiven = new Set<string>();
  for (const { bucket, micro } of g.byMeasure.billed) {
    const own = bucket.dimensions;
    const found = evidence.get(own.model) ?? [];
    const byMoney = found.reduce((s, e) => s + e.weight, 0) > 0;
    const byImages = !byMoney && found.reduce((s, e) => s + e.images, 0) > 0;
    if (!byMoney && !byImages) {
      set.add(g.day, 'billed', own, micro, 0);
      continue;
    }
    // The evidence's images count once per model, on its first billed line.
    const withImages = !imagesGiven.has(own.model);
    imagesGiven.add(own.model);
    const parts = allocateLargestRemainder(
      micro,
      found.map((e) => (byMoney ? e.weight : e.images)),
    );
    found.forEach((e, i) => {
      const dims: PieceDims = { ...own, campaign: e.dims.campaign, tags: e.dims.tags, user: e.dims.user || own.user };
      set.add(
        g.day,
        'billed',
        { ...dims, apiKey: e.dims.apiKey || own.apiKey },
        parts[i] ?? 0,
        withImages ? e.images : 0,
      );
    });
  }
}

interface CachedPieces {
  readonly links: ActualsLedger['projectLinks'];
  readonly asOf: string | null;
  readonly priceKey: string;
  readonly pieces: ActualPieces;
}

/** By the ledger's batch list (immutable values, as effectiveBuckets caches them): the last pieces made. */
const cache = new WeakMap<readonly StoredBatch[], CachedPieces>();

/**
 * The actual pieces of a ledger up to and including `asOf` (null: every day). `priceKey` names the price
 * book (its plan entries): a plan edit that changes neither the ledger, the book nor as-of reuses the pieces.
 */
export function actualPieces(
  ledger: ActualsLedger,
  book: PriceBook,
  asOf: string | null,
  priceKey: string | null = null,
): ActualPieces {
  const hit = priceKey === null ? undefined : cache.get(ledger.batches);
  const links = ledger.projectLinks;
  if (hit && hit.links === links && hit.asOf === asOf && hit.priceKey === priceKey) return hit.pieces;
  const pieces = makePieces(ledger, book, asOf);
  if (priceKey !== null) cache.set(ledger.batches, { links, asOf, priceKey, pieces });
  return pieces;
}

function makePieces(ledger: ActualsLedger, book: PriceBook, asOf: string | null): ActualPieces {
  const pricer = new UsagePricer(book);
  const groups = new Map<string, DayProject>();
  const unpriced = new UnpricedUsageTally();
  const projectOf = groupProjectOf(ledger);
  let latestDay: string | null = null;
  for (const b of effectiveBuckets(ledger)) {
    if (latestDay === null || b.day > latestDay) latestDay = b.day;
    if (asOf !== null && b.day > asOf) continue;
    const price = b.measure === 'usage' ? pricer.price(b) : null;
    const micro = bucketMicro(b, price);
    if (price !== null && !price.ok) unpriced.add(b.dimensions.model, price.reason);
    const project = projectOf(b.measure, b.dimensions.project);
    const key = `${b.day}|${project}`;
    let g = groups.get(key);
    if (!g) {
      g = { day: b.day, project, byMeasure: { billed: [], metered: [], usage: [] }, usageUnpriced: false };
      groups.set(key, g);
    }
    g.byMeasure[b.measure].push({ bucket: b, micro: micro ?? 0 });
    if (micro === null) g.usageUnpriced = true;
  }
  const sorted = [...groups.values()].sort(byDayThenProject);
  const set = new PieceSet();
  const crossChecks: CrossCheck[] = [];
  for (const g of sorted) {
    const check = crossCheckOf(g);
    if (check) crossChecks.push(check);
    if (g.byMeasure.billed.length > 0) addBilled(g, set);
    else addUnbilled(g, set);
  }
  return {
    pieces: set.pieces(),
    crossChecks,
    unpricedUsage: unpriced.buckets,
    unpricedUsageByModel: unpriced.byModelList(),
    latestDay,
    meteredOverlaps: meteredOverlaps(sorted.map(spendByModel)),
  };
}

/** A day × project with no billed cost: its metered spend, else its priced usage, as pieces. */
function addUnbilled(g: DayProject, set: PieceSet): void {
  const measure: Measure = g.byMeasure.metered.length > 0 ? 'metered' : 'usage';
  for (const { bucket, micro } of g.byMeasure[measure]) {
    const dims = bucket.dimensions;
    // A linked gateway team's spend is its billed project's: rules on that project match it.
    set.add(g.day, measure, dims.project === g.project ? dims : { ...dims, project: g.project }, micro, bucket.images);
  }
}

function spendByModel(g: DayProject): DayProjectSpend {
  const byModel = (items: readonly { bucket: EffectiveBucket; micro: Micro }[]) => {
    const out = new Map<string, Micro>();
    for (const { bucket, micro } of items)
      out.set(bucket.dimensions.model, (out.get(bucket.dimensions.model) ?? 0) + micro);
    return out;
  };
  return {
    day: g.day,
    project: g.project,
    billedByModel: byModel(g.byMeasure.billed),
    meteredByModel: byModel(g.byMeasure.metered),
  };
}
