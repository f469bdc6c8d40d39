import { useMemo, useState } from 'react';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { entriesInForce } from '../../../shared/pricing/price-book';
import { IsoDate } from '../../../shared/pricing/price-entry';
import type { Command } from '../state/commands';
import { PriceEntryEditor } from './PriceEntryEditor';
import { PriceEntryTable } from './PriceEntryTable';
import { type PendingChange, RepricePreview } from './RepricePreview';
import { usePriceBookEdits } from './use-price-book-edits';

/** The as-of date a plan is priced at: edited as text, previewed before it applies. */
function AsOfForm(props: { asOf: string; onPreview: (change: PendingChange) => void; document: PlanDocument }) {
  const { document: doc, onPreview } = props;
  const [asOf, setAsOf] = useState(props.asOf);
  const [error, setError] = useState<string | null>(null);
  const preview = () => {
    const parsed = IsoDate.safeParse(asOf.trim());
    if (!parsed.success) {
      setError(`"${asOf}" is not a date: write YYYY-MM-DD`);
      return;
    }
    setError(null);
    onPreview({
      label: `Re-price as of ${parsed.data}`,
      after: { ...doc, meta: { ...doc.meta, priceBookAsOf: parsed.data } },
    });
  };
  return (
    <>
      <label>
        Prices as of{' '}
        <input data-testid="as-of-input" value={asOf} onChange={(e) => setAsOf(e.target.value)} size={11} />
      </label>
      <button type="button" data-testid="reprice-preview" onClick={preview} disabled={asOf.trim() === props.asOf}>
        Preview re-pricing
      </button>
      {error && <span className="pl-error-text">{error}</span>}
    </>
  );
}

/**
 * The prices in force for the plan's as-of date, and the plan's own entries. Every change that could
 * move a number (as-of date, an entry) is previewed per row, old → new, and applied only on confirmation.
 */
export function PriceBookPanel(props: {
  document: PlanDocument;
  context: EstimateContext;
  onCommand: (command: Command | null) => void;
}) {
  const { document: doc, onCommand } = props;
  const book = props.context.priceBook; // the estimator's book for these entries
  const inForce = useMemo(() => entriesInForce(book, doc.meta.priceBookAsOf), [book, doc.meta.priceBookAsOf]);
  const ownIds = useMemo(() => new Set(doc.priceEntries.map((e) => e.id)), [doc.priceEntries]);
  const edits = usePriceBookEdits(doc, inForce, onCommand);
  const { form, pending } = edits;

  return (
    <div className="pl-prices">
      <div className="pl-inline-form">
        <AsOfForm
          key={doc.meta.priceBookAsOf}
          asOf={doc.meta.priceBookAsOf}
          document={doc}
          onPreview={edits.setPending}
        />
        <span className="pl-sep" />
        <button type="button" data-testid="add-reseller" onClick={() => edits.startForm('reseller')}>
          Add reseller prices
        </button>
        <button type="button" data-testid="add-credits" onClick={() => edits.startForm('credits')}>
          Add credits rate
        </button>
        <button type="button" data-testid="add-discount" onClick={() => edits.startForm('discount')}>
          Add discount
        </button>
      </div>
      {form && (
        <PriceEntryEditor
          document={doc}
          chosenRows={edits.chosenRows}
          onChooseRows={edits.setChosenRows}
          form={form}
          inForce={inForce}
          error={edits.formError}
          update={(patch) => edits.setForm((f) => (f ? { ...f, ...patch } : f))}
          onPreview={edits.previewEntry}
          onCancel={() => edits.setForm(null)}
        />
      )}
      <PriceEntryTable
        asOf={doc.meta.priceBookAsOf}
        inForce={inForce}
        ownIds={ownIds}
        onEdit={edits.editEntry}
        onDelete={edits.previewDelete}
      />
      {pending && (
        <RepricePreview
          document={doc}
          pending={pending}
          onApply={edits.confirm}
          onCancel={() => edits.setPending(null)}
        />
      )}
    </div>
  );
}
