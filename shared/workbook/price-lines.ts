import { type Exact, ZERO, exactInt, mul, parseExact, sub, toNumber } from '../money/exact';
import { megapixelInputRate, type PriceBook, type ResolvedPricing } from '../pricing/price-book';
import type { BillingSurface, PerImageTable, PriceEntry, TokenRates } from '../pricing/price-entry';
import { formulaString, keyPart, lookupFormula, type KeyTable } from './lookup-formula';

/**
 * The Prices sheet. One line per price figure of the entries the plan's rows use (editable: finance
 * changes a rate here and the Plan re-prices), then one block of "as used" lines per pricing profile
 * (an entry on a surface, with its batch / discount / credits chain), each a formula over the figures.
 * Plan formulas look up only the profile lines, by the key "<profile>/<item>".
 */

export const PRICES_SHEET = 'Prices';

export type RateName = keyof TokenRates;
export type TableName = 'perImageOutput' | 'perImage' | 'creditsPerImage';
export type ScalarName =
  | 'batchDiscount'
  | 'creditsPerExtraMegapixel'
  | 'usdPerCredit'
  | 'creditsPerUsd'
  | 'markup'
  | 'percentOff'
  | 'firstMegapixel'
  | 'extraMegapixel'
  | 'inputMegapixel';

/** Which figure of a price entry a line shows, so an edit can be written back. */
export type PriceField =
  | { readonly kind: 'rate'; readonly set: 'standard' | 'batch'; readonly rate: RateName }
  | { readonly kind: 'table'; readonly table: TableName; readonly quality: string; readonly size: string }
  | { readonly kind: 'scalar'; readonly name: ScalarName };

export interface PriceLine {
  readonly key: string;
  readonly entry: PriceEntry;
  readonly item: string;
  readonly quality: string;
  readonly size: string;
  readonly unit: string;
  /** Entry figures: the exact decimal text; profile lines: null. */
  readonly exactText: string | null;
  readonly field: PriceField | null;
  /** The value shown (formula result for profile figures; text for the lookup lines). */
  readonly value: number | string;
  /** Profile lines: the formula (without "="); entry figures: null. */
  readonly formula: string | null;
  readonly label: string;
}

const RATE_ITEMS: Record<RateName, { item: string; label: string }> = {
  textInput: { item: 'text-in', label: 'Text input' },
  textCachedInput: { item: 'text-cached-in', label: 'Cached text input' },
  imageInput: { item: 'image-in', label: 'Image input' },
  imageCachedInput: { item: 'image-cached-in', label: 'Cached image input' },
  imageOutput: { item: 'image-out', label: 'Image output' },
  textOutput: { item: 'text-out', label: 'Text output' },
};
const RATE_NAMES = Object.keys(RATE_ITEMS) as RateName[];

const TABLE_ITEMS: Record<TableName, { item: string; label: string; unit: string }> = {
  perImageOutput: { item: 'out-img', label: 'Output per image (when tokens are unknown)', unit: 'USD per image' },
  perImage: { item: 'img', label: 'Price per image', unit: 'USD per image' },
  creditsPerImage: { item: 'credits-img', label: 'Credits per image', unit: 'credits per image' },
};

const SCALAR_ITEMS: Record<ScalarName, { item: string; label: string; unit: string }> = {
  batchDiscount: { item: 'batch-discount', label: 'Batch discount', unit: 'fraction off (0.5 = 50%)' },
  creditsPerExtraMegapixel: { item: 'credits-extra-mp', label: 'Credits per extra megapixel', unit: 'credits' },
  usdPerCredit: { item: 'usd-per-credit', label: 'USD per credit', unit: 'USD' },
  creditsPerUsd: { item: 'credits-per-usd', label: 'Credits per USD of token cost', unit: 'credits' },
  markup: { item: 'markup', label: 'Markup on token cost', unit: 'factor' },
  percentOff: { item: 'percent-off', label: 'Negotiated discount', unit: 'percent off' },
  firstMegapixel: { item: 'mp-first', label: 'First megapixel of output', unit: 'per image (USD, or credits)' },
  extraMegapixel: { item: 'mp-extra', label: 'Each further output megapixel', unit: 'per megapixel (USD, or credits)' },
  inputMegapixel: { item: 'mp-input', label: 'Each input-image megapixel', unit: 'per megapixel (USD, or credits)' },
};

function itemOfRate(set: 'standard' | 'batch', rate: RateName): string {
  return (set === 'batch' ? 'batch-' : '') + RATE_ITEMS[rate].item;
}

/** Reads an entry line key back into the figure it shows ("P3/img/high/1024x1024" → table perImage...). */
export function fieldFromItem(item: string, quality: string, size: string): PriceField | null {
  for (const rate of RATE_NAMES) {
    if (item === itemOfRate('standard', rate)) return { kind: 'rate', set: 'standard', rate };
    if (item === itemOfRate('batch', rate)) return { kind: 'rate', set: 'batch', rate };
  }
  for (const [table, spec] of Object.entries(TABLE_ITEMS) as [TableName, (typeof TABLE_ITEMS)[TableName]][]) {
    if (item === spec.item) return { kind: 'table', table, quality, size };
  }
  for (const [name, spec] of Object.entries(SCALAR_ITEMS) as [ScalarName, (typeof SCALAR_ITEMS)[ScalarName]][]) {
    if (item === spec.item) return { kind: 'scalar', name };
  }
  return null;
}

function num(text: string): number {
  return Number(text);
}

function exact(text: string): Exact {
  return parseExact(text) ?? ZERO;
}

/** Builds one entry's lines; each figure is keyed under the entry's code. */
class EntryLineList {
  readonly lines: PriceLine[] = [];
  constructor(
    private readonly entry: PriceEntry,
    private readonly code: string,
  ) {}

  private push(line: Omit<PriceLine, 'entry' | 'formula' | 'value' | 'exactText'> & { exactText: string }): void {
    this.lines.push({ ...line, entry: this.entry, formula: null, value: num(line.exactText) });
  }

  rates(rates: TokenRates, set: 'standard' | 'batch'): void {
    for (const rate of RATE_NAMES) {
      const text = rates[rate];
      if (text === null || text === undefined) continue;
      const item = itemOfRate(set, rate);
      this.push({
        key: `${this.code}/${item}`,
        item,
        quality: '',
        size: '',
        unit: 'USD per 1M tokens',
        exactText: text,
        field: { kind: 'rate', set, rate },
        label: `${set === 'batch' ? 'Batch ' : ''}${RATE_ITEMS[rate].label}`,
      });
    }
  }

  table(table: PerImageTable, name: TableName): void {
    const spec = TABLE_ITEMS[name];
    for (const [quality, sizes] of Object.entries(table)) {
      for (const [size, text] of Object.entries(sizes)) {
        this.push({
          key: `${this.code}/${spec.item}/${keyPart(quality)}/${keyPart(size)}`,
          item: spec.item,
          quality,
          size,
          unit: spec.unit,
          exactText: text,
          field: { kind: 'table', table: name, quality, size },
          label: spec.label,
        });
      }
    }
  }

  scalar(name: ScalarName, text: string): void {
    const spec = SCALAR_ITEMS[name];
    this.push({
      key: `${this.code}/${spec.item}`,
      item: spec.item,
      quality: '',
      size: '',
      unit: spec.unit,
      exactText: text,
      field: { kind: 'scalar', name },
      label: spec.label,
    });
  }
}

/** The figure lines of one entry, keyed by its code. */
function entryLines(entry: PriceEntry, code: string): PriceLine[] {
  const list = new EntryLineList(entry, code);
  const p = entry.pricing;
  switch (p.unit) {
    case 'usd-per-1m-tokens':
      list.rates(p.rates, 'standard');
      if (p.perImageOutput) list.table(p.perImageOutput, 'perImageOutput');
      if (entry.batch) {
        list.scalar('batchDiscount', entry.batch.discount);
        if (entry.batch.rates) list.rates(entry.batch.rates, 'batch');
      }
      break;
    case 'usd-per-image':
      list.table(p.perImage, 'perImage');
      break;
    case 'credits-per-image':
      list.table(p.creditsPerImage, 'creditsPerImage');
      if (p.creditsPerExtraMegapixel !== null) list.scalar('creditsPerExtraMegapixel', p.creditsPerExtraMegapixel);
      list.scalar('usdPerCredit', p.usdPerCredit);
      break;
    case 'per-megapixel':
      list.scalar('firstMegapixel', p.firstMegapixel);
      list.scalar('extraMegapixel', p.extraMegapixel);
      if (p.inputMegapixel !== null) list.scalar('inputMegapixel', p.inputMegapixel);
      if (p.usdPerCredit !== null) list.scalar('usdPerCredit', p.usdPerCredit);
      break;
    case 'credits-per-token-usd':
      list.scalar('creditsPerUsd', p.creditsPerUsd);
      list.scalar('markup', p.markup);
      list.scalar('usdPerCredit', p.usdPerCredit);
      break;
    case 'discount':
      list.scalar('percentOff', p.percentOff);
      break;
  }
  return list.lines;
}

/**
 * The pricing kind a Plan row's formulas branch on: the engine's kind, with per-megapixel prices in
 * credits told apart from those in USD (their credits columns fill).
 */
export function kindText(p: PricingProfile): string {
  return p.kind === 'per-megapixel' && p.credits !== null ? 'per-megapixel-credits' : p.kind;
}

export type PricingKind = ResolvedPricing['kind'];

/** A (main entry, surface) pair as the engine resolved it: where each effective figure comes from. */
export interface PricingProfile {
  readonly code: string;
  readonly mainEntryId: string;
  readonly surface: BillingSurface;
  readonly kind: PricingKind;
  /** Entry code and line set of the token rates (tokens kinds). */
  readonly rates: { readonly code: string; readonly set: 'standard' | 'batch'; readonly entry: PriceEntry } | null;
  /** Key prefix of the per-image table (e.g. "P1/out-img"), or null. */
  readonly tablePrefix: string | null;
  /** Multiplier terms: batch discount (fraction) or negotiated discount (percent). */
  readonly multiplierTerms: readonly {
    readonly code: string;
    readonly item: 'batch-discount' | 'percent-off';
    readonly value: Exact;
  }[];
  /** Batch with published rates scales the per-image output table by (1 - discount). */
  readonly gridDiscount: { readonly code: string; readonly value: Exact } | null;
  /** The credits entry (credits kinds, and per-megapixel prices in credits). */
  readonly credits: { readonly code: string; readonly entry: PriceEntry } | null;
  /** The per-megapixel entry (per-megapixel kind). */
  readonly megapixel: { readonly code: string; readonly entry: PriceEntry } | null;
}

export interface PriceSheetPlan {
  readonly lines: readonly PriceLine[];
  readonly profiles: ReadonlyMap<string, PricingProfile>;
  readonly entryCodes: ReadonlyMap<string, string>;
  readonly table: KeyTable;
}

export function profileKey(mainEntryId: string, surface: BillingSurface): string {
  return `${mainEntryId}\u0000${surface}`;
}

/**
 * Builds the profile of a price the engine resolved: walks its entry chain (main entry first) the way
 * resolvePrice does, recording which figure each effective rate comes from.
 */
function buildProfile(
  book: PriceBook,
  entryIds: readonly string[],
  surface: BillingSurface,
  kind: PricingKind,
  codeOf: (id: string) => string,
  code: string,
): PricingProfile | null {
  const terms: { code: string; item: 'batch-discount' | 'percent-off'; value: Exact }[] = [];
  let rates: PricingProfile['rates'] = null;
  let tablePrefix: string | null = null;
  let gridDiscount: PricingProfile['gridDiscount'] = null;
  let credits: PricingProfile['credits'] = null;
  let megapixel: PricingProfile['megapixel'] = null;
  const mainEntryId = entryIds[0];
  if (mainEntryId === undefined) return null;
  for (const id of entryIds) {
    const entry = book.byId.get(id);
    if (!entry) return null;
    const c = codeOf(id);
    const p = entry.pricing;
    switch (p.unit) {
      case 'discount':
        terms.push({ code: c, item: 'percent-off', value: exact(p.percentOff) });
        break;
      case 'credits-per-token-usd':
        credits = { code: c, entry };
        break;
      case 'credits-per-image':
        credits = { code: c, entry };
        tablePrefix = `${c}/credits-img`;
        break;
      case 'usd-per-image':
        tablePrefix = `${c}/img`;
        break;
      case 'per-megapixel':
        megapixel = { code: c, entry };
        if (p.usdPerCredit !== null) credits = { code: c, entry };
        break;
      case 'usd-per-1m-tokens': {
        // A credits product converts the provider's standard token bill: batch never applies to it.
        const batch = kind === 'tokens' && surface === 'batch' ? entry.batch : null;
        const batchRates = batch?.rates ?? null;
        rates = { code: c, set: batchRates ? 'batch' : 'standard', entry };
        if (p.perImageOutput) tablePrefix = `${c}/out-img`;
        if (batch) {
          if (batchRates) {
            if (p.perImageOutput) gridDiscount = { code: c, value: exact(batch.discount) };
          } else {
            terms.push({ code: c, item: 'batch-discount', value: exact(batch.discount) });
          }
        }
        break;
      }
    }
  }
  return {
    code,
    mainEntryId,
    surface,
    kind,
    rates,
    tablePrefix,
    multiplierTerms: terms,
    gridDiscount,
    credits,
    megapixel,
  };
}

export interface UsedPrice {
  /** What a row asks for: model, surface and pinned entry (null = the entry in force). */
  readonly model: string;
  readonly surface: BillingSurface;
  readonly pinnedId: string | null;
  /** What the engine resolved it to. */
  readonly entryIds: readonly string[];
  readonly kind: PricingKind;
}

/** The key a Plan row looks its pricing profile up by. */
function resolutionKey(model: string, surface: string, pinnedId: string | null): string {
  return `Q/${model}/${surface}/${pinnedId ?? '-'}`;
}

const ONE = exactInt(1);

/** The text lines each profile carries besides its figures (entry, kind, table). */
const PROFILE_TEXT_LINES = 3;

/** One "as used" figure of a profile: a formula over entry lines, with its exact value. */
interface ProfileFigure {
  readonly item: string;
  readonly label: string;
  readonly unit: string;
  readonly formula: string;
  readonly value: Exact;
}

function profileFigures(p: PricingProfile, ref: (key: string) => string): ProfileFigure[] {
  const figures = tokenRateFigures(p, ref);
  if (p.megapixel) figures.push(...megapixelFigures(p.megapixel.code, p.megapixel.entry, ref));
  figures.push(...multiplierFigures(p, ref), ...creditFigures(p, ref));
  return figures;
}

/** The token rates a profile bills with, each a reference to its entry line. */
function tokenRateFigures(p: PricingProfile, ref: (key: string) => string): ProfileFigure[] {
  const figures: ProfileFigure[] = [];
  if (p.rates) {
    const { code, set, entry } = p.rates;
    const source =
      set === 'batch' && entry.batch?.rates
        ? entry.batch.rates
        : entry.pricing.unit === 'usd-per-1m-tokens'
          ? entry.pricing.rates
          : null;
    if (source) {
      const line = (rate: RateName) => `${code}/${itemOfRate(set, rate)}`;
      const fig = (item: string, label: string, formula: string, value: Exact) =>
        figures.push({ item, label, unit: 'USD per 1M tokens', formula, value });
      const textIn = exact(source.textInput);
      fig('text-in', 'Text input rate used', ref(line('textInput')), textIn);
      fig(
        'text-cached-in',
        'Cached text input rate used',
        source.textCachedInput === null ? ref(line('textInput')) : ref(line('textCachedInput')),
        source.textCachedInput === null ? textIn : exact(source.textCachedInput),
      );
      const imageIn = source.imageInput === null ? ZERO : exact(source.imageInput);
      const imageInFormula = source.imageInput === null ? '0' : ref(line('imageInput'));
      fig('image-in', 'Image input rate used', imageInFormula, imageIn);
      fig(
        'image-cached-in',
        'Cached image input rate used',
        source.imageCachedInput === null ? imageInFormula : ref(line('imageCachedInput')),
        source.imageCachedInput === null ? imageIn : exact(source.imageCachedInput),
      );
      const imageOut = source.imageOutput;
      fig(
        'image-out',
        'Image output rate used',
        imageOut === null ? '0' : ref(line('imageOutput')),
        exact(imageOut ?? '0'),
      );
      // A reseller's rounding of each image's output cost (fal: up to whole cents); credits products bill exact.
      const cents =
        p.kind === 'tokens' && entry.pricing.unit === 'usd-per-1m-tokens' ? (entry.pricing.outputRoundUpCents ?? 0) : 0;
      figures.push({
        item: 'out-round-cents',
        label: 'Output per image rounded up to this many cents (0 = exact)',
        unit: 'cents',
        formula: String(cents),
        value: exactInt(cents),
      });
    }
  }
  return figures;
}

/** The discounts that multiply a profile's price: Batch and negotiated percentages. */
function multiplierFigures(p: PricingProfile, ref: (key: string) => string): ProfileFigure[] {
  const figures: ProfileFigure[] = [];
  let multiplier = ONE;
  const factors: string[] = [];
  for (const t of p.multiplierTerms) {
    if (t.item === 'percent-off') {
      multiplier = mul(multiplier, sub(ONE, mul(t.value, { units: 1n, scale: 2 })));
      factors.push(`(1-${ref(`${t.code}/percent-off`)}/100)`);
    } else {
      multiplier = mul(multiplier, sub(ONE, t.value));
      factors.push(`(1-${ref(`${t.code}/batch-discount`)})`);
    }
  }
  figures.push({
    item: 'mult',
    label: 'Price multiplier (batch / negotiated discounts)',
    unit: 'factor',
    formula: factors.length > 0 ? factors.join('*') : '1',
    value: multiplier,
  });
  if (p.gridDiscount) {
    figures.push({
      item: 'grid-factor',
      label: 'Per-image output table factor (batch)',
      unit: 'factor',
      formula: `1-${ref(`${p.gridDiscount.code}/batch-discount`)}`,
      value: sub(ONE, p.gridDiscount.value),
    });
  } else {
    figures.push({
      item: 'grid-factor',
      label: 'Per-image output table factor',
      unit: 'factor',
      formula: '1',
      value: ONE,
    });
  }
  return figures;
}

/** How a credits product converts the price to credits and back to USD. */
function creditFigures(p: PricingProfile, ref: (key: string) => string): ProfileFigure[] {
  const figures: ProfileFigure[] = [];
  if (p.credits) {
    const { code, entry } = p.credits;
    const c = entry.pricing;
    if (c.unit === 'credits-per-token-usd') {
      figures.push({
        item: 'credits-per-cost',
        label: 'Credits per USD of token cost (with markup)',
        unit: 'credits',
        formula: `${ref(`${code}/credits-per-usd`)}*${ref(`${code}/markup`)}`,
        value: mul(exact(c.creditsPerUsd), exact(c.markup)),
      });
      figures.push({
        item: 'usd-per-credit',
        label: 'USD per credit',
        unit: 'USD',
        formula: ref(`${code}/usd-per-credit`),
        value: exact(c.usdPerCredit),
      });
    } else if (c.unit === 'per-megapixel' && c.usdPerCredit !== null) {
      figures.push({
        item: 'usd-per-credit',
        label: 'USD per credit',
        unit: 'USD',
        formula: ref(`${code}/usd-per-credit`),
        value: exact(c.usdPerCredit),
      });
    } else if (c.unit === 'credits-per-image') {
      const extra = c.creditsPerExtraMegapixel;
      figures.push({
        item: 'extra-mp',
        label: 'Credits per extra megapixel',
        unit: 'credits',
        formula: extra === null ? '0' : ref(`${code}/credits-extra-mp`),
        value: extra === null ? ZERO : exact(extra),
      });
      figures.push({
        item: 'usd-per-credit',
        label: 'USD per credit',
        unit: 'USD',
        formula: ref(`${code}/usd-per-credit`),
        value: exact(c.usdPerCredit),
      });
    }
  }
  return figures;
}

/**
 * A per-megapixel price's figures as Plan formulas use them: its amounts, its megapixel unit (pixels, and
 * 1 when each image's count is rounded up), whether it charges inputs, and its input rate in the token
 * form the input formulas share (text rates zero, image input per 1M counted units).
 */
function megapixelFigures(code: string, entry: PriceEntry, ref: (key: string) => string): ProfileFigure[] {
  const p = entry.pricing;
  if (p.unit !== 'per-megapixel') return [];
  const unitFigure = (item: string, label: string, value: number): ProfileFigure => ({
    item,
    label,
    unit: 'factor',
    formula: String(value),
    value: exactInt(value),
  });
  const input = p.inputMegapixel === null ? ZERO : exact(p.inputMegapixel);
  const inputFormula = p.inputMegapixel === null ? '0' : ref(`${code}/mp-input`);
  const rate = megapixelInputRate(input, p.megapixel);
  const rateFormula =
    p.megapixel.rounding === 'ceil'
      ? `${inputFormula}*1000000`
      : p.megapixel.pixels === 1_000_000
        ? inputFormula
        : `${inputFormula}*1000000/${p.megapixel.pixels}`;
  const zeroRate = (item: string, label: string): ProfileFigure => ({
    item,
    label,
    unit: 'USD per 1M tokens',
    formula: '0',
    value: ZERO,
  });
  return [
    {
      item: 'mp-first',
      label: 'First megapixel used',
      unit: 'USD or credits',
      formula: ref(`${code}/mp-first`),
      value: exact(p.firstMegapixel),
    },
    {
      item: 'mp-extra',
      label: 'Further megapixel used',
      unit: 'USD or credits',
      formula: ref(`${code}/mp-extra`),
      value: exact(p.extraMegapixel),
    },
    unitFigure('mp-pixels', 'Pixels in a megapixel', p.megapixel.pixels),
    unitFigure('mp-ceil', 'Megapixels rounded up per image (1) or exact (0)', p.megapixel.rounding === 'ceil' ? 1 : 0),
    unitFigure('mp-charges', 'Input images charged (1) or not (0)', p.inputMegapixel === null ? 0 : 1),
    zeroRate('text-in', 'Text input rate used'),
    zeroRate('text-cached-in', 'Cached text input rate used'),
    {
      item: 'image-in',
      label: 'Input rate used, per 1M counted units (megapixels, or pixels when exact)',
      unit: 'per 1M units',
      formula: rateFormula,
      value: rate,
    },
    {
      item: 'image-cached-in',
      label: 'Cached input rate used (as input)',
      unit: 'per 1M units',
      formula: rateFormula,
      value: rate,
    },
    zeroRate('image-out', 'Image output rate used'),
  ];
}

/**
 * Lays out the Prices sheet for the prices the rows use: entry figure lines first (codes P1, P2, ... in
 * order of first use), then the profile lines (codes R1, R2, ...).
 */
export function buildPriceSheet(book: PriceBook, used: readonly UsedPrice[]): PriceSheetPlan {
  const entryCodes = new Map<string, string>();
  const codeOf = (id: string): string => {
    let c = entryCodes.get(id);
    if (c === undefined) {
      c = `P${entryCodes.size + 1}`;
      entryCodes.set(id, c);
    }
    return c;
  };
  const profiles = new Map<string, PricingProfile>();
  for (const u of used) {
    const mainId = u.entryIds[0];
    if (mainId === undefined) continue;
    const key = profileKey(mainId, u.surface);
    if (profiles.has(key)) continue;
    for (const id of u.entryIds) codeOf(id);
    const profile = buildProfile(book, u.entryIds, u.surface, u.kind, codeOf, `R${profiles.size + 1}`);
    if (profile) profiles.set(key, profile);
  }
  const lines: PriceLine[] = [];
  for (const [id, code] of entryCodes) {
    const entry = book.byId.get(id);
    if (entry) lines.push(...entryLines(entry, code));
  }
  const figureCount = [...profiles.values()].reduce(
    (n, p) => n + profileFigures(p, () => '0').length + PROFILE_TEXT_LINES,
    0,
  );
  const resolutions = new Map<string, { profile: PricingProfile; asked: UsedPrice }>();
  for (const u of used) {
    const mainId = u.entryIds[0];
    const profile = mainId === undefined ? undefined : profiles.get(profileKey(mainId, u.surface));
    if (profile) resolutions.set(resolutionKey(u.model, u.surface, u.pinnedId), { profile, asked: u });
  }
  const table: KeyTable = {
    sheet: PRICES_SHEET,
    keyColumn: 'A',
    valueColumn: 'I',
    lastRow: Math.max(2, lines.length + figureCount + resolutions.size + 1),
  };
  const ref = (key: string) => lookupFormula(table, formulaString(key));
  for (const p of profiles.values()) {
    const main = book.byId.get(p.mainEntryId);
    if (main) lines.push(...profileLines(p, main, ref));
  }
  for (const [key, { profile, asked }] of resolutions) {
    const main = book.byId.get(profile.mainEntryId);
    if (main) lines.push(resolutionLine(key, profile, asked, main));
  }
  return { lines, profiles, entryCodes, table };
}

/** A profile's "as used" figures and the text a row using it shows and looks up. */
function profileLines(p: PricingProfile, main: PriceEntry, ref: (key: string) => string): PriceLine[] {
  const lines: PriceLine[] = [];
  for (const f of profileFigures(p, ref)) {
    lines.push({
      key: `${p.code}/${f.item}`,
      entry: main,
      item: f.item,
      quality: '',
      size: '',
      unit: f.unit,
      exactText: null,
      field: null,
      value: toNumber(f.value),
      formula: f.formula,
      label: `${f.label} (${p.surface})`,
    });
  }
  // What a row using this profile shows and looks up (text; keys with ":" so no edit is expected).
  const text = (item: string, value: string, label: string): PriceLine => ({
    key: `${p.code}:${item}`,
    entry: main,
    item,
    quality: '',
    size: '',
    unit: 'text',
    exactText: null,
    field: null,
    value,
    formula: null,
    label,
  });
  lines.push(
    text('entry', p.mainEntryId, `Entry used (${p.surface})`),
    text('kind', kindText(p), `How it is billed (${p.surface})`),
    text('table', p.tablePrefix ?? '-', `Per-image table used (${p.surface})`),
  );
  return lines;
}

/** The line a Plan row's model, surface and pin look their pricing profile up by. */
function resolutionLine(key: string, profile: PricingProfile, asked: UsedPrice, main: PriceEntry): PriceLine {
  const label = `Pricing for ${asked.model} on ${asked.surface}${asked.pinnedId === null ? '' : ` pinned to ${asked.pinnedId}`}`;
  return {
    key,
    entry: main,
    item: 'resolution',
    quality: '',
    size: '',
    unit: 'profile',
    exactText: null,
    field: null,
    value: profile.code,
    formula: null,
    label,
  };
}
