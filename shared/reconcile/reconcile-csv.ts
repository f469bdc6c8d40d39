import { USAGE_PRICED_LABEL } from '../actuals/ledger/usage-pricing';
import { microToDecimalString } from '../money/format';
import type { Micro } from '../money/rounding';
import { neutralizeText } from '../workbook/cell-text';
import { type CsvDelimiter, quote } from '../workbook/plan-csv';
import { groupReconciliation } from './reconcile-groups';
import type { Reconciliation } from './reconcile-plan';

/**
 * The reconciliation table as CSV, per row: planned, actual, its measure, variance ($ and %), forecast,
 * then Unassigned and the total. A row not started has blank variance cells; the total's leaves its plan out. Money is exact decimal text (never a float); with `;` (European Excel)
 * the decimal point becomes a comma. Names are neutralised against formulas as in the plan's CSV.
 * UTF-8 with a byte-order mark, CRLF lines.
 */

const HEADER = [
  'Row id',
  'Name',
  'Team',
  'Asset type',
  'Planned (USD)',
  'Actual (USD)',
  'Actual measure',
  'Variance (USD)',
  'Variance %',
  'Forecast (USD)',
  'Observed iteration factor',
  'Approved finals',
];

function measureText(m: string | null): string {
  return m === null ? '' : m === 'usage' ? USAGE_PRICED_LABEL : m;
}

export function reconciliationCsv(rec: Reconciliation, options: { delimiter: CsvDelimiter }): string {
  const d = options.delimiter;
  const money = (m: Micro): string => (d === ';' ? microToDecimalString(m).replace('.', ',') : microToDecimalString(m));
  const pct = (p: string | null): string => (p === null ? '' : d === ';' ? p.replace('.', ',') : p);
  const text = (t: string): string => quote(neutralizeText(t), d);
  const report = groupReconciliation(rec, 'row');
  const lines = [HEADER.map((h) => quote(h, d)).join(d)];
  rec.rows.forEach((r, i) => {
    const g = report.groups[i];
    if (!g) return;
    lines.push(
      [
        text(r.row.id),
        text(r.row.name),
        text(r.row.team),
        text(r.row.assetType),
        money(g.planned),
        money(g.actual),
        measureText(g.measure),
        g.variance === null ? '' : money(g.variance),
        pct(g.variancePct),
        money(g.forecast),
        pct(r.observedFactor),
        r.approvedFinals === null ? '' : String(r.approvedFinals),
      ].join(d),
    );
  });
  const blank = (n: number) => Array<string>(n).fill('');
  lines.push(['', 'Unassigned', '', '', '', money(report.unassigned), ...blank(6)].join(d));
  lines.push(
    [
      '',
      'Total',
      '',
      '',
      money(report.planned),
      money(report.actual),
      '',
      report.variance === null ? '' : money(report.variance),
      pct(report.variancePct),
      money(report.forecast),
      '',
      '',
    ].join(d),
  );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
