import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { PlanDocument as PlanDocumentSchema } from '../../../shared/plan/plan-schema';
import { type CellEdit, planCellEdits, planResetOverride } from '../../../renderer/src/state/cell-edits';
import type { Command, EditableField } from '../../../renderer/src/state/commands';
import { createHistory, execute, redo, undo } from '../../../renderer/src/state/history';
import { PlanStore } from '../../../renderer/src/state/plan-store';
import {
  planAddRow,
  planDeleteRows,
  planDuplicateRows,
  planMoveRow,
  planMoveRowTo,
} from '../../../renderer/src/state/row-ops';

const START = createSamplePlan('2026-11-28');

function clone(doc: PlanDocument): PlanDocument {
  return structuredClone(doc);
}

describe('command history', () => {
  it('undoes and redoes a cell edit exactly', () => {
    const edit = planCellEdits(START, [{ rowId: 'ugc-ad-hooks', field: 'finals', value: 45 }], 'Edit Finals');
    expect(edit).not.toBeNull();
    if (!edit) return;
    let h = execute(createHistory(START), edit);
    expect(h.document.rows[1]?.finals).toBe(45);
    h = undo(h);
    expect(h.document).toEqual(START);
    h = redo(h);
    expect(h.document.rows[1]?.finals).toBe(45);
  });

  it('edits the right rows after rows were moved, added and deleted, leaving every other row the same object', () => {
    const moved = planMoveRow(START, 'ugc-ad-hooks', 1);
    if (!moved) throw new Error('no move');
    let h = execute(createHistory(START), moved);
    const first = planCellEdits(h.document, [{ rowId: 'saas-hero', field: 'finals', value: 7 }], 'Edit');
    if (!first) throw new Error('no edit');
    h = execute(h, first);
    const added = planAddRow(h.document);
    h = execute(h, added);
    const before = h.document.rows;
    const edits = planCellEdits(
      h.document,
      [
        { rowId: 'ugc-ad-hooks', field: 'finals', value: 11 },
        { rowId: 'ugc-ad-hooks', field: 'team', value: 'Brand' },
      ],
      'Edit',
    );
    if (!edits) throw new Error('no edit');
    h = execute(h, edits);
    const at = before.findIndex((r) => r.id === 'ugc-ad-hooks');
    expect(h.document.rows[at]).toMatchObject({ id: 'ugc-ad-hooks', finals: 11, team: 'Brand' });
    expect(h.document.rows.find((r) => r.id === 'saas-hero')?.finals).toBe(7);
    h.document.rows.forEach((r, i) => {
      if (i !== at) expect(r).toBe(before[i]);
    });
  });

  it('leaves out edits that change nothing', () => {
    expect(planCellEdits(START, [{ rowId: 'ugc-ad-hooks', field: 'finals', value: 30 }], 'Edit')).toBeNull();
  });

  it('writes edits in an active scenario as overrides and keeps the base rows', () => {
    const doc = { ...START, activeScenarioId: 'from-scratch' };
    const command = planCellEdits(doc, [{ rowId: 'saas-hero', field: 'finals', value: 3 }], 'Edit Finals');
    expect(command?.kind).toBe('set-overrides');
    if (!command) return;
    const h = execute(createHistory(doc), command);
    expect(h.document.rows.find((r) => r.id === 'saas-hero')?.finals).toBe(1);
    expect(h.document.scenarios[1]?.overrides).toContainEqual({ rowId: 'saas-hero', field: 'finals', value: 3 });
    const reset = planResetOverride(h.document, 'from-scratch', 'saas-hero', 'finals');
    expect(reset).not.toBeNull();
    if (!reset) return;
    expect(execute(h, reset).document.scenarios[1]?.overrides).toEqual(START.scenarios[1]?.overrides);
  });

  it('edits descriptive fields on the base row even in a scenario', () => {
    const doc = { ...START, activeScenarioId: 'from-scratch' };
    const command = planCellEdits(doc, [{ rowId: 'saas-hero', field: 'name', value: 'Hero v2' }], 'Edit name');
    expect(command?.kind).toBe('set-cells');
  });

  it('tracks unsaved changes by version: undo back to the saved state is clean again', () => {
    const store = new PlanStore(START, '/plans/q1.pxplan');
    expect(store.getSnapshot().dirty).toBe(false);
    store.execute(planAddRow(store.getSnapshot().document));
    expect(store.getSnapshot().dirty).toBe(true);
    store.undo();
    expect(store.getSnapshot().dirty).toBe(false);
    store.redo();
    const { version } = store.getSnapshot();
    store.markSaved('/plans/q1.pxplan', version);
    expect(store.getSnapshot().dirty).toBe(false);
    store.undo();
    expect(store.getSnapshot().dirty).toBe(true);
  });

  it('marks a restored plan as unsaved from the start', () => {
    const store = new PlanStore(START);
    store.load(START, null, { dirty: true });
    expect(store.getSnapshot().dirty).toBe(true);
  });

  it('duplicates, moves and deletes rows with stable, unique ids', () => {
    let h = createHistory(START);
    const dup = planDuplicateRows(h.document, ['ecom-product-pages', 'saas-hero']);
    if (!dup) throw new Error('no command');
    h = execute(h, dup);
    expect(h.document.rows.map((r) => r.id)).toEqual([
      'ecom-product-pages',
      'ecom-product-pages-2',
      'ugc-ad-hooks',
      'saas-hero',
      'saas-hero-2',
      'saas-ui-screens',
    ]);
    const move = planMoveRow(h.document, 'saas-ui-screens', -1);
    if (!move) throw new Error('no command');
    h = execute(h, move);
    expect(h.document.rows.at(-1)?.id).toBe('saas-hero-2');
    const drag = planMoveRowTo(h.document, 'saas-hero', 'ecom-product-pages');
    if (!drag) throw new Error('no command');
    h = execute(h, drag);
    expect(h.document.rows[0]?.id).toBe('saas-hero');
    const del = planDeleteRows(h.document, ['ecom-product-pages', 'saas-hero-2']);
    if (!del) throw new Error('no command');
    h = execute(h, del);
    expect(h.document.rows).toHaveLength(4);
    while (h.undoStack.length > 0) h = undo(h);
    expect(h.document).toEqual(START);
  });
});

// ---- property: any sequence of edits, pastes, fills and row operations, undone fully, restores the plan --

const FIELD_VALUES: Record<string, fc.Arbitrary<string | number | null>> = {
  finals: fc.integer({ min: 0, max: 5000 }),
  nPerRequest: fc.integer({ min: 1, max: 10 }),
  name: fc.string({ maxLength: 30 }),
  team: fc.constantFrom('Growth', 'Brand', ''),
  iterationFactor: fc.constantFrom('1.2', '1.8', '2.5', '3'),
  size: fc.constantFrom('1024x1024', '1536x1024', '864x1536', 'auto'),
  quality: fc.constantFrom('low', 'medium', 'high'),
  budgetCapUsd: fc.option(fc.constantFrom('1.00', '12.5', '100'), { nil: null }),
  promptChars: fc.option(fc.integer({ min: 0, max: 32000 }), { nil: null }),
};
const FIELDS = Object.keys(FIELD_VALUES) as EditableField[];

const cellEdit = fc
  .record({ row: fc.nat(), field: fc.constantFrom(...FIELDS) })
  .chain(({ row, field }) => (FIELD_VALUES[field] ?? fc.constant(null)).map((value) => ({ row, field, value })));

type Op =
  | { kind: 'edit'; edits: { row: number; field: EditableField; value: string | number | null }[] }
  | { kind: 'fill'; field: EditableField; from: number; count: number; value: string | number | null }
  | { kind: 'add'; at: number }
  | { kind: 'duplicate'; rows: number[] }
  | { kind: 'delete'; rows: number[] }
  | { kind: 'move'; row: number; delta: number }
  | { kind: 'drag'; row: number; onto: number }
  | { kind: 'scenario'; pick: number }
  | { kind: 'reset'; row: number; field: EditableField }
  | { kind: 'undo' }
  | { kind: 'redo' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), edits: fc.array(cellEdit, { minLength: 1, maxLength: 12 }) }),
  fc.constantFrom(...FIELDS).chain((field) =>
    fc.record({
      kind: fc.constant('fill' as const),
      field: fc.constant(field),
      from: fc.nat(),
      count: fc.integer({ min: 1, max: 6 }),
      value: FIELD_VALUES[field] ?? fc.constant(null),
    }),
  ),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), rows: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), rows: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), row: fc.nat(), delta: fc.constantFrom(-1, 1, -3, 2) }),
  fc.record({ kind: fc.constant('drag' as const), row: fc.nat(), onto: fc.nat() }),
  fc.record({ kind: fc.constant('scenario' as const), pick: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('reset' as const), row: fc.nat(), field: fc.constantFrom(...FIELDS) }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
);

function commandFor(doc: PlanDocument, o: Op): Command | null {
  const rowAt = (i: number) => doc.rows[doc.rows.length === 0 ? 0 : i % doc.rows.length];
  switch (o.kind) {
    case 'edit': {
      const edits: CellEdit[] = [];
      for (const e of o.edits) {
        const row = rowAt(e.row);
        if (row) edits.push({ rowId: row.id, field: e.field, value: e.value });
      }
      return planCellEdits(doc, edits, 'Paste');
    }
    case 'fill': {
      const edits: CellEdit[] = [];
      for (let i = 0; i < o.count; i++) {
        const row = rowAt(o.from + i);
        if (row) edits.push({ rowId: row.id, field: o.field, value: o.value });
      }
      return planCellEdits(doc, edits, 'Fill down');
    }
    case 'add':
      return planAddRow(doc, doc.rows.length === 0 ? 0 : o.at % (doc.rows.length + 1));
    case 'duplicate':
      return planDuplicateRows(
        doc,
        o.rows.flatMap((i) => (rowAt(i) ? [rowAt(i)?.id ?? ''] : [])),
      );
    case 'delete':
      return planDeleteRows(
        doc,
        o.rows.flatMap((i) => (rowAt(i) ? [rowAt(i)?.id ?? ''] : [])),
      );
    case 'move': {
      const row = rowAt(o.row);
      return row ? planMoveRow(doc, row.id, o.delta) : null;
    }
    case 'drag': {
      const row = rowAt(o.row);
      const onto = rowAt(o.onto);
      return row && onto ? planMoveRowTo(doc, row.id, onto.id) : null;
    }
    case 'scenario': {
      const next = o.pick === 0 ? null : (doc.scenarios[o.pick - 1]?.id ?? null);
      return {
        kind: 'set-parts',
        label: 'Switch scenario',
        before: { activeScenarioId: doc.activeScenarioId },
        after: { activeScenarioId: next },
      };
    }
    case 'reset': {
      const row = rowAt(o.row);
      const scenarioId = doc.activeScenarioId;
      if (!row || scenarioId === null || o.field === 'name' || o.field === 'team' || o.field === 'budgetCapUsd')
        return null;
      return planResetOverride(doc, scenarioId, row.id, o.field as Parameters<typeof planResetOverride>[3]);
    }
    default:
      return null;
  }
}

describe('undo restores the exact starting plan (property)', () => {
  it('after any random sequence of edits, pastes, fills, row and scenario operations', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const start = clone(START);
        const store = new PlanStore(start, '/plans/sample.pxplan');
        for (const o of ops) {
          if (o.kind === 'undo') store.undo();
          else if (o.kind === 'redo') store.redo();
          else store.execute(commandFor(store.getSnapshot().document, o));
          // Every intermediate document is still a valid plan.
          expect(PlanDocumentSchema.safeParse(store.getSnapshot().document).success).toBe(true);
        }
        const end = store.getSnapshot().document;
        let steps = 0;
        while (store.undo()) steps += 1;
        expect(store.getSnapshot().document).toEqual(START);
        expect(JSON.stringify(store.getSnapshot().document)).toBe(JSON.stringify(START));
        expect(store.getSnapshot().dirty).toBe(false);
        for (let i = 0; i < steps; i++) store.redo();
        expect(store.getSnapshot().document).toEqual(end);
      }),
      { numRuns: 250 },
    );
  });
});

describe('a command of many cell changes', () => {
  const field = fc.constantFrom<EditableField>('finals', 'name', 'notes', 'quality', 'iterationFactor');
  const change = fc.record({
    rowId: fc.constantFrom(...START.rows.map((r) => r.id), 'gone'),
    field,
    before: fc.constant(null),
    after: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.string({ maxLength: 4 }), fc.constant(null)),
  });

  it('changes the plan as its changes one at a time do, copying rows and leaving the plan it was given', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        const before = clone(START);
        const all: Command = { kind: 'set-cells', label: 'Clear cells', changes };
        const oneByOne = changes.reduce(
          (doc, c) => execute(createHistory(doc), { kind: 'set-cells', label: 'Edit', changes: [c] }).document,
          START,
        );
        const after = execute(createHistory(START), all).document;
        expect(after).toEqual(oneByOne);
        expect(after.rows.map((r) => Object.keys(r))).toEqual(oneByOne.rows.map((r) => Object.keys(r)));
        expect(START).toEqual(before);
        const touched = new Set(changes.map((c) => c.rowId));
        after.rows.forEach((row, i) => expect(row === START.rows[i]).toBe(!touched.has(row.id)));
      }),
      { numRuns: 200 },
    );
  });
});
