import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';
import { catalogFreshness, STALE_AFTER_DAYS } from '../../shared/pricing/catalog-freshness';
import { planEntry } from './support/fixtures';

const entry = planEntry({
  id: 'plan/checked',
  model: 'gpt-image-2',
  pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.04' } } },
  checkedOn: '2026-12-04',
});

describe('catalog freshness', () => {
  it.each([
    { asOf: '2026-12-04', ageDays: 0, stale: false, summary: 'checked 2026-12-04, on 2026-12-04' },
    { asOf: '2026-12-05', ageDays: 1, stale: false, summary: 'checked 2026-12-04, 1 day before 2026-12-05' },
    { asOf: '2027-03-04', ageDays: 90, stale: false, summary: 'checked 2026-12-04, 90 days before 2027-03-04' },
    {
      asOf: '2027-03-05',
      ageDays: 91,
      stale: true,
      summary: 'checked 2026-12-04, 91 days before 2027-03-05: older than 90 days, check the sources again',
    },
    { asOf: '2026-11-30', ageDays: -4, stale: false, summary: 'checked 2026-12-04, 4 days after 2026-11-30' },
  ])('as of $asOf: $ageDays days old, stale $stale', ({ asOf, ageDays, stale, summary }) => {
    expect(catalogFreshness(entry, asOf)).toEqual({ checkedOn: '2026-12-04', ageDays, stale, summary });
  });

  it('flags only checks more than 90 days before the as-of date, across a leap day', () => {
    expect(STALE_AFTER_DAYS).toBe(90);
    const leap = { ...entry, checkedOn: '2027-12-31' };
    expect(catalogFreshness(leap, '2028-03-30').ageDays).toBe(90);
    expect(catalogFreshness(leap, '2028-03-31').stale).toBe(true);
  });

  it('flags an entry with no check date (plan entries written before the field existed)', () => {
    const { checkedOn: _none, ...unchecked } = entry;
    expect(catalogFreshness(unchecked, '2026-12-04')).toEqual({
      checkedOn: null,
      ageDays: null,
      stale: true,
      summary: 'source check date not recorded: check the sources and set checkedOn',
    });
  });

  it('the built-in catalog: all fresh in December 2026, the October checks flagged by mid-January, all by March', () => {
    const stale = (asOf: string) =>
      BUILTIN_CATALOG.filter((e) => catalogFreshness(e, asOf).stale)
        .map((e) => e.id)
        .sort();
    expect(stale('2026-12-20')).toEqual([]);
    expect(stale('2027-01-15')).toEqual([
      'google/gemini-2.5-flash-image@2025-10-02',
      'openai/dall-e-2@2022-11-01',
      'openai/dall-e-3@2023-11-01',
    ]);
    expect(stale('2027-03-05')).toHaveLength(BUILTIN_CATALOG.length);
  });
});
