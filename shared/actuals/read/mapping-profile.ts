import * as z from 'zod';
import { MEASURES } from '../actual-record';
import { describeZodError } from '../../plan/plan-document';
import { fail, ok, type Result } from '../../result';
import { DECIMAL_SEPARATORS, DELIMITERS } from './csv-dialect';
import { DATE_ORDERS } from './day-text';
import { normaliseHeader } from './field-access';
import { quoteForMessage } from './message-text';

/**
 * How "any other CSV" maps to records: which column holds each field, which measure its amounts are (billed
 * by default: a finance ledger of invoices), and the dialect when it is not to be sniffed. Saved as a named
 * profile with the user's preferences, exported as a JSON file a colleague can load, and offered again when a
 * file with the same header arrives (matched by its header signature).
 */

export const MAPPING_FIELDS = [
  'date',
  'amount',
  'currency',
  'quantity',
  'unit',
  'images',
  'requests',
  'model',
  'project',
  'api-key',
  'tag',
  'campaign',
  'user',
  'vendor',
  'request-id',
  'line-item',
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

export const PROFILE_FORMAT = 'pixel-ledger/actuals-mapping';

export const MappingProfileSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT).default(PROFILE_FORMAT),
    version: z.literal(1).default(1),
    name: z.string().trim().min(1, 'a profile needs a name').max(100),
    /** headerSignature() of the file the profile was made for. */
    headerSignature: z.string().max(100_000).default(''),
    columns: z.partialRecord(z.enum(MAPPING_FIELDS), z.string().min(1).max(1_000)),
    measure: z.enum(MEASURES).default('billed'),
    dateOrder: z.enum(DATE_ORDERS).nullable().default(null),
    decimalSeparator: z.enum(DECIMAL_SEPARATORS).nullable().default(null),
    delimiter: z.enum(DELIMITERS).nullable().default(null),
    /** The currency of the amounts when no column says it. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a currency code such as USD')
      .default('USD'),
    /** Who billed or metered it when no column says it. */
    vendor: z.string().max(200).default(''),
  })
  .strict();

export type MappingProfile = z.infer<typeof MappingProfileSchema>;

/** Identifies a header regardless of column order, case and spacing. */
export function headerSignature(header: readonly string[]): string {
  return JSON.stringify(header.map(normaliseHeader).sort());
}

export function profileMatches(profile: MappingProfile, header: readonly string[]): boolean {
  return profile.headerSignature !== '' && profile.headerSignature === headerSignature(header);
}

/** Reads a profile from its JSON file text (or an already parsed value). */
export function parseMappingProfile(input: unknown): Result<MappingProfile> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return fail('the mapping profile is not valid JSON');
    }
  }
  const parsed = MappingProfileSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return fail(`the mapping profile is not valid: ${describeZodError(parsed.error)}`);
  const rules = checkFieldRules(parsed.data);
  return rules === null ? ok(parsed.data) : fail(rules);
}

export function serializeMappingProfile(profile: MappingProfile): string {
  return JSON.stringify(profile, null, 2) + '\n';
}

/** What the fields of a profile must say together (independent of any file). */
function checkFieldRules(profile: MappingProfile): string | null {
  const c = profile.columns;
  if (c.date === undefined) return 'the mapping needs a date column (date=COLUMN)';
  if (profile.measure === 'usage') {
    if (c.amount !== undefined) return 'a usage mapping has counts, not amounts: map quantity, images or requests';
    if (c.quantity === undefined && c.images === undefined && c.requests === undefined) {
      return 'a usage mapping needs a quantity (with its unit), images or requests column';
    }
  } else if (c.amount === undefined) {
    return `the mapping needs an amount column (amount=COLUMN) for ${profile.measure} amounts`;
  }
  if (c.quantity !== undefined && c.unit === undefined) return 'a quantity needs its unit column (unit=COLUMN)';
  return null;
}

/** "amount=Kosten (USD)" → ['amount', 'Kosten (USD)'] (the column name may hold spaces, brackets and `=`). */
export function parseMapArgument(text: string): Result<[MappingField, string]> {
  const eq = text.indexOf('=');
  const field = eq === -1 ? '' : text.slice(0, eq).trim().toLowerCase();
  const column = eq === -1 ? '' : text.slice(eq + 1).trim();
  if (!(MAPPING_FIELDS as readonly string[]).includes(field) || column === '') {
    return fail(
      `--map takes FIELD=COLUMN with FIELD one of ${MAPPING_FIELDS.join(', ')}; got ${quoteForMessage(text)}`,
    );
  }
  return ok([field as MappingField, column]);
}

export interface ProfileDraft {
  readonly name: string;
  readonly header: readonly string[];
  readonly columns: Partial<Record<MappingField, string>>;
  readonly measure?: MappingProfile['measure'];
  readonly dateOrder?: MappingProfile['dateOrder'];
  readonly decimalSeparator?: MappingProfile['decimalSeparator'];
  readonly delimiter?: MappingProfile['delimiter'];
  readonly currency?: string;
  readonly vendor?: string;
}

/** A profile from the user's choices for a file (the mapping step, `--map`), checked against its header. */
export function createMappingProfile(draft: ProfileDraft): Result<MappingProfile> {
  const parsed = parseMappingProfile({
    name: draft.name,
    headerSignature: headerSignature(draft.header),
    columns: draft.columns,
    measure: draft.measure ?? 'billed',
    dateOrder: draft.dateOrder ?? null,
    decimalSeparator: draft.decimalSeparator ?? null,
    delimiter: draft.delimiter ?? null,
    currency: draft.currency ?? 'USD',
    vendor: draft.vendor ?? '',
  });
  if (!parsed.ok) return parsed;
  const columns = checkColumns(parsed.value, draft.header);
  return columns.ok ? parsed : columns;
}

/** Each mapped column's index in the header, or an error naming the missing ones and listing the file's columns. */
export function checkColumns(
  profile: MappingProfile,
  header: readonly string[],
): Result<ReadonlyMap<MappingField, number>> {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    if (!byName.has(normaliseHeader(h))) byName.set(normaliseHeader(h), i);
  });
  const out = new Map<MappingField, number>();
  const missing: string[] = [];
  for (const field of MAPPING_FIELDS) {
    const column = profile.columns[field];
    if (column === undefined) continue;
    const index = byName.get(normaliseHeader(column));
    if (index === undefined) missing.push(`${field}=${quoteForMessage(column)}`);
    else out.set(field, index);
  }
  if (missing.length === 0) return ok(out);
  return fail(
    `the file has no column for ${missing.join(', ')}; its columns are ${header.map((h) => quoteForMessage(h)).join(', ')}`,
  );
}

/** Required fields a profile does not map yet, for a file read without a (complete) profile. */
export function missingFields(columns: Partial<Record<MappingField, string>>, measure: string): MappingField[] {
  const missing: MappingField[] = [];
  if (columns.date === undefined) missing.push('date');
  if (measure !== 'usage' && columns.amount === undefined) missing.push('amount');
  return missing;
}

const HINTS: readonly (readonly [MappingField, RegExp])[] = [
  [
    'date',
    /^(date|day|datum|fecha|data|start[ _]?time|time|timestamp|created[ _]?at|usage[ _]?date|billing[ _]?date)$/,
  ],
  [
    'amount',
    /^(amount|cost|costs|kosten|betrag|spend|total|price|charge|amount[ _]?usd|cost[ _]?usd|costinbillingcurrency)/,
  ],
  ['currency', /^(currency|curr|währung|waehrung|devise|billing[ _]?currency)$/],
  ['quantity', /^(quantity|qty|menge|usage[ _]?quantity)$/],
  ['unit', /^(unit|units|unit[ _]?of[ _]?measure|einheit)$/],
  ['images', /^(images|image[ _]?count|bilder)$/],
  ['requests', /^(requests|request[ _]?count|num[ _]?model[ _]?requests|calls)$/],
  ['model', /^(model|model[ _]?name|meter[ _]?name)$/],
  ['project', /^(project|project[ _]?id|projekt)$/],
  ['api-key', /^(api[ _-]?key|api[ _]?key[ _]?id|key)$/],
  ['tag', /^(tag|tags|label|labels)$/],
  ['campaign', /^(campaign|kampagne)$/],
  ['user', /^(user|user[ _]?id|user[ _]?email|nutzer)$/],
  ['vendor', /^(vendor|provider|supplier|anbieter|lieferant)$/],
  ['request-id', /^(request[ _-]?id|id|generation[ _]?id)$/],
  ['line-item', /^(line[ _]?item|description|beschreibung)$/],
];

/** A first guess at the mapping from column names, for the mapping step to show (the user confirms it). */
export function suggestMapping(header: readonly string[]): Partial<Record<MappingField, string>> {
  const out: Partial<Record<MappingField, string>> = {};
  for (const [field, pattern] of HINTS) {
    const column = header.find((h) => pattern.test(normaliseHeader(h).replace(/\s*\(.*\)$/, '')));
    if (column !== undefined && !Object.values(out).includes(column)) out[field] = column;
  }
  return out;
}
