import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { applyCommand, invertCommand } from '../../../renderer/src/state/commands';
import {
  planAddRule,
  planAssignBuckets,
  planMoveRule,
  planRemoveRule,
  planUnassignBuckets,
} from '../../../renderer/src/state/match-commands';

const SAMPLE = createSamplePlan('2026-11-28');

function rec(doc: typeof SAMPLE) {
  const r = reconcilePlan(doc);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('match rules and manual assignments as commands', () => {
  it('a rule moves Unassigned spend onto a row; undo restores it; the total never changes', () => {
    const before = rec(SAMPLE);
    expect(before.unassigned).toBeGreaterThan(0);
    const add = planAddRule(SAMPLE, 'api-key', 'key-marketing', 'saas-hero');
    if (!add.ok) throw new Error(add.error);
    const after = rec(applyCommand(SAMPLE, add.value));
    expect(after.unassigned).toBe(0);
    // Rules come before the same-model pass, so the row may take more than Unassigned held.
    expect(after.rows.find((r) => r.row.id === 'saas-hero')?.actual).toBeGreaterThanOrEqual(before.unassigned);
    expect(after.ledgerTotal).toBe(before.ledgerTotal);
    expect(applyCommand(applyCommand(SAMPLE, add.value), invertCommand(add.value))).toEqual(SAMPLE);
  });

  it('says what is wrong with a target', () => {
    expect(planAddRule(SAMPLE, 'project', 'x', 'nope')).toMatchObject({ ok: false });
    expect(planAddRule(SAMPLE, 'project', 'x', 'team:Nobody')).toMatchObject({ ok: false });
    expect(planAddRule(SAMPLE, 'project', ' ', 'saas-hero')).toMatchObject({ ok: false });
    expect(planAddRule(SAMPLE, 'project', 'x', 'team:growth')).toMatchObject({ ok: true });
  });

  it('reorders and removes rules', () => {
    let doc = SAMPLE;
    for (const target of ['saas-hero', 'ugc-ad-hooks']) {
      const c = planAddRule(doc, 'project', 'proj_marketing', target);
      if (!c.ok) throw new Error(c.error);
      doc = applyCommand(doc, c.value);
    }
    const [first, second] = doc.actuals.rules;
    const moved = applyCommand(doc, planMoveRule(doc, second?.id ?? '', -1) ?? fail());
    expect(moved.actuals.rules.map((r) => r.id)).toEqual([second?.id, first?.id]);
    expect(planMoveRule(doc, first?.id ?? '', -1)).toBeNull();
    const removed = applyCommand(doc, planRemoveRule(doc, first?.id ?? '') ?? fail());
    expect(removed.actuals.rules.map((r) => r.id)).toEqual([second?.id]);
  });

  it('splits a bucket by percentages exactly, and refuses percentages that do not add up to 100', () => {
    const piece = rec(SAMPLE).unassignedPieces[0];
    if (!piece) throw new Error('no Unassigned piece');
    const split = planAssignBuckets(
      SAMPLE,
      [piece.key],
      [
        { rowId: 'saas-hero', pct: '33.3333' },
        { rowId: 'saas-ui-screens', pct: '66.6667' },
      ],
    );
    if (!split.ok) throw new Error(split.error);
    const after = rec(applyCommand(SAMPLE, split.value));
    const parts = after.parts.filter((p) => p.piece.key === piece.key);
    expect(parts.map((p) => p.by)).toEqual(['manual', 'manual']);
    expect(parts.reduce((s, p) => s + p.micro, 0)).toBe(piece.micro);
    expect(planAssignBuckets(SAMPLE, [piece.key], [{ rowId: 'saas-hero', pct: '50' }])).toMatchObject({ ok: false });
  });
});

function fail(): never {
  throw new Error('no command');
}

describe('returning buckets assigned by hand to the rules', () => {
  it('removes the assignment in one step; undo brings it back', () => {
    const piece = rec(SAMPLE).unassignedPieces[0];
    if (!piece) throw new Error('no Unassigned piece');
    const assign = planAssignBuckets(SAMPLE, [piece.key], [{ rowId: 'saas-hero', pct: '100' }]);
    if (!assign.ok) throw new Error(assign.error);
    const assigned = applyCommand(SAMPLE, assign.value);
    const back = planUnassignBuckets(assigned, [piece.key]);
    if (!back) throw new Error('no command');
    expect(back.label).toBe('Return 1 bucket to the match rules');
    const returned = applyCommand(assigned, back);
    expect(returned.actuals.assignments).toEqual([]);
    expect(rec(returned).unassigned).toBe(rec(SAMPLE).unassigned);
    expect(applyCommand(returned, invertCommand(back))).toEqual(assigned);
    expect(planUnassignBuckets(SAMPLE, [piece.key])).toBeNull();
  });
});
