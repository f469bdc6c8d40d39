import { describe, expect, it } from 'vitest';
import { modelAvailability, modelShutdownOn } from '../../shared/estimate/model-availability';
import { nearestInputsForModel } from '../../shared/estimate/model-switch';
import { blankRow } from '../../shared/plan/new-plan';
import type { RowInputs } from '../../shared/plan/plan-schema';
import { createPriceBook } from '../../shared/pricing/price-book';

const BOOK = createPriceBook();
const BEFORE_SHUTDOWNS = '2026-04-25';
const AFTER_SHUTDOWNS = '2026-12-04';

function row(overrides: Partial<RowInputs>): RowInputs {
  return blankRow('r', overrides);
}

describe('models shut down at a price date', () => {
  it.each([
    ['dall-e-2', BEFORE_SHUTDOWNS, null],
    ['dall-e-2', '2026-05-12', '2026-05-12'],
    ['dall-e-3', AFTER_SHUTDOWNS, '2026-05-12'],
    ['imagen-4-fast', AFTER_SHUTDOWNS, '2026-08-17'],
    ['gpt-image-1.5', '2026-11-30', null],
    ['gpt-image-1.5', AFTER_SHUTDOWNS, '2026-12-01'],
    ['gpt-image-2', AFTER_SHUTDOWNS, null],
  ])('%s on %s: shut down on %s', (model, date, expected) => {
    expect(modelShutdownOn(BOOK, model, date)).toBe(expected);
  });

  it('a model not priced yet on the date is not "shut down"', () => {
    expect(modelShutdownOn(BOOK, 'gpt-image-2', '2020-01-01')).toBeNull();
  });

  it('splits the catalog into models to plan with and models for pricing history', () => {
    const { available, shutDown } = modelAvailability(BOOK, AFTER_SHUTDOWNS);
    expect(available.map((m) => m.id)).toContain('gpt-image-2');
    expect(shutDown.map((s) => `${s.model.id} ${s.on}`)).toEqual(
      expect.arrayContaining(['dall-e-2 2026-05-12', 'imagen-4-fast 2026-08-17', 'gpt-image-1 2026-10-23']),
    );
    expect(available.length + shutDown.length).toBeGreaterThan(10);
  });
});

describe('nearestInputsForModel', () => {
  it.each<[string, Partial<RowInputs>, string, Partial<RowInputs>, string[]]>([
    [
      'size and quality the model lacks map to the nearest it offers',
      { model: 'gpt-image-2', size: '1536x864', quality: 'high' },
      'dall-e-3',
      { model: 'dall-e-3', size: '1792x1024', quality: 'hd' },
      [
        'Size 1536x864 → 1792x1024: the nearest dall-e-3 offers (1024x1024, 1024x1792, 1792x1024)',
        'Quality high → hd: dall-e-3 offers standard, hd',
      ],
    ],
    [
      'a square size and a quality the model has stay as they are',
      { model: 'gpt-image-2', size: '1024x1024', quality: 'medium' },
      'gpt-image-1.5',
      { model: 'gpt-image-1.5', size: '1024x1024', quality: 'medium' },
      [],
    ],
    [
      'a portrait size on a fixed list keeps its aspect',
      { model: 'gpt-image-2', size: '1024x1280', quality: 'low' },
      'gpt-image-1',
      { size: '1024x1536', quality: 'low' },
      ['Size 1024x1280 → 1024x1536: the nearest gpt-image-1 offers (1024x1024, 1024x1536, 1536x1024)'],
    ],
    [
      'the 2.5 tiers map down to a level the older model has (ties go to the dearer)',
      { model: 'gpt-image-2.5-flare', quality: 'xhigh', draftQuality: 'max' },
      'gpt-image-2',
      { quality: 'high', draftQuality: 'high' },
      ['Quality xhigh → high: gpt-image-2 offers low, medium, high, auto', 'Draft quality max → high'],
    ],
    [
      'one quality only: everything maps to it; images per request capped',
      { model: 'gpt-image-2', quality: 'low', nPerRequest: 4, size: '1024x1024' },
      'flux-2-pro',
      { quality: 'standard', nPerRequest: 1, size: '1024x1024' },
      ['Quality low → standard: flux-2-pro offers standard', 'Images per request 4 → 1: flux-2-pro allows at most 1'],
    ],
    [
      'auto stays auto where the model has it, else the model’s default',
      { model: 'gpt-image-2', quality: 'auto', size: 'auto' },
      'dall-e-3',
      { quality: 'standard', size: '1024x1024' },
      [
        'Size auto → 1024x1024: the nearest dall-e-3 offers (1024x1024, 1024x1792, 1792x1024)',
        'Quality auto → standard: dall-e-3 offers standard, hd',
      ],
    ],
    [
      'a pinned entry for the old model is let go',
      { model: 'gpt-image-2', priceEntryId: 'openai/gpt-image-2@2026-04-21' },
      'gpt-image-1.5',
      { priceEntryId: null },
      ['Pinned price entry openai/gpt-image-2@2026-04-21 let go: it prices gpt-image-2'],
    ],
  ])('%s', (_name, from, model, expected, changes) => {
    const result = nearestInputsForModel(row(from), model, BOOK, BEFORE_SHUTDOWNS);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.inputs).toMatchObject({ model, ...expected });
    expect(result.value.changes).toEqual(changes);
  });

  it('keeps every other input as it was', () => {
    const from = row({ finals: 37, iterationFactor: '2.5', promptChars: 900, surface: 'batch' });
    const result = nearestInputsForModel(from, 'gpt-image-1.5', BOOK, BEFORE_SHUTDOWNS);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.inputs).toEqual({ ...from, model: 'gpt-image-1.5' });
  });

  it('notes a model shut down at the price date and reference images a model cannot take', () => {
    const result = nearestInputsForModel(row({ referenceImages: 2 }), 'dall-e-3', BOOK, AFTER_SHUTDOWNS);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.notes).toEqual([
      'dall-e-3 was shut down on 2026-05-12: it prices only plans dated before that (pricing history)',
      'dall-e-3 takes no reference images: the row’s 2 are not priced',
    ]);
  });

  it('an unknown model is an error, never a throw', () => {
    expect(nearestInputsForModel(row({}), 'gpt-image-9', BOOK, BEFORE_SHUTDOWNS)).toEqual({
      ok: false,
      error: '"gpt-image-9" is not a known model: pick one from the list',
    });
  });
});
