import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedRecordsError, packRecords, unpackRecords } from '../../shared/ipc/packed-records';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';

/** What the browser host's bridge does to a body: pack, JSON both ways, unpack. */
function roundTrip(value: unknown): unknown {
  return unpackRecords(JSON.parse(JSON.stringify(packRecords(value))));
}

describe('packed records (the browser host bridge)', () => {
  it('gives back a plan exactly, keys in the same order, in a third of the text', () => {
    const plan = generateDiversePlan({ rows: 2000, seed: 7 });
    const back = roundTrip({ ok: true, plan: { document: plan, path: '/p.pxplan' } });
    expect(JSON.stringify(back)).toBe(JSON.stringify({ ok: true, plan: { document: plan, path: '/p.pxplan' } }));
    expect(JSON.stringify(packRecords(plan)).length).toBeLessThan(JSON.stringify(plan).length / 2);
  });

  it('keeps records that differ, short arrays, nested records and nulls as they were', () => {
    const many = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
    const value = {
      same: many(20, (i) => ({ a: i, b: { c: [i, null], d: many(17, (j) => ({ x: j })) } })),
      mixed: many(20, (i) => (i === 5 ? { b: 1, a: 2 } : { a: 1, b: 2 })),
      short: [{ a: 1 }],
      scalars: many(30, (i) => i),
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('sends a body that already uses the marker key as it is, and never sets a prototype', () => {
    const marked = { list: Array.from({ length: 20 }, () => ({ $records: ['x'], values: [[1]] })) };
    expect(roundTrip(marked)).toEqual(marked);
    const proto = JSON.parse(
      `{"rows":[${Array.from({ length: 20 }, () => '{"__proto__":{"polluted":1}}').join(',')}]}`,
    );
    const back = roundTrip(proto) as { rows: object[] };
    expect(Object.getPrototypeOf(back.rows[0])).toBe(Object.prototype);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('keeps a record with an undefined value as JSON would (the key left out)', () => {
    const value = { rows: Array.from({ length: 20 }, (_, i) => ({ a: i, b: i === 3 ? undefined : i })) };
    expect(roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

/** Text of every kind a plan holds: plain, accented, CJK, emoji, a lone surrogate, escapes, empty. */
const ANY_TEXT = fc.oneof(
  fc.constantFrom(
    '',
    'Growth',
    'Équipe créa',
    '広告チーム',
    'emoji 🎨',
    '\uD800 lone',
    'quote " back \\ slash',
    'a\nb\tc',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** A row field's value: null, any text or count (by the field's kind), or one of a few that repeat. */
function fieldValue(kind: 'text' | 'count'): fc.Arbitrary<string | number | null> {
  const any = kind === 'text' ? ANY_TEXT : fc.integer({ min: 0, max: 10_000_000 });
  return fc.oneof(fc.constant(null), any, fc.constantFrom<string | number | null>(null, 'auto', 0, 1, '1024x1024'));
}

/** Every field of a plan row, in a new row's order, each any value (so every optional field too). */
const NEW_ROW = blankRow('x');
const anyRow = fc.record(
  Object.fromEntries(
    Object.entries(NEW_ROW).map(([key, value]) => [key, fieldValue(typeof value === 'number' ? 'count' : 'text')]),
  ),
);

const anyPlanValue = fc
  .record({
    rows: fc.oneof(
      fc.array(anyRow, { minLength: 16, maxLength: 90, size: 'max' }),
      fc.array(anyRow, { maxLength: 16 }),
    ),
    // A few rows with their keys in another order, or one key fewer: the list is then sent as it is.
    reordered: fc.array(fc.nat(), { maxLength: 2 }),
    overrides: fc.array(
      fc.record({ rowId: ANY_TEXT, field: fc.constantFrom('model', 'size', 'finals'), value: fieldValue('text') }),
      { maxLength: 40, size: 'max' },
    ),
    name: ANY_TEXT,
    pool: fc.integer({ min: 1, max: 300 }),
  })
  .map(({ rows, reordered, overrides, name, pool }) => {
    const list: Record<string, unknown>[] = rows.map((row, i) => ({ ...row, id: `r${i % pool}` }));
    for (const at of reordered) {
      const row = list[at % Math.max(1, list.length)];
      if (row === undefined) continue;
      const { id, ...rest } = row;
      list[at % list.length] = at % 2 === 0 ? { ...rest, id } : rest;
    }
    return {
      document: {
        ...blankPlan('2026-11-28', name || 'Plan'),
        rows: list,
        scenarios: [{ id: 's', name: 'S', description: '', overrides }],
      },
      path: null,
      saveAs: false,
    };
  });

describe('packed records, column by column', () => {
  it('give back any plan exactly as JSON does: every key, in order, every value', () => {
    fc.assert(
      fc.property(anyPlanValue, (value) => {
        const back = roundTrip(value);
        expect(JSON.stringify(back)).toBe(JSON.stringify(value));
        expect(back).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300, seed: 20261208 },
    );
  });

  it('give back any JSON value as JSON does', () => {
    const records = fc.array(
      fc.dictionary(fc.constantFrom('a', 'b', 'c', '1', 'constructor'), fc.jsonValue(), { maxKeys: 3 }),
      {
        minLength: 16,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(fc.oneof(records, fc.jsonValue()), (value) => {
        expect(JSON.stringify(roundTrip({ list: value }))).toBe(JSON.stringify({ list: value }));
      }),
      { numRuns: 300, seed: 20261208 },
    );
  });

  it('send a 100k-row plan as distinct values where they repeat: under a fifth of its JSON, and the same plan back', () => {
    const plan = generateDiversePlan({ rows: 100_000, seed: 3 });
    const sent = JSON.stringify(packRecords(plan));
    expect(sent.length).toBeLessThan(JSON.stringify(plan).length / 5);
    expect(JSON.stringify(unpackRecords(JSON.parse(sent)))).toBe(JSON.stringify(plan));
  });

  it('leave lists of dates and other objects JSON writes as text as they are', () => {
    const value = { when: Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 0, i + 1))) };
    expect(roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

describe('a packed value that does not hold together', () => {
  /** The plan as the page's bridge sends it, with `mangle` applied to the packed rows. */
  function mangled(mangle: (rows: { $records: string[]; count: number; columns: Record<string, unknown>[] }) => void) {
    const plan = generateDiversePlan({ rows: 40, seed: 5 });
    const sent = JSON.parse(JSON.stringify(packRecords({ document: plan }))) as {
      value: { document: { rows: { $records: string[]; count: number; columns: Record<string, unknown>[] } } };
    };
    mangle(sent.value.document.rows);
    return sent;
  }
  const column = (rows: { $records: string[]; columns: Record<string, unknown>[] }, key: string) =>
    rows.columns[rows.$records.indexOf(key)] as Record<string, unknown>;

  it.each([
    {
      what: 'an index cut short',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => {
        const model = column(rows, 'model');
        model.index = String(model.index).slice(1);
      },
      message:
        /^the packed records at document\.rows do not hold together: column "model": its index is not 1 digit\(s\) for each of its 40 records$/,
    },
    {
      what: 'a character that is not a digit',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => {
        const model = column(rows, 'model');
        model.index = `*${String(model.index).slice(1)}`;
      },
      message: /column "model": its index has a character that is not a digit \(at 0\)$/,
    },
    {
      what: 'an index past the distinct values',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => {
        const model = column(rows, 'model');
        model.distinct = (model.distinct as unknown[]).slice(0, 1);
        model.index = 'B'.repeat(40);
      },
      message: /column "model": record 0 names distinct value 1, of 1$/,
    },
    {
      what: 'a value column one short',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => {
        (column(rows, 'id').values as unknown[]).pop();
      },
      message: /column "id": it does not hold a value for each of its 40 records$/,
    },
    {
      what: 'a column missing',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => void rows.columns.pop(),
      message: /it does not hold a column for each of its 27 keys$/,
    },
    {
      what: 'a key naming the prototype',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => void (rows.$records[0] = '__proto__'),
      message: /its keys repeat a name, or name the prototype$/,
    },
    {
      what: 'a count that is not one',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => void (rows.count = 1.5),
      message: /its count is not a whole number$/,
    },
    {
      what: 'an object among the distinct values',
      mangle: (rows: Parameters<Parameters<typeof mangled>[0]>[0]) => void (column(rows, 'model').distinct = [{}]),
      message: /column "model": its distinct values are not a list of text, numbers, true, false or null$/,
    },
  ])('is refused, saying where and what: $what', ({ mangle, message }) => {
    expect(() => unpackRecords(mangled(mangle))).toThrow(PackedRecordsError);
    expect(() => unpackRecords(mangled(mangle))).toThrow(message);
  });
});
