/**
 * A leaner JSON form for the browser host's bridge, both ways: a long array of records that share their
 * keys (a plan's rows) is sent column by column, with the keys once. A column of plain values (text,
 * numbers, true/false, null) that repeat is sent as its distinct values and, for each record, which one:
 * an index written as base-64 digits in one string. Any other column is sent as its values. A 100k-row
 * plan is then under a fifth of its JSON, and the side that reads it parses a few long strings instead of
 * 2.7 million values. `unpackRecords` gives back an equal value (same keys, in the same order), and
 * refuses a packed array that does not hold together (PackedRecordsError) rather than guess. A value
 * already holding the marker key is sent as it is, so nothing can be mistaken for a packed array.
 */

/** The request header by which the page's bridge asks for packed bodies both ways. */
export const PACKED_HEADER = 'x-pixel-ledger-packed';

const MARKER = '$records';
/** Shorter arrays are not worth it. */
const MIN_RECORDS = 16;

type Plain = Record<string, unknown>;
type PlainValue = string | number | boolean | null;

/** A column as its values, one per record (objects and arrays in it packed in turn). */
interface ColumnOfValues {
  readonly values: readonly unknown[];
}

/** A column as its distinct values, and each record's position among them (indexWidth digits each). */
interface ColumnOfChoices {
  readonly distinct: readonly PlainValue[];
  readonly index: string;
}

type Column = ColumnOfValues | ColumnOfChoices;

interface Packed {
  readonly [MARKER]: readonly string[];
  readonly count: number;
  readonly columns: readonly Column[];
}

/** A packed value that does not hold together: a bug or a mangled message, never a plan to save. */
export class PackedRecordsError extends Error {}

/** What a shell answers to a request whose packed argument does not hold together: nothing was done. */
export function damagedRequestMessage(channel: string, error: PackedRecordsError): string {
  return `${channel}: the request arrived damaged, so it was not carried out; try again (${error.message})`;
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_CODES = Uint8Array.from(DIGITS, (digit) => digit.charCodeAt(0));
/** A digit's value by its character code; -1 for a character that is not a digit. */
const DIGIT_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUES[DIGITS.charCodeAt(i)] = i;

/** Three digits number 262,144 distinct values; a column with more is sent as its values. */
const MAX_DISTINCT = 64 ** 3;
/** Records read before a column whose values are mostly different is sent as its values. */
const SAMPLE_RECORDS = 1024;

/** Digits per index: the fewest that number `distinct` values. */
function indexWidth(distinct: number): number {
  return distinct <= 64 ? 1 : distinct <= 64 ** 2 ? 2 : 3;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object JSON writes as its own keys: not a Date (which JSON writes as text) or another class's. */
function isRecord(value: unknown): value is Plain {
  if (!isPlain(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isPlainValue(value: unknown): value is PlainValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The records' values, column by column (one list per key of the first record), when every record has
 * the same keys in the same order and no value undefined (JSON would leave such a key out); null when
 * they differ. Read record by record (a for-in reads each record's values fastest). "__proto__" as a key
 * would set the prototype when rebuilt: such records are sent as they are.
 */
function recordColumns(list: readonly unknown[]): { keys: string[]; columns: unknown[][] } | null {
  const first = list[0];
  if (!isRecord(first)) return null;
  const keys = Object.keys(first);
  if (keys.length === 0 || keys.includes('__proto__')) return null;
  const columns = keys.map(() => new Array<unknown>(list.length));
  for (let r = 0; r < list.length; r++) {
    const record = list[r];
    if (!isRecord(record)) return null;
    let c = 0;
    for (const key in record) {
      const value = record[key];
      if (key !== keys[c] || value === undefined) return null;
      (columns[c] as unknown[])[r] = value;
      c += 1;
    }
    if (c !== keys.length) return null;
  }
  return { keys, columns };
}

/** A column as its values: the list itself when it holds no object or array to pack. */
function columnOfValues(values: unknown[], pack: (v: unknown) => unknown): ColumnOfValues {
  for (let r = 0; r < values.length; r++) {
    const value = values[r];
    if (typeof value === 'object' && value !== null) values[r] = pack(value);
  }
  return { values };
}

/**
 * A column's values as distinct values and an index, while that is the shorter form: a column holding
 * anything but plain values, or mostly different ones (ids, names), is sent as its values.
 */
function packColumn(values: unknown[], pack: (v: unknown) => unknown): Column {
  const count = values.length;
  const positions = new Map<unknown, number>();
  const distinct: PlainValue[] = [];
  const index = new Uint32Array(count);
  let previous: unknown = undefined;
  let previousAt = -1;
  for (let r = 0; r < count; r++) {
    const value = values[r];
    // Runs of the same value (a team's rows) skip the lookup.
    if (value === previous && previousAt >= 0) {
      index[r] = previousAt;
      continue;
    }
    if (!isPlainValue(value)) return columnOfValues(values, pack);
    let at = positions.get(value);
    if (at === undefined) {
      at = distinct.length;
      const seen = at + 1;
      if (seen > MAX_DISTINCT || seen * 2 > (r >= SAMPLE_RECORDS ? r : count)) return columnOfValues(values, pack);
      positions.set(value, at);
      distinct.push(value);
    }
    index[r] = at;
    previous = value;
    previousAt = at;
  }
  return { distinct, index: indexText(index, indexWidth(distinct.length)) };
}

/** Each position as `width` base-64 digits, most significant first. */
function indexText(index: Uint32Array, width: number): string {
  const codes = new Uint8Array(index.length * width);
  for (let r = 0, at = 0; r < index.length; r++, at += width) {
    let position = index[r] as number;
    for (let d = width - 1; d >= 0; d--) {
      codes[at + d] = DIGIT_CODES[position & 63] as number;
      position >>>= 6;
    }
  }
  // The digits are ASCII, which UTF-8 decodes as it is: the native decoder is the fastest way to text.
  return ASCII.decode(codes);
}

const ASCII = new TextDecoder();

class MarkerFound extends Error {}

function packArray(list: readonly unknown[], pack: (v: unknown) => unknown): unknown {
  const shared = list.length >= MIN_RECORDS ? recordColumns(list) : null;
  if (shared === null) return list.map(pack);
  const columns = shared.columns.map((values) => packColumn(values, pack));
  return { [MARKER]: shared.keys, count: list.length, columns } satisfies Packed;
}

/** `value` with every long array of like records packed (see the module comment). */
export function packRecords(value: unknown): unknown {
  const pack = (v: unknown): unknown => {
    if (Array.isArray(v)) return packArray(v, pack);
    if (!isPlain(v)) return v;
    if (Object.hasOwn(v, MARKER)) throw new MarkerFound();
    // A Date or another class's object: JSON writes it its own way (a date as text).
    if (!isRecord(v)) return v;
    const out: Plain = {};
    for (const key in v) if (Object.hasOwn(v, key)) out[key] = pack(v[key]);
    return out;
  };
  try {
    return { packed: true, value: pack(value) };
  } catch (error) {
    if (error instanceof MarkerFound) return { packed: false, value };
    throw error;
  }
}

/** A packed array that does not hold together; `place` is filled in on the way out ("document.rows"). */
class Refused extends Error {
  readonly place: (string | number)[] = [];
}

function placeText(place: readonly (string | number)[]): string {
  const text = place.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  return text === '' ? 'the top' : text.slice(text.startsWith('.') ? 1 : 0);
}

/** Unpacks the item at `key` of a list or object, naming that place in a refusal below it. */
function unpackAt(item: object, key: string | number, unpack: (v: unknown) => unknown): unknown {
  try {
    return unpack(item);
  } catch (error) {
    if (error instanceof Refused) error.place.unshift(key);
    throw error;
  }
}

/** The keys of a packed array: distinct text, at least one, never "__proto__". */
function packedKeys(packed: Plain): string[] {
  const keys = packed[MARKER];
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string'))
    throw new Refused('its keys are not a list of names');
  const names: string[] = keys;
  if (new Set(names).size !== names.length || names.includes('__proto__'))
    throw new Refused('its keys repeat a name, or name the prototype');
  return names;
}

/**
 * A column read back: record r's value is `list[positions[r]]`, or `list[r]` when positions is null (a
 * column of values). Positions are kept in a typed array rather than as a list of the values: 2.7 million
 * fewer entries for the collector to copy on a 100k-row plan.
 */
interface ColumnRead {
  readonly list: readonly unknown[];
  readonly positions: Uint32Array | null;
}

/** A choices column's distinct values, and each of its `count` records' position among them. */
function readChoices(column: ColumnOfChoices, count: number): ColumnRead {
  const { distinct, index } = column;
  if (!Array.isArray(distinct) || !distinct.every(isPlainValue))
    throw new Refused('its distinct values are not a list of text, numbers, true, false or null');
  const width = indexWidth(distinct.length);
  if (typeof index !== 'string' || index.length !== count * width)
    throw new Refused(`its index is not ${width} digit(s) for each of its ${count} records`);
  const positions = new Uint32Array(count);
  for (let r = 0, at = 0; r < count; r++) {
    let position = 0;
    for (const end = at + width; at < end; at++) {
      const code = index.charCodeAt(at);
      const digit = code < 128 ? (DIGIT_VALUES[code] as number) : -1;
      if (digit < 0) throw new Refused(`its index has a character that is not a digit (at ${at})`);
      position = position * 64 + digit;
    }
    if (position >= distinct.length)
      throw new Refused(`record ${r} names distinct value ${position}, of ${distinct.length}`);
    positions[r] = position;
  }
  return { list: distinct, positions };
}

/** A column of `count` records read back, objects in it unpacked. */
function readColumn(column: unknown, count: number, unpack: (v: unknown) => unknown): ColumnRead {
  if (!isPlain(column)) throw new Refused('it is not an object');
  if (Object.hasOwn(column, 'index')) return readChoices(column as unknown as ColumnOfChoices, count);
  const values = column.values;
  if (!Array.isArray(values) || values.length !== count)
    throw new Refused(`it does not hold a value for each of its ${count} records`);
  const list = values as unknown[];
  for (let r = 0; r < count; r++) {
    const item = list[r];
    if (typeof item === 'object' && item !== null) list[r] = unpackAt(item, r, unpack);
  }
  return { list, positions: null };
}

/** The records a packed array stands for, each with the keys in their order. */
function unpackArray(packed: Plain, unpack: (v: unknown) => unknown): Plain[] {
  const keys = packedKeys(packed);
  const { count, columns } = packed;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    throw new Refused('its count is not a whole number');
  if (!Array.isArray(columns) || columns.length !== keys.length)
    throw new Refused(`it does not hold a column for each of its ${keys.length} keys`);
  const read = (columns as unknown[]).map((column, c) => {
    try {
      return readColumn(column, count, unpack);
    } catch (error) {
      if (error instanceof Refused) error.message = `column ${JSON.stringify(keys[c])}: ${error.message}`;
      throw error;
    }
  });
  // Each record a copy of one with every key in place: all share one shape, made without a step per key.
  const template: Plain = {};
  for (const key of keys) template[key] = null;
  const records = new Array<Plain>(count);
  for (let r = 0; r < count; r++) {
    const record: Plain = { ...template };
    for (let c = 0; c < keys.length; c++) {
      const { list, positions } = read[c] as ColumnRead;
      record[keys[c] as string] = list[positions === null ? r : (positions[r] as number)];
    }
    records[r] = record;
  }
  return records;
}

/** unpackRecords' walk: arrays and objects unpacked in place, packed arrays rebuilt. */
function unpackValue(v: unknown): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (typeof item === 'object' && item !== null) v[i] = unpackAt(item, i, unpackValue);
    }
    return v;
  }
  if (!isPlain(v)) return v;
  if (Object.hasOwn(v, MARKER)) return unpackArray(v, unpackValue);
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    const before = v[key];
    if (typeof before !== 'object' || before === null) continue;
    const after = unpackAt(before, key, unpackValue);
    // Defined, not assigned: JSON may hold an own "__proto__" key, which assignment would treat as the prototype.
    if (after !== before)
      Object.defineProperty(v, key, { value: after, writable: true, enumerable: true, configurable: true });
  }
  return v;
}

/**
 * The value `packRecords` was given, from what it returned (after a JSON round trip). Throws
 * PackedRecordsError, saying where and what, when a packed array in it does not hold together.
 */
export function unpackRecords(sent: unknown): unknown {
  if (!isPlain(sent) || sent.packed !== true) return isPlain(sent) ? sent.value : sent;
  try {
    return unpackValue(sent.value);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    throw new PackedRecordsError(
      `the packed records at ${placeText(error.place)} do not hold together: ${error.message}`,
    );
  }
}
