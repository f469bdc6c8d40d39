import { useMemo } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { Modal } from '../app/Modal';
import { compareDocuments } from '../state/plan-comparison';
import { ComparisonTable } from './ComparisonTable';

/** A change to the plan's prices waiting for confirmation. */
export interface PendingChange {
  readonly label: string;
  readonly after: PlanDocument;
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
