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

/** Rows one side prices and the other does not (an error there, or no such row), and what the side that prices them gives. */
export interface PricedOnOneSide {
  readonly rows: number;
  readonly total: Micro;
}

export interface PlanComparison {
  readonly rows: readonly RowComparison[];
  /** Each side's plan total: what it prices, so not comparable while either side leaves rows out. */
  readonly beforeTotal: Micro;
  readonly afterTotal: Micro;
  readonly delta: Micro;
  /** Rows priced on both sides: the like-for-like totals. */
  readonly both: { readonly rows: number; readonly before: Micro; readonly after: Micro };
  /** Rows priced before but not after, with their cost before; and the other way round. */
  readonly onlyBefore: PricedOnOneSide;
  readonly onlyAfter: PricedOnOneSide;
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
  // Subsets of a plan's priced rows: each sum stays within the plan total, exact in a number.
  const both = { rows: 0, before: 0, after: 0 };
  const onlyBefore = { rows: 0, total: 0 };
  const onlyAfter = { rows: 0, total: 0 };
  for (const r of rows) {
    if (r.before !== null && r.after !== null) {
      both.rows += 1;
      both.before += r.before;
      both.after += r.after;
    } else if (r.before !== null) {
      onlyBefore.rows += 1;
      onlyBefore.total += r.before;
    } else if (r.after !== null) {
      onlyAfter.rows += 1;
      onlyAfter.total += r.after;
    }
  }
  return {
    rows,
    beforeTotal: before.totals.totalCost,
    afterTotal: after.totals.totalCost,
    delta: after.totals.totalCost - before.totals.totalCost,
    both,
    onlyBefore,
    onlyAfter,
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
