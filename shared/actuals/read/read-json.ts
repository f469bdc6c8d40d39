import type { ActualSource } from '../actual-record';
import { isJsonObject, type JsonObject, type JsonValue, parseJsonExact } from './exact-json';
import { JsonFields } from './field-access';
import { type JsonItem, jsonItems, isPage, addPage, sourceOfObject } from './json-items';
import { ownLogHasCost } from './map-own-log';
import type { ReadContext } from './read-context';
import type { ReadOutput } from './read-output';
import type { ReadStop } from './read-types';
import { type RowMapper, SOURCES } from './sources';

/**
 * The JSON halves of a read. A JSON document (an API page, pages, a spend-log array) is kept whole, up to a
 * limit, and read at the end; JSON Lines (a team's own log, one API page per line) are read line by line as
 * the text arrives. Either way each row goes to its source's mapper through JsonFields.
 */

interface MapperChoice {
  readonly mapper: RowMapper;
  readonly fields: JsonFields;
  readonly metered: boolean;
}

/** The mapper for a source; for a team's own log, metered or usage by whether its first row has a cost. */
function mapperFor(source: ActualSource, first: JsonObject | null, ctx: ReadContext): MapperChoice | ReadStop {
  if (source === 'csv') return { kind: 'refused', error: 'a JSON file cannot be read with a CSV column mapping' };
  const definition = SOURCES[source];
  const fields = new JsonFields(definition.fields);
  const metered = source !== 'jsonl' || (first !== null && ownLogHasCost(fields.bind(first, 0)));
  return { mapper: definition.create(ctx, metered), fields, metered };
}

export class JsonRead {
  source: ActualSource | null = null;
  /** For a team's own log: whether its lines carry costs (metered) or not (usage). */
  metered = true;
  stop: ReadStop | null = null;
  private readonly parts: string[] = [];
  private length = 0;

  constructor(
    private readonly ctx: ReadContext,
    private readonly out: ReadOutput,
    private readonly givenSource: ActualSource | null,
    private readonly maxChars: number,
  ) {}

  push(text: string): void {
    if (this.stop !== null) return;
    this.length += text.length;
    if (this.length > this.maxChars) {
      this.stop = {
        kind: 'refused',
        error:
          `the JSON file is larger than ${Math.round(this.maxChars / 1_000_000)} MB, too large to read whole: ` +
          'export it as CSV or JSON Lines (one object per line)',
      };
      this.parts.length = 0;
      return;
    }
    this.parts.push(text);
  }

  end(): void {
    if (this.stop !== null) return;
    const parsed = parseJsonExact(this.parts.join(''));
    this.parts.length = 0;
    if (!parsed.ok) {
      this.stop = { kind: 'refused', error: parsed.error };
      return;
    }
    const shape = jsonItems(parsed.value, this.ctx.fileName);
    if (typeof shape === 'string') {
      this.stop = { kind: 'refused', error: shape };
      return;
    }
    const source = this.givenSource ?? shape.source;
    if (source === null) {
      this.stop = { kind: 'refused', error: UNKNOWN_SHAPE };
      return;
    }
    this.source = source;
    const firstRow = shape.items.find((i) => i.kind === 'row');
    const chosen = mapperFor(source, firstRow?.kind === 'row' ? firstRow.object : null, this.ctx);
    if ('kind' in chosen) {
      this.stop = chosen;
      return;
    }
    this.metered = chosen.metered;
    shape.items.forEach((item, i) => mapItem(item, i + 1, chosen, this.out));
  }
}

function mapItem(item: JsonItem, line: number, chosen: MapperChoice, out: ReadOutput): void {
  out.rowsRead++;
  if (item.kind === 'empty') out.empty();
  else chosen.mapper.map(chosen.fields.bind(item.object, line, item.path), out);
}

const UNKNOWN_SHAPE =
  'the JSON is not a known export (an OpenAI organization costs or usage page, LiteLLM spend logs or daily ' +
  'spend, or Images API responses with usage): choose the source';

/** JSON Lines, read as the text arrives; each line one row, or one API page whose buckets hold rows. */
export class JsonLinesRead {
  source: ActualSource | null = null;
  metered = true;
  stop: ReadStop | null = null;
  private chosen: MapperChoice | null = null;
  private held = '';
  private line = 1;
  /** Inside a line longer than the limit: skip to its end. */
  private skipping = false;

  constructor(
    private readonly ctx: ReadContext,
    private readonly out: ReadOutput,
    private readonly givenSource: ActualSource | null,
    private readonly maxLineChars: number,
  ) {}

  push(text: string): void {
    let start = 0;
    let at = text.indexOf('\n');
    while (at !== -1 && this.stop === null) {
      const piece = text.slice(start, at);
      if (this.skipping) this.skipping = false;
      else this.readLine(this.held === '' ? piece : this.held + piece);
      this.held = '';
      this.line++;
      start = at + 1;
      at = text.indexOf('\n', start);
    }
    if (this.skipping || this.stop !== null) return;
    this.held += text.slice(start);
    if (this.held.length > this.maxLineChars) {
      this.out.rowsRead++;
      this.out.reject(this.line, null, `the line is longer than the limit of ${this.maxLineChars} characters`);
      this.held = '';
      this.skipping = true;
    }
  }

  end(): void {
    if (this.stop === null && !this.skipping && this.held !== '') this.readLine(this.held);
    this.held = '';
  }

  private readLine(raw: string): void {
    const text = raw.trim();
    if (text === '') return;
    const parsed = parseJsonExact(text);
    if (!parsed.ok) {
      this.out.rowsRead++;
      this.out.reject(this.line, null, `the line is not JSON: ${parsed.error.replace(/ at line 1,/, ' at')}`);
      return;
    }
    const value = parsed.value;
    const chosen = this.chosen ?? this.choose(value);
    if (chosen === null) return;
    if (isPage(value)) {
      const items: JsonItem[] = [];
      addPage(value, '', items);
      for (const item of items) mapItem(item, this.line, chosen, this.out);
      return;
    }
    this.out.rowsRead++;
    if (!isJsonObject(value)) this.out.reject(this.line, null, 'the line is not a JSON object');
    else chosen.mapper.map(chosen.fields.bind(value, this.line), this.out);
  }

  /** The first line decides the source (unless given) and, for a team's own log, whether it is metered. */
  private choose(value: JsonValue): MapperChoice | null {
    let first: JsonObject | null = isJsonObject(value) ? value : null;
    if (isPage(value)) {
      const items: JsonItem[] = [];
      addPage(value, '', items);
      const row = items.find((i) => i.kind === 'row');
      first = row?.kind === 'row' ? row.object : null;
    }
    const source =
      this.givenSource ?? (first === null ? (isPage(value) ? 'openai-costs-api' : null) : sourceOfObject(first));
    if (source === null) {
      this.stop = { kind: 'refused', error: `line ${this.line}: ${UNKNOWN_SHAPE}` };
      return null;
    }
    const chosen = mapperFor(source, first, this.ctx);
    if ('kind' in chosen) {
      this.stop = chosen;
      return null;
    }
    this.source = source;
    this.metered = chosen.metered;
    this.chosen = chosen;
    return chosen;
  }
}
