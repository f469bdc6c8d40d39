import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetRemaining } from '../../../shared/estimate/estimate-plan';
import { ZERO } from '../../../shared/money/exact';
import { newRowTally, reconcilePlan, rowReconciliation } from '../../../shared/reconcile/reconcile-plan';
import { PlanReconciler, reconcileOnce as reconcileOnceResult } from '../../../shared/reconcile/plan-reconciler';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { allocateLargestRemainder } from '../../../shared/money/rounding';
import { groupReconciliation } from '../../../shared/reconcile/reconcile-groups';
import { phaseByDay, sumByWeek } from '../../../shared/reconcile/phasing';
import { addDays, dayNumber } from '../../../shared/reconcile/day-math';
import { isoWeek } from '../../../shared/actuals/ledger/iso-week';
import type { MatchRule } from '../../../shared/reconcile/match-rules';
import { actuals, costLine, ledger, planWith, reconcile, record, request, row, usd } from './support';

describe('allocateLargestRemainder', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [10, [0, 0], [5, 5]],
    [7, [3, 0, 1], [5, 0, 2]],
    [1, [1, 1], [1, 0]],
    [0, [2, 3], [0, 0]],
  ])('splits %i by %j into %j, adding up exactly', (total, weights, parts) => {
    expect(allocateLargestRemainder(total, weights)).toEqual(parts);
  });
});

describe('one actual figure per day, from the best measure', () => {
  const rows = [row('spring'), row('summer')];

  it('billed cost is split across the campaigns the gateway saw that day, in proportion, never added to it', () => {
    const rec = reconcile(
      planWith(
        rows,
        ledger({
          billed: [costLine('2027-01-05', '10'), costLine('2027-01-05', '1', 'gpt-image-2, input')],
          metered: [
            request('2027-01-05', '2', 'spring'),
            request('2027-01-05', '1', 'spring'),
            request('2027-01-05', '1', 'summer'),
          ],
        }),
      ),
    );
    expect(actuals(rec)).toEqual({ spring: '8.25', summer: '2.75', unassigned: '0.00' });
    expect(rec.rows.map((r) => r.measure)).toEqual(['billed', 'billed']);
    expect(rec.rows.map((r) => r.generations)).toEqual([2, 1]);
    expect(rec.ledgerTotal).toBe(11_000_000);
    // The meters disagree by far more than 1%: shown, flagged, never summed.
    expect(rec.crossChecks).toEqual([
      {
        day: '2027-01-05',
        project: 'proj_a',
        billed: 11_000_000,
        metered: 4_000_000,
        usage: null,
        gapPct: '63.64',
        flagged: true,
      },
    ]);
  });

  it('metered spend counts where no billed cost covers the day and project; what no campaign explains is Unassigned', () => {
    const rec = reconcile(
      planWith(
        rows,
        ledger({
          billed: [costLine('2027-01-05', '3', 'gpt-image-2, output', 'proj_other')],
          metered: [
            request('2027-01-06', '1.5', 'summer'),
            request('2027-01-06', '0.25', '', { model: 'gpt-image-1' }),
          ],
        }),
      ),
    );
    expect(actuals(rec)).toEqual({ spring: '0.00', summer: '1.50', unassigned: '3.25' });
    expect(rec.rows[1]?.measure).toBe('metered');
    expect(rec.unassignedPieces.map((p) => [p.measure, usd(p.micro)])).toEqual([
      ['billed', '3.00'],
      ['metered', '0.25'],
    ]);
  });

  it('usage is priced with the price book where nothing billed or metered covers it', () => {
    const usage = record('2027-01-07', null, {
      requests: 10,
      dims: { project: 'proj_u', campaign: 'spring', model: 'gpt-image-2', vendor: 'openai' },
      tokens: { imageOut: 1_000_000 },
    });
    const rec = reconcile(planWith(rows, ledger({ usage: [usage] })));
    expect(rec.rows[0]?.measure).toBe('usage');
    expect(rec.rows[0]?.actual).toBe(30_000_000); // 1M image output tokens at $30 / 1M
    expect(rec.unpricedUsage).toBe(0);
    expect(rec.unpricedUsageByModel).toEqual([]);
  });

  it('usage the price book cannot price counts $0 and is named by model, with why, most buckets first', () => {
    const usageOf = (day: string, project: string, model: string) =>
      record(day, null, {
        requests: 1,
        dims: { project, campaign: 'spring', model, vendor: 'openai' },
        tokens: { imageOut: 1000 },
      });
    const usage = [
      usageOf('2027-01-07', 'proj_u', 'house-model'),
      usageOf('2027-01-08', 'proj_u', 'our-finetune'),
      usageOf('2027-01-08', 'proj_v', 'our-finetune'),
      usageOf('2027-01-09', 'proj_u', 'gpt-image-2'),
    ];
    for (const reconciled of [
      reconcile(planWith(rows, ledger({ usage }))),
      reconcileOnce(planWith(rows, ledger({ usage }))),
    ]) {
      expect(reconciled.unpricedUsage).toBe(3);
      expect(reconciled.unpricedUsageByModel).toEqual([
        {
          model: 'our-finetune',
          buckets: 2,
          reason: expect.stringMatching(/^no price for our-finetune on the api surface on 2027-01-08/),
        },
        {
          model: 'house-model',
          buckets: 1,
          reason: expect.stringMatching(/^no price for house-model on the api surface on 2027-01-07/),
        },
      ]);
      expect(actuals(reconciled).spring).toBe('0.03'); // the priced bucket: 1,000 image tokens at $30 / 1M
    }
  });
});

describe('matching passes', () => {
  const day = '2027-01-05';
  const base = () => ledger({ metered: [request(day, '1', 'spring-catalog', { project: 'proj_growth' })] });

  it('a campaign equal to a row id or name goes to that row, before any rule', () => {
    const plan = planWith([row('a', { name: 'Spring catalog' }), row('b')], base(), {
      rules: [{ id: 'r1', when: { field: 'project', value: 'proj_growth' }, to: { kind: 'row', rowId: 'b' } }],
    });
    const rec = reconcile(plan);
    expect(actuals(rec)).toEqual({ a: '1.00', b: '0.00', unassigned: '0.00' });
    expect([...(rec.rows[0]?.matchedBy ?? [])]).toEqual([['campaign', 1_000_000]]);
  });

  it('rules apply in order, the first that matches deciding, before the model pass', () => {
    const plan = planWith([row('a'), row('b')], base(), {
      rules: [
        { id: 'r1', when: { field: 'tag', value: 'campaign:spring-catalog' }, to: { kind: 'row', rowId: 'b' } },
        { id: 'r2', when: { field: 'project', value: 'proj_growth' }, to: { kind: 'row', rowId: 'a' } },
      ],
    });
    const rec = reconcile(plan);
    expect(actuals(rec)).toEqual({ a: '0.00', b: '1.00', unassigned: '0.00' });
    expect([...rec.byRule]).toEqual([['r1', { pieces: 1, micro: 1_000_000 }]]);
  });

  it('a team rule splits over the team rows running that day, by planned cost, exactly', () => {
    const rows = [row('a', { finals: 200 }), row('b', { finals: 100 }), row('c', { team: 'Brand' })];
    const plan = planWith(rows, ledger({ metered: [request(day, '1', '', { project: 'proj_growth' })] }), {
      rules: [{ id: 't', when: { field: 'project', value: 'proj_growth' }, to: { kind: 'team', team: 'growth' } }],
    });
    const rec = reconcile(plan);
    expect(actuals(rec)).toEqual({ a: '0.666667', b: '0.333333', c: '0.00', unassigned: '0.00' });
    // One bucket split over two rows: the rule placed one bucket (what `match --list` and the app count).
    expect([...rec.byRule]).toEqual([['t', { pieces: 1, micro: 1_000_000 }]]);
  });

  it('a team rule counts a row as running from its start day to its end day, both included', () => {
    const team = (dates: [string | null, string | null][]) =>
      dates.map(([startDate, endDate], i) => row(`r${i}`, { team: 'Growth', startDate, endDate, finals: 100 }));
    const rules: MatchRule[] = [
      { id: 't', when: { field: 'project', value: 'proj_growth' }, to: { kind: 'team', team: 'growth' } },
    ];
    const spend = ledger({ metered: [request(day, '3', '', { project: 'proj_growth' })] });
    const running = team([
      [day, day],
      ['2027-01-01', day],
      [day, '2027-02-01'],
      ['2027-01-01', '2027-01-04'], // ended the day before
      ['2027-01-06', '2027-01-09'], // starts the day after
      [null, null],
    ]);
    expect(actuals(reconcile(planWith(running, spend, { rules })))).toEqual({
      r0: '1.00',
      r1: '1.00',
      r2: '1.00',
      r3: '0.00',
      r4: '0.00',
      r5: '0.00',
      unassigned: '0.00',
    });
    // None running that day: the whole team.
    const idle = team([
      ['2027-01-01', '2027-01-04'],
      [null, null],
      ['2027-03-01', '2027-03-05'],
    ]);
    expect(actuals(reconcile(planWith(idle, spend, { rules })))).toEqual({
      r0: '1.00',
      r1: '1.00',
      r2: '1.00',
      unassigned: '0.00',
    });
  });

  it("keeps each day's measures for a row whose actuals come in more than one, and one set for a row in one", () => {
    const rules: MatchRule[] = [
      { id: 'm', when: { field: 'project', value: 'proj_m' }, to: { kind: 'row', rowId: 'a' } },
      { id: 'b', when: { field: 'project', value: 'proj_b' }, to: { kind: 'row', rowId: 'a' } },
      { id: 'o', when: { field: 'project', value: 'proj_o' }, to: { kind: 'row', rowId: 'b' } },
    ];
    const plan = planWith(
      [row('a'), row('b')],
      ledger({
        metered: [
          request('2027-01-04', '1', '', { project: 'proj_m' }),
          request('2027-01-06', '1', '', { project: 'proj_m' }),
          request('2027-01-04', '2', '', { project: 'proj_o' }),
          request('2027-01-05', '2', '', { project: 'proj_o' }),
        ],
        billed: [
          costLine('2027-01-05', '3', 'gpt-image-2, output', 'proj_b'),
          costLine('2027-01-06', '4', 'gpt-image-2, output', 'proj_b'),
        ],
      }),
      { rules },
    );
    const rec = reconcile(plan, { asOf: '2027-01-06' });
    const days = (id: string) =>
      [...(rec.rows.find((r) => r.row.id === id)?.measuresByDay ?? [])].map(([day, set]) => [day, [...set]]);
    expect(days('a')).toEqual([
      ['2027-01-04', ['metered']],
      ['2027-01-05', ['billed']],
      ['2027-01-06', ['billed', 'metered']],
    ]);
    expect(rec.rows.find((r) => r.row.id === 'a')?.measure).toBe('mixed');
    expect(days('b')).toEqual([
      ['2027-01-04', ['metered']],
      ['2027-01-05', ['metered']],
    ]);
    expect(rec.rows.find((r) => r.row.id === 'b')?.measuresByDay.get('2027-01-06')).toBeUndefined();
  });

  it('the model pass places spend only where exactly one row runs that model that day', () => {
    const one = planWith([row('a'), row('b', { model: 'gpt-image-1' })], ledger({ metered: [request(day, '1', '')] }));
    expect(actuals(reconcile(one))).toEqual({ a: '1.00', b: '0.00', unassigned: '0.00' });
    const two = planWith([row('a'), row('b')], ledger({ metered: [request(day, '1', '')] }));
    expect(actuals(reconcile(two))).toEqual({ a: '0.00', b: '0.00', unassigned: '1.00' });
  });

  it('a manual split comes before everything, and its parts add up to the bucket', () => {
    // With no rows, the bucket is Unassigned: its key is what the user assigns.
    const bucket = reconcile(planWith([], base())).unassignedPieces[0]?.key ?? '';
    expect(bucket).toBe('2027-01-05|proj_growth|||spring-catalog|campaign:spring-catalog|openai|gpt-image-2||metered');
    const plan = planWith([row('a'), row('b'), row('c')], base(), {
      assignments: [
        {
          bucket,
          parts: [
            { rowId: 'a', pct: '33.3333' },
            { rowId: 'b', pct: '33.3333' },
            { rowId: 'c', pct: '33.3334' },
          ],
        },
      ],
    });
    expect(actuals(reconcile(plan))).toEqual({ a: '0.333333', b: '0.333333', c: '0.333334', unassigned: '0.00' });
  });
});

describe('plan versus actual', () => {
  it('phases a row evenly by day, and its weeks add up to the planned cost', () => {
    const days = phaseByDay(1_000_000, '2027-01-06', '2027-01-12', 'even');
    expect([...(days?.values() ?? [])]).toEqual([142858, 142857, 142857, 142857, 142857, 142857, 142857]);
    expect([...sumByWeek(days ?? new Map())]).toEqual([
      ['2027-W01', 714_286],
      ['2027-W02', 285_714],
    ]);
    const front = [...(phaseByDay(100, '2027-01-01', '2027-01-04', 'front-loaded')?.values() ?? [])];
    expect(front).toEqual([40, 30, 20, 10]);
  });

  it('a phased row reads as a map by day: its days in order, each amount, and the sum to a day', () => {
    const days = phaseByDay(1_000_000, '2027-01-30', '2027-02-02', 'even');
    if (days === null) throw new Error('the row has dates');
    expect(new Map(days)).toEqual(
      new Map([
        ['2027-01-30', 250_000],
        ['2027-01-31', 250_000],
        ['2027-02-01', 250_000],
        ['2027-02-02', 250_000],
      ]),
    );
    expect([...days.keys()]).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
    expect(days.get('2027-02-01')).toBe(250_000);
    expect(days.get('2027-02-03')).toBeUndefined();
    expect(days.has('2027-01-29')).toBe(false);
    const visited: string[] = [];
    days.forEach((m, day) => visited.push(`${day} ${m}`));
    expect(visited).toHaveLength(4);
    expect([days.sumThrough('2027-01-29'), days.sumThrough('2027-01-31'), days.sumThrough('2099-01-01')]).toEqual([
      0, 500_000, 1_000_000,
    ]);
  });

  it('a phased row sums by ISO week, Monday to Sunday, each week named by its first day in the row', () => {
    const weeks: [string, number][] = [];
    // Friday 2027-01-01 to Monday 2027-01-11: 64 on the first seven days, 63 on the other four.
    phaseByDay(700, '2027-01-01', '2027-01-11', 'even')?.forEachWeek((m, day) => weeks.push([day, m]));
    expect(weeks).toEqual([
      ['2027-01-01', 192],
      ['2027-01-04', 445],
      ['2027-01-11', 63],
    ]);
    const early: [string, number][] = [];
    // 0001-01-01 was a Monday too (day numbers below zero).
    phaseByDay(14, '0001-01-01', '0001-01-14', 'even')?.forEachWeek((m, day) => early.push([day, m]));
    expect(early).toEqual([
      ['0001-01-01', 7],
      ['0001-01-08', 7],
    ]);
  });

  it('a row dated from year 1 is phased over every day since (not from 1901: Date.UTC reads years below 100 so)', () => {
    const days = phaseByDay(693_154, '0001-01-01', '1900-03-01', 'even');
    expect(days?.size).toBe(719_162 - 25_508 + 1);
    expect([...(days?.keys() ?? [])].slice(0, 2)).toEqual(['0001-01-01', '0001-01-02']);
    expect([...(days?.values() ?? [])].reduce((s, m) => s + m, 0)).toBe(693_154);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(dayNumber('0001-01-01')).toBe(-719_162);
  });

  it('variance, forecast at the run rate, flags and the observed iteration factor', () => {
    // 2027-01-04 .. 2027-01-17 (14 days); as of 2027-01-10, 7 days elapsed.
    const spent = [request('2027-01-05', '3', 'a', { images: 30 }), request('2027-01-09', '0.5', 'a', { images: 5 })];
    const plan = planWith([row('a', { approvedFinals: 14 })], ledger({ metered: spent }));
    const rec = reconcile(plan, { asOf: '2027-01-10' });
    const a = rec.rows[0];
    expect(
      a && [usd(a.planned), usd(a.plannedToDate), usd(a.actual), usd(a.variance ?? Number.NaN), usd(a.forecast)],
    ).toEqual(['0.588', '0.294', '3.50', '2.912', '7.00']);
    expect(a?.flag).toBe('over-plan');
    expect(a?.observedFactor).toBe('2.50');
    const byWeek = groupReconciliation(rec, 'week');
    expect(byWeek.groups.map((g) => [g.key, usd(g.planned), usd(g.actual), usd(g.forecast)])).toEqual([
      ['2027-W01', '0.294', '3.50', '3.50'],
      ['2027-W02', '0.294', '0.00', '3.50'],
    ]);
    expect(byWeek.planned).toBe(a?.planned);
  });

  it('spreads a plan evenly with no amount per day kept, as largest remainder over equal days gives', () => {
    // An even spread is worked out from its total; against the amounts of allocateLargestRemainder.
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000, max: 1_000 }), fc.integer({ min: -(2 ** 50), max: 2 ** 50 })),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: -5, max: 100 }),
        (planned, offset, days, asOfOffset) => {
          const start = addDays('2027-01-01', offset);
          const end = addDays(start, days - 1);
          const spread = phaseByDay(planned, start, end, 'even');
          const amounts = allocateLargestRemainder(planned, new Array<number>(days).fill(1));
          const expected = amounts.map((m, i): [string, number] => [addDays(start, i), m]);
          expect([...(spread ?? [])]).toEqual(expected);
          const asOf = addDays(start, asOfOffset);
          const through = expected.filter(([day]) => day <= asOf).reduce((sum, [, m]) => sum + m, 0);
          expect(spread?.sumThrough(asOf)).toBe(through);
          const weeks = new Map<string, number>();
          for (const [day, m] of expected) weeks.set(isoWeek(day), (weeks.get(isoWeek(day)) ?? 0) + m);
          const byWeek: number[] = [];
          spread?.forEachWeek((m) => byWeek.push(m));
          expect(byWeek).toEqual([...weeks.values()]);
          expect(spread?.get(addDays(start, days - 1))).toBe(amounts[days - 1]);
          expect(spread?.get(addDays(start, days))).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('forecasts the run rate rounded half away from zero, refunds and amounts past 2^53 included', () => {
    // 2027-01-04 .. 2027-01-17; as of 2027-01-06: 3 days elapsed, 11 to come.
    const estimate = { ok: true, totalCost: 1_000_000, finalGenerations: ZERO, draftGenerations: ZERO };
    const reference = (actual: number) => {
      const units = BigInt(actual) * 11n;
      const q = units / 3n;
      const r = units % 3n;
      const away = (r < 0n ? -r : r) * 2n >= 3n ? (units < 0n ? q - 1n : q + 1n) : q;
      return actual + Number(away);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -50, max: 50 }),
          fc.integer({ min: -750_599_937_895_082, max: 750_599_937_895_082 }),
        ),
        (actual) => {
          const tally = { ...newRowTally(), actual };
          expect(rowReconciliation(row('a'), estimate, tally, '2027-01-06').forecast).toBe(reference(actual));
        },
      ),
    );
    // A product past 2^53 is worked out in BigInt: 2^50 x 11 / 3, rounded.
    const big = { ...newRowTally(), actual: 2 ** 50 };
    expect(2 ** 50 * 11).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const forecast = rowReconciliation(row('a'), estimate, big, '2027-01-06').forecast;
    expect(BigInt(forecast)).toBe(2n ** 50n + (2n ** 50n * 11n + 1n) / 3n);
  });

  it('refuses an As of that is no calendar day, saying how to write one', () => {
    const plan = planWith([row('a')], ledger({ metered: [request('2027-01-05', '1', 'a')] }));
    for (const asOf of ['2027-02-30', '2027-13-01', '27-01-05']) {
      const rec = reconcilePlan(plan, { asOf });
      expect(rec.ok ? null : rec.error).toBe(
        `"${asOf}" is not a calendar day: write a real date as YYYY-MM-DD, e.g. 2027-01-31`,
      );
    }
    expect(reconcilePlan(plan, { asOf: '2028-02-29' }).ok).toBe(true);
    const estimator = new PlanEstimator();
    const rec = new PlanReconciler().reconcile(plan, estimator.view(plan), '2027-02-30');
    expect(rec.ok ? null : rec.error).toContain('"2027-02-30" is not a calendar day');
  });

  it('reads a budget cap as the grid does: rounded to the micro-dollar', () => {
    const capped = row('a', { budgetCapUsd: '10.0000005' });
    const estimate = { ok: true, totalCost: 2_000_000, finalGenerations: ZERO, draftGenerations: ZERO };
    const rec = rowReconciliation(capped, estimate, { ...newRowTally(), actual: 1_000_000 }, '2027-01-06');
    expect(rec.budgetLeft).toBe(10_000_001 - 1_000_000);
    expect(budgetRemaining(capped, 1_000_000)).toBe(rec.budgetLeft);
  });

  it('as-of leaves later actuals out; Unassigned is in every total, never a group', () => {
    const plan = planWith(
      [row('a')],
      ledger({
        metered: [
          request('2027-01-05', '1', 'a'),
          request('2027-01-12', '2', 'a'),
          request('2027-01-06', '4', 'zz', { model: 'x' }),
        ],
      }),
    );
    const rec = reconcile(plan, { asOf: '2027-01-08' });
    for (const by of ['row', 'team', 'asset-type', 'week'] as const) {
      const report = groupReconciliation(rec, by);
      expect(usd(report.actual)).toBe('5.00');
      expect(usd(report.unassigned)).toBe('4.00');
      expect(report.groups.map((g) => g.key)).not.toContain('Unassigned');
    }
    expect(rec.asOf).toBe('2027-01-08');
    expect(reconcile(plan).asOf).toBe('2027-01-12');
  });
});

/** reconcileOnce (the app's reconciler, once), or the test fails with its error. */
function reconcileOnce(plan: Parameters<typeof reconcileOnceResult>[0]) {
  const r = reconcileOnceResult(plan);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
