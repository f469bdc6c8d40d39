import type { ActualSource } from '../actual-record';
import { isJsonObject, type JsonObject, type JsonValue, jsonText } from './exact-json';

/**
 * The rows of a JSON document, whatever shape it was saved in: an organization API page
 * (`{"object":"page","data":[buckets]}`), several pages (a JSON array of pages), a bare list of buckets, a
 * LiteLLM `/spend/logs` array (or `{"data": [...]}`), LiteLLM daily rows, or a team's own log entries. A
 * bucket's results become rows with the bucket's times merged in; an empty bucket is an empty row.
 */

export type JsonItem =
  | { readonly kind: 'row'; readonly object: JsonObject; readonly path: string }
  | { readonly kind: 'empty'; readonly path: string };

export interface JsonItems {
  readonly items: readonly JsonItem[];
  /** The source the shape says, or null when the shape holds no row to tell by. */
  readonly source: ActualSource | null;
}

const BUCKET_TIMES = ['start_time', 'end_time', 'start_time_iso', 'end_time_iso'];

export function jsonItems(doc: JsonValue, fileName: string): JsonItems | string {
  const items: JsonItem[] = [];
  if (Array.isArray(doc)) {
    const first = doc.find(isJsonObject);
    if (first !== undefined && isPage(first)) doc.forEach((page, i) => addPage(page, `[${i}]`, items));
    else if (first !== undefined && isBucket(first)) addBuckets(doc, '', items);
    else doc.forEach((row, i) => addRow(row, `[${i}]`, items));
  } else if (isJsonObject(doc) && isPage(doc)) {
    addPage(doc, '', items);
  } else if (isJsonObject(doc) && Array.isArray(doc['data'])) {
    doc['data'].forEach((row, i) => addRow(row, `data[${i}]`, items));
  } else if (isJsonObject(doc)) {
    items.push({ kind: 'row', object: doc, path: '' });
  } else {
    return 'the JSON holds no rows: expected an API page, a list of pages, or a list of rows';
  }
  return { items, source: sourceOfItems(items, fileName) };
}

/** A page of an organization API: an object whose `data` is a list of buckets (objects with `results`). */
export function isPage(v: JsonValue | undefined): v is JsonObject {
  if (!isJsonObject(v)) return false;
  const data = v['data'];
  return (
    (v['object'] === 'page' && Array.isArray(data)) || (Array.isArray(data) && data.length > 0 && data.every(isBucket))
  );
}

function isBucket(v: JsonValue | undefined): boolean {
  return isJsonObject(v) && Array.isArray(v['results']);
}

export function addPage(page: JsonValue, path: string, items: JsonItem[]): void {
  if (!isJsonObject(page)) return;
  const data = page['data'];
  if (Array.isArray(data)) addBuckets(data, `${path}${path ? '.' : ''}data`, items);
}

function addBuckets(buckets: readonly JsonValue[], path: string, items: JsonItem[]): void {
  buckets.forEach((bucket, b) => {
    if (!isJsonObject(bucket)) return;
    const results = bucket['results'];
    const at = `${path}[${b}]`;
    if (!Array.isArray(results) || results.length === 0) {
      items.push({ kind: 'empty', path: at });
      return;
    }
    results.forEach((result, r) => {
      if (!isJsonObject(result)) return;
      const merged = Object.create(null) as JsonObject;
      for (const key of BUCKET_TIMES) {
        const value = bucket[key];
        if (value !== undefined) merged[key] = value;
      }
      Object.assign(merged, result);
      items.push({ kind: 'row', object: merged, path: `${at}.results[${r}]` });
    });
  });
}

function addRow(row: JsonValue, path: string, items: JsonItem[]): void {
  if (isJsonObject(row)) items.push({ kind: 'row', object: row, path });
}

function sourceOfItems(items: readonly JsonItem[], fileName: string): ActualSource | null {
  const first = items.find((i): i is Extract<JsonItem, { kind: 'row' }> => i.kind === 'row');
  if (first === undefined) return items.length > 0 ? sourceOfFileName(fileName) : null;
  return sourceOfObject(first.object);
}

/** The source one row object belongs to (an API result, a spend-log row, a daily row or a team's log line). */
export function sourceOfObject(o: JsonObject): ActualSource | null {
  const kind = jsonText(o['object']);
  if (kind === 'organization.costs.result' || isJsonObject(o['amount'])) return 'openai-costs-api';
  if (
    kind === 'organization.usage.images.result' ||
    (o['images'] !== undefined && o['num_model_requests'] !== undefined)
  ) {
    return 'openai-images-usage';
  }
  if (kind === 'organization.usage.completions.result' || o['input_tokens'] !== undefined) {
    return 'openai-completions-usage';
  }
  if (o['request_id'] !== undefined && o['spend'] !== undefined) return 'litellm';
  if (o['date'] !== undefined && o['spend'] !== undefined && o['api_requests'] !== undefined) return 'litellm-daily';
  if (isJsonObject(o['usage'])) return 'jsonl';
  return null;
}

/** Pages with only empty buckets say nothing by shape: the saved file's name may (`images_usage_…`). */
function sourceOfFileName(fileName: string): ActualSource {
  const name = fileName.toLowerCase();
  if (name.includes('image') && name.includes('usage')) return 'openai-images-usage';
  if (name.includes('completion')) return 'openai-completions-usage';
  return 'openai-costs-api';
}
