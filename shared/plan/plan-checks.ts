import { compare, parseExact } from '../money/exact';
import { showValue } from '../safe-text';
import { type PlanDocument, RowInputs } from './plan-schema';
import { ROW_INPUTS } from './row-fields';

/**
 * What the schema alone cannot say about a plan: the checks every entry point runs after it (validate,
 * estimate and export through parsePlanDocument, the workbook import, the app's save and export), so a
 * plan that passes here estimates, exports and comes back from its workbook unchanged.
 */

export interface PlanProblem {
  /** JSON path of what is wrong, e.g. "priceEntries[3].id". */
  readonly path: string;
  readonly message: string;
}

/**
 * The largest budget cap kept exactly: caps are summed in integer micro-dollars, which must stay below
 * 2^53. A larger cap would be dropped silently from the budget total.
 */
export const MAX_BUDGET_CAP_USD = '9007199254.740991';
const MAX_CAP = parseExact(MAX_BUDGET_CAP_USD);

function duplicates<T>(items: readonly T[], key: (item: T) => string, path: (i: number) => string, what: string) {
  // The usual answer (none) from one Set pass; only a list with a repeat is walked again to say where.
  const distinct = new Set<string>();
  for (let i = 0; i < items.length; i++) distinct.add(key(items[i] as T));
  if (distinct.size === items.length) return [];
  const seen = new Map<string, number>();
  const out: PlanProblem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else
      out.push({
        path: path(i),
        message: `the ${what} "${showValue(k)}" is used twice (also at ${path(first)}); every ${what} must be unique`,
      });
  });
  return out;
}

function budgetCapProblem(text: string | null): string | null {
  if (text === null || MAX_CAP === null) return null;
  // Nine whole digits or fewer is below 10^9 USD, well inside the limit: no parse for the usual cap.
  const point = text.indexOf('.');
  if ((point < 0 ? text.length : point) <= 9) return null;
  const cap = parseExact(text);
  if (cap === null || compare(cap, MAX_CAP) <= 0) return null;
  return `a budget cap of ${showValue(text)} USD is beyond the largest Pixel Ledger keeps exactly (${MAX_BUDGET_CAP_USD} USD): use a smaller cap, or none`;
}

/**
 * Overrides whose value the field does not take (finals "lots"): the scenario could not be estimated or
 * exported. Which rows an override names is not checked: one left by a deleted row changes nothing.
 */
function overrideProblems(plan: PlanDocument): PlanProblem[] {
  const out: PlanProblem[] = [];
  plan.scenarios.forEach((scenario, i) => {
    scenario.overrides.forEach((o, j) => {
      if (RowInputs.shape[o.field].safeParse(o.value).success) return;
      out.push({
        path: `scenarios[${i}].overrides[${j}].value`,
        message: `scenario "${showValue(scenario.name, 60)}" overrides ${o.field} with ${showValue(JSON.stringify(o.value), 60)}, where ${o.field} takes ${ROW_INPUTS[o.field].expectation}: change or remove the override`,
      });
    });
  });
  return out;
}

/** Every problem, in document order (empty: the plan is consistent). */
export function planProblems(plan: PlanDocument): PlanProblem[] {
  const problems: PlanProblem[] = [
    ...duplicates(
      plan.rows,
      (r) => r.id,
      (i) => `rows[${i}].id`,
      'row id',
    ),
    ...duplicates(
      plan.priceEntries,
      (e) => e.id,
      (i) => `priceEntries[${i}].id`,
      'price entry id',
    ),
    ...duplicates(
      plan.scenarios,
      (s) => s.id,
      (i) => `scenarios[${i}].id`,
      'scenario id',
    ),
  ];
  if (plan.activeScenarioId !== null && !plan.scenarios.some((s) => s.id === plan.activeScenarioId))
    problems.push({
      path: 'activeScenarioId',
      message: `the active scenario "${showValue(plan.activeScenarioId)}" is not one of the plan's scenarios: choose one of them, or none (null)`,
    });
  plan.rows.forEach((row, i) => {
    const cap = budgetCapProblem(row.budgetCapUsd);
    if (cap !== null) problems.push({ path: `rows[${i}].budgetCapUsd`, message: cap });
  });
  problems.push(...overrideProblems(plan));
  return problems;
}

/** The problems as one message ("path: what; path: what (and N more)"), or null when there are none. */
export function describePlanProblems(plan: PlanDocument, max = 5): string | null {
  const problems = planProblems(plan);
  if (problems.length === 0) return null;
  const shown = problems.slice(0, max).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > max ? ` (and ${problems.length - max} more)` : '';
  return `the plan is not valid: ${shown.join('; ')}${more}`;
}
