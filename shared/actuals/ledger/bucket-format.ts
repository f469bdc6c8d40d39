import type { RecordDimensions } from '../actual-record';
import { type Exact, parseExact, toDecimalString } from '../../money/exact';

/**
 * How a batch's buckets are written in the plan file: compact text rows, one string per bucket, so a
 * year of daily actuals stays a few megabytes and the pretty-printed plan file stays one line per bucket.
 *
 * - A batch's `dimensions` is a dictionary: one string per distinct dimension tuple, the fields of
 *   DIMENSION_FIELDS joined by `|`. Inside a field `\` and `|` are escaped with `\`; `tags` is the tag
 *   list joined by `,` (a `,` inside a tag escaped too). Entries are sorted (plain string order), so equal
 *   batches encode equally.
 * - A bucket is `day|dimension index|amount|rows|images|requests|failed|<8 token counts>|quantity`:
 *   the amount is an exact decimal (empty = none; "0" is a $0 fact), counts are whole numbers (empty = 0),
 *   the quantity is an exact decimal, a space and its unit URI-encoded ("30 tokens"; empty = none), and
 *   empty fields at the end are left out. Buckets are sorted by day, then dimension.
 *
 * Example (a LiteLLM day of one campaign): dictionary entry
 * `proj_pc8|||spring-catalog|campaign:spring-catalog,team:growth|openai|gpt-image-2||image||1024x1024||image.generation|`
 * and bucket `2026-10-19|0|3.5872310000000002839|36|34|36|2|1656||||||63216`: $3.587..., 36 records, 34
 * images, 36 requests of which 2 failed, 1,656 text input and 63,216 image output tokens.
 */

/** The dimensions a bucket is keyed by (with its day): every dimension of a record. */
export type BucketDimensions = RecordDimensions;

export const DIMENSION_FIELDS = [
  'project',
  'apiKey',
  'user',
  'campaign',
  'tags',
  'vendor',
  'model',
  'lineItem',
  'modality',
  'direction',
  'size',
  'quality',
  'imageSource',
  'surface',
] as const satisfies readonly (keyof BucketDimensions)[];

/** Count columns of a bucket, in file order (after day, dimension and amount). */
export const COUNT_FIELDS = [
  'rows',
  'images',
  'requests',
  'failedRequests',
  'textIn',
  'textCachedIn',
  'imageIn',
  'imageCachedIn',
  'audioIn',
  'textOut',
  'imageOut',
  'audioOut',
] as const;

/** A provider quantity that is neither tokens nor images ("characters"), with its unit. */
export interface Quantity {
  readonly value: Exact;
  readonly unit: string;
}

/** What a bucket holds. `counts` follows COUNT_FIELDS. */
export interface BucketFigures {
  /** Exact USD in the batch's measure; null when no record had an amount (usage). */
  readonly amount: Exact | null;
  /** Null when no record had one, or when records of the bucket gave different units (never summed). */
  readonly quantity: Quantity | null;
  readonly counts: readonly number[];
}

export interface DecodedBucket extends BucketFigures {
  readonly day: string;
  /** Index into the batch's dimension dictionary. */
  readonly dim: number;
}

/** `\` and `|` are escaped in every field; `,` only in tags, where it separates them. */
function escapeField(s: string): string {
  return /[\\|]/.test(s) ? s.replace(/[\\|]/g, (c) => '\\' + c) : s;
}

function escapeTag(s: string): string {
  return /[\\|,]/.test(s) ? s.replace(/[\\|,]/g, (c) => '\\' + c) : s;
}

/** Tags as a bucket keeps them: sorted, without duplicates or empty tags (an empty tag says nothing). */
export function canonicalTags(tags: readonly string[]): readonly string[] {
  let sorted = true;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i] ?? '';
    if (t === '' || (i > 0 && !((tags[i - 1] ?? '') < t))) {
      sorted = false;
      break;
    }
  }
  if (sorted) return tags;
  return [...new Set(tags.filter((t) => t !== ''))].sort();
}

/** The dictionary entry of a dimension tuple (tags must be canonical). */
export function encodeDimensions(d: BucketDimensions): string {
  const parts: string[] = [];
  for (const f of DIMENSION_FIELDS) {
    parts.push(f === 'tags' ? d.tags.map(escapeTag).join(',') : escapeField(d[f]));
  }
  return parts.join('|');
}

const TAGS_FIELD = DIMENSION_FIELDS.indexOf('tags');

/** Reads a dictionary entry back, or a reason it cannot be read. */
export function decodeDimensions(entry: string): BucketDimensions | string {
  const fields: string[][] = [[]];
  let current = '';
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i] ?? '';
    if (c === '\\') {
      if (i + 1 >= entry.length) return 'ends with a lone "\\"';
      current += entry[i + 1];
      i += 1;
    } else if (c === ',' && fields.length - 1 === TAGS_FIELD) {
      (fields[fields.length - 1] ?? []).push(current);
      current = '';
    } else if (c === '|') {
      (fields[fields.length - 1] ?? []).push(current);
      fields.push([]);
      current = '';
    } else {
      current += c;
    }
  }
  (fields[fields.length - 1] ?? []).push(current);
  if (fields.length !== DIMENSION_FIELDS.length)
    return `has ${fields.length} fields separated by "|", expected ${DIMENSION_FIELDS.length} (${DIMENSION_FIELDS.join(', ')})`;
  const text = (f: (typeof DIMENSION_FIELDS)[number]): string => (fields[DIMENSION_FIELDS.indexOf(f)] ?? [''])[0] ?? '';
  const tagParts = fields[TAGS_FIELD] ?? [''];
  const tags = tagParts.length === 1 && tagParts[0] === '' ? [] : tagParts;
  if (canonicalTags(tags) !== tags) return 'tags must be sorted, without duplicates or empty tags';
  return {
    project: text('project'),
    apiKey: text('apiKey'),
    user: text('user'),
    campaign: text('campaign'),
    tags,
    vendor: text('vendor'),
    model: text('model'),
    lineItem: text('lineItem'),
    modality: text('modality'),
    direction: text('direction'),
    size: text('size'),
    quality: text('quality'),
    imageSource: text('imageSource'),
    surface: text('surface'),
  };
}

function exactText(e: Exact | null): string {
  return e === null ? '' : toDecimalString(e);
}

/** The figures after `day|dim|`, trailing empty fields left out. */
function encodeFigures(f: BucketFigures): string {
  const parts: string[] = [exactText(f.amount)];
  for (const c of f.counts) parts.push(c === 0 ? '' : String(c));
  parts.push(f.quantity === null ? '' : `${toDecimalString(f.quantity.value)} ${encodeURIComponent(f.quantity.unit)}`);
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') end -= 1;
  return parts.slice(0, end).join('|');
}

export function encodeBucket(b: DecodedBucket): string {
  const figures = encodeFigures(b);
  return figures === '' ? `${b.day}|${b.dim}` : `${b.day}|${b.dim}|${figures}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COUNT = /^-?\d{1,16}$/;
/** A signed exact decimal as written in the file: no exponent, no trailing zeros needed. */
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;

function decodeExact(text: string): Exact | null | string {
  if (text === '') return null;
  if (!SIGNED_DECIMAL.test(text)) return `"${text}" is not a decimal`;
  return parseExact(text) ?? `"${text}" is not a decimal`;
}

function decodeQuantity(text: string): Quantity | null | string {
  if (text === '') return null;
  const space = text.indexOf(' ');
  const value = decodeExact(space < 0 ? text : text.slice(0, space));
  if (value === null || typeof value === 'string') return value ?? `"${text}" has no value`;
  try {
    return { value, unit: space < 0 ? '' : decodeURIComponent(text.slice(space + 1)) };
  } catch {
    return `unit "${text.slice(space + 1)}" is not URI-encoded text`;
  }
}

/** Reads the figures of a row whose first `skip` fields are something else (day, dim; or hash, day, dim). */
function decodeFigures(fields: readonly string[], skip: number): BucketFigures | string {
  if (fields.length > skip + 2 + COUNT_FIELDS.length)
    return `has ${fields.length} fields, at most ${skip + 2 + COUNT_FIELDS.length}`;
  const amount = decodeExact(fields[skip] ?? '');
  if (typeof amount === 'string') return `amount ${amount}`;
  const counts: number[] = [];
  for (let i = 0; i < COUNT_FIELDS.length; i++) {
    const text = fields[skip + 1 + i] ?? '';
    if (text === '') counts.push(0);
    else if (!COUNT.test(text) || !Number.isSafeInteger(Number(text)))
      return `${COUNT_FIELDS[i]} "${text}" is not a whole number`;
    else counts.push(Number(text));
  }
  const quantity = decodeQuantity(fields[skip + 1 + COUNT_FIELDS.length] ?? '');
  if (typeof quantity === 'string') return `quantity ${quantity}`;
  return { amount, quantity, counts };
}

/** Days already checked (a ledger repeats a few hundred days over thousands of rows). */
const checkedDays = new Set<string>();

/** The day when `text` is a real calendar day written YYYY-MM-DD, else null. */
export function checkDay(text: string | undefined): string | null {
  if (text === undefined) return null;
  if (checkedDays.has(text)) return text;
  if (!DAY.test(text)) return null;
  const date = new Date(text + 'T00:00:00Z');
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(text)) return null;
  if (checkedDays.size < 100_000) checkedDays.add(text);
  return text;
}

function decodeIndex(text: string | undefined, dimensions: number): number | null {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return n < dimensions ? n : null;
}

/** Reads a bucket row, or a reason it cannot be read. */
export function decodeBucket(row: string, dimensions: number): DecodedBucket | string {
  const fields = row.split('|');
  const day = checkDay(fields[0]);
  if (day === null) return `"${fields[0] ?? ''}" is not a day as YYYY-MM-DD`;
  const dim = decodeIndex(fields[1], dimensions);
  if (dim === null) return `dimension "${fields[1] ?? ''}" is not an index into the ${dimensions} dimensions`;
  const figures = decodeFigures(fields, 2);
  if (typeof figures === 'string') return figures;
  return { day, dim, ...figures };
}

/** A request an earlier batch already held: its id hash, then the bucket it would go to and its figures. */
export interface HeldBackRequest extends DecodedBucket {
  /** The 16 base64 characters of the id hash. */
  readonly id: string;
}

export function encodeHeldBack(h: HeldBackRequest): string {
  return `${h.id}|${encodeBucket(h)}`;
}

export function decodeHeldBack(row: string, dimensions: number): HeldBackRequest | string {
  const bar = row.indexOf('|');
  if (bar !== 16) return 'does not start with a 16-character request id hash';
  const bucket = decodeBucket(row.slice(17), dimensions);
  if (typeof bucket === 'string') return bucket;
  return { id: row.slice(0, 16), ...bucket };
}
