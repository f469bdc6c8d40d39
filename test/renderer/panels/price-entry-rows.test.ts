import { describe, expect, it } from 'vitest';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import { createPriceBook } from '../../../shared/pricing/price-book';
import { newEntryForm } from '../../../renderer/src/panels/price-entry-form';
import { entrySurface, rowsBilledBy, switchableRows, withSurface } from '../../../renderer/src/panels/price-entry-rows';

const doc = {
  ...blankPlan('2026-11-28'),
  rows: [
    blankRow('a', { surface: 'credits' }),
    blankRow('b'),
    blankRow('c', { model: 'gpt-image-1.5' }),
    blankRow('d', { surface: 'batch' }),
  ],
};

describe('which rows a plan price entry prices', () => {
  it('a reseller table prices reseller rows, a credits rate credits rows, a discount keeps its base’s', () => {
    const inForce = createPriceBook().builtin;
    expect(entrySurface(newEntryForm('reseller', 0, '2026-11-28', inForce))).toBe('reseller');
    expect(entrySurface(newEntryForm('credits', 0, '2026-11-28', inForce))).toBe('credits');
    expect(entrySurface(newEntryForm('discount', 0, '2026-11-28', inForce))).toBeNull();
  });

  it('rows of the entry’s model on its surface are priced by it; the model’s other rows can switch', () => {
    expect(rowsBilledBy(doc, 'gpt-image-2', ['credits']).map((r) => r.id)).toEqual(['a']);
    expect(switchableRows(doc, 'gpt-image-2', 'credits').map((r) => r.id)).toEqual(['b', 'd']);
  });

  it('switches only the chosen rows, leaving the plan itself when none is chosen', () => {
    const after = withSurface(doc, new Set(['b']), 'credits');
    expect(after.rows.map((r) => r.surface)).toEqual(['credits', 'credits', 'api', 'batch']);
    expect(after.rows[0]).toBe(doc.rows[0]);
    expect(withSurface(doc, new Set(), 'credits')).toBe(doc);
  });
});
