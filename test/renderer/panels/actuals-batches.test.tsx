// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActualRecord } from '../../../shared/actuals/actual-record';
import { type ActualsLedger, emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { blankPlan } from '../../../shared/plan/new-plan';
import { importInto } from '../../shared/actuals/support/ledger-steps';
import { meta, record } from '../../shared/actuals/support/records';
import { ActualsPanel } from '../../../renderer/src/panels/ActualsPanel';

/**
 * The Import batches table shows what each batch adds now: two cost exports of the same day and project
 * must not read as the sum of their import-time totals.
 */

afterEach(cleanup);

function cost(line: number, day: string, amount: string): ActualRecord {
  return record(day, amount, {
    line,
    dims: { project: 'proj_a', vendor: 'openai', lineItem: 'gpt-image-2 image, output' },
  });
}

/** An OpenAI Costs export (keyed by day and project: a later one replaces an earlier one's days). */
function imported(ledger: ActualsLedger, fileName: string, records: ActualRecord[]): ActualsLedger {
  return importInto(ledger, meta('openai-costs', fileName), records);
}

/** The Actuals panel of a plan holding `ledger`; its first two batches. */
function showBatches(ledger: ActualsLedger) {
  const [a, b] = ledger.batches;
  if (!a || !b) throw new Error('two batches');
  render(
    <ActualsPanel
      document={{ ...blankPlan('2027-01-12'), actuals: ledger }}
      onCommand={() => undefined}
      onImport={() => undefined}
    />,
  );
  return { a, b };
}

describe('Actuals › Import batches', () => {
  it('each batch at what it adds now, its import-time total beside it, and who superseded it', () => {
    const first = imported(emptyActualsLedger(), 'costs-jan.csv', [
      cost(2, '2027-01-10', '3.00'),
      cost(3, '2027-01-11', '2.00'),
    ]);
    // The second export has 2027-01-11 again (revised): it replaces the first one's fact for that day.
    const ledger = imported(first, 'costs-jan-revised.csv', [cost(2, '2027-01-11', '4.00')]);
    const { a, b } = showBatches(ledger);
    const total = (id: string) => screen.getByTestId(`actuals-batch-${id}`).querySelectorAll('td')[6]?.textContent;
    expect(total(a.id)).toBe(`$3.00 (at import $5.00)partly superseded by ${b.id}`);
    expect(total(b.id)).toBe('$4.00');
    expect(screen.getByTestId('actuals-batches').textContent).toContain('Total in effect');
  });

  it('a batch whose every fact a later one replaced is listed at $0.00, superseded', () => {
    const first = imported(emptyActualsLedger(), 'costs.csv', [cost(2, '2027-01-11', '2.00')]);
    const ledger = imported(first, 'costs-again.csv', [cost(2, '2027-01-11', '2.50')]);
    const { a, b } = showBatches(ledger);
    expect(screen.getByTestId(`actuals-batch-${a.id}`).textContent).toContain('$0.00 (at import $2.00)');
    expect(screen.getByTestId(`actuals-batch-superseded-${a.id}`).textContent).toBe(`superseded by ${b.id}`);
    expect(screen.getByTestId(`actuals-remove-${a.id}`)).toBeTruthy();
  });
});
