import type { PlanEstimate } from '../estimate/estimate-plan';
import { ROW_FIELD_KEYS, ROW_FIELDS } from '../plan/row-fields';
import { neutralizeText } from './cell-text';
import { engineResults, issueText } from './plan-rows';
import { PLAN_COLUMNS } from './plan-columns';

/**
 * The plan as a flat CSV: the visible input columns, then the engine's values for every derived column.
 * UTF-8 with a byte-order mark (Excel needs it to read UTF-8). With `;` (European Excel) numbers use a
 * decimal comma. Text that could start a formula is neutralised, as in the workbook.
 */

export type CsvDelimiter = ',' | ';';

export interface CsvOptions {
  readonly delimiter: CsvDelimiter;
}

const BOM = '\uFEFF';

const COLUMNS = PLAN_COLUMNS.filter((c) => !c.hidden && c.role !== 'machine');

export function quote(text: string, delimiter: CsvDelimiter): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function numberText(n: number, delimiter: CsvDelimiter): string {
  // Shortest round-trip text, never an exponent (spreadsheets read 1e-7 as text in some locales).
  let text = String(n);
  if (/e/i.test(text)) text = n.toFixed(20).replace(/\.?0+$/, '');
  return delimiter === ';' ? text.replace('.', ',') : text;
}

function cell(value: unknown, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return numberText(value, delimiter);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return quote(neutralizeText(String(value)), delimiter);
}

/** Fields kept as decimal text: with `;` their point becomes a comma, as the numbers around them. */
const DECIMAL_TEXT_FIELDS: ReadonlySet<string> = new Set(
  ROW_FIELD_KEYS.filter((key) => {
    const kind = ROW_FIELDS[key].kind;
    return kind === 'decimal' || kind === 'money';
  }),
);

export function planCsv(estimate: PlanEstimate, options: CsvOptions): string {
  const d = options.delimiter;
  const lines: string[] = [COLUMNS.map((c) => quote(c.header, d)).join(d)];
  for (const result of estimate.rows) {
    const derived = engineResults(result);
    const issues = issueText(result);
    const cells = COLUMNS.map((c) => {
      if (c.role === 'input' && c.field) {
        const v = result.row[c.field];
        if (typeof v === 'string' && DECIMAL_TEXT_FIELDS.has(c.field)) return d === ';' ? v.replace('.', ',') : v;
        return cell(v, d);
      }
      if (c.key === 'errors') return cell(issues.errors, d);
      if (c.key === 'warnings') return cell(issues.warnings, d);
      return cell(derived[c.key], d);
    });
    lines.push(cells.join(d));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
