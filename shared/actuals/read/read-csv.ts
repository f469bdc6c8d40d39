import type { ActualSource } from '../actual-record';
import type { CsvRecordView, CsvSink } from './csv-tokenizer';
import { CsvFields } from './field-access';
import { ProfileMapper, profileFieldSpecs } from './map-profile';
import { checkColumns, type MappingProfile, missingFields, suggestMapping } from './mapping-profile';
import { quoteForMessage } from './message-text';
import type { ReadContext } from './read-context';
import type { ReadOutput } from './read-output';
import type { ReadStop } from './read-types';
import { detectCsvSource, missingColumns, type RowMapper, SOURCES } from './sources';

/**
 * The CSV half of a read: the first record is the header, which says the source (unless the user did) and
 * which columns the mapper reads; every later record is a data row, checked for its column count and mapped.
 */
export class CsvRead implements CsvSink {
  header: string[] | null = null;
  source: ActualSource | null = null;
  stop: ReadStop | null = null;
  private mapper: RowMapper | null = null;
  private fields: CsvFields | null = null;

  constructor(
    private readonly ctx: ReadContext,
    private readonly out: ReadOutput,
    private readonly givenSource: ActualSource | null,
    private readonly profile: MappingProfile | null,
  ) {}

  record(view: CsvRecordView): void {
    if (this.stop !== null) return;
    if (this.header === null) {
      this.start(view.fields().map((h) => h.trim()));
      return;
    }
    const mapper = this.mapper;
    const fields = this.fields;
    if (mapper === null || fields === null) return;
    this.out.rowsRead++;
    if (view.count !== this.header.length) {
      this.out.reject(view.line, null, `the row has ${view.count} columns; the header has ${this.header.length}`);
      return;
    }
    mapper.map(fields.bind(view), this.out);
  }

  reject(line: number, reason: string): void {
    if (this.stop !== null) return;
    if (this.header === null) {
      this.stop = { kind: 'refused', error: `line ${line}, the header: ${reason}` };
      return;
    }
    this.out.rowsRead++;
    this.out.reject(line, null, reason);
  }

  private start(header: string[]): void {
    this.header = header;
    const source = this.givenSource ?? (this.profile !== null ? 'csv' : detectCsvSource(header));
    this.source = source;
    if (source === 'csv') {
      this.startProfile(header);
      return;
    }
    const definition = SOURCES[source];
    const fields = new CsvFields(header, definition.fields);
    const missing = missingColumns(definition, (f) => fields.has(f));
    if (missing.length > 0) {
      this.stop = {
        kind: 'refused',
        error:
          `the file is not a complete ${source} export: it has no ${missing.join(', ')} column; ` +
          `its columns are ${listColumns(header)}`,
      };
      return;
    }
    this.fields = fields;
    this.mapper = definition.create(this.ctx, true);
  }

  private startProfile(header: string[]): void {
    const profile = this.profile;
    const suggested = suggestMapping(header);
    if (profile === null) {
      this.stop = {
        kind: 'choice',
        choice: {
          kind: 'mapping',
          columns: header,
          missing: missingFields({}, 'billed'),
          suggested,
          message: `the file is not a known export: choose which columns hold the date, the amount and the rest (its columns are ${listColumns(header)})`,
        },
      };
      return;
    }
    const checked = checkColumns(profile, header);
    if (!checked.ok) {
      this.stop = {
        kind: 'choice',
        choice: { kind: 'mapping', columns: header, missing: [], suggested, message: checked.error },
      };
      return;
    }
    this.fields = new CsvFields(header, profileFieldSpecs(profile));
    this.mapper = new ProfileMapper(this.ctx, profile);
  }
}

function listColumns(header: readonly string[]): string {
  const shown = header.slice(0, 40).map((h) => quoteForMessage(h, 40));
  return shown.join(', ') + (header.length > 40 ? ` and ${header.length - 40} more` : '');
}
