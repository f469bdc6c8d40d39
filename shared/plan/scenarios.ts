import { fail, ok, type Result } from '../result';
import {
  type PlanDocument,
  type PlanRow,
  type RowInputField,
  RowInputs,
  type Scenario,
  type ScenarioOverride,
} from './plan-schema';

export function findScenario(plan: PlanDocument, nameOrId: string): Scenario | undefined {
  return (
    plan.scenarios.find((s) => s.id === nameOrId) ??
    plan.scenarios.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase())
  );
}

/** The scenario a key (id or name) names, null for the base plan (key null); an unknown key fails, listing the plan's scenarios. */
export function resolveScenario(plan: PlanDocument, key: string | null): Result<Scenario | null> {
  if (key === null) return ok(null);
  const scenario = findScenario(plan, key);
  if (scenario) return ok(scenario);
  const names = plan.scenarios.map((s) => `"${s.name}"`).join(', ');
  return fail(`there is no scenario "${key}" in this plan${names ? `: choose one of ${names}` : ' (it has none)'}`);
}

const NO_OVERRIDES: readonly ScenarioOverride[] = Object.freeze([]);
/** Shared by every row no scenario touches: at 100k rows, one Set per row was a tenth of opening a plan. */
const NO_FIELDS: ReadonlySet<string> = new Set<string>();

/**
 * A scenario's overrides grouped by the row they apply to, in one pass over them: a plan of 100k rows
 * under a scenario with an override per row ("price this plan on model X" makes one) would otherwise
 * search every override for every row, 10^10 steps.
 */
export class ScenarioOverrides {
  /** Per row id with overrides of its own: those and the "*" ones, in the scenario's order. */
  private readonly byRow = new Map<string, ScenarioOverride[]>();
  /** The "*" overrides, for every other row. */
  private readonly everyRow: readonly ScenarioOverride[];
  /** The overrides this index holds, as the scenario lists them. */
  private source: readonly ScenarioOverride[];

  constructor(scenario: Scenario | null | undefined) {
    this.source = scenario?.overrides ?? NO_OVERRIDES;
    const everyRow: ScenarioOverride[] = [];
    for (const o of this.source) {
      if (o.rowId === '*') {
        everyRow.push(o);
        for (const list of this.byRow.values()) list.push(o);
        continue;
      }
      const list = this.byRow.get(o.rowId);
      if (list) list.push(o);
      else this.byRow.set(o.rowId, everyRow.length === 0 ? [o] : [...everyRow, o]);
    }
    this.everyRow = everyRow.length > 0 ? everyRow : NO_OVERRIDES;
  }

  /** The overrides that apply to a row ("*" and its own), in the scenario's order (later ones win). */
  forRow(rowId: string): readonly ScenarioOverride[] {
    // No row has overrides of its own (the usual case): no lookup per row.
    return this.byRow.size === 0 ? this.everyRow : (this.byRow.get(rowId) ?? this.everyRow);
  }

  /** Which inputs of a row the scenario overrides (for highlighting and reset in the grid). */
  fieldsOf(rowId: string): ReadonlySet<string> {
    return fieldsOfOverrides(this.forRow(rowId));
  }

  /**
   * Brings the index to the scenario's overrides after an edit (`next`), in place: true when done, with
   * every row the edit did not touch keeping the very list it had (so a grid sees it unchanged); false
   * (nothing changed) when `next` is not the current overrides with a few removed and a few added, or
   * touches a "*" one: build a new index then. Rebuilding the index of a scenario that overrides each of
   * 100k rows costs more than an edit may take.
   */
  update(scenario: Scenario | null | undefined): boolean {
    const before = this.source;
    const next = scenario?.overrides ?? NO_OVERRIDES;
    if (next === before) return true;
    // Walk both lists: an override of `before` met in `next` in the same order was kept; any other was
    // removed; one `next` has just before a kept one, or beyond the last, was added (an undo puts back
    // an override where it was).
    const touched = new Set<string>();
    const touch = (o: ScenarioOverride) => o.rowId !== '*' && touched.add(o.rowId).size <= MAX_ROWS_UPDATED;
    let j = 0;
    for (let i = 0; i < before.length; i++) {
      const o = before[i] as ScenarioOverride;
      if (next[j] === o) j++;
      else if (next[j + 1] === o) {
        if (!touch(next[j] as ScenarioOverride)) return false;
        j += 2;
      } else if (!touch(o)) return false;
    }
    for (; j < next.length; j++) if (!touch(next[j] as ScenarioOverride)) return false;
    // Kept overrides may sit among added ones: each touched row's list is read again from `next`.
    for (const rowId of touched) {
      const own = next.filter((o) => o.rowId === rowId || o.rowId === '*');
      if (own.length > this.everyRow.length) this.byRow.set(rowId, own);
      else this.byRow.delete(rowId);
    }
    this.source = next;
    return true;
  }
}
/** The inputs a row's overrides (ScenarioOverrides.forRow) set: one shared empty set for none. */
export function fieldsOfOverrides(overrides: readonly ScenarioOverride[]): ReadonlySet<string> {
  return overrides.length === 0 ? NO_FIELDS : new Set(overrides.map((o) => o.field));
}

/** Rows an edit may touch for ScenarioOverrides.update to bring the index up to date in place. */
const MAX_ROWS_UPDATED = 16;

/**
 * The rows as a scenario sees them: its overrides applied over the base rows ("*" = every row, a row id =
 * that row; later overrides win). An override whose value does not fit the field is reported, not applied:
 * the first such one met going down the rows, each row's overrides in the scenario's order.
 */
export function applyScenario(rows: readonly PlanRow[], scenario: Scenario | null | undefined): Result<PlanRow[]> {
  if (!scenario || scenario.overrides.length === 0) return ok([...rows]);
  const overrides = new ScenarioOverrides(scenario);
  // Each override's value checked once, not once per row it applies to ("*" applies to all).
  const checked: CheckedOverrides = new Map();
  const out: PlanRow[] = [];
  for (const row of rows) {
    const own = overrides.forRow(row.id);
    // Most rows of a scenario have no override: kept as they are, with no Result made for each.
    if (own.length === 0) {
      out.push(row);
      continue;
    }
    const shown = rowWithOverrides(row, own, scenario, checked);
    if (!shown.ok) return shown;
    out.push(shown.value);
  }
  return ok(out);
}

/** Override values as checked, by override: shared by the rows a pass over a plan applies them to. */
export type CheckedOverrides = Map<ScenarioOverride, Result<PlanRow[RowInputField]>>;

/**
 * A row as the scenario shows it, given the overrides that apply to it (ScenarioOverrides.forRow): the
 * row itself when there are none, else a copy with each applied in order; the first whose value does not
 * fit its field fails, as applyScenario says.
 */
export function rowWithOverrides(
  row: PlanRow,
  overrides: readonly ScenarioOverride[],
  scenario: Scenario,
  checked: CheckedOverrides = new Map(),
): Result<PlanRow> {
  if (overrides.length === 0) return ok(row);
  const next: Record<string, unknown> = { ...row };
  for (const o of overrides) {
    let value = checked.get(o);
    if (value === undefined) {
      value = checkedOverride(scenario, o);
      checked.set(o, value);
    }
    if (!value.ok) return value;
    next[o.field] = value.value;
  }
  return ok(next as PlanRow);
}

/** Override values each field's schema took, by field and value (only values taken: a refusal names its row). */
const acceptedValues = new Map<RowInputField, Map<unknown, Result<PlanRow[RowInputField]>>>();
const MAX_ACCEPTED_VALUES = 10_000;

/** An override's value as its field takes it, or why it does not fit. */
function checkedOverride(scenario: Scenario, o: ScenarioOverride): Result<PlanRow[RowInputField]> {
  // A scenario repeats a few values over many rows ("1.2" on 2,000 of them): each value is checked once.
  let accepted = acceptedValues.get(o.field);
  if (accepted === undefined) {
    accepted = new Map();
    acceptedValues.set(o.field, accepted);
  }
  // -0 is left out: a Map takes it for 0, and the row should keep the value it was given.
  const cacheable = !Object.is(o.value, -0);
  const known = cacheable ? accepted.get(o.value) : undefined;
  if (known !== undefined) return known;
  const parsed = RowInputs.shape[o.field].safeParse(o.value);
  if (parsed.success) {
    const value = ok(parsed.data);
    if (accepted.size >= MAX_ACCEPTED_VALUES) accepted.clear();
    if (cacheable) accepted.set(o.value, value);
    return value;
  }
  return fail(
    `scenario "${scenario.name}": override of ${o.field} for row ${o.rowId} has value ${JSON.stringify(o.value)}, which ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
  );
}
