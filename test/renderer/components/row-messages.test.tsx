// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import { RowMessages, rowMessageLines } from '../../../renderer/src/app/RowMessages';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';

afterEach(cleanup);

/** 30 batch rows (each warns that some batch APIs reject gpt-image-2) and one row with a size it cannot have. */
function view() {
  const plan = blankPlan('2026-11-28', 'Batch campaign');
  for (let i = 0; i < 30; i++) plan.rows.push(blankRow(`b${i}`, { name: `Batch ${i + 1}`, surface: 'batch' }));
  plan.rows.push(blankRow('bad', { name: 'Odd size', size: '1000x1000' }));
  return new PlanEstimator().view(plan);
}

describe("the app's row messages, grouped (issue 14 §5)", () => {
  it('lists one line per distinct message: the row when one row gives it, else the count and first rows', () => {
    const lines = rowMessageLines(view().rows);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      kind: 'error',
      text: expect.stringMatching(/^row 31 "Odd size": size: 1000x1000 is not a valid size for gpt-image-2/) as string,
    });
    expect(lines[1]?.kind).toBe('warning');
    expect(lines[1]?.text).toMatch(/^30 rows \(rows 1, 2, 3, …\): Batch for gpt-image-2: /);
  });

  it('shows them when opened', () => {
    render(<RowMessages rows={view().rows} />);
    const strip = screen.getByTestId<HTMLDetailsElement>('row-messages');
    expect(strip.querySelectorAll('li')).toHaveLength(0);
    strip.open = true;
    fireEvent(strip, new Event('toggle'));
    const items = [...strip.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(2);
    expect(items[1]).toMatch(/^warning: 30 rows \(rows 1, 2, 3, …\): Batch for gpt-image-2/);
  });

  it('groups sizes typed by hand that the model does not take: one line per reason, not one per size', () => {
    // 80 rows, each its own size: listed one by one they took the strip's 50 lines, hiding every other message.
    const plan = blankPlan('2026-11-28', 'Hand-typed sizes');
    for (let i = 0; i < 80; i++)
      plan.rows.push(blankRow(`s${i}`, { name: `Brief ${i + 1}`, size: `${1001 + 2 * i}x${1003 + 2 * i}` }));
    plan.rows.push(blankRow('b', { name: 'Batch', surface: 'batch' }));
    const lines = rowMessageLines(new PlanEstimator().view(plan).rows);
    expect(lines.map((l) => l.kind)).toEqual(['error', 'warning']);
    expect(lines[0]?.text).toBe(
      "80 rows (rows 1, 2, 3, …): size: the row's size is not a valid size for gpt-image-2: both edges must be multiples of 16; e.g. row 1: 1001x1003, nearest valid 1008x1008, 992x1008, 1008x992",
    );
  });
});
