import { useState } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import type { Command } from '../state/commands';
import {
  entryFromForm,
  formFromEntry,
  newEntryForm,
  type PlanEntryKind,
  type PriceEntryForm,
} from './price-entry-form';
import { entrySurface, rowCount, switchableRows, withSurface } from './price-entry-rows';
import type { PendingChange } from './RepricePreview';

/**
 * The Prices panel's edits in progress: the entry form (and the rows chosen to switch to its surface),
 * the change being previewed, and the one command that applies it on confirmation.
 */
export function usePriceBookEdits(
  doc: PlanDocument,
  inForce: readonly PriceEntry[],
  onCommand: (command: Command | null) => void,
) {
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [form, setForm] = useState<PriceEntryForm | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [chosenRows, setChosenRows] = useState<ReadonlySet<string>>(new Set());

  const startForm = (kind: PlanEntryKind) => {
    setFormError(null);
    setChosenRows(new Set());
    setForm(newEntryForm(kind, doc.priceEntries.length, doc.meta.priceBookAsOf, inForce));
  };

  const editEntry = (entry: PriceEntry) => {
    setChosenRows(new Set());
    setForm(formFromEntry(entry));
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

  const previewDelete = (entry: PriceEntry) =>
    setPending({
      label: `Delete price entry ${entry.id}`,
      after: { ...doc, priceEntries: doc.priceEntries.filter((p) => p.id !== entry.id) },
    });

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

  return {
    pending,
    setPending,
    form,
    setForm,
    formError,
    chosenRows,
    setChosenRows,
    startForm,
    editEntry,
    previewEntry,
    previewDelete,
    confirm,
  };
}
