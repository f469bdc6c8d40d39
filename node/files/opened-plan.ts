import { FIRST_FIELDS_LEFT_OUT, type OpenedPlan } from '../../shared/ipc/contract';
import { type FieldLeftOut, fieldsLeftOut, placeAlike } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { showValue } from '../../shared/safe-text';

/**
 * A plan read from a file, as the page is given it (plan:open, app:startup): the document to send (`sent`:
 * the plan, or what stands for its bytes), its path, and the keys of the file this version did not read
 * (`read`: the plan parsePlanText gave), so the page can say that saving drops them.
 */
export function openedPlan(sent: PlanDocument, path: string, read: PlanDocument = sent): OpenedPlan {
  const leftOut = fieldsLeftOut(read);
  return leftOut.length === 0
    ? { document: sent, path }
    : { document: sent, path, fieldsLeftOut: leftOutSummary(leftOut) };
}

/**
 * The keys plan:open names: each distinct one once ("rows[].costCenter in 100,000 rows", "meta.department"), the
 * first few, each shown escaped and cut to what the contract takes (an escape makes a character six).
 */
function leftOutSummary(leftOut: readonly FieldLeftOut[]): { count: number; first: string[]; more: number } {
  const byName = new Map<string, number>();
  for (const f of leftOut) {
    const name = f.row !== null ? `rows[].${f.key}` : f.where === 'top level' ? f.key : `${placeAlike(f)}.${f.key}`;
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  const first = [...byName].slice(0, FIRST_FIELDS_LEFT_OUT).map(([name, rows]) => {
    const shown = showValue(name, 60);
    const bounded = shown.length > 160 ? `${shown.slice(0, 159)}…` : shown;
    const holders = name.startsWith('rows[]') ? 'rows' : 'places';
    return rows > 1 ? `${bounded} in ${rows.toLocaleString('en-US')} ${holders}` : bounded;
  });
  return { count: leftOut.length, first, more: Math.max(0, byName.size - FIRST_FIELDS_LEFT_OUT) };
}
