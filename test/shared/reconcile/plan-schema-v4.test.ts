import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../../shared/estimate/estimate-plan';
import { parsePlanDocument, serializePlan } from '../../../shared/plan/plan-document';
import { CURRENT_SCHEMA_VERSION, type PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';

const sample = (): PlanDocument => createSamplePlan('2026-11-28');

function json(plan: PlanDocument): Record<string, unknown> & {
  rows: Record<string, unknown>[];
  actuals: Record<string, unknown>;
} {
  return JSON.parse(serializePlan(plan)) as ReturnType<typeof json>;
}

/** The plan as version 3 saved it: rows without phasing or approved finals, untyped (empty) rules. */
function versionThree(plan: PlanDocument): Record<string, unknown> {
  const doc = json(plan);
  const rows = doc.rows.map((row) => {
    const { phasing: _p, approvedFinals: _a, ...rest } = row;
    return rest;
  });
  return { ...doc, schemaVersion: 3, rows, actuals: { ...doc.actuals, rules: [], assignments: [] } };
}

function errorOf(r: ReturnType<typeof parsePlanDocument>): string {
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
}

describe('schema version 4', () => {
  it('a version 3 plan opens with even phasing, no approved finals, and prices as before', () => {
    const plan = sample();
    const opened = parsePlanDocument(versionThree(plan));
    expect(opened.ok && opened.value.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const rows = opened.ok ? opened.value.rows : [];
    expect(rows.map((r) => [r.phasing, r.approvedFinals])).toEqual(plan.rows.map(() => ['even', null]));
    const before = estimatePlan({
      ...plan,
      rows: plan.rows.map((r) => ({ ...r, phasing: 'even', approvedFinals: null })),
    });
    const after = opened.ok ? estimatePlan(opened.value) : before;
    expect(after.ok && after.value.totals.totalCost).toBe(before.ok && before.value.totals.totalCost);
  });

  it('keeps typed match rules, manual assignments, phasing and approved finals through a save', () => {
    const plan = sample();
    const first = plan.rows[0]?.id ?? '';
    const second = plan.rows[1]?.id ?? '';
    const doc: PlanDocument = {
      ...plan,
      rows: plan.rows.map((r, i) => (i === 0 ? { ...r, phasing: 'back-loaded', approvedFinals: 12 } : r)),
      actuals: {
        ...plan.actuals,
        rules: [
          { id: 'r1', when: { field: 'project', value: 'proj_growth' }, to: { kind: 'team', team: 'Growth' } },
          { id: 'r2', when: { field: 'line-item', value: 'gpt-image-2, output' }, to: { kind: 'row', rowId: first } },
        ],
        assignments: [
          {
            bucket: '2027-01-12|proj_x||||||gpt-image-2||billed',
            parts: [
              { rowId: first, pct: '66.6667' },
              { rowId: second, pct: '33.3333' },
            ],
          },
        ],
      },
    };
    const back = parsePlanDocument(JSON.parse(serializePlan(doc)));
    expect(back.ok && back.value).toEqual(doc);
  });

  it.each([
    [
      { id: 'r', when: { field: 'colour', value: 'x' }, to: { kind: 'row', rowId: 'a' } },
      'actuals.rules[0].when.field',
    ],
    [
      { id: 'r', when: { field: 'project', value: '' }, to: { kind: 'row', rowId: 'a' } },
      'actuals.rules[0].when.value',
    ],
    [{ id: 'r', when: { field: 'project', value: 'p' }, to: { kind: 'desk', rowId: 'a' } }, 'actuals.rules[0].to'],
  ])('a malformed rule is refused, naming where: %j', (rule, where) => {
    const doc = json(sample());
    expect(errorOf(parsePlanDocument({ ...doc, actuals: { ...doc.actuals, rules: [rule] } }))).toContain(where);
  });

  it('a split whose percentages do not add up to 100 is refused', () => {
    const doc = json(sample());
    const assignments = [
      {
        bucket: 'k',
        parts: [
          { rowId: 'a', pct: '50' },
          { rowId: 'b', pct: '49.9999' },
        ],
      },
    ];
    expect(errorOf(parsePlanDocument({ ...doc, actuals: { ...doc.actuals, assignments } }))).toContain(
      'actuals.assignments[0].parts: the percentages must add up to exactly 100',
    );
  });

  it('a row phasing that is not one of the list says which are', () => {
    const doc = json(sample());
    const rows = doc.rows.map((r, i) => (i === 0 ? { ...r, phasing: 'lumpy' } : r));
    expect(errorOf(parsePlanDocument({ ...doc, rows }))).toContain(
      'rows[0].phasing: "lumpy" is not a phasing: use one of even, front-loaded, back-loaded',
    );
  });
});
