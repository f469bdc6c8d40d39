import { emptyActualsLedger } from '../actuals/ledger/ledger-schema';
import type { PlanDocument, PlanRow } from './plan-schema';
import { CURRENT_SCHEMA_VERSION } from './plan-schema';
import { defaultValues, ROW_DETAILS, ROW_INPUTS } from './row-fields';

/** A new row's values: every field's default (row-fields.ts), the row's own fields first. */
const NEW_ROW: Omit<PlanRow, 'id'> = { ...defaultValues(ROW_DETAILS), ...defaultValues(ROW_INPUTS) };

/** A new row with the defaults a user would pick first: gpt-image-2, square, medium, exploring. */
export function blankRow(id: string, overrides: Partial<PlanRow> = {}): PlanRow {
  return { ...NEW_ROW, id, ...overrides };
}

export function blankPlan(asOf: string, name = 'Untitled plan'): PlanDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    meta: { name, owner: '', currency: 'USD', displayCurrency: null, priceBookAsOf: asOf, notes: '' },
    priceEntries: [],
    rows: [],
    scenarios: [],
    activeScenarioId: null,
    actuals: emptyActualsLedger(),
  };
}
