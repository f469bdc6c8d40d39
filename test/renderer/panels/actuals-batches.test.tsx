// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_DIMENSIONS, NO_TOKENS, type ActualRecord } from '../../../shared/actuals/actual-record';
import { commitImport } from '../../../shared/actuals/ledger/commit-import';
import { previewImport } from '../../../shared/actuals/ledger/import-accumulator';
import { type ActualsLedger, emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { parseExact } from '../../../shared/money/exact';
import { blankPlan } from '../../../shared/plan/new-plan';
import { ActualsPanel } from '../../../renderer/src/panels/ActualsPanel';

/**
 * The Import batches table shows what each batch adds now: two cost exports of the same day and project
 * must not read as the sum of their import-time totals.
 */

afterEach(cleanup);

function cost(line: number, day: string, amount: string): ActualRecord {
  return {
    line,
    day,
    amountUsd: parseExact(amount),
    original: null,
    requestId: null,
    images: 0,
    requests: 0,
    failedRequests: 0,
    tokens: NO_TOKENS,
    quantity: null,
    flags: [],
    dims: { ...NO_DIMENSIONS, project: 'proj_a', vendor: 'openai', lineItem: 'gpt-image-2 image, output' },
  };
}

/** An OpenAI Costs export (keyed by day and project: a later one replaces an earlier one's days). */
function imported(ledger: ActualsLedger, fileName: string, sha: string, records: ActualRecord[]): ActualsLedger {
  const preview = previewImport(ledger, {
    meta: {
      source: 'openai-costs',
      profile: null,
      fileName,
      sha256: sha.repeat(32),
      importedAt: '2027-01-12T09:00:00Z',
      conversion: null,
    },
    records,
    read: { rowsRead: records.length, rowsRejected: 0, rejected: [] },
  });
  if (!preview.ok) throw new Error(preview.error);
  const committed = commitImport(ledger, preview.value);
  if (!committed.ok) throw new Error(committed.error);
  return committed.value;
}

describe('Actuals › Import batches', () => {
  it('each batch at what it adds now, its import-time total beside it, and who superseded it', () => {
    const first = imported(emptyActualsLedger(), 'costs-jan.csv', 'a1', [
      cost(2, '2027-01-10', '3.00'),
      cost(3, '2027-01-11', '2.00'),
    ]);
    // The second export has 2027-01-11 again (revised): it replaces the first one's fact for that day.
    const ledger = imported(first, 'costs-jan-revised.csv', 'b2', [cost(2, '2027-01-11', '4.00')]);
    const [a, b] = ledger.batches;
    if (!a || !b) throw new Error('two batches');
    render(
      <ActualsPanel
        document={{ ...blankPlan('2027-01-12'), actuals: ledger }}
        onCommand={() => undefined}
        onImport={() => undefined}
      />,
    );
    const total = (id: string) => screen.getByTestId(`actuals-batch-${id}`).querySelectorAll('td')[6]?.textContent;
    expect(total(a.id)).toBe(`$3.00 (at import $5.00)partly superseded by ${b.id}`);
    expect(total(b.id)).toBe('$4.00');
    expect(screen.getByTestId('actuals-batches').textContent).toContain('Total in effect');
  });

  it('a batch whose every fact a later one replaced is listed at $0.00, superseded', () => {
    const first = imported(emptyActualsLedger(), 'costs.csv', 'c3', [cost(2, '2027-01-11', '2.00')]);
    const ledger = imported(first, 'costs-again.csv', 'd4', [cost(2, '2027-01-11', '2.50')]);
    const [a, b] = ledger.batches;
    if (!a || !b) throw new Error('two batches');
    render(
      <ActualsPanel
        document={{ ...blankPlan('2027-01-12'), actuals: ledger }}
        onCommand={() => undefined}
        onImport={() => undefined}
      />,
    );
    expect(screen.getByTestId(`actuals-batch-${a.id}`).textContent).toContain('$0.00 (at import $2.00)');
    expect(screen.getByTestId(`actuals-batch-superseded-${a.id}`).textContent).toBe(`superseded by ${b.id}`);
    expect(screen.getByTestId(`actuals-remove-${a.id}`)).toBeTruthy();
  });
});
