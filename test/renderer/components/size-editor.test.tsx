// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { TypeAhead } from '../../../renderer/src/grid/type-ahead';
import type { SheetContext, SheetRow } from '../../../renderer/src/grid/sheet-row';
import { SizeEditor, initialEditorText } from '../../../renderer/src/grid/SizeEditor';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';

const view = new PlanEstimator().view(createSamplePlan('2026-11-28'));
const context: SheetContext = { isSelected: () => false, typeAhead: new TypeAhead(), estimateContext: view.context };

function props(row: SheetRow, overrides: Partial<CustomCellEditorProps<SheetRow, unknown>> = {}) {
  const onValueChange = vi.fn();
  const stopEditing = vi.fn();
  // Only the props the editors read; AG Grid passes many more.
  const base = {
    data: row,
    context,
    eventKey: null,
    initialValue: row && 'row' in row ? row.row.size : '',
    value: null,
    onValueChange,
    stopEditing,
  };
  return {
    all: { ...base, ...overrides } as unknown as CustomCellEditorProps<SheetRow, unknown>,
    onValueChange,
    stopEditing,
  };
}

afterEach(cleanup);

describe('cell editors', () => {
  const ugc = view.rows[1];
  if (!ugc) throw new Error('sample rows');

  it('starts from the typed key (typing replaces the cell) or keeps the value (F2)', () => {
    expect(initialEditorText('7', '864x1536')).toBe('7');
    expect(initialEditorText(null, '864x1536')).toBe('864x1536');
    expect(initialEditorText('F2', 12)).toBe('12');
  });

  it('size editor shows the engine’s validation error in place', () => {
    const { all, onValueChange } = props(ugc);
    render(<SizeEditor {...all} />);
    const input = screen.getByLabelText('Size');
    fireEvent.change(input, { target: { value: '1000x1000' } });
    expect(screen.getByTestId('size-error').textContent).toMatch(
      /1000x1000 is not a valid size for gpt-image-2: both edges must be multiples of 16\. Nearest valid: /,
    );
    expect(onValueChange).toHaveBeenLastCalledWith('1000x1000');
    fireEvent.change(input, { target: { value: '16:9' } });
    expect(screen.queryByTestId('size-error')).toBeNull();
    expect(screen.getByText('= 1536x864')).toBeTruthy();
  });

  it('size editor offers cheaper nearby sizes and picks one on click', async () => {
    const { all, onValueChange, stopEditing } = props(ugc);
    render(<SizeEditor {...all} />);
    fireEvent.change(screen.getByLabelText('Size'), { target: { value: '1024x1024' } });
    // gpt-image-2 counts tokens by aspect steps: 1008x1056 has more pixels than 1024x1024 and costs less.
    const first = screen.getByTestId('size-hints').querySelector('button');
    expect(first?.textContent).toMatch(/^1008x1056 \(−\$[\d.]+\/image\)$/);
    expect(screen.getByTestId('size-hints-why').textContent).toMatch(/^Why: fewer output tokens at this aspect ratio/);
    if (first) fireEvent.click(first);
    expect(onValueChange).toHaveBeenLastCalledWith('1008x1056');
    await new Promise((r) => setTimeout(r, 5));
    expect(stopEditing).toHaveBeenCalled();
  });
});
