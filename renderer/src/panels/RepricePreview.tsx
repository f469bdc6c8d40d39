import { useMemo } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import { Modal } from '../app/Modal';
import { compareDocuments } from '../state/plan-comparison';
import { ComparisonTable } from './ComparisonTable';
import { rowCount, rowsBilledBy } from './price-entry-rows';

/** A change to the plan's prices waiting for confirmation. */
export interface PendingChange {
  readonly label: string;
  readonly after: PlanDocument;
  /** An entry added or edited: the preview says which rows it prices. */
  readonly entry?: PriceEntry;
  /** Rows switched to the entry's surface with it. */
  readonly switchedRows?: number;
}

/** What an added entry does: the rows it prices, or why the preview shows no change. */
function EntryUse({ after, entry, switchedRows }: { after: PlanDocument; entry: PriceEntry; switchedRows: number }) {
  const used = rowsBilledBy(after, entry.model, entry.surfaces).length;
  const surfaces = entry.surfaces.map((s) => `“${s}”`).join(' or ');
  return (
    <p data-testid="reprice-entry-use" className={used === 0 ? 'pl-warning-text' : undefined}>
      {used === 0
        ? `No row is billed ${surfaces} on ${entry.model}, so no amount changes: switch rows to it in the entry’s form.`
        : `${entry.id} prices ${rowCount(used)} billed ${surfaces} on ${entry.model}${switchedRows > 0 ? ` (${rowCount(switchedRows)} switched with it)` : ''}.`}
    </p>
  );
}

/** What each row would cost, old → new, before a price change applies (as one undo step). */
export function RepricePreview(props: {
  document: PlanDocument;
  pending: PendingChange;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { document: doc, pending, onApply, onCancel } = props;
  const preview = useMemo(() => compareDocuments(doc, pending.after), [doc, pending]);
  return (
    <Modal
      title={`${pending.label}: preview`}
      testId="reprice-dialog"
      wide
      buttons={[
        { label: 'Apply', primary: true, testId: 'reprice-apply', onClick: onApply },
        { label: 'Cancel', testId: 'reprice-cancel', onClick: onCancel },
      ]}
    >
      {pending.entry && (
        <EntryUse after={pending.after} entry={pending.entry} switchedRows={pending.switchedRows ?? 0} />
      )}
      {preview.ok && preview.value.rows.every((r) => r.before === r.after) && (
        <p data-testid="reprice-no-change">No row’s cost changes.</p>
      )}
      {preview.ok ? (
        <ComparisonTable
          comparison={preview.value}
          beforeLabel="Now"
          afterLabel="After"
          testId="reprice-preview-table"
        />
      ) : (
        <p className="pl-error-text">{preview.error}</p>
      )}
      <p className="pl-muted">Nothing changes until you apply; Undo takes it back in one step.</p>
    </Modal>
  );
}
