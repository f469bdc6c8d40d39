import { useMemo, useState } from 'react';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { entriesInForce } from '../../../shared/pricing/price-book';
import { IsoDate } from '../../../shared/pricing/price-entry';
import type { Command } from '../state/commands';
import {
  entryFromForm,
  formFromEntry,
  newEntryForm,
  type PlanEntryKind,
  type PriceEntryForm,
} from './price-entry-form';
import { PriceEntryEditor } from './PriceEntryEditor';
import { entrySurface, rowCount, switchableRows, withSurface } from './price-entry-rows';
import { PriceEntryTable } from './PriceEntryTable';
import { type PendingChange, RepricePreview } from './RepricePreview';

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
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [form, setForm] = useState<PriceEntryForm | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [chosenRows, setChosenRows] = useState<ReadonlySet<string>>(new Set());
  const book = props.context.priceBook; // the estimator's book for these entries
  const inForce = useMemo(() => entriesInForce(book, doc.meta.priceBookAsOf), [book, doc.meta.priceBookAsOf]);
  const ownIds = useMemo(() => new Set(doc.priceEntries.map((e) => e.id)), [doc.priceEntries]);

  const startForm = (kind: PlanEntryKind) => {
    setFormError(null);
    setChosenRows(new Set());
    setForm(newEntryForm(kind, doc.priceEntries.length, doc.meta.priceBookAsOf, inForce));
  };

  const previewEntry = () => {
    if (!form) return;
    const entry = entryFromForm(form);
    if (!entry.ok) {
      setFormError(entry.error);
      return;
    }
    const others = doc.priceEntries.filter((e) => e.id !== entry.value.id);
    const surface = entrySurface(form);
    const switched = surface ? switchableRows(doc, form.model, surface).filter((r) => chosenRows.has(r.id)) : [];
    const after = surface ? withSurface(doc, new Set(switched.map((r) => r.id)), surface) : doc;
    setFormError(null);
    setPending({
      label: `${others.length !== doc.priceEntries.length ? 'Edit' : 'Add'} price entry ${entry.value.id}${switched.length > 0 ? ` and switch ${rowCount(switched.length)}` : ''}`,
      after: { ...after, priceEntries: [...others, entry.value] },
      entry: entry.value,
      switchedRows: switched.length,
    });
  };

  const confirm = () => {
    if (!pending) return;
    // One undo step: the prices and, when rows were switched to the entry's surface, the rows.
    const rowsChanged = pending.after.rows !== doc.rows;
    onCommand({
      kind: 'set-parts',
      label: pending.label,
      before: { meta: doc.meta, priceEntries: doc.priceEntries, ...(rowsChanged ? { rows: doc.rows } : {}) },
      after: {
        meta: pending.after.meta,
        priceEntries: pending.after.priceEntries,
        ...(rowsChanged ? { rows: pending.after.rows } : {}),
      },
    });
    setPending(null);
    setForm(null);
  };

  return (
    <div className="pl-prices">
      <div className="pl-inline-form">
        <AsOfForm key={doc.meta.priceBookAsOf} asOf={doc.meta.priceBookAsOf} document={doc} onPreview={setPending} />
        <span className="pl-sep" />
        <button type="button" data-testid="add-reseller" onClick={() => startForm('reseller')}>
          Add reseller prices
        </button>
        <button type="button" data-testid="add-credits" onClick={() => startForm('credits')}>
          Add credits rate
        </button>
        <button type="button" data-testid="add-discount" onClick={() => startForm('discount')}>
          Add discount
        </button>
      </div>
      {form && (
        <PriceEntryEditor
          document={doc}
          chosenRows={chosenRows}
          onChooseRows={setChosenRows}
          form={form}
          inForce={inForce}
          error={formError}
          update={(patch) => setForm((f) => (f ? { ...f, ...patch } : f))}
          onPreview={previewEntry}
          onCancel={() => setForm(null)}
        />
      )}
      <PriceEntryTable
        asOf={doc.meta.priceBookAsOf}
        inForce={inForce}
        ownIds={ownIds}
        onEdit={(e) => {
          setChosenRows(new Set());
          setForm(formFromEntry(e));
        }}
        onDelete={(e) =>
          setPending({
            label: `Delete price entry ${e.id}`,
            after: { ...doc, priceEntries: doc.priceEntries.filter((p) => p.id !== e.id) },
          })
        }
      />
      {pending && (
        <RepricePreview document={doc} pending={pending} onApply={confirm} onCancel={() => setPending(null)} />
      )}
    </div>
  );
}
