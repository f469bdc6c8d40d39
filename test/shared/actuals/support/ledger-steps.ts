import { expect } from 'vitest';
import type { ActualRecord } from '../../../../shared/actuals/actual-record';
import {
  type ActualsGroup,
  type ActualsGrouping,
  groupActuals,
} from '../../../../shared/actuals/ledger/actuals-report';
import { commitImport } from '../../../../shared/actuals/ledger/commit-import';
import { previewImport } from '../../../../shared/actuals/ledger/import-accumulator';
import type { ImportMeta, ImportPreview, ReadSummary } from '../../../../shared/actuals/ledger/import-types';
import { type ActualsLedger, emptyActualsLedger } from '../../../../shared/actuals/ledger/ledger-schema';
import { type Exact, toDecimalString } from '../../../../shared/money/exact';
import { createPriceBook } from '../../../../shared/pricing/price-book';
import { read } from './records';

export const BOOK = createPriceBook();

export function preview(
  ledger: ActualsLedger,
  meta: ImportMeta,
  records: readonly ActualRecord[],
  summary: ReadSummary = read(records),
): ImportPreview {
  const r = previewImport(ledger, { meta, records, read: summary });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function commit(ledger: ActualsLedger, p: ImportPreview): ActualsLedger {
  const r = commitImport(ledger, p);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Preview then commit: the ledger after importing the records. */
export function importInto(
  ledger: ActualsLedger,
  meta: ImportMeta,
  records: readonly ActualRecord[],
  summary?: ReadSummary,
): ActualsLedger {
  return commit(ledger, preview(ledger, meta, records, summary));
}

/** Imports files in order into an empty ledger. */
export function ledgerOf(...imports: [ImportMeta, readonly ActualRecord[]][]): ActualsLedger {
  let ledger = emptyActualsLedger();
  for (const [m, records] of imports) ledger = importInto(ledger, m, records);
  return ledger;
}

export function text(e: Exact | null): string | null {
  return e === null ? null : toDecimalString(e);
}

/** key → the group's amount in one measure, as exact decimal text. */
export function amountsBy(
  ledger: ActualsLedger,
  by: ActualsGrouping | readonly ActualsGrouping[],
  measure: 'billedUsd' | 'meteredUsd' | 'usagePricedUsd',
): Record<string, string | null> {
  return Object.fromEntries(groupActuals(ledger, by, BOOK).map((g: ActualsGroup) => [g.key, text(g[measure])]));
}

/** A ledger written to a plan file and read back is the same ledger (JSON-able, nothing lost). */
export function expectPlainJson(ledger: ActualsLedger): void {
  expect(JSON.parse(JSON.stringify(ledger))).toEqual(ledger);
}
