import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { PHASINGS } from '../../../shared/plan/row-fields';
import type { CrossCheck } from '../../../shared/reconcile/actual-pieces';
import { learnedFactors, observedIterationOverrides } from '../../../shared/reconcile/learned-factors';
import { meterCheck, meterGapReason } from '../../../shared/reconcile/meter-check';
import { reconciliationCsv } from '../../../shared/reconcile/reconcile-csv';
import { weekDrillDown, weeklyView } from '../../../shared/reconcile/weekly-view';
import { groupReconciliation } from '../../../shared/reconcile/reconcile-groups';
import { isoWeek } from '../../../shared/actuals/ledger/iso-week';
import { ledger, planWith, reconcile, request, row, usd } from './support';

const sample = createSamplePlan('2026-11-28');

describe('the weekly view (issue 12 §4)', () => {
  it('spreads plan, actual and variance over ISO weeks, with cumulative figures and a forecast to the period end', () => {
    const plan = planWith(
      [row('a', { finals: 140, startDate: '2027-01-04', endDate: '2027-01-17' })],
      ledger({
        metered: [
          request('2027-01-05', '3.00', 'a'),
          request('2027-01-06', '1.00', 'nobody', { model: 'gpt-image-1' }),
        ],
      }),
    );
    const rec = reconcile(plan, { asOf: '2027-01-06' });
    const view = weeklyView(rec);
    expect(view.weeks.map((w) => [w.week, usd(w.planned), usd(w.actual), w.when])).toEqual([
      ['2027-W01', usd(view.weeks[0]?.planned ?? 0), '4.00', 'now'],
      ['2027-W02', usd(view.weeks[1]?.planned ?? 0), '0.00', 'future'],
    ]);
    expect(view.planned).toBe(rec.rows[0]?.planned);
    expect(view.weeks.at(-1)?.cumulativePlanned).toBe(view.planned);
    expect(view.weeks.at(-1)?.cumulativeActual).toBe(view.actual);
    // Run rate: $3 over 3 days of the row → $1/day for the 11 days left, plus Unassigned's $1.
    expect(usd(view.forecastAtEnd)).toBe('15.00');
    expect(view.endWeek).toBe('2027-W02');
    expect(view.unassigned).toBe(1_000_000);
  });

  it('moves with as-of: a later day counts more actual and less forecast', () => {
    const early = weeklyView(reconcile(sample, { asOf: '2027-01-14' }));
    const late = weeklyView(reconcile(sample));
    expect(late.asOf).toBe('2027-01-27');
    expect(late.actual).toBeGreaterThan(early.actual);
    expect(early.weeks.find((w) => w.when === 'now')?.week).toBe('2027-W02');
  });

  it('drills into a week: the rows (and Unassigned) that drove it, largest first, adding up to the week', () => {
    const view = weeklyView(reconcile(sample));
    for (const w of view.weeks) {
      const drill = weekDrillDown(reconcile(sample), w.week);
      expect(drill?.variance).toBe(w.variance);
      expect(drill?.drivers.reduce((s, d) => s + (d.variance ?? 0), 0)).toBe(w.variance ?? 0);
      // A week not started has no variances: its rows by plan.
      const sizes = drill?.drivers.map((d) => Math.abs(d.variance ?? d.planned)) ?? [];
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
    expect(weekDrillDown(reconcile(sample), '1999-W01')).toBeNull();
  });

  it('property: every row’s weekly plan adds up to its planned cost; drill-down parts add up to the week', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            finals: fc.integer({ min: 0, max: 5000 }),
            start: fc.integer({ min: 0, max: 40 }),
            length: fc.integer({ min: 0, max: 60 }),
            phasing: fc.constantFrom(...PHASINGS),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 90 }), cents: fc.integer({ min: 0, max: 9000 }) }), {
          maxLength: 8,
        }),
        (specs, spends) => {
          const day = (n: number) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10);
          const rows = specs.map((s, i) =>
            row(`r${i}`, {
              finals: s.finals,
              startDate: day(s.start),
              endDate: day(s.start + s.length),
              phasing: s.phasing,
            }),
          );
          const requests = spends.map((s, i) => request(day(s.day), (s.cents / 100).toFixed(2), `r${i % 7}`));
          const rec = reconcile(planWith(rows, ledger({ metered: requests })), { asOf: day(45) });
          const view = weeklyView(rec);
          expect(view.weeks.reduce((s, w) => s + w.planned, 0)).toBe(view.planned);
          for (const r of rec.rows) {
            let sum = 0;
            for (const w of view.weeks)
              sum += weekDrillDown(rec, w.week)?.drivers.find((d) => d.rowId === r.row.id)?.planned ?? 0;
            expect(sum).toBe(r.planned);
          }
          for (const w of view.weeks)
            expect(weekDrillDown(rec, w.week)?.drivers.reduce((s, d) => s + (d.variance ?? 0), 0)).toBe(
              w.variance ?? 0,
            );
          // Each week's rows are every row with a planned or actual day in it, summed there: the definition.
          const weekGroups = groupReconciliation(rec, 'week').groups;
          for (const g of weekGroups) {
            const expected = rec.rows
              .flatMap((r) => {
                let planned = 0;
                let actual = 0;
                let seen = false;
                r.plannedByDay?.forEach((m, d) => {
                  if (isoWeek(d) !== g.key) return;
                  planned += m;
                  seen = true;
                });
                r.actualByDay.forEach((m, d) => {
                  if (isoWeek(d) !== g.key) return;
                  actual += m;
                  seen = true;
                });
                // A week after as-of's has not started: no variance, its rows by plan.
                const variance = g.variance === null ? null : actual - planned;
                return seen ? [{ rowId: r.row.id, name: r.row.name, planned, actual, variance }] : [];
              })
              .sort(
                (a, b) =>
                  Math.abs(b.variance ?? b.planned) - Math.abs(a.variance ?? a.planned) || (a.rowId < b.rowId ? -1 : 1),
              );
            expect(g.rows).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('learned factors (issue 12 §5)', () => {
  it('per asset type and per row, with the finals each rests on; rows without finals are skipped', () => {
    const rec = reconcile(sample);
    const factors = learnedFactors(rec);
    expect(factors.byRow.find((f) => f.key === 'ecom-product-pages')).toMatchObject({ observed: '3.00' });
    expect(factors.byRow.every((f) => f.finals > 0)).toBe(true);
    const withFinals = rec.rows.filter((r) => (r.approvedFinals ?? 0) > 0);
    expect(factors.byRow).toHaveLength(withFinals.length);
    for (const t of factors.byAssetType) {
      // The type's sample: its rows with finals and generations seen.
      const mine = withFinals.filter((r) => (r.row.assetType || '(no asset type)') === t.key && r.generations > 0);
      expect(t.finals).toBe(mine.reduce((s, r) => s + (r.approvedFinals ?? 0), 0));
      expect(t.generations).toBe(mine.reduce((s, r) => s + r.generations, 0));
    }
  });

  it('turn into overrides: a row’s own factor, else its asset type’s; below 1 is skipped', () => {
    const rows = [
      row('a', { assetType: 'Banner', approvedFinals: 10 }),
      row('b', { assetType: 'Banner' }),
      row('c', { assetType: 'Hero' }),
      row('d', { assetType: 'Thumb', approvedFinals: 10 }),
    ];
    const plan = planWith(
      rows,
      ledger({
        metered: [
          request('2027-01-05', '1.00', 'a', { images: 25 }),
          request('2027-01-05', '1.00', 'd', { images: 5 }),
        ],
      }),
    );
    const factors = learnedFactors(reconcile(plan));
    expect(factors.byRow.map((f) => [f.key, f.observed, f.finals])).toEqual([
      ['a', '2.50', 10],
      ['d', '0.50', 10],
    ]);
    expect(observedIterationOverrides(rows, factors)).toEqual([
      { rowId: 'a', value: '2.50', source: 'row' },
      { rowId: 'b', value: '2.50', source: 'asset-type' },
    ]);
  });

  it('no generation seen is no factor: null, not 0.00 (no actuals yet, or billed cost with no image counts)', () => {
    const rows = [
      row('a', { assetType: 'Banner', approvedFinals: 10 }),
      row('b', { assetType: 'Banner', approvedFinals: 4 }),
      row('c', { assetType: 'Hero', approvedFinals: 3 }),
    ];
    // a: 25 images; b: spend with no image counts (as billed cost has); c: nothing spent.
    const plan = planWith(
      rows,
      ledger({
        metered: [
          request('2027-01-05', '1.00', 'a', { images: 25 }),
          request('2027-01-05', '2.00', 'b', { images: 0 }),
        ],
      }),
    );
    const rec = reconcile(plan);
    expect(rec.rows.map((r) => [r.row.id, r.observedFactor])).toEqual([
      ['a', '2.50'],
      ['b', null],
      ['c', null],
    ]);
    expect(rec.rows.find((r) => r.row.id === 'b')?.actual).toBeGreaterThan(0);
    const factors = learnedFactors(rec);
    expect(factors.byRow.map((f) => [f.key, f.observed, f.finals, f.generations])).toEqual([
      ['a', '2.50', 10, 25],
      ['b', null, 4, 0],
      ['c', null, 3, 0],
    ]);
    // Banner rests on a's 10 finals only (b's would pull it to 1.79); Hero has nothing observed.
    expect(factors.byAssetType.map((f) => [f.key, f.observed, f.finals])).toEqual([
      ['Banner', '2.50', 10],
      ['Hero', null, 0],
    ]);
    const grouped = groupReconciliation(rec, 'asset-type').groups;
    expect(grouped.map((g) => [g.key, g.observedIterationFactor, g.approvedFinals])).toEqual([
      ['Banner', '2.50', 10],
      ['Hero', null, 0],
    ]);
    // b takes its type's factor; c none (nothing observed for Hero).
    expect(observedIterationOverrides(rows, factors)).toEqual([
      { rowId: 'a', value: '2.50', source: 'row' },
      { rowId: 'b', value: '2.50', source: 'asset-type' },
    ]);
  });
});

describe('the meters’ cross-check (issue 12 §6)', () => {
  const check = (billed: number | null, metered: number | null, usage: number | null): CrossCheck => {
    const present = [billed, metered, usage].filter((m): m is number => m !== null);
    const gap = Math.max(...present) - Math.min(...present);
    return {
      day: '2027-01-05',
      project: 'p',
      billed,
      metered,
      usage,
      gapPct: '',
      flagged: gap * 100 > Math.max(...present),
    };
  };

  it('names the meter that disagrees and what it usually means', () => {
    expect(meterGapReason(check(100, 0, 100))).toBe('gateway');
    expect(meterGapReason(check(100, 100, 80))).toBe('price-book');
    expect(meterGapReason(check(130, 100, 100))).toBe('unmodelled-billing');
    expect(meterGapReason(check(130, null, 100))).toBe('unmodelled-billing');
    expect(meterGapReason(check(100, null, 120))).toBe('price-book');
    expect(meterGapReason(check(null, 50, 100))).toBe('gateway');
    expect(meterGapReason(check(100, 100.5, null))).toBeNull();
    expect(meterCheck([check(100, 0, 100)])[0]?.reasonText).toMatch(/^gateway mis-pricing/);
  });

  it('flags the sample’s gap with a reason', () => {
    const flagged = meterCheck(reconcile(sample).crossChecks).filter((c) => c.flagged);
    expect(flagged.map((c) => c.day)).toEqual(['2027-01-20']);
    expect(flagged[0]?.reasonText).toBeTruthy();
  });
});

describe('the reconciliation CSV', () => {
  it('writes per row planned, actual, measure, variance $ and %, forecast, then Unassigned and Total, exactly', () => {
    const rec = reconcile(sample);
    const text = reconciliationCsv(rec, { delimiter: ',' });
    expect(
      text.startsWith('\uFEFFRow id,Name,Team,Asset type,Planned (USD),Actual (USD),Actual measure,Variance (USD)'),
    ).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(rec.rows.length + 3);
    const ecom = lines.find((l) => l.startsWith('ecom-product-pages,'))?.split(',');
    const r = rec.rows.find((x) => x.row.id === 'ecom-product-pages');
    expect(ecom?.[4]).toBe(usd(r?.planned ?? 0));
    expect(ecom?.[5]).toBe(usd(r?.actual ?? 0));
    expect(ecom?.[6]).toBe('billed');
    const total = lines.at(-1)?.split(',');
    expect(total?.[5]).toBe(usd(rec.rows.reduce((s, x) => s + x.actual, 0) + rec.unassigned));
  });

  it('neutralises formula-like names and uses a decimal comma with ";"', () => {
    const plan = planWith(
      [row('a', { name: '=HYPERLINK("x")' })],
      ledger({ metered: [request('2027-01-05', '1.50', 'a')] }),
    );
    const text = reconciliationCsv(reconcile(plan), { delimiter: ';' });
    expect(text).toContain(`;"'=HYPERLINK(""x"")";`);
    expect(text).toContain(';1,50;metered;');
  });
});
