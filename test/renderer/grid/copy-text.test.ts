import type { GridApi } from 'ag-grid-community';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { generateDiversePlan } from '../../../shared/plan/diverse-plan-generator';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { parseTsv, toTsv } from '../../../renderer/src/grid/clipboard';
import { createColumnDefs } from '../../../renderer/src/grid/columns';
import type { Bounds } from '../../../renderer/src/grid/selection';
import { blockText, cellText } from '../../../renderer/src/grid/sheet-access';
import type { SheetRow } from '../../../renderer/src/grid/sheet-row';

/** Every column the grid can show, in its order ("Not priced because" among them: copy leaves it out). */
const COLUMN_IDS = createColumnDefs({ sizeEditor: null, choiceEditor: null }).map((c) => c.colId ?? '');

/** The little of AG Grid's API that copy reads: the displayed columns and rows. */
function gridOf(rows: readonly SheetRow[], colIds: readonly string[]): GridApi<SheetRow> {
  const columns = colIds.map((colId) => ({ getColId: () => colId, getColDef: () => ({ headerName: colId }) }));
  const api = {
    getAllDisplayedColumns: () => columns,
    getDisplayedRowCount: () => rows.length,
    getDisplayedRowAtIndex: (i: number) => (rows[i] === undefined ? undefined : { data: rows[i] }),
  };
  return api as unknown as GridApi<SheetRow>;
}

/** Copy as it was: each cell's text looked up on its own, then the block written as TSV. */
function copiedCellByCell(api: GridApi<SheetRow>, b: Bounds): string {
  const block: string[][] = [];
  for (let r = b.top; r <= b.bottom; r++) {
    const cells: string[] = [];
    for (let c = b.left; c <= b.right; c++) cells.push(cellText(api, r, c));
    block.push(cells);
  }
  return toTsv(block);
}

/** Text a user may type into a name or notes cell, with the characters TSV must quote. */
const typedText = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\n', '\r', '"', 'é', ',', '1') });

/** A plan's rows as the grid shows them, names and notes retyped, with a subtotal row among them. */
function sheetRows(plan: PlanDocument, names: readonly string[], subtotalAt: number): SheetRow[] {
  const retyped: PlanDocument = {
    ...plan,
    rows: plan.rows.map((row, i) => ({ ...row, name: names[i] ?? row.name, notes: names[i + 1] ?? row.notes })),
  };
  const view = new PlanEstimator().view(retyped);
  const rows: SheetRow[] = [...view.rows];
  rows.splice(subtotalAt, 0, { kind: 'subtotal', id: 'team-a', label: 'Team A', totals: view.totals });
  return rows;
}

describe('copying a block of the grid', () => {
  const plan = generateDiversePlan({ rows: 30, seed: 7 });

  it('gives the same text as copying it cell by cell (any block, any columns, special characters)', () => {
    fc.assert(
      fc.property(
        fc.array(typedText, { maxLength: 31 }),
        fc.integer({ min: 0, max: 30 }),
        fc.shuffledSubarray(COLUMN_IDS, { minLength: 1 }),
        fc.tuple(fc.nat(32), fc.nat(32), fc.nat(40), fc.nat(40)),
        (names, subtotalAt, colIds, [r1, r2, c1, c2]) => {
          const api = gridOf(sheetRows(plan, names, subtotalAt), colIds);
          const bounds = {
            top: Math.min(r1, r2),
            bottom: Math.max(r1, r2),
            left: Math.min(c1, c2),
            right: Math.max(c1, c2),
          };
          expect(blockText(api, bounds)).toBe(copiedCellByCell(api, bounds));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('copies the whole sheet: stored inputs, shown formulas, one line per row, quoted where needed', () => {
    const rows = sheetRows(plan, ['Hero "wide"\tcut'], 2);
    const api = gridOf(rows, COLUMN_IDS);
    const shown = COLUMN_IDS.filter((id) => id !== 'rowIssue');
    const text = blockText(api, { top: 0, bottom: rows.length - 1, left: 0, right: shown.length - 1 });
    const block = parseTsv(text);
    expect(block).toHaveLength(rows.length);
    expect(block[0]?.[0]).toBe('Hero "wide"\tcut');
    expect(block[2]).toEqual(shown.map(() => ''));
    const first = plan.rows[1];
    expect(block[1]?.[shown.indexOf('finals')]).toBe(String(first?.finals));
    expect(block[1]?.[shown.indexOf('rowTotal')]).toMatch(/^\$[\d,]+\.\d\d$|^not priced$/);
    expect(text).toBe(copiedCellByCell(api, { top: 0, bottom: rows.length - 1, left: 0, right: shown.length - 1 }));
  });
});
