import type { z } from 'zod';
import { findModel, MODEL_IDS, MODEL_SPECS } from '../estimate/models';
import { ASPECT_PRESETS, parseSizeText, resolveSize } from '../estimate/sizes';
import { BILLING_SURFACES } from '../pricing/price-entry';
import { fail, ok, type Result } from '../result';
import { ITERATION_PRESETS } from './iteration-presets';
import {
  chooseFrom,
  closedChoiceField,
  dateField,
  decimalField,
  entryIdField,
  type FieldRow,
  idField,
  integerField,
  moneyField,
  openChoiceField,
  optionalIntegerField,
  optionalOpenChoiceField,
  type RowField,
  type RowFieldValue,
  sizeField,
  textField,
} from './row-field-kinds';

/**
 * The registry of plan row fields: one entry per field with its kind, limits, header, tooltip, parser,
 * messages, default and CLI option. Everything else is derived from it:
 * - the zod schema of a row (plan-schema.ts) and a new row's defaults (new-plan.ts);
 * - the grid's input columns, editors, cell display and typed/pasted text parsing (renderer/src/grid);
 * - the workbook's input columns, number formats, drop-down lists and field codec (shared/workbook);
 * - the quote command's options, their limits and descriptions (cli/commands/quote.ts).
 *
 * To add a row field:
 * 1. Add an entry below, built with the builder for its kind (row-field-kinds.ts): under ROW_INPUTS if it
 *    drives the estimate (scenarios may override it), else under ROW_DETAILS. Give it `cli` to make it a
 *    quote option. Its place in the object is its place everywhere: the grid (input-columns.ts), the
 *    Plan sheet (plan-columns.ts) and the quote's help (quote.ts) show it right after the field before
 *    it; name it in their order lists only to put it somewhere else.
 * 2. Use it in the engine (shared/estimate) and, for the workbook to recompute with it, in the Plan
 *    sheet's formulas (planFormulas in shared/workbook/plan-columns.ts).
 * 3. Plan files saved before the field have no value for it: add a migration step (plan-document.ts)
 *    that fills in its default, and bump CURRENT_SCHEMA_VERSION.
 * Nothing else lists the fields: the schema, a new row, the grid's columns, editors and parsing, the
 * workbook's columns, formats, drop-downs and codec, and the CLI options follow from the entry; tests in
 * test/shared/row-fields.test.ts, test/renderer/grid/input-columns.test.ts and
 * test/cli/row-input-options.test.ts check that every field reaches each of them. A new kind of value
 * (not a new field) needs a builder in row-field-kinds.ts and a case in each switch over `kind` (the type
 * checker finds them).
 */

/** The iteration factor's floor, in the engine's and the editors' words. */
export const FACTOR_BELOW_ONE = 'the iteration factor must be at least 1 (one generation per approved final)';

/** A reference image size that is not WIDTHxHEIGHT, in the engine's and the editors' words. */
export function notAnImageSize(text: string): string {
  return `"${text}" is not a size: write WIDTHxHEIGHT, e.g. 1024x1024`;
}

/** How a row's planned cost is spread over its days: evenly, more at the start, or more at the end. */
export const PHASINGS = ['even', 'front-loaded', 'back-loaded'] as const;
export type Phasing = (typeof PHASINGS)[number];

/** OpenAI's input_fidelity values (the row's inputFidelity). */
export const INPUT_FIDELITIES = ['low', 'high'] as const;

/** Every way an output size can be written, for tooltips and help. */
export const SIZE_HELP = `WIDTHxHEIGHT, an aspect preset (${ASPECT_PRESETS.join(', ')}) or auto`;

const ALL_QUALITIES: readonly string[] = [...new Set(MODEL_SPECS.flatMap((m) => m.qualities))];

function qualityOptions(row: FieldRow | null): readonly string[] {
  if (row === null) return ALL_QUALITIES;
  return findModel(row.model)?.qualities ?? [];
}

function chooseQuality(text: string, row: FieldRow): Result<string> {
  const model = findModel(row.model);
  // A row whose model is unknown keeps the text: the estimate reports the model.
  return model ? chooseFrom(text, model.qualities, `quality for ${model.id}`) : ok(text.trim());
}

function chooseModel(text: string): Result<string> {
  const t = text.trim().toLowerCase();
  const spec = MODEL_SPECS.find((m) => m.id.toLowerCase() === t || m.label.toLowerCase() === t);
  return spec ? ok(spec.id) : fail(`"${text.trim()}" is not a known model: pick one from the list`);
}

function readOutputSize(text: string, row: FieldRow): Result<string> {
  const model = findModel(row.model);
  if (!model) return text.trim() === '' ? fail('a size is needed') : ok(text.trim());
  const resolved = resolveSize(model, text);
  return resolved.ok ? ok(resolved.value.key) : fail(resolved.error);
}

function readImageSize(text: string): Result<string> {
  const s = parseSizeText(text);
  return s && s.width > 0 && s.height > 0 ? ok(`${s.width}x${s.height}`) : fail(notAnImageSize(text.trim()));
}

/** The fields that drive the estimate, in schema order. Scenarios may override any of them. */
export const ROW_INPUTS = {
  model: openChoiceField({
    label: 'Model',
    description: 'Image model',
    width: { grid: 120, sheet: 22 },
    cli: {
      option: 'model',
      valueName: 'M',
      example: 'gpt-image-2',
      help: `model id (${MODEL_IDS.slice(0, 3).join(', ')}, ...; see "prices")`,
    },
    options: () => MODEL_IDS,
    choose: chooseModel,
    emptyMessage: 'choose a model',
    expectation: 'a model id',
    defaultValue: 'gpt-image-2',
  }),
  surface: closedChoiceField({
    label: 'Billing surface',
    description: `How the images are paid: ${BILLING_SURFACES.join(', ')}`,
    width: { grid: 125, sheet: 12 },
    cli: {
      option: 'surface',
      valueName: 'S',
      example: 'api',
      help: `billing surface: ${BILLING_SURFACES.join(', ')}`,
      showDefault: true,
    },
    options: BILLING_SURFACES,
    what: 'billing surface',
    defaultValue: 'api',
  }),
  /** Pin one price entry (e.g. a particular reseller); null = the entry in force for model and surface. */
  priceEntryId: entryIdField({
    label: 'Pinned price entry',
    description: 'Pin a price entry by id (empty = the one in force)',
    width: { grid: 200, sheet: 18 },
    cli: { option: 'price-entry', valueName: 'ID', help: 'use this price entry id instead of the one in force' },
    expectation: 'a price entry id (or an empty cell)',
  }),
  /** "WIDTHxHEIGHT" or "auto" (presets are resolved to a size when entered). */
  size: sizeField({
    kind: 'size',
    label: 'Size',
    description: SIZE_HELP,
    width: { grid: 100, sheet: 12 },
    cli: { option: 'size', valueName: 'WxH', example: '1024x1024', help: SIZE_HELP },
    expectation: 'a size such as 1536x1024',
    read: readOutputSize,
    defaultValue: '1024x1024',
  }),
  quality: openChoiceField({
    label: 'Quality',
    description: "Quality of the finals (the model's own levels)",
    width: { grid: 80, sheet: 10 },
    cli: {
      option: 'quality',
      valueName: 'Q',
      example: 'high',
      help: 'low, medium, high, auto (models differ: the error lists them)',
    },
    options: qualityOptions,
    choose: chooseQuality,
    expectation: "a quality the row's model offers",
    defaultValue: 'medium',
  }),
  finals: integerField({
    label: 'Finals',
    description: 'Approved images needed',
    width: { grid: 115, sheet: 9 },
    min: 0,
    max: 10_000_000,
    noun: 'finals',
    defaultValue: 10,
  }),
  /** Generations per approved final: one of ITERATION_PRESETS, or custom. */
  iterationFactor: decimalField({
    label: 'Generations per final',
    formerLabels: ['Iteration factor'],
    description: `Generations per approved final (the iteration factor): ${ITERATION_PRESETS.map((p) => `${p.id} ${p.factor}`).join(', ')}, or your own`,
    width: { grid: 150, sheet: 10 },
    maxWholeDigits: 4,
    maxDecimals: 4,
    noun: 'generations per final',
    expects: 'an iteration factor such as 1.8',
    example: '1.8',
    minimum: { value: 1, message: FACTOR_BELOW_ONE },
    presets: ITERATION_PRESETS,
    defaultValue: '1.8',
  }),
  /** Draft images per approved final, rendered at `draftQuality` before the finals; "0" = no draft pass. */
  draftsPerFinal: decimalField({
    label: 'Drafts per final',
    description: 'Cheaper draft images per final (0 = no draft pass)',
    width: { grid: 120, sheet: 10 },
    maxWholeDigits: 4,
    maxDecimals: 4,
    noun: 'drafts per final',
    expects: 'a number of drafts per final such as 0 or 1.5',
    example: '1.8',
    minimum: null,
    defaultValue: '0',
  }),
  draftQuality: optionalOpenChoiceField({
    label: 'Draft quality',
    description: "Quality of the drafts (empty = the model's draft default)",
    width: { grid: 110, sheet: 10 },
    options: qualityOptions,
    choose: chooseQuality,
    expectation: "a quality the row's model offers (or an empty cell)",
  }),
  nPerRequest: integerField({
    label: 'Images per request',
    description: 'Images per API request',
    width: { grid: 135, sheet: 10 },
    cli: { option: 'n', valueName: 'N', example: '4', help: 'images per request', showDefault: true },
    min: 1,
    max: 10,
    noun: 'images per request',
    defaultValue: 1,
  }),
  /** Prompt text tokens per request; when null, estimated from promptChars. */
  promptTokens: optionalIntegerField({
    label: 'Prompt tokens',
    description: 'Prompt tokens, when known (overrides the character estimate)',
    width: { grid: 115, sheet: 10 },
    cli: { option: 'prompt-tokens', valueName: 'T', help: 'prompt text tokens per request' },
    min: 0,
    max: 1_000_000,
    noun: 'prompt tokens',
    defaultValue: null,
  }),
  promptChars: optionalIntegerField({
    label: 'Prompt characters',
    description: 'Prompt length in characters (tokens are estimated as chars ÷ 4)',
    width: { grid: 135, sheet: 11 },
    cli: {
      option: 'prompt-chars',
      valueName: 'C',
      help: 'prompt length in characters',
      note: 'tokens estimated as chars / 4',
    },
    min: 0,
    max: 32_000,
    noun: 'prompt characters',
    defaultValue: 600,
  }),
  referenceImages: integerField({
    label: 'Reference images',
    description: 'Reference images sent with each request',
    width: { grid: 130, sheet: 10 },
    cli: { option: 'refs', valueName: 'R', help: 'reference images per request' },
    min: 0,
    max: 16,
    noun: 'reference images',
    defaultValue: 0,
  }),
  referenceSize: sizeField({
    kind: 'image-size',
    label: 'Reference size',
    description: 'Size of each reference image (WIDTHxHEIGHT)',
    width: { grid: 120, sheet: 12 },
    cli: {
      option: 'ref-size',
      valueName: 'WxH',
      example: '1024x1024',
      help: 'size of each reference image',
      showDefault: true,
    },
    expectation: 'a size such as 1024x1024',
    read: readImageSize,
    defaultValue: '1024x1024',
  }),
  /**
   * OpenAI's input_fidelity for the row's reference images: high adds 4,160 input tokens per square
   * image and 6,240 per portrait or landscape one on gpt-image-1 and 1.5 (gpt-image-2 models are always
   * high; other models have no such setting).
   */
  inputFidelity: closedChoiceField({
    label: 'Input fidelity',
    description:
      'input_fidelity of the reference images: high adds 4,160 (square) or 6,240 tokens per image on gpt-image-1 and 1.5',
    width: { grid: 110, sheet: 10 },
    cli: {
      option: 'input-fidelity',
      valueName: 'F',
      example: 'high',
      help: 'input_fidelity of reference images: low or high',
      note: 'gpt-image-1 / 1.5: high adds 4,160-6,240 tokens per image',
      showDefault: true,
    },
    options: INPUT_FIDELITIES,
    what: 'input fidelity',
    defaultValue: 'low',
  }),
  /** Share of input tokens served from cache, in whole percent (Responses API only). */
  cachedSharePct: integerField({
    label: 'Cached input % (Responses)',
    description: 'Share of input served from cache (Responses API only)',
    width: { grid: 185, sheet: 12 },
    cli: {
      option: 'cached-pct',
      valueName: 'P',
      help: 'percent of input tokens served from cache',
      note: 'responses surface only',
    },
    min: 0,
    max: 100,
    unit: '%',
    noun: 'percent of input served from cache',
    defaultValue: 0,
  }),
  /** Streamed partial images per request, +100 output tokens each. */
  partialImages: integerField({
    label: 'Partial images',
    description: 'Streamed partial images per request',
    width: { grid: 115, sheet: 9 },
    cli: {
      option: 'partials',
      valueName: 'P',
      help: 'streamed partial images per request',
      note: '+100 output tokens each',
    },
    min: 0,
    max: 3,
    noun: 'partial images',
    defaultValue: 0,
  }),
};

/** The fields that describe a row (never overridden by a scenario), in the order a new row lists them. */
export const ROW_DETAILS = {
  id: idField({ label: 'Row id', description: 'The row’s id', width: { grid: null, sheet: 14 }, maxLength: 64 }),
  name: textField({
    label: 'Campaign line',
    description: 'What the images are for',
    width: { grid: 210, sheet: 36 },
    maxLength: 200,
    defaultValue: 'New campaign line',
  }),
  team: textField({
    label: 'Team',
    description: 'Owning team (subtotals group by it)',
    width: { grid: 115, sheet: 16 },
    maxLength: 100,
    defaultValue: '',
  }),
  assetType: textField({
    label: 'Asset type',
    description: 'Kind of asset (subtotals group by it)',
    width: { grid: 115, sheet: 16 },
    maxLength: 100,
    defaultValue: '',
  }),
  startDate: dateField({ label: 'Start date', description: 'First day (YYYY-MM-DD)', width: { grid: 115, sheet: 12 } }),
  endDate: dateField({ label: 'End date', description: 'Last day (YYYY-MM-DD)', width: { grid: 115, sheet: 12 } }),
  /** How the row's planned cost is spread over its start–end days for reconciliation by week. */
  phasing: closedChoiceField({
    label: 'Phasing',
    description: `How the planned cost is spread over the start–end days: ${PHASINGS.join(', ')}`,
    width: { grid: 115, sheet: 12 },
    options: PHASINGS,
    what: 'phasing',
    defaultValue: 'even',
  }),
  budgetCapUsd: moneyField({
    label: 'Budget cap (USD)',
    description: 'Budget for the row in USD (empty = no cap)',
    width: { grid: 135, sheet: 13 },
    maxDecimals: 6,
    noun: 'a budget in USD',
    expectation: 'a non-negative amount in USD (or an empty cell)',
  }),
  /** Finals approved so far, typed by the user: the observed iteration factor rests on it. */
  approvedFinals: optionalIntegerField({
    label: 'Approved finals',
    description: 'Finals approved so far (observed iteration factor = generations ÷ approved finals)',
    width: { grid: 130, sheet: 10 },
    min: 0,
    max: 10_000_000,
    noun: 'approved finals',
    defaultValue: null,
  }),
  notes: textField({
    label: 'Notes',
    description: 'Free notes',
    width: { grid: 260, sheet: 30 },
    maxLength: 32_767,
    multiline: true,
    defaultValue: '',
  }),
};

export type RowInputKey = keyof typeof ROW_INPUTS;
export type RowDetailKey = keyof typeof ROW_DETAILS;
export type RowFieldKey = RowInputKey | RowDetailKey;

/** A table of fields: the registry, or (in tests) the registry with a field added. */
export type RowFieldTable<K extends string = string> = { readonly [key in K]: RowField };

/** Every row field, inputs first (the order of a row's schema). */
export const ROW_FIELDS: RowFieldTable<RowFieldKey> = { ...ROW_INPUTS, ...ROW_DETAILS };

export const ROW_INPUT_KEYS = Object.keys(ROW_INPUTS) as RowInputKey[];
export const ROW_FIELD_KEYS = Object.keys(ROW_FIELDS) as RowFieldKey[];

/** The zod shape of a table of fields (one schema per key). */
export function schemaShape<T extends Record<string, { readonly schema: z.ZodType }>>(
  fields: T,
): { [K in keyof T]: T[K]['schema'] } {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) shape[key] = field.schema;
  return shape as { [K in keyof T]: T[K]['schema'] };
}

/** The default value of every field of a table. */
export function defaultValues<T extends Record<string, { readonly defaultValue: RowFieldValue }>>(
  fields: T,
): { [K in keyof T]: T[K]['defaultValue'] } {
  const out: Record<string, RowFieldValue> = {};
  for (const [key, field] of Object.entries(fields)) out[key] = field.defaultValue;
  return out as { [K in keyof T]: T[K]['defaultValue'] };
}

/**
 * A layout's order of fields: the ones it lists, in its order, with every other field of `all` placed
 * right after the field before it in `all` (so a field added to the registry shows up beside its
 * neighbour everywhere without editing the layouts).
 */
export function placeFields<K extends string>(listed: readonly string[], all: readonly K[]): K[] {
  const out = all.filter((k) => listed.includes(k)).sort((a, b) => listed.indexOf(a) - listed.indexOf(b));
  for (let i = 0; i < all.length; i++) {
    const key = all[i] as K;
    if (out.includes(key)) continue;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const before = out.indexOf(all[j] as K);
      if (before !== -1) {
        at = before + 1;
        break;
      }
    }
    out.splice(at, 0, key);
  }
  return out;
}
