import type { PlanRow } from '../plan/plan-schema';
import { observedFactorOf, type Reconciliation } from './reconcile-plan';

/**
 * Plans that learn: the iteration factor real spend shows (generations ÷ approved finals), per asset
 * type and per row, each with the number of finals it rests on. Rows without approved finals are skipped:
 * no factor can be observed there.
 */

export interface LearnedFactor {
  /** Row id, or the asset type. */
  readonly key: string;
  readonly name: string;
  /** Two decimals, e.g. "2.40"; null when no generation was seen (nothing observed yet). */
  readonly observed: string | null;
  /** The plan's own iteration factor (a row's; for an asset type, null). */
  readonly planned: string | null;
  /** The finals the observed factor rests on (a row's own, typed; an asset type's rows with generations seen). */
  readonly finals: number;
  readonly generations: number;
}

export interface LearnedFactors {
  readonly byAssetType: readonly LearnedFactor[];
  readonly byRow: readonly LearnedFactor[];
}

const hasFinals = (r: { row: PlanRow; approvedFinals: number | null }): boolean =>
  r.approvedFinals !== null && r.approvedFinals > 0;

export function learnedFactors(rec: Reconciliation): LearnedFactors {
  const rows = rec.rows.filter(hasFinals);
  const byRow = rows.map((r) => ({
    key: r.row.id,
    name: r.row.name,
    observed: observedFactorOf(r.generations, r.approvedFinals),
    planned: r.row.iterationFactor,
    finals: r.approvedFinals ?? 0,
    generations: r.generations,
  }));
  const types = new Map<string, { finals: number; generations: number }>();
  for (const r of rows) {
    const type = r.row.assetType || '(no asset type)';
    const t = types.get(type) ?? { finals: 0, generations: 0 };
    // Only rows with generations seen are the type's sample: the others would pull it towards 0.
    if (r.generations > 0) {
      t.finals += r.approvedFinals ?? 0;
      t.generations += r.generations;
    }
    types.set(type, t);
  }
  const byAssetType = [...types]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, t]) => ({
      key: type,
      name: type,
      observed: observedFactorOf(t.generations, t.finals),
      planned: null,
      finals: t.finals,
      generations: t.generations,
    }));
  return { byAssetType, byRow };
}

/** The override a scenario needs to price the plan with what was observed, and why each row got it. */
export interface ObservedOverride {
  readonly rowId: string;
  readonly value: string;
  /** "row" (its own finals) or "asset-type" (its type's factor: the row has no finals yet). */
  readonly source: 'row' | 'asset-type';
}

/**
 * The iteration factors an "Observed iteration" scenario sets: each row's own observed factor, else its
 * asset type's; a factor below 1 (fewer generations matched than finals approved) is not a factor any
 * plan can take and is skipped.
 */
export function observedIterationOverrides(
  rows: readonly PlanRow[],
  factors: LearnedFactors,
): readonly ObservedOverride[] {
  // Nothing observed (null) is no factor: the row falls back to its type's, else keeps its own.
  const own = new Map(factors.byRow.flatMap((f) => (f.observed === null ? [] : [[f.key, f.observed] as const])));
  const byType = new Map(
    factors.byAssetType.flatMap((f) => (f.observed === null ? [] : [[f.key, f.observed] as const])),
  );
  const out: ObservedOverride[] = [];
  for (const row of rows) {
    const mine = own.get(row.id);
    const typed = byType.get(row.assetType || '(no asset type)');
    const [value, source] = mine !== undefined ? [mine, 'row' as const] : [typed, 'asset-type' as const];
    if (value === undefined || Number(value) < 1) continue;
    out.push({ rowId: row.id, value, source });
  }
  return out;
}
