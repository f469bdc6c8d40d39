import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeBatch } from '../../../shared/actuals/ledger/remove-batch';
import { allocateLargestRemainder } from '../../../shared/money/rounding';
import { PHASINGS } from '../../../shared/plan/row-fields';
import type { MatchRule } from '../../../shared/reconcile/match-rules';
import { phaseByDay } from '../../../shared/reconcile/phasing';
import type { Reconciliation } from '../../../shared/reconcile/reconcile-plan';
import { groupReconciliation, RECONCILE_GROUPINGS } from '../../../shared/reconcile/reconcile-groups';
import { importInto } from '../actuals/support/ledger-steps';
import { meta } from '../actuals/support/records';
import { costLine, ledger, planWith, reconcile, request, row } from './support';

const RUNS = { numRuns: 60 };

/** Largest remainder as written: BigInt shares, every index sorted by remainder (ties to the earlier). */
function largestRemainderByTheBook(total: number, weights: readonly number[]): number[] {
  const big = weights.map(BigInt);
  const sum = big.reduce((s, w) => s + w, 0n);
  const shares = sum === 0n ? big.map(() => 1n) : big;
  const den = sum === 0n ? BigInt(big.length) : sum;
  const size = BigInt(Math.abs(total));
  const parts = shares.map((w) => (size * w) / den);
  const order = shares.map((w, i) => ({ r: (size * w) % den, i }));
  order.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = size - parts.reduce((s, p) => s + p, 0n);
  for (const { i } of order) if (left-- > 0n) parts[i] = (parts[i] ?? 0n) + 1n;
  return parts.map((p) => (total < 0 && p !== 0n ? -Number(p) : Number(p)));
}
const DAYS = ['2027-01-03', '2027-01-04', '2027-01-05', '2027-01-11', '2027-01-18'];
const PROJECTS = ['proj_a', 'proj_b'];
const CAMPAIGNS = ['', 'a', 'b', 'Line c', 'nobody'];
const MODELS = ['gpt-image-2', 'gpt-image-1'];

const cents = fc.integer({ min: -200, max: 5000 }).map((c) => (c / 100).toFixed(2));
const metered = fc
  .record({
    day: fc.constantFrom(...DAYS),
    spend: cents,
    campaign: fc.constantFrom(...CAMPAIGNS),
    model: fc.constantFrom(...MODELS),
    project: fc.constantFrom(...PROJECTS),
    images: fc.nat(5),
  })
  .map((r) => request(r.day, r.spend, r.campaign, r));
const billed = fc
  .record({
    day: fc.constantFrom(...DAYS),
    amount: cents,
    model: fc.constantFrom(...MODELS),
    project: fc.constantFrom(...PROJECTS),
  })
  .map((r) => costLine(r.day, r.amount, `${r.model}, output`, r.project));
const rule: fc.Arbitrary<MatchRule> = fc.record({
  id: fc.constantFrom('r1', 'r2', 'r3'),
  when: fc.record({
    field: fc.constantFrom('project', 'model', 'campaign', 'tag'),
    value: fc.constantFrom('proj_a', 'proj_b', 'gpt-image-1', 'nobody', 'campaign:nobody'),
  }),
  to: fc.oneof(
    fc.record({ kind: fc.constant('row' as const), rowId: fc.constantFrom('a', 'b', 'c', 'gone') }),
    fc.record({ kind: fc.constant('team' as const), team: fc.constantFrom('Growth', 'Brand', 'Nobody') }),
  ),
});

const ROWS = [
  row('a'),
  row('b', { model: 'gpt-image-1', startDate: '2027-01-05', endDate: '2027-01-20', phasing: 'front-loaded' }),
  row('c', { team: 'Brand', finals: 7, startDate: null, endDate: null }),
];

/** What a user sees of a reconciliation: every row's actual and generations, Unassigned, the total. */
function seen(rec: Reconciliation): unknown {
  return {
    rows: rec.rows.map((r) => [r.row.id, r.actual, r.generations, r.forecast, r.measure]),
    unassigned: rec.unassigned,
    total: rec.ledgerTotal,
  };
}

describe('reconciliation properties', () => {
  it('a split adds up to the bucket exactly, each part within one micro-dollar of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.nat(1e9), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocateLargestRemainder(total, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
          const sum = weights.reduce((s, w) => s + w, 0);
          parts.forEach((p, i) => {
            const share = sum === 0 ? total / weights.length : (total * (weights[i] ?? 0)) / sum;
            expect(Math.abs(p - share)).toBeLessThan(1.0001);
          });
        },
      ),
      RUNS,
    );
  });

  it('splits exactly as largest remainder by the book, whether the products fit a number, the sum does, or neither', () => {
    const weight = fc.oneof(fc.nat(50), fc.nat(1e9), fc.constantFrom(0, 2 ** 40, 2 ** 52), fc.nat(2 ** 51));
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -40, max: 40 })),
        fc.array(weight, { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          expect(allocateLargestRemainder(total, weights)).toEqual(largestRemainderByTheBook(total, weights));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a row's phased plan adds up to its planned cost exactly", () => {
    fc.assert(
      fc.property(
        fc.nat(1e12),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...PHASINGS),
        (planned, length, phasing) => {
          const end = new Date(Date.UTC(2027, 0, 1 + length)).toISOString().slice(0, 10);
          const days = phaseByDay(planned, '2027-01-01', end, phasing);
          expect(days?.size).toBe(length + 1);
          expect([...(days?.values() ?? [])].reduce((s, m) => s + m, 0)).toBe(planned);
        },
      ),
      RUNS,
    );
  });

  it('an even spread is largest remainder with equal weights, refunds included (how forecasts spread what is to come)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 120 }), (amount, length) => {
        const end = new Date(Date.UTC(2027, 0, 1 + length)).toISOString().slice(0, 10);
        const spread = [...(phaseByDay(amount, '2027-01-01', end, 'even')?.values() ?? [])];
        expect(spread).toEqual(
          allocateLargestRemainder(
            amount,
            spread.map(() => 1),
          ),
        );
      }),
      RUNS,
    );
  });

  it('matched plus Unassigned equals the ledger total, in every grouping', () => {
    fc.assert(
      fc.property(
        fc.array(billed, { maxLength: 6 }),
        fc.array(metered, { maxLength: 15 }),
        fc.array(rule, { maxLength: 3 }),
        (b, m, rules) => {
          const rec = reconcile(planWith(ROWS, ledger({ billed: b, metered: m }), { rules }));
          const matched = rec.rows.reduce((s, r) => s + r.actual, 0);
          expect(matched + rec.unassigned).toBe(rec.ledgerTotal);
          for (const by of RECONCILE_GROUPINGS) {
            const report = groupReconciliation(rec, by);
            expect(report.actual).toBe(rec.ledgerTotal);
            expect(report.planned).toBe(report.groups.reduce((s, g) => s + g.planned, 0));
          }
        },
      ),
      RUNS,
    );
  });

  it('removing a rule restores the earlier result', () => {
    fc.assert(
      fc.property(
        fc.array(metered, { minLength: 1, maxLength: 15 }),
        fc.array(rule, { maxLength: 2 }),
        rule,
        (m, rules, extra) => {
          const actuals = ledger({ metered: m });
          const before = reconcile(planWith(ROWS, actuals, { rules }));
          const withIt = planWith(ROWS, actuals, { rules: [...rules, { ...extra, id: 'added' }] });
          const removed = {
            ...withIt,
            actuals: { ...withIt.actuals, rules: withIt.actuals.rules.filter((r) => r.id !== 'added') },
          };
          expect(seen(reconcile(removed))).toEqual(seen(before));
        },
      ),
      RUNS,
    );
  });

  it('removing a batch restores the earlier result', () => {
    fc.assert(
      fc.property(
        fc.array(metered, { minLength: 1, maxLength: 10 }),
        fc.array(billed, { minLength: 1, maxLength: 5 }),
        (m, b) => {
          const earlier = ledger({ metered: m });
          const later = importInto(earlier, meta('openai-costs', 'later-costs.csv'), b);
          const added = later.batches[later.batches.length - 1]?.id ?? '';
          const back = removeBatch(later, added);
          if (!back.ok) throw new Error(back.error);
          expect(seen(reconcile(planWith(ROWS, back.value)))).toEqual(seen(reconcile(planWith(ROWS, earlier))));
        },
      ),
      RUNS,
    );
  });
});
