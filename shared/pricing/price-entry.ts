import * as z from 'zod';

/** Digits a decimal text may have before the point, and after it. */
export const DECIMAL_TEXT_MAX_DIGITS = 12;

/** A decimal written as text ("30", "0.006") so no price ever passes through a binary float. */
export const DECIMAL_TEXT_PATTERN = new RegExp(
  `^\\d{1,${DECIMAL_TEXT_MAX_DIGITS}}(\\.\\d{1,${DECIMAL_TEXT_MAX_DIGITS}})?$`,
);
export const DecimalText = z
  .string()
  .regex(DECIMAL_TEXT_PATTERN, 'expected a non-negative decimal such as "0.04" (digits, optional point)');

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s),
    {
      message: 'not a real calendar date',
    },
  );
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * IsoDate.safeParse(text).success, read digit by digit: a real calendar day written YYYY-MM-DD (the
 * proleptic Gregorian calendar, as Date reads it). The schema took about 1 µs a date, and a plan with
 * start and end dates on each of 100k rows checks 200k of them on open.
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 0));
}

const DASH = 0x2d;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` ASCII digits at `from`, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export const SourceClass = z.enum(['official', 'community', 'third-party', 'user']);
export type SourceClass = z.infer<typeof SourceClass>;

/**
 * How a row's images are paid for. api = Images API at standard rates; responses = the Responses API
 * image tool (the only place cached-input rates apply); batch = Batch API discount; credits = a
 * product's credits; reseller = a wrapper's per-image price.
 */
export const BillingSurface = z.enum(['api', 'responses', 'batch', 'credits', 'reseller']);
export type BillingSurface = z.infer<typeof BillingSurface>;
export const BILLING_SURFACES = BillingSurface.options;

/** USD per 1M tokens. Null where the provider has no such rate (a text model has no image output). */
export const TokenRates = z.object({
  textInput: DecimalText,
  textCachedInput: DecimalText.nullable(),
  imageInput: DecimalText.nullable(),
  imageCachedInput: DecimalText.nullable(),
  imageOutput: DecimalText.nullable(),
  /** Text output (captions, the text around an image): absent in entries written before it existed. */
  textOutput: DecimalText.nullable().optional(),
});
export type TokenRates = z.infer<typeof TokenRates>;

/** quality -> size ("1024x1024", or "*" for any size) -> amount. */
export const PerImageTable = z.record(z.string(), z.record(z.string(), DecimalText));
export type PerImageTable = z.infer<typeof PerImageTable>;

/**
 * How a per-megapixel provider counts megapixels: the pixels in one megapixel (2^20 = 1024x1024, or
 * 10^6) and whether each image's count is rounded up to whole megapixels or taken exactly. Providers
 * rarely state it, so `basis` says where the rule comes from (or that it is assumed).
 */
export const MegapixelUnit = z.object({
  pixels: z.union([z.literal(1_048_576), z.literal(1_000_000)]),
  rounding: z.enum(['ceil', 'exact']),
  basis: z.string(),
});
export type MegapixelUnit = z.infer<typeof MegapixelUnit>;

export const Pricing = z.discriminatedUnion('unit', [
  z.object({
    unit: z.literal('usd-per-1m-tokens'),
    rates: TokenRates,
    /**
     * The provider's published per-image output prices. Used only where output tokens are unknown (e.g.
     * gpt-image-1-mini); elsewhere the estimate bills tokens and the table is shown "about" (≈).
     */
    perImageOutput: PerImageTable.nullable(),
    /**
     * A reseller that rounds each image's output cost up to whole cents (fal: 1): its per-image table is
     * then exactly output tokens x rate rounded up. Absent: billed exactly.
     */
    outputRoundUpCents: z.number().int().min(1).max(100).optional(),
  }),
  z.object({
    unit: z.literal('usd-per-image'),
    perImage: PerImageTable,
  }),
  z.object({
    unit: z.literal('credits-per-image'),
    creditsPerImage: PerImageTable,
    /** Extra credits for every started megapixel beyond the first (FLUX.2 style); null when flat. */
    creditsPerExtraMegapixel: DecimalText.nullable(),
    usdPerCredit: DecimalText,
  }),
  z.object({
    /**
     * Priced by output resolution (FLUX.2, Qwen Image): the first megapixel of the output at one amount,
     * each further megapixel at another, and every megapixel of every input image (edits, references) at
     * a third where the provider charges for inputs. Amounts are USD, or credits when usdPerCredit is set.
     */
    unit: z.literal('per-megapixel'),
    firstMegapixel: DecimalText,
    extraMegapixel: DecimalText,
    /** Per megapixel of each input image; null when the provider does not charge for inputs. */
    inputMegapixel: DecimalText.nullable(),
    megapixel: MegapixelUnit,
    /** USD per credit when the amounts are credits (BFL: 1 credit = $0.01); null when they are USD. */
    usdPerCredit: DecimalText.nullable(),
  }),
  z.object({
    unit: z.literal('credits-per-token-usd'),
    /** A product that converts the token bill to credits: credits = token cost x creditsPerUsd x markup. */
    creditsPerUsd: DecimalText,
    markup: DecimalText,
    usdPerCredit: DecimalText,
  }),
  z.object({
    unit: z.literal('discount'),
    /** A negotiated discount on another entry (by id), in percent off every rate of that entry. */
    baseEntryId: z.string().min(1),
    percentOff: DecimalText,
  }),
]);
export type Pricing = z.infer<typeof Pricing>;

export const BatchSupport = z.object({
  status: z.enum(['supported', 'unsupported', 'disputed']),
  /** Fraction off ("0.5" = 50%). */
  discount: DecimalText,
  /** Published batch rates, when they differ from a plain discount (rounded by the provider). */
  rates: TokenRates.nullable(),
  note: z.string(),
});
export type BatchSupport = z.infer<typeof BatchSupport>;

export const PriceEntry = z.object({
  id: z.string().min(1).max(120),
  provider: z.string().min(1),
  model: z.string().min(1),
  snapshot: z.string().nullable(),
  surfaces: z.array(BillingSurface).min(1),
  pricing: Pricing,
  batch: BatchSupport.nullable(),
  effectiveFrom: IsoDate,
  effectiveUntil: IsoDate.nullable(),
  shutdownDate: IsoDate.nullable(),
  sourceClass: SourceClass,
  sources: z.array(z.string()),
  notes: z.string(),
  /**
   * When the sources were last checked against the provider (YYYY-MM-DD). Entries written before the
   * field existed have none; see catalogFreshness.
   */
  checkedOn: IsoDate.nullable().optional(),
  /** The most images one request may ask for on this price (a reseller's cap, e.g. fal's 4); none = the model's. */
  maxImagesPerRequest: z.number().int().min(1).max(100).nullable().optional(),
});
export type PriceEntry = z.infer<typeof PriceEntry>;
