/**
 * A leaner JSON form for the browser host's bridge: a long array of records that share their keys (a
 * plan's rows) is sent as the keys once and one array of values per record. A 100k-row plan is then
 * about a third of the text, so the host writes and the page parses a third as much. `unpackRecords`
 * gives back an equal value (same keys, in the same order). A value already holding the marker key is
 * sent as it is, so nothing can be mistaken for a packed array.
 */

/** The request header by which the page's bridge asks for packed bodies both ways. */
export const PACKED_HEADER = 'x-pixel-ledger-packed';

const MARKER = '$records';
/** Shorter arrays are not worth it. */
const MIN_RECORDS = 16;

interface Packed {
  readonly [MARKER]: readonly string[];
  readonly values: readonly unknown[][];
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record's values in `keys`' order, or null when its keys are not exactly those (or one is undefined). */
function valuesInOrder(record: unknown, keys: readonly string[], pack: (v: unknown) => unknown): unknown[] | null {
  if (!isPlain(record)) return null;
  const values: unknown[] = [];
  let i = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    // "__proto__" as a record key would set the prototype when rebuilt: such records are sent as they are.
    if (key !== keys[i] || value === undefined || key === '__proto__') return null;
    values.push(typeof value === 'object' && value !== null ? pack(value) : value);
    i += 1;
  }
  return i === keys.length ? values : null;
}

class MarkerFound extends Error {}

function packArray(list: readonly unknown[], pack: (v: unknown) => unknown): unknown {
  const first = list[0];
  if (list.length >= MIN_RECORDS && isPlain(first)) {
    const keys = Object.keys(first);
    const values: unknown[][] = [];
    for (const record of list) {
      const row = valuesInOrder(record, keys, pack);
      if (row === null) break;
      values.push(row);
    }
    if (values.length === list.length) return { [MARKER]: keys, values } satisfies Packed;
  }
  return list.map(pack);
}

/** `value` with every long array of like records packed (see the module comment). */
export function packRecords(value: unknown): unknown {
  const pack = (v: unknown): unknown => {
    if (Array.isArray(v)) return packArray(v, pack);
    if (!isPlain(v)) return v;
    if (Object.hasOwn(v, MARKER)) throw new MarkerFound();
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

function isPacked(value: Plain): value is Plain & Packed {
  return Array.isArray(value[MARKER]) && Array.isArray(value.values);
}

/** The value `packRecords` was given, from what it returned (after a JSON round trip). */
export function unpackRecords(sent: unknown): unknown {
  if (!isPlain(sent) || sent.packed !== true) return isPlain(sent) ? sent.value : sent;
  const unpack = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = unpack(v[i]);
      return v;
    }
    if (!isPlain(v)) return v;
    if (isPacked(v)) {
      const keys = v[MARKER];
      return v.values.map((values) => {
        const record: Plain = {};
        for (let i = 0; i < keys.length; i++) {
          const item = values[i];
          record[keys[i] as string] = typeof item === 'object' && item !== null ? unpack(item) : item;
        }
        return record;
      });
    }
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      const before = v[key];
      const after = unpack(before);
      // Defined, not assigned: JSON may hold an own "__proto__" key, which assignment would treat as the prototype.
      if (after !== before)
        Object.defineProperty(v, key, { value: after, writable: true, enumerable: true, configurable: true });
    }
    return v;
  };
  return unpack(sent.value);
}
