import type { RowResult } from '../estimate/estimate-plan';
import { findModel } from '../estimate/models';
import { parseSizeText } from '../estimate/sizes';
import type { PlanRow } from '../plan/plan-schema';
import { toNumber } from '../money/exact';
import { microToNumber } from '../money/rounding';
import { address } from './a1';
import { EXCEL_CELL_TEXT_LIMIT, jsonForCells } from './cell-text';
import { asReadBack, readField, writeField, type WrittenField } from './field-codec';
import { PLAN_COLUMNS, planColumnNumber, type PlanColumn } from './plan-columns';
import { rowChoiceProblems, type ChoiceField } from './row-choices';
import type { CellValue, FormulaResult } from './workbook-types';

/** What the hidden "Exact values" cell keeps for a row, as JSON. */
export interface RowOriginals {
  /** Fields whose cell cannot hold the exact value (e.g. "12.00", a preset size). */
  f?: Partial<Record<keyof PlanRow, PlanRow[keyof PlanRow]>>;
  /** Text cut at the cell limit: the cut-off tail. */
  t?: Partial<Record<keyof PlanRow, string>>;
  /** Base-plan values of fields the exported scenario overrides for this row. */
  b?: Partial<Record<keyof PlanRow, PlanRow[keyof PlanRow]>>;
  /** A model or quality the catalog does not list for the row, as exported: import keeps it while unedited. */
  u?: Partial<Record<ChoiceField, string>>;
}

export interface RowPricing {
  readonly kind: string;
  readonly profile: string;
  readonly tablePrefix: string;
}

/**
 * Engine values for every helper and derived column of one row (blank for a row with errors). The
 * pricing plumbing (profile code, kind, table) is added when known.
 */
export function engineResults(result: RowResult, pricing: RowPricing | null = null): Record<string, FormulaResult> {
  const e = result.estimate;
  if (!e.ok) return {};

  const row = result.row;
  const autoSize = e.sizeKey === 'auto' ? (findModel(row.model)?.autoSize ?? null) : null;
  const size = parseSizeText(autoSize ?? e.sizeKey ?? '');
  const ref = row.referenceImages > 0 ? parseSizeText(row.referenceSize) : null;
  // One object literal of fixed shape (no spread): this runs for every row of a 100k-row export.
  return {
    profile: pricing?.profile ?? '',
    pricingKind: pricing?.kind ?? '',
    tablePrefix: pricing ? pricing.tablePrefix || '-' : '',
    priceUsed: e.priceEntryIds[0] ?? '',
    width: size?.width ?? '',
    height: size?.height ?? '',
    plannedQuality: e.quality ?? '',
    plannedDraftQuality: e.draftQuality ?? '',
    refWidth: ref?.width ?? 0,
    refHeight: ref?.height ?? 0,
    finalGenerations: toNumber(e.finalGenerations),
    draftGenerations: toNumber(e.draftGenerations),
    requests: e.requests,
    outputTokensPerFinal: e.outputTokensPerFinal ?? '',
    outputTokensPerDraft: e.outputTokensPerDraft ?? '',
    textTokens: e.textInputTokensPerImage,
    imageTokens: e.imageInputTokensPerImage,
    inputCostPerImage: toNumber(e.inputCostPerImage),
    creditsPerFinalImage: e.creditsPerFinalImage === null ? '' : toNumber(e.creditsPerFinalImage),
    creditsPerDraftImage: e.creditsPerDraftImage === null ? '' : toNumber(e.creditsPerDraftImage),
    costPerFinalImage: toNumber(e.costPerFinalImage),
    costPerDraftImage: toNumber(e.costPerDraftImage),
    finalCost: microToNumber(e.finalCost),
    draftCost: microToNumber(e.draftCost),
    totalCost: microToNumber(e.totalCost),
    costPerApprovedFinal: e.costPerApprovedFinal === null ? '' : microToNumber(e.costPerApprovedFinal),
    credits: e.credits === null ? '' : microToNumber(e.credits),
    budgetRemaining: result.budgetRemaining === null ? '' : microToNumber(result.budgetRemaining),
    inputShare: e.inputShare,
    pricedFinals: row.finals,
    // The cap as the engine read it: what is left of it plus what the row spends.
    pricedBudgetCap: result.budgetRemaining === null ? '' : microToNumber(result.budgetRemaining + e.totalCost),
  };
}

/** A row's input cells as written, by Plan column position (undefined for the other columns). */
function writeInputs(row: PlanRow): (WrittenField | undefined)[] {
  const written = new Array<WrittenField | undefined>(PLAN_COLUMNS.length);
  for (let i = 0; i < PLAN_COLUMNS.length; i++) {
    const col = PLAN_COLUMNS[i];
    if (col?.role === 'input' && col.field !== undefined) written[i] = writeField(col.field, row[col.field]);
  }
  return written;
}

/** The hidden exact-values record of a row (from its cells as written), or null when every cell reads back exactly. */
function rowOriginals(
  shown: PlanRow,
  written: readonly (WrittenField | undefined)[],
  base: PlanRow,
  overridden: ReadonlySet<string>,
): RowOriginals | null {
  const out: RowOriginals = {};
  for (let i = 0; i < PLAN_COLUMNS.length; i++) {
    const field = PLAN_COLUMNS[i]?.field;
    const cell = written[i];
    if (field === undefined || cell === undefined) continue;
    const value = shown[field];
    if (cell.cutTail !== '') {
      out.t = { ...out.t, [field]: cell.cutTail };
      continue;
    }
    const back = readField(field, asReadBack(cell.cell));
    if (!back.ok || back.value !== value) out.f = { ...out.f, [field]: value };
  }
  // Always kept for overridden fields: import needs the base value even when finance edits the cell.
  for (const field of overridden) {
    const key = field as keyof PlanRow;
    out.b = { ...out.b, [key]: base[key] };
  }
  for (const problem of rowChoiceProblems(shown)) out.u = { ...out.u, [problem.field]: String(shown[problem.field]) };
  if (!out.f && !out.t && !out.b && !out.u) return null;
  // The record must fit one cell: long texts that only lost characters XML cannot carry are the one
  // thing given up (the cell keeps their readable text).
  if (out.f && JSON.stringify(out).length > EXCEL_CELL_TEXT_LIMIT) {
    const kept = Object.fromEntries(Object.entries(out.f).filter(([, v]) => typeof v !== 'string' || v.length < 1000));
    out.f = Object.keys(kept).length > 0 ? kept : undefined;
  }
  return out.f || out.t || out.b || out.u ? out : null;
}

/** A helper or derived column's shared formula, laid out once per export rather than per cell. */
interface ComputedColumn {
  readonly formula: string;
  /** The column's row-2 cell: the shared formula's master. */
  readonly masterRef: string;
  /** The cells the master's formula fills; null when the plan has one row (a plain formula then). */
  readonly sharedRange: string | null;
}

export interface PlanRowContext {
  /** By Plan column position; undefined for the columns that hold no formula. */
  readonly computed: readonly (ComputedColumn | undefined)[];
}

/** What every row of a Plan sheet of `rowCount` rows shares: the formula of each computed column. */
export function planRowContext(formulas: ReadonlyMap<string, string>, rowCount: number): PlanRowContext {
  const computed = PLAN_COLUMNS.map((col): ComputedColumn | undefined => {
    if (col.role !== 'helper' && col.role !== 'derived') return undefined;
    const column = planColumnNumber(col.key);
    const masterRef = address(column, 2);
    return {
      formula: formulas.get(col.key) ?? '""',
      masterRef,
      sharedRange: rowCount > 1 ? `${masterRef}:${address(column, rowCount + 1)}` : null,
    };
  });
  return { computed };
}

/** A row's errors and warnings as the one-line texts the Plan sheet and the CSV show. */
export function issueText(result: RowResult): { errors: string; warnings: string } {
  const e = result.estimate;
  const errors = e.errors.map((i) => `${i.field}: ${i.message}`).join('; ');
  return { errors, warnings: e.warnings.join('; ') };
}

/**
 * Every cell of the Plan row at `index` (0-based; sheet row index + 2). `base` is the row in the base
 * plan and `overridden` the fields the exported scenario overrides in it (for the hidden exact values).
 */
export function planRowCells(
  result: RowResult,
  index: number,
  pricing: RowPricing | null,
  base: PlanRow,
  overridden: ReadonlySet<string>,
  ctx: PlanRowContext,
): CellValue[] {
  const sheetRow = index + 2;
  const results = engineResults(result, pricing);
  const { errors, warnings } = issueText(result);
  // Each input is written once: the cells and the exact-values record both come from these.
  const written = writeInputs(result.row);
  const originals = rowOriginals(result.row, written, base, overridden);
  const cells: CellValue[] = [];
  let cutNote = '';
  for (let i = 0; i < PLAN_COLUMNS.length; i++) {
    const col = PLAN_COLUMNS[i] as PlanColumn;
    switch (col.role) {
      case 'input': {
        const w = written[i];
        if (w === undefined) {
          cells.push(null);
          break;
        }
        if (w.cutTail !== '')
          cutNote = `${col.header} cut at Excel's 32,767-character cell limit (the full text comes back on import)`;
        cells.push(w.cell);
        break;
      }
      case 'info':
        if (col.key === 'errors') cells.push(errors === '' ? null : errors);
        else cells.push([warnings, cutNote].filter((s) => s !== '').join('; ') || null);
        break;
      case 'machine':
        cells.push(originals ? jsonForCells(originals) : null);
        break;
      case 'helper':
      case 'derived': {
        const computed = ctx.computed[i];
        if (computed === undefined) throw new RangeError(`no formula laid out for Plan column ${col.key}`);
        const result = results[col.key] ?? '';
        const { formula, masterRef, sharedRange } = computed;
        if (sheetRow !== 2) cells.push({ kind: 'shared', master: masterRef, result });
        else
          cells.push(
            sharedRange === null
              ? { kind: 'formula', formula, result }
              : { kind: 'formula', formula, result, sharedRange },
          );
        break;
      }
    }
  }
  return cells;
}
