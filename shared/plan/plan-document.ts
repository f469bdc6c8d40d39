import type { z } from 'zod';
import { validateActualsLedger } from '../actuals/ledger/decoded-batch';
import { jsonDepthProblem, MAX_JSON_DEPTH, valueNestsDeeperThan } from '../json-depth';
import { fail, ok, type Result } from '../result';
import { groupInteger } from '../money/format';
import { safeMessage, showValue } from '../safe-text';
import { describePlanProblems } from './plan-checks';
import { CURRENT_SCHEMA_VERSION, PlanDocument, PlanRow, ROW_INPUT_FIELDS, type Scenario } from './plan-schema';
import { ROW_DETAILS, ROW_INPUTS } from './row-fields';
import { rememberValidatedPlan } from './validated-plans';

/** "rows[3].finals: expected a whole number" — the JSON path, then what was expected. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? showValue(String(p), 60) : `.${showValue(String(p), 60)}`;
  }
  return out === '' ? '(document)' : out;
}

/** Zod's own check that a whole number is within ±(2^53 - 1), which it words as the field's minimum. */
function isSafeRangeIssue(issue: z.core.$ZodIssue): boolean {
  return (
    (issue.code === 'too_small' || issue.code === 'too_big') &&
    issue.origin === 'int' &&
    Math.abs(Number(issue.code === 'too_small' ? issue.minimum : issue.maximum)) === Number.MAX_SAFE_INTEGER
  );
}

/**
 * The issues worth reading, each with a message that names the real cause: zod's safe-integer check
 * ("expected int to be >=-9007199254740991") is dropped where the field's own range check reports the
 * same value, and reworded where it is the only one.
 */
export function meaningfulIssues(issues: readonly z.core.$ZodIssue[]): { path: PropertyKey[]; message: string }[] {
  const ranged = new Set(
    issues
      .filter((i) => !isSafeRangeIssue(i) && (i.code === 'too_small' || i.code === 'too_big'))
      .map((i) => pathKey(i.path)),
  );
  const out: { path: PropertyKey[]; message: string }[] = [];
  for (const issue of issues) {
    if (isSafeRangeIssue(issue)) {
      if (ranged.has(pathKey(issue.path))) continue;
      out.push({
        path: issue.path,
        message: 'expected a whole number of ordinary size (within ±9,007,199,254,740,991)',
      });
    } else out.push({ path: issue.path, message: wrongTypeMessage(issue) ?? safeMessage(issue.message, 300) });
  }
  return out;
}

/**
 * For a value of the wrong type, what was expected, what was found and how to fix it, where the issue
 * carries the value (a parse with reportInput): zod says "Invalid input: expected number, received
 * string" for finals typed as "92". The value itself is left out, so rows with the same mistake give
 * the same message (grouped: describeZodError, `validate`). Null for any other issue.
 */
function wrongTypeMessage(issue: z.core.$ZodIssue): string | null {
  if (issue.code !== 'invalid_type' || !('input' in issue)) return null;
  const expected = EXPECTED_WORDS[issue.expected];
  if (expected === undefined) return null;
  const input: unknown = issue.input;
  if (issue.expected === 'number' && typeof input === 'string')
    return JSON_NUMBER.test(input)
      ? 'expected a number, found a number in quotes (text): write it without the quotes'
      : 'expected a number, found text';
  // Decimals (factors, amounts, prices) are kept as text so they stay exact: the likeliest slip.
  if (issue.expected === 'string' && typeof input === 'number')
    return 'expected text, found a number (decimals such as factors and amounts are written in quotes, e.g. "1.8")';
  return `expected ${expected}, found ${foundWords(input)}`;
}

/** A number as JSON writes one: what "write it without the quotes" leaves valid ("0x1A" and ".5" are not). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A JSON value's kind, as a message names what was found. */
function foundWords(input: unknown): string {
  if (input === undefined) return 'nothing (the field is missing)';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'boolean') return String(input);
  if (typeof input === 'object') return 'an object';
  return typeof input === 'number' ? 'a number' : 'text';
}

const EXPECTED_WORDS: Partial<Record<string, string>> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function pathKey(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('\u0000');
}

/**
 * The first `max` problems, one per distinct message at the same place in each list: 100k rows with
 * finals typed as text read "rows[0].finals: expected a number, … (and 99,999 more like it)", not five
 * rows of the same and a count.
 */
export function describeZodError(error: z.ZodError, max = 5): string {
  const groups = new Map<string, { path: PropertyKey[]; message: string; count: number }>();
  for (const issue of meaningfulIssues(error.issues)) {
    const key = `${issue.path.map((p) => (typeof p === 'number' ? '[]' : String(p))).join('\u0000')}\u0001${issue.message}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ...issue, count: 1 });
    else group.count += 1;
  }
  const all = [...groups.values()];
  const lines = all.slice(0, max).map((g) => {
    const alike = g.count > 1 ? ` (and ${groupInteger(g.count - 1)} more like it)` : '';
    return `${formatIssuePath(g.path)}: ${g.message}${alike}`;
  });
  const more = all.length > max ? ` (and ${groupInteger(all.length - max)} more)` : '';
  return lines.join('; ') + more;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Version 4 adds the rows' phasing (even, as reconciliation spread every plan before) and approved finals
 * (none typed yet), and types the actuals' match rules and manual assignments, which no release wrote
 * before: validation reports any that are not in the new form.
 */
function reconcileV3ToV4(doc: Record<string, unknown>): Result<Record<string, unknown>> {
  const rows = Array.isArray(doc.rows)
    ? doc.rows.map((row: unknown) =>
        isObject(row) ? { ...row, phasing: row.phasing ?? 'even', approvedFinals: row.approvedFinals ?? null } : row,
      )
    : doc.rows;
  return ok({ ...doc, rows });
}

/**
 * Version 3 adds the row input inputFidelity (OpenAI's input_fidelity for reference images). Plans saved
 * before it sent no input_fidelity, which the API takes as low: every row gets low, so no estimate moves.
 * Anything that is not a row object is left for validation to report.
 */
function inputFidelityV2ToV3(doc: Record<string, unknown>): Result<Record<string, unknown>> {
  const rows = Array.isArray(doc.rows)
    ? doc.rows.map((row: unknown) =>
        isObject(row) && !('inputFidelity' in row) ? { ...row, inputFidelity: 'low' } : row,
      )
    : doc.rows;
  return ok({ ...doc, rows });
}

/**
 * Version 1 kept a placeholder for actuals ({ batches: [] }) that no release ever filled; version 2 holds
 * the import ledger. An empty placeholder becomes an empty ledger. Anything else in it was written by
 * something this version cannot read: the plan is refused (saying what to do) rather than losing it.
 */
function actualsV1ToV2(doc: Record<string, unknown>): Result<Record<string, unknown>> {
  const actuals = doc.actuals;
  if (actuals === undefined) return ok({ ...doc, actuals: { batches: [], rules: [], assignments: [] } });
  if (!isObject(actuals)) return fail('actuals: expected an object');
  const batches = actuals.batches;
  const others = Object.keys(actuals).filter((k) => k !== 'batches');
  const kept = Array.isArray(batches) ? batches.length : 0;
  if (kept > 0 || others.length > 0 || (batches !== undefined && !Array.isArray(batches))) {
    const what = [kept > 0 ? `${kept} actuals batch(es)` : '', ...others.map((k) => `"actuals.${k}"`)].filter(Boolean);
    return fail(
      `this version 1 plan holds ${what.join(' and ') || 'actuals'} in a form no Pixel Ledger release wrote, which this version cannot read: to open the plan, empty its "actuals" section ({"batches": []}) and import the actuals files again`,
    );
  }
  return ok({ ...doc, actuals: { batches: [], rules: [], assignments: [] } });
}

/**
 * Upgrades an older document to the current schema version, one step per version, so any saved plan can
 * always be read (or is refused with the reason, never half-read).
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Result<Record<string, unknown>>> = {
  1: actualsV1ToV2,
  2: inputFidelityV2ToV3,
  3: reconcileV3ToV4,
};

/**
 * Checks a document's schema version and migrates it to the current one (nothing else is validated):
 * for plans, and for the plan data a workbook embeds.
 */
export function upgradePlanDocument(value: unknown): Result<Record<string, unknown>> {
  if (!isObject(value) || !('schemaVersion' in value)) {
    return fail('this is not a Pixel Ledger plan: the document has no schemaVersion');
  }
  let version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`schemaVersion: expected a whole number, found ${showValue(JSON.stringify(version) ?? 'nothing')}`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return fail(
      `this plan was saved by a newer Pixel Ledger (schema version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}): update Pixel Ledger to open it`,
    );
  }
  let doc: Record<string, unknown> = value;
  while (version < CURRENT_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return fail(`no migration from schema version ${version}`);
    const next = step(doc);
    if (!next.ok) return next;
    doc = { ...next.value, schemaVersion: version + 1 };
    version += 1;
  }
  return ok(doc);
}

/** Reads a parsed JSON value as a plan: version check, migration, then full validation. All or nothing. */
export function parsePlanDocument(value: unknown): Result<PlanDocument> {
  return parseDocument(value, null, null);
}

/**
 * parsePlanDocument, given the value's rows and scenarios if checkedRows and checkedScenarios have passed
 * them already (else null).
 */
function parseDocument(
  value: unknown,
  checkedRowList: PlanRow[] | null,
  checkedScenarioList: Scenario[] | null,
): Result<PlanDocument> {
  const upgraded = upgradePlanDocument(value);
  if (!upgraded.ok) return upgraded;
  const doc = upgraded.value;
  // Lists checked before a migration are not the migrated document's.
  const same = doc === value;
  // jitless: zod would compile a checker for each object type on this first use; one document (without
  // its rows and scenarios) is read faster without.
  const plain = plainPlan(doc, same ? checkedRowList : null, same ? checkedScenarioList : null, true);
  const read = plain === null ? validatedPlan(doc) : planChecks(plain);
  if (read.ok) {
    // Rows kept as they were (the fast check's list is the file's) hold no other keys: not walked again.
    const rowsAsRead = plain !== null && plain.rows === doc.rows;
    // Scenarios the fast check took hold exactly the schema's keys, their overrides too.
    const scenariosAsRead = plain !== null && plain.scenarios === doc.scenarios;
    const unread = fieldsNotRead(doc, read.value, rowsAsRead, scenariosAsRead);
    if (unread.length > 0) leftOut.set(read.value, unread);
  }
  return read;
}

/** A key of a plan file this version does not read: the schema drops it, so saving the plan loses it. */
export interface FieldLeftOut {
  /** The row's index when the key is a row's; null for any other place's. */
  readonly row: number | null;
  /**
   * Where it sits: "rows[3]", "meta", "meta.displayCurrency", "priceEntries[0]", "priceEntries[0].pricing",
   * "scenarios[1]", "scenarios[1].overrides[4]", "actuals.batches[2]" or "top level" (the document's own).
   */
  readonly where: string;
  readonly key: string;
}

const leftOut = new WeakMap<PlanDocument, readonly FieldLeftOut[]>();

/**
 * Where a key sits, with the items of a list inside a price entry or scenario as one place
 * ("scenarios[0].overrides[]"), and every list of the actuals ledger too ("actuals.assignments[]": a plan
 * holds thousands): to say it once.
 */
export function placeAlike(field: FieldLeftOut): string {
  const where = field.where;
  // A list index ("[3]"), or a quoted key (a table's own, '["hd[2]"]'), which is left as it is.
  let keepFirstIndex = !where.startsWith('actuals.');
  return where.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, (part) => {
    if (part.startsWith('["')) return part;
    if (keepFirstIndex) {
      keepFirstIndex = false;
      return part;
    }
    return '[]';
  });
}

/** How a key is added to a place: ".pricing", or quoted when it is not a plain name ('["hd[2]"]', '["a b"]'). */
function keyPlace(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * The keys of the file `plan` was read from that this version does not read (a typo such as "finalz",
 * a script's own "costCenter"): ignored, and not written when the plan is saved. For `validate` to say
 * so. Empty for a plan not read by parsePlanText or parsePlanDocument, or one with no such key.
 */
export function fieldsLeftOut(plan: PlanDocument): readonly FieldLeftOut[] {
  return leftOut.get(plan) ?? [];
}

const DOCUMENT_KEYS: ReadonlySet<string> = new Set(Object.keys(PlanDocument.shape));

/**
 * The keys the schema does not know: the document's and each row's (unless `rowsAsRead`, by hand: a plan
 * has 100k), and at any depth of meta, the price entries, the actuals ledger and the scenarios (unless
 * `scenariosAsRead`), where `read` (the schema's reading of `doc`) lacks a key `doc` has.
 */
function fieldsNotRead(
  doc: Record<string, unknown>,
  read: PlanDocument,
  rowsAsRead: boolean,
  scenariosAsRead: boolean,
): FieldLeftOut[] {
  const out: FieldLeftOut[] = [];
  for (const key of Object.keys(doc)) if (!DOCUMENT_KEYS.has(key)) out.push({ row: null, where: 'top level', key });
  keysDropped(doc.meta, read.meta, 'meta', out);
  keysDropped(doc.priceEntries, read.priceEntries, 'priceEntries', out);
  keysDropped(doc.actuals, read.actuals, 'actuals', out);
  // Scenarios the fast check took hold exactly the schema's keys, their overrides too: nothing to find.
  if (!scenariosAsRead) keysDropped(doc.scenarios, read.scenarios, 'scenarios', out);
  if (!rowsAsRead && Array.isArray(doc.rows))
    (doc.rows as unknown[]).forEach((row, index) => {
      if (!isObject(row) || keyCount(row) === ROW_CHECKS.length) return;
      for (const key of Object.keys(row))
        if (!ROW_KEYS.has(key)) out.push({ row: index, where: `rows[${index}]`, key });
    });
  return out;
}

/**
 * The keys `original` holds, at any depth, that `read` (the schema's reading of it) does not: for the
 * parts whose schemas nest and branch (a price entry's pricing by its kind, the ledger's batches, rules and
 * assignments), where a list of known keys kept by hand would drift from the schema. The schema keeps
 * every key of a record (a per-image price table) but "__proto__", so only keys it drops are found.
 */
function keysDropped(original: unknown, read: unknown, where: string, out: FieldLeftOut[]): void {
  if (Array.isArray(original)) {
    if (!Array.isArray(read)) return;
    const count = Math.min(original.length, read.length);
    for (let i = 0; i < count; i++) {
      const item: unknown = original[i];
      // Lists of text (a batch's bucket rows, often thousands) hold no keys: no place named per item.
      if (typeof item === 'object' && item !== null) keysDropped(item, read[i], `${where}[${i}]`, out);
    }
    return;
  }
  if (!isObject(original) || !isObject(read)) return;
  for (const key of Object.keys(original)) {
    if (!Object.hasOwn(read, key)) out.push({ row: null, where, key });
    else keysDropped(original[key], read[key], where + keyPlace(key), out);
  }
}

/**
 * The happy path of reading a plan: its rows and scenarios checked by hand (checkedRows, checkedScenarios;
 * or given, when the caller checked them already), the schema reading the rest. Null when any of it is not
 * plainly valid: the schema then reads the whole, and its messages say exactly what and where. Both give
 * the same plan.
 */
function plainPlan(
  doc: Record<string, unknown>,
  checkedRowList: PlanRow[] | null,
  checkedScenarioList: Scenario[] | null,
  jitless: boolean,
): PlanDocument | null {
  const rows = checkedRowList ?? checkedRows(doc.rows);
  const scenarios = rows === null ? null : (checkedScenarioList ?? checkedScenarios(doc.scenarios));
  if (rows === null || scenarios === null) return null;
  const rest = PlanWithoutRowsOrScenarios.safeParse(doc, { jitless });
  if (!rest.success) return null;
  const { schemaVersion, meta, priceEntries, activeScenarioId, actuals } = rest.data;
  return { schemaVersion, meta, priceEntries, rows, scenarios, activeScenarioId, actuals };
}

/**
 * parsePlanDocument with the zod schema alone, no fast path: what parsePlanDocument is held to (same plan,
 * same messages) in the tests.
 */
export function parsePlanDocumentBySchema(value: unknown): Result<PlanDocument> {
  const upgraded = upgradePlanDocument(value);
  return upgraded.ok ? validatedPlan(upgraded.value) : upgraded;
}

function validatedPlan(doc: Record<string, unknown>): Result<PlanDocument> {
  // reportInput: what a wrong-typed value was, for wrongTypeMessage.
  const parsed = PlanDocument.safeParse(doc, { reportInput: true });
  if (!parsed.success) return fail(`the plan is not valid: ${describeZodError(parsed.error)}`);
  return planChecks(parsed.data);
}

/** What the schema cannot say: one set of checks for every entry point (plan-checks.ts), so what validates
 * also estimates and exports; and the actuals ledger holds together. */
function planChecks(plan: PlanDocument): Result<PlanDocument> {
  const problem = describePlanProblems(plan);
  if (problem !== null) return fail(problem);
  const ledger = validateActualsLedger(plan.actuals);
  if (!ledger.ok) return fail(`the plan is not valid: ${ledger.error}`);
  return ok(rememberValidatedPlan(plan));
}

const PlanWithoutRowsOrScenarios = PlanDocument.omit({ rows: true, scenarios: true });

/**
 * A value read as the PlanDocument schema reads it, with the schema's answer (the same plan, or the same
 * issues): the rows and scenarios of a plainly valid plan are checked by hand (checkedRows,
 * checkedScenarios), the schema reads the rest, and all of a plan that is not plainly valid. For the IPC
 * contract, which reads every plan the renderer sends: saves and autosaves of a 100k-row plan spent about
 * 200 ms each in the schema's walk of the rows.
 */
export function parseAsPlanSchema(value: unknown): z.ZodSafeParseResult<PlanDocument> {
  // Not jitless: the same checker reads every save and autosave, so zod's compiled one pays off.
  const plain = isObject(value) ? plainPlan(value, null, null, false) : null;
  return plain === null ? PlanDocument.safeParse(value) : { success: true, data: plain };
}

/** The fields an override may set (plan-schema.ts's ScenarioOverride.field). */
const OVERRIDE_FIELDS: ReadonlySet<unknown> = new Set(ROW_INPUT_FIELDS);

/**
 * The scenarios as the schema would give them, checked by hand: a scenario of "Price this plan on another
 * model" holds an override for every row (300,000 on a 100k-row plan), which the schema took ~0.5 µs each
 * to read. Null as soon as anything is not plainly valid (a value of another type, a key this version does
 * not know, which the schema would drop), so the schema reads the plan and reports it. Kept as they are.
 */
function checkedScenarios(scenarios: unknown): Scenario[] | null {
  if (!Array.isArray(scenarios)) return null;
  for (const scenario of scenarios as unknown[]) {
    if (!isObject(scenario) || keyCount(scenario) !== 4) return null;
    const { id, name, description, overrides } = scenario;
    if (!(isText(id, 1, 64) && isText(name, 1, 100) && isText(description, 0, 2000) && Array.isArray(overrides)))
      return null;
    for (const override of overrides as unknown[]) if (!isPlainOverride(override)) return null;
  }
  return scenarios as Scenario[];
}

function isPlainOverride(o: unknown): boolean {
  if (!isObject(o) || keyCount(o) !== 3) return false;
  const { rowId, field, value } = o;
  return (
    isText(rowId, 1, Infinity) &&
    OVERRIDE_FIELDS.has(field) &&
    (value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
  );
}

/** A string of `min` to `max` UTF-16 code units (the schema's min and max count them so). */
function isText(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** Each row field's fast check, in the schema's key order (the order zod gives a row's keys). */
const ROW_CHECKS: readonly (readonly [string, (value: unknown) => boolean])[] = Object.keys(PlanRow.shape).map(
  (key) => {
    const fields: Record<string, { check: (value: unknown) => boolean }> = { ...ROW_INPUTS, ...ROW_DETAILS };
    const field = fields[key];
    if (field === undefined) throw new Error(`row field ${key} has no entry in row-fields.ts`);
    return [key, field.check] as const;
  },
);

const ROW_KEYS = new Set(ROW_CHECKS.map(([key]) => key));
// The same, as two plain lists read by index: checkedRows runs them for every field of every row.
const ROW_CHECK_KEYS = ROW_CHECKS.map(([key]) => key);
const ROW_CHECK_FNS = ROW_CHECKS.map(([, check]) => check);

/** Each row field's fast check by name (row-fields.ts). */
const C = Object.fromEntries(ROW_CHECKS) as Readonly<Record<keyof PlanRow, (value: unknown) => boolean>>;

/** The fields rowFieldsValidByName reads, in the schema's order when it was written. */
const NAMED_FIELDS = [
  'model',
  'surface',
  'priceEntryId',
  'size',
  'quality',
  'finals',
  'iterationFactor',
  'draftsPerFinal',
  'draftQuality',
  'nPerRequest',
  'promptTokens',
  'promptChars',
  'referenceImages',
  'referenceSize',
  'inputFidelity',
  'cachedSharePct',
  'partialImages',
  'id',
  'name',
  'team',
  'assetType',
  'startDate',
  'endDate',
  'phasing',
  'budgetCapUsd',
  'approvedFinals',
  'notes',
];

/**
 * Every field of a row passes its fast check: one property read and one call per field, each at its own
 * place in the code, so all of them stay fast on 100k rows of the same shape (a loop over the fields
 * makes each read and call see 27 different ones). Used while its fields are the schema's (checked once
 * below); the loop otherwise.
 */
function rowFieldsValidByName(row: Record<string, unknown>): boolean {
  return (
    C.model(row.model) &&
    C.surface(row.surface) &&
    C.priceEntryId(row.priceEntryId) &&
    C.size(row.size) &&
    C.quality(row.quality) &&
    C.finals(row.finals) &&
    C.iterationFactor(row.iterationFactor) &&
    C.draftsPerFinal(row.draftsPerFinal) &&
    C.draftQuality(row.draftQuality) &&
    C.nPerRequest(row.nPerRequest) &&
    C.promptTokens(row.promptTokens) &&
    C.promptChars(row.promptChars) &&
    C.referenceImages(row.referenceImages) &&
    C.referenceSize(row.referenceSize) &&
    C.inputFidelity(row.inputFidelity) &&
    C.cachedSharePct(row.cachedSharePct) &&
    C.partialImages(row.partialImages) &&
    C.id(row.id) &&
    C.name(row.name) &&
    C.team(row.team) &&
    C.assetType(row.assetType) &&
    C.startDate(row.startDate) &&
    C.endDate(row.endDate) &&
    C.phasing(row.phasing) &&
    C.budgetCapUsd(row.budgetCapUsd) &&
    C.approvedFinals(row.approvedFinals) &&
    C.notes(row.notes)
  );
}

function rowFieldsValidByLoop(row: Record<string, unknown>): boolean {
  for (let f = 0; f < ROW_CHECK_FNS.length; f++)
    if (!(ROW_CHECK_FNS[f] as (value: unknown) => boolean)(row[ROW_CHECK_KEYS[f] as string])) return false;
  return true;
}

const rowFieldsValid =
  NAMED_FIELDS.length === ROW_CHECK_KEYS.length && ROW_CHECK_KEYS.every((key) => NAMED_FIELDS.includes(key))
    ? rowFieldsValidByName
    : rowFieldsValidByLoop;

/**
 * The keys a for-in walk of `row` visits, as the copy in checkedRows walks them (a parsed object's own:
 * it inherits none), counted without making an array of them per row as Object.keys would.
 */
function keyCount(row: object): number {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the keys are only counted
  for (const _key in row) count += 1;
  return count;
}

/**
 * The rows as the schema would give them, checked field by field with each field's fast check (a few
 * comparisons, where the schema takes microseconds a row): null as soon as one value is not plainly
 * valid, so the schema reads the plan and reports it. A row holding exactly the schema's keys is kept as
 * it is (its keys in the file's order); one with keys this version does not know is copied without them,
 * as the schema drops them.
 */
function checkedRows(rows: unknown): PlanRow[] | null {
  if (!Array.isArray(rows)) return null;
  const list = rows as unknown[];
  let out: unknown[] = list;
  for (let i = 0; i < list.length; i++) {
    const row = list[i];
    if (!isObject(row)) return null;
    if (!rowFieldsValid(row)) return null;
    if (keyCount(row) === ROW_CHECKS.length) continue;
    if (out === list) out = list.slice();
    const copy: Record<string, unknown> = {};
    for (const key in row) if (ROW_KEYS.has(key) && Object.hasOwn(row, key)) copy[key] = row[key];
    out[i] = copy;
  }
  return out as PlanRow[];
}

/**
 * Where JSON.parse stopped, in words: "at line 3, column 14", "it ends too early". Never the parser's
 * own message, which quotes the text: a file that is not a plan (a key, /etc/shadow) must not be echoed.
 */
function whereJsonFailed(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (text.trim() === '' || /Unexpected end of JSON input/.test(message)) return 'it ends too early';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return 'it has text JSON does not allow';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return `at line ${line}, column ${Number(position) - before.lastIndexOf('\n')}`;
}

/**
 * Reads plan file text (JSON). The text is parsed first (JSON.parse does not recurse, so depth cannot
 * hurt it) and the value's nesting checked by a walk that stops 64 levels down; only a text that fails
 * is scanned for its depth, which then gives the message with where it nests too deep, as before.
 */
export function parsePlanText(text: string): Result<PlanDocument> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return (
      tooDeep(text) ??
      fail(`the file is not valid JSON (${whereJsonFailed(body, e)}), so it is not a Pixel Ledger plan`)
    );
  }
  // A current plan's rows are checked first: rows the fast check keeps as they are hold plain values only,
  // so the depth walk (a visit of every value) leaves them out, and validation does not check them again.
  const current = isObject(value) && value.schemaVersion === CURRENT_SCHEMA_VERSION ? value : null;
  const rows = current === null ? null : checkedRows(current.rows);
  const scenarios = current === null || rows === null ? null : checkedScenarios(current.scenarios);
  const deep =
    current !== null && rows !== null && rows === current.rows
      ? restNestsTooDeep(current, scenarios !== null)
      : valueNestsDeeperThan(value);
  if (deep) return tooDeep(text) ?? fail(`this is not a Pixel Ledger plan: ${DEEP_VALUE}`);
  return parseDocument(value, rows, scenarios);
}

/**
 * valueNestsDeeperThan for a document whose rows hold plain values (strings, numbers, null): they are
 * three levels down, so only the document's other entries can nest too deep.
 */
function restNestsTooDeep(doc: Record<string, unknown>, scenariosChecked: boolean): boolean {
  for (const key in doc) {
    // Rows and scenarios the fast checks passed hold plain values a few levels down: no walk needed.
    if (key === 'rows' || (key === 'scenarios' && scenariosChecked)) continue;
    const item = doc[key];
    if (typeof item === 'object' && item !== null && valueNestsDeeperThan(item, MAX_JSON_DEPTH - 1)) return true;
  }
  return false;
}

const DEEP_VALUE = `the data nests more than ${MAX_JSON_DEPTH} levels deep; no Pixel Ledger plan does`;

/** The text's depth problem as parsePlanText reports it, or null when it nests no deeper than allowed. */
function tooDeep(text: string): Result<never> | null {
  const problem = jsonDepthProblem(text);
  return problem === null ? null : fail(`this is not a Pixel Ledger plan: ${problem}`);
}

/** Stable, readable file text: two-space JSON with a final newline. */
export function serializePlan(plan: PlanDocument): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

/** Rows in a piece of planTextPieces: about 3 MB of text. */
const ROWS_PER_PIECE = 4096;
/** The plan's rows, with 0 in their place: found once in its text, as JSON writes a line break in text as \\n. */
const ROWS_SLOT = '\n  "rows": 0';
const PIECE_OPEN = '{\n  "rows": [\n';
const PIECE_CLOSE = '\n  ]\n}';

/**
 * serializePlan's text in pieces, in order: joined, they are exactly serializePlan(plan). The rows come a
 * few thousand at a time, so a writer can write one piece while the next is made, and a 100k-row plan
 * never becomes one 75 MB string.
 */
export function* planTextPieces(plan: PlanDocument, rowsPerPiece = ROWS_PER_PIECE): Generator<string> {
  const rows = plan.rows;
  // The plan with 0 in its rows' place, split there.
  const outline = rows.length <= rowsPerPiece ? '' : serializePlan({ ...plan, rows: 0 } as unknown as PlanDocument);
  const at = outline.indexOf(ROWS_SLOT);
  if (at < 0) {
    yield serializePlan(plan);
    return;
  }
  yield `${outline.slice(0, at)}\n  "rows": [\n`;
  for (let start = 0; start < rows.length; start += rowsPerPiece) {
    // In a wrapper of the same depth the rows come out indented as they stand in the plan; it is cut off.
    const text = JSON.stringify({ rows: rows.slice(start, start + rowsPerPiece) }, null, 2);
    yield `${start === 0 ? '' : ',\n'}${text.slice(PIECE_OPEN.length, text.length - PIECE_CLOSE.length)}`;
  }
  yield `\n  ]${outline.slice(at + ROWS_SLOT.length)}`;
}
