import { type Exact, parseExact } from '../money/exact';
import { type PriceBook, type PriceQuery, type ResolvedPrice, resolvePrice } from '../pricing/price-book';
import type { Result } from '../result';
import type { ModelSpec } from './models';
import { resolveSize, type ResolvedSize } from './sizes';

/**
 * Memo tables for pure lookups the engine repeats: decimal parsing on every row, price resolution and
 * size rules for every new output shape and on the reference path. A plan of 100k rows uses a few dozen
 * distinct models, sizes and factors, so most of these are map hits.
 * Every function cached here is pure and its results are immutable, so a hit returns exactly what a
 * fresh call would. Tables are cleared when they grow past MAX_ENTRIES (text typed into a grid can be
 * anything), which keeps memory bounded without changing any result.
 */
const MAX_ENTRIES = 10_000;

function remember<V>(table: Map<string, V>, key: string, compute: () => V): V {
  const hit = table.get(key);
  if (hit !== undefined || table.has(key)) return hit as V;
  const value = compute();
  if (table.size >= MAX_ENTRIES) table.clear();
  table.set(key, value);
  return value;
}

// Price books are immutable values; a book's lookups live and die with it.
const pricesByBook = new WeakMap<PriceBook, Map<string, Result<ResolvedPrice>>>();

export function resolvePriceCached(book: PriceBook, query: PriceQuery): Result<ResolvedPrice> {
  let table = pricesByBook.get(book);
  if (!table) {
    table = new Map();
    pricesByBook.set(book, table);
  }
  const key = `${query.date}|${query.model}|${query.surface}|${query.entryId ?? ''}`;
  return remember(table, key, () => resolvePrice(book, query));
}

const sizesByModel = new WeakMap<ModelSpec, Map<string, Result<ResolvedSize>>>();

export function resolveSizeCached(model: ModelSpec, text: string): Result<ResolvedSize> {
  let table = sizesByModel.get(model);
  if (!table) {
    table = new Map();
    sizesByModel.set(model, table);
  }
  return remember(table, text, () => resolveSize(model, text));
}

const decimals = new Map<string, Exact | null>();

/** parseExact through a table; read without remember's closure: every row parses two decimals. */
export function parseExactCached(text: string): Exact | null {
  const hit = decimals.get(text);
  if (hit !== undefined) return hit;
  const value = parseExact(text);
  if (decimals.size >= MAX_ENTRIES) decimals.clear();
  decimals.set(text, value);
  return value;
}
