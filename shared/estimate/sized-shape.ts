import { type Exact, compare, pow10, toSafeNumber } from '../money/exact';
import type { ResolvedPricing } from '../pricing/price-book';
import type { RowInputs } from '../plan/plan-schema';
import { type CostBasis, costBasis, creditsFactor, inputFactor } from './cost-basis';
import type { EstimateContext } from './estimate-row';
import { type ModelSpec, PARTIAL_IMAGE_OUTPUT_TOKENS } from './models';
import {
  buildOutputShape,
  choiceNumber,
  choiceWithoutPartialsOrFidelity,
  sizedBaseSlot,
  ignoredChoiceWarnings,
  type OutputShape,
  outputShape,
  type ReferenceCounter,
  referenceCounter,
  type ShapeTable,
  withIgnoredChoiceWarnings,
} from './output-shape';
import { type MegapixelAmounts, type NumberPath, outputTokensOf } from './row-money';
import { experimentalSizeWarning, isLegalFlexibleSize, parseSizeText } from './sizes';

/**
 * Rows whose size is typed by hand: on a flexible-size model priced per output token (gpt-image-2 and its
 * family), a row's size changes only its output tokens, and so its output cost per image, tokens x rate;
 * on one priced per megapixel of output (FLUX.2), only its count of megapixels; on a fixed-size model
 * that publishes its output tokens per listed size (gpt-image-1, 1.5, 1-mini), only those tokens.
 * Everything else its choices fix (price, qualities, notes, how references count) is worked out once per
 * combination of choices, in a SizedTemplate, and each row adds its own size in integer arithmetic. So a
 * plan whose every row has its own size is priced as fast as one with a single size: no shape is built or
 * cached per size (see OutputShape for the rows this does not cover).
 */

/** What a row's choices fix on a flexible-size price by output tokens or by megapixels, its size aside. */
export interface SizedTemplate {
  /** The shape of the same choices at TEMPLATE_SIZE: its notes, prices and qualities (no size notes). */
  readonly shape: OutputShape;
  readonly model: ModelSpec;
  readonly pricing: ResolvedPricing;
  readonly rule: ModelSpec['sizes'];
  /** Priced by output tokens (outputTokensOf: gpt-image-2's formula, or a table) when null, else by megapixels. */
  readonly megapixels: MegapixelAmounts | null;
  readonly finalFactor: number;
  readonly draftFactor: number;
  /** A fixed-size model's published output tokens per listed size (SizedTokenSource), else null. */
  readonly tokenTable: Float64Array | null;
  readonly partialImages: number;
  readonly partialTokens: number;
  readonly hasDrafts: boolean;
  /** Raw output cost per token (the image output rate x 100) in units at perTokenScale. */
  readonly perToken: number;
  readonly perTokenScale: number;
  /** Raw cost to USD (the price's discount, credits conversion), as units at factorScale. */
  readonly factor: number;
  readonly factorScale: number;
  /** A reseller's rounding of each image's output cost up to whole steps of this many cents. */
  readonly roundUpCents: number | null;
  /** Billed in credits over token cost (or a per-megapixel amount in credits): credits follow the raw cost. */
  readonly creditsOverTokens: boolean;
  /** The number path whose price slot `priceSlot` holds this price's input rates. */
  readonly numbers: NumberPath;
  readonly priceSlot: number;
}

/** A size no size note applies to on the models templates cover (legal, not experimental). */
const TEMPLATE_SIZE = '1024x1024';

/** The template for a row's choices, or null when its model or price is not one this path covers. */
export function buildSizedTemplate(
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
  numbers: NumberPath,
): SizedTemplate | null {
  const rule = model.sizes;
  // The template is priced at TEMPLATE_SIZE: it must be a size of the model with no size note.
  if (rule.kind === 'flexible') {
    if (!isLegalFlexibleSize(rule, 1024, 1024) || (rule.experimentalAbovePixels ?? Infinity) < 1024 * 1024) return null;
  } else if (!rule.sizes.includes(TEMPLATE_SIZE)) return null;
  const shape = buildOutputShape(model, { ...inputs, size: TEMPLATE_SIZE }, hasDrafts, ctx);
  if ('issue' in shape || 'error' in shape.basis) return null;
  const pricing = shape.basis.pricing;
  const factor = inputFactor(pricing);
  const factorUnits = toSafeNumber(factor.units);
  const output = outputRule(model, pricing, shape, inputs);
  if (factorUnits === null || output === null) return null;
  // One literal, its keys always in this order: every template has the same hidden class (the engine's
  // per-row code that reads them stays monomorphic).
  return {
    shape,
    model,
    pricing,
    rule,
    megapixels: output.megapixels,
    finalFactor: output.finalFactor,
    draftFactor: output.draftFactor,
    tokenTable: output.tokenTable,
    partialImages: output.partialImages,
    partialTokens: output.partialTokens,
    hasDrafts,
    perToken: output.perToken,
    perTokenScale: output.perTokenScale,
    factor: factorUnits,
    factorScale: factor.scale,
    roundUpCents: output.roundUpCents,
    creditsOverTokens: creditsFactor(pricing) !== null,
    numbers,
    priceSlot: numbers.priceSlotOf(pricing),
  };
}

/** How a template prices its output: by megapixels, or by output tokens (gpt-image-2's formula, or a table). */
type OutputRule = Pick<
  SizedTemplate,
  | 'megapixels'
  | 'finalFactor'
  | 'draftFactor'
  | 'tokenTable'
  | 'partialImages'
  | 'partialTokens'
  | 'perToken'
  | 'perTokenScale'
> & { readonly roundUpCents: number | null };

/** The template's output rule, or null when its price or token rule is not one this path covers. */
function outputRule(
  model: ModelSpec,
  pricing: ResolvedPricing,
  shape: OutputShape,
  inputs: RowInputs,
): OutputRule | null {
  if (pricing.kind === 'per-megapixel') {
    if (model.sizes.kind !== 'flexible') return null; // a listed size is priced by its shape
    if ('error' in shape.basis) return null;
    const megapixels = megapixelAmounts(pricing, shape.basis.final.raw);
    if (megapixels === null) return null;
    return {
      megapixels,
      finalFactor: 0,
      draftFactor: 0,
      tokenTable: null,
      partialImages: 0,
      partialTokens: 0,
      perToken: 0,
      perTokenScale: 0,
      roundUpCents: null,
    };
  }
  const tokens = model.outputTokens;
  if (pricing.kind !== 'tokens' && pricing.kind !== 'credits-over-tokens') return null;
  const rate = pricing.rates.imageOutput;
  const perToken = rate === null ? null : rawRatePerToken(rate);
  if (perToken === null) return null;
  const partialImages = model.supportsPartialImages ? inputs.partialImages : 0;
  const partialTokens = partialImages * PARTIAL_IMAGE_OUTPUT_TOKENS;
  const draftQuality = shape.draftQuality ?? shape.quality;
  let finalFactor = 0;
  let draftFactor = 0;
  let tokenTable: Float64Array | null = null;
  if (tokens.kind === 'gpt-image-2-formula' && model.sizes.kind === 'flexible') {
    const final = tokens.qualityFactor[shape.quality];
    const draft = tokens.qualityFactor[draftQuality];
    if (final === undefined || draft === undefined) return null;
    finalFactor = final;
    draftFactor = draft;
  } else if (tokens.kind === 'table' && model.sizes.kind === 'fixed') {
    tokenTable = listedTokens(model.sizes.sizes, tokens.tokens[shape.quality], tokens.tokens[draftQuality]);
    if (tokenTable === null) return null;
  } else return null;
  // The template must price its own size as the shape did: a guard against the two paths drifting apart.
  if (
    shape.outputTokensPerFinal !==
    outputTokensOf({ finalFactor, draftFactor, tokenTable }, false, 1024, 1024) + partialTokens
  )
    return null;
  return {
    megapixels: null,
    finalFactor,
    draftFactor,
    tokenTable,
    partialImages,
    partialTokens,
    perToken: perToken.units,
    perTokenScale: perToken.scale,
    roundUpCents: pricing.kind === 'tokens' ? pricing.outputRoundUpCents : null,
  };
}

/** An output rate's raw cost per token (rawRatePerToken), by rate: a plan's templates share a few rates. */
const rawRates = new WeakMap<Exact, { readonly units: number; readonly scale: number } | null>();

/**
 * An image output rate (USD per 1M tokens) as the raw cost of one token: x100 (as cost-basis.ts's
 * tokensAt), units at scale + 8 as a safe integer, less its trailing zero digits down to 2 decimals (the
 * cents a reseller rounds to: sizedSlot's step); null past 2^53. NumberPath.sizedSlot drops the trailing
 * zeros a row's raw output amounts share, one digit at a time with two divisions each, for every row
 * priced by its own size: at $30 per 1M (300000 at scale 10) that was five steps on every row. Those of
 * the rate are dropped here, once per rate: each amount is tokens x the rate, so it ends in at least the
 * rate's zeros, and sizedSlot's record (it drops the rest) is unchanged.
 */
function rawRatePerToken(rate: Exact): { readonly units: number; readonly scale: number } | null {
  let raw = rawRates.get(rate);
  if (raw === undefined) {
    const perToken = toSafeNumber(rate.units * 100n);
    let units = perToken ?? 0;
    let scale = rate.scale + 8;
    while (scale > 2 && units !== 0 && units % 10 === 0) {
      units /= 10;
      scale -= 1;
    }
    raw = perToken === null ? null : { units, scale };
    rawRates.set(rate, raw);
  }
  return raw;
}

/**
 * A fixed-size model's published tokens at a final and a draft quality for each size it lists, as
 * SizedTokenSource keeps them; null unless the table gives both for every listed size.
 */
function listedTokens(
  sizes: readonly string[],
  final: Readonly<Record<string, number>> | undefined,
  draft: Readonly<Record<string, number>> | undefined,
): Float64Array | null {
  if (final === undefined || draft === undefined) return null;
  const table = new Float64Array(sizes.length * 4);
  for (const [i, text] of sizes.entries()) {
    const size = parseSizeText(text);
    const finalTokens = final[text];
    const draftTokens = draft[text];
    if (size === null || finalTokens === undefined || draftTokens === undefined) return null;
    table.set([size.width, size.height, finalTokens, draftTokens], i * 4);
  }
  return table;
}

/**
 * A per-megapixel price's amounts in numbers, or null when they are not safe integers or its megapixels
 * are not whole units rounded up. `templateRaw` is the template shape's raw output amount at 1024x1024:
 * the amounts must give it too (a guard against the two paths drifting apart).
 */
function megapixelAmounts(
  pricing: Extract<ResolvedPricing, { kind: 'per-megapixel' }>,
  templateRaw: Exact,
): MegapixelAmounts | null {
  if (pricing.unit.rounding !== 'ceil' || !Number.isSafeInteger(pricing.unit.pixels) || pricing.unit.pixels <= 0)
    return null;
  const scale = Math.max(pricing.first.scale, pricing.extra.scale);
  const first = toSafeNumber(pricing.first.units * pow10(scale - pricing.first.scale));
  const extra = toSafeNumber(pricing.extra.units * pow10(scale - pricing.extra.scale));
  if (first === null || extra === null) return null;
  const count = Math.ceil((1024 * 1024) / pricing.unit.pixels);
  const raw = count > 1 ? first + extra * (count - 1) : first;
  if (!Number.isSafeInteger(raw) || compare({ units: BigInt(raw), scale }, templateRaw) !== 0) return null;
  return { first, extra, scale, unitPixels: pricing.unit.pixels };
}

/**
 * A row's output shape on a template: the template's shape with the row's own size and output tokens.
 * Built when a row is read; its cost basis (exact decimals) only when a per-image price is read.
 */
export class SizedShape implements OutputShape {
  readonly outputTokensPerFinal: number | null;
  readonly outputTokensPerDraft: number | null;
  private costs: CostBasis | { readonly error: string } | null = null;

  constructor(
    readonly template: SizedTemplate,
    readonly width: number,
    readonly height: number,
  ) {
    if (template.megapixels !== null) {
      // Priced by megapixels: no output tokens, as the model's shape has none.
      this.outputTokensPerFinal = null;
      this.outputTokensPerDraft = null;
      return;
    }
    const final = outputTokensOf(template, false, width, height) + template.partialTokens;
    this.outputTokensPerFinal = final;
    this.outputTokensPerDraft = template.hasDrafts
      ? outputTokensOf(template, true, width, height) + template.partialTokens
      : null;
  }

  get priceEntryIds(): readonly string[] {
    return this.template.shape.priceEntryIds;
  }

  get sizeKey(): string {
    return `${this.width}x${this.height}`;
  }

  get quality(): string {
    return this.template.shape.quality;
  }

  get draftQuality(): string | null {
    return this.template.shape.draftQuality;
  }

  get warnings(): readonly string[] {
    return warningsAtSize(this.template, this.width, this.height);
  }

  get assumptions(): readonly string[] {
    return this.template.shape.assumptions;
  }

  get references(): ReferenceCounter {
    return this.template.shape.references;
  }

  get nMax(): number {
    return this.template.shape.nMax;
  }

  get numbers(): null {
    return null;
  }

  get slot(): number {
    return -1;
  }

  get basis(): CostBasis | { readonly error: string } {
    if (this.costs === null) {
      const t = this.template;
      const final = this.outputTokensPerFinal;
      this.costs = costBasis(
        t.pricing,
        t.model,
        { width: this.width, height: this.height },
        t.shape.quality,
        t.shape.draftQuality,
        final,
        this.outputTokensPerDraft ?? final,
        t.partialImages,
      );
    }
    return this.costs;
  }
}

/** The warnings of a row priced on `template` at its own size: the size's note (if any), then the template's. */
export function warningsAtSize(template: SizedTemplate, width: number, height: number): readonly string[] {
  const own = template.shape.warnings;
  return hasExperimentalSize(template, width, height) ? [experimentalSizeWarning(width, height), ...own] : own;
}

/** Whether a row on `template` at this size opens its warnings with experimentalSizeWarning (warningsAtSize). */
export function hasExperimentalSize(template: SizedTemplate, width: number, height: number): boolean {
  const rule = template.rule;
  if (rule.kind !== 'flexible') return false; // a listed size has no such note
  const above = rule.experimentalAbovePixels;
  return above !== null && width * height > above;
}

/**
 * Whether a template prices this size: any size on a flexible model's (the caller checks it is legal),
 * only a listed one on a fixed-size model's (its token table).
 */
export function isTemplateSize(template: SizedTemplate, width: number, height: number): boolean {
  return template.tokenTable === null || !Number.isNaN(outputTokensOf(template, false, width, height));
}

/** The template for a row's choices in a shape table (built on first use), or null when none applies. */
export function sizedTemplate(
  table: ShapeTable,
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): SizedTemplate | null {
  return sizedTemplateOf(table, choiceNumber(model, inputs, hasDrafts), model, inputs, hasDrafts, ctx);
}

/** sizedTemplate for the row's choice number (choiceNumber), when the caller has it already. */
export function sizedTemplateOf(
  table: ShapeTable,
  choice: number,
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): SizedTemplate | null {
  if (choice < 0) return null;
  let template = table.templates.get(choice);
  if (template === undefined) {
    template = buildSizedTemplate(model, inputs, hasDrafts, ctx, table.numbers);
    table.templates.set(choice, template);
  }
  return template;
}

/**
 * What pricing a row on a template needs, shared by every partial-image count and input fidelity of the
 * same other choices. Those two change only a row's output tokens (PARTIAL_IMAGE_OUTPUT_TOKENS each, on
 * a model that streams partial images), how its input images count, and its notes; the notes are in the
 * row's own template, built when the row is read (templateOfRow). So estimating a plan builds one
 * template per model, surface, entry and qualities, not one per partial count and fidelity as well.
 */
export class SizedBase {
  /** The rows' own templates found so far (templateOfRow), by partial images x 2 + 1 for fidelity high. */
  readonly variants = new Map<number, SizedTemplate>();
  /** Their warnings, where only those were asked for (warningsOfRow), by the same key. */
  readonly variantWarnings = new Map<number, readonly string[]>();

  constructor(
    /** The template of these choices with no partial images and input fidelity low. */
    readonly template: SizedTemplate,
    /** How input images count at input fidelity high (the template's shape counts them at low). */
    readonly referencesHigh: ReferenceCounter,
    readonly table: ShapeTable,
    readonly ctx: EstimateContext,
  ) {}
}

/** The base for a row's choice number (choiceNumber), or null when no template applies to its choices. */
export function sizedBaseOf(
  table: ShapeTable,
  choice: number,
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): SizedBase | null {
  if (choice < 0) return null;
  const slot = sizedBaseSlot(choice);
  let base = table.sizedBases[slot];
  if (base === undefined) {
    const plain: RowInputs = { ...inputs, partialImages: 0, inputFidelity: 'low' };
    const template = sizedTemplateOf(table, choiceWithoutPartialsOrFidelity(choice), model, plain, hasDrafts, ctx);
    base =
      template === null
        ? null
        : // A class, not an object literal: V8 tracks a literal's allocations (pretenuring), and when a
          // plan's first collection found these bases long-lived it threw away the optimised pricing code.
          new SizedBase(template, referenceCounter(model, template.pricing, 'high'), table, ctx);
    table.sizedBases[slot] = base;
  }
  return base;
}

/** A row's output tokens from partial images on a template's model (what its own template adds). */
export function partialTokensOf(model: ModelSpec, inputs: RowInputs): number {
  return model.supportsPartialImages ? inputs.partialImages * PARTIAL_IMAGE_OUTPUT_TOKENS : 0;
}

/**
 * The template of a row priced on `base` (its own partial images and fidelity), for reading the row:
 * the table's, or else made from the base (variantOf) and kept in the table.
 */
export function templateOfRow(base: SizedBase, model: ModelSpec, inputs: RowInputs): SizedTemplate {
  const variant = variantKey(inputs);
  const known = base.variants.get(variant);
  if (known !== undefined) return known;
  const table = base.table;
  const choice = choiceNumber(model, inputs, base.template.hasDrafts);
  let template = table.templates.get(choice);
  if (template === undefined) {
    template = variantOf(base.template, model, inputs);
    table.templates.set(choice, template);
  }
  // Partial images and fidelity never decide whether a template applies (sizedBaseOf's comment).
  if (template === null) throw new RangeError('a row priced on a template has no template of its own');
  base.variants.set(variant, template);
  return template;
}

/** A row's variant of its base: a row on a base has partial images 0-15 (its choice number says so), one of 32. */
function variantKey(inputs: RowInputs): number {
  return inputs.partialImages * 2 + (inputs.inputFidelity === 'high' ? 1 : 0);
}

/**
 * templateOfRow(base, model, inputs).shape.warnings, without making that template when it is not made
 * yet: a reader of the rows' figures (RowEstimateColumns.readFigures) needs only these, and a template's
 * cost basis is the most of making one.
 */
export function warningsOfRow(base: SizedBase, model: ModelSpec, inputs: RowInputs): readonly string[] {
  const variant = variantKey(inputs);
  const known = base.variants.get(variant);
  if (known !== undefined) return known.shape.warnings;
  let warnings = base.variantWarnings.get(variant);
  if (warnings === undefined) {
    // The table's own template for these choices when there is one (as templateOfRow takes it).
    const made = base.table.templates.get(choiceNumber(model, inputs, base.template.hasDrafts));
    if (made === null) throw new RangeError('a row priced on a template has no template of its own');
    warnings = made === undefined ? variantWarnings(base.template.shape, model, inputs) : made.shape.warnings;
    base.variantWarnings.set(variant, warnings);
  }
  return warnings;
}

/**
 * The warnings of variantOf's template: the plain shape's, with those for choices the row's model ignores
 * (partial images, input fidelity) where buildOutputShape puts them.
 */
function variantWarnings(shape: OutputShape, model: ModelSpec, inputs: RowInputs): readonly string[] {
  return withIgnoredChoiceWarnings(shape.warnings, model, ignoredChoiceWarnings(model, inputs));
}

/** Output tokens plus a row's partial-image tokens (null stays null). */
function plusTokens(tokens: number | null, partialTokens: number): number | null {
  return tokens === null ? null : tokens + partialTokens;
}

/**
 * The template buildSizedTemplate gives for the row's partial images and input fidelity, made from the
 * template of the same other choices at none and low (`plain`) rather than from nothing: those two
 * change its output tokens (by PARTIAL_IMAGE_OUTPUT_TOKENS each on a model that streams partial
 * images), its cost basis, how input images count and the warnings for choices the model ignores
 * (which buildOutputShape puts before the thinking-token warning, its last).
 */
function variantOf(plain: SizedTemplate, model: ModelSpec, inputs: RowInputs): SizedTemplate {
  const shape = plain.shape;
  const partialImages = model.supportsPartialImages ? inputs.partialImages : 0;
  const partialTokens = partialImages * PARTIAL_IMAGE_OUTPUT_TOKENS;
  const finalTokens = plusTokens(shape.outputTokensPerFinal, partialTokens);
  const draftTokens = shape.draftQuality === null ? null : plusTokens(shape.outputTokensPerDraft, partialTokens);
  const variant = outputShape({
    ...shape,
    outputTokensPerFinal: finalTokens,
    outputTokensPerDraft: draftTokens,
    warnings: variantWarnings(shape, model, inputs),
    basis: costBasis(
      plain.pricing,
      model,
      { width: 1024, height: 1024 },
      shape.quality,
      shape.draftQuality,
      finalTokens,
      draftTokens ?? finalTokens,
      partialImages,
    ),
    references: referenceCounter(model, plain.pricing, inputs.inputFidelity),
  });
  return { ...plain, shape: variant, partialImages, partialTokens };
}
