import { describe, expect, it } from 'vitest';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { findModel, type ModelSpec } from '../../shared/estimate/models';
import {
  CHARS_PER_TOKEN,
  estimatePromptTokens,
  outputTokensPerImage,
  referenceImageTokens,
  resolveQuality,
} from '../../shared/estimate/tokens';
import { bareRow, builtinContext, decimal } from './support/fixtures';

function model(id: string): ModelSpec {
  const m = findModel(id);
  if (!m) throw new Error(`model ${id} missing`);
  return m;
}

describe('reference image tokens', () => {
  it.each([
    { size: [1024, 1024], tokens: 1024, why: '32 x 32 patches: about 1,024 tokens for a 1024x1024 reference' },
    { size: [1536, 1024], tokens: 1536, why: '48 x 32 patches, exactly the budget' },
    { size: [2048, 2048], tokens: 1536, why: '4,096 patches capped at the 1,536-patch budget' },
    { size: [512, 512], tokens: 1024, why: 'magnified 2x to 1024 px' },
    { size: [700, 300], tokens: 448, why: 'magnified to a 1024 px longest side: 32 x ceil(300 x 32 / 700)' },
    { size: [256, 256], tokens: 256, why: 'magnified at most 2x: 512 px, 16 x 16 patches' },
    { size: [100, 100], tokens: 49, why: '200 px after 2x: 7 x 7 patches' },
    { size: [3000, 500], tokens: 752, why: 'aspect capped at 3:1 (1500 x 500): 47 x 16 patches' },
    { size: [1440, 900], tokens: 1305, why: '45 x 29 patches' },
  ])('gpt-image-2 $size.0x$size.1 -> $tokens ($why)', ({ size, tokens }) => {
    const [width = 0, height = 0] = size;
    expect(referenceImageTokens(model('gpt-image-2'), { width, height })).toBe(tokens);
    // Width and height play symmetric roles.
    expect(referenceImageTokens(model('gpt-image-2'), { width: height, height: width })).toBe(tokens);
  });

  it.each([
    { size: [1024, 1024], tokens: 194, why: 'shortest side to 512 px: one tile, 65 + 129' },
    { size: [1536, 1024], tokens: 323, why: '768 x 512 after scaling: two tiles' },
    { size: [3072, 512], tokens: 581, why: "the issue's example: fit in 2048x2048 first (2048 x 341), four tiles" },
    { size: [3000, 500], tokens: 581, why: 'fit in 2048x2048 (2048 x 341): four tiles, not six' },
    { size: [2048, 512], tokens: 581, why: 'already within 2048: four tiles' },
    { size: [4096, 2048], tokens: 323, why: 'fit to 2048 x 1024, then 1024 x 512: two tiles' },
    { size: [6000, 1000], tokens: 581, why: 'fit to 2048 x 341: four tiles' },
    { size: [100, 100], tokens: 194, why: 'one tile' },
  ])('gpt-image-1 family $size.0x$size.1 -> $tokens ($why, OFFICIAL rule)', ({ size, tokens }) => {
    const [width = 0, height = 0] = size;
    for (const id of ['gpt-image-1', 'gpt-image-1.5', 'gpt-image-1-mini'])
      expect(referenceImageTokens(model(id), { width, height }), id).toBe(tokens);
  });

  it('prices no reference tokens for models without an input-image rule, and warns in the estimate', () => {
    expect(referenceImageTokens(model('dall-e-3'), { width: 1024, height: 1024 })).toBe(0);
    const e = estimateRow(
      bareRow({ model: 'qwen-image', quality: 'standard', referenceImages: 2, surface: 'reseller' }),
      builtinContext('2026-12-04'),
    );
    expect(e.imageInputTokensPerImage).toBe(0);
    expect(e.warnings).toContain('reference images are not priced for qwen-image');
  });

  it('Gemini counts a fixed number of input tokens per image, billed at the input rate', () => {
    expect(referenceImageTokens(model('gemini-3-pro-image'), { width: 4000, height: 3000 })).toBe(560);
    expect(referenceImageTokens(model('gemini-3.1-flash-image'), { width: 512, height: 512 })).toBe(1120);
    const e = estimateRow(
      bareRow({ model: 'gemini-3-pro-image', quality: 'standard', referenceImages: 2 }),
      builtinContext('2026-12-04'),
    );
    // 2 x 560 tokens x $2/1M = $0.00224 on top of 1,120 x $120/1M
    expect(e.imageInputTokensPerImage).toBe(1120);
    expect(decimal(e.inputCostPerImage)).toBe('0.00224');
    expect(decimal(e.costPerFinalImage)).toBe('0.13664');
  });

  it('FLUX.2 counts input images in megapixels (1024x1024 px, rounded up) at the extra-megapixel rate', () => {
    const e = estimateRow(
      bareRow({ model: 'flux-2-flex', quality: 'standard', referenceImages: 2, referenceSize: '1500x1000' }),
      builtinContext('2026-12-04'),
    );
    // 1500 x 1000 = 1.43 MP -> 2 MP each, 4 MP of input at 5 credits; output 1 MP at 5 credits: 25 credits
    expect(e.imageInputTokensPerImage).toBe(4);
    expect(decimal(e.inputCostPerImage)).toBe('0.2');
    expect(decimal(e.costPerFinalImage)).toBe('0.25');
    expect(e.warnings).toEqual([]);
    expect(e.assumptions.some((a) => a.startsWith('input images counted in megapixels of 1024x1024 px'))).toBe(true);
  });

  it('input_fidelity high adds 4,160 tokens per square input and 6,240 per other on gpt-image-1 and 1.5 (OFFICIAL)', () => {
    const at = (id: string, size: string, fidelity: 'low' | 'high') =>
      estimateRow(
        bareRow({ model: id, referenceImages: 1, referenceSize: size, inputFidelity: fidelity, quality: 'low' }),
        builtinContext(),
      ).imageInputTokensPerImage;
    for (const id of ['gpt-image-1', 'gpt-image-1.5']) {
      expect(at(id, '1024x1024', 'low')).toBe(194);
      expect(at(id, '1024x1024', 'high')).toBe(194 + 4160);
      expect(at(id, '1024x1536', 'high')).toBe(323 + 6240);
      expect(at(id, '1536x1024', 'high')).toBe(323 + 6240);
      // "square" is not defined by OpenAI: nearer 1:1 than 3:2 (long side under 1.25 x short) counts as square
      expect(at(id, '1100x1000', 'high')).toBe(323 + 4160);
      expect(at(id, '1250x1000', 'high')).toBe(323 + 6240);
    }
    const mini = estimateRow(
      bareRow({ model: 'gpt-image-1-mini', referenceImages: 1, inputFidelity: 'high', quality: 'low' }),
      builtinContext(),
    );
    expect(mini.imageInputTokensPerImage).toBe(194);
    expect(mini.warnings).toContain(
      'input fidelity high has no effect on gpt-image-1-mini (only gpt-image-1 and gpt-image-1.5 take it); ignored',
    );
    // gpt-image-2 always reads inputs at high fidelity: the setting changes nothing, and the estimate says why.
    const two = (fidelity: 'low' | 'high') =>
      estimateRow(bareRow({ referenceImages: 1, inputFidelity: fidelity, quality: 'low' }), builtinContext());
    expect(two('high').imageInputTokensPerImage).toBe(two('low').imageInputTokensPerImage);
    expect(two('high').assumptions.join(' ')).toMatch(/always process input images at high fidelity/);
  });

  it('bills reference tokens per image generated at the image-input rate, labelled as a community estimate', () => {
    const e = estimateRow(
      bareRow({ referenceImages: 2, referenceSize: '1024x1024', quality: 'low' }),
      builtinContext(),
    );
    expect(e.imageInputTokensPerImage).toBe(2048);
    expect(decimal(e.inputCostPerImage)).toBe('0.016384'); // 2048 x $8/1M
    expect(decimal(e.costPerFinalImage)).toBe('0.022264'); // + 196 x $30/1M
    expect(e.assumptions.some((a) => a.startsWith('COMMUNITY estimate: 32 px patches'))).toBe(true);
  });

  it('reports a reference size that is not a size, but only when references are used', () => {
    const bad = estimateRow(bareRow({ referenceImages: 1, referenceSize: 'big' }), builtinContext());
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      { field: 'referenceSize', message: '"big" is not a size: write WIDTHxHEIGHT, e.g. 1024x1024' },
    ]);
    expect(estimateRow(bareRow({ referenceImages: 0, referenceSize: 'big' }), builtinContext()).ok).toBe(true);
  });
});

describe('prompt tokens', () => {
  it.each([
    [0, 0],
    [1, 1],
    [4, 1],
    [5, 2],
    [600, 150],
    [32_000, 8_000],
  ])('%i characters -> %i tokens (ceil(chars / 4))', (chars, tokens) => {
    expect(CHARS_PER_TOKEN).toBe(4);
    expect(estimatePromptTokens(chars)).toBe(tokens);
  });

  it('uses a given token count as is, and estimates from characters only when none is given', () => {
    const given = estimateRow(bareRow({ promptTokens: 321, promptChars: 9000 }), builtinContext());
    expect(given.textInputTokensPerImage).toBe(321);
    expect(given.assumptions.some((a) => a.startsWith('prompt tokens estimated'))).toBe(false);
    const estimated = estimateRow(bareRow({ promptTokens: null, promptChars: 901 }), builtinContext());
    expect(estimated.textInputTokensPerImage).toBe(226);
    expect(estimated.assumptions).toContain('prompt tokens estimated as 901 characters / 4 = 226');
    // Prompt text is billed at the text-input rate: 226 x $5/1M.
    expect(decimal(estimated.inputCostPerImage)).toBe('0.00113');
  });
});

describe('quality and output tokens', () => {
  it('resolves auto to the dearest quality the model offers, as a visible assumption', () => {
    expect(resolveQuality(model('gpt-image-2'), 'auto')).toEqual({
      ok: true,
      value: {
        quality: 'high',
        assumption:
          "quality auto planned as high, the dearest of gpt-image-2's qualities (low, medium, high): auto may pick a cheaper one at run time, so this is the most it costs",
      },
    });
    for (const id of [
      'gpt-image-2.5-flare',
      'gpt-image-2.5-sunburst',
      'gpt-image-2.6-sunburst',
      'gpt-image-2.6-flare',
    ]) {
      const r = resolveQuality(model(id), 'auto');
      expect(r.ok && r.value.quality, id).toBe('max');
    }
    expect(resolveQuality(model('gpt-image-2'), 'low')).toEqual({
      ok: true,
      value: { quality: 'low', assumption: null },
    });
    const bad = resolveQuality(model('gpt-image-2'), 'xhigh');
    expect(bad).toEqual({
      ok: false,
      error: 'quality "xhigh" is not offered by gpt-image-2: use one of low, medium, high, auto',
    });
  });

  it('adds 100 output tokens per streamed partial image', () => {
    const m = model('gpt-image-2');
    for (const partial of [0, 1, 2, 3]) {
      const r = outputTokensPerImage(m, { width: 1024, height: 1024 }, 'high', partial);
      expect(r.ok && r.value.tokens).toBe(7024 + 100 * partial);
    }
    const legacy = outputTokensPerImage(model('gpt-image-1'), { width: 1024, height: 1024 }, 'low', 3);
    expect(legacy.ok && legacy.value.tokens).toBe(572);
  });
});
