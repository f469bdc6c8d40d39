import { describe, expect, it } from 'vitest';
import { type CompareRequest, compareModels, mapQuality } from '../../shared/estimate/compare-models';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { findModel, type ModelSpec } from '../../shared/estimate/models';
import { nearestLegalSize } from '../../shared/estimate/sizes';
import { compare, toDecimalString } from '../../shared/money/exact';
import { createPriceBook } from '../../shared/pricing/price-book';
import { bareRow } from './support/fixtures';

const book = createPriceBook();
const DATE = '2026-12-04';

const request = (overrides: Partial<CompareRequest> = {}): CompareRequest => ({
  size: '1536x1024',
  quality: 'high',
  nPerRequest: 1,
  promptTokens: null,
  promptChars: null,
  referenceImages: 0,
  referenceSize: '1024x1024',
  inputFidelity: 'low',
  partialImages: 0,
  ...overrides,
});

function model(id: string): ModelSpec {
  const m = findModel(id);
  if (!m) throw new Error(`no model ${id}`);
  return m;
}

function compared(overrides: Partial<CompareRequest> = {}, date = DATE) {
  const r = compareModels(request(overrides), book, date);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('compareModels', () => {
  it('prices the request on every model with a price on the date, cheapest first', () => {
    const c = compared({ referenceImages: 1, promptTokens: 300 });
    expect(c.options.length).toBeGreaterThan(25);
    for (let i = 1; i < c.options.length; i++) {
      const [a, b] = [c.options[i - 1], c.options[i]];
      if (a && b) expect(compare(a.costPerImage, b.costPerImage)).toBeLessThanOrEqual(0);
    }
    const models = new Set(c.options.map((o) => o.model));
    for (const id of ['gpt-image-2', 'gpt-image-2.6-sunburst', 'gemini-3-pro-image', 'flux-2-flex', 'ideogram-4.5'])
      expect(models.has(id), id).toBe(true);
    // Shut down by then: not offered.
    expect(models.has('imagen-4')).toBe(false);
    expect(models.has('gpt-image-1')).toBe(false);
  });

  it("each option is exactly the engine's estimate for that model, size, quality and pinned entry", () => {
    const c = compared({ referenceImages: 2, referenceSize: '2000x1000', promptChars: 900, nPerRequest: 1 });
    for (const o of c.options) {
      const e = estimateRow(
        bareRow({
          model: o.model,
          surface: o.surface,
          priceEntryId: o.priceEntryIds[0] ?? null,
          size: o.size,
          quality: mapQuality(model(o.model), 'high').quality,
          promptChars: 900,
          referenceImages: 2,
          referenceSize: '2000x1000',
        }),
        { priceBook: book, asOf: DATE },
      );
      expect(toDecimalString(o.costPerImage), o.priceEntryIds[0]).toBe(toDecimalString(e.costPerFinalImage));
      expect(o.costPerRequest).toBe(e.totalCost);
    }
  });

  it("maps the size to each model's nearest legal size, and says when it did", () => {
    const c = compared();
    const at = (id: string) => c.options.find((o) => o.model === id);
    expect(at('gpt-image-2')).toMatchObject({ size: '1536x1024', sizeMapped: false });
    expect(at('gemini-3-pro-image')).toMatchObject({ size: '1024x1024', sizeMapped: true });
    expect(at('ideogram-4.0')).toMatchObject({ size: '1248x832', sizeMapped: true });
    expect(at('flux-kontext-pro')).toMatchObject({ size: '1248x832', sizeMapped: true });
    expect(at('seedream-4.5')).toMatchObject({ size: '2352x1568', sizeMapped: true });
    expect(nearestLegalSize(model('flux-2-pro'), 'auto')).toEqual({ key: '1024x1024', mapped: true });
    expect(nearestLegalSize(model('gpt-image-2'), 'auto')).toEqual({ key: 'auto', mapped: false });
    expect(nearestLegalSize(model('gpt-image-1'), '16:9')).toEqual({ key: '1536x1024', mapped: false });
  });

  it("maps the quality to the model's own word for it (the dearer of two equally near)", () => {
    expect(mapQuality(model('ideogram-4.0'), 'high')).toEqual({ quality: 'quality', mapped: true });
    expect(mapQuality(model('ideogram-4.0'), 'low')).toEqual({ quality: 'turbo', mapped: true });
    expect(mapQuality(model('ideogram-4.0'), 'max')).toEqual({ quality: 'quality', mapped: true });
    expect(mapQuality(model('ideogram-4.5'), 'medium')).toEqual({ quality: 'medium', mapped: false });
    expect(mapQuality(model('dall-e-3'), 'high')).toEqual({ quality: 'hd', mapped: true });
    expect(mapQuality(model('gpt-image-2'), 'max')).toEqual({ quality: 'high', mapped: true });
    expect(mapQuality(model('recraft-v4.1'), 'low')).toEqual({ quality: 'standard', mapped: true });
    // auto: the model's own auto where it has one (planned at its dearest), else its dearest quality.
    expect(mapQuality(model('gpt-image-2.5-flare'), 'auto')).toEqual({ quality: 'auto', mapped: false });
    expect(mapQuality(model('ideogram-4.5'), 'auto')).toEqual({ quality: 'high', mapped: true });
    const auto = compared({ quality: 'auto', size: 'auto' });
    expect(auto.options.find((o) => o.model === 'gpt-image-2.5-flare')).toMatchObject({
      size: 'auto',
      quality: 'max',
      outputTokens: 7024,
    });
  });

  it('lists what cannot take the request, and why (n over a cap, no price for a size)', () => {
    const c = compared({ nPerRequest: 5 });
    const reasons = new Map(c.unpriced.map((u) => [u.priceEntryId, u.reason]));
    expect(reasons.get('fal/gpt-image-2@2026-04-21')).toMatch(/fal.ai takes at most 4 images per request/);
    expect(reasons.get('google/gemini-3-pro-image@2025-11-20')).toMatch(/allows at most 1 images per request/);
    expect(c.options.some((o) => o.priceEntryIds[0] === 'fal/gpt-image-2@2026-04-21')).toBe(false);
    expect(c.options.some((o) => o.model === 'gpt-image-2' && o.surface === 'api')).toBe(true);
  });

  it('compares on the surfaces asked for (api and reseller by default)', () => {
    expect(compared().surfaces).toEqual(['api', 'reseller']);
    const batch = compared({ surfaces: ['batch'] });
    expect(batch.options.length).toBeGreaterThan(0);
    expect(batch.options.every((o) => o.surface === 'batch')).toBe(true);
    const flare = batch.options.find((o) => o.model === 'gpt-image-2.5-flare');
    // 1536x1024 high on 2.5: 1,372 tokens x $30/1M x 50%
    expect(flare && toDecimalString(flare.costPerImage)).toBe('0.02058');
  });

  it('refuses a size that is not a size at all', () => {
    const r = compareModels(request({ size: 'big' }), book, DATE);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(
      '"big" is not a size: write WIDTHxHEIGHT (e.g. 1536x1024), an aspect preset (1:1, 4:5, 2:3, 3:2, 16:9, 9:16) or auto',
    );
  });
});
