import { emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import fc from 'fast-check';
import { MODEL_SPECS, type ModelSpec } from '../../../shared/estimate/models';
import { checkSize } from '../../../shared/estimate/sizes';
import { blankRow } from '../../../shared/plan/new-plan';
import {
  CURRENT_SCHEMA_VERSION,
  type PlanDocument,
  type PlanRow,
  type Scenario,
} from '../../../shared/plan/plan-schema';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import { BILLING_SURFACES, type BillingSurface } from '../../../shared/pricing/price-entry';
import { BUILTIN_CATALOG } from '../../../shared/pricing/builtin-catalog';
import { createSamplePlan } from '../../../shared/plan/sample-plan';

/** The sample plan's credits product (211 credits per $1 of tokens, 1.2x markup), as users get it. */
const SAMPLE_CREDITS_ENTRIES = createSamplePlan('2026-11-28').priceEntries.filter(
  (e) => e.pricing.unit === 'credits-per-token-usd',
);

/**
 * Random plans that exercise every formula path: all models and surfaces (batch, credits, reseller,
 * responses with cached input), odd legal sizes, auto size/quality, draft passes, references of any
 * size, partial images, plan price entries (reseller tables with wildcards, credits products,
 * negotiated discounts) and scenarios.
 */

const SAFE_TEXT = fc.string({
  unit: fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyz ABC-=+@\'"&<>*?~;,0123456789éü€'.split(''),
    '\t',
    '\n',
    '\r',
    '\u0001',
    '\uD83D',
    '😀',
    ' ',
  ),
  maxLength: 24,
});

function sizeArbitrary(model: ModelSpec): fc.Arbitrary<string> {
  const rule = model.sizes;
  if (rule.kind === 'fixed')
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...rule.sizes) },
      { weight: 1, arbitrary: fc.constant('auto') },
    );
  const legal = fc
    .tuple(fc.integer({ min: 1, max: rule.maxEdge / 16 }), fc.integer({ min: 1, max: rule.maxEdge / 16 }))
    .map(([w, h]) => ({ width: w * 16, height: h * 16 }))
    .filter((s) => checkSize(rule, s) === null)
    .map((s) => `${s.width}x${s.height}`);
  return fc.oneof(
    { weight: 8, arbitrary: legal },
    { weight: 1, arbitrary: fc.constant('auto') },
    { weight: 1, arbitrary: fc.constantFrom('1000x1000', '1024x1025', '4000x1024') },
  );
}

const FACTORS = ['1', '1.2', '1.35', '1.8', '2.5', '3.1234', '1.0001'];
const DRAFTS = ['0', '0', '0.5', '1', '2', '1.25'];

/** Surfaces some entry prices the model on, so most rows estimate (a few random ones test error rows). */
function surfacesOf(model: ModelSpec): BillingSurface[] {
  const set = new Set<BillingSurface>();
  for (const e of [...BUILTIN_CATALOG, ...PLAN_ENTRIES])
    if (e.model === model.id) for (const s of e.surfaces) set.add(s);
  return set.size > 0 ? [...set] : ['api'];
}

function rowArbitrary(id: string, extraModels: readonly string[]): fc.Arbitrary<PlanRow> {
  return fc.constantFrom(...MODEL_SPECS).chain((model) =>
    fc
      .record({
        surface: fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...surfacesOf(model)) },
          { weight: 1, arbitrary: fc.constantFrom(...BILLING_SURFACES) },
        ),
        size: sizeArbitrary(model),
        quality: fc.constantFrom(...model.qualities),
        finals: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 100_000 })),
        iterationFactor: fc.constantFrom(...FACTORS),
        draftsPerFinal: fc.constantFrom(...DRAFTS),
        draftQuality: fc.option(fc.constantFrom(...model.qualities), { nil: null }),
        nPerRequest: fc.integer({ min: 1, max: model.nMax }),
        promptTokens: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
        promptChars: fc.option(fc.integer({ min: 0, max: 32_000 }), { nil: null }),
        referenceImages: fc.oneof(
          { weight: 2, arbitrary: fc.constant(0) },
          { weight: 3, arbitrary: fc.integer({ min: 1, max: 16 }) },
        ),
        referenceSize: fc
          .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }))
          .map(([w, h]) => `${w}x${h}`),
        cachedSharePct: fc.integer({ min: 0, max: 100 }),
        partialImages: fc.integer({ min: 0, max: 3 }),
        budgetCapUsd: fc.option(fc.constantFrom('12.00', '5', '0.5', '1000', '123456.789'), { nil: null }),
        name: SAFE_TEXT,
        team: fc.constantFrom('', 'Growth', 'growth', '=Brand', 'R&D *', '\u0001=Ops'),
        assetType: fc.constantFrom('', 'Social ad', 'Product photo', '-Hero'),
        startDate: fc.option(fc.constantFrom('2026-12-31', '2027-01-01', '2027-01-18', '2027-02-28', '2027-12-01'), {
          nil: null,
        }),
        notes: SAFE_TEXT,
        pin: fc.option(fc.constantFrom(...extraModels), { nil: null }),
      })
      .map((r): PlanRow => {
        const { pin, ...rest } = r;
        const surface = model.id === 'gpt-image-2' && pin !== null ? 'reseller' : rest.surface;
        return blankRow(id, {
          ...rest,
          model: model.id,
          surface,
          priceEntryId: model.id === 'gpt-image-2' && pin !== null ? pin : null,
          endDate: null,
        });
      }),
  );
}

const PLAN_ENTRIES: readonly PriceEntry[] = [
  {
    id: 'plan/reseller-gpt-image-2',
    provider: 'Example reseller',
    model: 'gpt-image-2',
    snapshot: null,
    surfaces: ['reseller'],
    pricing: {
      unit: 'usd-per-image',
      perImage: { high: { '1024x1024': '0.2', '*': '0.25' }, '*': { '1536x1024': '0.031', '*': '0.0419' } },
    },
    batch: null,
    effectiveFrom: '2026-01-01',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user',
    sources: ['https://example.com/prices'],
    notes: 'reseller table with wildcards',
  },
  ...SAMPLE_CREDITS_ENTRIES,
  {
    id: 'plan/negotiated-gpt-image-1',
    provider: 'openai',
    model: 'gpt-image-1',
    snapshot: null,
    surfaces: ['api', 'batch', 'responses'],
    pricing: { unit: 'discount', baseEntryId: 'openai/gpt-image-1@2025-04-01', percentOff: '12.5' },
    batch: null,
    effectiveFrom: '2025-06-01',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user',
    sources: [],
    notes: 'negotiated discount',
  },
  {
    id: 'plan/negotiated-flux-pro',
    provider: 'black-forest-labs',
    model: 'flux-2-pro',
    snapshot: null,
    surfaces: ['credits'],
    pricing: { unit: 'discount', baseEntryId: 'bfl/flux-2-pro@2025-11-25', percentOff: '7' },
    batch: null,
    effectiveFrom: '2025-12-01',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user',
    sources: [],
    notes: '',
  },
];

const RESELLER_PINS = [
  'plan/reseller-gpt-image-2',
  'fal/gpt-image-2@2026-04-21',
  'example-reseller/gpt-image-2-flat@2026-05-01',
];

function scenarioArbitrary(rowIds: readonly string[]): fc.Arbitrary<Scenario[]> {
  const override = fc.oneof(
    fc.record({
      rowId: fc.constant('*'),
      field: fc.constant('iterationFactor' as const),
      value: fc.constantFrom<string | number | null>('2.5', '1.2'),
    }),
    fc.record({
      rowId: fc.constantFrom('*', ...rowIds),
      field: fc.constant('draftsPerFinal' as const),
      value: fc.constantFrom<string | number | null>('0', '1'),
    }),
    fc.record({
      rowId: fc.constantFrom(...(rowIds.length > 0 ? rowIds : ['*'])),
      field: fc.constant('finals' as const),
      value: fc.integer({ min: 0, max: 300 }),
    }),
  );
  return fc.array(fc.array(override, { maxLength: 3 }), { maxLength: 2 }).map((lists) =>
    lists.map((overrides, i) => ({
      id: `s${i + 1}`,
      name: i === 0 ? 'From scratch' : `Variant ${i + 1}`,
      description: '',
      overrides,
    })),
  );
}

export interface GeneratedPlan {
  readonly plan: PlanDocument;
  /** The scenario the export shows (null = base plan). */
  readonly scenarioId: string | null;
}

export function planArbitrary(options: { minRows?: number; maxRows?: number } = {}): fc.Arbitrary<GeneratedPlan> {
  const { minRows = 1, maxRows = 6 } = options;
  return fc
    .record({
      asOf: fc.constantFrom('2026-06-01', '2026-10-15'),
      entries: fc.subarray([...PLAN_ENTRIES]),
      count: fc.integer({ min: minRows, max: maxRows }),
      name: SAFE_TEXT,
    })
    .chain(({ asOf, entries, count, name }) => {
      const ids = Array.from({ length: count }, (_, i) => `r${i + 1}`);
      return fc
        .tuple(fc.tuple(...ids.map((id) => rowArbitrary(id, RESELLER_PINS))), scenarioArbitrary(ids))
        .chain(([rows, scenarios]) =>
          fc.constantFrom(null, ...scenarios.map((s) => s.id)).map((scenarioId): GeneratedPlan => ({
            scenarioId,
            plan: {
              schemaVersion: CURRENT_SCHEMA_VERSION,
              meta: {
                name: name || 'Generated plan',
                owner: 'fast-check',
                currency: 'USD',
                displayCurrency: null,
                priceBookAsOf: asOf,
                notes: '',
              },
              priceEntries: entries,
              rows,
              scenarios,
              activeScenarioId: scenarioId,
              actuals: emptyActualsLedger(),
            },
          })),
        );
    });
}
