import { z } from 'zod';
import { ActualsLedger } from '../actuals/ledger/ledger-schema';
import { BillingSurface, DecimalText, IsoDate, PriceEntry } from '../pricing/price-entry';

export const PLAN_FILE_EXTENSION = '.pxplan';
/** 2: the actuals section holds the import ledger (shared/actuals/ledger/ledger-schema.ts). */
export const CURRENT_SCHEMA_VERSION = 2;

const FactorText = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,4})?$/, 'expected a decimal with at most 4 decimals, such as "1.8"');

/** The inputs of a row that drive the estimate. Scenarios may override any of them. */
export const RowInputs = z.object({
  model: z.string().min(1, 'choose a model'),
  surface: BillingSurface,
  /** Pin one price entry (e.g. a particular reseller); null = the entry in force for model and surface. */
  priceEntryId: z.string().nullable(),
  /** "WIDTHxHEIGHT" or "auto" (presets are resolved to a size when entered). */
  size: z.string().min(1),
  quality: z.string().min(1),
  finals: z.number().int('finals must be a whole number').min(0).max(10_000_000),
  /** Generations per approved final: 1.2 strict baselines, 1.8 exploring, 2.5 from scratch, or custom. */
  iterationFactor: FactorText,
  /** Draft images per approved final, rendered at `draftQuality` before the finals; "0" = no draft pass. */
  draftsPerFinal: FactorText,
  draftQuality: z.string().nullable(),
  nPerRequest: z.number().int().min(1).max(10),
  /** Prompt text tokens per request; when null, estimated from promptChars. */
  promptTokens: z.number().int().min(0).max(1_000_000).nullable(),
  promptChars: z.number().int().min(0).max(32_000).nullable(),
  referenceImages: z.number().int().min(0).max(16),
  referenceSize: z.string().min(1),
  /** Share of input tokens served from cache, in whole percent (Responses API only). */
  cachedSharePct: z.number().int().min(0).max(100),
  /** Streamed partial images per request (0-3), +100 output tokens each. */
  partialImages: z.number().int().min(0).max(3),
});
export type RowInputs = z.infer<typeof RowInputs>;
export type RowInputField = keyof RowInputs;
export const ROW_INPUT_FIELDS = Object.keys(RowInputs.shape) as RowInputField[];

export const PlanRow = RowInputs.extend({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  team: z.string().max(100),
  assetType: z.string().max(100),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  budgetCapUsd: DecimalText.nullable(),
  notes: z.string().max(32_767),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const ScenarioOverride = z.object({
  /** A row id, or "*" for every row. */
  rowId: z.string().min(1),
  field: z.enum(ROW_INPUT_FIELDS as [RowInputField, ...RowInputField[]]),
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
