import type { ActualSource } from '../actual-record';
import { decideContainer } from './container';
import {
  type DecimalSeparator,
  type Delimiter,
  sampleRecords,
  sniffDecimalSeparator,
  sniffDelimiter,
} from './csv-dialect';
import { DayReader, type DateOrderState } from './date-order';
import { ByteDecoder, type TextEncodingName } from './decode-bytes';
import { isJsonObject, parseJsonExact } from './exact-json';
import { normaliseHeader } from './field-access';
import { jsonItems, isPage, sourceOfObject } from './json-items';
import { type MappingField, type MappingProfile, profileMatches, suggestMapping } from './mapping-profile';
import { detectCsvSource } from './sources';

/**
 * The import flow's first step: from the first bytes of a file (say 64 KB), what it is: encoding, container,
 * delimiter and decimal separator, the source it looks like, its header and first rows, whether its dates
 * need a day/month choice, and a saved mapping profile made for the same header. Nothing is read for good
 * here; the reader does that with what the user confirms.
 */

export interface SniffResult {
  /** Why the file cannot be read at all (encoding, binary, empty), else null. */
  readonly error: string | null;
  readonly encoding: TextEncodingName | null;
  readonly container: 'csv' | 'json' | 'jsonl' | null;
  readonly delimiter: Delimiter | null;
  readonly decimalSeparator: DecimalSeparator;
  /** The source the header or shape says; 'csv' needs a mapping; null when it cannot tell yet. */
  readonly source: ActualSource | null;
  readonly header: readonly string[];
  /** Up to 10 data rows, as text (CSV). */
  readonly rows: readonly (readonly string[])[];
  /** The day/month order the sample shows ('ambiguous' means the user will be asked unless a later row proves it). */
  readonly dateOrder: DateOrderState;
  /** For any other CSV: a first guess at the mapping from its column names. */
  readonly suggested: Partial<Record<MappingField, string>>;
  /** The first saved profile made for this header, if any. */
  readonly profile: MappingProfile | null;
}

export interface SniffOptions {
  readonly fileName: string;
  /** True when the bytes are the whole file (lets the sniff use the end of the text). */
  readonly complete?: boolean;
  readonly profiles?: readonly MappingProfile[];
}

const MAX_SAMPLE_ROWS = 10;

export function sniffActuals(firstBytes: Uint8Array, options: SniffOptions): SniffResult {
  const complete = options.complete ?? false;
  const decoder = new ByteDecoder();
  const pushed = decoder.push(firstBytes);
  const rest = pushed.ok ? (complete ? decoder.end() : decoder.flush()) : pushed;
  const base = { ...EMPTY_RESULT, encoding: decoder.encoding };
  if (!pushed.ok || !rest.ok) return { ...base, error: pushed.ok ? (rest.ok ? null : rest.error) : pushed.error };
  const text = pushed.value + rest.value;
  const container = decideContainer(text, true, Number.MAX_SAFE_INTEGER);
  if (container === 'blank' || container === 'wait') {
    return { ...base, error: 'the file has no data (only blank lines)' };
  }
  if (container !== 'csv')
    return { ...base, container, source: jsonSource(text, container, complete, options.fileName) };
  return sniffCsv(text, complete, options, base);
}

const EMPTY_RESULT: SniffResult = {
  error: null,
  encoding: null,
  container: null,
  delimiter: null,
  decimalSeparator: '.',
  source: null,
  header: [],
  rows: [],
  dateOrder: { order: null, how: 'not-needed', proof: null, examples: [] },
  suggested: {},
  profile: null,
};

function sniffCsv(text: string, complete: boolean, options: SniffOptions, base: SniffResult): SniffResult {
  const body = text.replace(/^sep=[,;\t|]\r?\n/i, '');
  const delimiter = body === text ? sniffDelimiter(text, complete) : (text[4] as Delimiter);
  const records = sampleRecords(body, delimiter, complete, MAX_SAMPLE_ROWS + 1);
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1);
  const source = detectCsvSource(header);
  const profile = options.profiles?.find((p) => profileMatches(p, header)) ?? null;
  const suggested = source === 'csv' ? suggestMapping(header) : {};
  const dateColumn = source === 'csv' ? (profile?.columns.date ?? suggested.date) : undefined;
  return {
    ...base,
    container: 'csv',
    delimiter,
    decimalSeparator: sniffDecimalSeparator(records, delimiter),
    source,
    header,
    rows,
    dateOrder: sampleDateOrder(header, rows, dateColumn),
    suggested,
    profile,
  };
}

/**
 * Reads the sample's dates with no order given, to show whether the user will have to choose one. Only
 * mapped CSVs can hold D/M/Y dates: the known exports write unix times and ISO dates.
 */
function sampleDateOrder(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  dateColumn: string | undefined,
): DateOrderState {
  const reader = new DayReader(null);
  const index =
    dateColumn === undefined ? -1 : header.findIndex((h) => normaliseHeader(h) === normaliseHeader(dateColumn));
  if (index >= 0) rows.forEach((row, i) => reader.read((row[index] ?? '').trim(), i + 2));
  return reader.state();
}

/** The source of JSON text: parsed when whole, else recognised by the markers of each shape in the text. */
function jsonSource(
  text: string,
  container: 'json' | 'jsonl',
  complete: boolean,
  fileName: string,
): ActualSource | null {
  if (container === 'jsonl') {
    const first = parseJsonExact(text.slice(0, text.indexOf('\n')).trim());
    if (!first.ok) return null;
    if (isPage(first.value)) {
      const shape = jsonItems(first.value, fileName);
      return typeof shape === 'string' ? null : shape.source;
    }
    return isJsonObject(first.value) ? sourceOfObject(first.value) : null;
  }
  if (complete) {
    const parsed = parseJsonExact(text);
    const shape = parsed.ok ? jsonItems(parsed.value, fileName) : null;
    if (shape !== null && typeof shape !== 'string') return shape.source;
  }
  if (text.includes('organization.costs.result') || /"amount"\s*:\s*\{/.test(text)) return 'openai-costs-api';
  if (text.includes('organization.usage.images.result')) return 'openai-images-usage';
  if (text.includes('organization.usage.completions.result')) return 'openai-completions-usage';
  if (/"request_id"/.test(text) && /"spend"/.test(text)) return 'litellm';
  if (/"api_requests"/.test(text) && /"spend"/.test(text)) return 'litellm-daily';
  return null;
}
