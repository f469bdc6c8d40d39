import type { ActualSource, DedupeKind, Measure } from '../actual-record';
import type { DecimalSeparator, Delimiter } from './csv-dialect';
import type { DateOrderState } from './date-order';
import type { TextEncodingName } from './decode-bytes';
import type { MappingField } from './mapping-profile';

/** What a read found out about the file's text, for the "detected source and dialect" step. */
export interface Dialect {
  readonly encoding: TextEncodingName | null;
  readonly bom: boolean;
  readonly container: 'csv' | 'json' | 'jsonl' | null;
  /** CSV only. */
  readonly delimiter: Delimiter | null;
  readonly decimalSeparator: DecimalSeparator;
  readonly dateOrder: DateOrderState;
}

/** A question the UI or CLI must put to the user before the file can be read. */
export type Choice =
  | {
      readonly kind: 'date-order';
      /** The column holding the dates, when known. */
      readonly column: string | null;
      /** Dates that read either way ("03/04/2026"). */
      readonly examples: readonly string[];
      readonly message: string;
    }
  | {
      readonly kind: 'mapping';
      readonly columns: readonly string[];
      /** Required fields not mapped yet. */
      readonly missing: readonly MappingField[];
      /** A first guess from the column names, to confirm. */
      readonly suggested: Partial<Record<MappingField, string>>;
      readonly message: string;
    };

/** Why a read stopped before the end of the file. */
export type ReadStop =
  { readonly kind: 'refused'; readonly error: string } | { readonly kind: 'choice'; readonly choice: Choice };

export interface SourceInfo {
  readonly source: ActualSource | null;
  /** 'given' when the user chose the source (or a profile), 'detected' from the header or shape. */
  readonly how: 'given' | 'detected';
  readonly measure: Measure | null;
  readonly dedupe: DedupeKind | null;
}
