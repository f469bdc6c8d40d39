import { describe, expect, it } from 'vitest';
import { packRecords, unpackRecords } from '../../shared/ipc/packed-records';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';

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
