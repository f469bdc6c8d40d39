import type { DecimalSeparator } from './csv-dialect';
import type { CsvRecordView } from './csv-tokenizer';
import { isJsonObject, type JsonObject, jsonProperty, type JsonValue, jsonText } from './exact-json';
import { plainCount, readCount } from './number-text';

/**
 * One way for a mapper to read a row's fields, whether the row is a CSV record or a JSON object, so each
 * source is mapped by one function for its CSV and JSON forms. A field is named by alternatives: CSV
 * headers (matched trimmed and case-insensitively) or JSON paths (`amount.value`); the first present wins.
 */

export interface FieldSpec {
  readonly names: readonly string[];
}

export interface Fields {
  /** The line (CSV, JSON Lines) or item number (JSON) of the row. */
  readonly line: number;
  /** The field's text, trimmed; '' when absent, empty or null. */
  text(field: number): string;
  /** readCount of the field's text: a whole count of 0 or more ('' is 0), null when it is not one. */
  count(field: number, decimal: DecimalSeparator): number | null;
  /** The field as written: JSON for JSON rows, the cell text for CSV rows (JSON columns are parsed by the caller). */
  value(field: number): JsonValue | undefined;
  /** Whether the file has the field at all (a CSV column, a JSON key on this row). */
  has(field: number): boolean;
  /** The column or path to name in messages. */
  column(field: number): string;
}

export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase();
}

/** Column index of each spec in a header (-1 when absent). */
export function columnIndexes(header: readonly string[], specs: readonly FieldSpec[]): Int32Array {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!byName.has(key)) byName.set(key, i);
  });
  const out = new Int32Array(specs.length).fill(-1);
  specs.forEach((spec, f) => {
    for (const name of spec.names) {
      const i = byName.get(normaliseHeader(name));
      if (i !== undefined) {
        out[f] = i;
        break;
      }
    }
  });
  return out;
}

export class CsvFields implements Fields {
  private view: CsvRecordView | null = null;
  private readonly indexes: Int32Array;

  constructor(
    private readonly header: readonly string[],
    private readonly specs: readonly FieldSpec[],
    indexes?: Int32Array,
  ) {
    this.indexes = indexes ?? columnIndexes(header, specs);
  }

  bind(view: CsvRecordView): this {
    this.view = view;
    return this;
  }

  get line(): number {
    return this.view?.line ?? 0;
  }

  text(field: number): string {
    const i = this.indexes[field] ?? -1;
    const view = this.view;
    if (i < 0 || view === null || view.isEmpty(i)) return '';
    return view.field(i).trim();
  }

  count(field: number, decimal: DecimalSeparator): number | null {
    const i = this.indexes[field] ?? -1;
    const view = this.view;
    // A plain numeral is read in place, without slicing the field into a string first (a usage row has 13).
    if (i >= 0 && view !== null && i < view.count && view.escaped[i] === 0) {
      const plain = plainCount(view.text, view.starts[i] ?? 0, view.ends[i] ?? 0, decimal.charCodeAt(0));
      if (plain >= 0) return plain;
    }
    return readCount(this.text(field), decimal);
  }

  value(field: number): JsonValue | undefined {
    return this.text(field);
  }

  has(field: number): boolean {
    return (this.indexes[field] ?? -1) >= 0;
  }

  column(field: number): string {
    const i = this.indexes[field] ?? -1;
    return i >= 0 ? (this.header[i] ?? '') : (this.specs[field]?.names[0] ?? '');
  }
}

export class JsonFields implements Fields {
  private object: JsonObject | null = null;
  private lineValue = 0;
  private path = '';
  private readonly paths: (readonly string[])[][];

  constructor(private readonly specs: readonly FieldSpec[]) {
    this.paths = specs.map((s) => s.names.map((n) => n.split('.')));
  }

  /** `path` locates the row in the document (`data[2].results[0]`) for messages. */
  bind(object: JsonObject, line: number, path = ''): this {
    this.object = object;
    this.lineValue = line;
    this.path = path;
    return this;
  }

  get line(): number {
    return this.lineValue;
  }

  value(field: number): JsonValue | undefined {
    const object = this.object;
    if (object === null) return undefined;
    for (const path of this.paths[field] ?? []) {
      const v = walk(object, path);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  text(field: number): string {
    return jsonText(this.value(field)).trim();
  }

  count(field: number, decimal: DecimalSeparator): number | null {
    return readCount(this.text(field), decimal);
  }

  has(field: number): boolean {
    return this.value(field) !== undefined;
  }

  column(field: number): string {
    const name = this.specs[field]?.names[0] ?? '';
    return this.path === '' ? name : `${this.path}.${name}`;
  }
}

function walk(object: JsonObject, path: readonly string[]): JsonValue | undefined {
  let v: JsonValue | undefined = object;
  for (const key of path) {
    if (!isJsonObject(v)) return undefined;
    v = jsonProperty(v, key);
  }
  return v;
}
