// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_DIMENSIONS, NO_TOKENS, type ActualRecord } from '../../../shared/actuals/actual-record';
import { commitImport } from '../../../shared/actuals/ledger/commit-import';
import { previewImport } from '../../../shared/actuals/ledger/import-accumulator';
import { emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { missingRateReason } from '../../../shared/actuals/read/read-context';
import { parseExact } from '../../../shared/money/exact';
import { type ActualsImport, CLOSED, type ImportState } from '../../../renderer/src/actuals/actuals-import';
import { ImportActualsDialog } from '../../../renderer/src/actuals/ImportActualsDialog';

/**
 * The import dialog's words for a file that needs fixing: a missing rate points at its Rates field (not at a
 * command-line flag), and a file imported before says once how to import it again.
 */

afterEach(cleanup);

const STATE: ImportState = { ...CLOSED, step: 'previewed' };

// The dialog's buttons are not pressed here.
const FLOW = {} as ActualsImport;

function costsFile() {
  const records: ActualRecord[] = [
    {
      line: 2,
      day: '2027-01-12',
      amountUsd: parseExact('1.50'),
      original: null,
      requestId: 'req_1',
      images: 1,
      requests: 1,
      failedRequests: 0,
      tokens: NO_TOKENS,
      quantity: null,
      flags: [],
      dims: { ...NO_DIMENSIONS, project: 'proj_a', vendor: 'openai', model: 'gpt-image-2', modality: 'image' },
    },
  ];
  const meta = {
    source: 'openai-costs' as const,
    profile: null,
    fileName: 'costs.csv',
    sha256: 'cd'.repeat(32),
    importedAt: '2027-01-12T09:00:00Z',
    conversion: null,
  };
  return { meta, records, read: { rowsRead: 1, rowsRejected: 0, rejected: [] } };
}

describe('the import dialog', () => {
  it('a row in a currency without a rate points at the Rates field, not a command-line flag', () => {
    const rejected = [{ file: 'eur.csv', line: 2, column: 'Amount', reason: missingRateReason('EUR') }];
    render(<ImportActualsDialog state={{ ...STATE, step: 'choosing', rejected }} flow={FLOW} />);
    const table = screen.getByTestId('actuals-rejected');
    expect(table.textContent).toContain(
      'the amount is in EUR and no rate was given: give a rate for EUR (units per USD) in Rates above, e.g. EUR=0.92',
    );
    expect(table.textContent).not.toContain('--rate');
    expect(table.textContent).not.toContain('command line');
  });

  it('a file imported before: one message that says how to import it again, no empty tables, no Import', () => {
    const file = costsFile();
    const first = previewImport(emptyActualsLedger(), file);
    if (!first.ok) throw new Error(first.error);
    const ledger = commitImport(emptyActualsLedger(), first.value);
    if (!ledger.ok) throw new Error(ledger.error);
    const again = previewImport(ledger.value, file);
    if (!again.ok) throw new Error(again.error);
    const batchId = ledger.value.batches[0]?.id ?? '';
    render(<ImportActualsDialog state={{ ...STATE, preview: again.value }} flow={FLOW} />);
    const preview = screen.getByTestId('actuals-preview');
    expect(preview.textContent?.match(/imported before/g)).toHaveLength(1);
    expect(preview.textContent).not.toContain('nothing is added');
    expect(screen.getByTestId('actuals-same-file').textContent).toContain(
      `remove batch ${batchId} first in Actuals › Import batches › Remove, then import the file again`,
    );
    expect(screen.queryByTestId('actuals-by-day')).toBeNull();
    expect(screen.queryByTestId('actuals-counts')).toBeNull();
    expect(screen.queryByTestId('actuals-import')).toBeNull();
  });
});
