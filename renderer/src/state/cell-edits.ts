import {
  type PlanDocument,
  type PlanRow,
  ROW_INPUT_FIELDS,
  type RowInputField,
  type ScenarioOverride,
} from '../../../shared/plan/plan-schema';
import { blankRow } from '../../../shared/plan/new-plan';
import type { CellChange, CellValue, Command, EditableField, PlacedRow, SetOverrides } from './commands';
import { rowFinder, uniqueRowId } from './row-ops';

/** A parsed value for one cell, addressed by row id and field (never by grid position). */
export interface CellEdit {
  readonly rowId: string;
  readonly field: EditableField;
  readonly value: CellValue;
}

/** The values pasted into a row a block adds (fields left out keep a new row's defaults). */
export type NewRowValues = Partial<Record<EditableField, CellValue>>;

const SCENARIO_FIELDS: ReadonlySet<string> = new Set(ROW_INPUT_FIELDS);

export function isScenarioField(field: string): field is RowInputField {
  return SCENARIO_FIELDS.has(field);
}

function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return a === b;
}

/** A scenario field set for a row: what withOverrides takes. */
interface OverrideEdit {
  readonly row: PlanRow;
  readonly field: RowInputField;
  readonly value: CellValue;
}

/**
 * Overrides after setting each edit's value for its row and field, as if set one after another: an edit
 * replaces the row's override of that field (moved to the end), and a value equal to the base value
 * means "no override" unless a "*" override covers the field. One pass over the overrides, so a paste
 * of 100k cells into a scenario with 100k overrides does not search them 100k times.
 */
function withOverrides(overrides: readonly ScenarioOverride[], edits: readonly OverrideEdit[]): ScenarioOverride[] {
  // The last edit of each row and field, in the order of those last edits; and the fields edited per row.
  const last = new Map<string, OverrideEdit>();
  const editedByRow = new Map<string, Set<string>>();
  for (const edit of edits) {
    const key = `${edit.row.id}\u0000${edit.field}`;
    last.delete(key);
    last.set(key, edit);
    let fields = editedByRow.get(edit.row.id);
    if (!fields) editedByRow.set(edit.row.id, (fields = new Set()));
    fields.add(edit.field);
  }
  // By row id, then field: no text is built per override (a scenario may hold one for each of 100k rows).
  const kept = overrides.filter((o) => editedByRow.get(o.rowId)?.has(o.field) !== true);
  const coveredByAll = new Set(kept.filter((o) => o.rowId === '*').map((o) => o.field));
  for (const { row, field, value } of last.values())
    if (!sameValue(row[field], value) || coveredByAll.has(field)) kept.push({ rowId: row.id, field, value });
  return kept;
}

/**
 * Turns parsed cell values into one command (one undo step). With a scenario active, its input fields are
 * written as that scenario's overrides (the base plan keeps its values); descriptive fields (name, team,
 * notes...) always edit the base row. Cells whose value does not change are left out; null when nothing changes.
 */
export function planCellEdits(
  doc: PlanDocument,
  edits: readonly CellEdit[],
  label: string,
  scenarioId: string | null = doc.activeScenarioId,
): Command | null {
  const findRow = rowFinder(doc, edits.length);
  const scenario = scenarioId === null ? undefined : doc.scenarios.find((s) => s.id === scenarioId);
  const changes: CellChange[] = [];
  const overrideEdits: OverrideEdit[] = [];
  // Base values already changed earlier in this batch, by row then field: no text is built per edit (a
  // clear of a 100k-row sheet makes a million).
  const pending = new Map<PlanRow, Map<EditableField, CellValue>>();
  for (const edit of edits) {
    const row = findRow(edit.rowId);
    if (!row) continue;
    if (scenario && isScenarioField(edit.field)) {
      overrideEdits.push({ row, field: edit.field, value: edit.value });
      continue;
    }
    const changed = pending.get(row);
    const before = changed?.has(edit.field) ? (changed.get(edit.field) ?? null) : row[edit.field];
    if (sameValue(before, edit.value)) continue;
    changes.push({ rowId: edit.rowId, field: edit.field, before, after: edit.value });
    if (changed === undefined) pending.set(row, new Map([[edit.field, edit.value]]));
    else changed.set(edit.field, edit.value);
  }
  const commands: Command[] = [];
  if (changes.length > 0) commands.push({ kind: 'set-cells', label, changes });
  const overrides = scenario && overrideEdits.length > 0 ? withOverrides(scenario.overrides, overrideEdits) : null;
  if (scenario && overrides && !sameOverrides(scenario.overrides, overrides)) {
    commands.push({
      kind: 'set-overrides',
      label,
      scenarioId: scenario.id,
      before: scenario.overrides,
      after: overrides,
    });
  }
  if (commands.length === 0) return null;
  return commands.length === 1 && commands[0] ? commands[0] : { kind: 'compound', label, commands };
}

function sameOverrides(a: readonly ScenarioOverride[], b: readonly ScenarioOverride[]): boolean {
  return (
    a.length === b.length &&
    a.every((o, i) => o.rowId === b[i]?.rowId && o.field === b[i]?.field && o.value === b[i]?.value)
  );
}

/** Takes a row's field back to the base plan's value in a scenario. Null when it was not overridden. */
export function planResetOverride(
  doc: PlanDocument,
  scenarioId: string,
  rowId: string,
  field: RowInputField,
): SetOverrides | null {
  const scenario = doc.scenarios.find((s) => s.id === scenarioId);
  const row = doc.rows.find((r) => r.id === rowId);
  if (!scenario || !row) return null;
  const after = withOverrides(scenario.overrides, [{ row, field, value: row[field] }]);
  if (sameOverrides(scenario.overrides, after)) return null;
  return { kind: 'set-overrides', label: `Reset ${field} to base`, scenarioId, before: scenario.overrides, after };
}

/**
 * Cell edits plus rows added at the end of the plan (a paste taller than the rows below it), as one undo
 * step. New rows get fresh ids and a new row's defaults for every field the block did not fill; their
 * values go into the base plan even with a scenario active (a scenario overrides rows that exist).
 */
export function planEditsAndNewRows(
  doc: PlanDocument,
  edits: readonly CellEdit[],
  newRows: readonly NewRowValues[],
  label: string,
): Command | null {
  const edited = planCellEdits(doc, edits, label);
  if (newRows.length === 0) return edited;
  const taken = new Set(doc.rows.map((r) => r.id));
  const tried = new Map<string, number>();
  const placed: PlacedRow[] = newRows.map((values, k) => {
    const id = uniqueRowId(taken, 'line', tried);
    taken.add(id);
    // Each value came from its own field's parser, so it has that field's type.
    const row = { ...blankRow(id), ...values } as PlanRow;
    return { index: doc.rows.length + k, row };
  });
  const inserted: Command = { kind: 'insert-rows', label, rows: placed };
  return edited ? { kind: 'compound', label, commands: [edited, inserted] } : inserted;
}
