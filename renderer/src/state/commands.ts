import type { PlanDocument, PlanRow, ScenarioOverride } from '../../../shared/plan/plan-schema';

/** A value a plan row holds in one field. */
export type CellValue = string | number | null;

/** Fields of a plan row a user can edit (everything but the id). */
export type EditableField = Exclude<keyof PlanRow, 'id'>;

export interface CellChange {
  readonly rowId: string;
  readonly field: EditableField;
  readonly before: CellValue;
  readonly after: CellValue;
}

export interface PlacedRow {
  /** Position in the document's row list (for inserts: where the row ends up). */
  readonly index: number;
  readonly row: PlanRow;
}

/** Whole parts of the document replaced at once: re-pricing, imports, scenario list, as-of date. */
export type DocumentParts = Partial<Omit<PlanDocument, 'schemaVersion'>>;

/** The command that replaces a scenario's overrides (a scenario edit or a reset to base). */
export type SetOverrides = Extract<Command, { kind: 'set-overrides' }>;

/**
 * Every change to a plan is one of these, holding both the old and the new values, so it can be undone
 * exactly whatever happened to the grid (sort, filter, recalculation) in between.
 */
export type Command =
  | { readonly kind: 'set-cells'; readonly label: string; readonly changes: readonly CellChange[] }
  /** Rows sorted by ascending index. */
  | { readonly kind: 'insert-rows'; readonly label: string; readonly rows: readonly PlacedRow[] }
  /** Rows sorted by ascending index, as they were before removal. */
  | { readonly kind: 'remove-rows'; readonly label: string; readonly rows: readonly PlacedRow[] }
  | {
      readonly kind: 'move-row';
      readonly label: string;
      readonly rowId: string;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'set-overrides';
      readonly label: string;
      readonly scenarioId: string;
      readonly before: readonly ScenarioOverride[];
      readonly after: readonly ScenarioOverride[];
    }
  | {
      readonly kind: 'set-parts';
      readonly label: string;
      readonly before: DocumentParts;
      readonly after: DocumentParts;
    }
  | { readonly kind: 'compound'; readonly label: string; readonly commands: readonly Command[] };

/**
 * Row positions by id for a rows array. A cell edit keeps every row where it is, so the edited array
 * shares its predecessor's index: an edit at 100k rows finds its rows without a pass over the plan.
 */
const rowIndexes = new WeakMap<readonly PlanRow[], ReadonlyMap<string, number>>();

function rowIndexOf(rows: readonly PlanRow[]): ReadonlyMap<string, number> {
  let index = rowIndexes.get(rows);
  if (index === undefined) {
    index = new Map(rows.map((r, i) => [r.id, i]));
    rowIndexes.set(rows, index);
  }
  return index;
}

function setCells(doc: PlanDocument, changes: readonly CellChange[]): PlanDocument {
  if (changes.length === 0) return doc;
  const index = rowIndexOf(doc.rows);
  const rows = doc.rows.slice();
  for (const c of changes) {
    const at = index.get(c.rowId);
    const row = at === undefined ? undefined : rows[at];
    // A change for a row the plan no longer has changes nothing, as before.
    if (at === undefined || row === undefined) continue;
    // Each row is copied once, at its first change, and that copy takes the rest: a clear of a whole
    // sheet changes ten fields a row, and copying the row for each was most of applying it.
    if (row !== doc.rows[at]) (row as Record<EditableField, CellValue>)[c.field] = c.after;
    else rows[at] = { ...row, [c.field]: c.after };
  }
  rowIndexes.set(rows, index);
  return { ...doc, rows };
}

/**
 * The rows of an insert or remove, which every command places in order (planAddRow, planDuplicateRows,
 * planDeleteRows, a paste's new rows, and the inverse of each): one pass over the plan places them all.
 */
function inOrder(placed: readonly PlacedRow[]): readonly PlacedRow[] {
  placed.forEach((p, i) => {
    if (!(p.index >= 0 && (i === 0 || p.index > (placed[i - 1] as PlacedRow).index)))
      throw new RangeError('the rows of an insert or remove are placed at indexes that go up');
  });
  return placed;
}

/**
 * Inserts each placed row at its index, its place in the result (as inserting them one after another
 * does). One pass: one insertion at a time moved the rows after it each time (duplicating 50k of 100k
 * rows, 10^9 moves).
 */
function insertRows(doc: PlanDocument, placed: readonly PlacedRow[]): PlanDocument {
  const rows: PlanRow[] = [];
  let next = 0;
  for (const p of inOrder(placed)) {
    while (rows.length < p.index && next < doc.rows.length) rows.push(doc.rows[next++] as PlanRow);
    rows.push(p.row);
  }
  for (; next < doc.rows.length; next++) rows.push(doc.rows[next] as PlanRow);
  return { ...doc, rows };
}

/** Removes the rows at the placed indexes (of the rows before), in one pass. */
function removeRows(doc: PlanDocument, placed: readonly PlacedRow[]): PlanDocument {
  const removed = new Set(inOrder(placed).map((p) => p.index));
  return { ...doc, rows: doc.rows.filter((_row, i) => !removed.has(i)) };
}

function moveRow(doc: PlanDocument, from: number, to: number): PlanDocument {
  const rows = [...doc.rows];
  const [row] = rows.splice(from, 1);
  if (row === undefined) return doc;
  rows.splice(to, 0, row);
  return { ...doc, rows };
}

function setOverrides(doc: PlanDocument, scenarioId: string, overrides: readonly ScenarioOverride[]): PlanDocument {
  return {
    ...doc,
    scenarios: doc.scenarios.map((s) => (s.id === scenarioId ? { ...s, overrides: [...overrides] } : s)),
  };
}

/** Makes `scenarioId` (null = the base plan) the active scenario: one undo step. */
export function planSwitchScenario(doc: PlanDocument, scenarioId: string | null): Command {
  return {
    kind: 'set-parts',
    label: 'Switch scenario',
    before: { activeScenarioId: doc.activeScenarioId },
    after: { activeScenarioId: scenarioId },
  };
}

/** Applies a command to a document, returning a new document (the input is never mutated). */
export function applyCommand(doc: PlanDocument, command: Command): PlanDocument {
  switch (command.kind) {
    case 'set-cells':
      return setCells(doc, command.changes);
    case 'insert-rows':
      return insertRows(doc, command.rows);
    case 'remove-rows':
      return removeRows(doc, command.rows);
    case 'move-row':
      return moveRow(doc, command.from, command.to);
    case 'set-overrides':
      return setOverrides(doc, command.scenarioId, command.after);
    case 'set-parts':
      return { ...doc, ...command.after };
    case 'compound':
      return command.commands.reduce(applyCommand, doc);
  }
}

/** The command that takes the document back to where it was before `command`. */
export function invertCommand(command: Command): Command {
  switch (command.kind) {
    case 'set-cells':
      // Reversed, so a cell changed twice in one command ends at its first value.
      return {
        kind: 'set-cells',
        label: command.label,
        changes: [...command.changes]
          .reverse()
          .map((c) => ({ rowId: c.rowId, field: c.field, before: c.after, after: c.before })),
      };
    case 'insert-rows':
      return { kind: 'remove-rows', label: command.label, rows: command.rows };
    case 'remove-rows':
      return { kind: 'insert-rows', label: command.label, rows: command.rows };
    case 'move-row':
      return { kind: 'move-row', label: command.label, rowId: command.rowId, from: command.to, to: command.from };
    case 'set-overrides':
      return { ...command, before: command.after, after: command.before };
    case 'set-parts':
      return { ...command, before: command.after, after: command.before };
    case 'compound':
      return { kind: 'compound', label: command.label, commands: [...command.commands].reverse().map(invertCommand) };
  }
}
