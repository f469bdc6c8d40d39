import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { estimatePlan } from '../../../shared/estimate/estimate-plan';
import { entryFromForm, formFromEntry, parsePerImageTable } from '../../../renderer/src/panels/price-entry-form';

const SAMPLE = createSamplePlan('2026-11-28');

describe('the plan’s own price entries', () => {
  it('reads a reseller per-image table', () => {
    expect(parsePerImageTable('high 1024x1024 0.20\nhigh 1536x1024 $0,25\n* * 0.04')).toEqual({
      ok: true,
      value: { high: { '1024x1024': '0.20', '1536x1024': '0.25' }, '*': { '*': '0.04' } },
    });
    const bad = parsePerImageTable('high 1024x1024');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/line 1 .*quality, size and price/);
  });

  it('builds a valid entry the engine prices with, and round-trips through the form', () => {
    const credits = SAMPLE.priceEntries[0];
    if (!credits) throw new Error('sample entry');
    const form = formFromEntry(credits);
    const rebuilt = entryFromForm(form);
    expect(rebuilt).toEqual({ ok: true, value: { ...credits, provider: credits.provider } });

    const reseller = entryFromForm({ ...form, kind: 'reseller', id: 'plan/reseller', perImageTable: '* * 0.05' });
    if (!reseller.ok) throw new Error(reseller.error);
    const plan = {
      ...SAMPLE,
      priceEntries: [...SAMPLE.priceEntries, reseller.value],
      rows: SAMPLE.rows.map((r) => (r.id === 'saas-hero' ? { ...r, surface: 'reseller' as const } : r)),
    };
    const estimate = estimatePlan(plan);
    if (!estimate.ok) throw new Error(estimate.error);
    // 1 final x 2.5 generations x $0.05
    expect(estimate.value.rows[2]?.estimate.totalCost).toBe(125_000);
  });

  it('says which field is wrong', () => {
    const credits = SAMPLE.priceEntries[0];
    if (!credits) throw new Error('sample entry');
    const broken = entryFromForm({ ...formFromEntry(credits), usdPerCredit: 'cheap', effectiveFrom: '2026-13-01' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error).toContain('pricing.usdPerCredit');
      expect(broken.error).toContain('effectiveFrom');
    }
  });
});
