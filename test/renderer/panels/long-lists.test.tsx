// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_DIMENSIONS, NO_TOKENS, type ActualRecord } from '../../../shared/actuals/actual-record';
import { commitImport } from '../../../shared/actuals/ledger/commit-import';
import { previewImport } from '../../../shared/actuals/ledger/import-accumulator';
import { emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { parseExact } from '../../../shared/money/exact';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import type { MeterCheckLine } from '../../../shared/reconcile/meter-check';
import type { WeekDrillDown } from '../../../shared/reconcile/weekly-view';
import { ActualsPanel } from '../../../renderer/src/panels/ActualsPanel';
import { LISTED_AT_FIRST, LISTED_PER_STEP } from '../../../renderer/src/panels/long-lists';
import {
  LearnedFactorsTable,
  MeterChecks,
  PhasingTable,
  WeekDrill,
  WeeksTable,
} from '../../../renderer/src/panels/reconcile/ReconcileTables';
import { SubtotalsPanel } from '../../../renderer/src/panels/SubtotalsPanel';
import { ReconcileChart } from '../../../renderer/src/panels/reconcile/ReconcileChart';

afterEach(cleanup);

const bodyRows = (testId: string) =>
  within(screen.getByTestId(testId).querySelector('tbody') as HTMLElement).queryAllByRole('row');

function drill(week: string, count: number): WeekDrillDown {
  const drivers = Array.from({ length: count }, (_, i) => ({
    rowId: `r${i}`,
    name: `Line ${i}`,
    planned: 1_000_000,
    actual: 1_000_000 + (count - i) * 1_000,
    variance: (count - i) * 1_000,
  }));
  return { week, variance: drivers.reduce((sum, d) => sum + d.variance, 0), drivers };
}

describe('tables that grow with the plan list their first items and show more on request', () => {
  it('a week whose variance every row drives: 200 rows, the largest first, then 1,000 more at a time', () => {
    const { rerender } = render(<WeekDrill drill={drill('2027-W03', 2_500)} />);
    expect(bodyRows('reconcile-drill')).toHaveLength(LISTED_AT_FIRST);
    expect(bodyRows('reconcile-drill')[0]?.textContent).toContain('Line 0');
    const line = screen.getByTestId('reconcile-drill-not-listed');
    expect(line.textContent).toContain('200 of 2,500 rows listed; the largest variances first.');
    expect(line.textContent).toContain('Show 1,000 more');
    fireEvent.click(screen.getByTestId('reconcile-drill-show-more'));
    expect(bodyRows('reconcile-drill')).toHaveLength(LISTED_AT_FIRST + LISTED_PER_STEP);
    fireEvent.click(screen.getByTestId('reconcile-drill-show-more'));
    // The last step shows what is left, and the line goes once every row is listed.
    expect(bodyRows('reconcile-drill')).toHaveLength(2_200);
    expect(screen.getByTestId('reconcile-drill-show-more').textContent).toBe('Show 300 more');
    fireEvent.click(screen.getByTestId('reconcile-drill-show-more'));
    expect(bodyRows('reconcile-drill')).toHaveLength(2_500);
    expect(screen.queryByTestId('reconcile-drill-not-listed')).toBeNull();
    // Another week drilled into starts again from the first 200.
    rerender(<WeekDrill drill={drill('2027-W04', 2_500)} />);
    expect(bodyRows('reconcile-drill')).toHaveLength(LISTED_AT_FIRST);
  });

  it('the weeks of a plan dated over years: 200 listed, the totals under them count every week', () => {
    const weeks = Array.from({ length: 520 }, (_, i) => ({
      week: `${2027 + Math.floor(i / 52)}-W${String(1 + (i % 52)).padStart(2, '0')}`,
      planned: 1_000_000,
      actual: 0,
      variance: -1_000_000,
      variancePct: '-100.00',
      cumulativePlanned: (i + 1) * 1_000_000,
      cumulativeActual: 0,
      cumulativeForecast: 0,
      when: 'future' as const,
    }));
    const view = {
      asOf: '2026-12-01',
      weeks,
      planned: 520_000_000,
      actual: 0,
      variance: -520_000_000,
      notStarted: 0,
      unassigned: 0,
      forecastAtEnd: 0,
      endWeek: '2036-W52',
    };
    const { unmount } = render(<ReconcileChart view={view} />);
    // The chart draws runs of weeks past 280 bars: here two weeks a bar, their variances summed.
    const chart = screen.getByTestId('reconcile-chart');
    expect(chart.querySelectorAll('rect')).toHaveLength(260);
    expect(chart.querySelector('desc')?.textContent).toMatch(/^520 weeks to 2036-W52/);
    unmount();
    render(<WeeksTable view={view} selected={null} onSelect={() => undefined} />);
    expect(bodyRows('reconcile-weeks')).toHaveLength(LISTED_AT_FIRST);
    expect(screen.getByTestId('reconcile-weeks').querySelector('tfoot')?.textContent).toContain('$520.00');
    expect(screen.getByTestId('reconcile-weeks-not-listed').textContent).toContain(
      '200 of 520 weeks listed; the totals count them all.',
    );
  });

  it('a short list is drawn whole, with no line under it', () => {
    render(<WeekDrill drill={drill('2027-W03', 12)} />);
    expect(bodyRows('reconcile-drill')).toHaveLength(12);
    expect(screen.queryByTestId('reconcile-drill-not-listed')).toBeNull();
  });

  it('the meters cross-check lists the flagged days first, so a capped list still shows them', () => {
    const lines: MeterCheckLine[] = Array.from({ length: 900 }, (_, i) => ({
      day: `2027-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      project: `proj_${i}`,
      billed: 1_000_000,
      metered: i % 300 === 299 ? 1_100_000 : 1_000_000,
      usage: null,
      gapPct: i % 300 === 299 ? '9.09' : '0.00',
      flagged: i % 300 === 299,
      reason: null,
      reasonText: null,
    }));
    render(<MeterChecks lines={lines} />);
    const rows = bodyRows('reconcile-meters');
    expect(rows).toHaveLength(LISTED_AT_FIRST);
    expect(rows.slice(0, 3).map((r) => r.textContent)).toEqual([
      expect.stringContaining('proj_299'),
      expect.stringContaining('proj_599'),
      expect.stringContaining('proj_899'),
    ]);
    expect(rows[3]?.textContent).toContain('proj_0');
    expect(screen.getByTestId('reconcile-meters-not-listed').textContent).toContain(
      '200 of 900 days and projects listed.',
    );
  });

  it('phasing lists the first 200 dated rows, names the grid column for the rest, and reaches every row', () => {
    const plan = blankPlan('2026-10-15');
    for (let i = 0; i < 260; i++)
      plan.rows.push(blankRow(`r${i}`, { name: `Line ${i}`, startDate: '2027-01-04', endDate: '2027-01-31' }));
    plan.rows.push(blankRow('undated', { name: 'No dates' }));
    const phasings: string[] = [];
    render(<PhasingTable document={plan} onPhasing={(rowId, phasing) => phasings.push(`${rowId} ${phasing}`)} />);
    expect(bodyRows('reconcile-phasing')).toHaveLength(LISTED_AT_FIRST);
    expect(screen.getByTestId('reconcile-phasing-not-listed').textContent).toContain(
      "200 of 260 dated rows listed; the grid's Phasing column sets it for any row.",
    );
    fireEvent.click(screen.getByTestId('reconcile-phasing-show-more'));
    expect(bodyRows('reconcile-phasing')).toHaveLength(260);
    fireEvent.change(screen.getByTestId('phasing-r259'), { target: { value: 'front-loaded' } });
    expect(phasings).toEqual(['r259 front-loaded']);
  });

  it('learned factors by row list the first 200 rows', () => {
    const byRow = Array.from({ length: 450 }, (_, i) => ({
      key: `r${i}`,
      name: `Line ${i}`,
      observed: '2.40',
      planned: '1.8',
      finals: 10,
      generations: 24,
    }));
    render(<LearnedFactorsTable factors={{ byRow, byAssetType: [] }} />);
    expect(bodyRows('reconcile-factors')).toHaveLength(LISTED_AT_FIRST);
    expect(screen.getByTestId('reconcile-factors-not-listed').textContent).toContain('200 of 450 rows listed.');
    fireEvent.click(screen.getByTestId('reconcile-factors-show-more'));
    expect(bodyRows('reconcile-factors')).toHaveLength(450);
  });

  it('subtotals by team: a team per row lists 200 teams, and the totals still count every row', () => {
    const plan = blankPlan('2026-10-15');
    for (let i = 0; i < 600; i++) plan.rows.push(blankRow(`r${i}`, { team: `Campaign ${i}`, finals: 1 }));
    const view = new PlanEstimator().view(plan);
    render(<SubtotalsPanel view={view} />);
    expect(bodyRows('subtotals-team')).toHaveLength(LISTED_AT_FIRST);
    expect(screen.getByTestId('subtotals-team-not-listed').textContent).toContain(
      '200 of 600 teams listed; the totals count them all.',
    );
    const footer = screen.getByTestId('subtotals-team').querySelector('tfoot') as HTMLElement;
    expect(footer.textContent).toContain('600');
    expect(footer.textContent).toContain('100%');
    // The other grouping has one line (every row has the same asset type): drawn whole.
    expect(screen.queryByTestId('subtotals-assetType-not-listed')).toBeNull();
  });

  it('actual spend by project, with a project per key of a gateway log, lists 200 projects', () => {
    const records: ActualRecord[] = Array.from({ length: 700 }, (_, i) => ({
      line: i + 2,
      day: '2027-01-11',
      amountUsd: parseExact('0.25'),
      original: null,
      requestId: `req_${i}`,
      images: 1,
      requests: 1,
      failedRequests: 0,
      tokens: NO_TOKENS,
      quantity: null,
      flags: [],
      dims: { ...NO_DIMENSIONS, project: `proj_${i}`, vendor: 'openai', model: 'gpt-image-2', modality: 'image' },
    }));
    const ledger = emptyActualsLedger();
    const preview = previewImport(ledger, {
      meta: {
        source: 'litellm',
        profile: null,
        fileName: 'spend-logs.csv',
        sha256: 'ab'.repeat(32),
        importedAt: '2027-01-12T09:00:00Z',
        conversion: null,
      },
      records,
      read: { rowsRead: records.length, rowsRejected: 0, rejected: [] },
    });
    if (!preview.ok) throw new Error(preview.error);
    const committed = commitImport(ledger, preview.value);
    if (!committed.ok) throw new Error(committed.error);
    const plan = { ...blankPlan('2026-10-15'), actuals: committed.value };
    render(<ActualsPanel document={plan} onCommand={() => undefined} onImport={() => undefined} />);
    fireEvent.change(screen.getByTestId('actuals-spend-by'), { target: { value: 'project' } });
    expect(bodyRows('actuals-spend')).toHaveLength(LISTED_AT_FIRST);
    expect(screen.getByTestId('actuals-spend-not-listed').textContent).toContain('200 of 700 projects listed.');
    // By day the same actuals are one line.
    fireEvent.change(screen.getByTestId('actuals-spend-by'), { target: { value: 'day' } });
    expect(bodyRows('actuals-spend')).toHaveLength(1);
    expect(screen.queryByTestId('actuals-spend-not-listed')).toBeNull();
  });
});
