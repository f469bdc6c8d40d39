import type { ActualRecord } from '../../../shared/actuals/actual-record';
import type { ActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { microToDecimalString } from '../../../shared/money/format';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import type { ReconcileOptions, Reconciliation } from '../../../shared/reconcile/reconcile-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { ledgerOf } from '../actuals/support/ledger-steps';
import { meta, record } from '../actuals/support/records';

export { record };

/** Billed lines (OpenAI Costs), metered requests (LiteLLM), usage (images usage) imported in that order. */
export function ledger(files: {
  billed?: readonly ActualRecord[];
  metered?: readonly ActualRecord[];
  usage?: readonly ActualRecord[];
}): ActualsLedger {
  const imports: Parameters<typeof ledgerOf> = [];
  if (files.billed) imports.push([meta('openai-costs', 'costs.csv'), files.billed]);
  if (files.metered) imports.push([meta('litellm', 'spend.csv'), files.metered]);
  if (files.usage) imports.push([meta('openai-completions-usage', 'usage.csv'), files.usage]);
  return ledgerOf(...imports);
}

/** A row planned on gpt-image-2 at 1024x1024 low quality (cheap, exact), for the given days. */
export function row(id: string, extra: Partial<PlanRow> = {}): PlanRow {
  return blankRow(id, {
    name: `Line ${id}`,
    team: 'Growth',
    quality: 'low',
    finals: 100,
    iterationFactor: '1',
    promptChars: 0,
    startDate: '2027-01-04',
    endDate: '2027-01-17',
    ...extra,
  });
}

export function planWith(
  rows: readonly PlanRow[],
  actuals: ActualsLedger,
  more: Partial<ActualsLedger> = {},
): PlanDocument {
  return { ...blankPlan('2026-12-01'), rows: [...rows], actuals: { ...actuals, ...more } };
}

export function reconcile(plan: PlanDocument, options: ReconcileOptions = {}): Reconciliation {
  const r = reconcilePlan(plan, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export const usd = (m: number): string => microToDecimalString(m);

/** Each row's actual in dollars, and Unassigned. */
export function actuals(rec: Reconciliation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rec.rows) out[r.row.id] = usd(r.actual);
  out.unassigned = usd(rec.unassigned);
  return out;
}

/** A LiteLLM request of one campaign. */
export function request(
  day: string,
  spend: string,
  campaign: string,
  extra: { model?: string; project?: string; images?: number } = {},
): ActualRecord {
  return record(day, spend, {
    requests: 1,
    images: extra.images ?? 1,
    dims: {
      project: extra.project ?? 'proj_a',
      campaign,
      tags: campaign ? [`campaign:${campaign}`] : [],
      model: extra.model ?? 'gpt-image-2',
      vendor: 'openai',
    },
  });
}

/** An OpenAI Costs line: a day, a project, a model's line item. */
export function costLine(
  day: string,
  amount: string,
  lineItem = 'gpt-image-2, output',
  project = 'proj_a',
): ActualRecord {
  const model = lineItem.split(',')[0]?.replace(/ image$/, '') ?? '';
  return record(day, amount, { dims: { project, lineItem, model, vendor: 'openai', modality: 'image' } });
}
