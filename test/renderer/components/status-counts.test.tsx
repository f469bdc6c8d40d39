// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockReportView } from '../../../renderer/src/app/StatusBar';
import { rowCount } from '../../../renderer/src/panels/price-entry-rows';

afterEach(cleanup);

describe('counts at 100k rows read as the rest of the app writes them: grouped by three', () => {
  it('a paste report', () => {
    const report = {
      action: 'Paste',
      applied: 1_100_000,
      rowsAdded: 12_000,
      problems: Array.from({ length: 1_400 }, (_, i) => ({ cell: `Finals, row ${i + 1}`, reason: 'not a number' })),
    };
    render(<BlockReportView report={report} onDismiss={() => undefined} />);
    expect(screen.getByTestId('paste-report').textContent).toContain(
      'Paste: 1,100,000 cells changed, 12,000 rows added, 1,400 cells skipped:',
    );
  });

  it("a price entry's rows", () => {
    expect(rowCount(16_935)).toBe('16,935 rows');
    expect(rowCount(1)).toBe('1 row');
  });
});
