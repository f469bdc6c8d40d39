import { type Exact, parseExact, toDecimalString } from '../shared/money/exact';
import { groupInteger, groupThousands, microToDecimalString } from '../shared/money/format';
import { floorQuotient, type Micro, roundToMicro, toMicro } from '../shared/money/rounding';

/** A whole number grouped by three ("12,345"). */
export { groupInteger as integer } from '../shared/money/format';

/** Exact USD for display: "$0.21072", "$1,234.5" — every digit the engine has, never rounded here. */
export function usdExact(value: Exact): string {
  return usdText(toDecimalString(value));
}

/** usdExact for a value already written as an exact decimal ("0.21072"). */
export function usdText(decimal: string): string {
  const text = groupThousands(decimal);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/**
 * microToDecimalString(value) ("50.5728", "3.20": every digit, at least cents) worked out in numbers:
 * exact for the safe integers money in micro-units is, without the BigInt that function takes per call
 * (the --json output writes six amounts for each of a plan's 100k rows).
 */
export function microDecimal(value: Micro): string {
  if (!Number.isSafeInteger(value)) return microToDecimalString(value, 2);
  const negative = value < 0;
  const size = negative ? -value : value;
  const whole = floorQuotient(size, 1e6);
  let fraction = size - whole * 1e6;
  // Six decimals with their trailing zeros dropped, but never fewer than two.
  let decimals = 6;
  while (decimals > 2 && fraction % 10 === 0) {
    fraction /= 10;
    decimals -= 1;
  }
  return `${negative ? '-' : ''}${whole}.${String(fraction).padStart(decimals, '0')}`;
}

/** A rounded row amount (micro-USD) with at least cents: "$50.5728", "$3.20". Exact, so totals add up. */
export function usdMicro(value: Micro): string {
  const text = groupThousands(microDecimal(value));
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/** "1 row", "3 rows", "4,906 rows": a count, grouped by three, with its noun in the right number. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${groupInteger(n)} ${n === 1 ? noun : plural}`;
}

/**
 * Money for a table or a summary line: rounded half away from zero to the micro-dollar, as `reconcile`
 * prints it ("$2.92879", "$56.614957"), so float noise in a provider's export ("2.9287900000000002")
 * does not reach the screen; --json keeps the exact decimal.
 */
export function usdRounded(value: Exact): string {
  const units = roundToMicro(value);
  const micro = toMicro(units);
  return micro === null ? usdText(toDecimalString({ units, scale: 6 }, 2)) : usdMicro(micro);
}

/** usdRounded for an exact decimal string ("56.6149570000000028533"); text that is no decimal as it is. */
export function usdRoundedText(decimal: string): string {
  const value = parseExact(decimal);
  return value === null ? usdText(decimal) : usdRounded(value);
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
  const pieces: string[] = [];
  writeTable((text) => pieces.push(text), columns, rows, footer);
  return pieces.join('');
}

/** Lines of a table written per call of `write` (a plan's 100k rows are never one string). */
const LINES_PER_WRITE = 2_000;

/** renderTable's text (no final line break), written a batch of lines at a time. */
export function writeTable(
  write: (text: string) => void,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  footer: readonly (readonly string[])[] = [],
): void {
  const headers = columns.map((c) => c.header);
  const right = columns.map((c) => c.align === 'right');
  // A loop, not Math.max(...): a plan's 200k rows would be more arguments than a call takes.
  const widths = columns.map(() => 0);
  const widen = (r: readonly string[]) => {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i] ?? 0, (r[i] ?? '').length);
  };
  widen(headers);
  rows.forEach(widen);
  footer.forEach(widen);
  // Lines and chunks made by join, which gives flat strings: the writer's scans and copies of a chunk
  // then read it directly, not through thousands of concatenated pieces.
  const padded: string[] = widths.map(() => '');
  const line = (cells: readonly string[]) => {
    for (let i = 0; i < widths.length; i++) {
      const cell = cells[i] ?? '';
      const width = widths[i] ?? 0;
      padded[i] = right[i] ? cell.padStart(width) : cell.padEnd(width);
    }
    return padded.join('  ').trimEnd();
  };
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  let lines: string[] = [line(headers), rule];
  for (let i = 0; i < rows.length; i++) {
    lines.push(line(rows[i] ?? []));
    if ((i + 1) % LINES_PER_WRITE === 0) {
      write(lines.join('\n'));
      lines = [''];
    }
  }
  if (footer.length > 0) lines.push(rule, ...footer.map(line));
  if (lines.length > 1 || lines[0] !== '') write(lines.join('\n'));
}
