import { type Exact, toDecimalString } from '../shared/money/exact';
import { groupThousands, microToDecimalString } from '../shared/money/format';
import type { Micro } from '../shared/money/rounding';

/** Exact USD for display: "$0.21072", "$1,234.5" — every digit the engine has, never rounded here. */
export function usdExact(value: Exact): string {
  const text = groupThousands(toDecimalString(value));
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/** A rounded row amount (micro-USD) with at least cents: "$50.5728", "$3.20". Exact, so totals add up. */
export function usdMicro(value: Micro): string {
  const text = groupThousands(microToDecimalString(value, 2));
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/** "1 row", "3 rows": a count with its noun in the right number. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function integer(n: number): string {
  return groupThousands(String(n));
}

export function decimal(value: Exact): string {
  return groupThousands(toDecimalString(value));
}

/** Cuts text to a width with an ellipsis, for table cells. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

export interface Column {
  readonly header: string;
  readonly align: 'left' | 'right';
}

/** A plain-text table: header, rule, rows, and optional footer rows after a second rule. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  footer: readonly (readonly string[])[] = [],
): string {
  const all = [columns.map((c) => c.header), ...rows, ...footer];
  // A loop, not Math.max(...): a plan's 200k rows would be more arguments than a call takes.
  const widths = columns.map(() => 0);
  for (const r of all) columns.forEach((_, i) => (widths[i] = Math.max(widths[i] ?? 0, (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(columns.map((c) => c.header)), rule, ...rows.map(line)];
  if (footer.length > 0) out.push(rule, ...footer.map(line));
  return out.join('\n');
}
