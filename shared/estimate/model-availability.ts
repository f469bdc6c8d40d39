import { allEntries, notInForceReason, type PriceBook } from '../pricing/price-book';
import { MODEL_SPECS, type ModelSpec } from './models';

/**
 * The day a model was shut down, as of `date`: when none of its price entries is in force on that date
 * and at least one says it was shut down by then (the latest such day). Null while it can be priced, and
 * for a model whose prices merely have not started yet. Dates compare as YYYY-MM-DD text.
 */
export function modelShutdownOn(book: PriceBook, model: string, date: string): string | null {
  let shutdown: string | null = null;
  for (const entry of allEntries(book)) {
    if (entry.model !== model) continue;
    if (notInForceReason(entry, date) === null) return null;
    if (
      entry.shutdownDate !== null &&
      entry.shutdownDate <= date &&
      (shutdown === null || entry.shutdownDate > shutdown)
    )
      shutdown = entry.shutdownDate;
  }
  return shutdown;
}

export interface ModelAvailability {
  /** Models that can be priced on the date (or at least were not shut down by then), in catalog order. */
  readonly available: readonly ModelSpec[];
  /** Models shut down by the date, with the day: offered only to price history. */
  readonly shutDown: readonly { readonly model: ModelSpec; readonly on: string }[];
}

/** The catalog's models split by whether they were shut down by `date` (a plan's price date). */
export function modelAvailability(book: PriceBook, date: string): ModelAvailability {
  const available: ModelSpec[] = [];
  const shutDown: { model: ModelSpec; on: string }[] = [];
  for (const model of MODEL_SPECS) {
    const on = modelShutdownOn(book, model.id, date);
    if (on === null) available.push(model);
    else shutDown.push({ model, on });
  }
  return { available, shutDown };
}
