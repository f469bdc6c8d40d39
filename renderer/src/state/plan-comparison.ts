import { estimatePlan, type PlanEstimate } from '../../../shared/estimate/estimate-plan';
import type { Micro } from '../../../shared/money/rounding';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../../shared/result';
import { ScenarioEstimates } from '../../../shared/estimate/plan-estimator';

export interface RowComparison {
  readonly rowId: string;
  readonly name: string;
  /** Micro-USD, null when the row has an error on that side. */
  readonly before: Micro | null;
  readonly after: Micro | null;
  readonly delta: Micro | null;
}

export interface PlanComparison {
  readonly rows: readonly RowComparison[];
  readonly beforeTotal: Micro;
  readonly afterTotal: Micro;
  readonly delta: Micro;
}

function compareEstimates(before: PlanEstimate, after: PlanEstimate): PlanComparison {
  const afterById = new Map(after.rows.map((r) => [r.row.id, r]));
  const rows: RowComparison[] = [];
  const seen = new Set<string>();
  for (const b of before.rows) {
    const a = afterById.get(b.row.id);
    seen.add(b.row.id);
    const bv = b.estimate.ok ? b.estimate.totalCost : null;
    const av = a && a.estimate.ok ? a.estimate.totalCost : null;
    rows.push({
      rowId: b.row.id,
      name: b.row.name,
      before: bv,
      after: av,
      delta: bv !== null && av !== null ? av - bv : null,
    });
  }
  for (const a of after.rows) {
    if (seen.has(a.row.id)) continue;
    const av = a.estimate.ok ? a.estimate.totalCost : null;
    rows.push({ rowId: a.row.id, name: a.row.name, before: null, after: av, delta: null });
  }
  return {
    rows,
    beforeTotal: before.totals.totalCost,
    afterTotal: after.totals.totalCost,
    delta: after.totals.totalCost - before.totals.totalCost,
  };
}

/**
 * Two scenarios of one plan side by side (null = the base plan). Pass the panel's own `estimates` to
 * re-estimate only what changed since the last comparison.
 */
export function compareScenarios(
  doc: PlanDocument,
  a: string | null,
  b: string | null,
  estimates = new ScenarioEstimates(),
): Result<PlanComparison> {
  const left = estimates.of(doc, a);
  if (!left.ok) return left;
  const right = estimates.of(doc, b);
  if (!right.ok) return right;
  return ok(compareEstimates(left.value, right.value));
}

/** The same plan before and after a change (re-pricing): what each row would cost, old → new. */
export function compareDocuments(before: PlanDocument, after: PlanDocument): Result<PlanComparison> {
  const left = estimatePlan(before);
  const right = estimatePlan(after);
  if (!left.ok) return left;
  if (!right.ok) return fail(right.error);
  return ok(compareEstimates(left.value, right.value));
}

/** "+12.5%", "−3.0%", or "new" / "—" when there is nothing to compare with. */
export function percentChange(before: Micro | null, after: Micro | null): string {
  if (before === null || after === null) return '—';
  if (before === 0) return after === 0 ? '0%' : 'new';
  const tenths = ((BigInt(after) - BigInt(before)) * 1000n) / BigInt(before); // exact at any size
  const sign = tenths > 0n ? '+' : tenths < 0n ? '−' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}%`;
}
