import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanDocument, parsePlanText, planTextPieces, serializePlan } from '../../shared/plan/plan-document';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import { anyValidPlan } from '../workbook/support/any-plan-arbitrary';
import { CURRENT_SCHEMA_VERSION, PLAN_FILE_EXTENSION } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { emptyActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';

const sample = () => createSamplePlan('2026-11-28');

/** A JSON-like copy of the sample plan that tests can break freely. */
function sampleJson(): Record<string, unknown> & { rows: Record<string, unknown>[]; meta: Record<string, unknown> } {
  return JSON.parse(serializePlan(sample())) as ReturnType<typeof sampleJson>;
}

function errorOf(result: ReturnType<typeof parsePlanDocument>): string {
  expect(result.ok).toBe(false);
  // Nothing half-loaded: a failed read carries no document at all.
  expect('value' in result).toBe(false);
  return result.ok ? '' : result.error;
}

describe('plan files', () => {
  it('use the .pxplan extension and schema version 4', () => {
    expect(PLAN_FILE_EXTENSION).toBe('.pxplan');
    expect(CURRENT_SCHEMA_VERSION).toBe(4);
  });

  it('a version 1 plan opens with input fidelity low on every row, and prices as before', () => {
    const v1 = sampleJson();
    const rows = v1.rows.map((row) => {
      const written = { ...row };
      delete written.inputFidelity; // version 1 had no such field
      return written;
    });
    const opened = parsePlanDocument({ ...v1, schemaVersion: 1, rows, actuals: { batches: [] } });
    expect(opened.ok && opened.value.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(opened.ok && opened.value.rows.map((r) => r.inputFidelity)).toEqual(rows.map(() => 'low'));
    expect(opened.ok && opened.value).toEqual({ ...sample(), actuals: emptyActualsLedger() });
  });

  it('round-trip through text unchanged', () => {
    const text = serializePlan(sample());
    expect(text.endsWith('}\n')).toBe(true);
    const back = parsePlanText(text);
    expect(back.ok && back.value).toEqual(sample());
    // Saved again, the text is stable (keys in schema order), so saving never churns a file.
    const saved = back.ok ? serializePlan(back.value) : '';
    const again = parsePlanText(saved);
    expect(again.ok && serializePlan(again.value)).toBe(saved);
  });

  it('read a file that starts with a byte-order mark', () => {
    expect(parsePlanText('\uFEFF' + serializePlan(blankPlan('2026-11-28'))).ok).toBe(true);
  });

  it('a new plan starts with an empty actuals ledger; the sample with its sample actuals', () => {
    expect(blankPlan('2026-11-28').actuals).toEqual({ batches: [], rules: [], assignments: [] });
    expect(sample().actuals.batches.map((b) => [b.source, b.fileName])).toEqual([
      ['litellm', 'sample-litellm-spend-logs.csv'],
      ['openai-costs', 'sample-openai-costs.csv'],
    ]);
  });
});

describe('schema version 1 plans', () => {
  /** The sample plan as version 1 saved it: the same document with the actuals placeholder. */
  function versionOne(actuals: unknown): Record<string, unknown> {
    return { ...sampleJson(), schemaVersion: 1, actuals };
  }

  it('open as version 2, an empty actuals placeholder becoming an empty ledger', () => {
    const r = parsePlanDocument(versionOne({ batches: [] }));
    expect(r.ok && r.value).toEqual({ ...sample(), actuals: emptyActualsLedger() });
    // Saved again, the file is a version 2 plan.
    expect(r.ok && serializePlan(r.value)).toMatch(/^\{\n {2}"schemaVersion": 4,/);
  });

  it('a version 1 plan without an actuals section opens with an empty ledger', () => {
    const { actuals: _dropped, ...doc } = versionOne(undefined);
    const r = parsePlanDocument(doc);
    expect(r.ok && r.value.actuals).toEqual({ batches: [], rules: [], assignments: [] });
  });

  it.each([
    [{ batches: [{ source: 'usage-api', rows: 3 }] }, '1 actuals batch(es)'],
    [{ batches: [], futureField: { kept: true } }, '"actuals.futureField"'],
    [{ batches: [{}, {}], notes: 'x' }, '2 actuals batch(es) and "actuals.notes"'],
  ])('actuals that no release wrote are refused, not dropped: %j', (actuals, what) => {
    expect(errorOf(parsePlanDocument(versionOne(actuals)))).toBe(
      `this version 1 plan holds ${what} in a form no Pixel Ledger release wrote, which this version cannot read: to open the plan, empty its "actuals" section ({"batches": []}) and import the actuals files again`,
    );
  });

  it('a version 1 plan with a bad row still names the row', () => {
    const doc = versionOne({ batches: [] }) as ReturnType<typeof sampleJson>;
    doc.rows[0] = { ...doc.rows[0], finals: 2.5 };
    expect(errorOf(parsePlanDocument(doc))).toBe(
      'the plan is not valid: rows[0].finals: finals must be a whole number',
    );
  });
});

describe('bad documents: a clear error, nothing half-loaded', () => {
  it('text that is not JSON', () => {
    expect(errorOf(parsePlanText('{"schemaVersion": 1,'))).toMatch(
      /^the file is not valid JSON \(.+\), so it is not a Pixel Ledger plan$/,
    );
  });

  it.each([[null], [[]], ['plan'], [{ meta: {} }]])('a document without schemaVersion: %j', (value) => {
    expect(errorOf(parsePlanDocument(value))).toBe(
      'this is not a Pixel Ledger plan: the document has no schemaVersion',
    );
  });

  it.each([['1'], [0], [1.5]])('a schemaVersion that is not a whole number from 1: %j', (version) => {
    expect(errorOf(parsePlanDocument({ ...sampleJson(), schemaVersion: version }))).toBe(
      `schemaVersion: expected a whole number, found ${JSON.stringify(version)}`,
    );
  });

  it('a plan from a newer Pixel Ledger', () => {
    expect(errorOf(parsePlanDocument({ ...sampleJson(), schemaVersion: 7 }))).toBe(
      'this plan was saved by a newer Pixel Ledger (schema version 7; this version reads up to 4): update Pixel Ledger to open it',
    );
  });

  it('names the JSON path and what was expected', () => {
    const doc = sampleJson();
    doc.rows[0] = { ...doc.rows[0], finals: 2.5 };
    expect(errorOf(parsePlanDocument(doc))).toBe(
      'the plan is not valid: rows[0].finals: finals must be a whole number',
    );
  });

  it.each([
    [
      'rows[1].iterationFactor',
      (d: ReturnType<typeof sampleJson>) => (d.rows[1] = { ...d.rows[1], iterationFactor: 1.8 }),
      'expected text, found a number (decimals such as factors and amounts are written in quotes, e.g. "1.8")',
    ],
    ['rows[2].surface', (d: ReturnType<typeof sampleJson>) => (d.rows[2] = { ...d.rows[2], surface: 'cheap' }), 'api'],
    [
      'rows[0].nPerRequest',
      (d: ReturnType<typeof sampleJson>) => (d.rows[0] = { ...d.rows[0], nPerRequest: 11 }),
      '10',
    ],
    [
      'meta.priceBookAsOf',
      (d: ReturnType<typeof sampleJson>) => (d.meta.priceBookAsOf = '2026-02-30'),
      'not a real calendar date',
    ],
    [
      'rows[3].budgetCapUsd',
      (d: ReturnType<typeof sampleJson>) => (d.rows[3] = { ...d.rows[3], budgetCapUsd: '$4' }),
      'non-negative decimal',
    ],
    [
      'priceEntries[0].pricing.usdPerCredit',
      (d: ReturnType<typeof sampleJson>) => {
        const entries = d.priceEntries as { pricing: Record<string, unknown> }[];
        if (entries[0]) entries[0].pricing.usdPerCredit = 0.0047393;
      },
      'expected text, found a number (decimals such as factors and amounts are written in quotes, e.g. "1.8")',
    ],
  ])('%s', (path, breakIt, expected) => {
    const doc = sampleJson();
    breakIt(doc);
    const error = errorOf(parsePlanDocument(doc));
    expect(error).toContain(`${path}: `);
    expect(error).toContain(expected);
  });

  it('lists several problems, the same one in many rows once with how many more have it', () => {
    const doc = sampleJson();
    doc.rows = doc.rows.map((r) => ({ ...r, finals: -1, nPerRequest: 0 }));
    const error = errorOf(parsePlanDocument(doc));
    expect(error).toMatch(
      /^the plan is not valid: rows\[0\]\.finals: .+ \(and 3 more like it\); rows\[0\]\.nPerRequest: .+ \(and 3 more like it\)$/,
    );
  });

  it.each([
    [
      'finals typed as text that is a number',
      { finals: '24' },
      'rows[0].finals: expected a number, found a number in quotes (text): write it without the quotes',
    ],
    ['finals typed as a word', { finals: 'twenty' }, 'rows[0].finals: expected a number, found text'],
    // Numbers JSON does not write are not offered as "without the quotes": the file would not parse.
    ['finals typed in hex', { finals: '0x1A' }, 'rows[0].finals: expected a number, found text'],
    ['finals typed without the leading zero', { finals: '.5' }, 'rows[0].finals: expected a number, found text'],
    [
      'a missing field',
      { finals: undefined },
      'rows[0].finals: expected a number, found nothing (the field is missing)',
    ],
    ['null where a number goes', { nPerRequest: null }, 'rows[0].nPerRequest: expected a number, found null'],
    ['a list where text goes', { name: ['Hero'] }, 'rows[0].name: expected text, found a list'],
    ['true where text goes', { model: true }, 'rows[0].model: expected text, found true'],
  ])('a value of the wrong type says what was expected and found: %s', (_name, change, message) => {
    const doc = sampleJson();
    doc.rows[0] = { ...doc.rows[0], ...change };
    expect(errorOf(parsePlanDocument(JSON.parse(JSON.stringify(doc))))).toBe(`the plan is not valid: ${message}`);
  });

  it('caps the distinct problems listed, with a count of the rest', () => {
    const doc = sampleJson();
    doc.meta = { ...doc.meta, name: '', owner: 5, notes: 7 };
    doc.rows = doc.rows.map((r) => ({ ...r, finals: -1, nPerRequest: 0, name: 3, team: 4 }));
    expect(errorOf(parsePlanDocument(doc))).toMatch(/ \(and 2 more\)$/);
  });

  it('duplicate row ids', () => {
    const plan = blankPlan('2026-11-28');
    plan.rows.push(blankRow('hero'), blankRow('ugc'), blankRow('hero'));
    expect(errorOf(parsePlanDocument(JSON.parse(serializePlan(plan))))).toBe(
      'the plan is not valid: rows[2].id: the row id "hero" is used twice (also at rows[0].id); every row id must be unique',
    );
  });
});

describe('a plan’s text in pieces (what a save writes)', () => {
  it('joined, the pieces are the plan’s text exactly, for any plan and any number of rows a piece', () => {
    fc.assert(
      fc.property(anyValidPlan({ maxRows: 12 }), fc.integer({ min: 1, max: 5 }), ({ plan }, rowsPerPiece) => {
        const pieces = [...planTextPieces(plan, rowsPerPiece)];
        expect(pieces.join('')).toBe(serializePlan(plan));
        expect(pieces.length).toBe(
          plan.rows.length <= rowsPerPiece ? 1 : Math.ceil(plan.rows.length / rowsPerPiece) + 2,
        );
      }),
      { numRuns: 200, seed: 20261208 },
    );
  });

  it('a large plan comes a few thousand rows a piece, and the pieces make its text', () => {
    const plan = generateDiversePlan({ rows: 20_000, seed: 9 });
    const pieces = [...planTextPieces(plan)];
    expect(pieces.length).toBe(7);
    expect(pieces.join('')).toBe(serializePlan(plan));
  });
});
