import type { RowResult } from '../../../shared/estimate/estimate-plan';
import { engineResults } from '../../../shared/workbook/plan-rows';
import { PLAN_COLUMNS } from '../../../shared/workbook/plan-columns';

/** How a recalculated cell must match the engine. */
type Tolerance = 'exact' | 'money' | 'relative' | 'text' | 'plumbing';

const TOLERANCE: Record<string, Tolerance> = {
  priceUsed: 'text',
  // Internal lookup codes (profile R1, its kind and table): checked through every price they feed.
  profile: 'plumbing',
  pricingKind: 'plumbing',
  tablePrefix: 'plumbing',
  width: 'exact',
  height: 'exact',
  plannedQuality: 'text',
  plannedDraftQuality: 'text',
  refWidth: 'exact',
  refHeight: 'exact',
  finalGenerations: 'relative',
  draftGenerations: 'relative',
  requests: 'exact',
  outputTokensPerFinal: 'exact',
  outputTokensPerDraft: 'exact',
  textTokens: 'exact',
  imageTokens: 'exact',
  inputCostPerImage: 'relative',
  creditsPerFinalImage: 'relative',
  creditsPerDraftImage: 'relative',
  costPerFinalImage: 'relative',
  costPerDraftImage: 'relative',
  finalCost: 'money',
  draftCost: 'money',
  totalCost: 'money',
  costPerApprovedFinal: 'money',
  credits: 'money',
  budgetRemaining: 'money',
  inputShare: 'relative',
  pricedFinals: 'exact',
  pricedBudgetCap: 'money',
};

/** A LibreOffice CSV number at full precision ("8.1484%" is a percentage). */
export function csvNumber(text: string): number {
  const t = text.trim();
  if (t.endsWith('%')) return Number(t.slice(0, -1)) / 100;
  return Number(t);
}

export interface Mismatch {
  readonly rowId: string;
  readonly column: string;
  readonly expected: string | number | boolean;
  readonly found: string;
}

/** Largest money difference seen (to report how close "to the cent" really is). */
export interface CompareStats {
  cells: number;
  maxMoneyDiff: number;
  maxRelativeDiff: number;
  moneyOffByMicro: number;
  /** Totals rows checked. */
  totalsRows: number;
}

export function newStats(): CompareStats {
  return { cells: 0, maxMoneyDiff: 0, maxRelativeDiff: 0, moneyOffByMicro: 0, totalsRows: 0 };
}

/** Compares one recalculated Plan row (CSV cells in column order) with the engine's row. */
export function compareRow(csv: readonly string[], result: RowResult, stats: CompareStats): Mismatch[] {
  const expected = engineResults(result);
  const out: Mismatch[] = [];
  PLAN_COLUMNS.forEach((col, i) => {
    if (col.role !== 'helper' && col.role !== 'derived') return;
    const tol = TOLERANCE[col.key] ?? 'exact';
    if (tol === 'plumbing') return;
    const found = csv[i] ?? '';
    const want = expected[col.key] ?? '';
    stats.cells += 1;
    const bad = () => out.push({ rowId: result.row.id, column: col.key, expected: want, found });
    if (want === '') {
      if (found !== '') bad();
      return;
    }
    if (tol === 'text') {
      if (found !== String(want)) bad();
      return;
    }
    const got = csvNumber(found);
    const w = Number(want);
    if (found === '' || !Number.isFinite(got)) {
      bad();
      return;
    }
    const diff = Math.abs(got - w);
    switch (tol) {
      case 'exact':
        if (got !== w) bad();
        break;
      case 'money':
        stats.maxMoneyDiff = Math.max(stats.maxMoneyDiff, diff);
        if (diff > 1e-9) stats.moneyOffByMicro += 1;
        if (diff >= 0.005) bad();
        break;
      case 'relative': {
        const rel = diff / Math.max(Math.abs(w), 1e-300);
        if (w !== 0) stats.maxRelativeDiff = Math.max(stats.maxRelativeDiff, rel);
        if (w === 0 ? diff > 1e-15 : rel > 1e-9) bad();
        break;
      }
    }
  });
  return out;
}
