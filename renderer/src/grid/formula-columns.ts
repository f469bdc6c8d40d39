import type { PlanTotals } from '../../../shared/estimate/estimate-plan';
import { toNumber } from '../../../shared/money/exact';
import { microToExact } from '../../../shared/money/rounding';
import type { GridRow } from '../../../shared/estimate/plan-estimator';
import { budgetStatus } from './budget-status';
import { issueText } from './row-issue';
import { creditsText, exactText, grouped, microText, microToNumber, usd, usdExact } from './money-text';

/**
 * A read-only column computed by the shared engine: a sortable number, the text shown, an explanation
 * with the row's own numbers for the hover, and what the totals row shows.
 */
export interface FormulaColumn {
  readonly colId: string;
  readonly header: string;
  readonly headerTooltip: string;
  readonly width: number;
  value(r: GridRow): number | null;
  text(r: GridRow): string;
  explain(r: GridRow): string;
  total?(t: PlanTotals): string;
}

function errorsOf(r: GridRow): string | null {
  const e = r.result.estimate;
  return e.ok ? null : e.errors.map(issueText).join('\n');
}

function guarded(explain: (r: GridRow) => string): (r: GridRow) => string {
  return (r) => errorsOf(r) ?? explain(r);
}

const n = (v: number | string) => (typeof v === 'number' ? grouped(v) : v);

export const FORMULA_COLUMNS: readonly FormulaColumn[] = [
  {
    colId: 'generations',
    header: 'Generations',
    headerTooltip: 'Images generated: finals × iteration factor, plus finals × drafts per final',
    width: 120,
    value: (r) =>
      r.result.estimate.ok
        ? toNumber(r.result.estimate.finalGenerations) + toNumber(r.result.estimate.draftGenerations)
        : null,
    text: (r) => {
      const e = r.result.estimate;
      if (!e.ok) return '—';
      const drafts = toNumber(e.draftGenerations);
      return drafts > 0
        ? `${exactText(e.finalGenerations)} + ${exactText(e.draftGenerations)}`
        : exactText(e.finalGenerations);
    },
    explain: guarded((r) => {
      const e = r.result.estimate;
      const lines = [
        `${n(r.row.finals)} finals × ${r.row.iterationFactor} = ${exactText(e.finalGenerations)} generations`,
      ];
      if (toNumber(e.draftGenerations) > 0)
        lines.push(
          `${n(r.row.finals)} finals × ${r.row.draftsPerFinal} drafts = ${exactText(e.draftGenerations)} draft generations`,
        );
      return lines.join('\n');
    }),
    total: (t) =>
      `${exactText(t.finalGenerations)}${toNumber(t.draftGenerations) > 0 ? ` + ${exactText(t.draftGenerations)}` : ''}`,
  },
  {
    colId: 'requests',
    header: 'Requests',
    headerTooltip: 'API requests: generations ÷ images per request, rounded up',
    width: 100,
    value: (r) => (r.result.estimate.ok ? r.result.estimate.requests : null),
    text: (r) => (r.result.estimate.ok ? grouped(r.result.estimate.requests) : '—'),
    explain: guarded((r) => {
      const e = r.result.estimate;
      const k = r.row.nPerRequest;
      const drafts = toNumber(e.draftGenerations) > 0 ? ` + ⌈${exactText(e.draftGenerations)} ÷ ${k}⌉` : '';
      return `⌈${exactText(e.finalGenerations)} ÷ ${k}⌉${drafts} = ${grouped(e.requests)} requests (${k} image${k === 1 ? '' : 's'} per request)`;
    }),
    total: (t) => grouped(t.requests),
  },
  {
    colId: 'outputTokens',
    header: 'Tokens / image',
    headerTooltip: 'Output tokens per final image (size × quality), from the model rules',
    width: 120,
    value: (r) => r.result.estimate.outputTokensPerFinal,
    text: (r) =>
      r.result.estimate.outputTokensPerFinal === null ? '—' : grouped(r.result.estimate.outputTokensPerFinal),
    explain: guarded((r) => {
      const e = r.result.estimate;
      if (e.outputTokensPerFinal === null) return `${r.row.model} is priced per image: no output-token count`;
      const draft =
        e.outputTokensPerDraft === null
          ? ''
          : `\nDrafts at ${e.draftQuality ?? ''}: ${grouped(e.outputTokensPerDraft)} tokens each`;
      return `${e.sizeKey ?? r.row.size} at ${e.quality ?? r.row.quality} quality = ${grouped(e.outputTokensPerFinal)} output tokens per image${draft}\n${e.assumptions.join('\n')}`;
    }),
  },
  {
    colId: 'costPerFinalImage',
    header: 'Cost / final image',
    headerTooltip: 'Exact price of one final-quality generation (output + input tokens)',
    width: 130,
    value: (r) => (r.result.estimate.ok ? toNumber(r.result.estimate.costPerFinalImage) : null),
    text: (r) => (r.result.estimate.ok ? usdExact(r.result.estimate.costPerFinalImage) : '—'),
    explain: guarded((r) => {
      const e = r.result.estimate;
      const input =
        toNumber(e.inputCostPerImage) > 0
          ? ` including $${exactText(e.inputCostPerImage)} of input (${grouped(e.textInputTokensPerImage)} text + ${grouped(e.imageInputTokensPerImage)} image tokens)`
          : '';
      return `$${exactText(e.costPerFinalImage)} per final image${input}\nPrice entry: ${e.priceEntryIds.join(' → ')}`;
    }),
  },
  {
    colId: 'costPerDraftImage',
    header: 'Cost / draft image',
    headerTooltip: 'Exact price of one draft generation (cheaper quality), when the row has a draft pass',
    width: 130,
    value: (r) =>
      r.result.estimate.ok && r.result.estimate.draftQuality !== null
        ? toNumber(r.result.estimate.costPerDraftImage)
        : null,
    text: (r) =>
      r.result.estimate.ok && r.result.estimate.draftQuality !== null
        ? usdExact(r.result.estimate.costPerDraftImage)
        : '—',
    explain: guarded((r) => {
      const e = r.result.estimate;
      return e.draftQuality === null
        ? 'No draft pass (drafts per final is 0)'
        : `$${exactText(e.costPerDraftImage)} per draft at ${e.draftQuality} quality`;
    }),
  },
  {
    colId: 'costPerApprovedFinal',
    header: 'Cost / approved final',
    headerTooltip: 'Row total ÷ finals: what one approved image really costs',
    width: 120,
    value: (r) =>
      r.result.estimate.costPerApprovedFinal === null ? null : microToNumber(r.result.estimate.costPerApprovedFinal),
    text: (r) =>
      r.result.estimate.costPerApprovedFinal === null
        ? '—'
        : usdExact(microToExact(r.result.estimate.costPerApprovedFinal)),
    explain: guarded((r) => {
      const e = r.result.estimate;
      if (e.costPerApprovedFinal === null) return 'No finals: nothing to divide by';
      return `${usd(e.totalCost)} row total ÷ ${n(r.row.finals)} finals = $${microText(e.costPerApprovedFinal)} per approved final`;
    }),
  },
  {
    colId: 'rowTotal',
    header: 'Row total',
    headerTooltip: 'Final generations × cost per final + draft generations × cost per draft, each rounded to $0.000001',
    // Fits "$99,999,999.99" (and the totals row's sum of such rows) with the header's filter button.
    width: 140,
    value: (r) => (r.result.estimate.ok ? microToNumber(r.result.estimate.totalCost) : null),
    text: (r) => (r.result.estimate.ok ? usd(r.result.estimate.totalCost) : 'not priced'),
    explain: guarded((r) => {
      const e = r.result.estimate;
      const lines = [
        `${exactText(e.finalGenerations)} generations × $${exactText(e.costPerFinalImage)} = $${microText(e.finalCost)}`,
      ];
      if (e.draftQuality !== null)
        lines.push(
          `+ ${exactText(e.draftGenerations)} drafts × $${exactText(e.costPerDraftImage)} = $${microText(e.draftCost)}`,
        );
      lines.push(`= $${microText(e.totalCost)}`);
      return lines.join('\n');
    }),
    total: (t) => usd(t.totalCost),
  },
  {
    colId: 'credits',
    header: 'Credits',
    headerTooltip: 'Credits billed, for rows on a credits surface',
    width: 110,
    value: (r) => (r.result.estimate.credits === null ? null : microToNumber(r.result.estimate.credits)),
    text: (r) => (r.result.estimate.credits === null ? '—' : creditsText(r.result.estimate.credits)),
    explain: guarded((r) => {
      const e = r.result.estimate;
      if (e.credits === null || e.creditsPerFinalImage === null)
        return 'Credits apply only to rows priced in credits (surface "credits")';
      return `${exactText(e.finalGenerations)} generations × ${exactText(e.creditsPerFinalImage)} credits = ${microText(e.credits)} credits in all`;
    }),
    total: (t) => (t.credits === 0 ? '' : creditsText(t.credits)),
  },
  {
    colId: 'budgetRemaining',
    header: 'Budget left',
    headerTooltip: 'Budget cap minus row total; amber from 80% of the cap, red past it',
    // Fits "-$9,999,999.99" in bold (over budget).
    width: 155,
    value: (r) => (r.result.budgetRemaining === null ? null : microToNumber(r.result.budgetRemaining)),
    text: (r) => (r.result.budgetRemaining === null ? '' : usd(r.result.budgetRemaining)),
    explain: (r) => {
      const status = budgetStatus(r);
      if (r.result.budgetRemaining === null || r.row.budgetCapUsd === null) return status.reason;
      return `$${r.row.budgetCapUsd} cap − $${microText(r.result.estimate.totalCost)} = $${microText(r.result.budgetRemaining)}\n${status.reason}`;
    },
  },
];

export const FORMULA_COLUMN_IDS: ReadonlySet<string> = new Set(FORMULA_COLUMNS.map((c) => c.colId));
