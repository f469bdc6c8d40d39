import type { ActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import {
  ManualAssignment,
  type MatchField,
  type MatchRule,
  type MatchTarget,
} from '../../../shared/reconcile/match-rules';
import { fail, ok, type Result } from '../../../shared/result';
import type { Command } from './commands';

/**
 * Match rules and manual assignments as undoable commands (issue 12 §2): each replaces the plan's actuals
 * (rules and assignments beside the unchanged batches) in one step, so undo restores the earlier matching.
 */

/** The plan's actuals with `next`'s parts replaced, as one undo step named `label`. */
export function setActuals(doc: PlanDocument, label: string, next: Partial<ActualsLedger>): Command {
  return {
    kind: 'set-parts',
    label,
    before: { actuals: doc.actuals },
    after: { actuals: { ...doc.actuals, ...next } },
  };
}

function nextRuleId(rules: readonly MatchRule[]): string {
  let n = rules.length + 1;
  while (rules.some((r) => r.id === `rule-${n}`)) n += 1;
  return `rule-${n}`;
}

/** "team:Growth" → the team; anything else names a row id. Says which rows or teams exist when wrong. */
export function readTarget(doc: PlanDocument, text: string): Result<MatchTarget> {
  const t = text.trim();
  if (t.toLowerCase().startsWith('team:')) {
    const team = t.slice(5).trim();
    const teams = [...new Set(doc.rows.map((r) => r.team).filter((x) => x !== ''))];
    if (!teams.some((x) => x.toLowerCase() === team.toLowerCase()))
      return fail(`No row has the team "${team}"; teams in the plan: ${teams.join(', ') || 'none'}`);
    return ok({ kind: 'team', team });
  }
  if (!doc.rows.some((r) => r.id === t)) return fail(`The plan has no row "${t}": pick a row or write team:NAME`);
  return ok({ kind: 'row', rowId: t });
}

/** Adds `field = value → target` after the existing rules. */
export function planAddRule(doc: PlanDocument, field: MatchField, value: string, target: string): Result<Command> {
  const v = value.trim();
  if (v === '') return fail(`Write the ${field} value the rule matches`);
  const to = readTarget(doc, target);
  if (!to.ok) return to;
  const rule: MatchRule = { id: nextRuleId(doc.actuals.rules), when: { field, value: v }, to: to.value };
  return ok(setActuals(doc, `Add match rule ${field} = ${v}`, { rules: [...doc.actuals.rules, rule] }));
}

export function planRemoveRule(doc: PlanDocument, ruleId: string): Command | null {
  const rule = doc.actuals.rules.find((r) => r.id === ruleId);
  if (!rule) return null;
  return setActuals(doc, `Remove match rule ${rule.when.field} = ${rule.when.value}`, {
    rules: doc.actuals.rules.filter((r) => r.id !== ruleId),
  });
}

/** Moves a rule one place earlier (-1) or later (+1): earlier rules win. */
export function planMoveRule(doc: PlanDocument, ruleId: string, by: -1 | 1): Command | null {
  const rules = [...doc.actuals.rules];
  const from = rules.findIndex((r) => r.id === ruleId);
  const to = from + by;
  if (from < 0 || to < 0 || to >= rules.length) return null;
  const [rule] = rules.splice(from, 1);
  if (!rule) return null;
  rules.splice(to, 0, rule);
  return setActuals(doc, `Move match rule ${rule.when.field} = ${rule.when.value}`, { rules });
}

/**
 * Assigns Unassigned buckets by hand: each to one row (100%), or split by percentages that add up to
 * exactly 100 (the engine splits the money by largest remainder, so the parts sum to the bucket).
 */
export function planAssignBuckets(
  doc: PlanDocument,
  buckets: readonly string[],
  parts: readonly { rowId: string; pct: string }[],
): Result<Command> {
  if (buckets.length === 0) return fail('Select at least one Unassigned bucket');
  for (const p of parts) if (!doc.rows.some((r) => r.id === p.rowId)) return fail(`The plan has no row "${p.rowId}"`);
  const made: ManualAssignment[] = [];
  for (const bucket of buckets) {
    const checked = ManualAssignment.safeParse({ bucket, parts });
    if (!checked.success) return fail(checked.error.issues[0]?.message ?? 'Not a valid split');
    made.push(checked.data);
  }
  const chosen = new Set(buckets);
  const assignments = [...doc.actuals.assignments.filter((a) => !chosen.has(a.bucket)), ...made];
  const what = parts.length === 1 ? `to ${parts[0]?.rowId ?? ''}` : `split over ${parts.length} rows`;
  return ok(
    setActuals(doc, `Assign ${buckets.length} bucket${buckets.length === 1 ? '' : 's'} ${what}`, { assignments }),
  );
}

/** Returns buckets assigned by hand to the passes (rules, then Unassigned); null when none was assigned. */
export function planUnassignBuckets(doc: PlanDocument, buckets: readonly string[]): Command | null {
  const chosen = new Set(buckets);
  const assignments = doc.actuals.assignments.filter((a) => !chosen.has(a.bucket));
  const removed = doc.actuals.assignments.length - assignments.length;
  if (removed === 0) return null;
  return setActuals(doc, `Return ${removed} bucket${removed === 1 ? '' : 's'} to the match rules`, { assignments });
}
