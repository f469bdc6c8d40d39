import { describe, expect, it } from 'vitest';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import {
  type PriceBook,
  type PriceQuery,
  createPriceBook,
  entriesInForce,
  resolvePrice,
} from '../../shared/pricing/price-book';
import type { PriceEntry } from '../../shared/pricing/price-entry';
import { bareRow, decimal, planEntry } from './support/fixtures';

const book = createPriceBook();

function resolved(
  model: string,
  surface: Parameters<typeof resolvePrice>[1]['surface'],
  date: string,
  entryId?: string,
) {
  const r = resolvePrice(book, { model, surface, date, entryId: entryId ?? null });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The error of a query that must find no price (resolved()'s twin): fails the test when it finds one. */
function priceError(query: PriceQuery, priceBook: PriceBook = book): string {
  const r = resolvePrice(priceBook, query);
  if (r.ok) throw new Error(`expected no price, got ${r.value.entry.id}`);
  return r.error;
}

describe('lookup by model, surface and date', () => {
  it('returns the gpt-image-2 entry in force from its launch day', () => {
    expect(resolved('gpt-image-2', 'api', '2026-04-21').entryIds).toEqual(['openai/gpt-image-2@2026-04-21']);
    expect(resolved('gpt-image-2', 'responses', '2026-11-28').entry.id).toBe('openai/gpt-image-2@2026-04-21');
  });

  it('has no price before an entry takes effect, and says when it will', () => {
    const error = priceError({ model: 'gpt-image-2', surface: 'api', date: '2026-04-20' });
    expect(error).toContain('gpt-image-2');
    expect(error).toContain('api');
    expect(error).toContain('2026-04-20');
    expect(error).toContain('takes effect on 2026-04-21');
  });

  it('refuses a shut-down model with an error naming the model, surface and date', () => {
    const error = priceError({ model: 'gpt-image-1', surface: 'api', date: '2026-10-23' });
    expect(error).toMatch(/^no price for gpt-image-1 on the api surface on 2026-10-23/);
    expect(error).toContain('shut down on 2026-10-23');
    // The day before the shutdown it is still priced (historical usage).
    expect(resolved('gpt-image-1', 'api', '2026-10-22').entry.model).toBe('gpt-image-1');
  });

  it('prices DALL·E only for historical dates', () => {
    expect(resolved('dall-e-3', 'api', '2025-01-15').entry.id).toBe('openai/dall-e-3@2023-11-01');
    expect(priceError({ model: 'dall-e-3', surface: 'api', date: '2026-06-01' })).toContain(
      'dall-e-3 was shut down on 2026-05-12',
    );
  });

  it('names the surface when a model has no entry on it, and how to fix it', () => {
    expect(priceError({ model: 'gpt-image-2', surface: 'credits', date: '2026-06-01' })).toBe(
      "no price for gpt-image-2 on the credits surface on 2026-06-01: add a credits entry (the product's credits rate) to the plan's price book",
    );
  });

  it('ends an entry on its effectiveUntil date and hands over to the next one', () => {
    const old = planEntry({
      id: 'plan/old',
      model: 'gpt-image-2',
      effectiveFrom: '2026-04-21',
      effectiveUntil: '2026-07-01',
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.10' } } },
    });
    const next = planEntry({
      id: 'plan/new',
      model: 'gpt-image-2',
      effectiveFrom: '2026-07-01',
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.08' } } },
    });
    const b = createPriceBook([old, next]);
    const on = (date: string) => resolvePrice(b, { model: 'gpt-image-2', surface: 'api', date });
    const before = on('2026-06-30');
    const after = on('2026-07-01');
    expect(before.ok && before.value.entry.id).toBe('plan/old');
    expect(after.ok && after.value.entry.id).toBe('plan/new');
    // Pinning the ended entry on a later date is an error, not a silent fallback.
    expect(priceError({ model: 'gpt-image-2', surface: 'api', date: '2026-07-01', entryId: 'plan/old' }, b)).toContain(
      'plan/old ended on 2026-07-01',
    );
  });

  it('lists the entries in force on a date', () => {
    const ids = entriesInForce(book, '2026-11-28').map((e) => e.id);
    expect(ids).toContain('openai/gpt-image-2@2026-04-21');
    expect(ids).toContain('openai/gpt-image-1.5@2025-12-16');
    expect(ids).not.toContain('openai/gpt-image-1@2025-04-01');
    expect(ids).not.toContain('openai/dall-e-3@2023-11-01');
  });
});

describe('plan entries override built-ins for the plan that defines them', () => {
  const reseller = planEntry({
    id: 'plan/my-reseller',
    model: 'gpt-image-2',
    surfaces: ['reseller'],
    effectiveFrom: '2026-05-15',
    pricing: { unit: 'usd-per-image', perImage: { high: { '1024x1024': '0.19' }, '*': { '*': '0.04' } } },
  });

  it('wins over the built-in reseller entries for the same model and surface', () => {
    const b = createPriceBook([reseller]);
    const r = resolvePrice(b, { model: 'gpt-image-2', surface: 'reseller', date: '2026-06-01' });
    expect(r.ok && r.value.entryIds).toEqual(['plan/my-reseller']);
    const e = estimateRow(bareRow({ surface: 'reseller', quality: 'high' }), { priceBook: b, asOf: '2026-06-01' });
    expect(decimal(e.costPerFinalImage)).toBe('0.19');
    const other = estimateRow(bareRow({ surface: 'reseller', quality: 'low', size: '1536x1024' }), {
      priceBook: b,
      asOf: '2026-06-01',
    });
    expect(decimal(other.costPerFinalImage)).toBe('0.04');
  });

  it('falls back from a quality row without the size to the any-quality row, as the workbook formulas do', () => {
    const b = createPriceBook([reseller]);
    // "high" lists only 1024x1024; high at 1536x1024 takes the "*" row's price.
    const e = estimateRow(bareRow({ surface: 'reseller', quality: 'high', size: '1536x1024' }), {
      priceBook: b,
      asOf: '2026-06-01',
    });
    expect(e.errors).toEqual([]);
    expect(decimal(e.costPerFinalImage)).toBe('0.04');
  });

  it('does not leak into another plan’s price book', () => {
    createPriceBook([reseller]);
    const r = resolvePrice(createPriceBook(), { model: 'gpt-image-2', surface: 'reseller', date: '2026-06-01' });
    expect(r.ok && r.value.entry.id).toBe('fal/gpt-image-2@2026-04-21');
  });

  it('falls back to the built-in entry on dates before the plan entry takes effect', () => {
    const b = createPriceBook([reseller]);
    const r = resolvePrice(b, { model: 'gpt-image-2', surface: 'reseller', date: '2026-05-01' });
    expect(r.ok && r.value.entry.id).toBe('fal/gpt-image-2@2026-04-21');
  });

  it('replaces a built-in entry that has the same id', () => {
    const builtin = book.byId.get('openai/gpt-image-2@2026-04-21');
    if (!builtin) throw new Error('catalog lost gpt-image-2');
    const edited: PriceEntry = {
      ...builtin,
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.5' } } },
      sourceClass: 'user',
    };
    const b = createPriceBook([edited]);
    const e = estimateRow(bareRow({ quality: 'high' }), { priceBook: b, asOf: '2026-06-01' });
    expect(decimal(e.costPerFinalImage)).toBe('0.5');
  });
});

describe('pinned entries', () => {
  it('picks the newest reseller entry unless one is pinned', () => {
    const newer = planEntry({
      id: 'plan/newer-reseller',
      model: 'gpt-image-2',
      surfaces: ['reseller'],
      effectiveFrom: '2026-05-01',
      sourceClass: 'user',
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.035' } } },
    });
    const withNewer = createPriceBook([newer]);
    const newest = resolvePrice(withNewer, { model: 'gpt-image-2', surface: 'reseller', date: '2026-06-01' });
    expect(newest.ok && newest.value.entry.id).toBe('plan/newer-reseller');
    const pinned = resolvePrice(withNewer, {
      model: 'gpt-image-2',
      surface: 'reseller',
      date: '2026-06-01',
      entryId: 'fal/gpt-image-2@2026-04-21',
    });
    expect(pinned.ok && pinned.value.entry.id).toBe('fal/gpt-image-2@2026-04-21');
    expect(resolved('gpt-image-2', 'reseller', '2026-06-01').entry.id).toBe('fal/gpt-image-2@2026-04-21');
    const e = estimateRow(
      bareRow({ surface: 'reseller', priceEntryId: 'fal/gpt-image-2@2026-04-21', size: '3840x2160', quality: 'high' }),
      {
        priceBook: book,
        asOf: '2026-06-01',
      },
    );
    expect(decimal(e.costPerFinalImage)).toBe('0.41');
    expect(e.priceEntryIds).toEqual(['fal/gpt-image-2@2026-04-21']);
  });

  it.each([
    {
      entryId: 'nope/missing',
      message: 'price entry "nope/missing" does not exist: pick an entry from the price book',
    },
    {
      entryId: 'openai/gpt-image-1.5@2025-12-16',
      message: 'price entry openai/gpt-image-1.5@2025-12-16 prices gpt-image-1.5, not gpt-image-2',
    },
    {
      entryId: 'fal/gpt-image-2@2026-04-21',
      message: 'price entry fal/gpt-image-2@2026-04-21 does not cover the api surface (it covers reseller)',
    },
  ])('rejects a pin to $entryId', ({ entryId, message }) => {
    expect(priceError({ model: 'gpt-image-2', surface: 'api', date: '2026-06-01', entryId })).toBe(message);
  });

  it('fal prices a size its table does not list the way its table is built: tokens x rate, up to the cent', () => {
    const e = estimateRow(
      bareRow({ surface: 'reseller', priceEntryId: 'fal/gpt-image-2@2026-04-21', size: '1536x1024', quality: 'high' }),
      { priceBook: book, asOf: '2026-06-01' },
    );
    // 5,488 tokens x $30/1M = 0.16464, rounded up to 0.17
    expect(e.outputTokensPerFinal).toBe(5488);
    expect(decimal(e.costPerFinalImage)).toBe('0.17');
  });

  it('fal takes at most 4 images per request, and says so', () => {
    const e = estimateRow(bareRow({ surface: 'reseller', quality: 'high', nPerRequest: 5, finals: 10 }), {
      priceBook: book,
      asOf: '2026-06-01',
    });
    expect(e.errors).toEqual([
      {
        field: 'nPerRequest',
        message:
          'fal.ai takes at most 4 images per request for gpt-image-2 (price entry fal/gpt-image-2@2026-04-21): lower the images per request to 4 or pick another price entry',
      },
    ]);
    const four = estimateRow(bareRow({ surface: 'reseller', quality: 'high', nPerRequest: 4, finals: 8 }), {
      priceBook: book,
      asOf: '2026-06-01',
    });
    expect(four.errors).toEqual([]);
    expect(four.requests).toBe(2);
  });
});

describe('negotiated discount entries', () => {
  const discount = planEntry({
    id: 'plan/enterprise-20',
    model: 'gpt-image-2',
    surfaces: ['api'],
    pricing: { unit: 'discount', baseEntryId: 'openai/gpt-image-2@2026-04-21', percentOff: '20' },
  });

  it('takes the percentage off every rate of the base entry and lists both ids', () => {
    const b = createPriceBook([discount]);
    const e = estimateRow(bareRow({ quality: 'high', promptTokens: 1000 }), { priceBook: b, asOf: '2026-06-01' });
    expect(e.priceEntryIds).toEqual(['plan/enterprise-20', 'openai/gpt-image-2@2026-04-21']);
    // (7024 x 30 + 1000 x 5) / 1M = 0.21572, x 0.8
    expect(decimal(e.costPerFinalImage)).toBe('0.172576');
    expect(decimal(e.inputCostPerImage)).toBe('0.004');
  });

  it('reports a discount whose base entry is missing or not in force', () => {
    const missing = planEntry({ ...discount, pricing: { unit: 'discount', baseEntryId: 'nope', percentOff: '10' } });
    expect(priceError({ model: 'gpt-image-2', surface: 'api', date: '2026-06-01' }, createPriceBook([missing]))).toBe(
      'discount plan/enterprise-20 refers to price entry "nope", which does not exist',
    );
    expect(
      priceError(
        { model: 'gpt-image-2', surface: 'api', date: '2026-03-01' },
        createPriceBook([{ ...discount, effectiveFrom: '2026-01-01' }]),
      ),
    ).toContain('not in force on 2026-03-01');
  });

  it('reports entries that refer to each other in a loop instead of recursing forever', () => {
    const a = planEntry({
      id: 'plan/a',
      model: 'gpt-image-2',
      pricing: { unit: 'discount', baseEntryId: 'plan/b', percentOff: '1' },
    });
    const b = planEntry({
      id: 'plan/b',
      model: 'gpt-image-2',
      pricing: { unit: 'discount', baseEntryId: 'plan/a', percentOff: '1' },
    });
    expect(priceError({ model: 'gpt-image-2', surface: 'api', date: '2026-06-01' }, createPriceBook([a, b]))).toMatch(
      /in a loop/,
    );
  });
});

describe('Batch API', () => {
  it('halves every gpt-image-1.5 rate with no warning', () => {
    const r = resolved('gpt-image-1.5', 'batch', '2026-06-01');
    expect(r.warnings).toEqual([]);
    const e = estimateRow(bareRow({ model: 'gpt-image-1.5', surface: 'batch', quality: 'high', promptTokens: 1000 }), {
      priceBook: book,
      asOf: '2026-06-01',
    });
    // (4160 x 32 + 1000 x 5) / 1M / 2
    expect(decimal(e.costPerFinalImage)).toBe('0.06906');
    expect(e.warnings).toEqual([]);
  });

  it('halves gpt-image-2 (image output $15/1M) and warns that Batch support is disputed', () => {
    const e = estimateRow(bareRow({ surface: 'batch', quality: 'high' }), { priceBook: book, asOf: '2026-06-01' });
    expect(decimal(e.costPerFinalImage)).toBe('0.10536'); // 7024 x 15 / 1M
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/^Batch for gpt-image-2: .*some batch APIs reject gpt-image-2/);
  });

  it('uses the published mini batch rates, including the rounded $0.13 cached image input', () => {
    const r = resolved('gpt-image-1-mini', 'batch', '2026-06-01');
    expect(r.pricing.kind).toBe('tokens');
    if (r.pricing.kind !== 'tokens') return;
    expect(decimal(r.pricing.rates.textInput)).toBe('1');
    expect(r.pricing.rates.imageCachedInput && decimal(r.pricing.rates.imageCachedInput)).toBe('0.13');
    expect(decimal(r.pricing.multiplier)).toBe('1');
    const e = estimateRow(
      bareRow({ model: 'gpt-image-1-mini', surface: 'batch', quality: 'high', promptTokens: 1000 }),
      { priceBook: book, asOf: '2026-06-01' },
    );
    // grid 0.036 halved + 1000 x $1.00/1M
    expect(decimal(e.costPerFinalImage)).toBe('0.019');
  });

  it('refuses Batch for an entry without Batch pricing', () => {
    expect(priceError({ model: 'dall-e-3', surface: 'batch', date: '2025-06-01' })).toContain(
      'no price for dall-e-3 on the batch surface on 2025-06-01',
    );
    const noBatch = planEntry({
      id: 'plan/no-batch',
      model: 'gpt-image-2',
      surfaces: ['api', 'batch'],
      batch: null,
      pricing: {
        unit: 'usd-per-1m-tokens',
        rates: { textInput: '5', textCachedInput: null, imageInput: null, imageCachedInput: null, imageOutput: '30' },
        perImageOutput: null,
      },
    });
    expect(priceError({ model: 'gpt-image-2', surface: 'batch', date: '2026-06-01' }, createPriceBook([noBatch]))).toBe(
      'gpt-image-2 has no Batch pricing in plan/no-batch: use the api surface',
    );
  });

  it('prices Batch on an entry marked unsupported at its discount, with a warning', () => {
    const unsupported = planEntry({
      id: 'plan/unsupported-batch',
      model: 'gpt-image-2',
      surfaces: ['api', 'batch'],
      batch: { status: 'unsupported', discount: '0.5', rates: null, note: 'our gateway has no batch endpoint' },
      pricing: {
        unit: 'usd-per-1m-tokens',
        rates: { textInput: '5', textCachedInput: null, imageInput: null, imageCachedInput: null, imageOutput: '30' },
        perImageOutput: null,
      },
    });
    const e = estimateRow(bareRow({ surface: 'batch', quality: 'high' }), {
      priceBook: createPriceBook([unsupported]),
      asOf: '2026-06-01',
    });
    expect(e.ok).toBe(true);
    expect(decimal(e.costPerFinalImage)).toBe('0.10536');
    expect(e.warnings).toEqual(['Batch is marked unsupported for gpt-image-2: our gateway has no batch endpoint']);
  });
});

describe('credits', () => {
  it.each([
    { model: 'flux-2-pro', size: '1024x1024', credits: '3', usd: '0.03' },
    { model: 'flux-2-pro', size: '1040x1024', credits: '4.5', usd: '0.045' }, // a started second megapixel
    { model: 'flux-2-pro', size: '2048x2048', credits: '7.5', usd: '0.075' }, // 4 MP: 3 + 3 x 1.5
    { model: 'flux-2-max', size: '2048x1024', credits: '10', usd: '0.1' },
    { model: 'flux-2-klein-4b', size: '2048x2048', credits: '1.7', usd: '0.017' }, // 1.4 + 3 x 0.1
    { model: 'flux-2-flex', size: '2048x2048', credits: '20', usd: '0.2' }, // the example: 5 + 3 x 5
  ])('$model at $size: $credits credits = $$usd per image', ({ model, size, credits, usd }) => {
    const e = estimateRow(bareRow({ model, size, quality: 'standard', surface: 'credits', finals: 10 }), {
      priceBook: book,
      asOf: '2026-06-01',
    });
    expect(e.errors).toEqual([]);
    expect(e.creditsPerFinalImage && decimal(e.creditsPerFinalImage)).toBe(credits);
    expect(decimal(e.costPerFinalImage)).toBe(usd);
    expect(e.credits).toBe(Number(credits) * 10 * 1e6);
  });

  it('converts a token bill to credits with the sample plan’s studio entry (211 credits per $1, 1.2x markup)', () => {
    const plan = createSamplePlan('2026-06-01');
    const b = createPriceBook(plan.priceEntries);
    const e = estimateRow(bareRow({ surface: 'credits', quality: 'high', finals: 2 }), {
      priceBook: b,
      asOf: '2026-06-01',
    });
    expect(e.errors).toEqual([]);
    expect(e.priceEntryIds).toEqual(['plan/studio-credits-gpt-image-2', 'openai/gpt-image-2@2026-04-21']);
    // 7024 tokens x $30/1M = $0.21072 of tokens -> x 211 x 1.2 credits, each worth $0.0047393
    expect(e.creditsPerFinalImage && decimal(e.creditsPerFinalImage)).toBe('53.354304');
    expect(decimal(e.costPerFinalImage)).toBe('0.2528620529472');
    expect(e.credits).toBe(106_708_608); // 2 x 53.354304 credits in micro-credits
    expect(e.finalCost).toBe(505_724); // ROUND(2 x 0.2528620629472, 6)
  });

  it('refuses a credits-over-tokens entry when the model has no token rates in force', () => {
    const studio = createSamplePlan('2026-06-01').priceEntries[0];
    if (!studio) throw new Error('sample plan lost its credits entry');
    expect(
      priceError({ model: 'gpt-image-2', surface: 'credits', date: '2026-04-20' }, createPriceBook([studio])),
    ).not.toBe('');
  });
});
