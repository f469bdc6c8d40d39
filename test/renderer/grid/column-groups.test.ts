import { describe, expect, it } from 'vitest';
import { columnLayoutState, COLUMN_GROUPS, MONEY_PIN_MIN_WIDTH } from '../../../renderer/src/grid/column-groups';
import { createColumnDefs, MONEY_IN_VIEW } from '../../../renderer/src/grid/columns';

const defs = createColumnDefs({ sizeEditor: 'size', choiceEditor: 'choice' });
const ids = defs.map((d) => d.colId ?? '');

describe('the money stays in view (issue 9 §4)', () => {
  it('pins the campaign line left and the money right, with the draft pass beside the other inputs', () => {
    expect(defs[0]?.colId).toBe('name');
    expect(defs[0]?.pinned).toBe('left');
    expect(ids.slice(-3)).toEqual([...MONEY_IN_VIEW]);
    for (const d of defs.slice(-3)) expect(d.pinned).toBe('right');
    expect(defs.filter((d) => d.pinned === 'right')).toHaveLength(3);
    const at = (id: string) => ids.indexOf(id);
    expect(at('draftsPerFinal')).toBe(at('iterationFactor') + 1);
    expect(at('draftQuality')).toBe(at('draftsPerFinal') + 1);
    expect(at('budgetCapUsd')).toBe(at('draftQuality') + 1);
    expect(at('generations')).toBeGreaterThan(at('budgetCapUsd'));
  });

  it('groups every column but the campaign line, the request and the money, each column once', () => {
    const grouped = COLUMN_GROUPS.flatMap((g) => [...g.colIds]);
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const id of grouped) expect(ids).toContain(id);
    const never = ['name', 'model', 'surface', 'size', 'quality', 'finals', 'iterationFactor', ...MONEY_IN_VIEW];
    for (const id of never) expect(grouped).not.toContain(id);
  });

  it('hides the chosen groups and unpins the money when the grid is too narrow for both sides', () => {
    const wide = columnLayoutState(['schedule'], 1024);
    expect(wide.filter((s) => s.hide).map((s) => s.colId)).toEqual(['startDate', 'endDate']);
    expect(wide.filter((s) => s.pinned === 'right').map((s) => s.colId)).toEqual([...MONEY_IN_VIEW]);
    const narrow = columnLayoutState([], MONEY_PIN_MIN_WIDTH - 1);
    expect(narrow.some((s) => s.hide)).toBe(false);
    expect(narrow.filter((s) => MONEY_IN_VIEW.some((id) => id === s.colId)).map((s) => s.pinned)).toEqual([
      null,
      null,
      null,
    ]);
  });
});
