import { PerformanceObserver } from 'node:perf_hooks';
import { estimatePlan } from '../shared/estimate/estimate-plan';
import type { PlanDocument } from '../shared/plan/plan-schema';
import { createPriceBook } from '../shared/pricing/price-book';
import { actualPieces } from '../shared/reconcile/actual-pieces';
import { matchPieces } from '../shared/reconcile/match-actuals';
import { groupReconciliation } from '../shared/reconcile/reconcile-groups';
import { latestActualDay, reconcilePlan, rowReconciliation, tallyParts } from '../shared/reconcile/reconcile-plan';
import { median } from './bench-result';

/**
 * Where the time of a missed reconciliation target goes: the steps of reconcilePlan timed one by one
 * (the same calls, in its order), and the garbage collector's pauses while they ran.
 */

/** Garbage-collection pauses, summed from the runtime's own gc entries (delivered after the work). */
export class GcPauses {
  private total = 0;
  private count = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.total += e.duration;
      this.count += 1;
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** The pauses so far, once the pending entries are in; stops watching. */
  async stop(): Promise<{ ms: number; count: number }> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.observer.disconnect();
    return { ms: this.total, count: this.count };
  }
}

type Step = 'estimate' | 'pieces' | 'latest day' | 'match' | 'tally' | 'rows' | 'by row' | 'by week';

function timed<T>(times: Map<Step, number[]>, step: Step, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  const list = times.get(step) ?? [];
  list.push(performance.now() - start);
  times.set(step, list);
  return value;
}

/** One reconcilePlan, step by step (as reconcile-plan.ts runs them), then the two groupings. */
function stepsOnce(plan: PlanDocument, times: Map<Step, number[]>): void {
  const estimate = timed(times, 'estimate', () => estimatePlan(plan));
  if (!estimate.ok) throw new Error(estimate.error);
  const book = createPriceBook(plan.priceEntries);
  const priceKey = JSON.stringify(plan.priceEntries);
  const asOf = timed(times, 'latest day', () => latestActualDay(plan)) ?? plan.meta.priceBookAsOf;
  const { pieces } = timed(times, 'pieces', () => actualPieces(plan.actuals, book, asOf, priceKey));
  const rows = estimate.value.rows.map((r) => ({ row: r.row, planned: r.estimate.ok ? r.estimate.totalCost : 0 }));
  const parts = timed(times, 'match', () => matchPieces(pieces, rows, plan.actuals.rules, plan.actuals.assignments));
  const tally = timed(times, 'tally', () => tallyParts(parts));
  timed(times, 'rows', () =>
    estimate.value.rows.map((r) => rowReconciliation(r.row, r.estimate, tally.rows.get(r.row.id), asOf)),
  );
  const rec = reconcilePlan(plan);
  if (!rec.ok) throw new Error(rec.error);
  timed(times, 'by row', () => groupReconciliation(rec.value, 'row'));
  timed(times, 'by week', () => groupReconciliation(rec.value, 'week'));
}

/** "estimate 10.2 ms, match 40.1 ms, ...; GC 31 pauses, 95.0 ms over 5 runs". */
export async function reconcileBreakdown(plan: PlanDocument, runs: number): Promise<string> {
  const times = new Map<Step, number[]>();
  stepsOnce(plan, new Map()); // warm-up
  const gc = new GcPauses();
  for (let i = 0; i < runs; i++) stepsOnce(plan, times);
  const pauses = await gc.stop();
  const steps = [...times].map(([step, ms]) => `${step} ${median(ms).toFixed(1)}`).join(', ');
  return `where the time goes (median ms per step): ${steps}; GC ${pauses.count} pauses, ${pauses.ms.toFixed(1)} ms over ${runs} runs`;
}
