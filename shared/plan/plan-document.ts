import type { z } from 'zod';
import { validateActualsLedger } from '../actuals/ledger/decoded-batch';
import { fail, ok, type Result } from '../result';
import { CURRENT_SCHEMA_VERSION, PlanDocument } from './plan-schema';

/** "rows[3].finals: expected a whole number" — the JSON path, then what was expected. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(document)' : out;
}

export function describeZodError(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
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
    return fail(`schemaVersion: expected a whole number, found ${JSON.stringify(version)}`);
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
  const upgraded = upgradePlanDocument(value);
  if (!upgraded.ok) return upgraded;
  const doc = upgraded.value;
  const parsed = PlanDocument.safeParse(doc);
  if (!parsed.success) return fail(`the plan is not valid: ${describeZodError(parsed.error)}`);
  const ids = new Set<string>();
  for (const [i, row] of parsed.data.rows.entries()) {
    if (ids.has(row.id)) return fail(`rows[${i}].id: the id "${row.id}" is used twice; every row needs its own id`);
    ids.add(row.id);
  }
  const ledger = validateActualsLedger(parsed.data.actuals);
  if (!ledger.ok) return fail(`the plan is not valid: ${ledger.error}`);
  return ok(parsed.data);
}

/** Reads plan file text (JSON). */
export function parsePlanText(text: string): Result<PlanDocument> {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail(
      `the file is not valid JSON (${e instanceof Error ? e.message : String(e)}), so it is not a Pixel Ledger plan`,
    );
  }
  return parsePlanDocument(value);
}

/** Stable, readable file text: two-space JSON with a final newline. */
export function serializePlan(plan: PlanDocument): string {
  return JSON.stringify(plan, null, 2) + '\n';
}
