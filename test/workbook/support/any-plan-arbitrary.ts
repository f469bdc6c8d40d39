import fc from 'fast-check';
import { MODEL_IDS } from '../../../shared/estimate/models';
import { MAX_BUDGET_CAP_USD } from '../../../shared/plan/plan-checks';
import { parsePlanDocument } from '../../../shared/plan/plan-document';
import type { PlanDocument, PlanRow, Scenario, ScenarioOverride } from '../../../shared/plan/plan-schema';
import { BILLING_SURFACES, type PriceEntry } from '../../../shared/pricing/price-entry';
import { planArbitrary, type GeneratedPlan } from './plan-arbitrary';

/**
 * Issue 13 §4's "any plan that validates": the generated plans of plan-arbitrary.ts, then made odd in
 * every way the plan check still accepts: models the catalog does not list and qualities a model lacks
 * (in rows and in scenario overrides), figures of more than 15 significant digits, U+FFFF and
 * formula-like text in every text field (plan, rows, scenarios, price entries), any calendar date, any
 * budget cap up to the largest kept exactly. What the check refuses is filtered out: the property is
 * about what validates.
 */

/** Text attackers and careless pastes put in a plan; each fits the shortest text field (100 characters). */
export const ODD_TEXT = fc.oneof(
  fc.constantFrom(
    "=cmd|'/C calc'!A0",
    '+1+1',
    '-2',
    '@SUM(1)',
    "'quoted",
    "''twice",
    '\t=tab',
    ' =spaced',
    '\u001b[2J\u001b]0;x\u0007',
    'a\uFFFEb\uFFFF',
    '\uFFFF',
    '\uD800 lone',
    '<row r="4294967295"/>',
    ']]></t></is></c></row>',
    '&#99999999;&amp;',
    '\u202eevil',
    'line\r\nbreak\rcr',
    '  padded  ',
    '1e308',
    '0x10',
    '2027-01-31',
    'TRUE',
    '#N/A',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Any decimal DecimalText allows, often with more significant digits than a spreadsheet keeps. */
const FIGURE = fc.oneof(
  fc.constantFrom('999999999999.999999999999', '0.000000000001', '1234.123456789012', '0', '0.1', '100'),
  fc
    .tuple(fc.stringMatching(/^[0-9]{1,12}$/), fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: null }))
    .map(([whole, fraction]) => (fraction === null ? whole : `${whole}.${fraction}`)),
);

/** Budget caps up to the largest kept exactly, with up to 6 decimals. */
const BUDGET = fc.oneof(
  fc.constantFrom(MAX_BUDGET_CAP_USD, '0', '0.000001', '9007199254', '12.10'),
  fc
    .tuple(fc.integer({ min: 0, max: 9_007_199_253 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([whole, micro]) => `${whole}.${String(micro).padStart(6, '0')}`),
);

/** Any calendar date the schema takes, from 0001 to 9999 (so before Excel's 1900-03-01 too). */
const ANY_DATE = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const ODD_MODEL = fc.constantFrom('house-model-7', 'gpt-image-9', ' spaced-model ', '=cmd');
const ODD_QUALITY = fc.constantFrom('ultra', 'hd', 'standard', 'low', 'high', 'auto', '=1');

type RowChange = Partial<PlanRow>;

const ROW_CHANGE: fc.Arbitrary<RowChange> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ model: ODD_MODEL, quality: ODD_QUALITY, priceEntryId: fc.constant(null) }) },
  { weight: 6, arbitrary: fc.record({ quality: ODD_QUALITY }) },
  { weight: 6, arbitrary: fc.record({ draftQuality: ODD_QUALITY, draftsPerFinal: fc.constantFrom('0', '1', '0.5') }) },
  {
    weight: 6,
    arbitrary: fc.record({
      startDate: fc.option(ANY_DATE, { nil: null }),
      endDate: fc.option(ANY_DATE, { nil: null }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ budgetCapUsd: fc.option(BUDGET, { nil: null }) }) },
  { weight: 6, arbitrary: fc.record({ name: ODD_TEXT, team: ODD_TEXT, assetType: ODD_TEXT, notes: ODD_TEXT }) },
  // The longest note, past what a cell holds (32,767 characters, escapes and neutralising included):
  // rare, as each costs a few milliseconds to write and read.
  // Every number at its largest: rows whose sum passes what a plan total keeps exactly.
  {
    weight: 2,
    arbitrary: fc.record({
      finals: fc.constantFrom(10_000_000, 0),
      iterationFactor: fc.constantFrom('9999.9999', '1'),
      draftsPerFinal: fc.constantFrom('9999.9999', '0'),
      promptTokens: fc.constantFrom(1_000_000, null),
      referenceImages: fc.constantFrom(16, 0),
      referenceSize: fc.constantFrom('99999x99999', '1x1'),
      approvedFinals: fc.constantFrom(10_000_000, null),
      budgetCapUsd: fc.constantFrom(MAX_BUDGET_CAP_USD, null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      notes: fc.constantFrom('=' + 'x'.repeat(32_766), '\u0001'.repeat(6_000), 'a\uFFFF'.repeat(16_383)),
    }),
  },
  { weight: 6, arbitrary: fc.record({ priceEntryId: fc.oneof(ODD_TEXT, fc.constant('plan/odd-figures')) }) },
  { weight: 6, arbitrary: fc.record({ size: fc.constantFrom('7x7', 'auto', '1024x1024', '4096x4096') }) },
);

/** Overrides of every input field, with values the field takes (and a few it does not: filtered out). */
function overrideArbitrary(rowIds: readonly string[]): fc.Arbitrary<ScenarioOverride> {
  const rowId = fc.constantFrom('*', 'gone-row', ...rowIds);
  const value: fc.Arbitrary<Pick<ScenarioOverride, 'field' | 'value'>> = fc.oneof(
    fc.record({ field: fc.constant('quality' as const), value: ODD_QUALITY }),
    fc.record({ field: fc.constant('model' as const), value: fc.oneof(ODD_MODEL, fc.constantFrom(...MODEL_IDS)) }),
    fc.record({ field: fc.constant('size' as const), value: fc.constantFrom('1536x1024', '7x7', 'auto') }),
    fc.record({ field: fc.constant('surface' as const), value: fc.constantFrom(...BILLING_SURFACES) }),
    fc.record({ field: fc.constant('draftQuality' as const), value: fc.option(ODD_QUALITY, { nil: null }) }),
    fc.record({ field: fc.constant('priceEntryId' as const), value: fc.option(ODD_TEXT, { nil: null }) }),
    fc.record({ field: fc.constant('finals' as const), value: fc.integer({ min: 0, max: 10_000_000 }) }),
    fc.record({ field: fc.constant('iterationFactor' as const), value: fc.constantFrom('1', '9999.9999', '1.0') }),
    fc.record({ field: fc.constant('nPerRequest' as const), value: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ field: fc.constant('cachedSharePct' as const), value: fc.integer({ min: 0, max: 100 }) }),
    fc.record({ field: fc.constant('referenceSize' as const), value: fc.constantFrom('1x1', '5000x5000') }),
  );
  return fc.tuple(rowId, value).map(([id, v]) => ({ rowId: id, ...v }));
}

function scenariosArbitrary(rowIds: readonly string[]): fc.Arbitrary<Omit<Scenario, 'id'>[]> {
  return fc.array(
    fc.record({
      name: ODD_TEXT.map((t) => (t === '' ? 'Unnamed' : t)),
      description: ODD_TEXT,
      overrides: fc.array(overrideArbitrary(rowIds), { maxLength: 4 }),
    }),
    { maxLength: 2 },
  );
}

/** A plan-owned price entry whose figures a spreadsheet cell cannot hold exactly, with odd text all over. */
const ODD_ENTRY: fc.Arbitrary<PriceEntry> = fc
  .record({
    provider: ODD_TEXT.map((t) => (t === '' ? 'p' : t)),
    notes: ODD_TEXT,
    source: ODD_TEXT,
    high: FIGURE,
    any: FIGURE,
    from: ANY_DATE,
  })
  .map(({ provider, notes, source, high, any, from }) => ({
    id: 'plan/odd-figures',
    provider,
    model: 'gpt-image-2',
    snapshot: null,
    surfaces: ['reseller'],
    pricing: { unit: 'usd-per-image', perImage: { high: { '*': high }, '*': { '*': any } } },
    batch: null,
    effectiveFrom: from,
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user',
    sources: [source],
    notes,
  }));

function odd(generated: GeneratedPlan): fc.Arbitrary<GeneratedPlan> {
  const { plan } = generated;
  const ids = plan.rows.map((r) => r.id);
  return fc
    .record({
      changes: fc.array(fc.tuple(fc.nat(), ROW_CHANGE), { maxLength: 4 }),
      scenarios: scenariosArbitrary(ids),
      entry: fc.option(ODD_ENTRY, { nil: null }),
      meta: fc.record({ name: ODD_TEXT, owner: ODD_TEXT, notes: ODD_TEXT }),
      pick: fc.nat(),
    })
    .map(({ changes, scenarios, entry, meta, pick }) => {
      const rows = plan.rows.map((r) => ({ ...r }));
      for (const [at, change] of changes) if (rows.length > 0) Object.assign(rows[at % rows.length] ?? {}, change);
      const allScenarios = [
        ...plan.scenarios,
        ...scenarios.map((s, i) => ({ ...s, id: `odd-${i + 1}`, name: `${s.name.slice(0, 90)} ${i + 1}` })),
      ];
      const choices = [null, ...allScenarios.map((s) => s.id)];
      const scenarioId = choices[pick % choices.length] ?? null;
      const document: PlanDocument = {
        ...plan,
        meta: { ...plan.meta, ...meta, name: meta.name === '' ? 'Odd plan' : meta.name },
        priceEntries: entry === null ? plan.priceEntries : [...plan.priceEntries, entry],
        rows,
        scenarios: allScenarios,
        activeScenarioId: scenarioId,
      };
      return { plan: document, scenarioId };
    });
}

/** Any plan that validates (the odd ones above), with the scenario its export shows. */
export function anyValidPlan(options: { maxRows?: number } = {}): fc.Arbitrary<GeneratedPlan> {
  return planArbitrary({ minRows: 0, maxRows: options.maxRows ?? 4 })
    .chain(odd)
    .filter(({ plan }) => parsePlanDocument(plan).ok);
}
