import * as z from 'zod';
import { ActualsLedger } from '../actuals/ledger/ledger-schema';
import { DecimalText, IsoDate, PriceEntry } from '../pricing/price-entry';
import { ROW_DETAILS, ROW_INPUT_KEYS, ROW_INPUTS, type RowInputKey, schemaShape } from './row-fields';

export const PLAN_FILE_EXTENSION = '.pxplan';
/** 2: the actuals section holds the import ledger (shared/actuals/ledger/ledger-schema.ts). */
/** 3: rows gained inputFidelity (plan-document.ts migrates older plans). */
/** 4: rows gained phasing and approvedFinals; the actuals' match rules and assignments are typed. */
export const CURRENT_SCHEMA_VERSION = 4;

/** The inputs of a row that drive the estimate. Scenarios may override any of them. */
export const RowInputs = z.object(schemaShape(ROW_INPUTS));
export type RowInputs = z.infer<typeof RowInputs>;
export type RowInputField = RowInputKey;
export const ROW_INPUT_FIELDS: readonly RowInputField[] = ROW_INPUT_KEYS;

/** A plan row: its inputs, then what describes it (fields and limits: row-fields.ts). */
export const PlanRow = RowInputs.extend(schemaShape(ROW_DETAILS));
export type PlanRow = z.infer<typeof PlanRow>;

export const ScenarioOverride = z.object({
  /** A row id, or "*" for every row. */
  rowId: z.string().min(1),
  field: z.enum(ROW_INPUT_FIELDS),
  value: z.union([z.string(), z.number(), z.null()]),
});
export type ScenarioOverride = z.infer<typeof ScenarioOverride>;

export const Scenario = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  description: z.string().max(2000),
  overrides: z.array(ScenarioOverride),
});
export type Scenario = z.infer<typeof Scenario>;

export const DisplayCurrency = z.object({
  code: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO currency code such as EUR'),
  /** Units of the display currency per 1 USD, fixed for the plan. */
  perUsd: DecimalText,
});

export const PlanMeta = z.object({
  name: z.string().min(1).max(200),
  owner: z.string().max(200),
  currency: z.literal('USD'),
  displayCurrency: DisplayCurrency.nullable(),
  /** Prices are looked up as of this date. */
  priceBookAsOf: IsoDate,
  notes: z.string().max(32_767),
});

/** Imported actuals: the ledger of import batches, and reconciliation's rules and manual assignments. */
export const ActualsSection = ActualsLedger;

export const PlanDocument = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  meta: PlanMeta,
  priceEntries: z.array(PriceEntry),
  rows: z.array(PlanRow),
  scenarios: z.array(Scenario),
  activeScenarioId: z.string().nullable(),
  actuals: ActualsSection,
});
export type PlanDocument = z.infer<typeof PlanDocument>;
