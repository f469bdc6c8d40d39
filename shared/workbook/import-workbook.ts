import * as z from 'zod';
import { groupInteger } from '../money/format';
import { validateActualsLedger } from '../actuals/ledger/decoded-batch';
import { jsonDepthProblem } from '../json-depth';
import { upgradePlanDocument } from '../plan/plan-document';
import { describePlanProblems } from '../plan/plan-checks';
import { PlanDocument, PlanRow, type Scenario, type ScenarioOverride } from '../plan/plan-schema';
import { fieldsOfOverrides, findScenario, rowWithOverrides, ScenarioOverrides } from '../plan/scenarios';
import { ROW_FIELDS } from '../plan/row-fields';
import { PriceEntry } from '../pricing/price-entry';
import { fail, ok, type Result } from '../result';
import { safeMessage, showValue } from '../safe-text';
import { address } from './a1';
import { cellText, restoreText, xmlSafeText } from './cell-text';
import { DAYS_1900_TO_1904 } from './excel-date';
import { FIELD_KINDS, asReadBack, readField, writeField, type RawCell } from './field-codec';
import { DATA_SHEET, WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION, type LongRowTexts } from './info-sheets';
import { PLAN_COLUMNS, PLAN_SHEET } from './plan-columns';
import { TOTALS_ROW_MARK } from './plan-totals';
import type { RowOriginals } from './plan-rows';
import { PRICES_SHEET } from './price-lines';
import { readPriceEdits, type PriceEdit } from './import-prices';
import { rowChoiceProblems } from './row-choices';
import { cellAt, plainText, type RawSheet, type RawWorkbook } from './raw-workbook';

export type { PriceEdit, RawSheet, RawWorkbook };

/**
 * Import of a workbook Pixel Ledger exported, after finance edited it: parse cells → map columns by
 * header → validate → match rows by the hidden row id → rebuild the plan. Formula cells are never
 * read: the engine recomputes every derived value from the inputs. Errors name the sheet and cell.
 */

export interface ImportedPlan {
  readonly document: PlanDocument;
  /** Rows that had no (or a duplicated) row id and got a new one. */
  readonly newRowIds: readonly string[];
  readonly priceEdits: readonly PriceEdit[];
  readonly warnings: readonly string[];
}

const MAX_ERRORS = 12;
/**
 * Cell errors read before the Plan sheet is left unread: enough to count a problem filled down a
 * 100k-row sheet (groupedCellErrors gives it once, with its count), bounded for a sheet of garbage.
 */
const MAX_ERRORS_READ = 100_000;

const Embedded = z.object({
  format: z.literal(WORKBOOK_FORMAT),
  version: z.number().int(),
  scenarioId: z.string().nullable(),
  plan: z.record(z.string(), z.unknown()),
  texts: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

function readEmbedded(workbook: RawWorkbook): Result<z.infer<typeof Embedded>> {
  const data = workbook.sheets.get(DATA_SHEET);
  if (!data)
    return fail(
      `the workbook has no ${DATA_SHEET} sheet (hidden): it was not exported by Pixel Ledger, or the sheet was deleted. Export the plan again and edit that workbook`,
    );
  let json = '';
  // Each piece went through the writer's neutraliser: a piece starting with - or = got an apostrophe.
  for (let r = 2; r <= data.rows.length; r++) json += restoreText(plainText(cellAt(data, r, 1)));
  const tooDeep = jsonDepthProblem(json);
  if (tooDeep !== null) return fail(`${DATA_SHEET}!A2: the plan data is damaged: ${tooDeep}`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail(`${DATA_SHEET}!A2: the plan data is damaged (not valid JSON); export the plan again`);
  }
  const parsed = Embedded.safeParse(value);
  if (!parsed.success) return fail(`${DATA_SHEET}!A2: this is not Pixel Ledger plan data; export the plan again`);
  if (parsed.data.version > WORKBOOK_FORMAT_VERSION)
    return fail(
      `the workbook was exported by a newer Pixel Ledger (workbook format ${parsed.data.version}); update Pixel Ledger to import it`,
    );
  return ok(parsed.data);
}

/** Header text → column, case- and space-insensitive. */
function normalizeHeader(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface PlanColumnMap {
  /** 1-based sheet column of each mapped column key. */
  readonly columnOf: ReadonlyMap<string, number>;
}

const NEEDED = PLAN_COLUMNS.filter((c) => c.role === 'input' || c.key === 'originals');
/** Each column by its header, and by the headers earlier versions exported (workbooks finance still has). */
const BY_HEADER = new Map(
  NEEDED.flatMap((c) => [c.header, ...(c.formerHeaders ?? [])].map((header) => [normalizeHeader(header), c] as const)),
);

/** Which sheet columns import reads (so a streaming reader can drop the rest early). */
export function neededPlanColumns(header: ReadonlyArray<RawCell | undefined>): Set<number> {
  const out = new Set<number>();
  header.forEach((cell, i) => {
    if (BY_HEADER.has(normalizeHeader(plainText(cell ?? null)))) out.add(i + 1);
  });
  return out;
}

/**
 * Row inputs added after the first exported layout: a workbook exported before one was added has no
 * column for it, and its rows take the field's default (what the plan migration gives them too).
 */
const INPUTS_ADDED_LATER: ReadonlySet<string> = new Set(['inputFidelity', 'phasing', 'approvedFinals']);

function mapPlanColumns(sheet: RawSheet): Result<PlanColumnMap> {
  const header = sheet.rows[0] ?? [];
  const columnOf = new Map<string, number>();
  header.forEach((cell, i) => {
    const col = BY_HEADER.get(normalizeHeader(plainText(cell ?? null)));
    if (col && !columnOf.has(col.key)) columnOf.set(col.key, i + 1);
  });
  const missing = NEEDED.filter((c) => c.role === 'input' && !columnOf.has(c.key) && !INPUTS_ADDED_LATER.has(c.key));
  if (missing.length > 0) {
    const names = missing.map((c) => `"${c.header}"${c.hidden ? ' (hidden)' : ''}`).join(', ');
    return fail(
      `${sheet.name}!1:1: the column${missing.length > 1 ? 's' : ''} ${names} ${missing.length > 1 ? 'are' : 'is'} missing from the header row: keep the exported columns (hidden ones too) and their headers`,
    );
  }
  return ok({ columnOf });
}

function readOriginals(cell: RawCell): RowOriginals | null {
  const text = restoreText(plainText(cell));
  if (text === '') return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? v : null;
  } catch {
    return null;
  }
}

type MutableRow = Record<string, unknown>;

interface ParsedRow {
  readonly sheetRow: number;
  readonly shown: PlanRow;
  readonly base: PlanRow;
  readonly hadId: boolean;
}

function fieldColumn(map: PlanColumnMap, field: keyof PlanRow): number {
  return map.columnOf.get(field) ?? 0;
}

/** Reads one Plan row, restoring exact values the cells could not hold, and checks it. */
function readPlanRow(
  sheet: RawSheet,
  r: number,
  map: PlanColumnMap,
  errors: string[],
  date1904: boolean,
): { shown: MutableRow; originals: RowOriginals | null } | null {
  const shown: MutableRow = {};
  let rowOk = true;
  const originalsColumn = map.columnOf.get('originals');
  const originals = originalsColumn ? readOriginals(cellAt(sheet, r, originalsColumn)) : null;
  for (const col of NEEDED) {
    const field = col.field;
    if (col.role !== 'input' || field === undefined) continue;
    const column = fieldColumn(map, field);
    if (column === 0 && INPUTS_ADDED_LATER.has(field)) {
      shown[field] = ROW_FIELDS[field].defaultValue;
      continue;
    }
    const cell = cellAt(sheet, r, column);
    const raw = date1904 && FIELD_KINDS[field] === 'date' && typeof cell === 'number' ? cell + DAYS_1900_TO_1904 : cell;
    const value = readField(field, raw);
    if (!value.ok) {
      errors.push(`${sheet.name}!${address(column, r)}: ${value.error}`);
      rowOk = false;
      continue;
    }
    let v = value.value;
    const exact = originals?.f?.[field];
    if (exact !== undefined) {
      // The cell could not hold the exact value: keep it while the cell still shows what was exported.
      const exported = readField(field, asReadBack(writeField(field, exact).cell));
      if (exported.ok && exported.value === v) v = exact;
    }
    const tail = originals?.t?.[field];
    if (tail !== undefined && typeof v === 'string' && typeof raw === 'string') {
      const full = restoreText(raw) + tail;
      if (cellText(full).text === raw) v = full;
    }
    shown[field] = v;
  }
  return rowOk ? { shown, originals } : null;
}

function describeRowIssue(
  sheet: string,
  map: PlanColumnMap,
  r: number,
  issue: z.core.$ZodIssue,
  row: MutableRow,
): string {
  const field = issue.path[0];
  const column = typeof field === 'string' ? map.columnOf.get(field) : undefined;
  const where = column ? `${sheet}!${address(column, r)}` : `${sheet}!${r}:${r}`;
  const found = typeof field === 'string' ? row[field] : undefined;
  const foundText = found === undefined || found === null ? '' : `, found '${showValue(found, 40)}'`;
  return `${where}: ${safeMessage(issue.message, 300)}${foundText}`;
}

/**
 * The row's model and qualities as import takes them (row-choices.ts); one the catalog does not list is
 * kept when its cell still shows what was exported (marked in the row's hidden record).
 */
function checkModelAndChoices(
  sheet: string,
  map: PlanColumnMap,
  r: number,
  row: MutableRow,
  originals: RowOriginals | null,
  errors: string[],
): boolean {
  let fine = true;
  for (const problem of rowChoiceProblems(row)) {
    if (originals?.u?.[problem.field] === row[problem.field]) continue;
    errors.push(`${sheet}!${address(fieldColumn(map, problem.field), r)}: ${problem.message}`);
    fine = false;
  }
  return fine;
}

/** The Plan sheet's totals row (marked in its hidden "Exact values" cell): sums, not a plan row. */
function isTotalsRow(sheet: RawSheet, r: number, map: PlanColumnMap): boolean {
  const column = map.columnOf.get('originals');
  return column !== undefined && plainText(cellAt(sheet, r, column)) === TOTALS_ROW_MARK;
}

/** The row's long texts kept on the Data sheet, for each field whose cell still shows that text. */
function withLongTexts(row: MutableRow, texts: Record<string, string> | undefined): MutableRow {
  if (!texts) return row;
  let out = row;
  for (const [field, exact] of Object.entries(texts))
    if (row[field] === xmlSafeText(exact)) out = { ...out, [field]: exact };
  return out;
}

function readPlanRows(
  sheet: RawSheet,
  map: PlanColumnMap,
  errors: string[],
  options: { date1904: boolean; texts: LongRowTexts | undefined },
): { rows: ParsedRow[]; newRowIds: string[]; stopped: boolean } {
  const { date1904, texts } = options;
  const parsed: { r: number; shown: MutableRow; originals: RowOriginals | null }[] = [];
  const readColumns = NEEDED.map((c) => map.columnOf.get(c.key)).filter((c): c is number => c !== undefined);
  let stopped = false;
  for (let r = 2; r <= sheet.rows.length; r++) {
    const cells = sheet.rows[r - 1];
    if (!cells) continue;
    // Rows with nothing in the columns import reads (e.g. formulas filled down below the plan) are skipped.
    const blank = readColumns.every((column) => {
      const cell = cells[column - 1];
      return cell === undefined || cell === null || plainText(cell).trim() === '';
    });
    if (blank || isTotalsRow(sheet, r, map)) continue;
    if (errors.length >= MAX_ERRORS_READ) {
      stopped = true;
      break;
    }
    const row = readPlanRow(sheet, r, map, errors, date1904);
    if (row) parsed.push({ r, ...row });
  }
  // Match by id: a blank id is a new row; a repeated id (a copied row) is a new row too.
  const taken = new Set<string>();
  const used = new Set(parsed.map((p) => String(p.shown.id ?? '')).filter((id) => id !== ''));
  let counter = 1;
  const freshId = () => {
    while (used.has(`row-${counter}`)) counter += 1;
    const id = `row-${counter}`;
    used.add(id);
    return id;
  };
  const rows: ParsedRow[] = [];
  const newRowIds: string[] = [];
  for (const p of parsed) {
    let id = String(p.shown.id ?? '');
    const hadId = id !== '' && !taken.has(id);
    if (!hadId) {
      id = freshId();
      newRowIds.push(id);
    }
    taken.add(id);
    const shown = withLongTexts({ ...p.shown, id }, hadId && texts && Object.hasOwn(texts, id) ? texts[id] : undefined);
    if (!checkModelAndChoices(sheet.name, map, p.r, shown, p.originals, errors)) continue;
    const base = hadId && p.originals?.b ? { ...shown, ...p.originals.b } : shown;
    const check = PlanRow.safeParse(base);
    if (!check.success) {
      for (const issue of check.error.issues.slice(0, 3))
        errors.push(describeRowIssue(sheet.name, map, p.r, issue, base));
      continue;
    }
    // The scenario view differs from the base row only in overridden fields: check it only then.
    let shownRow: PlanRow = check.data;
    if (base !== shown) {
      const shownCheck = PlanRow.safeParse(shown);
      if (!shownCheck.success) {
        for (const issue of shownCheck.error.issues.slice(0, 3))
          errors.push(describeRowIssue(sheet.name, map, p.r, issue, shown));
        continue;
      }
      shownRow = shownCheck.data;
    }
    rows.push({ sheetRow: p.r, shown: shownRow, base: check.data, hadId });
  }
  return { rows, newRowIds, stopped };
}

/** Scenario overrides for what finance changed in the scenario's view of overridden fields. */
function scenarioEdits(rows: readonly ParsedRow[], scenario: Scenario): ScenarioOverride[] {
  const added: ScenarioOverride[] = [];
  const overrides = new ScenarioOverrides(scenario);
  for (const row of rows) {
    const own = overrides.forRow(row.base.id);
    if (own.length === 0) continue;
    const view = rowWithOverrides(row.base, own, scenario);
    if (!view.ok) continue;
    const exported = view.value;
    for (const f of fieldsOfOverrides(own)) {
      const field = f as keyof PlanRow;
      if (exported[field] !== row.shown[field])
        added.push({
          rowId: row.base.id,
          field: field as ScenarioOverride['field'],
          value: row.shown[field],
        });
    }
  }
  return added;
}

/** Rebuilds a plan from an exported (and edited) workbook. All or nothing. */
export function importPlanWorkbook(workbook: RawWorkbook): Result<ImportedPlan> {
  const embedded = readEmbedded(workbook);
  if (!embedded.ok) return embedded;
  const planSheet = workbook.sheets.get(PLAN_SHEET);
  if (!planSheet)
    return fail(
      `the workbook has no ${PLAN_SHEET} sheet: it must keep the sheet named "${PLAN_SHEET}" (rename it back if it was renamed)`,
    );
  const map = mapPlanColumns(planSheet);
  if (!map.ok) return map;
  const meta = upgradePlanDocument(embedded.value.plan);
  if (!meta.ok) return fail(`${DATA_SHEET}!A2: ${meta.error}`);
  const basePlan = PlanDocument.omit({ rows: true }).safeParse(meta.value);
  if (!basePlan.success || !validateActualsLedger(basePlan.data.actuals).ok)
    return fail(`${DATA_SHEET}!A2: the plan data does not describe a valid plan; export the plan again`);
  const scenarioId = embedded.value.scenarioId;
  const scenario = scenarioId === null ? null : (findScenario({ ...basePlan.data, rows: [] }, scenarioId) ?? null);

  const errors: string[] = [];
  const warnings: string[] = [];
  const {
    rows,
    newRowIds,
    stopped: stoppedReading,
  } = readPlanRows(planSheet, map.value, errors, {
    date1904: workbook.date1904 ?? false,
    texts: embedded.value.texts,
  });
  const prices = readPriceEdits(workbook.sheets.get(PRICES_SHEET), basePlan.data.priceEntries, errors, warnings);
  if (errors.length > 0) {
    const stopped = stoppedReading ? `\n(reading stopped after ${groupInteger(MAX_ERRORS_READ)} problems)` : '';
    return fail(groupedCellErrors(errors, MAX_ERRORS) + stopped);
  }

  let scenarios = basePlan.data.scenarios;
  if (scenario) {
    const added = scenarioEdits(rows, scenario);
    if (added.length > 0)
      scenarios = scenarios.map((s) => (s.id === scenario.id ? { ...s, overrides: [...s.overrides, ...added] } : s));
  }
  // Every part was validated above (rows one by one with cell addresses, ids unique by construction);
  // the edited price entries are checked here, so the document needs no second full pass.
  for (const edit of prices.edits) {
    const entry = prices.entries.find((e) => e.id === edit.entryId);
    if (entry && !PriceEntry.safeParse(entry).success)
      return fail(`${edit.cell}: the edited price makes entry ${edit.entryId} invalid`);
  }
  const document: PlanDocument = {
    ...basePlan.data,
    priceEntries: prices.entries,
    scenarios,
    rows: rows.map((r) => r.base),
  };
  // The same checks as every other entry point (a workbook's Data sheet can be edited by hand).
  const problem = describePlanProblems(document);
  if (problem !== null) return fail(`${DATA_SHEET}!A2: ${problem}`);
  return ok({ document, newRowIds, priceEdits: prices.edits, warnings });
}

/**
 * Cell errors as read ("Plan!C3: expected a whole number of finals, found 'twelve'"), the same problem
 * down a column once: "Plan!C3: … — and 865 more cells of column C with the same problem (C6, C9, C12,
 * …)", the value found left out of the comparison. At most `max` problems, then how many more. A finance
 * team's fill-down of one bad value gave twelve lines of the same and "(and more)".
 */
export function groupedCellErrors(errors: readonly string[], max: number): string {
  const groups = new Map<string, { first: string; count: number; cells: string[]; column: string }>();
  for (const error of errors) {
    const cell = /^(.+?)!([A-Z]+)(\d+): /.exec(error);
    const message = cell === null ? error : error.slice(cell[0].length);
    const found = message.lastIndexOf(", found '");
    const problem = found >= 0 && message.endsWith("'") ? message.slice(0, found) : message;
    const key = cell === null ? `\u0000${error}` : `${cell[1]}!${cell[2]}\u0000${problem}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: error, count: 1, cells: [], column: cell?.[2] ?? '' });
    else {
      group.count += 1;
      if (group.cells.length < 3 && cell !== null) group.cells.push(`${cell[2]}${cell[3]}`);
    }
  }
  const all = [...groups.values()];
  const lines = all.slice(0, max).map(({ first, count, cells, column }) => {
    if (count === 1) return first;
    if (column === '') return `${first} — and ${groupInteger(count - 1)} more like it`; // no cell to list
    const listed = `${cells.join(', ')}${count - 1 > cells.length ? ', …' : ''}`;
    const cellsWord = count - 1 === 1 ? 'cell' : 'cells';
    return `${first} — and ${groupInteger(count - 1)} more ${cellsWord} of column ${column} with the same problem (${listed})`;
  });
  const rest = all.slice(max).reduce((sum, g) => sum + g.count, 0);
  const more =
    all.length > max ? `\n(and ${groupInteger(all.length - max)} more problems, in ${groupInteger(rest)} cells)` : '';
  return lines.join('\n') + more;
}
