import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { modelScenario } from '../../shared/estimate/model-scenario';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import { type PlanRow, RowInputs, type Scenario, type ScenarioOverride } from '../../shared/plan/plan-schema';
import { applyScenario, ScenarioOverrides } from '../../shared/plan/scenarios';
import { createPriceBook } from '../../shared/pricing/price-book';
import { fail, ok, type Result } from '../../shared/result';

/**
 * The rule applyScenario keeps, written the plain way (every override looked at for every row): each
 * row gets the "*" overrides and its own in the scenario's order, the later winning; the first override
 * whose value does not fit, going down the rows, fails the whole view.
 */
function applyScenarioByDefinition(rows: readonly PlanRow[], scenario: Scenario): Result<PlanRow[]> {
  const out: PlanRow[] = [];
  for (const row of rows) {
    let next: PlanRow = row;
    for (const o of scenario.overrides) {
      if (o.rowId !== '*' && o.rowId !== row.id) continue;
      const parsed = RowInputs.shape[o.field].safeParse(o.value);
      if (!parsed.success)
        return fail(
          `scenario "${scenario.name}": override of ${o.field} for row ${o.rowId} has value ${JSON.stringify(o.value)}, which ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
        );
      next = { ...next, [o.field]: parsed.data };
    }
    out.push(next);
  }
  return ok(out);
}

const ROW_IDS = ['a', 'b', 'c', 'd', 'e'];
const rowsArb = fc
  .uniqueArray(fc.constantFrom(...ROW_IDS), { minLength: 0, maxLength: 5 })
  .map((ids) => ids.map((id, i) => blankRow(id, { name: `Row ${id}`, finals: i + 1 })));
/** Overrides for rows that exist or not, "*", fields of every kind, values that fit and some that do not. */
const overrideArb: fc.Arbitrary<ScenarioOverride> = fc.oneof(
  fc.record({
    rowId: fc.constantFrom('*', 'zz', ...ROW_IDS),
    field: fc.constant('finals' as const),
    value: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1), fc.constant('ten')),
  }),
  fc.record({
    rowId: fc.constantFrom('*', ...ROW_IDS),
    field: fc.constantFrom('iterationFactor' as const, 'size' as const),
    value: fc.constantFrom('1.2', '2.5', '1024x1024', '1536x1024', null),
  }),
  fc.record({
    rowId: fc.constantFrom('*', ...ROW_IDS),
    field: fc.constant('quality' as const),
    value: fc.constantFrom('low', 'high', 3),
  }),
);
const scenarioArb = fc
  .array(overrideArb, { maxLength: 12 })
  .map((overrides): Scenario => ({ id: 's', name: 'S', description: '', overrides }));

describe('a scenario over many rows', () => {
  it('applies its overrides row by row exactly as the rule says, errors included (property)', () => {
    fc.assert(
      fc.property(rowsArb, scenarioArb, (rows, scenario) => {
        expect(applyScenario(rows, scenario)).toEqual(applyScenarioByDefinition(rows, scenario));
      }),
      { numRuns: 500 },
    );
  });

  it('names, per row, the overrides and fields that apply to it, "*" ones included, in order (property)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom('zz', ...ROW_IDS), (scenario, rowId) => {
        const index = new ScenarioOverrides(scenario);
        expect(index.forRow(rowId)).toEqual(scenario.overrides.filter((o) => o.rowId === '*' || o.rowId === rowId));
        const fields = scenario.overrides.filter((o) => o.rowId === '*' || o.rowId === rowId).map((o) => o.field);
        expect(index.fieldsOf(rowId)).toEqual(new Set(fields));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps rows no override touches as the same objects', () => {
    const rows = ROW_IDS.map((id) => blankRow(id));
    const scenario: Scenario = {
      id: 's',
      name: 'S',
      description: '',
      overrides: [{ rowId: 'b', field: 'finals', value: 9 }],
    };
    const shown = applyScenario(rows, scenario);
    if (!shown.ok) throw new Error(shown.error);
    expect(shown.value.map((r, i) => r === rows[i])).toEqual([true, false, true, true, true]);
    expect(shown.value[1]?.finals).toBe(9);
  });

  it('estimates a 20,000-row plan priced on another model (an override per row and field) as each row on that model', () => {
    // "Price this plan on model X" writes one override per row for each field it maps: before, every row
    // searched all of them (10^10 steps at 100k rows, 40 s in the CLI); the figures must not change.
    const plan = blankPlan('2026-11-28');
    for (let i = 0; i < 20_000; i++)
      plan.rows.push(
        blankRow(`r${i}`, {
          model: 'gpt-image-2',
          size: `${1024 + 16 * (i % 40)}x1024`,
          quality: i % 3 === 0 ? 'high' : 'medium',
          finals: 1 + (i % 97),
        }),
      );
    const made = modelScenario(plan.rows, 'gpt-image-1.5', createPriceBook([]), plan.meta.priceBookAsOf);
    if (!made.ok) throw new Error(made.error);
    expect(made.value.overrides.length).toBeGreaterThanOrEqual(20_000);
    const scenario: Scenario = {
      id: 'on-model',
      name: 'On model',
      description: '',
      overrides: [...made.value.overrides],
    };
    const switched = estimatePlan({ ...plan, scenarios: [scenario] }, { scenario: 'on-model' });
    if (!switched.ok) throw new Error(switched.error);
    // The same rows written out on the model, with no scenario, estimate the same.
    const shown = applyScenarioByDefinition(plan.rows.slice(0, 2_000), scenario);
    if (!shown.ok) throw new Error(shown.error);
    const direct = estimatePlan({ ...plan, rows: shown.value }, { scenario: null });
    if (!direct.ok) throw new Error(direct.error);
    const firstRows = switched.value.rows.slice(0, 2_000);
    expect(firstRows.map((r) => r.row.model)).toEqual(Array(2_000).fill('gpt-image-1.5'));
    expect(firstRows.map((r) => (r.estimate.ok ? r.estimate.totalCost : r.estimate.errors))).toEqual(
      direct.value.rows.map((r) => (r.estimate.ok ? r.estimate.totalCost : r.estimate.errors)),
    );
  });
});

describe('the index of a scenario brought up to date after an edit (ScenarioOverrides.update)', () => {
  type Step =
    | { kind: 'remove'; at: number }
    | { kind: 'append'; override: ScenarioOverride }
    | { kind: 'replace'; at: number; override: ScenarioOverride }
    | { kind: 'insert'; at: number; override: ScenarioOverride }
    | { kind: 'reverse' };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(20) }),
    fc.record({ kind: fc.constant('append' as const), override: overrideArb }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(20), override: overrideArb }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(20), override: overrideArb }),
    fc.constant({ kind: 'reverse' as const }),
  );
  function after(overrides: readonly ScenarioOverride[], steps: readonly Step[]): ScenarioOverride[] {
    const next = [...overrides];
    for (const step of steps) {
      if (step.kind === 'reverse') next.reverse();
      else if (step.kind === 'append') next.push({ ...step.override });
      else if (step.kind === 'insert') next.splice(step.at % (next.length + 1), 0, { ...step.override });
      else if (next.length > 0) {
        if (step.kind === 'remove') next.splice(step.at % next.length, 1);
        else next[step.at % next.length] = { ...step.override };
      }
    }
    return next;
  }
  const ids = ['*', 'zz', ...ROW_IDS];

  it('gives every row the overrides a fresh index gives, or refuses and changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(overrideArb, { maxLength: 30 }), fc.array(stepArb, { maxLength: 4 }), (overrides, steps) => {
        const scenario: Scenario = { id: 's', name: 'S', description: '', overrides };
        const index = new ScenarioOverrides(scenario);
        const listsBefore = ids.map((id) => index.forRow(id));
        const next = after(overrides, steps);
        const fresh = new ScenarioOverrides({ ...scenario, overrides: next });
        if (index.update({ ...scenario, overrides: next })) {
          for (const id of ids) expect(index.forRow(id)).toEqual(fresh.forRow(id));
        } else {
          // Refused: nothing changed, and a fresh index is the way on.
          ids.forEach((id, i) => expect(index.forRow(id)).toBe(listsBefore[i]));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  const scenarioOf = (overrides: ScenarioOverride[]): Scenario => ({ id: 's', name: 'S', description: '', overrides });

  it('takes the usual edits in place: an override changed, added or taken back; not one of every row ("*")', () => {
    const overrides: ScenarioOverride[] = ROW_IDS.map((rowId) => ({ rowId, field: 'finals', value: 5 }));
    const index = new ScenarioOverrides({ id: 's', name: 'S', description: '', overrides });
    const rowA = index.forRow('a');
    const changed = [...overrides.filter((o) => o.rowId !== 'b'), { rowId: 'b', field: 'finals' as const, value: 7 }];
    expect(index.update(scenarioOf(changed))).toBe(true);
    expect(index.forRow('b')).toEqual([{ rowId: 'b', field: 'finals', value: 7 }]);
    // Rows the edit did not touch keep their very list: the grid sees them unchanged.
    expect(index.forRow('a')).toBe(rowA);
    const taken = changed.filter((o) => o.rowId !== 'c');
    expect(index.update(scenarioOf(taken))).toBe(true);
    expect(index.forRow('c')).toEqual([]);
    expect(index.update(scenarioOf([...taken, { rowId: '*', field: 'quality', value: 'low' }]))).toBe(false);
  });
});
