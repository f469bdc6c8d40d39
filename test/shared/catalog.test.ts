import { describe, expect, it } from 'vitest';
import { MODEL_SPECS } from '../../shared/estimate/models';
import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';
import { createPriceBook, resolvePrice } from '../../shared/pricing/price-book';
import { PriceEntry } from '../../shared/pricing/price-entry';

describe('the built-in catalog', () => {
  it.each(BUILTIN_CATALOG.map((e) => ({ id: e.id, entry: e })))(
    '$id validates as a PriceEntry with sources and a date',
    ({ entry }) => {
      const parsed = PriceEntry.safeParse(entry);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const url of entry.sources) expect(url).toMatch(/^https:\/\//);
      expect(entry.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    },
  );

  it('has unique ids', () => {
    const ids = BUILTIN_CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds every entry the issue names', () => {
    const models = new Set(BUILTIN_CATALOG.map((e) => e.model));
    for (const m of [
      'gpt-image-2',
      'gpt-image-2.5-flare',
      'gpt-image-2.5-sunburst',
      'gpt-image-2.6-sunburst',
      'gpt-image-1.5',
      'chatgpt-image-latest',
      'gpt-image-1',
      'gpt-image-1-mini',
      'dall-e-3',
      'dall-e-2',
    ]) {
      expect(models.has(m), m).toBe(true);
    }
    const providers = new Set(BUILTIN_CATALOG.map((e) => e.provider));
    expect(providers).toEqual(new Set(['openai', 'fal.ai', 'example-reseller', 'google', 'black-forest-labs']));
    expect(BUILTIN_CATALOG.filter((e) => e.model.startsWith('dall-e')).every((e) => e.shutdownDate !== null)).toBe(
      true,
    );
  });

  it('rejects a price written as a binary float or a malformed date', () => {
    const entry = BUILTIN_CATALOG[0];
    if (!entry) throw new Error('empty catalog');
    const asFloat = { ...entry, pricing: { unit: 'usd-per-image', perImage: { '*': { '*': 0.04 } } } };
    expect(PriceEntry.safeParse(asFloat).success).toBe(false);
    expect(PriceEntry.safeParse({ ...entry, effectiveFrom: '2026-02-30' }).success).toBe(false);
    expect(PriceEntry.safeParse({ ...entry, sourceClass: 'rumour' }).success).toBe(false);
  });

  it('prices every model the engine knows on the api surface at some date', () => {
    const book = createPriceBook();
    for (const model of MODEL_SPECS) {
      const entry = BUILTIN_CATALOG.find((e) => e.model === model.id && e.surfaces.includes('api'));
      expect(entry, model.id).toBeDefined();
      if (!entry) continue;
      const r = resolvePrice(book, { model: model.id, surface: 'api', date: entry.effectiveFrom });
      expect(r.ok, `${model.id}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });
});
