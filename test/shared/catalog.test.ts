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
      // Every built-in entry says when its sources were checked (the price book shows its age).
      expect(entry.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // A third-party figure says so in the entry: third-party only, or a copy of the provider's page.
      if (entry.sourceClass === 'third-party') expect(entry.notes).toMatch(/third-party|third part|transcription/i);
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
      'gpt-image-2.6-flare',
      'dall-e-3',
      'dall-e-2',
      'gemini-3-pro-image',
      'gemini-3.1-flash-image',
      'imagen-4-fast',
      'imagen-4',
      'imagen-4-ultra',
      'flux-2-klein-4b',
      'flux-2-klein-9b',
      'flux-2-pro',
      'flux-2-flex',
      'flux-2-max',
      'flux-3-klein',
      'flux-kontext-pro',
      'flux-kontext-max',
      'flux-1.1-pro',
      'flux-1.1-pro-ultra',
      'ideogram-4.5',
      'ideogram-4.0',
      'ideogram-3.0',
      'recraft-v4.1',
      'recraft-v4.1-pro',
      'recraft-v4.1-vector',
      'recraft-v4.1-pro-vector',
      'seedream-4.5',
      'qwen-image',
      'qwen-image-2.0-pro',
    ]) {
      expect(models.has(m), m).toBe(true);
    }
    const providers = new Set(BUILTIN_CATALOG.map((e) => e.provider));
    expect(providers).toEqual(
      new Set([
        'openai',
        'fal.ai',
        'google',
        'black-forest-labs',
        'ideogram',
        'recraft',
        'vercel',
        'byteplus',
        'replicate',
      ]),
    );
    // No fictional reseller: every provider is a real one, and fal caps n at 4.
    expect(BUILTIN_CATALOG.find((e) => e.id === 'fal/gpt-image-2@2026-04-21')?.maxImagesPerRequest).toBe(4);
    // Seedream 4.5 by provider, with the ones only a third party prices saying so.
    const seedream = BUILTIN_CATALOG.filter((e) => e.model === 'seedream-4.5');
    expect(seedream.map((e) => e.provider).sort()).toEqual(['byteplus', 'fal.ai', 'replicate', 'vercel']);
    for (const e of seedream.filter((x) => x.sourceClass === 'third-party'))
      expect(e.notes).toMatch(/Third-party only/);
    // Imagen 4 is history: every model shut down on 2026-08-17.
    for (const e of BUILTIN_CATALOG.filter((x) => x.model.startsWith('imagen-4')))
      expect(e.shutdownDate).toBe('2026-08-17');
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

  it('prices every model the engine knows, directly (api) or through a reseller, at some date', () => {
    const book = createPriceBook();
    for (const model of MODEL_SPECS) {
      const entry =
        BUILTIN_CATALOG.find((e) => e.model === model.id && e.surfaces.includes('api')) ??
        BUILTIN_CATALOG.find((e) => e.model === model.id && e.surfaces.includes('reseller'));
      expect(entry, model.id).toBeDefined();
      if (!entry) continue;
      const surface = entry.surfaces.includes('api') ? 'api' : 'reseller';
      const r = resolvePrice(book, { model: model.id, surface, date: entry.effectiveFrom });
      expect(r.ok, `${model.id}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });
});
