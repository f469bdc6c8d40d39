import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import type { MatchRule } from '../../../shared/reconcile/match-rules';
import { PlanReconciler, reconcileOnce } from '../../../shared/reconcile/plan-reconciler';
import { type ReconcileOptions, type Reconciliation, reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { groupReconciliation } from '../../../shared/reconcile/reconcile-groups';
import { weeklyView } from '../../../shared/reconcile/weekly-view';
import { costLine, ledger, planWith, reconcile, request, row } from './support';

/**
 * The incremental reconciler (the one the grid and the benchmark run) against a full reconcilePlan,
 * on a plan whose spend team rules split over dated rows: a cost edit re-weights the split of every
 * piece on the edited row's days, and only those.
 */
const DAYS = ['2027-01-04', '2027-01-06', '2027-01-09', '2027-01-12', '2027-01-15', '2027-01-19'];

function teamPlan(): PlanDocument {
  const rows: PlanRow[] = [
    row('a1', { team: 'Brand', startDate: '2027-01-04', endDate: '2027-01-10', finals: 40 }),
    row('a2', { team: 'Brand', startDate: '2027-01-06', endDate: '2027-01-20', finals: 7 }),
    row('a3', { team: 'brand ', startDate: '2027-01-12', endDate: '2027-01-14', finals: 0 }),
    row('a4', { team: 'Brand', startDate: null, endDate: null, finals: 13 }),
    row('b1', { team: 'Growth', startDate: '2027-01-04', endDate: '2027-01-31', finals: 90 }),
    row('b2', { team: 'Growth', startDate: '2027-01-09', endDate: '2027-01-15', finals: 3, quality: 'high' }),
    row('c1', { team: 'Ecommerce', finals: 25 }),
  ];
  const metered = DAYS.flatMap((day, i) => [
    request(day, `1.${i}3`, '', { project: 'proj_a', images: 3 + i }),
    request(day, `0.7${i}`, '', { project: 'proj_b', images: 2 }),
    request(day, '0.25', 'c1', { project: 'proj_a' }),
  ]);
  const billed = DAYS.slice(0, 3).map((day, i) => costLine(day, `2.${i}7`, 'gpt-image-2, output', 'proj_b'));
  const rules: MatchRule[] = [
    { id: 'ra', when: { field: 'project', value: 'proj_a' }, to: { kind: 'team', team: 'Brand' } },
    { id: 'rb', when: { field: 'project', value: 'proj_b' }, to: { kind: 'team', team: 'Growth' } },
  ];
  return planWith(rows, ledger({ billed, metered }), { rules });
}

const ROWS = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1'];
type Edit = { rowId: string; change: Partial<PlanRow> };
const edit: fc.Arbitrary<Edit> = fc.record({
  rowId: fc.constantFrom(...ROWS),
  change: fc.oneof(
    fc.record({ finals: fc.integer({ min: 0, max: 5000 }) }),
    fc.record({ iterationFactor: fc.constantFrom('1', '2.5', '4') }),
    fc.record({ quality: fc.constantFrom<PlanRow['quality']>('low', 'medium', 'high') }),
    fc.record({ team: fc.constantFrom('Brand', 'Growth', '') }),
    fc.record({ endDate: fc.constantFrom<string | null>(null, '2027-01-12', '2027-01-25') }),
    fc.record({ approvedFinals: fc.constantFrom<number | null>(null, 0, 4) }),
  ),
});

function applyEdit(doc: PlanDocument, e: Edit): PlanDocument {
  return { ...doc, rows: doc.rows.map((r) => (r.id === e.rowId ? { ...r, ...e.change } : r)) };
}

describe('the incremental reconciler with team rules', () => {
  it('equals a full reconcilePlan after any sequence of edits, team-split cost edits included', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 15 }), (edits) => {
        const estimator = new PlanEstimator();
        const reconciler = new PlanReconciler();
        let doc = teamPlan();
        for (const e of [null, ...edits]) {
          if (e) doc = applyEdit(doc, e);
          const incremental = reconciler.reconcile(doc, estimator.view(doc));
          if (!incremental.ok) throw new Error(incremental.error);
          expect(incremental.value).toEqual(reconcile(doc));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('equals a full reconcilePlan when rows move, come and go, As of moves and rules change between edits', () => {
    type Step =
      | { kind: 'edit'; edit: Edit }
      | { kind: 'swap'; a: number; b: number }
      | { kind: 'remove'; at: number }
      | { kind: 'add'; at: number }
      | { kind: 'as-of'; day: string | null }
      | { kind: 'drop-rule' };
    const index = fc.integer({ min: 0, max: ROWS.length - 1 });
    const step: fc.Arbitrary<Step> = fc.oneof(
      edit.map((e): Step => ({ kind: 'edit', edit: e })),
      fc.record({ a: index, b: index }).map(({ a, b }): Step => ({ kind: 'swap', a, b })),
      index.map((at): Step => ({ kind: 'remove', at })),
      index.map((at): Step => ({ kind: 'add', at })),
      fc.constantFrom<string | null>(null, ...DAYS).map((day): Step => ({ kind: 'as-of', day })),
      fc.constant<Step>({ kind: 'drop-rule' }),
    );
    let added = 0;
    const apply = (doc: PlanDocument, s: Step): PlanDocument => {
      const rows = [...doc.rows];
      if (s.kind === 'edit') return applyEdit(doc, s.edit);
      if (s.kind === 'swap' && rows[s.a] && rows[s.b])
        [rows[s.a], rows[s.b]] = [rows[s.b] as PlanRow, rows[s.a] as PlanRow];
      if (s.kind === 'remove' && rows.length > 1) rows.splice(s.at % rows.length, 1);
      if (s.kind === 'add')
        rows.splice(
          s.at % (rows.length + 1),
          0,
          row(`n${(added += 1)}`, { team: 'Brand', startDate: '2027-01-05', endDate: '2027-01-16', finals: 11 }),
        );
      if (s.kind === 'drop-rule') return { ...doc, actuals: { ...doc.actuals, rules: doc.actuals.rules.slice(1) } };
      return { ...doc, rows };
    };
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => {
        const estimator = new PlanEstimator();
        const reconciler = new PlanReconciler();
        let doc = teamPlan();
        let asOf: string | null = null;
        for (const s of [null, ...steps]) {
          if (s?.kind === 'as-of') asOf = s.day;
          else if (s) doc = apply(doc, s);
          const incremental = reconciler.reconcile(doc, estimator.view(doc), asOf);
          if (!incremental.ok) throw new Error(incremental.error);
          expect(incremental.value).toEqual(reconcile(doc, { asOf }));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('a cost edit on a team row moves its team’s split to the micro-dollar and leaves other pieces as they were', () => {
    const estimator = new PlanEstimator();
    const reconciler = new PlanReconciler();
    const doc = teamPlan();
    const first = reconciler.reconcile(doc, estimator.view(doc));
    const edited = applyEdit(doc, { rowId: 'a2', change: { finals: 700 } });
    const second = reconciler.reconcile(edited, estimator.view(edited));
    if (!first.ok || !second.ok) throw new Error('reconcile');
    const actual = (rec: typeof first.value, id: string) => rec.rows.find((r) => r.row.id === id)?.actual ?? 0;
    expect(actual(second.value, 'a2')).toBeGreaterThan(actual(first.value, 'a2'));
    expect(actual(second.value, 'a1')).toBeLessThan(actual(first.value, 'a1'));
    // Growth's split and the campaign's row do not move; nothing is lost or made.
    for (const id of ['b1', 'b2', 'c1']) expect(actual(second.value, id)).toBe(actual(first.value, id));
    const total = (rec: typeof first.value) => rec.rows.reduce((s, r) => s + r.actual, rec.unassigned);
    expect(total(second.value)).toBe(total(first.value));
    expect(total(second.value)).toBe(second.value.ledgerTotal);
    const partsOf = (rec: typeof first.value) => new Map(rec.parts.map((p) => [p.piece, 0]));
    const sums = partsOf(second.value);
    for (const p of second.value.parts) sums.set(p.piece, (sums.get(p.piece) ?? 0) + p.micro);
    for (const [piece, sum] of sums) expect(sum).toBe(piece.micro);
  });

  it('an earlier reconciliation keeps its own parts and days after later edits split its pieces again', () => {
    const estimator = new PlanEstimator();
    const reconciler = new PlanReconciler();
    const docs = [teamPlan()];
    for (const finals of [700, 3, 1500, 40])
      docs.push(applyEdit(docs[docs.length - 1] as PlanDocument, { rowId: 'a2', change: { finals } }));
    const recs = docs.map((d) => reconciler.reconcile(d, estimator.view(d)));
    // Read only now, after every edit: each has the parts and the rows' actuals by day of its own plan
    // (re-splits reuse amount arrays, and copy the tallies they move).
    const days = (r: Reconciliation) => r.rows.map((row) => [row.row.id, [...row.actualByDay]]);
    recs.forEach((rec, i) => {
      if (!rec.ok) throw new Error(rec.error);
      const full = reconcile(docs[i] as PlanDocument);
      expect(rec.value.parts).toEqual(full.parts);
      expect(days(rec.value)).toEqual(days(full));
    });
  });

  it('reconcileOnce (the CLI report) gives what reconcilePlan gives, under any scenario and As of', () => {
    const doc: PlanDocument = {
      ...teamPlan(),
      scenarios: [
        {
          id: 'big',
          name: 'Bigger',
          description: '',
          overrides: [
            { rowId: 'a2', field: 'finals', value: 300 },
            { rowId: '*', field: 'iterationFactor', value: '2' },
          ],
        },
      ],
      activeScenarioId: 'big',
    };
    const cases: ReconcileOptions[] = [{}, { scenario: null }, { scenario: 'Bigger' }, { asOf: '2027-01-09' }];
    for (const options of cases) {
      const once = reconcileOnce(doc, options);
      expect(once.ok ? once.value : once.error).toEqual(reconcile(doc, options));
    }
    for (const options of [{ scenario: 'nope' }, { asOf: '2027-02-30' }]) {
      const once = reconcileOnce(doc, options);
      const full = reconcilePlan(doc, options);
      expect(once.ok || full.ok).toBe(false);
      expect(once.ok ? '' : once.error).toBe(full.ok ? '' : full.error);
    }
  });

  it('a rule that splits a piece over its team counts the piece once in what it matched', () => {
    const rec = reconcile(teamPlan());
    const proj = (id: string) => rec.parts.filter((p) => p.by === `rule:${id}`);
    expect(new Set(proj('ra').map((p) => p.piece)).size).toBe(DAYS.length);
    expect(proj('ra').length).toBeGreaterThan(DAYS.length); // split over the Brand rows running each day
    expect(rec.byRule.get('ra')).toEqual({
      pieces: DAYS.length,
      micro: proj('ra').reduce((s, p) => s + p.micro, 0),
    });
  });

  it('equals a full reconcilePlan, by row and by week, after cost edits to the rows of teams split over hundreds', () => {
    // Splits of more than 256 rows (the leftover units go by bucket), pieces with images, two rules
    // splitting over one team (a split's pieces placed by different rules), and a day no team row runs.
    const big = bigTeamPlan();
    const team = big.rows.flatMap((r, i) => (r.team === 'Brand' ? [i] : []));
    const costEdit = fc.record({
      at: fc.nat(team.length - 1),
      finals: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1_000, max: 90_000 })),
    });
    fc.assert(
      fc.property(fc.array(costEdit, { minLength: 1, maxLength: 6 }), (edits) => {
        const estimator = new PlanEstimator();
        const reconciler = new PlanReconciler();
        let doc = big;
        for (const e of [null, ...edits]) {
          const rowIndex = e === null ? -1 : (team[e.at] as number);
          if (e) doc = { ...doc, rows: doc.rows.map((r, i) => (i === rowIndex ? { ...r, finals: e.finals } : r)) };
          const incremental = reconciler.reconcile(doc, estimator.view(doc));
          if (!incremental.ok) throw new Error(incremental.error);
          const full = reconcile(doc);
          expect(incremental.value.rows).toEqual(full.rows);
          expect(groupReconciliation(incremental.value, 'row')).toEqual(groupReconciliation(full, 'row'));
          expect(weeklyView(incremental.value)).toEqual(weeklyView(full));
        }
      }),
      { numRuns: 12 },
    );
  });
});

/** 700 rows, 520 of them in team Brand (most running on the ledger's days), and metered spend with images. */
function bigTeamPlan(): PlanDocument {
  const days = ['2027-01-04', '2027-01-05', '2027-01-07', '2027-01-12', '2027-01-20'];
  const rows: PlanRow[] = Array.from({ length: 700 }, (_, i) =>
    row(`r${i}`, {
      team: i % 4 === 3 ? 'Growth' : 'Brand',
      startDate: i % 9 === 0 ? null : '2027-01-04',
      endDate: i % 9 === 0 ? null : i % 2 === 0 ? '2027-01-14' : '2027-01-08',
      finals: (i * 37) % 500,
      quality: i % 3 === 0 ? 'medium' : 'low',
    }),
  );
  const metered = days.flatMap((day, d) => [
    request(day, `${31 + d}.${17 * d + 3}`, '', { project: 'proj_a', images: 40 + d }),
    request(day, `7.0${d}`, '', { project: 'proj_b', images: 3 }),
    request(day, `12.${d}9`, '', { project: 'proj_a', model: 'gpt-image-1', images: 900 + d }),
  ]);
  const rules: MatchRule[] = [
    { id: 'ra', when: { field: 'model', value: 'gpt-image-1' }, to: { kind: 'team', team: 'Brand' } },
    { id: 'rb', when: { field: 'vendor', value: 'openai' }, to: { kind: 'team', team: 'brand' } },
  ];
  return planWith(rows, ledger({ metered }), { rules });
}
