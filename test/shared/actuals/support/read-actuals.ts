import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActualRecord, RejectedRow } from '../../../../shared/actuals/actual-record';
import {
  createActualsReader,
  type ReadOptions,
  type ReadOutcome,
} from '../../../../shared/actuals/read/actuals-reader';
import { add, type Exact, toDecimalString, ZERO } from '../../../../shared/money/exact';

export const TODAY = '2026-12-01';

export interface ReadResult {
  readonly outcome: ReadOutcome;
  readonly records: ActualRecord[];
  readonly rejected: RejectedRow[];
}

/** Reads bytes through the reader, pushed in chunks of `chunk` bytes (or at the given cut points). */
export function readActuals(
  data: Uint8Array | string,
  options: Partial<ReadOptions> = {},
  chunks: number | readonly number[] = 65_536,
): ReadResult {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const created = createActualsReader({ fileName: 'file.csv', today: TODAY, ...options });
  if (!created.ok) throw new Error(created.error);
  const reader = created.value;
  const records: ActualRecord[] = [];
  const rejected: RejectedRow[] = [];
  const cuts = typeof chunks === 'number' ? range(chunks, bytes.length) : [...chunks].sort((a, b) => a - b);
  let last = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut < last || cut > bytes.length) continue;
    const batch = reader.push(bytes.slice(last, cut));
    records.push(...batch.records);
    rejected.push(...batch.rejected);
    last = cut;
  }
  const outcome = reader.end();
  records.push(...outcome.records);
  rejected.push(...outcome.rejected);
  return { outcome, records, rejected };
}

function range(step: number, length: number): number[] {
  const out: number[] = [];
  for (let i = step; i < length; i += step) out.push(i);
  return out;
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/actuals/${name}`, import.meta.url))));
}

export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixture(name));
}

/** Exact sum of the records' USD amounts, as a decimal string. */
export function total(records: readonly ActualRecord[]): string {
  let sum: Exact = ZERO;
  for (const r of records) if (r.amountUsd) sum = add(sum, r.amountUsd);
  return toDecimalString(sum);
}

/** Exact sums grouped by a key, as decimal strings. */
export function totalsBy(records: readonly ActualRecord[], key: (r: ActualRecord) => string): Record<string, string> {
  const sums = new Map<string, Exact>();
  for (const r of records) if (r.amountUsd) sums.set(key(r), add(sums.get(key(r)) ?? ZERO, r.amountUsd));
  return Object.fromEntries([...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, toDecimalString(v)]));
}

export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  weight: (item: T) => number = () => 1,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + weight(item);
  return out;
}

/** ISO week label (2026-W43) of a YYYY-MM-DD day: weeks start Monday, week 1 holds the year's first Thursday. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** First record per request id (what the ledger keeps); records without an id are all kept. */
export function firstPerRequest(records: readonly ActualRecord[]): ActualRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if (r.requestId === null) return true;
    if (seen.has(r.requestId)) return false;
    seen.add(r.requestId);
    return true;
  });
}
