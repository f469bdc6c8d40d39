import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepthProblem, valueNestsDeeperThan } from '../../shared/json-depth';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';

/** `levels` arrays inside one another, innermost empty: "[[[]]]" for 3. */
function nested(levels: number): string {
  return `${'['.repeat(levels)}${']'.repeat(levels)}`;
}

describe("a plan's nesting, checked on the parsed value (issue 14 §2)", () => {
  it('nests too deep exactly when its text does, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 6 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(valueNestsDeeperThan(JSON.parse(text), max)).toBe(jsonDepthProblem(text, max) !== null);
      }),
      { numRuns: 2_000 },
    );
    expect(valueNestsDeeperThan(JSON.parse(nested(64)))).toBe(false);
    expect(valueNestsDeeperThan(JSON.parse(nested(65)))).toBe(true);
  });

  it('refuses a deep plan with the message that says where, whether or not the rest is valid', () => {
    const sample = JSON.parse(serializePlan(createSamplePlan('2026-11-28'))) as { meta: object };
    const deepInMeta = JSON.stringify({ ...sample, meta: { ...sample.meta, extra: JSON.parse(nested(70)) } });
    const where = /^this is not a Pixel Ledger plan: the data nests more than 64 levels deep \(at character [\d,]+\)/;
    const read = parsePlanText(deepInMeta);
    expect(read.ok ? '' : read.error).toMatch(where);
    // Deep and not even JSON (it stops half-way): the depth is what is reported, as before.
    const cut = parsePlanText(`{"schemaVersion":4,"rows":${'['.repeat(100_000)}`);
    expect(cut.ok ? '' : cut.error).toMatch(where);
    // Not deep and not JSON: where JSON.parse stopped.
    const broken = parsePlanText('{"schemaVersion":4,');
    expect(broken.ok ? '' : broken.error).toBe(
      'the file is not valid JSON (at line 1, column 20), so it is not a Pixel Ledger plan',
    );
  });

  it('finds a deep value in a row too, in a field the plan has or one it does not know', () => {
    const sample = JSON.parse(serializePlan(createSamplePlan('2026-11-28'))) as { rows: object[] };
    const where = /^this is not a Pixel Ledger plan: the data nests more than 64 levels deep \(at character [\d,]+\)/;
    for (const change of [{ colour: JSON.parse(nested(70)) }, { name: JSON.parse(nested(70)) }]) {
      const rows = sample.rows.map((row, i) => (i === 2 ? { ...row, ...change } : row));
      const read = parsePlanText(JSON.stringify({ ...sample, rows }));
      expect(read.ok ? '' : read.error).toMatch(where);
    }
    // Exactly as deep as allowed: read, the unknown key dropped.
    const rows = sample.rows.map((row, i) => (i === 2 ? { ...row, colour: JSON.parse(nested(61)) } : row));
    const read = parsePlanText(JSON.stringify({ ...sample, rows }));
    expect(read.ok && Object.keys(read.value.rows[2] ?? {})).not.toContain('colour');
    expect(read.ok).toBe(true);
  });

  it('reads a plan that nests no deeper than a plan does', () => {
    const read = parsePlanText(serializePlan(createSamplePlan('2026-11-28')));
    expect(read.ok).toBe(true);
  });
});
