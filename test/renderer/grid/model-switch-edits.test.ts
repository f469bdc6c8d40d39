import { describe, expect, it } from 'vitest';
import { blankRow } from '../../../shared/plan/new-plan';
import { createPriceBook } from '../../../shared/pricing/price-book';
import { modelSwitchEdits } from '../../../renderer/src/grid/model-switch-edits';

const pricing = { priceBook: createPriceBook(), asOf: '2026-04-25' };
const hero = blankRow('hero', { model: 'gpt-image-2', size: '1536x864', quality: 'high', finals: 12 });

describe('switching a row’s model as cell edits', () => {
  it('edits the model, size and quality together and says what changed', () => {
    const switched = modelSwitchEdits(hero, 'hero', 'dall-e-3', pricing);
    expect(switched.edits).toEqual([
      { rowId: 'hero', field: 'model', value: 'dall-e-3' },
      { rowId: 'hero', field: 'size', value: '1792x1024' },
      { rowId: 'hero', field: 'quality', value: 'hd' },
    ]);
    expect(switched.row).toMatchObject({ model: 'dall-e-3', size: '1792x1024', quality: 'hd', finals: 12 });
    expect(switched.lines).toEqual([
      'Size 1536x864 → 1792x1024: the nearest dall-e-3 offers (1024x1024, 1024x1792, 1792x1024)',
      'Quality high → hd: dall-e-3 offers standard, hd',
    ]);
  });

  it('without the plan’s prices (or for an unknown model) only the model changes', () => {
    expect(modelSwitchEdits(hero, 'hero', 'dall-e-3', undefined).edits).toEqual([
      { rowId: 'hero', field: 'model', value: 'dall-e-3' },
    ]);
    expect(modelSwitchEdits(hero, 'hero', 'gpt-image-9', pricing).lines).toEqual([]);
  });
});
