// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { weekDrillDown, weeklyView } from '../../../shared/reconcile/weekly-view';
import { WeekDrill, WeeksTable } from '../../../renderer/src/panels/reconcile/ReconcileTables';
import { SubtotalsPanel } from '../../../renderer/src/panels/SubtotalsPanel';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

/**
 * Weeks and rows that have not begun by as-of show "not started", not a -100% variance that reads as money
 * saved (the sample's rows start 2027-01-11; its actuals run to 2027-01-27).
 */

afterEach(cleanup);

const SAMPLE = createSamplePlan('2026-11-28');

function reconciled(asOf: string) {
  const rec = reconcilePlan(SAMPLE, { asOf });
  if (!rec.ok) throw new Error(rec.error);
  return rec.value;
}

describe('not started', () => {
  it('the week table shows weeks after as-of as "not started", and the total leaves them out', () => {
    const view = weeklyView(reconciled('2027-01-17'));
    render(<WeeksTable view={view} selected={null} onSelect={() => undefined} />);
    const w02 = screen.getByTestId('reconcile-week-2027-W02');
    expect(w02.textContent).not.toContain('not started');
    for (const week of ['2027-W03', '2027-W04', '2027-W06']) {
      const cells = [...screen.getByTestId(`reconcile-week-${week}`).querySelectorAll('td')].map((c) => c.textContent);
      // Week, plan, actual, variance, cumulative plan, cumulative actual.
      expect(cells[3]).toBe('not started');
      expect(cells[2]).toBe('—');
    }
    const total = screen.getByTestId('reconcile-weeks').querySelector('tfoot td:nth-child(4)') as HTMLElement;
    // Actual $4.26 against the 2027-W02 plan of $3.44.
    expect(total.textContent).toBe('$0.83');
    expect(total.title).toBe('Leaves out the 4 weeks not started by 2027-01-17');
  });

  it('a week not started drills into its rows with no variance', () => {
    const drill = weekDrillDown(reconciled('2027-01-17'), '2027-W04');
    if (!drill) throw new Error('2027-W04 is a week of the plan');
    render(<WeekDrill drill={drill} />);
    const table = screen.getByTestId('reconcile-drill');
    expect(table.querySelector('caption')?.textContent).toBe('What drove 2027-W04: not started (no variance yet)');
    expect(table.textContent).not.toMatch(/-\$/);
    expect(table.textContent).toContain('not started');
  });

  it('subtotals before any row starts: variance "not started", not minus the plan', () => {
    const rec = reconciled('2026-12-08');
    render(<SubtotalsPanel view={new PlanEstimator().view(SAMPLE)} reconciliation={new GridReconciliation(rec)} />);
    const team = screen.getByTestId('subtotals-team');
    expect(team.textContent).toContain('not started');
    expect(team.textContent).not.toMatch(/-\$\d/);
  });
});
