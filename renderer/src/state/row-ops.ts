import { blankRow } from '../../../shared/plan/new-plan';
import type { PlanDocument, PlanRow } from '../../../shared/plan/plan-schema';
import type { Command, PlacedRow } from './commands';

/**
 * A row id not used in the document: "<base>-2", "<base>-3"... `tried` carries, across calls that only
 * ever add to `taken`, the number each stem's search got to: ids for 50k duplicated rows of a plan whose
 * rows are "line-2" to "line-100000" would otherwise each search from 2.
 */
export function uniqueRowId(taken: ReadonlySet<string>, base: string, tried?: Map<string, number>): string {
  const stem = base.replace(/-\d+$/, '').slice(0, 56) || 'row';
  if (!taken.has(stem)) return stem;
  for (let n = tried?.get(stem) ?? 2; ; n++) {
    const id = `${stem}-${n}`;
    if (!taken.has(id)) {
      tried?.set(stem, n + 1);
      return id;
    }
  }
}

/**
 * The plan's rows by id, for `lookups` lookups: a map when there are many (a search of 100k rows for each
 * of a thousand match assignments, or a paste of 100k cells, is 10^8 steps and more), else a search, which
 * costs less than making the map (one cell edit in a 100k-row plan).
 */
export function rowFinder(doc: PlanDocument, lookups: number): (id: string) => PlanRow | undefined {
  if (lookups <= 16) return (id) => doc.rows.find((r) => r.id === id);
  const byId = new Map(doc.rows.map((r) => [r.id, r]));
  return (id) => byId.get(id);
}

/** Adds a blank row at `index` (default: the end). */
export function planAddRow(doc: PlanDocument, index = doc.rows.length): Command {
  const id = uniqueRowId(new Set(doc.rows.map((r) => r.id)), 'line');
  const at = Math.max(0, Math.min(index, doc.rows.length));
  return { kind: 'insert-rows', label: 'Add row', rows: [{ index: at, row: blankRow(id) }] };
}

/** Copies each listed row just below itself. */
export function planDuplicateRows(doc: PlanDocument, rowIds: readonly string[]): Command | null {
  const wanted = new Set(rowIds);
  const taken = new Set(doc.rows.map((r) => r.id));
  const tried = new Map<string, number>();
  const placed: PlacedRow[] = [];
  let inserted = 0;
  doc.rows.forEach((row, i) => {
    if (!wanted.has(row.id)) return;
    const id = uniqueRowId(taken, row.id, tried);
    taken.add(id);
    inserted += 1;
    const copy: PlanRow = { ...row, id, name: `${row.name} (copy)`.slice(0, 200) };
    placed.push({ index: i + inserted, row: copy });
  });
  if (placed.length === 0) return null;
  return {
    kind: 'insert-rows',
    label: placed.length === 1 ? 'Duplicate row' : `Duplicate ${placed.length} rows`,
    rows: placed,
  };
}

export function planDeleteRows(doc: PlanDocument, rowIds: readonly string[]): Command | null {
  const wanted = new Set(rowIds);
  const placed: PlacedRow[] = [];
  doc.rows.forEach((row, index) => {
    if (wanted.has(row.id)) placed.push({ index, row });
  });
  if (placed.length === 0) return null;
  return {
    kind: 'remove-rows',
    label: placed.length === 1 ? 'Delete row' : `Delete ${placed.length} rows`,
    rows: placed,
  };
}

/** Moves a row to where another row is (dragging a row onto another), in the plan's own order. */
export function planMoveRowTo(doc: PlanDocument, rowId: string, targetRowId: string): Command | null {
  const from = doc.rows.findIndex((r) => r.id === rowId);
  const to = doc.rows.findIndex((r) => r.id === targetRowId);
  if (from < 0 || to < 0 || from === to) return null;
  return { kind: 'move-row', label: 'Move row', rowId, from, to };
}

/** Moves a row up (-1) or down (+1) in the plan's own order. */
export function planMoveRow(doc: PlanDocument, rowId: string, delta: number): Command | null {
  const from = doc.rows.findIndex((r) => r.id === rowId);
  if (from < 0) return null;
  const to = Math.max(0, Math.min(doc.rows.length - 1, from + delta));
  if (to === from) return null;
  return { kind: 'move-row', label: delta < 0 ? 'Move row up' : 'Move row down', rowId, from, to };
}
