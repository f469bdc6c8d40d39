import { type Exact, ZERO, exactInt, mul, parseExact, sub } from '../money/exact';
import { fail, ok, type Result } from '../result';
import { BUILTIN_CATALOG } from './builtin-catalog';
import type { BillingSurface, MegapixelUnit, PriceEntry, PerImageTable, TokenRates } from './price-entry';

/**
 * A plan's price book: its own entries first, then the built-in catalog. An entry the plan defines wins
 * over a built-in one for the same model and surface; within each group the latest effective date wins.
 */
export interface PriceBook {
  readonly planEntries: readonly PriceEntry[];
  readonly builtin: readonly PriceEntry[];
  readonly byId: ReadonlyMap<string, PriceEntry>;
}

export function createPriceBook(
  planEntries: readonly PriceEntry[] = [],
  builtin: readonly PriceEntry[] = BUILTIN_CATALOG,
): PriceBook {
  const byId = new Map<string, PriceEntry>();
  for (const e of builtin) byId.set(e.id, e);
  for (const e of planEntries) byId.set(e.id, e);
  return { planEntries, builtin, byId };
}

export function allEntries(book: PriceBook): PriceEntry[] {
  const planIds = new Set(book.planEntries.map((e) => e.id));
  return [...book.planEntries, ...book.builtin.filter((e) => !planIds.has(e.id))];
}

/** Why an entry is not in force on a date, or null when it is. Dates compare as YYYY-MM-DD text. */
export function notInForceReason(entry: PriceEntry, date: string): string | null {
  if (date < entry.effectiveFrom) return `${entry.id} takes effect on ${entry.effectiveFrom}`;
  if (entry.effectiveUntil !== null && date >= entry.effectiveUntil)
    return `${entry.id} ended on ${entry.effectiveUntil}`;
  if (entry.shutdownDate !== null && date >= entry.shutdownDate)
    return `${entry.model} was shut down on ${entry.shutdownDate}`;
  return null;
}

export function entriesInForce(book: PriceBook, date: string): PriceEntry[] {
  return allEntries(book).filter((e) => notInForceReason(e, date) === null);
}

/** Exact numbers of a token-rate entry, USD per 1M tokens, after any batch or negotiated discount. */
export interface ExactTokenRates {
  readonly textInput: Exact;
  readonly textCachedInput: Exact | null;
  readonly imageInput: Exact | null;
  readonly imageCachedInput: Exact | null;
  readonly imageOutput: Exact | null;
  /** Text output (Gemini bills thinking here); null where the entry has none. */
  readonly textOutput: Exact | null;
}

export type ExactTable = ReadonlyMap<string, ReadonlyMap<string, Exact>>;

export type ResolvedPricing =
  | {
      readonly kind: 'tokens';
      readonly rates: ExactTokenRates;
      readonly perImageOutput: ExactTable | null;
      /** Each image's output cost rounded up to this many cents (a reseller's rounding), or null. */
      readonly outputRoundUpCents: number | null;
      readonly multiplier: Exact;
    }
  | { readonly kind: 'per-image'; readonly perImage: ExactTable; readonly multiplier: Exact }
  | {
      readonly kind: 'credits-per-image';
      readonly creditsPerImage: ExactTable;
      readonly creditsPerExtraMegapixel: Exact | null;
      readonly usdPerCredit: Exact;
      readonly multiplier: Exact;
    }
  | {
      readonly kind: 'per-megapixel';
      /** Amounts (USD, or credits when usdPerCredit is set) for the first and each further output megapixel. */
      readonly first: Exact;
      readonly extra: Exact;
      readonly unit: MegapixelUnit;
      /**
       * Input images in the engine's token form: image input is the amount per 1M counted units (whole
       * megapixels when the unit rounds up, pixels when it is exact), every other rate zero. A row's
       * input images are counted in those units, so they ride the same arithmetic as tokens.
       */
      readonly rates: ExactTokenRates;
      /** True when the entry charges for input images. */
      readonly chargesInputs: boolean;
      readonly usdPerCredit: Exact | null;
      readonly multiplier: Exact;
    }
  | {
      readonly kind: 'credits-over-tokens';
      readonly rates: ExactTokenRates;
      readonly perImageOutput: ExactTable | null;
      /** credits per USD of token cost (creditsPerUsd x markup) */
      readonly creditsPerTokenUsd: Exact;
      readonly usdPerCredit: Exact;
      readonly multiplier: Exact;
    };

export interface ResolvedPrice {
  /** Entries used, main entry first (a discount or credits entry, then its base). */
  readonly entryIds: readonly string[];
  readonly entry: PriceEntry;
  readonly pricing: ResolvedPricing;
  readonly warnings: readonly string[];
  /** The most images a request may ask for on this price (the smallest cap in its chain), or null. */
  readonly maxImagesPerRequest: number | null;
}

export interface PriceQuery {
  readonly model: string;
  readonly surface: BillingSurface;
  /** YYYY-MM-DD: the plan's price-book as-of date. */
  readonly date: string;
  /** Pin a specific entry (e.g. one reseller among several). */
  readonly entryId?: string | null;
}

function dec(text: string): Exact {
  const e = parseExact(text);
  if (!e) throw new RangeError(`price entry holds a non-decimal "${text}"`); // schema-validated, so unreachable
  return e;
}

function exactRates(r: TokenRates): ExactTokenRates {
  return {
    textInput: dec(r.textInput),
    textCachedInput: r.textCachedInput === null ? null : dec(r.textCachedInput),
    imageInput: r.imageInput === null ? null : dec(r.imageInput),
    imageCachedInput: r.imageCachedInput === null ? null : dec(r.imageCachedInput),
    imageOutput: r.imageOutput === null ? null : dec(r.imageOutput),
    textOutput: r.textOutput === null || r.textOutput === undefined ? null : dec(r.textOutput),
  };
}

/** 10^6 / 2^20, exactly: a rate per megapixel of 2^20 pixels, per 1M pixels. */
const MILLION_OVER_MIB: Exact = { units: 95_367_431_640_625n, scale: 14 };
const MILLION: Exact = exactInt(1_000_000);

/**
 * An input-megapixel amount as a rate per 1M counted units: whole megapixels when the unit rounds up
 * (amount x 10^6), pixels when it is exact (amount x 10^6 / pixels per megapixel).
 */
export function megapixelInputRate(amount: Exact, unit: MegapixelUnit): Exact {
  if (unit.rounding === 'ceil') return mul(amount, MILLION);
  return unit.pixels === 1_000_000 ? amount : mul(amount, MILLION_OVER_MIB);
}

function exactTable(t: PerImageTable): ExactTable {
  const out = new Map<string, Map<string, Exact>>();
  for (const [quality, sizes] of Object.entries(t)) {
    const row = new Map<string, Exact>();
    for (const [size, amount] of Object.entries(sizes)) row.set(size, dec(amount));
    out.set(quality, row);
  }
  return out;
}

/**
 * The price for a quality and size, most specific first: (quality, size), (quality, any size),
 * (any quality, size), (any quality, any size) — the order the exported workbook's formulas use.
 */
export function lookupTable(t: ExactTable, quality: string, size: string): Exact | undefined {
  const row = t.get(quality);
  const anyQuality = t.get('*');
  return row?.get(size) ?? row?.get('*') ?? anyQuality?.get(size) ?? anyQuality?.get('*');
}

const ONE = exactInt(1);

/** Entries for the model and surface, in priority order (plan first, then latest effective date). */
function candidates(book: PriceBook, model: string, surface: BillingSurface): PriceEntry[] {
  const matches = (e: PriceEntry) => e.model === model && e.surfaces.includes(surface);
  const byDateDesc = (a: PriceEntry, b: PriceEntry) =>
    a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0;
  const planIds = new Set(book.planEntries.map((e) => e.id));
  return [
    ...book.planEntries.filter(matches).sort(byDateDesc),
    ...book.builtin.filter((e) => matches(e) && !planIds.has(e.id)).sort(byDateDesc),
  ];
}

const SURFACE_HINT: Record<BillingSurface, string> = {
  api: 'pick another model or add a plan price entry for it',
  responses: 'pick another model or add a plan price entry for it',
  batch: 'pick the api surface or add a plan price entry with batch pricing',
  credits: "add a credits entry (the product's credits rate) to the plan's price book",
  reseller: "add the reseller's per-image table to the plan's price book",
};

/** The entry in force for (model, surface, date), with exact rates ready for the estimate. */
export function resolvePrice(book: PriceBook, query: PriceQuery): Result<ResolvedPrice> {
  const { model, surface, date } = query;
  let entry: PriceEntry | undefined;
  if (query.entryId) {
    entry = book.byId.get(query.entryId);
    if (!entry) return fail(`price entry "${query.entryId}" does not exist: pick an entry from the price book`);
    if (entry.model !== model) return fail(`price entry ${entry.id} prices ${entry.model}, not ${model}`);
    if (!entry.surfaces.includes(surface))
      return fail(
        `price entry ${entry.id} does not cover the ${surface} surface (it covers ${entry.surfaces.join(', ')})`,
      );
    const reason = notInForceReason(entry, date);
    if (reason) return fail(`no price for ${model} on the ${surface} surface on ${date}: ${reason}`);
  } else {
    const all = candidates(book, model, surface);
    entry = all.find((e) => notInForceReason(e, date) === null);
    if (!entry) {
      const why = all.length > 0 ? `; ${all.map((e) => notInForceReason(e, date)).join('; ')}` : '';
      return fail(`no price for ${model} on the ${surface} surface on ${date}${why}: ${SURFACE_HINT[surface]}`);
    }
  }
  return resolveEntry(book, entry, surface, date, 0);
}

function resolveEntry(
  book: PriceBook,
  entry: PriceEntry,
  surface: BillingSurface,
  date: string,
  depth: number,
): Result<ResolvedPrice> {
  if (depth > 4) return fail(`price entry ${entry.id} refers to other entries in a loop`);
  const p = entry.pricing;
  switch (p.unit) {
    case 'discount':
      return resolveDiscount(book, entry, p, surface, date, depth);
    case 'usd-per-1m-tokens':
      return resolveTokenRates(entry, p, surface);
    case 'usd-per-image':
      return ok(plainResolved(entry, { kind: 'per-image', perImage: exactTable(p.perImage), multiplier: ONE }));
    case 'credits-per-image':
      return ok(
        plainResolved(entry, {
          kind: 'credits-per-image',
          creditsPerImage: exactTable(p.creditsPerImage),
          creditsPerExtraMegapixel: p.creditsPerExtraMegapixel === null ? null : dec(p.creditsPerExtraMegapixel),
          usdPerCredit: dec(p.usdPerCredit),
          multiplier: ONE,
        }),
      );
    case 'per-megapixel':
      return ok(plainResolved(entry, perMegapixelPricing(p)));
    case 'credits-per-token-usd':
      return resolveCreditsOverTokens(book, entry, p, date);
  }
}

type PricingOf<U extends PriceEntry['pricing']['unit']> = Extract<PriceEntry['pricing'], { unit: U }>;

/** An entry that stands on its own: one id, no warnings, its own per-request cap. */
function plainResolved(entry: PriceEntry, pricing: ResolvedPrice['pricing']): ResolvedPrice {
  return { entryIds: [entry.id], entry, pricing, warnings: [], maxImagesPerRequest: capOf(entry) };
}

function resolveDiscount(
  book: PriceBook,
  entry: PriceEntry,
  p: PricingOf<'discount'>,
  surface: BillingSurface,
  date: string,
  depth: number,
): Result<ResolvedPrice> {
  const base = book.byId.get(p.baseEntryId);
  if (!base) return fail(`discount ${entry.id} refers to price entry "${p.baseEntryId}", which does not exist`);
  const reason = notInForceReason(base, date);
  if (reason) return fail(`discount ${entry.id} refers to ${base.id}, not in force on ${date}: ${reason}`);
  const inner = resolveEntry(book, base, surface, date, depth + 1);
  if (!inner.ok) return inner;
  const factor = sub(ONE, mul(dec(p.percentOff), { units: 1n, scale: 2 }));
  return ok({
    entryIds: [entry.id, ...inner.value.entryIds],
    entry,
    pricing: { ...inner.value.pricing, multiplier: mul(inner.value.pricing.multiplier, factor) },
    warnings: inner.value.warnings,
    maxImagesPerRequest: smallerCap(capOf(entry), inner.value.maxImagesPerRequest),
  });
}

function resolveTokenRates(
  entry: PriceEntry,
  p: PricingOf<'usd-per-1m-tokens'>,
  surface: BillingSurface,
): Result<ResolvedPrice> {
  const warnings: string[] = [];
  let rates = exactRates(p.rates);
  let perImageOutput = p.perImageOutput ? exactTable(p.perImageOutput) : null;
  let multiplier = ONE;
  if (surface === 'batch') {
    const batch = entry.batch;
    if (!batch) return fail(`${entry.model} has no Batch pricing in ${entry.id}: use the api surface`);
    if (batch.status === 'unsupported') warnings.push(`Batch is marked unsupported for ${entry.model}: ${batch.note}`);
    if (batch.status === 'disputed') warnings.push(`Batch for ${entry.model}: ${batch.note}`);
    const factor = sub(ONE, dec(batch.discount));
    if (batch.rates) {
      rates = exactRates(batch.rates);
      if (perImageOutput) perImageOutput = scaleTable(perImageOutput, factor);
    } else {
      multiplier = factor;
    }
  }
  const pricing: ResolvedPrice['pricing'] = {
    kind: 'tokens',
    rates,
    perImageOutput,
    outputRoundUpCents: p.outputRoundUpCents ?? null,
    multiplier,
  };
  return ok({ ...plainResolved(entry, pricing), warnings });
}

function perMegapixelPricing(p: PricingOf<'per-megapixel'>): ResolvedPrice['pricing'] {
  const input = p.inputMegapixel === null ? ZERO : dec(p.inputMegapixel);
  return {
    kind: 'per-megapixel',
    first: dec(p.firstMegapixel),
    extra: dec(p.extraMegapixel),
    unit: p.megapixel,
    rates: {
      textInput: ZERO,
      textCachedInput: null,
      imageInput: megapixelInputRate(input, p.megapixel),
      imageCachedInput: null,
      imageOutput: ZERO,
      textOutput: null,
    },
    chargesInputs: p.inputMegapixel !== null,
    usdPerCredit: p.usdPerCredit === null ? null : dec(p.usdPerCredit),
    multiplier: ONE,
  };
}

function resolveCreditsOverTokens(
  book: PriceBook,
  entry: PriceEntry,
  p: PricingOf<'credits-per-token-usd'>,
  date: string,
): Result<ResolvedPrice> {
  // The credits product converts the provider's token bill: find the token entry it sits on.
  const base = candidates(book, entry.model, 'api').find(
    (e) => e.pricing.unit === 'usd-per-1m-tokens' && notInForceReason(e, date) === null,
  );
  if (!base || base.pricing.unit !== 'usd-per-1m-tokens') {
    return fail(
      `credits entry ${entry.id} converts token costs, but ${entry.model} has no token rates in force on ${date}`,
    );
  }
  return ok({
    entryIds: [entry.id, base.id],
    entry,
    pricing: {
      kind: 'credits-over-tokens',
      rates: exactRates(base.pricing.rates),
      perImageOutput: base.pricing.perImageOutput ? exactTable(base.pricing.perImageOutput) : null,
      creditsPerTokenUsd: mul(dec(p.creditsPerUsd), dec(p.markup)),
      usdPerCredit: dec(p.usdPerCredit),
      multiplier: ONE,
    },
    warnings: [],
    maxImagesPerRequest: smallerCap(capOf(entry), capOf(base)),
  });
}

function capOf(entry: PriceEntry): number | null {
  return entry.maxImagesPerRequest ?? null;
}

function smallerCap(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function scaleTable(t: ExactTable, factor: Exact): ExactTable {
  const out = new Map<string, Map<string, Exact>>();
  for (const [q, row] of t) {
    const r = new Map<string, Exact>();
    for (const [s, v] of row) r.set(s, mul(v, factor));
    out.set(q, r);
  }
  return out;
}
