import { describe, expect, it } from 'vitest';
import type { TokenCounts } from '../../../shared/actuals/actual-record';
import { USAGE_PRICED_LABEL, UsagePricer, type UsageToPrice } from '../../../shared/actuals/ledger/usage-pricing';
import { toDecimalString } from '../../../shared/money/exact';
import { createPriceBook } from '../../../shared/pricing/price-book';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import { NO_DIMENSIONS, NO_TOKENS } from './support/records';

const M = 1_000_000;

function usage(
  model: string,
  tokens: Partial<TokenCounts>,
  extra: Partial<UsageToPrice> & { surface?: string } = {},
): UsageToPrice {
  const { surface = '', ...rest } = extra;
  return {
    day: '2026-10-20',
    images: 0,
    ...rest,
    dimensions: { ...NO_DIMENSIONS, model, surface, ...rest.dimensions },
    tokens: { ...NO_TOKENS, ...tokens },
  };
}

function priced(pricer: UsagePricer, u: UsageToPrice): string {
  const p = pricer.price(u);
  return p.ok ? toDecimalString(p.amount) : `unpriced: ${p.reason}`;
}

/** A plan entry with no cached or image rates, as a provider without them would publish. */
const HOUSE: PriceEntry = {
  id: 'plan/house-model@2026-01-01',
  provider: 'house',
  model: 'house-model',
  snapshot: null,
  surfaces: ['api'],
  pricing: {
    unit: 'usd-per-1m-tokens',
    rates: {
      textInput: '3',
      textCachedInput: null,
      imageInput: null,
      imageCachedInput: null,
      imageOutput: '10',
      textOutput: null,
    },
    perImageOutput: null,
  },
  batch: null,
  effectiveFrom: '2026-01-01',
  effectiveUntil: null,
  shutdownDate: null,
  sourceClass: 'user',
  sources: [],
  notes: '',
};

describe(`usage ${USAGE_PRICED_LABEL}, with the price book as of each day`, () => {
  const pricer = new UsagePricer(createPriceBook([HOUSE]));

  it.each([
    ['gpt-image-2 text in', usage('gpt-image-2', { textIn: M }), '5'],
    ['gpt-image-2 cached text', usage('gpt-image-2', { textCachedIn: M }), '1.25'],
    ['gpt-image-2 image in', usage('gpt-image-2', { imageIn: M }), '8'],
    ['gpt-image-2 cached image', usage('gpt-image-2', { imageCachedIn: M }), '2'],
    ['gpt-image-2 image out', usage('gpt-image-2', { imageOut: M }), '30'],
    ['a real gpt-image-2 row (31 in, 1756 out)', usage('gpt-image-2', { textIn: 31, imageOut: 1756 }), '0.052835'],
    ['the Batch API: 50% off', usage('gpt-image-2', { textIn: M, imageOut: M }, { surface: 'batch' }), '17.5'],
    ['gpt-5-mini in, cached, out', usage('gpt-5-mini', { textIn: M, textCachedIn: M, textOut: M }), '2.275'],
    ['cached text where no cached rate is published: the text rate', usage('house-model', { textCachedIn: M }), '3'],
    ['nothing to price', usage('gpt-image-2', {}), '0'],
    [
      'image counts with quality and size: the per-image price',
      usage(
        'gpt-image-2',
        {},
        { images: 10, dimensions: { ...NO_DIMENSIONS, model: 'gpt-image-2', quality: 'medium', size: '1024x1024' } },
      ),
      '0.53',
    ],
  ])('%s', (_name, u, expected) => {
    expect(priced(pricer, u)).toBe(expected);
  });

  it.each([
    [
      'image counts without a quality',
      usage('gpt-image-2', {}, { images: 3 }),
      "image counts without a quality cannot be priced exactly (gpt-image-2's price per image depends on quality): kept as counts",
    ],
    [
      'text output where the book has no text output rate',
      usage('gpt-image-2', { textOut: 10 }),
      'the price book has no text output rate for gpt-image-2',
    ],
    [
      'image tokens for a text model',
      usage('gpt-5-mini', { imageIn: 10 }),
      'the price book has no image input rate for gpt-5-mini',
    ],
    [
      'audio',
      usage('gpt-5-mini', { audioIn: 10 }),
      'the price book has no audio rates (gpt-5-mini usage has audio tokens)',
    ],
    ['no model', usage('', { textIn: 10 }), 'the usage names no model'],
    [
      'a day before the model existed',
      { ...usage('gpt-image-2', { textIn: 10 }), day: '2026-01-05' },
      'no price for gpt-image-2 on the api surface on 2026-01-05; openai/gpt-image-2@2026-04-21 takes effect on 2026-04-21',
    ],
    [
      'a model the book does not know',
      usage('mystery-model', { textIn: 10 }),
      /^no price for mystery-model on the api surface on 2026-10-20/,
    ],
    [
      'no per-image price at that quality',
      usage('gpt-image-2', {}, { images: 1, dimensions: { ...NO_DIMENSIONS, model: 'gpt-image-2', quality: 'ultra' } }),
      'the price book has no per-image price for gpt-image-2 at ultra any size',
    ],
  ])('cannot price %s exactly: says why', (_name, u, reason) => {
    const p = pricer.price(u);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(reason);
  });
});
