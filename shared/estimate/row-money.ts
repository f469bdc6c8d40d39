import { type Exact, EXACT_POWERS_OF_TEN, ZERO, add, mul, mulInt, pow10, toNumber, toSafeNumber } from '../money/exact';
import { type Micro, roundProductToMicro, roundSumOfProductsToMicro, roundToMicro, toMicro } from '../money/rounding';
import type { ResolvedPricing } from '../pricing/price-book';
import {
  type CostBasis,
  PER_MILLION_SCALE,
  PERCENT_SCALE,
  blendedRates,
  creditsFactor,
  hasInputRates,
  inputFactor,
  perImageCosts,
} from './cost-basis';
import { gptImage2TokensOf } from './tokens';

/**
 * A row's money (final and draft cost, credits, requests) and input share from what prices it and its
 * volumes. Two paths to the same numbers: rowMoneyExact and inputShareExact in BigInt arithmetic, the
 * definition; NumberPath in exact integer arithmetic on numbers, for the usual row, falling back to the
 * first whenever a step would not be exact.
 */

/**
 * A per-megapixel price's output amounts for a template (sized-shape.ts): the first and each further
 * megapixel as safe integers at one scale, megapixels counted in whole units of `unitPixels`, rounded up.
 */
export interface MegapixelAmounts {
  readonly first: number;
  readonly extra: number;
  readonly scale: number;
  readonly unitPixels: number;
}

/** What sizedRowMoney needs of a sized template (sized-shape.ts). */
export interface SizedRecordSource extends SizedTokenSource {
  readonly hasDrafts: boolean;
  /** Priced by output tokens (outputTokensOf) when null, else by megapixels of output. */
  readonly megapixels: MegapixelAmounts | null;
  readonly partialTokens: number;
  readonly perToken: number;
  readonly perTokenScale: number;
  readonly factor: number;
  readonly factorScale: number;
  readonly roundUpCents: number | null;
  readonly creditsOverTokens: boolean;
  readonly priceSlot: number;
}

/** How a template counts a size's output tokens: gpt-image-2's formula, or a model's published table. */
export interface SizedTokenSource {
  /** gpt-image-2's quality factors (outputTokensOf), for a template with no token table. */
  readonly finalFactor: number;
  readonly draftFactor: number;
  /**
   * A fixed-size model's published tokens (width, height, final tokens, draft tokens per listed size),
   * or null for a flexible size counted by the formula.
   */
  readonly tokenTable: Float64Array | null;
}

/**
 * Output tokens per image at a size on a template (partial images aside): by the formula, or from the
 * model's table; NaN for a size the table does not list (no number path prices it).
 */
export function outputTokensOf(t: SizedTokenSource, draft: boolean, width: number, height: number): number {
  const table = t.tokenTable;
  if (table === null) return gptImage2TokensOf(draft ? t.draftFactor : t.finalFactor, width, height);
  for (let i = 0; i < table.length; i += 4)
    if (table[i] === width && table[i + 1] === height) return table[i + (draft ? 3 : 2)] ?? NaN;
  return NaN;
}

/** A row's money and requests, as its estimate keeps them. */
export interface RowMoney {
  readonly finalCost: Micro;
  readonly draftCost: Micro;
  readonly credits: Micro | null;
  readonly requests: number;
}

/** RowMoney in numbers only: credits NaN for a row not billed in credits (a record of doubles, no boxing). */
export interface RowMoneyNumbers {
  finalCost: Micro;
  draftCost: Micro;
  credits: number;
  requests: number;
  /**
   * The row's cost per final image as priced (costPerImageUnits: units at `costPerFinalScale`), kept so a
   * reader of the row need not work it out again; NaN where it was not priced on the number path.
   */
  costPerFinal: number;
  costPerFinalScale: number;
}

/**
 * The last row NumberPath.moneyOf priced (one scratch record for every path: pricing allocates nothing).
 * Amounts start as NaN, a double, so its fields hold doubles from the first row on.
 */
export const rowMoneyOut: RowMoneyNumbers = {
  finalCost: NaN,
  draftCost: NaN,
  credits: NaN,
  requests: NaN,
  costPerFinal: NaN,
  costPerFinalScale: 0,
};

/** The arguments every row-money function takes after what prices the row: its volumes and inputs. */
export type RowVolumes = [
  k: Exact,
  drafts: Exact,
  finals: number,
  nPerRequest: number,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
];

/**
 * Row money by the formulas in estimateRow's comment: exact BigInt products, each rounded once with the
 * one rule. Null when an amount is beyond MAX_MICRO (it could not be kept exactly).
 */
export function rowMoneyExact(basis: CostBasis, ...volumes: RowVolumes): RowMoney | null {
  const money = rowMoneyExactOrExcess(basis, ...volumes);
  return typeof money === 'string' ? null : money;
}

/**
 * For a row rowMoneyExact refuses: what passed MAX_MICRO, its dollar cost or (billed in credits) only its
 * credits, so the row's error names the right amount. On the error path only.
 */
export function rowExcessExact(basis: CostBasis, ...volumes: RowVolumes): 'cost' | 'credits' {
  const money = rowMoneyExactOrExcess(basis, ...volumes);
  return money === 'credits' ? 'credits' : 'cost';
}

function rowMoneyExactOrExcess(
  basis: CostBasis,
  ...[k, drafts, finals, nPerRequest, textTokens, imageTokens, cachedPct]: RowVolumes
): RowMoney | 'cost' | 'credits' {
  const hasDrafts = basis.hasDrafts;
  const costs = perImageCosts(basis, textTokens, imageTokens, cachedPct);
  const finalGenerations = mulInt(k, finals);
  const draftGenerations = hasDrafts ? mulInt(drafts, finals) : ZERO;
  const finalExact = mul(finalGenerations, costs.final);
  const draftExact = mul(draftGenerations, costs.draft);
  const finalCost = toMicro(roundToMicro(finalExact));
  const draftCost = toMicro(roundToMicro(draftExact));
  const totalCost = finalCost === null || draftCost === null ? null : toMicro(BigInt(finalCost) + BigInt(draftCost));
  const credits =
    costs.finalCredits === null
      ? null
      : toMicro(
          roundToMicro(
            add(mul(finalGenerations, costs.finalCredits), mul(draftGenerations, costs.draftCredits ?? ZERO)),
          ),
        );
  if (finalCost === null || draftCost === null || totalCost === null) return 'cost';
  if (costs.finalCredits !== null && credits === null) return 'credits';
  const requests = ceilDivExact(finalGenerations, nPerRequest) + ceilDivExact(draftGenerations, nPerRequest);
  return { finalCost, draftCost, credits, requests };
}

/**
 * The share of the row's cost that is input, exactly as worked out before the one float division:
 * input cost / total cost, each the nearest float to its exact value (not rounded to micro-dollars).
 */
export function inputShareExact(
  basis: CostBasis,
  ...[k, drafts, finals, , textTokens, imageTokens, cachedPct]: RowVolumes
): number {
  const costs = perImageCosts(basis, textTokens, imageTokens, cachedPct);
  const finalGenerations = mulInt(k, finals);
  const draftGenerations = basis.hasDrafts ? mulInt(drafts, finals) : ZERO;
  const totalExact = add(mul(finalGenerations, costs.final), mul(draftGenerations, costs.draft));
  if (totalExact.units !== 0n && costs.input.units !== 0n) {
    const inputExact = add(
      mul(finalGenerations, costs.input),
      mul(draftGenerations, basis.hasDrafts ? costs.input : ZERO),
    );
    return toNumber(inputExact) / toNumber(totalExact);
  }
  return totalExact.units < 0n ? -0 : 0; // 0 / a negative total is -0, as the division gives
}

/** ceil(x / n) for a non-negative exact x. */
function ceilDivExact(x: Exact, n: number): number {
  if (x.units === 0n) return 0;
  if (x.scale === 0 && n === 1) return Number(x.units);
  const den = pow10(x.scale) * BigInt(n);
  return Number((x.units + den - 1n) / den);
}

// One output shape's values in NumberPath: 8 doubles (one cache line) per shape.
const SHAPE_STRIDE = 8;
const S_FLAGS = 0;
const S_PRICE = 1; // the price's index for its input rates; -1 when inputs cost nothing
const S_FINAL_OUT = 2;
const S_DRAFT_OUT = 3;
const S_OUT_SCALE = 4;
const S_FINAL_CREDITS = 5; // fixed credits per image, or the raw (pre-conversion) output cost when credits follow it
const S_DRAFT_CREDITS = 6;
const S_CREDITS_SCALE = 7;

const ON_NUMBERS = 1; // every per-shape value is a safe integer: rows can be priced on numbers
const HAS_DRAFTS = 2;
const CREDITS_FIXED = 4;
/** Credits are (raw output + raw input) x a factor: credits over tokens, per-megapixel prices in credits. */
const CREDITS_OVER_TOKENS = 8;

// One price's input values for one cached share: 8 doubles, for shares 0-100.
const RATES_STRIDE = 8;
const R_STATE = 0; // 0: not worked out yet; 1: ready; -1: not safe integers, rows take the exact path
const R_TEXT = 1; // blended rates (x100, USD per 1M tokens), at scale R_RAW_SCALE - 8
const R_IMAGE = 2;
const R_RAW_SCALE = 3; // scale of tokens x blended rate
const R_FACTOR = 4; // token cost to USD (discount, credits conversion)
const R_FACTOR_SCALE = 5;
const R_CREDITS_FACTOR = 6; // token cost to credits (credits over tokens)
const R_CREDITS_FACTOR_SCALE = 7;
const CACHED_SHARES = 101;

/**
 * rowMoneyExact's results in exact integer arithmetic on numbers, for the usual row whose every
 * intermediate is a safe integer (below 2^53, where a product or sum that comes out safe is exact).
 *
 * What a row's choices fix is kept flat: each output shape's per-image values as safe integers in one
 * Float64Array record, each price's blended input rates per cached share in another. A row reads one
 * record of each and does a few multiplications. (Kept as objects, a plan with 20k distinct shapes had
 * each row chase a chain of them through memory, and those cache misses were most of the engine's time.)
 * Any step that is not provably exact answers undefined, and rowMoneyExact works the row out instead;
 * the property test holding estimateRow to estimateRowReference holds this path to that one.
 */
const NO_RECORDS = new Float64Array(0);

export class NumberPath {
  private shapes = NO_RECORDS;
  private shapeCount = 0;
  private readonly priceIndex = new Map<ResolvedPricing, number>();
  private readonly prices: ResolvedPricing[] = [];
  private readonly rates: Float64Array[] = [];
  /** Each price's input values in numbers (priceInNumbers), worked out on first use; null: BigInt only. */
  private readonly pricesInNumbers: (PriceInNumbers | null | undefined)[] = [];

  constructor() {
    // Written a second time here, not first when the table grows: V8 takes a field written once for a
    // constant, and the optimised pricing code that relied on it was thrown away (a deopt in every cold
    // estimate) when a plan's 256th shape made the table grow.
    this.shapes = new Float64Array(SHAPE_STRIDE * 256);
  }

  /** Records a shape's per-image values; returns its slot. A basis that cannot price gets a slot too. */
  addShape(basis: CostBasis | { readonly error: string }): number {
    const slot = this.shapeCount++;
    if (slot * SHAPE_STRIDE >= this.shapes.length) {
      const grown = new Float64Array(this.shapes.length * 2);
      grown.set(this.shapes);
      this.shapes = grown;
    }
    this.writeShapeRecord(basis, slot * SHAPE_STRIDE);
    return slot;
  }

  /**
   * A shape's record at `at`: its per-image values as safe integers, flags 0 when they are not (or it
   * cannot price). Written in place (a plan's first estimate builds thousands of shapes).
   */
  private writeShapeRecord(basis: CostBasis | { readonly error: string }, at: number): void {
    const record = this.shapes;
    record.fill(0, at, at + SHAPE_STRIDE);
    if ('error' in basis) return;
    const { pricing, final, draft } = basis;
    // Each group at one scale, with the digits all its values end in dropped: smaller numbers keep more
    // rows' products below 2^53.
    const output = pairWithoutCommonZeros(final.output, draft.output);
    let flags = ON_NUMBERS | (basis.hasDrafts ? HAS_DRAFTS : 0);
    let credits: NumberPair | null = null;
    if (basis.creditsFactor !== null) {
      credits = pairWithoutCommonZeros(final.raw, draft.raw);
      flags |= CREDITS_OVER_TOKENS;
    } else if (final.credits !== null) {
      credits = pairWithoutCommonZeros(final.credits, draft.credits ?? ZERO);
      flags |= CREDITS_FIXED;
    }
    if (output === null || (credits === null && flags & (CREDITS_OVER_TOKENS | CREDITS_FIXED))) return;
    record[at + S_FLAGS] = flags;
    record[at + S_PRICE] = hasInputRates(pricing) ? this.priceSlotOf(pricing) : -1;
    record[at + S_FINAL_OUT] = output.first;
    record[at + S_DRAFT_OUT] = output.second;
    record[at + S_OUT_SCALE] = output.scale;
    record[at + S_FINAL_CREDITS] = credits === null ? 0 : credits.first;
    record[at + S_DRAFT_CREDITS] = credits === null ? 0 : credits.second;
    record[at + S_CREDITS_SCALE] = credits === null ? 0 : credits.scale;
  }

  /** The slot of a price's input rates in this path (added on first use). */
  priceSlotOf(pricing: ResolvedPricing): number {
    let index = this.priceIndex.get(pricing);
    if (index === undefined) {
      index = this.prices.length;
      this.prices.push(pricing);
      this.rates.push(new Float64Array(RATES_STRIDE * CACHED_SHARES));
      this.priceIndex.set(pricing, index);
    }
    return index;
  }

  /**
   * A price's input record for one cached share, into `rates` at `at` (on its first use): in numbers from
   * the price's values kept in numbers, else (a step past 2^53) by ratesRecord in BigInt. A plan whose rows
   * have many cached shares fills a record for each (hundreds in a cold estimate).
   */
  private fillRatesRecord(price: number, cachedPct: number, rates: Float64Array, at: number): void {
    const pricing = this.prices[price] as ResolvedPricing;
    let inNumbers = this.pricesInNumbers[price];
    if (inNumbers === undefined) {
      inNumbers = priceInNumbers(pricing);
      this.pricesInNumbers[price] = inNumbers;
    }
    if (inNumbers === null || !writeRatesInNumbers(inNumbers, cachedPct, rates, at))
      rates.set(ratesRecord(pricing, cachedPct), at);
  }

  // The last perImage result (one scratch record: estimating allocates nothing here). Amounts start as
  // NaN, a double: the record's fields hold doubles from the first row, so no code is deoptimised when
  // the first amount past 2^31 arrives.
  private readonly unit = {
    scale: 0,
    finalPerImage: NaN,
    draftPerImage: NaN,
    input: NaN,
    rawTokens: NaN,
    rawScale: 0,
    creditsFactor: NaN,
    creditsFactorScale: 0,
  };

  /**
   * The row's exact costs per image at one scale (the shape's output plus its own inputs) into `unit`;
   * false when the shape is not on numbers or a step would not be exact.
   */
  private perImage(at: number, flags: number, textTokens: number, imageTokens: number, cachedPct: number): boolean {
    const shape = this.shapes;
    const unit = this.unit;
    const safe = Number.isSafeInteger;
    // Inputs: tokens x blended rate ("raw", at rawScale), then x the price's factor (at inputScale).
    let rawTokens = 0;
    let rawScale = 0;
    let input = 0;
    let inputScale = 0;
    const price = shape[at + S_PRICE] ?? -1;
    if (price >= 0) {
      const rates = this.rates[price];
      const r = cachedPct * RATES_STRIDE;
      if (rates === undefined || !(cachedPct >= 0 && cachedPct < CACHED_SHARES)) return false;
      if (rates[r + R_STATE] === 0) this.fillRatesRecord(price, cachedPct, rates, r);
      if (rates[r + R_STATE] !== 1) return false;
      const textRaw = textTokens * (rates[r + R_TEXT] ?? NaN);
      const imageRaw = imageTokens * (rates[r + R_IMAGE] ?? NaN);
      rawTokens = textRaw + imageRaw;
      rawScale = rates[r + R_RAW_SCALE] ?? NaN;
      input = rawTokens * (rates[r + R_FACTOR] ?? NaN);
      inputScale = rawScale + (rates[r + R_FACTOR_SCALE] ?? NaN);
      unit.creditsFactor = rates[r + R_CREDITS_FACTOR] ?? NaN;
      unit.creditsFactorScale = rates[r + R_CREDITS_FACTOR_SCALE] ?? NaN;
      if (!(safe(textRaw) && safe(imageRaw) && safe(rawTokens) && safe(input))) return false;
    }
    const outScale = shape[at + S_OUT_SCALE] ?? NaN;
    const scale = input === 0 ? outScale : Math.max(outScale, inputScale);
    const outAlign = EXACT_POWERS_OF_TEN[scale - outScale] ?? NaN;
    const inputAt = input === 0 ? 0 : input * (EXACT_POWERS_OF_TEN[scale - inputScale] ?? NaN);
    const hasDrafts = (flags & HAS_DRAFTS) !== 0;
    const finalOut = (shape[at + S_FINAL_OUT] ?? NaN) * outAlign;
    const draftOut = hasDrafts ? (shape[at + S_DRAFT_OUT] ?? NaN) * outAlign : 0;
    unit.scale = scale;
    unit.input = inputAt;
    unit.finalPerImage = finalOut + inputAt;
    unit.draftPerImage = hasDrafts ? draftOut + inputAt : 0;
    unit.rawTokens = rawTokens;
    unit.rawScale = rawScale;
    return safe(inputAt) && safe(finalOut) && safe(draftOut) && safe(unit.finalPerImage) && safe(unit.draftPerImage);
  }

  // The last rowMoney result (one scratch record: pricing a row allocates nothing here).
  private readonly money: { finalCost: Micro; draftCost: Micro; credits: Micro | null; requests: number } = {
    finalCost: NaN,
    draftCost: NaN,
    credits: null,
    requests: NaN,
  };

  /** A slot whose record sizedRowMoney rewrites for each row it prices. */
  private scratchSlot = -1;

  /**
   * Row money for a row priced by its own size (sized-shape.ts): its raw output per image is its output
   * tokens x the template's raw rate per token (or its megapixels' amount), x the price's factor, written
   * to a scratch record and priced as any shape's. Undefined when a step would not be exact on this path.
   */
  sizedRowMoney(
    t: SizedRecordSource,
    width: number,
    height: number,
    k: Exact,
    drafts: Exact,
    finals: number,
    nPerRequest: number,
    textTokens: number,
    imageTokens: number,
    cachedPct: number,
  ): RowMoney | undefined {
    const slot = this.sizedSlot(t, width, height, t.partialTokens);
    if (slot < 0) return undefined;
    return this.rowMoney(slot, k, drafts, finals, nPerRequest, textTokens, imageTokens, cachedPct);
  }

  /**
   * The scratch slot holding the record of a row priced by its own size, rewritten for this row (with
   * `partialTokens` output tokens from partial images: the template's own, or a row's on a SizedBase);
   * -1 when a step would not be exact on this path.
   */
  sizedSlot(t: SizedRecordSource, width: number, height: number, partialTokens: number): number {
    const safe = Number.isSafeInteger;
    let finalRaw: number;
    let draftRaw: number;
    let rawScale: number;
    const megapixels = t.megapixels;
    if (megapixels === null) {
      // cost-basis.ts's outputTokenCost: tokens x the output rate x 100 (NaN tokens: not safe, -1 below)
      finalRaw = (outputTokensOf(t, false, width, height) + partialTokens) * t.perToken;
      draftRaw = t.hasDrafts ? (outputTokensOf(t, true, width, height) + partialTokens) * t.perToken : 0;
      rawScale = t.perTokenScale;
    } else {
      // cost-basis.ts's megapixelAmount: the first megapixel, then each further one (qualities alike)
      const count = ceilDivide(width * height, megapixels.unitPixels);
      finalRaw = count > 1 ? megapixels.first + megapixels.extra * (count - 1) : megapixels.first;
      draftRaw = t.hasDrafts ? finalRaw : 0;
      rawScale = megapixels.scale;
    }
    if (!(safe(finalRaw) && safe(draftRaw))) return -1;
    if (t.roundUpCents !== null) {
      // ceilToCents: up to whole steps of `cents` cents, at scale 2.
      const step = t.roundUpCents * (EXACT_POWERS_OF_TEN[rawScale - 2] ?? NaN);
      if (!safe(step)) return -1;
      finalRaw = ceilDivide(finalRaw, step) * t.roundUpCents;
      draftRaw = ceilDivide(draftRaw, step) * t.roundUpCents;
      rawScale = 2;
    }
    // Trailing zeros both share are dropped, as shapeRecord does: smaller numbers stay exact longer.
    // endsInZero's test, written out: this runs for every row priced by its own size.
    while (
      rawScale > 0 &&
      finalRaw - Math.floor(finalRaw / 10) * 10 === 0 &&
      draftRaw - Math.floor(draftRaw / 10) * 10 === 0
    ) {
      finalRaw /= 10;
      draftRaw /= 10;
      rawScale -= 1;
    }
    const finalOut = finalRaw * t.factor;
    const draftOut = draftRaw * t.factor;
    if (!(safe(finalOut) && safe(draftOut))) return -1;
    if (this.scratchSlot < 0) this.scratchSlot = this.addShape({ error: 'scratch' });
    const at = this.scratchSlot * SHAPE_STRIDE;
    const shape = this.shapes;
    shape[at + S_FLAGS] = ON_NUMBERS | (t.hasDrafts ? HAS_DRAFTS : 0) | (t.creditsOverTokens ? CREDITS_OVER_TOKENS : 0);
    shape[at + S_PRICE] = t.priceSlot;
    shape[at + S_FINAL_OUT] = finalOut;
    shape[at + S_DRAFT_OUT] = draftOut;
    shape[at + S_OUT_SCALE] = rawScale + t.factorScale;
    shape[at + S_FINAL_CREDITS] = t.creditsOverTokens ? finalRaw : 0;
    shape[at + S_DRAFT_CREDITS] = t.creditsOverTokens ? draftRaw : 0;
    shape[at + S_CREDITS_SCALE] = t.creditsOverTokens ? rawScale : 0;
    return this.scratchSlot;
  }

  /**
   * The row's exact costs per image on this path (perImageCosts' final, draft and input, as units at one
   * scale), or null when a step would not be exact here. The result is a scratch record, good until the
   * next call on this path.
   */
  perImageCosts(
    slot: number,
    textTokens: number,
    imageTokens: number,
    cachedPct: number,
  ): {
    readonly scale: number;
    readonly finalPerImage: number;
    readonly draftPerImage: number;
    readonly input: number;
  } | null {
    if (slot < 0) return null;
    const at = slot * SHAPE_STRIDE;
    const flags = this.shapes[at + S_FLAGS] ?? 0;
    if ((flags & ON_NUMBERS) === 0 || !this.perImage(at, flags, textTokens, imageTokens, cachedPct)) return null;
    return this.unit;
  }

  /**
   * Row money for the shape in `slot`, or undefined when a step would not be exact on this path. The
   * result is this path's one scratch record, good until the next call: callers copy what they keep.
   */
  rowMoney(
    slot: number,
    k: Exact,
    drafts: Exact,
    finals: number,
    nPerRequest: number,
    textTokens: number,
    imageTokens: number,
    cachedPct: number,
  ): RowMoney | undefined {
    const units = Number(k.units);
    const draftUnits = Number(drafts.units);
    if (
      !this.moneyOf(
        slot,
        units,
        k.scale,
        draftUnits,
        drafts.scale,
        finals,
        nPerRequest,
        textTokens,
        imageTokens,
        cachedPct,
      )
    )
      return undefined;
    const numbers = rowMoneyOut;
    const money = this.money;
    money.finalCost = numbers.finalCost;
    money.draftCost = numbers.draftCost;
    money.credits = Number.isNaN(numbers.credits) ? null : numbers.credits;
    money.requests = numbers.requests;
    return money;
  }

  /**
   * rowMoney with the factors as numbers (Number of their units, and their scales), into rowMoneyOut:
   * false when a step would not be exact on this path. No BigInt is read or made here.
   */
  moneyOf(
    slot: number,
    kUnits: number,
    kScale: number,
    draftUnits: number,
    draftScaleGiven: number,
    finals: number,
    nPerRequest: number,
    textTokens: number,
    imageTokens: number,
    cachedPct: number,
  ): boolean {
    if (slot < 0) return false; // no record (a row priced by its own size has its own: sizedSlot)
    const shape = this.shapes;
    const at = slot * SHAPE_STRIDE;
    const flags = shape[at + S_FLAGS] ?? 0;
    if ((flags & ON_NUMBERS) === 0 || !this.perImage(at, flags, textTokens, imageTokens, cachedPct)) return false;
    const unit = this.unit;
    const scale = unit.scale;
    const finalPerImage = unit.finalPerImage;
    const draftPerImage = unit.draftPerImage;
    const hasDrafts = (flags & HAS_DRAFTS) !== 0;
    const safe = Number.isSafeInteger;
    const finalGenerations = kUnits * finals;
    const draftGenerations = hasDrafts ? draftUnits * finals : 0;
    const draftScale = hasDrafts ? draftScaleGiven : kScale;
    if (!(safe(finalGenerations) && safe(draftGenerations) && finalGenerations >= 0 && draftGenerations >= 0))
      return false;
    // ROUND(generations x per image, 6), exactly: in numbers (one call), else in BigInt.
    const finalCost =
      roundProductToMicro(finalGenerations, finalPerImage, kScale + scale) ??
      productToMicroInBigInt(finalGenerations, finalPerImage, kScale + scale);
    const draftCost =
      roundProductToMicro(draftGenerations, draftPerImage, draftScale + scale) ??
      productToMicroInBigInt(draftGenerations, draftPerImage, draftScale + scale);
    if (finalCost === undefined || draftCost === undefined || !safe(finalCost + draftCost)) return false;

    let credits = NaN;
    if ((flags & (CREDITS_FIXED | CREDITS_OVER_TOKENS)) !== 0) {
      let finalCredits = shape[at + S_FINAL_CREDITS] ?? NaN;
      let draftCredits = hasDrafts ? (shape[at + S_DRAFT_CREDITS] ?? NaN) : 0;
      let creditsScale = shape[at + S_CREDITS_SCALE] ?? NaN;
      if ((flags & CREDITS_OVER_TOKENS) !== 0) {
        // (raw output cost + raw input cost) x credits per USD of token cost
        const rawTokens = unit.rawTokens;
        const rawScale = unit.rawScale;
        const rawAt = Math.max(creditsScale, rawScale);
        const outputRawAlign = EXACT_POWERS_OF_TEN[rawAt - creditsScale] ?? NaN;
        const inputRaw = rawTokens * (EXACT_POWERS_OF_TEN[rawAt - rawScale] ?? NaN);
        const finalRaw = finalCredits * outputRawAlign + inputRaw;
        const draftRaw = hasDrafts ? draftCredits * outputRawAlign + inputRaw : 0;
        if (!(safe(inputRaw) && safe(finalRaw) && safe(draftRaw))) return false;
        finalCredits = finalRaw * unit.creditsFactor;
        draftCredits = draftRaw * unit.creditsFactor;
        creditsScale = rawAt + unit.creditsFactorScale;
        if (!(safe(finalCredits) && safe(draftCredits))) return false;
      }
      // Finals and drafts at one scale: credits are one amount, rounded once.
      const generationScale = Math.max(kScale, draftScale);
      const finalAt = finalGenerations * (EXACT_POWERS_OF_TEN[generationScale - kScale] ?? NaN);
      const draftAt = draftGenerations * (EXACT_POWERS_OF_TEN[generationScale - draftScale] ?? NaN);
      if (!(safe(finalAt) && safe(draftAt))) return false;
      const rounded = sumOfProductsToMicro(
        finalAt,
        finalCredits,
        draftAt,
        draftCredits,
        generationScale + creditsScale,
      );
      if (rounded === undefined) return false;
      credits = rounded;
    }
    const finalPerRequest = (EXACT_POWERS_OF_TEN[kScale] ?? NaN) * nPerRequest;
    const draftPerRequest = (EXACT_POWERS_OF_TEN[draftScale] ?? NaN) * nPerRequest;
    if (!safe(finalPerRequest) || !safe(draftPerRequest)) return false;
    const money = rowMoneyOut;
    money.finalCost = finalCost;
    money.draftCost = draftCost;
    money.credits = credits;
    money.requests = ceilDivide(finalGenerations, finalPerRequest) + ceilDivide(draftGenerations, draftPerRequest);
    money.costPerFinal = finalPerImage;
    money.costPerFinalScale = scale;
    return true;
  }

  /** inputShareExact on this path, or undefined when a step would not be exact in numbers. */
  inputShare(
    slot: number,
    ...[k, drafts, finals, , textTokens, imageTokens, cachedPct]: RowVolumes
  ): number | undefined {
    const at = slot * SHAPE_STRIDE;
    const flags = this.shapes[at + S_FLAGS] ?? 0;
    if ((flags & ON_NUMBERS) === 0 || !this.perImage(at, flags, textTokens, imageTokens, cachedPct)) return undefined;
    const { scale, finalPerImage, draftPerImage, input } = this.unit;
    const hasDrafts = (flags & HAS_DRAFTS) !== 0;
    const draftScale = hasDrafts ? drafts.scale : k.scale;
    const generationScale = Math.max(k.scale, draftScale);
    const finalAt = Number(k.units) * finals * (EXACT_POWERS_OF_TEN[generationScale - k.scale] ?? NaN);
    const draftAt = hasDrafts
      ? Number(drafts.units) * finals * (EXACT_POWERS_OF_TEN[generationScale - draftScale] ?? NaN)
      : 0;
    const total = finalAt * finalPerImage + draftAt * draftPerImage;
    const inputUnits = (finalAt + draftAt) * input;
    const power = EXACT_POWERS_OF_TEN[generationScale + scale];
    const safe = Number.isSafeInteger;
    if (
      !(
        safe(finalAt) &&
        safe(draftAt) &&
        safe(finalAt * finalPerImage) &&
        safe(draftAt * draftPerImage) &&
        safe(total) &&
        safe(inputUnits)
      ) ||
      power === undefined
    )
      return undefined;
    if (total !== 0 && input !== 0) return inputUnits / power / (total / power);
    return total < 0 ? -0 : 0;
  }
}

/** ROUND(a x b / 10^scale, 6) in BigInt, for a product roundProductToMicro does not take (undefined past MAX_MICRO). */
function productToMicroInBigInt(a: number, b: number, scale: number): Micro | undefined {
  return toMicro(roundToMicro({ units: BigInt(a) * BigInt(b), scale })) ?? undefined;
}

/** ROUND((a x b + c x d) / 10^scale, 6) for safe integers >= 0, exactly, as productToMicro. */
function sumOfProductsToMicro(a: number, b: number, c: number, d: number, scale: number): Micro | undefined {
  const rounded = roundSumOfProductsToMicro(a, b, c, d, scale);
  if (rounded !== undefined) return rounded;
  return toMicro(roundToMicro({ units: BigInt(a) * BigInt(b) + BigInt(c) * BigInt(d), scale })) ?? undefined;
}

/** Two values as safe integers at one scale. */
interface NumberPair {
  readonly first: number;
  readonly second: number;
  readonly scale: number;
}

/**
 * Two exact values' units at their larger scale, less the trailing zero digits both share, as safe
 * integers; null when either is not one. (withoutCommonZeros for a pair, in numbers once they fit.)
 */
function pairWithoutCommonZeros(x: Exact, y: Exact): NumberPair | null {
  let scale = Math.max(x.scale, y.scale);
  const first = toSafeNumber(x.units * pow10(scale - x.scale));
  const second = toSafeNumber(y.units * pow10(scale - y.scale));
  if (first === null || second === null) {
    // Too large as they are: the zeros dropped in BigInt may bring them within 2^53.
    const stripped = withoutCommonZeros([x, y]);
    const [bigFirst = 0n, bigSecond = 0n] = stripped.units;
    const a = toSafeNumber(bigFirst);
    const b = toSafeNumber(bigSecond);
    return a === null || b === null ? null : { first: a, second: b, scale: stripped.scale };
  }
  let a = first;
  let b = second;
  while (scale > 0 && endsInZero(a) && endsInZero(b)) {
    a /= 10;
    b /= 10;
    scale -= 1;
  }
  return { first: a, second: b, scale };
}

/**
 * What ratesRecord reads of a price, in numbers: its four input rates as units at one scale (a missing
 * cached rate is the uncached one, a missing image rate zero, as blendedRates takes them) and its
 * factors. Null for a price with no input rates or a value past 2^53.
 */
interface PriceInNumbers {
  readonly text: number;
  readonly textCached: number;
  readonly image: number;
  readonly imageCached: number;
  readonly scale: number;
  readonly factor: number;
  readonly factorScale: number;
  readonly credits: number;
  readonly creditsScale: number;
}

function priceInNumbers(pricing: ResolvedPricing): PriceInNumbers | null {
  if (!hasInputRates(pricing)) return null;
  const rates = pricing.rates;
  const image = rates.imageInput ?? ZERO;
  const parts = [rates.textInput, rates.textCachedInput ?? rates.textInput, image, rates.imageCachedInput ?? image];
  const scale = Math.max(...parts.map((p) => p.scale));
  const [text, textCached, imageUnits, imageCached] = parts.map((p) => toSafeNumber(p.units * pow10(scale - p.scale)));
  const factor = inputFactor(pricing);
  const credits = creditsFactor(pricing) ?? ZERO;
  const factorUnits = toSafeNumber(factor.units);
  const creditsUnits = toSafeNumber(credits.units);
  if (
    text === null ||
    text === undefined ||
    textCached === null ||
    textCached === undefined ||
    imageUnits === null ||
    imageUnits === undefined ||
    imageCached === null ||
    imageCached === undefined ||
    factorUnits === null ||
    creditsUnits === null
  )
    return null;
  return {
    text,
    textCached,
    image: imageUnits,
    imageCached,
    scale,
    factor: factorUnits,
    factorScale: factor.scale,
    credits: creditsUnits,
    creditsScale: credits.scale,
  };
}

/**
 * ratesRecord's record from a price in numbers, into `rates` at `at`; false (nothing written) when a step
 * would pass 2^53. The blended rates are the same exact values blendedRates gives, and dropping the
 * trailing zeros both share gives the same units and scale from any scale they are whole at.
 */
function writeRatesInNumbers(price: PriceInNumbers, cachedPct: number, rates: Float64Array, at: number): boolean {
  const safe = Number.isSafeInteger;
  const uncachedPct = 100 - cachedPct;
  const textPart = price.text * uncachedPct;
  const textCachedPart = price.textCached * cachedPct;
  const imagePart = price.image * uncachedPct;
  const imageCachedPart = price.imageCached * cachedPct;
  let text = textPart + textCachedPart;
  let image = imagePart + imageCachedPart;
  if (!(
    safe(textPart) &&
    safe(textCachedPart) &&
    safe(imagePart) &&
    safe(imageCachedPart) &&
    safe(text) &&
    safe(image)
  ))
    return false;
  let scale = price.scale;
  while (scale > 0 && endsInZero(text) && endsInZero(image)) {
    text /= 10;
    image /= 10;
    scale -= 1;
  }
  rates[at + R_STATE] = 1;
  rates[at + R_TEXT] = text;
  rates[at + R_IMAGE] = image;
  rates[at + R_RAW_SCALE] = scale + PER_MILLION_SCALE + PERCENT_SCALE;
  rates[at + R_FACTOR] = price.factor;
  rates[at + R_FACTOR_SCALE] = price.factorScale;
  rates[at + R_CREDITS_FACTOR] = price.credits;
  rates[at + R_CREDITS_FACTOR_SCALE] = price.creditsScale;
  return true;
}

/** The input record `pricing` gives for a cached share, as the number path works it out (for the tests). */
export function inputRatesRecord(pricing: ResolvedPricing, cachedPct: number): number[] {
  const rates = new Float64Array(RATES_STRIDE);
  const inNumbers = priceInNumbers(pricing);
  if (inNumbers === null || !writeRatesInNumbers(inNumbers, cachedPct, rates, 0))
    return ratesRecord(pricing, cachedPct);
  return [...rates];
}

/** A token price's input values for one cached share, state -1 when they are not safe integers. */
export function ratesRecord(pricing: ResolvedPricing, cachedPct: number): number[] {
  const record = new Array<number>(RATES_STRIDE).fill(0);
  record[R_STATE] = -1;
  if (!hasInputRates(pricing)) return record;
  const blended = blendedRates(pricing.rates, cachedPct);
  const rates = withoutCommonZeros([blended.text, blended.image]);
  const factor = inputFactor(pricing);
  const credits = creditsFactor(pricing) ?? ZERO;
  const [text, image, factorUnits, creditsUnits] = [
    rates.units[0] ?? 0n,
    rates.units[1] ?? 0n,
    factor.units,
    credits.units,
  ].map(toSafeNumber);
  if (
    text === null ||
    image === null ||
    factorUnits === null ||
    creditsUnits === null ||
    text === undefined ||
    image === undefined ||
    factorUnits === undefined ||
    creditsUnits === undefined
  )
    return record;
  record[R_STATE] = 1;
  record[R_TEXT] = text;
  record[R_IMAGE] = image;
  record[R_RAW_SCALE] = rates.scale + PER_MILLION_SCALE + PERCENT_SCALE;
  record[R_FACTOR] = factorUnits;
  record[R_FACTOR_SCALE] = factor.scale;
  record[R_CREDITS_FACTOR] = creditsUnits;
  record[R_CREDITS_FACTOR_SCALE] = credits.scale;
  return record;
}

/**
 * x % 10 === 0 for a safe integer x, without `%` on a double (a library call): the float quotient
 * x / 10 is within a sixteenth of the true one below 2^53, so its floor is the exact quotient.
 */
function endsInZero(x: number): boolean {
  return x - Math.floor(x / 10) * 10 === 0;
}

/** ceil(a / b) for a safe non-negative integer a and a positive safe integer b, exactly. */
function ceilDivide(a: number, b: number): number {
  if (a === 0) return 0;
  const q = Math.floor(a / b); // off by at most one; a - q * b is exact below 2^53
  const r = a - q * b;
  if (r > 0 && r < b && a + b <= Number.MAX_SAFE_INTEGER) return q + 1;
  if (r === 0 && a + b <= Number.MAX_SAFE_INTEGER) return q;
  const remainder = a % b;
  return (a - remainder) / b + (remainder > 0 ? 1 : 0);
}

/** The values' units at their largest scale, less the trailing zero digits they all share. */
function withoutCommonZeros(values: readonly Exact[]): { units: bigint[]; scale: number } {
  let scale = Math.max(...values.map((v) => v.scale));
  let units = values.map((v) => v.units * pow10(scale - v.scale));
  while (scale > 0 && units.every((u) => u % 10n === 0n)) {
    units = units.map((u) => u / 10n);
    scale -= 1;
  }
  return { units, scale };
}
