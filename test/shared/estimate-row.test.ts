import { describe, expect, it } from 'vitest';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { bareRow, builtinContext, decimal } from './support/fixtures';

const ctx = builtinContext();

describe('volumes', () => {
  it('renders drafts at a cheaper quality before the finals and adds both to the total', () => {
    const e = estimateRow(
      bareRow({ quality: 'high', finals: 10, iterationFactor: '1.2', draftsPerFinal: '2', draftQuality: 'low' }),
      ctx,
    );
    expect(e.errors).toEqual([]);
    expect(decimal(e.finalGenerations)).toBe('12');
    expect(decimal(e.draftGenerations)).toBe('20');
    expect(e.quality).toBe('high');
    expect(e.draftQuality).toBe('low');
    expect(e.outputTokensPerFinal).toBe(7024);
    expect(e.outputTokensPerDraft).toBe(196);
    expect(decimal(e.costPerFinalImage)).toBe('0.21072');
    expect(decimal(e.costPerDraftImage)).toBe('0.00588');
    expect(e.finalCost).toBe(2_528_640); // 12 x 0.21072
    expect(e.draftCost).toBe(117_600); // 20 x 0.00588
    expect(e.totalCost).toBe(2_646_240);
    expect(e.costPerApprovedFinal).toBe(264_624);
    expect(e.requests).toBe(32);
  });

  it("uses the model's suggested draft quality when none is chosen", () => {
    const e = estimateRow(bareRow({ quality: 'high', draftsPerFinal: '1', draftQuality: null }), ctx);
    expect(e.draftQuality).toBe('low');
  });

  it('has no draft pass at 0 drafts per final, whatever the draft quality says', () => {
    const e = estimateRow(bareRow({ draftsPerFinal: '0', draftQuality: 'nonsense' }), ctx);
    expect(e.ok).toBe(true);
    expect(e.draftQuality).toBeNull();
    expect(e.draftCost).toBe(0);
    expect(e.outputTokensPerDraft).toBeNull();
  });

  it('groups generations into requests of n images, billing inputs for every image (community finding)', () => {
    const e = estimateRow(
      bareRow({ size: '1024x1536', finals: 10, iterationFactor: '1.8', nPerRequest: 4, promptTokens: 100 }),
      ctx,
    );
    expect(decimal(e.finalGenerations)).toBe('18');
    expect(e.requests).toBe(5); // ceil(18 / 4)
    expect(decimal(e.costPerFinalImage)).toBe('0.04166'); // 1372 x 30 / 1M + 100 x 5 / 1M
    expect(e.finalCost).toBe(749_880); // 18 images, each with its prompt billed
    expect(e.assumptions).toContain(
      'input tokens are billed for every image generated (n > 1 bills like separate calls: community finding)',
    );
  });

  it('rounds fractional generations up to whole requests', () => {
    const e = estimateRow(bareRow({ finals: 3, iterationFactor: '1.5', draftsPerFinal: '0.5', nPerRequest: 2 }), ctx);
    expect(decimal(e.finalGenerations)).toBe('4.5');
    expect(decimal(e.draftGenerations)).toBe('1.5');
    expect(e.requests).toBe(3 + 1);
  });

  it('refuses more images per request than the model allows', () => {
    const e = estimateRow(bareRow({ model: 'gemini-2.5-flash-image', quality: 'standard', nPerRequest: 2 }), ctx);
    expect(e.ok).toBe(false);
    expect(e.errors).toEqual([
      { field: 'nPerRequest', message: 'gemini-2.5-flash-image allows at most 1 images per request' },
    ]);
  });

  it('a row with no finals costs nothing and has no cost per approved final', () => {
    const e = estimateRow(bareRow({ finals: 0 }), ctx);
    expect(e.ok).toBe(true);
    expect(e.totalCost).toBe(0);
    expect(e.costPerApprovedFinal).toBeNull();
    expect(e.inputShare).toBe(0);
  });
});

describe('inputs', () => {
  const inputs = { promptTokens: 1000, referenceImages: 1, referenceSize: '1024x1024', cachedSharePct: 50 } as const;

  it('applies the cached share on the Responses API surface', () => {
    const e = estimateRow(bareRow({ ...inputs, surface: 'responses', quality: 'low' }), ctx);
    // text 1000 x (5 x 50% + 1.25 x 50%) / 1M + image 1024 x (8 x 50% + 2 x 50%) / 1M
    expect(decimal(e.inputCostPerImage)).toBe('0.008245');
    expect(e.warnings).toEqual([]);
  });

  it('ignores the cached share elsewhere, with a warning', () => {
    for (const surface of ['api', 'batch'] as const) {
      const e = estimateRow(bareRow({ ...inputs, surface, quality: 'low' }), ctx);
      expect(e.warnings).toContain(
        'cached input rates apply only through the Responses API: the cached share is ignored on this surface',
      );
    }
    const api = estimateRow(bareRow({ ...inputs, surface: 'api', quality: 'low' }), ctx);
    expect(decimal(api.inputCostPerImage)).toBe('0.013192'); // 1000 x 5 / 1M + 1024 x 8 / 1M
  });

  it('reports the share of input in the cost', () => {
    const e = estimateRow(bareRow({ promptTokens: 1000, quality: 'low' }), ctx);
    // input 0.005 of 0.01088 per image
    expect(e.inputShare).toBeCloseTo(0.005 / 0.01088, 12);
    expect(estimateRow(bareRow({ quality: 'low' }), ctx).inputShare).toBe(0);
  });

  it('adds 100 output tokens per streamed partial image', () => {
    const e = estimateRow(bareRow({ quality: 'high', partialImages: 2 }), ctx);
    expect(e.outputTokensPerFinal).toBe(7224);
    expect(decimal(e.costPerFinalImage)).toBe('0.21672');
    // Mini has no token count: its grid price plus 100 tokens at its $8/1M output rate.
    const mini = estimateRow(bareRow({ model: 'gpt-image-1-mini', quality: 'high', partialImages: 1 }), ctx);
    expect(decimal(mini.costPerFinalImage)).toBe('0.0368');
    const dalle = estimateRow(
      bareRow({ model: 'dall-e-3', quality: 'standard', partialImages: 2 }),
      builtinContext('2025-06-01'),
    );
    expect(dalle.warnings).toContain('dall-e-3 does not stream partial images; ignored');
    expect(decimal(dalle.costPerFinalImage)).toBe('0.04');
  });
});

describe('bad rows give field errors, never exceptions', () => {
  it('unknown model', () => {
    const e = estimateRow(bareRow({ model: 'gpt-image-9' }), ctx);
    expect(e.ok).toBe(false);
    expect(e.errors).toEqual([{ field: 'model', message: 'unknown model "gpt-image-9"' }]);
    expect(e.totalCost).toBe(0);
  });

  it('bad size, naming the nearest valid ones', () => {
    const e = estimateRow(bareRow({ size: '1000x1000' }), ctx);
    expect(e.ok).toBe(false);
    expect(e.errors).toEqual([
      {
        field: 'size',
        message:
          '1000x1000 is not a valid size for gpt-image-2: both edges must be multiples of 16. Nearest valid: 992x992, 992x1008, 1008x992',
      },
    ]);
  });

  it('bad quality and bad draft quality', () => {
    expect(estimateRow(bareRow({ quality: 'ultra' }), ctx).errors).toEqual([
      {
        field: 'quality',
        message: 'quality "ultra" is not offered by gpt-image-2: use one of low, medium, high, auto',
      },
    ]);
    expect(estimateRow(bareRow({ draftsPerFinal: '1', draftQuality: 'hd' }), ctx).errors).toEqual([
      {
        field: 'draftQuality',
        message: 'quality "hd" is not offered by gpt-image-2: use one of low, medium, high, auto',
      },
    ]);
  });

  it('several problems at once are all reported', () => {
    const e = estimateRow(bareRow({ size: '1000x1000', quality: 'ultra', iterationFactor: 'lots' }), ctx);
    expect(e.errors.map((i) => i.field)).toEqual(['size', 'quality', 'iterationFactor']);
    expect(e.errors[2]?.message).toBe('"lots" is not a number');
  });

  it('an iteration factor under 1', () => {
    expect(estimateRow(bareRow({ iterationFactor: '0.9' }), ctx).errors).toEqual([
      {
        field: 'iterationFactor',
        message: 'the iteration factor must be at least 1 (one generation per approved final)',
      },
    ]);
  });

  it('no price on the date', () => {
    const e = estimateRow(bareRow({ model: 'gpt-image-1' }), builtinContext('2026-11-01'));
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]?.field).toBe('price');
    expect(e.errors[0]?.message).toMatch(
      /^no price for gpt-image-1 on the api surface on 2026-11-01; gpt-image-1 was shut down on 2026-10-23/,
    );
  });
});
