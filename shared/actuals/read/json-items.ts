import type { ActualSource } from '../actual-record';
import { isJsonObject, type JsonObject, jsonProperty, type JsonValue, jsonText } from './exact-json';

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
  const data = isJsonObject(doc) ? jsonProperty(doc, 'data') : undefined;
  if (Array.isArray(doc)) {
    const first = doc.find(isJsonObject);
    if (first !== undefined && isPage(first)) doc.forEach((page, i) => addPage(page, `[${i}]`, items));
    else if (first !== undefined && isBucket(first)) addBuckets(doc, '', items);
    else doc.forEach((row, i) => addRow(row, `[${i}]`, items));
  } else if (isJsonObject(doc) && isPage(doc)) {
    addPage(doc, '', items);
  } else if (Array.isArray(data)) {
    data.forEach((row, i) => addRow(row, `data[${i}]`, items));
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
  const data = jsonProperty(v, 'data');
  return (
    (jsonProperty(v, 'object') === 'page' && Array.isArray(data)) ||
    (Array.isArray(data) && data.length > 0 && data.every(isBucket))
  );
}

function isBucket(v: JsonValue | undefined): boolean {
  return isJsonObject(v) && Array.isArray(jsonProperty(v, 'results'));
}

export function addPage(page: JsonValue, path: string, items: JsonItem[]): void {
  if (!isJsonObject(page)) return;
  const data = jsonProperty(page, 'data');
  if (Array.isArray(data)) addBuckets(data, `${path}${path ? '.' : ''}data`, items);
}

function addBuckets(buckets: readonly JsonValue[], path: string, items: JsonItem[]): void {
  buckets.forEach((bucket, b) => {
    if (!isJsonObject(bucket)) return;
    const results = jsonProperty(bucket, 'results');
    const at = `${path}[${b}]`;
    if (!Array.isArray(results) || results.length === 0) {
      items.push({ kind: 'empty', path: at });
      return;
    }
    results.forEach((result, r) => {
      if (!isJsonObject(result)) return;
      const merged: JsonObject = {};
      for (const key of BUCKET_TIMES) {
        const value = jsonProperty(bucket, key);
        if (value !== undefined) merged[key] = value;
      }
      for (const key of Object.keys(result)) {
        if (key !== '__proto__') merged[key] = result[key] ?? null;
      }
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
  const kind = jsonText(jsonProperty(o, 'object'));
  if (kind === 'organization.costs.result' || isJsonObject(jsonProperty(o, 'amount'))) return 'openai-costs-api';
  if (
    kind === 'organization.usage.images.result' ||
    (jsonProperty(o, 'images') !== undefined && jsonProperty(o, 'num_model_requests') !== undefined)
  ) {
    return 'openai-images-usage';
  }
  if (kind === 'organization.usage.completions.result' || jsonProperty(o, 'input_tokens') !== undefined) {
    return 'openai-completions-usage';
  }
  if (jsonProperty(o, 'request_id') !== undefined && jsonProperty(o, 'spend') !== undefined) return 'litellm';
  if (
    jsonProperty(o, 'date') !== undefined &&
    jsonProperty(o, 'spend') !== undefined &&
    jsonProperty(o, 'api_requests') !== undefined
  )
    return 'litellm-daily';
  if (isJsonObject(jsonProperty(o, 'usage'))) return 'jsonl';
  return null;
}

/** Pages with only empty buckets say nothing by shape: the saved file's name may (`images_usage_…`). */
function sourceOfFileName(fileName: string): ActualSource {
  const name = fileName.toLowerCase();
  if (name.includes('image') && name.includes('usage')) return 'openai-images-usage';
  if (name.includes('completion')) return 'openai-completions-usage';
  return 'openai-costs-api';
}
