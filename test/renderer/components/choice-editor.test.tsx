// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { ChoiceEditor } from '../../../renderer/src/grid/ChoiceEditor';
import { inputColumn } from '../../../renderer/src/grid/input-columns';
import { TypeAhead } from '../../../renderer/src/grid/type-ahead';
import type { SheetContext, SheetRow } from '../../../renderer/src/grid/sheet-row';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';

const view = new PlanEstimator().view(createSamplePlan('2026-11-28'));
const context: SheetContext = { isSelected: () => false, typeAhead: new TypeAhead(), estimateContext: view.context };
const hero = view.rows[2];
if (!hero) throw new Error('sample rows');

/** The props AG Grid gives a popup editor opened on `field` of the hero row (only those the editor reads). */
function open(field: 'model' | 'quality' | 'surface' | 'draftQuality' | 'iterationFactor', eventKey: string | null) {
  const onValueChange = vi.fn();
  const stopEditing = vi.fn();
  const header = inputColumn(field)?.header ?? field;
  const props = {
    data: hero,
    context,
    eventKey,
    initialValue: hero?.row[field],
    value: null,
    onValueChange,
    stopEditing,
    colDef: { colId: field, headerName: header },
  } as unknown as CustomCellEditorProps<SheetRow, unknown>;
  render(<ChoiceEditor {...props} />);
  const input = screen.getByRole('combobox');
  const options = () => screen.queryAllByRole('option').map((o) => o.textContent);
  const active = () =>
    screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')?.textContent;
  return { input, options, active, onValueChange, stopEditing };
}

afterEach(cleanup);

describe('choice editor', () => {
  it('typing opens the list filtered by what was typed, the first match picked', () => {
    const quality = open('quality', 'h');
    expect((quality.input as HTMLInputElement).value).toBe('h');
    expect(quality.options()).toEqual(['high']);
    expect(quality.onValueChange).toHaveBeenLastCalledWith('high');
    fireEvent.change(quality.input, { target: { value: 'm' } });
    expect(quality.options()).toEqual(['medium']);
    expect(quality.onValueChange).toHaveBeenLastCalledWith('medium');
  });

  it('F2 shows every option with the cell’s value highlighted; arrows move and report the choice', () => {
    const quality = open('quality', null);
    expect(quality.options()).toEqual(['low', 'medium', 'high', 'auto']);
    expect(quality.active()).toBe('high');
    expect(quality.onValueChange).toHaveBeenLastCalledWith('high');
    fireEvent.keyDown(quality.input, { key: 'ArrowUp' });
    expect(quality.active()).toBe('medium');
    expect(quality.onValueChange).toHaveBeenLastCalledWith('medium');
    fireEvent.keyDown(quality.input, { key: 'ArrowDown' });
    fireEvent.keyDown(quality.input, { key: 'ArrowDown' });
    expect(quality.onValueChange).toHaveBeenLastCalledWith('auto');
  });

  it('models match by id or name; the exact id is picked, even among the shut-down ones', () => {
    const model = open('model', 'g');
    fireEvent.change(model.input, { target: { value: 'gpt-image-1' } });
    expect(model.options()).toEqual([
      'gpt-image-1.5 · GPT Image 1.5',
      'gpt-image-1-mini · GPT Image 1 mini',
      'gpt-image-1 · GPT Image 1 · shut down 2026-10-23',
    ]);
    expect(model.active()).toBe('gpt-image-1 · GPT Image 1 · shut down 2026-10-23');
    expect(model.onValueChange).toHaveBeenLastCalledWith('gpt-image-1');
    fireEvent.change(model.input, { target: { value: 'dall' } });
    expect(model.onValueChange).toHaveBeenLastCalledWith('dall-e-3');
  });

  it('lists the models shut down at the plan’s price date apart, with the day, for pricing history', () => {
    open('model', null);
    const headings = screen.getAllByRole('presentation').map((h) => h.textContent);
    expect(headings).toEqual(['Models for 2026-11-28', 'Shut down by 2026-11-28: pricing history only']);
    expect(
      screen.getByRole('option', { name: 'dall-e-2 · DALL·E 2 (historical) · shut down 2026-05-12' }),
    ).toBeTruthy();
  });

  it('clicking an option picks it and closes the editor', async () => {
    const surface = open('surface', null);
    const reseller = screen.getAllByRole('option').find((o) => o.textContent === 'reseller');
    if (!reseller) throw new Error('reseller is a billing surface');
    fireEvent.click(reseller);
    expect(surface.onValueChange).toHaveBeenLastCalledWith('reseller');
    await new Promise((r) => setTimeout(r, 5));
    expect(surface.stopEditing).toHaveBeenCalled();
  });

  it('generations per final: presets by name, and a typed number kept as a custom factor', () => {
    const presets = open('iterationFactor', 'e');
    expect(presets.options()).toEqual(['1.8 · Exploring']);
    expect(presets.onValueChange).toHaveBeenLastCalledWith('1.8');
    fireEvent.change(presets.input, { target: { value: '1' } });
    expect(presets.options()).toEqual([]);
    expect(presets.onValueChange).toHaveBeenLastCalledWith('1');
    expect(screen.getByText('Enter keeps 1 (a custom value)')).toBeTruthy();
    fireEvent.change(presets.input, { target: { value: '2.5' } });
    expect(presets.options()).toEqual(['2.5 · From scratch']);
  });

  it('draft quality offers an empty choice that says what empty means', () => {
    const draft = open('draftQuality', null);
    expect(draft.options()[0]).toBe("(empty: the model's draft default, low)");
  });

  it('says when nothing in a closed list matches, and hands the text on for the cell to refuse', () => {
    const quality = open('quality', 'z');
    expect(quality.options()).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Nothing matches “z”');
    expect(quality.onValueChange).toHaveBeenLastCalledWith('z');
  });
});
