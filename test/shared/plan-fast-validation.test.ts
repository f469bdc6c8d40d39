import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import { REQUESTS } from '../../shared/ipc/contract';
import {
  fieldsLeftOut,
  parseAsPlanSchema,
  parsePlanDocument,
  parsePlanDocumentBySchema,
  parsePlanText,
} from '../../shared/plan/plan-document';
import { PlanDocument } from '../../shared/plan/plan-schema';
import { IsoDate, isIsoDate } from '../../shared/pricing/price-entry';
import { generatePlan } from '../../shared/plan/plan-generator';
import { ROW_DETAILS, ROW_INPUTS } from '../../shared/plan/row-fields';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { validRow } from './support/arbitraries';
import { yearOfActuals } from '../support/actuals-generator';
import { placeAlike } from '../../shared/plan/plan-document';

/** A plan as a file holds it: plain JSON, so every test reads what a user's file would give. */
function asFile(plan: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
}

function withRow(plan: Record<string, unknown>, index: number, change: Record<string, unknown>) {
  const rows = (plan.rows as Record<string, unknown>[]).map((r, i) => (i === index ? { ...r, ...change } : r));
  return { ...plan, rows };
}

function reversedKeys(row: object): object {
  return Object.fromEntries(Object.entries(row).reverse());
}

const sample = asFile(createSamplePlan('2026-11-28'));

describe('reading a plan: the fast check gives what the schema gives', () => {
  it.each([
    ['the sample plan', sample],
    ['a generated plan', asFile(generatePlan({ rows: 2_000, seed: 5 }))],
    ['a diverse plan', asFile(generateDiversePlan({ rows: 2_000, seed: 5 }))],
    ['rows with keys in another order', { ...sample, rows: (sample.rows as object[]).map(reversedKeys) }],
    [
      'a row with keys this version does not know (dropped, as the schema drops them)',
      withRow(sample, 0, { colour: 'red' }),
    ],
    [
      'dates, caps and a pinned entry',
      withRow(sample, 1, { startDate: '2027-02-28', budgetCapUsd: '12.5', priceEntryId: 'x' }),
    ],
  ])('%s', (_name, plan) => {
    const fast = parsePlanDocument(plan);
    expect(fast.ok).toBe(true);
    expect(fast).toEqual(parsePlanDocumentBySchema(plan));
    // A row keeps its keys in the file's order, so a plan opened and saved again writes its rows as read.
    if (fast.ok)
      fast.value.rows.forEach((row, i) => {
        const read = Object.keys((plan.rows as object[])[i] ?? {}).filter((key) => key !== 'colour');
        expect(Object.keys(row)).toEqual(read);
      });
  });
});

describe('a bad plan gets the same message as before, saying what and where', () => {
  it.each([
    ['negative finals', withRow(sample, 1, { finals: -1 }), 'rows[1].finals'],
    ['fractional finals', withRow(sample, 0, { finals: 1.5 }), 'rows[0].finals: finals must be a whole number'],
    ['finals as text', withRow(sample, 0, { finals: '10' }), 'rows[0].finals'],
    ['an empty quality', withRow(sample, 2, { quality: '' }), 'rows[2].quality'],
    ['no model', withRow(sample, 0, { model: undefined }), 'rows[0].model'],
    ['an unknown surface', withRow(sample, 0, { surface: 'fax' }), 'rows[0].surface'],
    ['a cap that is not a decimal', withRow(sample, 0, { budgetCapUsd: '1e3' }), 'rows[0].budgetCapUsd'],
    ['a date that does not exist', withRow(sample, 0, { startDate: '2026-02-30' }), 'rows[0].startDate'],
    ['too many decimals', withRow(sample, 0, { iterationFactor: '1.23456' }), 'rows[0].iterationFactor'],
    ['a name too long', withRow(sample, 0, { name: 'x'.repeat(5_000) }), 'rows[0].name'],
    [
      'a row that is not an object',
      { ...sample, rows: [...(sample.rows as unknown[]), 7] },
      'rows[4]: expected an object, found a number',
    ],
    ['rows that are not a list', { ...sample, rows: {} }, 'rows'],
    ['no plan name', { ...sample, meta: { ...(sample.meta as object), name: '' } }, 'meta.name'],
    ['a row id used twice', withRow(sample, 1, { id: (sample.rows as { id: string }[])[0]?.id }), 'is used twice'],
  ])('%s', (_name, plan, where) => {
    const result = parsePlanDocument(plan);
    expect(result.ok).toBe(false);
    expect(result).toEqual(parsePlanDocumentBySchema(plan));
    if (!result.ok) expect(result.error).toContain(where);
  });
});

describe("each row field's fast check accepts only what its schema accepts unchanged", () => {
  const candidates: unknown[] = [
    ...[null, undefined, true, 0, -1, 1, 1.5, 10, 16, 101, 1e7, 1e7 + 1, 2 ** 53, NaN, Infinity, -0],
    ...['', ' ', 'x', '0', '1', '1.8', '1.23456', '12.', '.5', '1e3', 'low', 'high', 'api', 'batch', 'responses'],
    ...['gpt-image-2', '1024x1024', '2027-01-31', '2026-02-30', 'x'.repeat(300), {}, [], ['low']],
  ];
  const fields = Object.entries({ ...ROW_INPUTS, ...ROW_DETAILS });
  it.each(fields)('%s', (_key, field) => {
    for (const value of candidates) {
      const parsed = field.schema.safeParse(value);
      if (field.check(value)) expect(parsed).toEqual({ success: true, data: value });
    }
    expect(field.check(field.defaultValue)).toBe(field.schema.safeParse(field.defaultValue).success);
  });
});

describe("a decimal field's fast check (a scan, not the pattern) accepts exactly what its schema accepts", () => {
  const decimals = Object.entries({ ...ROW_INPUTS, ...ROW_DETAILS }).filter(([, field]) => field.kind === 'decimal');
  it.each(decimals)('%s', (_key, field) => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' ', '\n', '٣', 'x'), maxLength: 12 }),
      fc.stringMatching(/^\d{1,6}(\.\d{0,6})?$/),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(field.check(value), JSON.stringify(value)).toBe(field.schema.safeParse(value).success);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('any plan, valid or mutated, reads the same by the fast check and by the schema alone', () => {
  const keys = Object.keys({ ...ROW_INPUTS, ...ROW_DETAILS });
  // Values any field may be given: right and wrong types, edges of every kind's limits, odd decimals.
  const oddValue = fc.oneof(
    fc.constantFrom(null, undefined, true, 0, -1, 1.5, 2 ** 53, NaN, -0, '', ' ', '1e3', '12.', '.5', '0.0001'),
    fc.constantFrom('1234567890123', '1.1234567890123', '2026-02-30', '2027-01-31', 'x'.repeat(300), {}, []),
    fc.string({ maxLength: 8 }),
    fc.integer({ min: -5, max: 20_000_000 }),
    fc.stringMatching(/^\d{1,14}(\.\d{1,14})?$/),
  );
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...keys), value: oddValue }),
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
    fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom('colour', '__proto__', 'toString') }),
  );
  const mutatedRow = fc.tuple(validRow, fc.array(mutation, { maxLength: 2 })).map(([row, changes]) => {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
    for (const change of changes) {
      if (change.kind === 'set') copy[change.key] = change.value;
      else if (change.kind === 'drop') delete copy[change.key];
      else
        Object.defineProperty(copy, change.key, { value: 'x', enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });

  it('gives the same plan or the same message', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(validRow, mutatedRow), { minLength: 1, maxLength: 6 }), (rows) => {
        const plan = asFile({ ...sample, rows: rows.map((r, i) => ({ ...r, id: `p${i}` })) });
        // JSON.stringify drops undefined and keeps an own "__proto__" key: the plan is what a file gives.
        expect(parsePlanDocument(plan)).toEqual(parsePlanDocumentBySchema(plan));
      }),
      { numRuns: 400 },
    );
  });
});

describe("a plan's scenarios: the fast check gives what the schema gives, or leaves the plan to it", () => {
  const rowIds = (sample.rows as { id: string }[]).map((r) => r.id);
  const scenario = (overrides: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'what-if',
    name: 'What if',
    description: '',
    overrides,
    ...extra,
  });
  const withScenarios = (scenarios: unknown) => asFile({ ...sample, scenarios });
  const override = (value: unknown, field = 'iterationFactor', rowId = rowIds[0]) => ({ rowId, field, value });

  it('reads a scenario overriding every row of a large plan as the schema does', () => {
    const plan = asFile(generateDiversePlan({ rows: 2_000, seed: 9 }));
    const ids = (plan.rows as { id: string }[]).map((r) => r.id);
    const overrides = ids.flatMap((rowId) => [
      { rowId, field: 'model', value: 'gpt-image-2' },
      { rowId, field: 'finals', value: 12 },
      { rowId, field: 'promptTokens', value: null },
    ]);
    const big = { ...plan, scenarios: [scenario([{ rowId: '*', field: 'quality', value: 'low' }, ...overrides])] };
    const fast = parsePlanDocument(big);
    expect(fast.ok).toBe(true);
    expect(fast).toEqual(parsePlanDocumentBySchema(big));
    // Through the file reader too, which checks the scenarios before its depth walk.
    expect(parsePlanText(JSON.stringify(big))).toEqual(fast);
  });

  it.each([
    ['an override of a field that is not a row input', [override('x', 'name')], 'field'],
    ['an override value that is an object', [override({ n: 1 })], 'value'],
    ['an override value that is true', [override(true)], 'value'],
    ['an empty row id', [override('1.2', 'iterationFactor', '')], 'rowId'],
    ['an override with no value', [{ rowId: rowIds[0], field: 'quality' }], 'value'],
    ['an override that is a list', [['x']], 'overrides[0]'],
  ])('%s: the same message', (_name, overrides, where) => {
    const plan = withScenarios([scenario(overrides)]);
    const result = parsePlanDocument(plan);
    expect(result.ok).toBe(false);
    expect(result).toEqual(parsePlanDocumentBySchema(plan));
    if (!result.ok) expect(result.error).toContain(where);
  });

  it.each([
    ['an id too long', withScenarios([{ ...scenario([]), id: 'x'.repeat(65) }])],
    ['an empty name', withScenarios([{ ...scenario([]), name: '' }])],
    ['a description too long', withScenarios([{ ...scenario([]), description: 'x'.repeat(2_001) }])],
    ['no overrides', withScenarios([{ id: 's', name: 'S', description: '' }])],
    ['scenarios that are not a list', withScenarios({})],
  ])('a scenario with %s: the same message', (_name, plan) => {
    const result = parsePlanDocument(plan);
    expect(result.ok).toBe(false);
    expect(result).toEqual(parsePlanDocumentBySchema(plan));
  });

  it.each([
    ['a key this version does not know on an override', [{ ...override('1.2'), note: 'x' }], {}],
    ['a key this version does not know on a scenario', [override('1.2')], { colour: 'red' }],
  ])('%s: dropped, as the schema drops it', (_name, overrides, extra) => {
    const plan = withScenarios([scenario(overrides, extra)]);
    const result = parsePlanDocument(plan);
    expect(result.ok).toBe(true);
    expect(result).toEqual(parsePlanDocumentBySchema(plan));
  });

  it('any scenario, valid or mutated, reads the same by the fast check and by the schema alone', () => {
    const value = fc.oneof(
      fc.constantFrom(null, true, 0, -0, 1.5, '', '1.2', 'low', 'gpt-image-2', {}, []),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -3, max: 100 }),
    );
    const field = fc.constantFrom('iterationFactor', 'finals', 'quality', 'model', 'name', 'id', '');
    const rowId = fc.constantFrom('*', '', ...rowIds.slice(0, 3), 'nope');
    const anOverride = fc.oneof(
      fc.record({ rowId, field, value }),
      fc.record({ rowId, field, value, extra: value }),
      fc.record({ rowId, field }),
      value,
    );
    const text = (max: number) => fc.oneof(fc.string({ maxLength: 4 }), fc.constant('x'.repeat(max + 1)));
    const aScenario = fc.oneof(
      fc.record({ id: text(64), name: text(100), description: text(2_000), overrides: fc.array(anOverride) }),
      fc.record({ id: text(64), name: text(100), description: text(2_000), overrides: value }),
      value,
    );
    fc.assert(
      fc.property(fc.array(aScenario, { maxLength: 3 }), (scenarios) => {
        const plan = withScenarios(scenarios);
        expect(parsePlanDocument(plan)).toEqual(parsePlanDocumentBySchema(plan));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a plan the renderer sends (IPC arguments) reads as the schema reads it', () => {
  const schemaRead = (value: unknown) => PlanDocument.safeParse(value);
  const sameAnswer = (value: unknown) => {
    const fast = parseAsPlanSchema(value);
    const schema = schemaRead(value);
    expect(fast.success).toBe(schema.success);
    if (fast.success && schema.success) expect(fast.data).toEqual(schema.data);
    if (!fast.success && !schema.success) expect(fast.error.issues).toEqual(schema.error.issues);
  };

  it.each([
    ['the sample plan', sample],
    ['a diverse plan', asFile(generateDiversePlan({ rows: 1_000, seed: 3 }))],
    ['a row with a key this version does not know', withRow(sample, 0, { colour: 'red' })],
    ['meta with a key this version does not know', { ...sample, meta: { ...(sample.meta as object), colour: 1 } }],
    ['negative finals', withRow(sample, 1, { finals: -1 })],
    [
      'an override of an unknown field',
      {
        ...sample,
        scenarios: [{ id: 's', name: 'S', description: '', overrides: [{ rowId: '*', field: 'x', value: 1 }] }],
      },
    ],
    ['an older schema version', { ...sample, schemaVersion: 3 }],
    ['not an object', 'plan'],
  ])('%s', (_name, value) => sameAnswer(value));

  it('any plan, valid or mutated, gets the schema answer', () => {
    const keys = Object.keys({ ...ROW_INPUTS, ...ROW_DETAILS });
    const change = fc.record({
      key: fc.constantFrom(...keys, 'colour'),
      value: fc.oneof(fc.constantFrom(null, -1, 1.5, '', 'low', '1.2', {}), fc.string({ maxLength: 4 })),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), change), { maxLength: 3 }), (changes) => {
        let plan: Record<string, unknown> = sample;
        for (const [row, { key, value }] of changes) plan = withRow(plan, row, { [key]: value });
        sameAnswer(plan);
      }),
      { numRuns: 300 },
    );
  });

  it('a save request carries the plan as the schema gives it, or names the field that is wrong', () => {
    const args = REQUESTS['plan:save'].args;
    const good = args.safeParse({ document: withRow(sample, 0, { colour: 'red' }), path: null, saveAs: false });
    expect(good.success && good.data.document).toEqual(schemaRead(sample).data);
    const bad = args.safeParse({ document: withRow(sample, 1, { finals: -1 }), path: null, saveAs: false });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]?.path).toEqual(['document', 'rows', 1, 'finals']);
  });
});

describe('a date read digit by digit is one the schema takes', () => {
  it('every day of leap and common years, and the days around them, as IsoDate says', () => {
    for (const year of ['0000', '0004', '1900', '2000', '2024', '2026', '2100', '9999']) {
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isIsoDate(text), text).toBe(IsoDate.safeParse(text).success);
        }
    }
  });

  it('any text of digits, dashes and a few others', () => {
    const char = fc.constantFrom('0', '1', '2', '3', '9', '-', ' ', 'T', '/', '٣');
    fc.assert(
      fc.property(fc.array(char, { minLength: 8, maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(isIsoDate(text)).toBe(IsoDate.safeParse(text).success);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('keys of a plan file this version does not read are named, not dropped silently', () => {
  const sample = asFile(createSamplePlan('2026-11-28'));
  const withExtras = (plan: Record<string, unknown>) => {
    const rows = (plan.rows as Record<string, unknown>[]).map((row, i) =>
      i === 1 ? { ...row, finalz: 3 } : i === 3 ? { ...row, costCenter: 'CC-14' } : row,
    );
    const entries = (plan.priceEntries as Record<string, unknown>[]).map((e, i) =>
      i === 0 ? { ...e, reviewedBy: 'ops' } : e,
    );
    return {
      ...plan,
      exportedBy: 'script',
      meta: { ...(plan.meta as object), department: 'Brand' },
      priceEntries: entries,
      rows,
    };
  };

  it('gives each with where it sits, on the fast path and through the schema alike', () => {
    const expected = [
      { row: null, where: 'top level', key: 'exportedBy' },
      { row: null, where: 'meta', key: 'department' },
      { row: null, where: 'priceEntries[0]', key: 'reviewedBy' },
      { row: 1, where: 'rows[1]', key: 'finalz' },
      { row: 3, where: 'rows[3]', key: 'costCenter' },
    ];
    const fast = parsePlanText(JSON.stringify(withExtras(sample)));
    if (!fast.ok) throw new Error(fast.error);
    expect(fieldsLeftOut(fast.value)).toEqual(expected);
    // A row the fast check does not take (a scenario override it leaves to the schema) sends the whole
    // plan through the schema: the same keys are named.
    const slow = withExtras({ ...sample, scenarios: [{ id: 's', name: 'S', description: '', overrides: [], x: 1 }] });
    const bySchema = parsePlanDocument(slow);
    if (!bySchema.ok) throw new Error(bySchema.error);
    expect(fieldsLeftOut(bySchema.value)).toEqual([
      ...expected.slice(0, 3),
      { row: null, where: 'scenarios[0]', key: 'x' },
      ...expected.slice(3),
    ]);
  });

  it("names an override's own keys, the scenarios then read by the schema", () => {
    const plan = asFile(createSamplePlan('2026-11-28'));
    const rows = plan.rows as { id: string }[];
    const scenarios = plan.scenarios as Record<string, unknown>[];
    scenarios[0] = {
      ...scenarios[0],
      overrides: rows.slice(0, 3).map((r) => ({ rowId: r.id, field: 'finals', value: 5, note: 'from the brief' })),
    };
    const read = parsePlanText(JSON.stringify(plan));
    if (!read.ok) throw new Error(read.error);
    expect(fieldsLeftOut(read.value)).toEqual(
      [0, 1, 2].map((i) => ({ row: null, where: `scenarios[0].overrides[${i}]`, key: 'note' })),
    );
  });

  it("names keys inside a price entry's pricing and the actuals ledger, each list's items as one place", () => {
    const plan = asFile(createSamplePlan('2026-11-28'));
    const rows = plan.rows as { id: string }[];
    const [first = '', second = ''] = rows.map((r) => r.id);
    const entries = plan.priceEntries as Record<string, unknown>[];
    entries[0] = { ...entries[0], pricing: { ...(entries[0]?.pricing as object), tier: 'enterprise' } };
    plan.meta = { ...(plan.meta as object), displayCurrency: { code: 'EUR', perUsd: '0.92', source: 'ECB' } };
    const ledger = asFile(yearOfActuals());
    const batches = ledger.batches as Record<string, unknown>[];
    batches[1] = { ...batches[1], uploadedBy: 'finance' };
    ledger.rules = [
      { id: 'r1', when: { field: 'project', value: 'p' }, to: { kind: 'team', team: 'Growth', share: '50' } },
    ];
    ledger.assignments = ['a', 'b', 'c'].map((bucket) => ({
      bucket,
      parts: [
        { rowId: first, pct: '50', memo: 'per the brief' },
        { rowId: second, pct: '50' },
      ],
    }));
    plan.actuals = ledger;
    const read = parsePlanText(JSON.stringify(plan));
    if (!read.ok) throw new Error(read.error);
    const found = fieldsLeftOut(read.value);
    expect(found).toEqual([
      { row: null, where: 'meta.displayCurrency', key: 'source' },
      { row: null, where: 'priceEntries[0].pricing', key: 'tier' },
      { row: null, where: 'actuals.batches[1]', key: 'uploadedBy' },
      { row: null, where: 'actuals.rules[0].to', key: 'share' },
      ...[0, 1, 2].map((a) => ({ row: null, where: `actuals.assignments[${a}].parts[0]`, key: 'memo' })),
    ]);
    // Said once per place alike: the ledger's lists as one place, a price entry still by its index.
    expect([...new Set(found.map(placeAlike))]).toEqual([
      'meta.displayCurrency',
      'priceEntries[0].pricing',
      'actuals.batches[]',
      'actuals.rules[].to',
      'actuals.assignments[].parts[]',
    ]);
    // Through the schema alone, the same keys.
    const bySchema = parsePlanDocument({
      ...plan,
      scenarios: [{ id: 's', name: 'S', description: '', overrides: [] }],
    });
    if (!bySchema.ok) throw new Error(bySchema.error);
    expect(fieldsLeftOut(bySchema.value)).toEqual(found);
  });

  it("quotes a table's own key in the place it names, and keeps it whole when list items are said as one", () => {
    const plan = asFile(createSamplePlan('2026-11-28'));
    const entries = plan.priceEntries as Record<string, unknown>[];
    const perImage = '{"hd[2]": {"1024x1024": "0.25", "__proto__": "0.5"}}';
    entries[0] = { ...entries[0], pricing: { unit: 'usd-per-image', perImage: 'PER_IMAGE' } };
    const read = parsePlanText(JSON.stringify(plan).replace('"PER_IMAGE"', perImage));
    if (!read.ok) throw new Error(read.error);
    const found = fieldsLeftOut(read.value);
    expect(found).toEqual([{ row: null, where: 'priceEntries[0].pricing.perImage["hd[2]"]', key: '__proto__' }]);
    expect(found.map(placeAlike)).toEqual(['priceEntries[0].pricing.perImage["hd[2]"]']);
  });

  it('names none for a plan holding only what it reads', () => {
    const plain = parsePlanText(JSON.stringify(sample));
    if (!plain.ok) throw new Error(plain.error);
    expect(fieldsLeftOut(plain.value)).toEqual([]);
  });
});
