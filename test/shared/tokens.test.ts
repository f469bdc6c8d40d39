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

describe('reference image tokens (COMMUNITY rules)', () => {
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
    { size: [3000, 500], tokens: 839, why: 'short side already under 512: six tiles along the long side' },
    { size: [100, 100], tokens: 194, why: 'one tile' },
  ])('gpt-image-1 family $size.0x$size.1 -> $tokens ($why)', ({ size, tokens }) => {
    const [width = 0, height = 0] = size;
    for (const id of ['gpt-image-1', 'gpt-image-1.5', 'gpt-image-1-mini'])
      expect(referenceImageTokens(model(id), { width, height }), id).toBe(tokens);
  });

  it('prices no reference tokens for models without an input-image rule, and warns in the estimate', () => {
    expect(referenceImageTokens(model('dall-e-3'), { width: 1024, height: 1024 })).toBe(0);
    const e = estimateRow(bareRow({ model: 'flux-2-pro', quality: 'standard', referenceImages: 2 }), builtinContext());
    expect(e.imageInputTokensPerImage).toBe(0);
    expect(e.warnings).toContain('reference images are not priced for flux-2-pro');
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
  it('resolves auto to high where offered, otherwise to the model default, as a visible assumption', () => {
    expect(resolveQuality(model('gpt-image-2'), 'auto')).toEqual({
      ok: true,
      value: { quality: 'high', assumption: 'quality auto planned as high' },
    });
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
