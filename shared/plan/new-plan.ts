import { emptyActualsLedger } from '../actuals/ledger/ledger-schema';
import type { PlanDocument, PlanRow } from './plan-schema';
import { CURRENT_SCHEMA_VERSION } from './plan-schema';

/** Iteration presets: generations per approved final. */
export const ITERATION_PRESETS = [
  { id: 'strict', label: 'Strict baselines', factor: '1.2' },
  { id: 'exploring', label: 'Exploring', factor: '1.8' },
  { id: 'scratch', label: 'From scratch', factor: '2.5' },
] as const;

export function iterationPresetOf(factor: string): (typeof ITERATION_PRESETS)[number] | undefined {
  return ITERATION_PRESETS.find((p) => Number(p.factor) === Number(factor));
}

/** A new row with the defaults a user would pick first: gpt-image-2, square, medium, exploring. */
export function blankRow(id: string, overrides: Partial<PlanRow> = {}): PlanRow {
  return {
    id,
    name: 'New campaign line',
    team: '',
    assetType: '',
    startDate: null,
    endDate: null,
    budgetCapUsd: null,
    notes: '',
    model: 'gpt-image-2',
    surface: 'api',
    priceEntryId: null,
    size: '1024x1024',
    quality: 'medium',
    finals: 10,
    iterationFactor: '1.8',
    draftsPerFinal: '0',
    draftQuality: null,
    nPerRequest: 1,
    promptTokens: null,
    promptChars: 600,
    referenceImages: 0,
    referenceSize: '1024x1024',
    cachedSharePct: 0,
    partialImages: 0,
    ...overrides,
  };
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
