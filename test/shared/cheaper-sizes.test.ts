import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cheaperNearbySizes } from '../../shared/estimate/cheaper-sizes';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { findModel } from '../../shared/estimate/models';
import { checkSize, sizeKey } from '../../shared/estimate/sizes';
import { compare, sub } from '../../shared/money/exact';
import { bareRow, builtinContext, decimal, planEntry } from './support/fixtures';

const ctx = builtinContext();

function gptImage2Rule() {
  const m = findModel('gpt-image-2');
  if (!m) throw new Error('gpt-image-2 missing');
  return m.sizes;
}

describe('cheaperNearbySizes', () => {
  it('finds less square gpt-image-2 sizes with more pixels that need fewer tokens (1024x1024 high)', () => {
    const hints = cheaperNearbySizes(bareRow({ size: '1024x1024', quality: 'high' }), ctx);
    expect(hints.map((h) => [h.key, h.outputTokens, decimal(h.costPerImage), decimal(h.savingPerImage)])).toEqual([
      ['1008x1056', 6767, '0.20301', '0.00771'],
      ['1056x1008', 6767, '0.20301', '0.00771'],
      ['1072x1024', 6840, '0.2052', '0.00552'],
      ['1024x1072', 6840, '0.2052', '0.00552'],
      ['1024x1056', 6878, '0.20634', '0.00438'],
    ]);
    // Larger and cheaper reads as a finding, with the tokens that make it so.
    expect(hints[0]?.reason).toBe('fewer output tokens at this aspect ratio (6,767 vs 7,024)');
  });

  it('every hint is legal, same aspect within 5%, at least as many pixels, cheaper, and priced exactly as the engine prices it', () => {
    const row = bareRow({
      size: '1536x1024',
      quality: 'medium',
      promptTokens: 300,
      referenceImages: 2,
      referenceSize: '1024x1024',
    });
    const base = estimateRow(row, ctx);
    const hints = cheaperNearbySizes(row, ctx);
    expect(hints.length).toBeGreaterThan(0);
    for (const h of hints) {
      expect(checkSize(gptImage2Rule(), h.size)).toBeNull();
      expect(Math.abs(h.size.width / h.size.height / 1.5 - 1)).toBeLessThanOrEqual(0.05);
      expect(h.pixels).toBeGreaterThanOrEqual(1536 * 1024);
      const own = estimateRow({ ...row, size: h.key }, ctx);
      expect(decimal(h.costPerImage)).toBe(decimal(own.costPerFinalImage));
      expect(h.outputTokens).toBe(own.outputTokensPerFinal);
      expect(decimal(h.savingPerImage)).toBe(decimal(sub(base.costPerFinalImage, own.costPerFinalImage)));
      expect(compare(h.costPerImage, base.costPerFinalImage)).toBe(-1);
    }
  });

  it('sorts by cost, cheapest first, and keeps a handful at most', () => {
    const hints = cheaperNearbySizes(bareRow({ size: '2048x2048', quality: 'high' }), ctx);
    expect(hints.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < hints.length; i++) {
      const [previous, current] = [hints[i - 1], hints[i]];
      if (previous && current) expect(compare(previous.costPerImage, current.costPerImage)).toBeLessThanOrEqual(0);
    }
    expect(cheaperNearbySizes(bareRow({ size: '2048x2048', quality: 'high' }), ctx, { limit: 2 })).toHaveLength(2);
    expect(cheaperNearbySizes(bareRow({ size: '2048x2048', quality: 'high' }), ctx, { limit: 0 })).toEqual([]);
  });

  it('never suggests the requested size itself', () => {
    const hints = cheaperNearbySizes(bareRow({ size: '1056x1008', quality: 'high' }), ctx, { limit: 50 });
    expect(hints.map((h) => h.key)).not.toContain('1056x1008');
  });

  it('resolves presets and auto before searching', () => {
    expect(cheaperNearbySizes(bareRow({ size: '1:1', quality: 'high' }), ctx)).toEqual(
      cheaperNearbySizes(bareRow({ size: '1024x1024', quality: 'high' }), ctx),
    );
    expect(cheaperNearbySizes(bareRow({ size: 'auto', quality: 'high' }), ctx)).toEqual(
      cheaperNearbySizes(bareRow({ size: '1024x1024', quality: 'high' }), ctx),
    );
  });

  it('checks each size of a fixed list: legacy models have no cheaper size of the same aspect', () => {
    expect(cheaperNearbySizes(bareRow({ model: 'gpt-image-1', size: '1024x1024', quality: 'high' }), ctx)).toEqual([]);
    expect(cheaperNearbySizes(bareRow({ model: 'gpt-image-1.5', size: '1536x1024', quality: 'low' }), ctx)).toEqual([]);
  });

  it('follows the row price: a flat per-image price has no cheaper size, Batch halves the hints', () => {
    const flat = planEntry({
      id: 'plan/flat',
      model: 'gpt-image-2',
      surfaces: ['reseller'],
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.03' } } },
    });
    const flatCtx = builtinContext(undefined, [flat]);
    expect(
      cheaperNearbySizes(
        bareRow({ size: '1024x1024', quality: 'high', surface: 'reseller', priceEntryId: 'plan/flat' }),
        flatCtx,
      ),
    ).toEqual([]);

    const api = cheaperNearbySizes(bareRow({ size: '1024x1024', quality: 'high' }), ctx);
    const batch = cheaperNearbySizes(bareRow({ size: '1024x1024', quality: 'high', surface: 'batch' }), ctx);
    expect(batch.map((h) => h.key)).toEqual(api.map((h) => h.key));
    expect(batch.map((h) => decimal(h.costPerImage))).toEqual(['0.101505', '0.101505', '0.1026', '0.1026', '0.10317']);
  });

  it('returns no hints for a row the engine rejects', () => {
    expect(cheaperNearbySizes(bareRow({ size: '1000x1000', quality: 'high' }), ctx)).toEqual([]);
    expect(cheaperNearbySizes(bareRow({ model: 'no-such-model' }), ctx)).toEqual([]);
    expect(cheaperNearbySizes(bareRow({ quality: 'ultra' }), ctx)).toEqual([]);
    expect(cheaperNearbySizes(bareRow({ size: '1024x1024' }), builtinContext('2025-01-01'))).toEqual([]);
  });

  it('holds its promises for random legal gpt-image-2 sizes and qualities (property)', () => {
    const rule = gptImage2Rule();
    const legalSize = fc
      .record({ w: fc.integer({ min: 40, max: 160 }), h: fc.integer({ min: 40, max: 160 }) })
      .map(({ w, h }) => ({ width: w * 16, height: h * 16 }))
      .filter((s) => checkSize(rule, s) === null);
    fc.assert(
      fc.property(legalSize, fc.constantFrom('low', 'medium', 'high'), (size, quality) => {
        const row = bareRow({ size: sizeKey(size), quality });
        const base = estimateRow(row, ctx);
        const hints = cheaperNearbySizes(row, ctx);
        expect(hints.length).toBeLessThanOrEqual(5);
        for (const h of hints) {
          expect(checkSize(rule, h.size)).toBeNull();
          expect(h.pixels).toBeGreaterThanOrEqual(size.width * size.height);
          expect(Math.abs(h.size.width / h.size.height / (size.width / size.height) - 1)).toBeLessThanOrEqual(0.05);
          expect(compare(h.costPerImage, base.costPerFinalImage)).toBe(-1);
        }
      }),
      { numRuns: 25, seed: 20261128 },
    );
  });
});
