import { useMemo, useState } from 'react';
import { groupLine, groupRowMessages, type RowMessage } from '../../../shared/estimate/message-groups';
import type { GridRow } from '../../../shared/estimate/plan-estimator';

/** At most this many distinct messages are listed; the rest are counted. */
const MAX_GROUPS = 50;

export interface RowMessageLine {
  readonly kind: 'error' | 'warning';
  readonly text: string;
}

/**
 * The rows' errors and warnings, one line per distinct message: the row when one row gives it, else how
 * many and the first few (`51,204 rows (rows 2, 6, 7, …): …`). Errors first.
 */
export function rowMessageLines(rows: readonly GridRow[]): RowMessageLine[] {
  const errors: RowMessage[] = [];
  const warnings: RowMessage[] = [];
  rows.forEach(({ result: { estimate } }, row) => {
    for (const e of estimate.errors) errors.push({ row, text: `${e.field}: ${e.message}` });
    for (const text of estimate.warnings) warnings.push({ row, text });
  });
  const label = (row: number) => {
    const name = rows[row]?.row.name ?? '';
    return name === '' ? `row ${row + 1}` : `row ${row + 1} "${name}"`;
  };
  const lines = (kind: RowMessageLine['kind'], messages: RowMessage[]) =>
    groupRowMessages(messages).map((g) => ({ kind, text: groupLine(g, label) }));
  return [...lines('error', errors), ...lines('warning', warnings)];
}

/**
 * A strip under the status bar listing the plan's row messages, grouped (rowMessageLines). Worked out
 * only while it is open: reading every row's messages costs time on a 100k-row plan, an edit should not.
 */
export function RowMessages({ rows }: { rows: readonly GridRow[] }) {
  const [open, setOpen] = useState(false);
  const lines = useMemo(() => (open ? rowMessageLines(rows) : null), [open, rows]);
  return (
    <details className="pl-report" data-testid="row-messages" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Row warnings and errors</summary>
      {lines !== null && lines.length === 0 && <p>No row has a warning or an error.</p>}
      {lines !== null && lines.length > 0 && (
        <ul className="pl-report-problems">
          {lines.slice(0, MAX_GROUPS).map((line, i) => (
            <li key={i} className={line.kind === 'error' ? 'pl-status-error' : undefined}>
              {line.kind}: {line.text}
            </li>
          ))}
          {lines.length > MAX_GROUPS && <li>and {lines.length - MAX_GROUPS} more messages</li>}
        </ul>
      )}
    </details>
  );
}
